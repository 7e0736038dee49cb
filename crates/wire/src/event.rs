//! Messaging events (PROTOCOL.md §5.2): text, files, cards, chat states and receipts.

use crate::enums::{AcceptStatus, ChatState};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A messaging event (PROTOCOL.md §5.2), published or received. Both directions are written by hand
/// below from the same names ([`name`]): serde's internally tagged enums buffer through a generic
/// content tree, and derived visitors per variant cost the WebAssembly bundle several kilobytes more.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Text or a hosted file.
    ContentEvent {
        /// `text/plain`, `hosted/file`, … (`text/plain` when missing).
        content_type: String,
        /// A string for text; an object for files.
        message: Value,
        /// Quick replies offered with the message (PROTOCOL.md §6.1, §8).
        quick_replies: Option<Value>,
    },
    /// Structured content; the payload is `content` (not `message`, PROTOCOL.md §10c.9).
    RichContentEvent {
        /// The card.
        content: Value,
        /// Quick replies offered with the card.
        quick_replies: Option<Value>,
    },
    /// Typing state; not sequenced.
    ChatStateEvent {
        /// The state.
        chat_state: ChatState,
    },
    /// Receipts for sequences.
    AcceptStatusEvent {
        /// ACCEPT, READ, ACTION, …
        status: AcceptStatus,
        /// The sequences this receipt is about (may contain 0; one number stands for a list).
        sequence_list: Vec<i64>,
    },
    /// Any other event type.
    Unknown,
}

/// The wire names of events and their fields, each spelled once.
mod name {
    pub(super) const TYPE: &str = "type";
    pub(super) const CONTENT_EVENT: &str = "ContentEvent";
    pub(super) const RICH_CONTENT_EVENT: &str = "RichContentEvent";
    pub(super) const CHAT_STATE_EVENT: &str = "ChatStateEvent";
    pub(super) const ACCEPT_STATUS_EVENT: &str = "AcceptStatusEvent";
    pub(super) const UNKNOWN: &str = "Unknown";
    pub(super) const CONTENT_TYPE: &str = "contentType";
    pub(super) const MESSAGE: &str = "message";
    pub(super) const CONTENT: &str = "content";
    pub(super) const QUICK_REPLIES: &str = "quickReplies";
    pub(super) const CHAT_STATE: &str = "chatState";
    pub(super) const STATUS: &str = "status";
    pub(super) const SEQUENCE_LIST: &str = "sequenceList";
    pub(super) const TEXT_PLAIN: &str = "text/plain";
    pub(super) const HOSTED_FILE: &str = "hosted/file";
}

fn text_plain() -> String {
    name::TEXT_PLAIN.to_owned()
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        match self {
            Event::ContentEvent {
                content_type,
                message,
                quick_replies,
            } => {
                map.serialize_entry(name::TYPE, name::CONTENT_EVENT)?;
                map.serialize_entry(name::CONTENT_TYPE, content_type)?;
                map.serialize_entry(name::MESSAGE, message)?;
                if let Some(q) = quick_replies {
                    map.serialize_entry(name::QUICK_REPLIES, q)?;
                }
            }
            Event::RichContentEvent {
                content,
                quick_replies,
            } => {
                map.serialize_entry(name::TYPE, name::RICH_CONTENT_EVENT)?;
                map.serialize_entry(name::CONTENT, content)?;
                if let Some(q) = quick_replies {
                    map.serialize_entry(name::QUICK_REPLIES, q)?;
                }
            }
            Event::ChatStateEvent { chat_state } => {
                map.serialize_entry(name::TYPE, name::CHAT_STATE_EVENT)?;
                map.serialize_entry(name::CHAT_STATE, chat_state)?;
            }
            Event::AcceptStatusEvent {
                status,
                sequence_list,
            } => {
                map.serialize_entry(name::TYPE, name::ACCEPT_STATUS_EVENT)?;
                map.serialize_entry(name::STATUS, status)?;
                map.serialize_entry(name::SEQUENCE_LIST, sequence_list)?;
            }
            Event::Unknown => map.serialize_entry(name::TYPE, name::UNKNOWN)?,
        }
        map.end()
    }
}

/// By the `type` field, then the fields of that type; an unknown type is `Unknown`.
impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Event::from_value(&Value::deserialize(d)?))
    }
}

impl Event {
    /// Read from a JSON value; unknown types, states and statuses are kept as `Unknown`.
    pub fn from_value(v: &Value) -> Event {
        let text = |k: &str| v.get(k).and_then(Value::as_str);
        let quick_replies = v.get(name::QUICK_REPLIES).filter(|q| !q.is_null()).cloned();
        match text(name::TYPE).unwrap_or_default() {
            name::CONTENT_EVENT => Event::ContentEvent {
                content_type: text(name::CONTENT_TYPE).map_or_else(text_plain, str::to_owned),
                message: v.get(name::MESSAGE).cloned().unwrap_or(Value::Null),
                quick_replies,
            },
            name::RICH_CONTENT_EVENT => Event::RichContentEvent {
                content: v.get(name::CONTENT).cloned().unwrap_or(Value::Null),
                quick_replies,
            },
            name::CHAT_STATE_EVENT => Event::ChatStateEvent {
                chat_state: ChatState::parse(text(name::CHAT_STATE).unwrap_or_default()),
            },
            name::ACCEPT_STATUS_EVENT => Event::AcceptStatusEvent {
                status: AcceptStatus::parse(text(name::STATUS).unwrap_or_default()),
                sequence_list: match v.get(name::SEQUENCE_LIST) {
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
            content_type: name::HOSTED_FILE.into(),
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
            } if content_type == name::TEXT_PLAIN => Some(s),
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
            } if content_type == name::HOSTED_FILE => HostedFile::from_value(message),
            _ => None,
        }
    }
}

wire_struct! {
    /// A shared file (`hosted/file`, PROTOCOL.md §5.2).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct HostedFile {
        /// Caption (may be missing).
        caption: String = "caption" or default,
        /// Path on the `swift` host.
        relative_path: String = "relativePath",
        /// `JPG`, `PNG`, `GIF`, …
        file_type: String = "fileType",
        /// A small `data:` preview.
        preview: Option<String> = "preview",
    }
}
