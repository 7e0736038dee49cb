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

wire_struct! {
    /// `result` of a change.
    #[derive(Debug, Clone, PartialEq)]
    pub struct ExConversationChange {
        /// The conversation id.
        conv_id: String = "convId",
        /// Its details.
        conversation_details: ConversationDetails = "conversationDetails" or default,
        /// Older frames: last update, epoch ms.
        last_update_time: Option<i64> = "lastUpdateTime",
    }
}

wire_struct! {
    /// `conversationDetails`. Participants are accepted as the newer array or the older
    /// `participantsPId` map.
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct ConversationDetails {
        /// Who takes part.
        participants: Vec<Participant> = "participants" via participants_in,
        /// The main dialog's state.
        state: Option<State> = "state",
        /// Newer servers: `Close` means everything (survey included) is over.
        stage: Option<State> = "stage",
        /// Who or what closed it.
        close_reason: Option<CloseReason> = "closeReason",
        /// Epoch ms.
        start_ts: Option<i64> = "startTs",
        /// Epoch ms.
        end_ts: Option<i64> = "endTs",
        /// For ordering out-of-order updates.
        meta_data_last_update_ts: Option<i64> = "metaDataLastUpdateTs",
        /// The dialogs (MAIN, POST_SURVEY, …).
        dialogs: Vec<DialogDetails> = "dialogs",
    }
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

/// The participants in either form (written as the newer array).
fn participants_in(v: &Value) -> Vec<Participant> {
    ["participants", "participantsPId"]
        .iter()
        .filter_map(|k| v.get(*k).cloned())
        .flat_map(participants_of)
        .collect()
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

/// Read through its derived decoder; a dialog that does not decode is skipped.
impl crate::table::Field for DialogDetails {
    fn read(v: Option<&Value>) -> Option<Self> {
        serde_json::from_value(v?.clone()).ok()
    }
}

/// Read through its derived decoder.
impl crate::table::Field for Participant {
    fn read(v: Option<&Value>) -> Option<Self> {
        serde_json::from_value(v?.clone()).ok()
    }
}
