//! Decoding what the server sends: responses and notifications (PROTOCOL.md §4).

use crate::{notification::Notification, ReqId};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::Value;

/// One frame from the server.
#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    /// An answer to one of our requests.
    Response(Response),
    /// Something the server pushes.
    Notification(Notification),
}

/// A response, correlated by `reqId` only (its `type` spelling varies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// `resp`.
    #[serde(default = "resp_kind")]
    pub kind: String,
    /// The id of the request answered.
    pub req_id: ReqId,
    /// HTTP-like status.
    pub code: i64,
    /// Type name as sent (informational only).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// Missing, a string or an object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

fn resp_kind() -> String {
    RESP.to_owned()
}

/// Why a frame or body could not be decoded. The decoder's own error is kept as it is and put in
/// words only when shown (the app never shows it: its formatting would cost the bundle).
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// Not JSON at all.
    #[error("the frame is not JSON")]
    NotJson,
    /// JSON, but not a response or notification we can read.
    #[error("the frame is not a response or a notification: {0}")]
    Shape(&'static str),
    /// A response or notification whose fields are not of the documented shape.
    #[error("the frame is not a response or a notification: {0}")]
    Fields(serde_json::Error),
    /// A body lacked what the request promises.
    #[error("the answer is missing what was asked for: {0}")]
    Body(serde_json::Error),
}

impl Response {
    /// A response frame (the sandbox's side).
    pub fn new(req_id: ReqId, code: i64, type_name: &str, body: Option<Value>) -> Self {
        Response {
            kind: resp_kind(),
            req_id,
            code,
            type_name: Some(type_name.to_owned()),
            body,
        }
    }

    /// 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.code)
    }

    /// The body as a typed value.
    pub fn body_as<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        let body = self.body.clone().unwrap_or(Value::Null);
        serde_json::from_value(body).map_err(DecodeError::Body)
    }

    /// A short human text of the body for error messages (a string body as is, else nothing).
    pub fn body_text(&self) -> Option<String> {
        match &self.body {
            Some(Value::String(s)) if !s.is_empty() => Some(s.chars().take(200).collect()),
            Some(Value::Object(map)) => ["message", "details", "title"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))
                .map(|s| s.chars().take(200).collect()),
            _ => None,
        }
    }

    /// The JSON text frame.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The envelope's names, each spelled once.
const KIND: &str = "kind";
const TYPE: &str = "type";
const BODY: &str = "body";
const NOTIFICATION: &str = "notification";
const RESP: &str = "resp";

/// Decodes one text frame from the server.
pub fn decode_inbound(text: &str) -> Result<Inbound, DecodeError> {
    let value: Value = serde_json::from_str(text).map_err(|_| DecodeError::NotJson)?;
    let Value::Object(map) = &value else {
        return Err(DecodeError::Shape("not an object"));
    };
    let kind = map.get(KIND).and_then(Value::as_str);
    let is_notification = kind == Some(NOTIFICATION) || (kind.is_none() && map.contains_key(BODY));
    if kind == Some(RESP) {
        let resp: Response = serde_json::from_value(value).map_err(DecodeError::Fields)?;
        return Ok(Inbound::Response(resp));
    }
    if kind.is_none() {
        // Without `kind`, a frame is a response when it reads as one (it has `reqId` and `code`:
        // [`Response`]'s codec is the one place those names are spelled).
        if let Ok(resp) = serde_json::from_value::<Response>(value.clone()) {
            return Ok(Inbound::Response(resp));
        }
    }
    if !is_notification {
        return Err(DecodeError::Shape("neither a response nor a notification"));
    }
    let type_name = map
        .get(TYPE)
        .and_then(Value::as_str)
        .ok_or(DecodeError::Shape("notification without type"))?
        .to_owned();
    let body = map.get(BODY).cloned().unwrap_or(Value::Null);
    let canonical = Notification::canonical_type(&type_name);
    let notification = match canonical.as_str() {
        Notification::MESSAGING_EVENT => {
            Notification::MessagingEvent(serde_json::from_value(body).map_err(DecodeError::Fields)?)
        }
        Notification::EX_CONVERSATION_CHANGE => Notification::ExConversationChange(
            serde_json::from_value(body).map_err(DecodeError::Fields)?,
        ),
        _ => Notification::Unknown { type_name },
    };
    Ok(Inbound::Notification(notification))
}

/// Encodes a notification frame (the sandbox's side).
pub fn encode_notification<T: Serialize>(type_name: &str, body: &T) -> String {
    let body = serde_json::to_value(body).unwrap_or(Value::Null);
    crate::table::object([
        (KIND, Value::from(NOTIFICATION)),
        (TYPE, Value::from(type_name)),
        (BODY, body),
    ])
    .to_string()
}
