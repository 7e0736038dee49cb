//! What the control API shows of a conversation (its messages, receipts and state), and the agent's
//! messages and events it takes, as JSON.

use crate::world::Conversation;
use lpchat_wire::Event;
use serde::{Deserialize, Serialize};

/// One conversation as the control API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ConversationView {
    /// Conversation id.
    pub id: String,
    /// Account.
    pub account: String,
    /// Consumer id (JWT `sub`).
    pub consumer_id: String,
    /// `OPEN` or `CLOSE` (the MAIN dialog).
    pub state: String,
    /// `OPEN` while the main dialog or its survey is open, else `CLOSE`.
    pub stage: String,
    /// Who closed it.
    pub close_reason: Option<String>,
    /// Text messages of the MAIN dialog, in order.
    pub messages: Vec<MessageView>,
    /// Text messages of the post-conversation survey, if one ran.
    pub survey: Vec<MessageView>,
    /// Receipts (ACCEPT, READ, ACTION…) in either dialog, in order.
    #[serde(default)]
    pub receipts: Vec<ReceiptView>,
    /// The assigned agent's id.
    #[serde(default)]
    pub agent_id: String,
    /// The skill the consumer asked to be routed to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_id: Option<String>,
    /// The consumer's satisfaction rating (1–5), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat: Option<u8>,
    /// Whether the consumer said the issue was resolved, with the rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat_resolved: Option<bool>,
}

/// One AcceptStatusEvent.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptView {
    /// Its own sequence.
    pub sequence: i64,
    /// Who sent it.
    pub role: String,
    /// `ACCEPT`, `READ`, `ACTION`, …
    pub status: String,
    /// The sequences it is about.
    pub sequence_list: Vec<i64>,
    /// Request-level metadata it carried.
    pub metadata: Vec<lpchat_wire::MetadataItem>,
    /// The dialog.
    pub dialog_id: String,
}

/// Body of `POST /control/conversations/{id}/events`: any event, published by the assigned agent
/// (a ChatStateEvent is passed on, not stored, as the service does).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgentEvent {
    /// The event JSON (`{"type": "RichContentEvent", "content": …}`, …).
    pub event: serde_json::Value,
}

/// Body of `POST /control/conversations/{id}/receipts`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgentReceipts {
    /// `ACCEPT` or `READ`.
    pub status: String,
}

/// One text message.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    /// Sequence in the dialog.
    pub sequence: i64,
    /// `CONSUMER` or `ASSIGNED_AGENT`.
    pub role: String,
    /// The text.
    pub text: String,
    /// Epoch ms.
    pub server_timestamp: i64,
    /// Request-level metadata it carried (a quick reply's or card button's click).
    #[serde(default)]
    pub metadata: Vec<lpchat_wire::MetadataItem>,
    /// For a shared picture (the text is its caption): its path on the swift host
    /// (`GET /control/file?path=…` returns its bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// Body of `POST /control/conversations/{id}/messages`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgentMessage {
    /// What the agent says.
    pub text: String,
    /// Send this many messages at once ("text 1" … "text N"), at most 20,000: for long histories.
    #[serde(default)]
    pub count: Option<u32>,
}

impl From<&Conversation> for ConversationView {
    fn from(c: &Conversation) -> Self {
        ConversationView {
            id: c.id.clone(),
            account: c.account.clone(),
            consumer_id: c.consumer_id.clone(),
            state: if c.main.open { "OPEN" } else { "CLOSE" }.into(),
            stage: if c.stage_open { "OPEN" } else { "CLOSE" }.into(),
            survey: c
                .survey
                .as_ref()
                .map(|s| texts(&s.events))
                .unwrap_or_default(),
            close_reason: c.close_reason.map(|r| r.as_str().to_owned()),
            messages: texts(c.events()),
            receipts: receipts(c),
            agent_id: c.agent_id.clone(),
            skill_id: c.skill_id.clone(),
            csat: c.csat.map(|(rate, _)| rate),
            csat_resolved: c.csat.map(|(_, resolved)| resolved),
        }
    }
}

fn texts(events: &[lpchat_wire::MessagingChange]) -> Vec<MessageView> {
    events
        .iter()
        .filter_map(|e| {
            let file = e.event.as_hosted_file();
            let text = match (e.event.as_text(), &file) {
                (Some(text), _) => text.to_owned(),
                (None, Some(f)) => f.caption.clone(),
                (None, None) => return None,
            };
            Some(MessageView {
                sequence: e.sequence?,
                role: e.role()?.as_str().to_owned(),
                text,
                server_timestamp: e.server_timestamp.unwrap_or(0),
                metadata: e.metadata.clone(),
                file: file.map(|f| f.relative_path),
            })
        })
        .collect()
}

fn receipts(c: &Conversation) -> Vec<ReceiptView> {
    let survey = c
        .survey
        .as_ref()
        .map(|s| s.events.as_slice())
        .unwrap_or(&[]);
    c.events()
        .iter()
        .chain(survey)
        .filter_map(|e| match &e.event {
            Event::AcceptStatusEvent {
                status,
                sequence_list,
            } => Some(ReceiptView {
                sequence: e.sequence?,
                role: e.role()?.as_str().to_owned(),
                status: serde_json::to_value(status).ok()?.as_str()?.to_owned(),
                sequence_list: sequence_list.clone(),
                metadata: e.metadata.clone(),
                dialog_id: e.dialog_id.clone(),
            }),
            _ => None,
        })
        .collect()
}
