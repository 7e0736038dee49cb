//! Messaging events (PROTOCOL.md §5.2): text, files, cards, chat states and receipts.

use crate::enums::{AcceptStatus, ChatState};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A messaging event (PROTOCOL.md §5.2), published or received. Decoded by hand (below), encoded by
/// serde with the `type` tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum Event {
    /// Text or a hosted file.
    ContentEvent {
        /// `text/plain`, `hosted/file`, …
        #[serde(rename = "contentType", default = "text_plain")]
        content_type: String,
        /// A string for text; an object for files.
        message: Value,
        /// Quick replies offered with the message (PROTOCOL.md §6.1, §8).
        #[serde(
            rename = "quickReplies",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        quick_replies: Option<Value>,
    },
    /// Structured content; the payload is `content` (not `message`, PROTOCOL.md §10c.9).
    RichContentEvent {
        /// The card.
        #[serde(default)]
        content: Value,
        /// Quick replies offered with the card.
        #[serde(
            rename = "quickReplies",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        quick_replies: Option<Value>,
    },
    /// Typing state; not sequenced.
    ChatStateEvent {
        /// The state.
        #[serde(rename = "chatState")]
        chat_state: ChatState,
    },
    /// Receipts for sequences.
    AcceptStatusEvent {
        /// ACCEPT, READ, ACTION, …
        status: AcceptStatus,
        /// The sequences this receipt is about (may contain 0).
        #[serde(rename = "sequenceList", default, deserialize_with = "one_or_many")]
        sequence_list: Vec<i64>,
    },
    /// Any other event type.
    Unknown,
}

fn text_plain() -> String {
    "text/plain".to_owned()
}

/// By the `type` field, then the fields of that type; an unknown type is `Unknown`. Written by hand
/// because serde's internally tagged enums buffer through a generic content tree, and derived
/// visitors per variant cost the WebAssembly bundle several kilobytes more.
impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Event::from_value(&Value::deserialize(d)?))
    }
}

fn screaming(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

impl Event {
    /// Read by hand from a JSON value (cheaper in the bundle than derived visitors per variant);
    /// unknown types, states and statuses are kept as `Unknown`/`Other`.
    pub fn from_value(v: &Value) -> Event {
        let quick_replies = v.get("quickReplies").filter(|q| !q.is_null()).cloned();
        match v.get("type").and_then(Value::as_str).unwrap_or_default() {
            "ContentEvent" => Event::ContentEvent {
                content_type: v
                    .get("contentType")
                    .and_then(Value::as_str)
                    .map_or_else(text_plain, str::to_owned),
                message: v.get("message").cloned().unwrap_or(Value::Null),
                quick_replies,
            },
            "RichContentEvent" => Event::RichContentEvent {
                content: v.get("content").cloned().unwrap_or(Value::Null),
                quick_replies,
            },
            "ChatStateEvent" => Event::ChatStateEvent {
                chat_state: ChatState::parse(&screaming(v, "chatState")),
            },
            "AcceptStatusEvent" => Event::AcceptStatusEvent {
                status: AcceptStatus::parse(&screaming(v, "status")),
                sequence_list: match v.get("sequenceList") {
                    Some(Value::Array(items)) => items.iter().filter_map(Value::as_i64).collect(),
                    Some(one) => one.as_i64().into_iter().collect(),
                    None => Vec::new(),
                },
            },
            _ => Event::Unknown,
        }
    }
}

impl Event {
    /// A plain text content event.
    pub fn text(message: impl Into<String>) -> Self {
        Event::ContentEvent {
            content_type: text_plain(),
            message: Value::String(message.into()),
            quick_replies: None,
        }
    }

    /// A `hosted/file` content event.
    pub fn hosted_file(file: &HostedFile) -> Self {
        Event::ContentEvent {
            content_type: "hosted/file".into(),
            // A struct of strings always serializes.
            message: serde_json::to_value(file).unwrap_or(Value::Null),
            quick_replies: None,
        }
    }

    /// The text of a `text/plain` content event.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Event::ContentEvent {
                content_type,
                message: Value::String(s),
                ..
            } if content_type == "text/plain" => Some(s),
            _ => None,
        }
    }

    /// The file of a `hosted/file` content event.
    pub fn as_hosted_file(&self) -> Option<HostedFile> {
        match self {
            Event::ContentEvent {
                content_type,
                message,
                ..
            } if content_type == "hosted/file" => HostedFile::from_value(message),
            _ => None,
        }
    }
}

/// A shared file (`hosted/file`, PROTOCOL.md §5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostedFile {
    /// Caption.
    #[serde(default)]
    pub caption: String,
    /// Path on the `swift` host.
    pub relative_path: String,
    /// `JPG`, `PNG`, `GIF`, …
    pub file_type: String,
    /// A small `data:` preview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<String>,
}

impl HostedFile {
    /// Decoded by hand (cheaper in the bundle than the derived decoder); `caption` may be missing.
    pub fn from_value(v: &Value) -> Option<Self> {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        Some(HostedFile {
            caption: text("caption").unwrap_or_default(),
            relative_path: text("relativePath")?,
            file_type: text("fileType")?,
            preview: text("preview"),
        })
    }
}
