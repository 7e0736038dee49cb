//! Server notifications (PROTOCOL.md §6) and the messaging events' envelope; the events themselves
//! are in `event.rs`, conversation changes in `conversation.rs`.

use crate::{
    conversation::ExConversationChangeNotification,
    enums::{Audience, Role},
    event::Event,
    ids::one_or_many,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    /// Who sees it (absent: everyone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_audience: Option<Audience>,
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

    /// Whether this is the consumer's own event: its originator is `consumer` (the JWT's `sub`), or
    /// its role is CONSUMER (PROTOCOL.md §6.1).
    pub fn is_from_consumer(&self, consumer: Option<&str>) -> bool {
        self.originator().is_some_and(|o| Some(o) == consumer)
            || self.role() == Some(Role::Consumer)
    }

    /// The originator's role, if sent.
    pub fn role(&self) -> Option<Role> {
        self.originator_metadata.as_ref().and_then(|m| m.role)
    }

    /// The `ExternalId` the publisher gave this event, if echoed.
    pub fn external_id(&self) -> Option<&str> {
        self.metadata
            .iter()
            .find_map(crate::MetadataItem::as_external_id)
    }

    /// False for events meant for agents only.
    pub fn visible_to_consumer(&self) -> bool {
        self.message_audience.is_none_or(|a| a == Audience::All)
    }
}

/// `originatorMetadata`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginatorMetadata {
    /// Participant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Their role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}
