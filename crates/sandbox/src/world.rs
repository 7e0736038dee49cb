//! The sandbox's state: conversations, their sequenced events, and a bus that tells every socket
//! what changed. Appending and broadcasting happen under one lock, so a socket that reads a replay
//! under the lock and then skips bus events up to the replayed sequence loses nothing and sees nothing twice.

use lpchat_wire::{
    ConversationDetails, DialogDetails, Event, ExConversationChange, MessagingChange, MetadataItem,
    OriginatorMetadata, Participant,
};
use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex, MutexGuard},
    time::{SystemTime, UNIX_EPOCH},
};
use tokio::sync::broadcast;

/// The agent every conversation is answered by.
pub const AGENT_ID: &str = "5b2f7e8a-0c4e-4b7e-9d8f-2a6c1e3b4d5f";

/// Epoch milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// What a socket may need to forward.
#[derive(Debug, Clone)]
pub enum BusEvent {
    /// A new event in a dialog.
    Message(MessagingChange),
    /// Close every socket with this code (control API).
    Kick(u16),
    /// A conversation of this consumer changed.
    Conversation {
        /// Whose.
        consumer_id: String,
        /// Its complete state.
        change: ExConversationChange,
    },
}

/// One conversation.
#[derive(Debug, Clone)]
pub struct Conversation {
    /// Id (also its MAIN dialog's id).
    pub id: String,
    /// The account.
    pub account: String,
    /// The consumer.
    pub consumer_id: String,
    /// Open or not.
    pub open: bool,
    /// CONSUMER, AGENT.
    pub close_reason: Option<String>,
    /// Epoch ms.
    pub start_ts: i64,
    /// Epoch ms.
    pub end_ts: Option<i64>,
    /// Last metadata change.
    pub updated_ts: i64,
    /// Sequenced events (content and receipts).
    pub events: Vec<MessagingChange>,
    /// Whether the agent has joined.
    pub agent_joined: bool,
}

impl Conversation {
    /// The `result` of an ExConversation change.
    pub fn ex_change(&self) -> ExConversationChange {
        let state = if self.open { "OPEN" } else { "CLOSE" };
        let mut participants = vec![Participant {
            id: self.consumer_id.clone(),
            role: Some("CONSUMER".into()),
        }];
        if self.agent_joined {
            participants.push(Participant {
                id: AGENT_ID.into(),
                role: Some("ASSIGNED_AGENT".into()),
            });
        }
        ExConversationChange {
            conv_id: self.id.clone(),
            conversation_details: ConversationDetails {
                participants,
                state: Some(state.into()),
                stage: Some(state.into()),
                close_reason: self.close_reason.clone(),
                start_ts: Some(self.start_ts),
                end_ts: self.end_ts,
                meta_data_last_update_ts: Some(self.updated_ts),
                dialogs: vec![DialogDetails {
                    dialog_id: self.id.clone(),
                    dialog_type: Some("MAIN".into()),
                    state: Some(state.into()),
                    channel_type: Some("MESSAGING".into()),
                    closed_by: self.close_reason.clone(),
                    closed_cause: None,
                }],
            },
            last_update_time: Some(self.updated_ts),
        }
    }
}

/// Why an operation on the world was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No such conversation or dialog (for this consumer).
    Unknown,
    /// The conversation is closed.
    Closed,
    /// The consumer already has an open conversation.
    AlreadyOpen,
}

#[derive(Default)]
struct Inner {
    conversations: BTreeMap<String, Conversation>,
}

