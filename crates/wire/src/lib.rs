//! Typed frames of LivePerson's consumer messaging protocol (UMS `v=3`) and the HTTP bodies around it.
//!
//! The contract: every type here decodes what LivePerson documents (see `testdata/frames/`, copied from
//! the protocol notes) and tolerates what it is known to vary: ids as numbers or strings, `body` absent,
//! a single object where an array is expected, several spellings of a type name, unknown fields and
//! unknown event types. Nothing here performs IO or panics on input.
#![warn(missing_docs)]

mod conversation;
mod enums;
mod event;
mod http;
mod ids;
mod inbound;
mod jwt;
mod notification;
mod request;
pub mod trace;

pub use conversation::{
    ConversationDetails, DialogDetails, ExChange, ExConversationChange,
    ExConversationChangeNotification, Participant,
};
pub use enums::{
    AcceptStatus, Audience, ChannelType, ChatState, CloseReason, CsatStatus, DialogChangeType,
    DialogType, ExChangeType, Role, State,
};
pub use event::{Event, HostedFile};
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
pub use request::{
    CampaignInfo, ClientProperties, ConsumerAuthentication, ConversationField,
    ConversationRequestBody, DialogChange, DownloadFileBody, Header, MetadataItem,
    PublishEventBody, Request, RequestError, RequestPayload, SubscribeExConversationsBody,
    SubscribeMessagingEventsBody, UnsubscribeExConversationsBody, UpdateConversationFieldBody,
    UploadFileBody,
};

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

/// The response body of `ms.GenerateURLForUploadFile`/`…DownloadFile` (PROTOCOL.md §5.8).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateUrlResult {
    /// The file's path on the `swift` host.
    pub relative_path: String,
    /// The temporary URL's signature and expiry.
    pub query_params: TempUrlParams,
}

impl GenerateUrlResult {
    /// Decoded by hand from a response body (a derived decoder costs the bundle more than this).
    /// `temp_url_expires` may be a string (as documented) or a number.
    pub fn from_value(body: &serde_json::Value) -> Option<Self> {
        let q = body.get("queryParams")?;
        let expires = match q.get("temp_url_expires")? {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.as_u64()?.to_string(),
            _ => return None,
        };
        Some(GenerateUrlResult {
            relative_path: body.get("relativePath")?.as_str()?.to_owned(),
            query_params: TempUrlParams {
                temp_url_sig: q.get("temp_url_sig")?.as_str()?.to_owned(),
                temp_url_expires: ReqId(expires),
            },
        })
    }
}

/// `queryParams` of a temporary URL; `temp_url_expires` is a string on the wire.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TempUrlParams {
    /// Signature.
    pub temp_url_sig: String,
    /// Expiry, epoch seconds.
    pub temp_url_expires: ReqId,
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
