//! Typing both ways, receipts both ways, and what the user has seen (PROTOCOL.md §5.2, §6.1).
//!
//! - The user's typing: COMPOSING at most once every `typing_refresh` while typing, ACTIVE after
//!   `typing_idle` without a keystroke; never to the survey dialog.
//! - The agent's typing: shown from COMPOSING until another state, a message, or `agent_typing_timeout`.
//! - Receipts sent: ACCEPT for each agent message when it arrives, READ once it has been shown (page
//!   visible, transcript at its bottom), each batched by `sequenceList` after `receipt_batch`
//!   ([`crate::Timing`]).
//!   Messages the user's own earlier receipts (seen in the replay) already cover are not receipted again.
//! - Receipts received: the agent's ACCEPT/READ move the user's messages to delivered/read.

use super::{Conversation, Session};
use crate::small_map::SortedSet;
use crate::{pending::Purpose, time::Millis, transcript::Delivery};
use lpchat_wire::{AcceptStatus, ChatState, Event, PublishEventBody, RequestPayload};

/// Everything about typing, receipts and reading.
#[derive(Debug)]
pub(crate) struct Signals {
    /// When COMPOSING was last sent (None: the user is not typing, as far as the agent knows).
    composing_sent: Option<Millis>,
    last_keystroke: Millis,
    /// "Agent is typing…" until then.
    pub(crate) agent_typing_until: Option<Millis>,
    /// Agent messages `(dialog, sequence)` that still need ACCEPT, and READ.
    to_accept: Vec<(String, i64)>,
    unread: Vec<(String, i64)>,
    to_read: Vec<(String, i64)>,
    accepted: SortedSet<(String, i64)>,
    read: SortedSet<(String, i64)>,
    /// Receipts go out then.
    flush_at: Option<Millis>,
    /// The page is visible.
    pub(crate) visible: bool,
    /// The transcript is scrolled to its bottom.
    pub(crate) at_bottom: bool,
    /// The newest message (either side) seen: quick replies belong to it alone.
    pub(crate) newest_message: Option<(String, i64)>,
}

impl Default for Signals {
    fn default() -> Self {
        Signals {
            composing_sent: None,
            last_keystroke: Millis(0),
            agent_typing_until: None,
            to_accept: Vec::new(),
            unread: Vec::new(),
            to_read: Vec::new(),
            accepted: SortedSet::default(),
            read: SortedSet::default(),
            flush_at: None,
            visible: true,
            at_bottom: true,
            newest_message: None,
        }
    }
}

impl Signals {
    /// Agent messages not yet shown to the user.
    pub(crate) fn unread(&self) -> usize {
        self.unread.len()
    }

    /// The next moment something here is due.
    pub(crate) fn next_deadline(&self, typing_idle: std::time::Duration) -> Option<Millis> {
        let idle = self
            .composing_sent
            .map(|_| self.last_keystroke.after(typing_idle));
        [idle, self.agent_typing_until, self.flush_at]
            .into_iter()
            .flatten()
            .min()
    }

    /// A new conversation or identity: nothing carries over.
    pub(crate) fn reset(&mut self) {
        let (visible, at_bottom) = (self.visible, self.at_bottom);
        *self = Signals {
            visible,
            at_bottom,
            ..Signals::default()
        };
    }
}

impl Session {
    /// Publishes a chat state or receipt: not stored by the outbox, answers and losses are ignored.
    fn publish_signal(
        &mut self,
        dialog: &str,
        event: Event,
        metadata: Vec<lpchat_wire::MetadataItem>,
    ) {
        let (Some(conn), Conversation::Open(conversation)) =
            (self.ready_conn(), &self.conversation)
        else {
            return;
        };
        let conversation_id = Some(conversation.clone());
        let deadline = self.after(self.timing.request_timeout);
        self.request_until(
            conn,
            Purpose::Signal,
            RequestPayload::PublishEvent {
                body: PublishEventBody {
                    dialog_id: dialog.to_owned(),
                    conversation_id,
                    event,
                },
            },
            metadata,
            deadline,
        );
    }

    /// The receipt for a card's button or a quick reply (PROTOCOL.md §8.3, frame 37).
    pub(super) fn publish_action(
        &mut self,
        dialog: &str,
        sequence: i64,
        metadata: Vec<lpchat_wire::MetadataItem>,
    ) {
        let event = Event::AcceptStatusEvent {
            status: AcceptStatus::Action,
            sequence_list: vec![sequence],
        };
        self.publish_signal(dialog, event, metadata);
    }

    /// The user typed in the composer.
    pub(super) fn on_typing(&mut self) {
        let now = self.now;
        self.signals.last_keystroke = now;
        // Chat states are not accepted by the survey dialog (PROTOCOL.md §5.2).
        if self.survey_dialog.is_some() || self.ready_conn().is_none() {
            return;
        }
        let Conversation::Open(dialog) = self.conversation.clone() else {
            return;
        };
        let refresh = self.timing.typing_refresh;
        if self
            .signals
            .composing_sent
            .is_some_and(|t| now < t.after(refresh))
        {
            return;
        }
        self.signals.composing_sent = Some(now);
        self.publish_signal(
            &dialog,
            Event::ChatStateEvent {
                chat_state: ChatState::Composing,
            },
            Vec::new(),
        );
    }

