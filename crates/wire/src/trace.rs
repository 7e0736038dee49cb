//! A session as a trace: every frame and HTTP exchange in order, with times, as the frame inspector
//! lists them and copies them ("Copy as JSON"), tokens redacted. The sandbox replays a trace
//! (`lpchat_sandbox::replay`) and `testdata/traces/` holds the ones `./scripts/test` replays.
//!
//! An HTTP exchange is two entries: the request (`type` is `"{METHOD} {path}"` with the query, `json`
//! its body) and its answer (`type` is `"HTTP {status}"` or `"HTTP (no answer)"`, `json` its body),
//! paired by `reqId` (`h1`, `h2`, …); a body that is a JSON object has its token fields redacted.
//! A frame is one entry: `type` is its wire type, `json` the frame's text. A socket's life is marked
//! too: [`SOCKET_OPENED`] (sent, `json` empty) before its first frame, and
//! `"(socket closed {code})"` (received, `json` the reason) where the server closed it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Sent or received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// lpchat sent it.
    Sent,
    /// The server sent it.
    Received,
}

/// One frame or one half of an HTTP exchange, as the inspector shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameView {
    /// Stable key.
    #[serde(default)]
    pub key: u64,
    /// Sent or received.
    pub direction: Direction,
    /// A frame: milliseconds since its socket opened; HTTP: since the session started.
    #[serde(default)]
    pub at_ms: u64,
    /// The wire type (as sent), or what it was taken for; for HTTP, the method and path or the status.
    #[serde(rename = "type")]
    pub type_name: String,
    /// The request id (of a request or the response answering it; `h…` for HTTP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub req_id: Option<String>,
    /// For a response: how long after its request it came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_trip_ms: Option<u64>,
    /// For a request: the key of its response, once answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<u64>,
    /// The frame's JSON text as sent or received (token redacted); for HTTP, the body.
    /// The UI pretty-prints it with the browser's own JSON, which keeps a second JSON printer out of
    /// the bundle.
    pub json: String,
}

impl FrameView {
    /// Whether this is half of an HTTP exchange.
    pub fn is_http(&self) -> bool {
        self.req_id.as_deref().is_some_and(|id| id.starts_with('h'))
    }
}

/// The entry that starts a socket's frames.
pub const SOCKET_OPENED: &str = "(socket opened)";

/// The code of a `"(socket closed {code})"` entry.
pub fn closed_code(type_name: &str) -> Option<u16> {
    type_name
        .strip_prefix("(socket closed ")?
        .strip_suffix(')')?
        .parse()
        .ok()
}

/// What stands in for a token in a trace.
pub const REDACTED: &str = "<redacted>";

/// The fields of an idp request or answer that hold a token (PROTOCOL.md §2).
const TOKEN_FIELDS: [&str; 4] = ["jwt", "token", "id_token", "authCode"];

/// `body` with every token field replaced by [`REDACTED`].
pub fn redact_tokens(mut body: Value) -> Value {
    if let Value::Object(fields) = &mut body {
        for (name, value) in fields.iter_mut() {
            if TOKEN_FIELDS.contains(&name.as_str()) && value.is_string() {
                *value = Value::from(REDACTED);
            }
        }
    }
    body
}

/// A trace as the inspector copies it: a JSON array of entries.
pub fn parse(text: &str) -> Result<Vec<FrameView>, serde_json::Error> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_socket_names_its_code() {
        assert_eq!(closed_code("(socket closed 1011)"), Some(1011));
        assert_eq!(closed_code("(socket closed)"), None);
        assert_eq!(closed_code(SOCKET_OPENED), None);
    }

    #[test]
    fn tokens_are_redacted_and_everything_else_kept() {
        let body =
            serde_json::json!({"jwt": "a.b.c", "id_token": "x", "other": "kept", "token": 7});
        assert_eq!(
            redact_tokens(body),
            serde_json::json!({"jwt": REDACTED, "id_token": REDACTED, "other": "kept", "token": 7})
        );
    }
}
