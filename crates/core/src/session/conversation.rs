//! The conversation: starting, resuming, messages in and out, closing.

use super::{Conversation, Link, Session, Snapshot, MAX_IN_FLIGHT, MAX_MESSAGE_CHARS};
use crate::{
    failure::{Failure, Step},
    io::ConnId,
    pending::Purpose,
};
use lpchat_wire::{
    ConversationField, Event, MetadataItem, PublishEventBody, PublishEventResult,
    RequestConversationResult, RequestPayload, Response, State, SubscribeExConversationsBody,
    SubscribeMessagingEventsBody, UpdateConversationFieldBody,
};

/// Subscriptions made again when the snapshot may have been a frame that could not be read.
const MAX_SNAPSHOT_RETRIES: u8 = 2;

impl Session {
    // ----- user intents -------------------------------------------------------------------------

    pub(super) fn start_conversation(&mut self) {
        let Some(conn) = self.ready_conn() else {
            return;
        };
        if !matches!(self.conversation, Conversation::None | Conversation::Closed) {
            return;
        }
        self.conversation = Conversation::Requesting;
        self.csat.withdraw();
        self.last_seq = None;
        self.signals.reset();
        self.offer = None;
        self.request(
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
        if matches!(self.conversation, Conversation::Open(_)) {
            self.queue_text(text, metadata);
        }
    }

    /// Whether a message can wait for its conversation: one is open or being requested, or none is
    /// and one is requested now.
    fn conversation_for_message(&mut self) -> bool {
        if matches!(self.conversation, Conversation::None | Conversation::Closed) {
            self.start_conversation();
        }
        matches!(
            self.conversation,
            Conversation::Open(_) | Conversation::Requesting
        )
    }

    /// No conversation is open. Messages the user wrote meanwhile (the request that would have
    /// opened one was lost with its socket) ask for one again.
    pub(super) fn no_conversation(&mut self) {
        self.conversation = Conversation::None;
        if self.outbox.has_queued() {
            self.start_conversation();
        }
    }

    /// The conversation the user's messages waited for was not opened: they fail, kept to retry.
    fn messages_not_started(&mut self) {
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
            self.alert = Some(Failure::OutboxFull);
            return;
        }
        let key = self.transcript.local(text.clone());
        self.mark("send");
        let external_id = self.next_external_id();
        self.outbox.push(key, text, external_id, metadata);
        self.offer = None; // quick replies go away once the user answers
        self.typing_ended_by_message();
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
        let Conversation::Open(id) = &self.conversation else {
            return;
        };
        let id = id.clone();
        // Ending closes the main dialog (DialogChange, frame 33), so a post-conversation survey can
        // start; during the survey, "Skip survey" closes the whole conversation (Stage, frame 42).
        let field = if self.survey_dialog.is_some() {
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
        let survey = self.survey_dialog.is_some();
        self.conversation = Conversation::Closing(id.clone());
        self.request(
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
        let (Some(conn), Conversation::Open(conversation)) =
            (self.ready_conn(), &self.conversation)
        else {
            return;
        };
        if self.replay_wait.is_some() || self.throttle.holding(self.now) {
            return; // after the replay check; nothing new while the server asks for patience
        }
        let conversation = conversation.clone();
        self.flush_uploads(conn);
        let dialog = self.open_dialog().unwrap_or_else(|| conversation.clone());
        // One message at a time, each after the previous one's answer: a server that refuses one
        // (429, PROTOCOL.md §7) must not store the next before it, and nothing bursts. Within
        // MAX_IN_FLIGHT requests of every kind.
        if self.outbox.sending() || self.pending.len() >= MAX_IN_FLIGHT {
            return;
        }
        if let Some(msg) = self.outbox.next_queued() {
            let deadline = self.after(self.timing.request_timeout);
            let req = self.request_until(
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

    // ----- the conversation snapshot ------------------------------------------------------------

    /// Asks for this consumer's conversations; the first notification answering is the snapshot.
    pub(super) fn subscribe_conversations(&mut self, conn: ConnId) {
        self.request(
            conn,
            Purpose::SubscribeConversations,
            RequestPayload::SubscribeExConversations {
                body: SubscribeExConversationsBody {
                    min_last_updated_time: Some(0),
                    conv_state: vec![State::Open, State::Close],
                    stage: Vec::new(),
                },
            },
        );
    }

    /// A frame could not be read (too large, or not a frame): while the snapshot is awaited, it may
    /// have been the snapshot.
    pub(super) fn frame_unread(&mut self) {
        if let Conversation::Looking(snapshot) = &mut self.conversation {
            snapshot.unread_frame = true;
        }
    }

    /// The snapshot did not come in time. With every frame read, that means no conversation is open.
    /// After a frame that could not be read it means nothing: the conversations are asked for again,
    /// at most `MAX_SNAPSHOT_RETRIES` times, and then the user is told lpchat cannot know.
    fn snapshot_missed(&mut self, snapshot: Snapshot) {
        if !snapshot.unread_frame {
            self.no_conversation();
            self.mark("ready");
            return;
        }
        if snapshot.retries >= MAX_SNAPSHOT_RETRIES {
            self.conversation = Conversation::Unknown;
            self.alert = Some(Failure::Unreadable(Step::Subscribe));
            return;
        }
        self.conversation = Conversation::Looking(Snapshot {
            retries: snapshot.retries + 1,
            ..Snapshot::default()
        });
        if let Some(conn) = self.ready_conn() {
            self.subscribe_conversations(conn);
        }
    }

    // ----- connection events --------------------------------------------------------------------

    /// InitConnection succeeded: resume what was open, or look for it.
    pub(super) fn conversation_after_connect(&mut self, conn: ConnId) {
        match self.conversation.clone() {
            Conversation::Open(id) | Conversation::Closing(id) => {
                self.conversation = Conversation::Open(id.clone());
                if self.outbox.has_uncertain() {
                    self.replay_wait = Some(None);
                }
                let from = self.last_seq.map_or(0, |s| s + 1);
                if from == 0 {
                    // The whole history comes (a page load): it goes in quietly.
                    self.quiet_for(self.timing.quiet_history * 3);
                }
                // During a survey its dialog is the one followed (subscriptions belong to one socket).
                let dialog = self.survey_dialog.clone().unwrap_or_else(|| id.clone());
                self.subscribe_messages(conn, id, dialog, from);
                self.flush();
            }
            // A consumer whose identity was issued a moment ago has no conversations yet: Start
            // conversation works at once (one round trip less on a cold start).
            Conversation::Unknown if std::mem::take(&mut self.fresh_identity) => {
                self.conversation = Conversation::None
            }
            _ => self.conversation = Conversation::Looking(Snapshot::default()),
        }
        if !matches!(self.conversation, Conversation::Looking(_)) {
            self.mark("ready"); // known at once: a fresh identity, or the conversation being continued
        }
        self.fresh_identity = false;
        self.ask_past(); // a past conversation being read when the socket went
    }

    /// A fresh identity cannot see the old conversation: end it for the user, keep its transcript.
    pub(super) fn conversation_lost_with_identity(&mut self, code: u16) {
        let had = matches!(
            self.conversation,
            Conversation::Open(_) | Conversation::Closing(_) | Conversation::Requesting
        );
        if had {
            self.transcript.system(crate::text::fill(
                self.t.identity_renewed,
                &[&code.to_string()],
            ));
        }
        self.fail_unsent();
        self.conversation = Conversation::Unknown;
        self.last_seq = None;
        self.past = Default::default(); // the old identity's
    }

    /// A request's socket is gone.
    pub(super) fn request_lost(&mut self, purpose: Purpose) {
        match purpose {
            Purpose::RequestConversation if self.conversation == Conversation::Requesting => {
                // It may have been created: the next snapshot will tell.
                self.conversation = Conversation::Unknown;
            }
            Purpose::Close { .. } => {
                if let Conversation::Closing(id) = self.conversation.clone() {
                    self.conversation = Conversation::Open(id);
                }
            }
            Purpose::UploadUrl { entry } => self.upload_url_lost(entry),
            Purpose::DownloadUrl { .. } => self.download_ended(),
            Purpose::PastHistory => self.past.lost(),
            _ => {} // publishes become uncertain in the outbox
        }
    }

    /// A request had no answer in time (the socket still seems alive).
    pub(super) fn request_timed_out(&mut self, purpose: Purpose) {
        let step = match purpose {
            Purpose::SubscribeConversations => {
                if matches!(self.conversation, Conversation::Looking(_)) {
                    self.conversation = Conversation::None;
                }
                Step::Subscribe
            }
            Purpose::RequestConversation => {
                if self.conversation == Conversation::Requesting {
                    self.conversation = Conversation::None;
                    self.messages_not_started();
                }
                Step::StartConversation
            }
            Purpose::SubscribeMessages => {
                self.replay_checked();
                Step::Subscribe
            }
            Purpose::Close { survey } => {
                self.request_lost(Purpose::Close { survey });
                Step::EndConversation
            }
            Purpose::UploadUrl { entry } => return self.upload_url_timed_out(entry),
            Purpose::DownloadUrl { .. } => {
                self.download_ended();
                return self.ask_downloads();
            }
            Purpose::Rating => Step::Rating,
            Purpose::PastHistory => return self.past.answered(false, self.t),
            Purpose::Init | Purpose::Keepalive | Purpose::Publish { .. } | Purpose::Signal => {
                return
            }
        };
        self.alert = Some(Failure::TimedOut(step));
    }

    pub(super) fn expire_conversation(&mut self) {
        let now = self.now;
        if let Conversation::Looking(snapshot) = self.conversation {
            if snapshot.deadline.is_some_and(|d| d <= now) {
                self.snapshot_missed(snapshot);
            }
        }
        if self.replay_wait.flatten().is_some_and(|d| d <= now) {
            self.replay_checked();
        }
        if self.close_wait.is_some_and(|d| d <= now) {
            // The close was accepted but its conversation change never came: it is closed.
            self.close_wait = None;
            if matches!(self.conversation, Conversation::Closing(_)) {
                self.conversation_closed(None, self.t.you_ended);
            }
        }
    }

    pub(super) fn replay_checked(&mut self) {
        if self.replay_wait.take().is_some() {
            self.outbox.replay_checked();
            self.flush();
        }
    }

    // ----- responses ----------------------------------------------------------------------------

    pub(super) fn on_response(&mut self, conn: ConnId, purpose: Purpose, resp: &Response) {
        let rejected = |step| Failure::Rejected {
            step,
            code: resp.code,
            text: resp.body_text(),
        };
        match purpose {
            Purpose::Init => self.on_init(conn, resp.code, resp.body_text()),
            Purpose::UploadUrl { entry } => self.on_upload_url(entry, resp),
            Purpose::DownloadUrl { entry } => self.on_download_url(entry, resp),
            Purpose::Signal => {}
            Purpose::Rating => self.on_rating_answer(resp),
            Purpose::PastHistory => self.past.answered(resp.is_success(), self.t),
            Purpose::Keepalive => self.on_keepalive_answer(),
            Purpose::SubscribeConversations => {
                if let Conversation::Looking(snapshot) = self.conversation {
                    if resp.is_success() {
                        self.conversation = Conversation::Looking(Snapshot {
                            deadline: Some(self.after(self.timing.snapshot_timeout)),
                            ..snapshot
                        });
                    } else {
                        self.conversation = Conversation::None;
                        self.alert = Some(rejected(Step::Subscribe));
                    }
                }
            }
            Purpose::RequestConversation => {
                if self.conversation != Conversation::Requesting {
                    return;
                }
                match resp
                    .is_success()
                    .then(|| resp.body_as::<RequestConversationResult>())
                {
                    Some(Ok(result)) => {
                        self.conversation = Conversation::Open(result.conversation_id.clone());
                        self.mark("conversation-open");
                        self.survey_dialog = None;
                        self.assigned_agent = None;
                        self.save();
                        self.transcript.system(self.t.conversation_started);
                        let id = result.conversation_id;
                        self.subscribe_messages(conn, id.clone(), id, 0);
                        self.flush(); // what the user wrote to start it
                    }
                    Some(Err(_)) => {
                        self.conversation = Conversation::None;
                        self.messages_not_started();
                        self.alert = Some(Failure::Rejected {
                            step: Step::StartConversation,
                            code: resp.code,
                            text: Some(self.t.no_conversation_id.into()),
                        });
                    }
                    None => {
                        self.conversation = Conversation::None;
                        self.messages_not_started();
                        self.alert = Some(rejected(Step::StartConversation));
                    }
                }
            }
            Purpose::SubscribeMessages => {
                if !resp.is_success() {
                    self.alert = Some(rejected(Step::Subscribe));
                    self.replay_checked();
                } else if self.replay_wait == Some(None) {
                    self.replay_wait = Some(Some(self.after(self.timing.replay_grace)));
                }
            }
            Purpose::Publish { entry } => {
                if resp.is_success() {
                    let sequence = resp
                        .body_as::<PublishEventResult>()
                        .ok()
                        .and_then(|r| r.sequence);
                    if self.outbox.confirmed(entry, sequence).is_some() {
                        self.mark("sent");
                    }
                    let dialog = self.open_dialog().unwrap_or_default();
                    // Not `note_sequence`: an agent's message stored just before this one may not
                    // have reached us yet (its notification and this answer travel apart), and a
                    // resubscription from past it would lose it. Only events seen count.
                    self.transcript.confirm(entry, &dialog, sequence, None);
                } else {
                    self.outbox.failed(entry);
                    self.transcript.set_failed(entry);
                    self.alert = Some(rejected(Step::Send));
                }
                self.flush(); // the next queued message
            }
            Purpose::Close { survey } => {
                if resp.is_success() && survey {
                    self.conversation_closed(None, self.t.you_skipped_survey);
                } else if resp.is_success() {
                    // The conversation change says what follows: a survey, or the end.
                    if matches!(self.conversation, Conversation::Closing(_)) {
                        self.close_wait = Some(self.after(self.timing.snapshot_timeout));
                    }
                } else {
                    self.request_lost(Purpose::Close { survey });
                    self.alert = Some(rejected(Step::EndConversation));
                }
            }
        }
    }

    // ----- notifications ------------------------------------------------------------------------

    // ----- helpers ------------------------------------------------------------------------------

    /// Follows one dialog of `conversation` from `from_seq`: the main dialog (whose id is the
    /// conversation's), or the survey dialog, which has its own id but names the conversation's
    /// (PROTOCOL.md §6.2, the PCS tutorial's step 10).
    pub(super) fn subscribe_messages(
        &mut self,
        conn: ConnId,
        conversation: String,
        dialog: String,
        from_seq: i64,
    ) {
        self.awaiting_history = true;
        self.request(
            conn,
            Purpose::SubscribeMessages,
            RequestPayload::SubscribeMessagingEvents {
                body: SubscribeMessagingEventsBody {
                    dialog_id: dialog,
                    from_seq,
                    conversation_id: Some(conversation),
                },
            },
        );
    }

    pub(super) fn note_sequence(&mut self, sequence: Option<i64>) {
        if let Some(s) = sequence {
            self.last_seq = Some(self.last_seq.map_or(s, |l| l.max(s)));
        }
    }

    /// Marks the current conversation closed once, whoever reported it first.
    pub(super) fn conversation_closed(&mut self, id: Option<&str>, text: &str) {
        let current = match &self.conversation {
            Conversation::Open(c) | Conversation::Closing(c) => c.clone(),
            _ => return,
        };
        if id.is_some_and(|id| id != current) {
            return;
        }
        self.conversation = Conversation::Closed;
        let surveyed = self.survey_dialog.is_some();
        self.csat.after_close(&current, surveyed);
        self.survey_dialog = None;
        self.close_wait = None;
        self.offer = None;
        self.signals.agent_typing_until = None;
        self.save();
        self.replay_wait = None;
        self.fail_unsent();
        self.transcript.system(text);
    }

    /// Nothing unconfirmed can be delivered any more (the conversation or identity is gone): every
    /// such message is marked not delivered.
    pub(super) fn fail_unsent(&mut self) {
        let keys = self.outbox.fail_all();
        self.show_failed(keys);
    }

    /// The open conversation's id.
    pub(super) fn open_conversation_id(&self) -> Option<String> {
        match &self.conversation {
            Conversation::Open(id) | Conversation::Closing(id) => Some(id.clone()),
            _ => None,
        }
    }

    /// The dialog messages go to and come from: the survey while it runs, else MAIN (= the conversation id).
    pub(super) fn open_dialog(&self) -> Option<String> {
        let conversation = self.open_conversation_id()?;
        Some(self.survey_dialog.clone().unwrap_or(conversation))
    }

    /// Whether the socket is ready (for the view).
    pub(super) fn is_ready(&self) -> bool {
        matches!(self.link, Link::Ready(_))
    }
}