    /// A message was sent: it ends the typing by itself.
    pub(super) fn typing_ended_by_message(&mut self) {
        self.signals.composing_sent = None;
    }

    /// The page was shown or hidden, or the transcript scrolled to or away from its bottom.
    pub(super) fn on_attention(&mut self, visible: Option<bool>, at_bottom: Option<bool>) {
        if let Some(v) = visible {
            self.signals.visible = v;
        }
        if let Some(b) = at_bottom {
            self.signals.at_bottom = b;
        }
        self.seen_if_shown();
    }

    /// What is on screen now counts as seen (after a batch of events, or a change of attention).
    pub(super) fn seen_if_shown(&mut self) {
        // A past conversation being read hides the current one's messages.
        let shown = self.signals.visible && self.signals.at_bottom && self.past.reading().is_none();
        if shown && !self.signals.unread.is_empty() {
            let unread = std::mem::take(&mut self.signals.unread);
            self.signals.to_read.extend(unread);
            self.schedule_receipts();
        }
    }

    fn schedule_receipts(&mut self) {
        if self.signals.flush_at.is_none() {
            self.signals.flush_at = Some(self.after(self.timing.receipt_batch));
        }
    }

    /// An event of the open dialogs arrived; `mine` if the user (this identity) originated it.
    pub(super) fn signal_event(
        &mut self,
        dialog: &str,
        sequence: Option<i64>,
        mine: bool,
        event: &Event,
    ) {
        match event {
            Event::ChatStateEvent { chat_state } if !mine => {
                self.signals.agent_typing_until = (*chat_state == ChatState::Composing)
                    .then(|| self.after(self.timing.agent_typing_timeout));
            }
            Event::AcceptStatusEvent {
                status,
                sequence_list,
            } => {
                let status = *status;
                for &s in sequence_list {
                    let key = (dialog.to_owned(), s);
                    if mine {
                        // The user's own receipts, e.g. from before a reload: not to be sent again.
                        if matches!(status, AcceptStatus::Accept | AcceptStatus::Read) {
                            self.signals.accepted.insert(key.clone());
                        }
                        if status == AcceptStatus::Read {
                            self.signals.unread.retain(|k| *k != key);
                            self.signals.read.insert(key);
                        }
                    } else {
                        let delivery = match status {
                            AcceptStatus::Accept => Delivery::Delivered,
                            AcceptStatus::Read => Delivery::Read,
                            _ => continue,
                        };
                        self.transcript.receipt(dialog, s, delivery);
                    }
                }
            }
            Event::ContentEvent { .. } | Event::RichContentEvent { .. } if !mine => {
                self.signals.agent_typing_until = None;
                if let Some(s) = sequence {
                    let key = (dialog.to_owned(), s);
                    if !self.signals.accepted.contains(&key) {
                        self.signals.to_accept.push(key.clone());
                    }
                    if !self.signals.read.contains(&key) {
                        self.signals.unread.push(key);
                        let text = match event {
                            Event::ContentEvent { message, .. } => message.as_str(),
                            _ => None,
                        };
                        self.announce(text);
                    }
                    self.schedule_receipts();
                }
            }
            _ => {}
        }
    }

    /// Timers: the user stopped typing, the agent's typing timed out, receipts are due.
    pub(super) fn expire_signals(&mut self) {
        let now = self.now;
        let idle = self.timing.typing_idle;
        if self
            .signals
            .composing_sent
            .is_some_and(|_| self.signals.last_keystroke.after(idle) <= now)
        {
            self.signals.composing_sent = None;
            if let (Conversation::Open(dialog), None) =
                (self.conversation.clone(), &self.survey_dialog)
            {
                self.publish_signal(
                    &dialog,
                    Event::ChatStateEvent {
                        chat_state: ChatState::Active,
                    },
                    Vec::new(),
                );
            }
        }
        if self.signals.agent_typing_until.is_some_and(|t| t <= now) {
            self.signals.agent_typing_until = None;
        }
        if self.signals.flush_at.is_some_and(|t| t <= now) {
            self.signals.flush_at = None;
            self.flush_receipts();
        }
    }

    /// Sends the collected receipts, one per status and dialog; kept for later without a socket.
    pub(super) fn flush_receipts(&mut self) {
        if self.ready_conn().is_none() || !matches!(self.conversation, Conversation::Open(_)) {
            return;
        }
        for status in [AcceptStatus::Accept, AcceptStatus::Read] {
            let (list, done) = match status {
                AcceptStatus::Accept => (
                    std::mem::take(&mut self.signals.to_accept),
                    &mut self.signals.accepted,
                ),
                _ => (
                    std::mem::take(&mut self.signals.to_read),
                    &mut self.signals.read,
                ),
            };
            let mut by_dialog: Vec<(String, Vec<i64>)> = Vec::new();
            for (dialog, s) in list {
                if !done.insert((dialog.clone(), s)) {
                    continue;
                }
                crate::small_map::entry(&mut by_dialog, &dialog, Vec::new).push(s);
            }
            for (dialog, sequence_list) in by_dialog {
                self.publish_signal(
                    &dialog,
                    Event::AcceptStatusEvent {
                        status,
                        sequence_list,
                    },
                    Vec::new(),
                );
            }
        }
    }
}
