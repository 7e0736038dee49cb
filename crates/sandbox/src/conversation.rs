//! One conversation in the sandbox: its MAIN dialog and, with MULTI_DIALOG, a post-conversation survey
//! dialog (PROTOCOL.md §6.2): main closed + survey open is `state` CLOSE with `stage` OPEN; everything
//! over is `stage` CLOSE.

use crate::world::{now_ms, AGENT_ID};
use lpchat_wire::{
    Audience, ChannelType, CloseReason, ConversationDetails, DialogDetails, DialogType, Event,
    ExConversationChange, MessagingChange, MetadataItem, OriginatorMetadata, Participant, Role,
    State,
};
use serde_json::json;

/// The survey bot.
pub const SURVEY_BOT_ID: &str = "7c1d0b55-survey-bot";

/// A dialog's events.
#[derive(Debug, Clone, Default)]
pub struct Dialog {
    /// Dialog id.
    pub id: String,
    /// Open or closed.
    pub open: bool,
    /// Sequenced events.
    pub events: Vec<MessagingChange>,
}

/// One conversation.
#[derive(Debug, Clone)]
pub struct Conversation {
    /// Id (also its MAIN dialog's id).
    pub id: String,
    /// The account.
    pub account: String,
    /// The consumer.
    pub consumer_id: String,
    /// The MAIN dialog (its `open` is the conversation's `state`).
    pub main: Dialog,
    /// The whole container (`stage`): open while the main dialog or the survey is.
    pub stage_open: bool,
    /// The survey dialog, once started.
    pub survey: Option<Dialog>,
    /// The consumer declared MULTI_DIALOG (it can take a survey).
    pub multi_dialog: bool,
    /// CONSUMER, AGENT.
    pub close_reason: Option<CloseReason>,
    /// Epoch ms.
    pub start_ts: i64,
    /// Epoch ms.
    pub end_ts: Option<i64>,
    /// Last metadata change.
    pub updated_ts: i64,
    /// Whether the agent has joined.
    pub agent_joined: bool,
    /// The assigned agent (changes on a transfer).
    pub agent_id: String,
    /// The skill the consumer asked to be routed to (`skillId`), if any.
    pub skill_id: Option<String>,
    /// The consumer's legacy satisfaction rating (1–5) and whether the issue was resolved.
    pub csat: Option<(u8, bool)>,
}

impl Conversation {
    pub(crate) fn new(account: &str, consumer_id: &str, multi_dialog: bool) -> Self {
        let now = now_ms();
        let id = uuid::Uuid::new_v4().to_string();
        Conversation {
            main: Dialog {
                id: id.clone(),
                open: true,
                events: Vec::new(),
            },
            id,
            account: account.into(),
            consumer_id: consumer_id.into(),
            stage_open: true,
            survey: None,
            multi_dialog,
            close_reason: None,
            start_ts: now,
            end_ts: None,
            updated_ts: now,
            agent_joined: false,
            agent_id: AGENT_ID.into(),
            skill_id: None,
            csat: None,
        }
    }

    /// The dialog with this id.
    pub fn dialog_mut(&mut self, dialog_id: &str) -> Option<&mut Dialog> {
        if self.main.id == dialog_id {
            Some(&mut self.main)
        } else {
            self.survey.as_mut().filter(|s| s.id == dialog_id)
        }
    }

    /// The dialog with this id.
    pub fn dialog(&self, dialog_id: &str) -> Option<&Dialog> {
        if self.main.id == dialog_id {
            Some(&self.main)
        } else {
            self.survey.as_ref().filter(|s| s.id == dialog_id)
        }
    }

    /// The dialog the conversation is in now: the survey while it runs, else MAIN.
    pub fn current_dialog(&self) -> &Dialog {
        match &self.survey {
            Some(s) if s.open => s,
            _ => &self.main,
        }
    }

    /// The consumer's text messages of the MAIN dialog are the "messages" of the control API.
    pub fn events(&self) -> &[MessagingChange] {
        &self.main.events
    }

