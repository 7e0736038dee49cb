//! Server notifications (PROTOCOL.md §6) and the events they carry (§5.2).

use crate::ids::one_or_many;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A decoded notification; unknown types are kept by name so the frame is not lost.
#[derive(Debug, Clone, PartialEq)]
pub enum Notification {
    /// `ms.MessagingEventNotification`.
    MessagingEvent(MessagingEventNotification),
    /// `cqm.ExConversationChangeNotification` (also `aam.`, `.ams.aam.`).
    ExConversationChange(ExConversationChangeNotification),
    /// Any other type; ignorable.
    Unknown {
        /// The type as sent.
        type_name: String,
    },
}

impl Notification {
    /// The canonical wire type name of a known notification.
    pub const MESSAGING_EVENT: &'static str = "ms.MessagingEventNotification";
    /// The canonical wire type name of a conversation change.
    pub const EX_CONVERSATION_CHANGE: &'static str = "cqm.ExConversationChangeNotification";

    /// Strips `.ams.` and a leading dot, and treats `aam.` like `cqm.` (PROTOCOL.md §4).
    pub fn canonical_type(type_name: &str) -> String {
        let t = type_name
            .trim_start_matches(".ams.")
            .trim_start_matches('.');
        match t.strip_prefix("aam.") {
            Some(rest) => format!("cqm.{rest}"),
            None => t.to_owned(),
        }
    }
}

/// `ms.MessagingEventNotification` body. Changes that cannot be decoded are counted and skipped,
/// so one odd event does not hide the rest of a history replay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawMessagingEvents")]
pub struct MessagingEventNotification {
    /// The events, in the order sent.
    pub changes: Vec<MessagingChange>,
    /// How many changes were malformed and skipped.
    #[serde(skip)]
    pub skipped: usize,
}

#[derive(Deserialize)]
struct RawMessagingEvents {
    #[serde(default, deserialize_with = "one_or_many")]
    changes: Vec<Value>,
}

impl From<RawMessagingEvents> for MessagingEventNotification {
    fn from(raw: RawMessagingEvents) -> Self {
        let total = raw.changes.len();
        let changes: Vec<MessagingChange> = raw
            .changes
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect();
        MessagingEventNotification {
            skipped: total - changes.len(),
            changes,
        }
    }
}

/// One event in a dialog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagingChange {
    /// Per-dialog counter; absent on chat states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Who sent it (consumer: the JWT `sub`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originator_id: Option<String>,
    /// Newer frames: id and role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub originator_metadata: Option<OriginatorMetadata>,
    /// Epoch ms; absent on chat states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_timestamp: Option<i64>,
    /// The event.
    pub event: Event,
    /// The dialog.
    pub dialog_id: String,
    /// The conversation (newer frames).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// `ALL` or `AGENTS_AND_MANAGERS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_audience: Option<String>,
    /// The publish request's metadata, echoed (array, single object or `null`).
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub metadata: Vec<crate::MetadataItem>,
}

impl MessagingChange {
    /// The originator's id, preferring `originatorMetadata.id` (PROTOCOL.md §10c.8).
    pub fn originator(&self) -> Option<&str> {
        self.originator_metadata
            .as_ref()
            .and_then(|m| m.id.as_deref())
            .or(self.originator_id.as_deref())
    }

    /// The originator's role, if sent.
    pub fn role(&self) -> Option<&str> {
        self.originator_metadata
            .as_ref()
            .and_then(|m| m.role.as_deref())
    }

    /// The `ExternalId` the publisher gave this event, if echoed.
    pub fn external_id(&self) -> Option<&str> {
        self.metadata
            .iter()
            .find_map(crate::MetadataItem::as_external_id)
    }

    /// False for events meant for agents only.
    pub fn visible_to_consumer(&self) -> bool {
        self.message_audience.as_deref().is_none_or(|a| a == "ALL")
    }
}

/// `originatorMetadata`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginatorMetadata {
    /// Participant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `CONSUMER`, `ASSIGNED_AGENT`, `AGENT`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

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
                chat_state: match screaming(v, "chatState").as_str() {
                    "ACTIVE" => ChatState::Active,
                    "INACTIVE" => ChatState::Inactive,
                    "GONE" => ChatState::Gone,
                    "COMPOSING" => ChatState::Composing,
                    "PAUSE" => ChatState::Pause,
                    _ => ChatState::Other,
                },
            },
            "AcceptStatusEvent" => Event::AcceptStatusEvent {
                status: match screaming(v, "status").as_str() {
                    "ACCEPT" => AcceptStatus::Accept,
                    "READ" => AcceptStatus::Read,
                    "ACTION" => AcceptStatus::Action,
                    "NACK" => AcceptStatus::Nack,
                    "ACCESS" => AcceptStatus::Access,
                    _ => AcceptStatus::Other,
                },
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
            message: file.to_value(),
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

    /// As JSON, by hand (no JSON value serializer in the bundle).
    pub fn to_value(&self) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("caption".into(), Value::String(self.caption.clone()));
        m.insert(
            "relativePath".into(),
            Value::String(self.relative_path.clone()),
        );
        m.insert("fileType".into(), Value::String(self.file_type.clone()));
        if let Some(p) = &self.preview {
            m.insert("preview".into(), Value::String(p.clone()));
        }
        Value::Object(m)
    }
}

/// Chat states; unknown ones (e.g. `BACKGROUND`) are kept as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChatState {
    /// In the conversation.
    Active,
    /// Away.
    Inactive,
    /// Left.
    Gone,
    /// Typing.
    Composing,
    /// Stopped typing.
    Pause,
    /// Anything else.
    #[serde(other)]
    Other,
}