/// Shared, cloneable handle to the world.
#[derive(Clone)]
pub struct World {
    inner: Arc<Mutex<Inner>>,
    bus: broadcast::Sender<BusEvent>,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    /// An empty world.
    pub fn new() -> Self {
        let (bus, _) = broadcast::channel(4096);
        World {
            inner: Arc::new(Mutex::new(Inner::default())),
            bus,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the map half-updated in a way that matters here.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Subscribe to changes.
    pub fn subscribe(&self) -> broadcast::Receiver<BusEvent> {
        self.bus.subscribe()
    }

    /// A copy of every conversation.
    pub fn conversations(&self) -> Vec<Conversation> {
        self.lock().conversations.values().cloned().collect()
    }

    /// The conversations of one consumer.
    pub fn conversations_of(&self, consumer_id: &str) -> Vec<Conversation> {
        self.lock()
            .conversations
            .values()
            .filter(|c| c.consumer_id == consumer_id)
            .cloned()
            .collect()
    }

    /// A new conversation, unless one is open.
    pub fn open_conversation(&self, account: &str, consumer_id: &str) -> Result<String, Refusal> {
        let mut inner = self.lock();
        if inner
            .conversations
            .values()
            .any(|c| c.consumer_id == consumer_id && c.open)
        {
            return Err(Refusal::AlreadyOpen);
        }
        let now = now_ms();
        let conv = Conversation {
            id: uuid::Uuid::new_v4().to_string(),
            account: account.into(),
            consumer_id: consumer_id.into(),
            open: true,
            close_reason: None,
            start_ts: now,
            end_ts: None,
            updated_ts: now,
            events: Vec::new(),
            agent_joined: false,
        };
        let id = conv.id.clone();
        let _ = self.bus.send(BusEvent::Conversation {
            consumer_id: consumer_id.into(),
            change: conv.ex_change(),
        });
        inner.conversations.insert(id.clone(), conv);
        Ok(id)
    }

    /// Appends a sequenced event to an open dialog; `consumer` limits it to that consumer's dialogs.
    pub fn publish(
        &self,
        dialog_id: &str,
        consumer: Option<&str>,
        originator: (&str, &str),
        event: Event,
        metadata: Vec<MetadataItem>,
    ) -> Result<i64, Refusal> {
        let mut inner = self.lock();
        let conv = inner
            .conversations
            .get_mut(dialog_id)
            .filter(|c| consumer.is_none_or(|me| c.consumer_id == me))
            .ok_or(Refusal::Unknown)?;
        if !conv.open {
            return Err(Refusal::Closed);
        }
        let joined_now = originator.1 != "CONSUMER" && !conv.agent_joined;
        conv.agent_joined |= originator.1 != "CONSUMER";
        let sequence = conv.events.len() as i64;
        let change = MessagingChange {
            sequence: Some(sequence),
            originator_id: Some(originator.0.into()),
            originator_metadata: Some(OriginatorMetadata {
                id: Some(originator.0.into()),
                role: Some(originator.1.into()),
            }),
            server_timestamp: Some(now_ms()),
            event,
            dialog_id: dialog_id.into(),
            conversation_id: Some(dialog_id.into()),
            message_audience: Some("ALL".into()),
            metadata,
        };
        conv.events.push(change.clone());
        if joined_now {
            conv.updated_ts = now_ms();
            let _ = self.bus.send(BusEvent::Conversation {
                consumer_id: conv.consumer_id.clone(),
                change: conv.ex_change(),
            });
        }
        let _ = self.bus.send(BusEvent::Message(change));
        Ok(sequence)
    }

    /// Closes every socket with `code`.
    pub fn kick(&self, code: u16) {
        let _ = self.bus.send(BusEvent::Kick(code));
    }

    /// A chat state: not sequenced, not stored, only forwarded.
    pub fn chat_state(&self, change: MessagingChange) {
        let _ = self.bus.send(BusEvent::Message(change));
    }

    /// Closes a conversation; `consumer` limits it to that consumer's conversations.
    pub fn close(&self, id: &str, consumer: Option<&str>, reason: &str) -> Result<(), Refusal> {
        let mut inner = self.lock();
        let conv = inner
            .conversations
            .get_mut(id)
            .filter(|c| consumer.is_none_or(|me| c.consumer_id == me))
            .ok_or(Refusal::Unknown)?;
        if !conv.open {
            return Err(Refusal::Closed);
        }
        let now = now_ms();
        conv.open = false;
        conv.close_reason = Some(reason.into());
        conv.end_ts = Some(now);
        conv.updated_ts = now;
        let _ = self.bus.send(BusEvent::Conversation {
            consumer_id: conv.consumer_id.clone(),
            change: conv.ex_change(),
        });
        Ok(())
    }

    /// Events of a dialog from `from_seq`, if the dialog belongs to `consumer`.
    pub fn replay(
        &self,
        dialog_id: &str,
        consumer: &str,
        from_seq: i64,
    ) -> Result<Vec<MessagingChange>, Refusal> {
        let inner = self.lock();
        let conv = inner
            .conversations
            .get(dialog_id)
            .filter(|c| c.consumer_id == consumer)
            .ok_or(Refusal::Unknown)?;
        Ok(conv
            .events
            .iter()
            .filter(|e| e.sequence.unwrap_or(0) >= from_seq)
            .cloned()
            .collect())
    }
}
