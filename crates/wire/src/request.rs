//! Requests a consumer sends (PROTOCOL.md §3–§5). The client encodes them; the sandbox decodes them.

use crate::{ids::one_or_many, notification::Event, ReqId};
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetadataItem {
    /// The metadata type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its other fields.
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

impl MetadataItem {
    /// `{"type":"ExternalId","id":…}`: lpchat's id for a message it publishes.
    pub fn external_id(id: &str) -> Self {
        let mut fields = serde_json::Map::new();
        fields.insert("id".into(), serde_json::Value::String(id.to_owned()));
        MetadataItem {
            kind: "ExternalId".into(),
            fields,
        }
    }

    /// The id of an `ExternalId` item.
    pub fn as_external_id(&self) -> Option<&str> {
        (self.kind == "ExternalId")
            .then(|| self.fields.get("id")?.as_str())
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
        body: Option<serde_json::Map<String, serde_json::Value>>,
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
    /// Keepalive: asks the server's clock.
    #[serde(rename = "GetClock", alias = ".GetClock")]
    GetClock {},
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

    /// The JSON text frame.
    pub fn encode(&self) -> String {
        // Serializing these plain data types cannot fail (string keys, no maps with non-string keys).
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

/// One conversation field change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field")]
pub enum ConversationField {
    /// Close the conversation: `{"field":"ConversationStateField","conversationState":"CLOSE"}`.
    #[serde(rename = "ConversationStateField")]
    ConversationState {
        /// `CLOSE`.
        #[serde(rename = "conversationState")]
        conversation_state: String,
    },
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
    /// `OPEN` and/or `CLOSE`.
    #[serde(default, deserialize_with = "one_or_many")]
    pub conv_state: Vec<String>,
    /// `OPEN` and/or `CLOSE` (newer servers).
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub stage: Vec<String>,
}
