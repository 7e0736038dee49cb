//! Requests a consumer sends (PROTOCOL.md §3–§5). The client encodes them; the sandbox decodes them.

use crate::{
    bodies::{
        ConversationRequestBody, DownloadFileBody, PublishEventBody, SubscribeExConversationsBody,
        SubscribeMessagingEventsBody, UnsubscribeExConversationsBody, UpdateConversationFieldBody,
        UploadFileBody,
    },
    headers::Header,
    ids::one_or_many,
    ReqId,
};
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

/// Why a request frame could not be read (the sandbox's side).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the request could not be read: {reason}")]
pub struct RequestError {
    /// The request's id, if it could be read.
    pub id: Option<ReqId>,
    /// What was wrong.
    pub reason: String,
}
