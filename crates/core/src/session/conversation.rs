//! The conversation: starting, resuming, messages in and out, closing.

use super::{Conversation, Link, Session, MAX_IN_FLIGHT, MAX_MESSAGE_CHARS};
use crate::{
    failure::{Failure, Step},
    io::ConnId,
    pending::Purpose,
    transcript::Author,
};
use lpchat_wire::{
    ConversationField, Event, ExChangeType, ExConversationChangeNotification,
    MessagingEventNotification, MetadataItem, Notification, PublishEventBody, PublishEventResult,
    RequestConversationResult, RequestPayload, Response, SubscribeMessagingEventsBody,
    UpdateConversationFieldBody,
};

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
        self.last_seq = None;
        self.request(
            conn,
            Purpose::RequestConversation,
            RequestPayload::ConsumerRequestConversation { body: None },
        );
    }

    /// Shown at once as pending; sent now if the socket is ready, else queued until it is.
    pub(super) fn send_text(&mut self, text: String) {
        if !matches!(self.conversation, Conversation::Open(_)) {
            return;
        }
        let text = text.trim().to_owned();
        if text.is_empty() || text.chars().count() > MAX_MESSAGE_CHARS {
            return;
        }
        if self.outbox.is_full() {
            self.alert = Some(Failure::OutboxFull);
            return;
        }
        let key = self.transcript.local(text.clone());
        let external_id = self.next_external_id();
        self.outbox.push(key, text, external_id);
        self.flush();
    }

    pub(super) fn retry(&mut self, key: u64) {
        if matches!(self.conversation, Conversation::Open(_)) && self.outbox.retry(key) {
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
        // During the survey, ending means skipping it: the whole container closes (Stage, §5.3).
        let field = if self.survey_dialog.is_some() {
            ConversationField::Stage {
                conversation_state: "CLOSE".into(),
            }
        } else {
            ConversationField::ConversationState {
                conversation_state: "CLOSE".into(),
            }
        };
        self.conversation = Conversation::Closing(id.clone());
        self.request(
            conn,
            Purpose::Close,
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
        if self.replay_wait.is_some() {
            return;
        }
        let conversation = conversation.clone();
        let dialog = self.open_dialog().unwrap_or_else(|| conversation.clone());
        // At most MAX_IN_FLIGHT requests at once; the rest stay queued until answers come back.
        let room = MAX_IN_FLIGHT.saturating_sub(self.pending.len());
        for msg in self.outbox.queued().into_iter().take(room) {
            let deadline = self.after(self.timing.request_timeout);
            let req = self.request_until(
                conn,
                Purpose::Publish { entry: msg.key },
                RequestPayload::PublishEvent {
                    body: PublishEventBody {
                        dialog_id: dialog.clone(),
                        conversation_id: Some(conversation.clone()),
                        event: Event::text(msg.text),
                    },
                },
                vec![MetadataItem::external_id(&msg.external_id)],
                deadline,
            );
            self.outbox.set_in_flight(msg.key, req);
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
                self.subscribe_messages(conn, id, from);
                self.flush();
            }
            // A consumer whose identity was issued a moment ago has no conversations yet: Start
            // conversation works at once (one round trip less on a cold start).
            Conversation::Unknown if std::mem::take(&mut self.fresh_identity) => {
                self.conversation = Conversation::None
            }
            _ => self.conversation = Conversation::Looking(None),
        }
        self.fresh_identity = false;
    }

    /// A fresh identity cannot see the old conversation: end it for the user, keep its transcript.
    pub(super) fn conversation_lost_with_identity(&mut self, code: u16) {
        let had = matches!(
            self.conversation,
            Conversation::Open(_) | Conversation::Closing(_) | Conversation::Requesting
        );
        if had {
            self.transcript.system(format!(
                "The messaging service refused this browser's identity (code {code}). lpchat is getting a new one, \
                 and a new identity cannot see this conversation: it has ended here. Press Start conversation to talk again."
            ));
        }
        for key in self.outbox.fail_all() {
            self.transcript.set_failed(key);
        }
        self.conversation = Conversation::Unknown;
        self.last_seq = None;
    }

    /// A request's socket is gone.
    pub(super) fn request_lost(&mut self, purpose: Purpose) {
        match purpose {
            Purpose::RequestConversation if self.conversation == Conversation::Requesting => {
                // It may have been created: the next snapshot will tell.
                self.conversation = Conversation::Unknown;
            }
            Purpose::Close => {
                if let Conversation::Closing(id) = self.conversation.clone() {
                    self.conversation = Conversation::Open(id);
                }
            }
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
                }
                Step::StartConversation
            }
            Purpose::SubscribeMessages => {
                self.replay_checked();
                Step::Subscribe
            }
            Purpose::Close => {
                self.request_lost(Purpose::Close);
                Step::EndConversation
            }
            Purpose::Init | Purpose::Keepalive | Purpose::Publish { .. } => return,
        };
        self.alert = Some(Failure::TimedOut(step));
    }

    pub(super) fn expire_conversation(&mut self) {
        let now = self.now;
        if matches!(self.conversation, Conversation::Looking(Some(d)) if d <= now) {
            self.conversation = Conversation::None;
        }
        if self.replay_wait.flatten().is_some_and(|d| d <= now) {
            self.replay_checked();
        }
    }

    fn replay_checked(&mut self) {
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
            Purpose::Keepalive => self.on_keepalive_answer(),
            Purpose::SubscribeConversations => {
                if let Conversation::Looking(_) = self.conversation {
                    if resp.is_success() {
                        self.conversation =
                            Conversation::Looking(Some(self.after(self.timing.snapshot_timeout)));
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
                        self.survey_dialog = None;
                        self.assigned_agent = None;
                        self.save();
                        self.transcript.system("Conversation started");
                        self.subscribe_messages(conn, result.conversation_id, 0);
                    }
                    Some(Err(_)) => {
                        self.conversation = Conversation::None;
                        self.alert = Some(Failure::Rejected {
                            step: Step::StartConversation,
                            code: resp.code,
                            text: Some("the answer had no conversation id".into()),
                        });
                    }
                    None => {
                        self.conversation = Conversation::None;
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
                self.flush(); // room for the next queued message
                if resp.is_success() {
                    let sequence = resp
                        .body_as::<PublishEventResult>()
                        .ok()
                        .and_then(|r| r.sequence);
                    self.outbox.confirmed(entry);
                    let dialog = self.open_dialog().unwrap_or_default();
                    self.note_sequence(sequence);
                    self.transcript.confirm(entry, &dialog, sequence, None);
                } else {
                    self.outbox.failed(entry);
                    self.transcript.set_failed(entry);
                    self.alert = Some(rejected(Step::Send));
                }
            }
            Purpose::Close => {
                if resp.is_success() {
                    self.conversation_closed(None, "You ended the conversation");
                } else {
                    self.request_lost(Purpose::Close);
                    self.alert = Some(rejected(Step::EndConversation));
                }
            }
        }
    }

    // ----- notifications ------------------------------------------------------------------------

    pub(super) fn on_notification(&mut self, conn: ConnId, n: Notification) {
        match n {
            Notification::ExConversationChange(n) => self.on_conversations(conn, n),
            Notification::MessagingEvent(n) => self.on_messages(n),
            Notification::Unknown { .. } => {}
        }
    }

    fn on_conversations(&mut self, conn: ConnId, n: ExConversationChangeNotification) {
        for change in n.changes {
            let id = change.result.conv_id.clone();
            let details = &change.result.conversation_details;
            // Updates can arrive out of order: an older one than already applied is dropped (§9).
            let stamp = details
                .meta_data_last_update_ts
                .or(change.result.last_update_time);
            if let Some(ts) = stamp {
                let seen = self.conversation_stamps.entry(id.clone()).or_insert(ts);
                if ts < *seen {
                    continue;
                }
                *seen = ts;
            }
            let open = change.change_type == ExChangeType::Upsert && details.is_open();
            let mine = self.open_conversation_id().as_deref() == Some(id.as_str());
            let agent = details
                .participants
                .iter()
                .find(|p| p.role.as_deref() == Some("ASSIGNED_AGENT"))
                .map(|p| p.id.clone());
            if open
                && matches!(
                    self.conversation,
                    Conversation::Looking(_) | Conversation::None | Conversation::Unknown
                )
            {
                self.conversation = Conversation::Open(id.clone());
                self.survey_dialog = None;
                self.last_seq = None;
                self.assigned_agent = agent;
                self.save();
                self.transcript.system("Continuing your open conversation");
                self.subscribe_messages(conn, id, 0);
                self.follow_survey(conn, details);
            } else if open && mine && self.follow_survey(conn, details) {
                // In the survey: nothing more to do.
            } else if open && mine {
                self.agent_changed(agent);
            } else if !open && mine && change.change_type != ExChangeType::Other {
                let text = match details.close_reason.as_deref() {
                    _ if self.survey_dialog.is_some() => "The survey is over. Thank you",
                    Some("AGENT") => "The agent ended the conversation",
                    Some("CONSUMER") => "You ended the conversation",
                    Some("TIMEOUT") => "The conversation was closed after a time without messages",
                    Some("SYSTEM") => "The conversation was closed by the system",
                    _ => "The conversation was closed",
                };
                self.conversation_closed(Some(&id), text);
            }
        }
        // The first notification after subscribing is the snapshot: nothing open means none.
        if matches!(self.conversation, Conversation::Looking(_)) {
            self.conversation = Conversation::None;
        }
    }

    /// Announces an agent joining or a transfer (PROTOCOL.md §6.2: the ASSIGNED_AGENT participant).
    fn agent_changed(&mut self, agent: Option<String>) {
        if agent == self.assigned_agent {
            return;
        }
        match (&self.assigned_agent, &agent) {
            (None, Some(_)) => self.transcript.system("An agent joined the conversation"),
            (Some(_), Some(_)) => self
                .transcript
                .system("You were transferred to another agent"),
            (Some(_), None) => self
                .transcript
                .system("The agent left; the conversation waits for the next agent"),
            (None, None) => {}
        }
        self.assigned_agent = agent;
    }

    fn on_messages(&mut self, n: MessagingEventNotification) {
        let Some(dialog) = self.open_dialog() else {
            return;
        };
        let me = self.identity.as_ref().map(|i| i.sub.clone());
        let mut touched = false;
        for change in n.changes {
            if change.dialog_id != dialog || !change.visible_to_consumer() {
                continue;
            }
            touched = true;
            self.note_sequence(change.sequence);
            let mine = change
                .originator()
                .is_some_and(|o| Some(o) == me.as_deref())
                || change.role() == Some("CONSUMER");
            let text = match &change.event {
                Event::ContentEvent { .. } => change
                    .event
                    .as_text()
                    .map(str::to_owned)
                    .unwrap_or_else(|| "(a file this version of lpchat cannot show yet)".into()),
                Event::RichContentEvent { .. } => {
                    "(a card this version of lpchat cannot show yet)".into()
                }
                _ => continue, // receipts and typing states are not messages
            };
            if mine {
                if let Some(msg) = self.outbox.echoed(change.external_id(), &text) {
                    self.transcript.confirm(
                        msg.key,
                        &dialog,
                        change.sequence,
                        change.server_timestamp,
                    );
                    continue;
                }
            }
            let author = if mine {
                Author::Consumer
            } else {
                Author::Agent
            };
            self.transcript.remote(
                author,
                text,
                &dialog,
                change.sequence,
                change.server_timestamp,
            );
        }
        if touched {
            // The first notification after resubscribing is the replay.
            self.replay_checked();
        }
    }

    // ----- helpers ------------------------------------------------------------------------------

    fn subscribe_messages(&mut self, conn: ConnId, dialog: String, from_seq: i64) {
        self.request(
            conn,
            Purpose::SubscribeMessages,
            RequestPayload::SubscribeMessagingEvents {
                body: SubscribeMessagingEventsBody {
                    dialog_id: dialog.clone(),
                    from_seq,
                    conversation_id: Some(dialog),
                },
            },
        );
    }

    fn note_sequence(&mut self, sequence: Option<i64>) {
        if let Some(s) = sequence {
            self.last_seq = Some(self.last_seq.map_or(s, |l| l.max(s)));
        }
    }

    /// Marks the current conversation closed once, whoever reported it first.
    fn conversation_closed(&mut self, id: Option<&str>, text: &str) {
        let current = match &self.conversation {
            Conversation::Open(c) | Conversation::Closing(c) => c.clone(),
            _ => return,
        };
        if id.is_some_and(|id| id != current) {
            return;
        }
        self.conversation = Conversation::Closed;
        self.survey_dialog = None;
        self.save();
        self.replay_wait = None;
        for key in self.outbox.fail_all() {
            self.transcript.set_failed(key);
        }
        self.transcript.system(text);
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

    /// Main dialog closed, survey dialog open (state CLOSE + stage OPEN, PROTOCOL.md §6.2): follow the
    /// survey dialog. Returns whether the conversation is in its survey.
    fn follow_survey(&mut self, conn: ConnId, details: &lpchat_wire::ConversationDetails) -> bool {
        let survey = details
            .dialogs
            .iter()
            .find(|d| {
                d.dialog_type.as_deref() == Some("POST_SURVEY")
                    && d.state.as_deref() != Some("CLOSE")
            })
            .map(|d| d.dialog_id.clone());
        let main_closed = details.state.as_deref() == Some("CLOSE");
        let (true, Some(survey)) = (main_closed, survey) else {
            return false;
        };
        if self.survey_dialog.as_deref() == Some(survey.as_str()) {
            return true;
        }
        let who = match details.close_reason.as_deref() {
            Some("AGENT") => "The agent ended the conversation. ",
            Some("CONSUMER") => "You ended the conversation. ",
            _ => "",
        };
        self.transcript.system(format!(
            "{who}A short survey follows; press End conversation to skip it."
        ));
        for key in self.outbox.fail_all() {
            self.transcript.set_failed(key); // written for the agent, who has left
        }
        self.survey_dialog = Some(survey.clone());
        self.last_seq = None;
        self.replay_wait = None;
        self.subscribe_messages(conn, survey, 0);
        true
    }

    /// Whether the socket is ready (for the view).
    pub(super) fn is_ready(&self) -> bool {
        matches!(self.link, Link::Ready(_))
    }
}
