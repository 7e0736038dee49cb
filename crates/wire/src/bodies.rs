//! The bodies of the consumer's requests (PROTOCOL.md §3–§5), one type each.

use crate::{event::Event, ids::one_or_many, CsatStatus, DialogChangeType, ReqId, State};
use serde::{Deserialize, Serialize};

/// `ms.PublishEvent` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishEventBody {
    /// Target dialog.
    pub dialog_id: String,
    /// The conversation (optional on the wire).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// What is published.
    pub event: Event,
}

/// `cm.UpdateConversationField` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateConversationFieldBody {
    /// The conversation.
    pub conversation_id: String,
    /// One field or several.
    #[serde(deserialize_with = "one_or_many")]
    pub conversation_field: Vec<ConversationField>,
}

/// One conversation field change (PROTOCOL.md §5.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field")]
pub enum ConversationField {
    /// Close the conversation: `{"field":"ConversationStateField","conversationState":"CLOSE"}`.
    #[serde(rename = "ConversationStateField")]
    ConversationState {
        /// `Close`.
        #[serde(rename = "conversationState")]
        conversation_state: State,
    },
    /// Close one dialog (closing MAIN lets the post-conversation survey start).
    DialogChange {
        /// `Update`.
        #[serde(rename = "type")]
        change: DialogChangeType,
        /// The dialog and its new state.
        dialog: DialogChange,
    },
    /// Close the whole conversation, survey included.
    Stage {
        /// `Close`.
        #[serde(rename = "conversationState")]
        conversation_state: State,
    },
    /// Legacy CSAT after close.
    #[serde(rename = "CSATRate")]
    CsatRate {
        /// 1–5.
        #[serde(rename = "csatRate")]
        csat_rate: u8,
        /// Whether the issue was resolved.
        #[serde(rename = "csatResolutionConfirmation")]
        resolution_confirmation: bool,
        /// How far it was filled in.
        status: CsatStatus,
    },
    /// Urgency.
    #[serde(rename = "TTRField")]
    Ttr {
        /// `CUSTOM`, `NORMAL`, `PRIORITIZED`, `URGENT`.
        #[serde(rename = "ttrType")]
        ttr_type: String,
        /// Seconds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<i64>,
    },
    /// A field lpchat does not use (agent-side fields and future ones).
    #[serde(other)]
    Other,
}

/// The `dialog` of a DialogChange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialogChange {
    /// The dialog.
    pub dialog_id: String,
    /// `Close`.
    pub state: State,
    /// Why, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_cause: Option<String>,
}

/// `cm.ConsumerRequestConversation` body (PROTOCOL.md §5.1). Ids are accepted as numbers or strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationRequestBody {
    /// `MESSAGING`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<String>,
    /// `NORMAL`, `URGENT`, `PRIORITIZED` (or null).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttr_def_name: Option<String>,
    /// Routing by campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_info: Option<CampaignInfo>,
    /// The monitoring context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_context: Option<serde_json::Map<String, serde_json::Value>>,
    /// Routing by skill (`-1`: any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill_id: Option<ReqId>,
    /// The account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_id: Option<ReqId>,
}

/// `campaignInfo`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignInfo {
    /// Campaign.
    pub campaign_id: ReqId,
    /// Engagement.
    pub engagement_id: ReqId,
}

/// `cqm.UnsubscribeExConversations` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnsubscribeExConversationsBody {
    /// From the subscribe response.
    pub subscription_id: String,
}

/// `ms.GenerateURLForUploadFile` body; `fileSize` is a string in the schema and a number in tutorials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadFileBody {
    /// Bytes.
    pub file_size: ReqId,
    /// `JPG`, `PNG`, `GIF`, …
    pub file_type: String,
}

/// `ms.GenerateURLForDownloadFile` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadFileBody {
    /// The file's path on the `swift` host.
    pub relative_path: String,
}

/// `ms.SubscribeMessagingEvents` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscribeMessagingEventsBody {
    /// The dialog.
    pub dialog_id: String,
    /// First sequence to replay (inclusive).
    #[serde(default)]
    pub from_seq: i64,
    /// The conversation (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
}

/// `cqm.SubscribeExConversations` body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscribeExConversationsBody {
    /// Only conversations updated since (use 0, PROTOCOL.md §5.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_last_updated_time: Option<i64>,
    /// The conversation states wanted.
    #[serde(default, deserialize_with = "one_or_many")]
    pub conv_state: Vec<State>,
    /// The stages wanted (newer servers).
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub stage: Vec<State>,
}
