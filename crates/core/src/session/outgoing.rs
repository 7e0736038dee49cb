//! What the user sends: starting a conversation (or typing to start one), messages in order through
//! the outbox, retries, and ending the conversation or skipping its survey.

use super::{conversation::Phase, Session, MAX_IN_FLIGHT, MAX_MESSAGE_CHARS};
use crate::{failure::Failure, pending::Purpose};
use lpchat_wire::{
    ConversationField, Event, MetadataItem, PublishEventBody, RequestPayload, State,
    UpdateConversationFieldBody,
};

impl Session {
    pub(super) fn start_conversation(&mut self) {
        let Some(conn) = self.ready_conn() else {
            return;
        };
        if !matches!(self.conversation.phase(), Phase::None | Phase::Closed) {
            return;
        }
        self.conversation.requesting();
        self.csat.withdraw();
        self.typing = Default::default();
        self.receipts.reset();
        self.quick_replies.reset();
        self.fx.request(
            conn,
            Purpose::RequestConversation,
            RequestPayload::ConsumerRequestConversation {
                body: crate::routing::request_body(self.skill.as_deref()),
            },
        );
    }

    /// Shown at once as pending; sent now if the socket is ready, else queued until it is. With no
    /// conversation open, one is requested first and the message follows it (typing to start, as
    /// LivePerson's own windows do).
    pub(super) fn send_text(&mut self, text: String) {
        if self.conversation_for_message() {
            self.queue_text(text, Vec::new());
        }
    }

    /// The same, with metadata (a card's or quick reply's click, PROTOCOL.md §8.3), in the open
    /// conversation only.
    pub(super) fn send_text_with(&mut self, text: String, metadata: Vec<MetadataItem>) {
        if self.conversation.is_open() {
            self.queue_text(text, metadata);
        }
    }

    /// Whether a message can wait for its conversation: one is open or being requested, or none is
    /// and one is requested now.
    fn conversation_for_message(&mut self) -> bool {
        if matches!(self.conversation.phase(), Phase::None | Phase::Closed) {
            self.start_conversation();
        }
        matches!(
            self.conversation.phase(),
            Phase::Open(_) | Phase::Requesting
        )
    }

    /// No conversation is open. Messages the user wrote meanwhile (the request that would have
    /// opened one was lost with its socket) ask for one again.
    pub(super) fn no_conversation(&mut self) {
        self.conversation.go(Phase::None);
        if self.outbox.has_queued() {
            self.start_conversation();
        }
    }

    /// The conversation the user's messages waited for was not opened: they fail, kept to retry.
    pub(super) fn messages_not_started(&mut self) {
        let keys = self.outbox.fail_queued();
        self.show_failed(keys);
    }

    fn show_failed(&mut self, keys: Vec<u64>) {
        for key in keys {
            self.transcript.set_failed(key);
        }
    }

    fn queue_text(&mut self, text: String, metadata: Vec<MetadataItem>) {
        let text = text.trim().to_owned();
        if text.is_empty() || text.chars().count() > MAX_MESSAGE_CHARS {
            return;
        }
        if self.outbox.is_full() {
            self.screen.alert(Failure::OutboxFull);
            return;
        }
        let key = self.transcript.local(text.clone());
        self.fx.mark("send");
        let external_id = self.fx.external_id();
        self.outbox.push(key, text, external_id, metadata);
        self.quick_replies.withdraw(); // they go away once the user answers
        self.typing.message_sent();
        self.flush();
    }

    pub(super) fn retry(&mut self, key: u64) {
        if self.outbox.is_failed(key) && self.conversation_for_message() && self.outbox.retry(key) {
            self.transcript.set_pending(key);
            self.flush();
        }
    }

    pub(super) fn end_conversation(&mut self) {
        let Some(conn) = self.ready_conn() else {
            return;
        };
        let Phase::Open(id) = self.conversation.phase() else {
            return;
        };
        let id = id.clone();
        // Ending closes the main dialog (DialogChange, frame 33), so a post-conversation survey can
        // start; during the survey, "Skip survey" closes the whole conversation (Stage, frame 42).
        let survey = self.conversation.survey().is_some();
        let field = if survey {
            ConversationField::Stage {
                conversation_state: State::Close,
            }
        } else {
            ConversationField::DialogChange {
                change: lpchat_wire::DialogChangeType::Update,
                dialog: lpchat_wire::DialogChange {
                    dialog_id: id.clone(),
                    state: State::Close,
                    closed_cause: Some("Closed by consumer".into()),
                },
            }
        };
        self.conversation.go(Phase::Closing(id.clone()));
        self.fx.request(
            conn,
            Purpose::Close { survey },
            RequestPayload::UpdateConversationField {
                body: UpdateConversationFieldBody {
                    conversation_id: id,
                    conversation_field: vec![field],
                },
            },
        );
    }

    /// Publishes every queued message, in order, once the socket, the conversation and the replay
    /// check allow it.
    pub(super) fn flush(&mut self) {
        let (Some(conn), Phase::Open(conversation)) =
            (self.ready_conn(), self.conversation.phase())
        else {
            return;
        };
        if self.conversation.awaiting_replay() || self.fx.holding() {
            return; // after the replay check; nothing new while the server asks for patience
        }
        let conversation = conversation.clone();
        self.flush_uploads(conn);
        let dialog = self
            .conversation
            .open_dialog()
            .unwrap_or_else(|| conversation.clone());
        // One message at a time, each after the previous one's answer: a server that refuses one
        // (429, PROTOCOL.md §7) must not store the next before it, and nothing bursts. Within
        // MAX_IN_FLIGHT requests of every kind.
        if self.outbox.sending() || self.fx.in_flight() >= MAX_IN_FLIGHT {
            return;
        }
        if let Some(msg) = self.outbox.next_queued() {
            let deadline = self.fx.after(self.fx.timing().request_timeout);
            let req = self.fx.request_until(
                conn,
                Purpose::Publish { entry: msg.key },
                RequestPayload::PublishEvent {
                    body: PublishEventBody {
                        dialog_id: dialog.clone(),
                        conversation_id: Some(conversation.clone()),
                        event: match &msg.file {
                            Some(file) => Event::hosted_file(file),
                            None => Event::text(msg.text),
                        },
                    },
                },
                msg.metadata
                    .iter()
                    .cloned()
                    .chain([MetadataItem::external_id(&msg.external_id)])
                    .collect(),
                deadline,
            );
            self.outbox.set_in_flight(msg.key, req);
        }
    }

    /// Nothing unconfirmed can be delivered any more (the conversation or identity is gone): every
    /// such message is marked not delivered.
    pub(super) fn fail_unsent(&mut self) {
        let keys = self.outbox.fail_all();
        self.show_failed(keys);
    }
}