    pub(crate) fn touch(&mut self) {
        self.updated_ts = now_ms().max(self.updated_ts + 1);
    }

    /// Appends an event to a dialog; returns it.
    pub(crate) fn append(
        &mut self,
        dialog_id: &str,
        originator: (&str, Role),
        event: Event,
        metadata: Vec<MetadataItem>,
    ) -> Option<MessagingChange> {
        let conversation_id = self.id.clone();
        let dialog = self.dialog_mut(dialog_id)?;
        let change = MessagingChange {
            sequence: Some(dialog.events.len() as i64),
            originator_id: Some(originator.0.into()),
            originator_metadata: Some(OriginatorMetadata {
                id: Some(originator.0.into()),
                role: Some(originator.1),
            }),
            server_timestamp: Some(now_ms()),
            event,
            dialog_id: dialog_id.into(),
            conversation_id: Some(conversation_id),
            message_audience: Some(Audience::All),
            metadata,
        };
        dialog.events.push(change.clone());
        Some(change)
    }

    /// Everything is over: the survey (if any) and the container close (`stage` CLOSE).
    pub(crate) fn finish(&mut self) {
        if let Some(s) = self.survey.as_mut() {
            s.open = false;
        }
        self.stage_open = false;
        self.end_ts = Some(now_ms());
    }

    /// Opens the survey dialog and returns the bot's question.
    pub(crate) fn start_survey(&mut self) -> Option<MessagingChange> {
        let id = uuid::Uuid::new_v4().to_string();
        self.survey = Some(Dialog {
            id: id.clone(),
            open: true,
            events: Vec::new(),
        });
        let replies: Vec<_> = (1..=5)
            .rev()
            .map(|n| {
                json!({"type": "button", "tooltip": n.to_string(), "title": n.to_string(),
                       "click": {"actions": [{"type": "publishText", "text": n.to_string()}],
                                 "metadata": [{"type": "Answer", "questionId": "q-csat", "id": format!("a-{n}"), "provider": "AC"}]}})
            })
            .collect();
        let question = Event::ContentEvent {
            content_type: "text/plain".into(),
            message: json!("How satisfied are you with this conversation? Answer 1 to 5."),
            quick_replies: Some(
                json!({"type": "quickReplies", "itemsPerRow": 5, "replies": replies}),
            ),
        };
        self.append(&id, (SURVEY_BOT_ID, Role::Agent), question, Vec::new())
    }

    /// The `result` of an ExConversation change.
    pub fn ex_change(&self) -> ExConversationChange {
        let word = |open: bool| if open { State::Open } else { State::Close };
        let mut participants = vec![Participant {
            id: self.consumer_id.clone(),
            role: Some(Role::Consumer),
        }];
        if self.agent_joined {
            participants.push(Participant {
                id: self.agent_id.clone(),
                role: Some(Role::AssignedAgent),
            });
        }
        let mut dialogs = vec![DialogDetails {
            dialog_id: self.main.id.clone(),
            dialog_type: Some(DialogType::Main),
            state: Some(word(self.main.open)),
            channel_type: Some(ChannelType::Messaging),
            closed_by: (!self.main.open).then_some(self.close_reason).flatten(),
            closed_cause: None,
        }];
        if let Some(s) = &self.survey {
            dialogs.push(DialogDetails {
                dialog_id: s.id.clone(),
                dialog_type: Some(DialogType::PostSurvey),
                state: Some(word(s.open)),
                channel_type: Some(ChannelType::Messaging),
                closed_by: None,
                closed_cause: None,
            });
        }
        ExConversationChange {
            conv_id: self.id.clone(),
            conversation_details: ConversationDetails {
                participants,
                state: Some(word(self.main.open)),
                stage: Some(word(self.stage_open)),
                close_reason: self.close_reason,
                start_ts: Some(self.start_ts),
                end_ts: self.end_ts,
                meta_data_last_update_ts: Some(self.updated_ts),
                dialogs,
            },
            last_update_time: Some(self.updated_ts),
        }
    }
}