/// Receipt statuses; unknown ones are kept as `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AcceptStatus {
    /// Delivered to the device.
    Accept,
    /// Shown to the reader.
    Read,
    /// Structured content clicked.
    Action,
    /// Not acknowledged.
    Nack,
    /// Accessed.
    Access,
    /// Anything else.
    #[serde(other)]
    Other,
}

/// `cqm.ExConversationChangeNotification` body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExConversationChangeNotification {
    /// The subscription; absent on webhook copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    /// Changes; may be empty (the initial snapshot when there is nothing).
    #[serde(default, deserialize_with = "one_or_many")]
    pub changes: Vec<ExChange>,
}

/// One conversation change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExChange {
    /// UPSERT or DELETE.
    #[serde(rename = "type")]
    pub change_type: ExChangeType,
    /// The conversation's complete current state.
    pub result: ExConversationChange,
}

/// UPSERT or DELETE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExChangeType {
    /// Created or changed.
    Upsert,
    /// Removed from the stream.
    Delete,
    /// Anything else.
    #[serde(other)]
    Other,
}

/// `result` of a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExConversationChange {
    /// The conversation id.
    pub conv_id: String,
    /// Its details.
    #[serde(default)]
    pub conversation_details: ConversationDetails,
    /// Older frames: last update, epoch ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_update_time: Option<i64>,
}

/// Read by hand from a JSON value: cheaper in the bundle than serde's derived visitors, and tolerant (a
/// field of an unexpected type is taken as missing rather than failing the whole change).
impl<'de> Deserialize<'de> for ExConversationChange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = Value::deserialize(d)?;
        let conv_id = v
            .get("convId")
            .and_then(Value::as_str)
            .ok_or_else(|| D::Error::custom("a change without convId"))?;
        Ok(ExConversationChange {
            conv_id: conv_id.to_owned(),
            conversation_details: v
                .get("conversationDetails")
                .map(ConversationDetails::from_value)
                .unwrap_or_default(),
            last_update_time: v.get("lastUpdateTime").and_then(Value::as_i64),
        })
    }
}

/// `conversationDetails`. Participants are accepted as the newer array or the older `participantsPId` map.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationDetails {
    /// Who takes part.
    pub participants: Vec<Participant>,
    /// `OPEN`, `CLOSE`, … (kept as sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `OPEN`/`CLOSE` on newer servers; CLOSE means everything (survey included) is over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// `CONSUMER`, `AGENT`, `SYSTEM`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<String>,
    /// Epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_ts: Option<i64>,
    /// Epoch ms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_ts: Option<i64>,
    /// For ordering out-of-order updates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta_data_last_update_ts: Option<i64>,
    /// The dialogs (MAIN, POST_SURVEY, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dialogs: Vec<DialogDetails>,
}

impl ConversationDetails {
    /// True while the conversation (or its survey) is going on (PROTOCOL.md §10c.5): `stage` decides when
    /// sent, otherwise `state`. A conversation with neither is taken as open.
    pub fn is_open(&self) -> bool {
        match (&self.stage, &self.state) {
            (Some(stage), _) => stage != "CLOSE",
            (None, Some(state)) => state != "CLOSE",
            (None, None) => true,
        }
    }
}

impl<'de> Deserialize<'de> for ConversationDetails {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ConversationDetails::from_value(&Value::deserialize(d)?))
    }
}

impl ConversationDetails {
    /// Read by hand (see [`ExConversationChange`]'s decoder).
    pub fn from_value(v: &Value) -> Self {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let number = |k: &str| v.get(k).and_then(Value::as_i64);
        ConversationDetails {
            participants: ["participants", "participantsPId"]
                .iter()
                .filter_map(|k| v.get(*k).cloned())
                .flat_map(participants_of)
                .collect(),
            state: text("state"),
            stage: text("stage"),
            close_reason: text("closeReason"),
            start_ts: number("startTs"),
            end_ts: number("endTs"),
            meta_data_last_update_ts: number("metaDataLastUpdateTs"),
            dialogs: v
                .get("dialogs")
                .and_then(Value::as_array)
                .map(|dialogs| {
                    dialogs
                        .iter()
                        .filter_map(|d| serde_json::from_value(d.clone()).ok())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// Reads `[{id, role}]`, `["id", …]` or `{ROLE: [ids] | id}`.
fn participants_of(value: Value) -> Vec<Participant> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(id) => Some(Participant { id, role: None }),
                other => serde_json::from_value(other).ok(),
            })
            .collect(),
        Value::Object(map) => {
            let by_role: BTreeMap<String, Value> = map.into_iter().collect();
            by_role
                .into_iter()
                .flat_map(|(role, ids)| {
                    let ids = match ids {
                        Value::Array(ids) => ids,
                        one => vec![one],
                    };
                    ids.into_iter().filter_map(move |id| match id {
                        Value::String(id) => Some(Participant {
                            id,
                            role: Some(role.clone()),
                        }),
                        _ => None,
                    })
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// A participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Participant id.
    pub id: String,
    /// Role, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A dialog of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialogDetails {
    /// Dialog id (equals the conversation id for MAIN).
    pub dialog_id: String,
    /// `MAIN`, `POST_SURVEY`, `OTHER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialog_type: Option<String>,
    /// `OPEN`/`CLOSE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// `MESSAGING`, `COBROWSE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<String>,
    /// Who closed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<String>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_cause: Option<String>,
}
