//! Typed frames of LivePerson's consumer messaging protocol (UMS `v=3`) and the HTTP bodies around it.
//!
//! The contract: every type here decodes what LivePerson documents (see `testdata/frames/`, copied from
//! the protocol notes) and tolerates what it is known to vary: ids as numbers or strings, `body` absent,
//! a single object where an array is expected, several spellings of a type name, unknown fields and
//! unknown event types. Nothing here performs IO or panics on input.
#![warn(missing_docs)]

#[macro_use]
mod table;

mod bodies;
mod conversation;
mod enums;
mod event;
mod headers;
mod http;
mod ids;
mod inbound;
mod jwt;
mod notification;
mod request;
pub mod trace;

pub use bodies::{
    CampaignInfo, ConversationField, ConversationRequestBody, DialogChange, DownloadFileBody,
    PublishEventBody, SubscribeExConversationsBody, SubscribeMessagingEventsBody,
    UnsubscribeExConversationsBody, UpdateConversationFieldBody, UploadFileBody,
};
pub use conversation::{
    ConversationDetails, DialogDetails, ExChange, ExConversationChange,
    ExConversationChangeNotification, Participant,
};
pub use enums::{
    AcceptStatus, Audience, ChannelType, ChatState, CloseReason, CsatStatus, DeviceFamily,
    DialogChangeType, DialogType, ExChangeType, Feature, Os, Role, State,
};
pub use event::{Event, HostedFile};
pub use headers::{ClientProperties, ConsumerAuthentication, Header};
pub use http::{
    connectors, csdr, AgentProfile, AuthenticateRequest, BaseUri, DomainApiResponse,
    IdTokenRequest, SignupResponse, TokenResponse, UNAUTH_JS_METHOD,
};
pub use ids::{is_connector_id, is_skill_id, one_or_many, ReqId, MAX_SKILL_DIGITS};
pub use inbound::{decode_inbound, encode_notification, DecodeError, Inbound, Response};
pub use jwt::{jwt_claims, JwtClaims, JwtError};
pub use notification::{
    MessagingChange, MessagingEventNotification, Notification, OriginatorMetadata,
};
pub use request::{MetadataItem, Request, RequestError, RequestPayload};

/// The response body of `cm.ConsumerRequestConversation` (PROTOCOL.md §5.1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestConversationResult {
    /// The new conversation; its MAIN dialog has the same id.
    pub conversation_id: String,
}

/// The response body of `ms.PublishEvent` (PROTOCOL.md §5.2); `sequence` is optional in the schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublishEventResult {
    /// The sequence the server gave the event (0 for chat states).
    #[serde(default)]
    pub sequence: Option<i64>,
}

/// The response body of `cqm.SubscribeExConversations` (PROTOCOL.md §5.5).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscribeExConversationsResult {
    /// Echoed on every notification of this subscription.
    pub subscription_id: String,
}

wire_struct! {
    /// The response body of `ms.GenerateURLForUploadFile`/`…DownloadFile` (PROTOCOL.md §5.8).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct GenerateUrlResult {
        /// The file's path on the `swift` host.
        relative_path: String = "relativePath",
        /// The temporary URL's signature and expiry.
        query_params: TempUrlParams = "queryParams",
    }
}

wire_struct! {
    /// `queryParams` of a temporary URL.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct TempUrlParams {
        /// Signature.
        temp_url_sig: String = "temp_url_sig",
        /// Expiry, epoch seconds: a string on the wire (as documented), or a number.
        temp_url_expires: ReqId = "temp_url_expires",
    }
}

/// The response body of `GetClock`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockResult {
    /// The server's time, epoch ms.
    pub current_time: i64,
}

/// Decodes JSON text into a typed value through `serde_json::Value`, as every inbound frame is: all
/// typed decoding then shares one parser and one set of derived visitors, which keeps the WebAssembly
/// bundle small (a direct `from_str::<T>` compiles a second parser for each `T`).
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str::<serde_json::Value>(text).and_then(serde_json::from_value)
}
