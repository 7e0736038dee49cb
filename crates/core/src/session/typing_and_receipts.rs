//! Where typing and receipts meet the socket: the session routes the dialogs' events to
//! [`Typing`](super::typing::Typing) and [`Receipts`](super::receipts::Receipts), and publishes what
//! they ask for to the open conversation (chat states never to the survey dialog, PROTOCOL.md §5.2).
//! Receipts from the agent move the user's messages to delivered or read (§6.1).

use super::{conversation::Phase, Session};
use crate::{pending::Purpose, transcript::Delivery};
use lpchat_wire::{AcceptStatus, ChatState, Event, MetadataItem, PublishEventBody, RequestPayload};

impl Session {
    /// Publishes a chat state or receipt: not stored by the outbox, answers and losses are ignored.
    fn publish_signal(&mut self, dialog: &str, event: Event, metadata: Vec<MetadataItem>) {
        let (Some(conn), Phase::Open(conversation)) =
            (self.ready_conn(), self.conversation.phase())
        else {
            return;
        };
        let body = PublishEventBody {
            dialog_id: dialog.to_owned(),
            conversation_id: Some(conversation.clone()),
            event,
        };
        let deadline = self.fx.after(self.fx.timing().request_timeout);
        self.fx.request_until(
            conn,
            Purpose::Signal,
            RequestPayload::PublishEvent { body },
            metadata,
            deadline,
        );
    }

    /// A chat state to the open conversation's main dialog, if there is one and no survey runs.
    fn publish_chat_state(&mut self, chat_state: ChatState) {
        let (Phase::Open(dialog), None) = (self.conversation.phase(), self.conversation.survey())
        else {
            return;
        };
        let dialog = dialog.clone();
        let event = Event::ChatStateEvent { chat_state };
        self.publish_signal(&dialog, event, Vec::new());
    }

    /// The receipt for a card's button or a quick reply (PROTOCOL.md §8.3, frame 37).
    pub(super) fn publish_action(
        &mut self,
        dialog: &str,
        sequence: i64,
        metadata: Vec<MetadataItem>,
    ) {
        let event = Event::AcceptStatusEvent {
            status: AcceptStatus::Action,
            sequence_list: vec![sequence],
        };
        self.publish_signal(dialog, event, metadata);
    }

    /// The user typed in the composer.
    pub(super) fn on_typing(&mut self) {
        let can_send = self.conversation.survey().is_none()
            && self.ready_conn().is_some()
            && self.conversation.is_open();
        let refresh = self.fx.timing().typing_refresh;
        if self.typing.keystroke(self.fx.now(), refresh, can_send) {
            self.publish_chat_state(ChatState::Composing);
        }
    }

    /// The page was shown or hidden, or the transcript scrolled to or away from its bottom.
    pub(super) fn on_attention(&mut self, visible: Option<bool>, at_bottom: Option<bool>) {
        self.receipts.attention(visible, at_bottom);
        self.seen_if_shown();
    }

    /// What is on screen now counts as seen (after a batch of events, or a change of attention).
    pub(super) fn seen_if_shown(&mut self) {
        // A past conversation being read hides the current one's messages.
        let covered = self.past.reading().is_some();
        let batch = self.fx.timing().receipt_batch;
        self.receipts.see(self.fx.now(), batch, covered);
    }

    /// An event of the open dialogs arrived; `mine` if the user (this identity) originated it.
    pub(super) fn signal_event(
        &mut self,
        dialog: &str,
        sequence: Option<i64>,
        mine: bool,
        event: &Event,
    ) {
        let now = self.fx.now();
        match event {
            Event::ChatStateEvent { chat_state } if !mine => {
                let timeout = self.fx.timing().agent_typing_timeout;
                let composing = *chat_state == ChatState::Composing;
                self.typing.agent_state(now, composing, timeout);
            }
            Event::AcceptStatusEvent {
                status,
                sequence_list,
            } => {
                for &s in sequence_list {
                    if mine {
                        self.receipts.own(*status, (dialog.to_owned(), s));
                        continue;
                    }
                    let delivery = match status {
                        AcceptStatus::Accept => Delivery::Delivered,
                        AcceptStatus::Read => Delivery::Read,
                        _ => continue,
                    };
                    self.transcript.receipt(dialog, s, delivery);
                }
            }
            Event::ContentEvent { .. } | Event::RichContentEvent { .. } if !mine => {
                self.typing.agent_stopped();
                let Some(s) = sequence else { return };
                let batch = self.fx.timing().receipt_batch;
                if self
                    .receipts
                    .agent_message(now, batch, (dialog.to_owned(), s))
                {
                    let text = match event {
                        Event::ContentEvent { message, .. } => message.as_str(),
                        _ => None,
                    };
                    self.announce(text);
                }
            }
            _ => {}
        }
    }

    /// Timers: the user stopped typing, the agent's typing timed out, receipts are due.
    pub(super) fn expire_signals(&mut self) {
        let now = self.fx.now();
        if self.typing.expire(now, self.fx.timing().typing_idle) {
            self.publish_chat_state(ChatState::Active);
        }
        if self.receipts.due(now) {
            self.flush_receipts();
        }
    }

    /// Sends the collected receipts, one per status and dialog; kept for later without a socket.
    pub(super) fn flush_receipts(&mut self) {
        if self.ready_conn().is_none() || !self.conversation.is_open() {
            return;
        }
        for (status, dialog, sequence_list) in self.receipts.take() {
            let event = Event::AcceptStatusEvent {
                status,
                sequence_list,
            };
            self.publish_signal(&dialog, event, Vec::new());
        }
    }
}
