//! Requests a consumer sends (PROTOCOL.md §3–§5). The client encodes them; the sandbox decodes them.

use crate::{event::Event, ids::one_or_many, CsatStatus, DialogChangeType, ReqId, State};
use serde::{Deserialize, Serialize};

/// One request frame: `{"kind":"req","id":"…","type":"…",…}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Always `req` when sent; tolerated when missing on decode.
    #[serde(default = "req_kind")]
    pub kind: String,
    /// Unique per socket; echoed as `reqId`.
    pub id: ReqId,
    /// The type and its body.
    #[serde(flatten)]
    pub payload: RequestPayload,
    /// Request-level metadata, a sibling of `body` (PROTOCOL.md §4, §8.3); echoed on the event.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub metadata: Vec<MetadataItem>,
}

/// One metadata object: a `type` and its fields (`ExternalId {id}`, `Answer {questionId, id, provider}`, …).
/// Both directions by hand (below), from the names here: serde's `flatten` buffers through a generic
/// content tree.
#[derive(Debug, Clone, PartialEq)]
pub struct MetadataItem {
    /// The metadata type.
    pub kind: String,
    /// Its other fields.
    pub fields: serde_json::Map<String, serde_json::Value>,
}

const METADATA_TYPE: &str = "type";
const EXTERNAL_ID: &str = "ExternalId";
const EXTERNAL_ID_FIELD: &str = "id";

impl Serialize for MetadataItem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.fields.len() + 1))?;
        map.serialize_entry(METADATA_TYPE, &self.kind)?;
        for (k, v) in &self.fields {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for MetadataItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let serde_json::Value::Object(mut fields) = serde_json::Value::deserialize(d)? else {
            return Err(D::Error::custom("metadata must be an object"));
        };
        match fields.remove(METADATA_TYPE) {
            Some(serde_json::Value::String(kind)) => Ok(MetadataItem { kind, fields }),
            _ => Err(D::Error::custom("metadata without a type")),
        }
    }
}

impl MetadataItem {
    /// `{"type":"ExternalId","id":…}`: lpchat's id for a message it publishes.
    pub fn external_id(id: &str) -> Self {
        let mut fields = serde_json::Map::new();
        fields.insert(
            EXTERNAL_ID_FIELD.into(),
            serde_json::Value::String(id.to_owned()),
        );
        MetadataItem {
            kind: EXTERNAL_ID.into(),
            fields,
        }
    }

    /// The id of an `ExternalId` item.
    pub fn as_external_id(&self) -> Option<&str> {
        (self.kind == EXTERNAL_ID)
            .then(|| self.fields.get(EXTERNAL_ID_FIELD)?.as_str())
            .flatten()
    }
}

fn req_kind() -> String {
    "req".to_owned()
}

/// What a request asks for, tagged by its wire `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum RequestPayload {
    /// First frame on a browser socket: carries the JWT and client properties.
    #[serde(rename = "InitConnection", alias = ".ams.InitConnection")]
    InitConnection {
        /// ClientProperties and ConsumerAuthentication.
        #[serde(deserialize_with = "one_or_many")]
        headers: Vec<Header>,
    },
    /// Ask for a new conversation.
    #[serde(
        rename = "cm.ConsumerRequestConversation",
        alias = ".ams.cm.ConsumerRequestConversation"
    )]
    ConsumerRequestConversation {
        /// Optional routing details; the minimal request has none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<ConversationRequestBody>,
    },
    /// Publish an event (text, receipt, chat state) to a dialog.
    #[serde(rename = "ms.PublishEvent", alias = ".ams.ms.PublishEvent")]
    PublishEvent {
        /// Dialog, conversation and event.
        body: PublishEventBody,
    },
    /// Change a conversation field (close it, …).
    #[serde(
        rename = "cm.UpdateConversationField",
        alias = ".ams.cm.UpdateConversationField"
    )]
    UpdateConversationField {
        /// Conversation and fields.
        body: UpdateConversationFieldBody,
    },
    /// Replay a dialog's events from a sequence, then stream new ones.
    #[serde(
        rename = "ms.SubscribeMessagingEvents",
        alias = ".ams.ms.SubscribeMessagingEvents"
    )]
    SubscribeMessagingEvents {
        /// Dialog and first sequence.
        body: SubscribeMessagingEventsBody,
    },
    /// Subscribe to this consumer's conversations' metadata.
    #[serde(
        rename = "cqm.SubscribeExConversations",
        alias = "aam.SubscribeExConversations",
        alias = ".ams.aam.SubscribeExConversations"
    )]
    SubscribeExConversations {
        /// Filters.
        body: SubscribeExConversationsBody,
    },
    /// End the conversation-metadata subscription.
    #[serde(
        rename = "cqm.UnsubscribeExConversations",
        alias = "aam.UnsubscribeExConversations"
    )]
    UnsubscribeExConversations {
        /// Which subscription.
        body: UnsubscribeExConversationsBody,
    },
    /// Keepalive: asks the server's clock.
    #[serde(rename = "GetClock", alias = ".GetClock")]
    GetClock {},
    /// A temporary URL to upload a file to the `swift` host.
    #[serde(
        rename = "ms.GenerateURLForUploadFile",
        alias = ".ams.ms.GenerateURLForUploadFile"
    )]
    GenerateUrlForUploadFile {
        /// Size and type.
        body: UploadFileBody,
    },
    /// A temporary URL to download a shared file.
    #[serde(
        rename = "ms.GenerateURLForDownloadFile",
        alias = ".ams.ms.GenerateURLForDownloadFile"
    )]
    GenerateUrlForDownloadFile {
        /// Which file.
        body: DownloadFileBody,
    },
}

