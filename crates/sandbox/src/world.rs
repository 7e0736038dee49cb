//! The sandbox's state: conversations, their sequenced events, and a bus that tells every socket
//! what changed. Appending and broadcasting happen under one lock, so a socket that reads a replay
//! under the lock and then skips bus events up to the replayed sequence loses nothing and sees nothing twice.

use lpchat_wire::{Event, ExConversationChange, MessagingChange, MetadataItem};
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
    /// Send this text frame, as is, to every signed-in consumer socket (control API, for attack tests).
    Raw(String),
    /// A conversation of this consumer changed.
    Conversation {
        /// Whose.
        consumer_id: String,
        /// Its complete state.
        change: ExConversationChange,
    },
}

pub use crate::conversation::Conversation;

/// Why an operation on the world was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No such conversation or dialog (for this consumer).
    Unknown,
    /// The conversation is closed.
    Closed,
    /// The consumer already has an open conversation.
    AlreadyOpen,
    /// The conversation is still open (a rating comes after the close).
    StillOpen,
}

/// Which unauthenticated sign-ins an account allows (PROTOCOL.md §2.1, §2.3). Both by default;
/// set per account with `POST /control/accounts/{account}/sign-in`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SignInPolicy {
    /// `POST /signup` issues identities (LivePerson's deprecated demonstration flow).
    pub signup: bool,
    /// The account has `Messaging.Un_Auth_Messaging` and an unauthenticated connector.
    pub unauthenticated: bool,
}

impl Default for SignInPolicy {
    fn default() -> Self {
        SignInPolicy {
            signup: true,
            unauthenticated: true,
        }
    }
}

#[derive(Default)]
pub(crate) struct Inner {
    /// Accounts whose sign-in differs from the default.
    sign_in: std::collections::HashMap<String, SignInPolicy>,
    pub(crate) conversations: BTreeMap<String, Conversation>,
    /// Post-conversation surveys for consumers that declare MULTI_DIALOG.
    surveys: bool,
    /// The `swift` host's files and temporary URLs.
    pub(crate) files: crate::swift::Store,
}

/// How a close request closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseScope {
    /// The MAIN dialog: a survey follows when enabled and the consumer declared MULTI_DIALOG.
    Main,
    /// Everything (ConversationStateField, Stage): no survey.
    All,
}

/// Shared, cloneable handle to the world.
#[derive(Clone)]
pub struct World {
    inner: Arc<Mutex<Inner>>,
    pub(crate) bus: broadcast::Sender<BusEvent>,
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

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
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

    /// Turns post-conversation surveys on or off.
    pub fn set_surveys(&self, on: bool) {
        self.lock().surveys = on;
    }

    /// Which unauthenticated sign-ins `account` allows.
    pub fn sign_in_policy(&self, account: &str) -> SignInPolicy {
        self.lock()
            .sign_in
            .get(account)
            .copied()
            .unwrap_or_default()
    }

    /// Sets which unauthenticated sign-ins `account` allows.
    pub fn set_sign_in_policy(&self, account: &str, policy: SignInPolicy) {
        self.lock().sign_in.insert(account.to_owned(), policy);
    }

    pub(crate) fn announce(&self, conv: &Conversation) {
        let _ = self.bus.send(BusEvent::Conversation {
            consumer_id: conv.consumer_id.clone(),
            change: conv.ex_change(),
        });
    }

    /// The consumer rates a conversation of theirs once it is over (legacy CSAT, PROTOCOL.md §5.3).
    pub fn rate(&self, id: &str, consumer: &str, rate: u8, resolved: bool) -> Result<(), Refusal> {
        let mut inner = self.lock();
        let conv = inner
            .conversations
            .get_mut(id)
            .filter(|c| c.consumer_id == consumer)
            .ok_or(Refusal::Unknown)?;
        if conv.main.open {
            return Err(Refusal::StillOpen);
        }
        conv.csat = Some((rate, resolved));
        Ok(())
    }

    /// A new conversation, unless one is open (its survey included).
    pub fn open_conversation(
        &self,
        account: &str,
        consumer_id: &str,
        multi_dialog: bool,
        skill_id: Option<String>,
    ) -> Result<String, Refusal> {
        let mut inner = self.lock();
        if inner
            .conversations
            .values()
            .any(|c| c.consumer_id == consumer_id && c.stage_open)
        {
            return Err(Refusal::AlreadyOpen);
        }
        let mut conv = Conversation::new(account, consumer_id, multi_dialog);
        conv.skill_id = skill_id;
        let id = conv.id.clone();
        self.announce(&conv);
        inner.conversations.insert(id.clone(), conv);
        Ok(id)
    }

