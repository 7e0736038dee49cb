//! Conversation changes (`cqm.ExConversationChangeNotification`, PROTOCOL.md §6.2): the conversation's
//! state, participants and dialogs.

use crate::{
    enums::{ChannelType, CloseReason, DialogType, ExChangeType, Role, State},
    ids::one_or_many,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    /// The main dialog's state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// Newer servers: `Close` means everything (survey included) is over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<State>,
    /// Who or what closed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<CloseReason>,
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
        match (self.stage, self.state) {
            (Some(stage), _) => stage != State::Close,
            (None, Some(state)) => state != State::Close,
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
            state: text("state").map(|w| State::parse(&w)),
            stage: text("stage").map(|w| State::parse(&w)),
            close_reason: text("closeReason").map(|w| CloseReason::parse(&w)),
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
        // serde_json's map is ordered by key (no `preserve_order`): roles come in a fixed order.
        Value::Object(map) => map
            .into_iter()
            .flat_map(|(role, ids)| {
                let ids = match ids {
                    Value::Array(ids) => ids,
                    one => vec![one],
                };
                ids.into_iter().filter_map(move |id| match id {
                    Value::String(id) => Some(Participant {
                        id,
                        role: Some(Role::parse(&role)),
                    }),
                    _ => None,
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    /// Participant id.
    pub id: String,
    /// Role, if sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// A dialog of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DialogDetails {
    /// Dialog id (equals the conversation id for MAIN).
    pub dialog_id: String,
    /// Main, survey or other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dialog_type: Option<DialogType>,
    /// Open or closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<State>,
    /// Messaging or co-browsing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<ChannelType>,
    /// Who closed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<CloseReason>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_cause: Option<String>,
}