impl RequestPayload {
    /// The wire type name, for logs and the frame inspector.
    pub fn type_name(&self) -> &'static str {
        match self {
            RequestPayload::InitConnection { .. } => "InitConnection",
            RequestPayload::ConsumerRequestConversation { .. } => "cm.ConsumerRequestConversation",
            RequestPayload::PublishEvent { .. } => "ms.PublishEvent",
            RequestPayload::UpdateConversationField { .. } => "cm.UpdateConversationField",
            RequestPayload::SubscribeMessagingEvents { .. } => "ms.SubscribeMessagingEvents",
            RequestPayload::SubscribeExConversations { .. } => "cqm.SubscribeExConversations",
            RequestPayload::GetClock {} => "GetClock",
            RequestPayload::UnsubscribeExConversations { .. } => "cqm.UnsubscribeExConversations",
            RequestPayload::GenerateUrlForUploadFile { .. } => "ms.GenerateURLForUploadFile",
            RequestPayload::GenerateUrlForDownloadFile { .. } => "ms.GenerateURLForDownloadFile",
        }
    }
}

impl Request {
    /// A request with `kind: "req"`.
    pub fn new(id: ReqId, payload: RequestPayload) -> Self {
        Request {
            kind: req_kind(),
            id,
            payload,
            metadata: Vec::new(),
        }
    }

    /// The same request carrying `metadata`.
    pub fn with_metadata(mut self, metadata: Vec<MetadataItem>) -> Self {
        self.metadata = metadata;
        self
    }

    /// Decodes a request as a server would (the sandbox's side): through a JSON value, so duplicate keys
    /// (frame 56) are tolerated; the id is reported when the rest cannot be read.
    pub fn decode(text: &str) -> Result<Request, RequestError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|_| RequestError {
            id: None,
            reason: "not JSON".into(),
        })?;
        let id = value
            .get("id")
            .cloned()
            .and_then(|v| serde_json::from_value::<ReqId>(v).ok());
        serde_json::from_value(value).map_err(|e| RequestError {
            id,
            reason: e.to_string(),
        })
    }

    /// The JSON text frame, by the derived serializer (the one codec of every request).
    pub fn encode(&self) -> String {
        // Strings, numbers and JSON values only: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// An InitConnection header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Header {
    /// Who the client is and what it supports.
    #[serde(rename = ".ams.headers.ClientProperties", alias = ".ClientProperties")]
    ClientProperties(ClientProperties),
    /// The consumer JWT.
    #[serde(rename = ".ams.headers.ConsumerAuthentication")]
    ConsumerAuthentication(ConsumerAuthentication),
}

/// `.ams.headers.ClientProperties` (PROTOCOL.md §3.3). All fields optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientProperties {
    /// Application id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// Application version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_version: Option<String>,
    /// `DESKTOP`, `TABLET`, `MOBILE`, `OTHER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_family: Option<String>,
    /// `WINDOWS`, `LINUX`, `OSX`, `ANDROID`, `IOS`, `OTHER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    /// `WEB_SDK`, `MOBILE_SDK`, `BRAND_SDK`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration: Option<String>,
    /// Version of the integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_version: Option<String>,
    /// The browser (`CHROME`, `MOBILE_SAFARI`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser: Option<String>,
    /// The browser's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browser_version: Option<String>,
    /// The features this client supports; the server decides what to send from them.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub features: Vec<String>,
}

/// `.ams.headers.ConsumerAuthentication`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsumerAuthentication {
    /// The consumer JWT (≤ 2048 chars per schema). `Debug` redacts it.
    pub jwt: String,
}

impl std::fmt::Debug for ConsumerAuthentication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConsumerAuthentication { jwt: <redacted> }")
    }
}

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

/// Why a request frame could not be read (the sandbox's side).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the request could not be read: {reason}")]
pub struct RequestError {
    /// The request's id, if it could be read.
    pub id: Option<ReqId>,
    /// What was wrong.
    pub reason: String,
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