    pub(crate) fn find<'a>(
        inner: &'a mut Inner,
        dialog_id: &str,
        consumer: Option<&str>,
    ) -> Result<&'a mut Conversation, Refusal> {
        inner
            .conversations
            .values_mut()
            .find(|c| {
                c.dialog(dialog_id).is_some() && consumer.is_none_or(|me| c.consumer_id == me)
            })
            .ok_or(Refusal::Unknown)
    }

    /// Appends a sequenced event to an open dialog; `consumer` limits it to that consumer's dialogs.
    /// A consumer's answer in a survey dialog is thanked and ends the survey.
    pub fn publish(
        &self,
        dialog_id: &str,
        consumer: Option<&str>,
        originator: (&str, lpchat_wire::Role),
        event: Event,
        metadata: Vec<MetadataItem>,
    ) -> Result<i64, Refusal> {
        let mut inner = self.lock();
        let conv = Self::find(&mut inner, dialog_id, consumer)?;
        if !conv.dialog(dialog_id).is_some_and(|d| d.open) {
            return Err(Refusal::Closed);
        }
        let is_agent = originator.1 != lpchat_wire::Role::Consumer;
        let in_survey = conv.survey.as_ref().is_some_and(|s| s.id == dialog_id);
        let joined_now = is_agent && !in_survey && !conv.agent_joined;
        let answer = !is_agent && in_survey && event.as_text().is_some();
        let change = conv
            .append(dialog_id, originator, event, metadata)
            .ok_or(Refusal::Unknown)?;
        let sequence = change.sequence.unwrap_or(0);
        if joined_now {
            conv.agent_joined = true;
            conv.touch();
            self.announce(conv);
        }
        let _ = self.bus.send(BusEvent::Message(change));
        if answer {
            let thanks = conv.append(
                dialog_id,
                (crate::conversation::SURVEY_BOT_ID, lpchat_wire::Role::Agent),
                Event::text("Thank you for your feedback."),
                Vec::new(),
            );
            if let Some(thanks) = thanks {
                let _ = self.bus.send(BusEvent::Message(thanks));
            }
            conv.finish();
            conv.touch();
            self.announce(conv);
        }
        Ok(sequence)
    }

    /// Sends a text frame as is to every signed-in consumer socket.
    pub fn send_raw(&self, text: String) {
        let _ = self.bus.send(BusEvent::Raw(text));
    }

    /// Closes every socket with `code`.
    pub fn kick(&self, code: u16) {
        let _ = self.bus.send(BusEvent::Kick(code));
    }

    /// A chat state: not sequenced, not stored, only forwarded.
    pub fn chat_state(&self, change: MessagingChange) {
        let _ = self.bus.send(BusEvent::Message(change));
    }

    /// Closes a dialog (or everything); `consumer` limits it to that consumer's conversations.
    pub fn close(
        &self,
        dialog_id: &str,
        consumer: Option<&str>,
        reason: lpchat_wire::CloseReason,
        scope: CloseScope,
    ) -> Result<(), Refusal> {
        let mut inner = self.lock();
        let surveys = inner.surveys;
        let conv = Self::find(&mut inner, dialog_id, consumer)?;
        if !conv.stage_open {
            return Err(Refusal::Closed);
        }
        let closing_survey = conv.survey.as_ref().is_some_and(|s| s.id == dialog_id);
        if conv.main.open {
            conv.main.open = false;
            conv.close_reason = Some(reason);
        } else if scope == CloseScope::Main && !closing_survey {
            return Err(Refusal::Closed);
        }
        let survey_now = scope == CloseScope::Main
            && !closing_survey
            && surveys
            && conv.multi_dialog
            && conv.survey.is_none();
        let question = if survey_now {
            conv.start_survey()
        } else {
            None
        };
        if question.is_none() {
            conv.finish();
        }
        conv.touch();
        self.announce(conv);
        if let Some(q) = question {
            let _ = self.bus.send(BusEvent::Message(q));
        }
        Ok(())
    }

    /// Events of a dialog from `from_seq`, if the dialog belongs to `consumer`.
    pub fn replay(
        &self,
        dialog_id: &str,
        consumer: &str,
        from_seq: i64,
    ) -> Result<Vec<MessagingChange>, Refusal> {
        let mut inner = self.lock();
        let conv = Self::find(&mut inner, dialog_id, Some(consumer))?;
        let dialog = conv.dialog(dialog_id).ok_or(Refusal::Unknown)?;
        Ok(dialog
            .events
            .iter()
            .filter(|e| e.sequence.unwrap_or(0) >= from_seq)
            .cloned()
            .collect())
    }
}
