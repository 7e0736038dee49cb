//! What the server pushes: conversation changes (joins, transfers, closes, the survey) and messages.

use super::{conversation::Phase, Session};
use crate::{io::ConnId, transcript::Author};
use lpchat_wire::{
    CloseReason, DialogType, Event, ExChangeType, ExConversationChangeNotification, HostedFile,
    MessagingEventNotification, Notification, Role, State,
};

impl Session {
    pub(super) fn on_notification(&mut self, conn: ConnId, n: Notification) {
        match n {
            Notification::ExConversationChange(n) => self.on_conversations(conn, n),
            Notification::MessagingEvent(n) => self.on_messages(n),
            Notification::Unknown { .. } => {}
        }
    }

    pub(super) fn on_conversations(&mut self, conn: ConnId, n: ExConversationChangeNotification) {
        let was_looking = self.conversation.looking();
        for change in n.changes {
            let id = change.result.conv_id.clone();
            let details = &change.result.conversation_details;
            // Updates can arrive out of order: an older one than already applied is dropped (§9).
            let stamp = details
                .meta_data_last_update_ts
                .or(change.result.last_update_time);
            if self.conversation.stale(&id, stamp) {
                continue;
            }
            let agent = details
                .participants
                .iter()
                .find(|p| p.role == Some(Role::AssignedAgent))
                .map(|p| p.id.clone());
            self.past_change(&id, change.change_type, details, agent.clone());
            let open = change.change_type == ExChangeType::Upsert && details.is_open();
            let mine = self.conversation.open_id() == Some(id.as_str());
            if open
                && matches!(
                    self.conversation.phase(),
                    Phase::Looking(_) | Phase::None | Phase::Unknown
                )
            {
                self.conversation.open(id.clone());
                self.assign_agent(agent);
                self.save();
                self.transcript.system(self.t.continuing);
                // The history goes in quietly: a screen reader reads what is new, not all of it.
                self.quiet_for(self.fx.timing().quiet_history * 3);
                self.subscribe_messages(conn, id.clone(), id, 0);
                self.follow_survey(conn, details);
                self.flush(); // what the user wrote while it was being opened
            } else if open && mine && self.follow_survey(conn, details) {
                // In the survey: nothing more to do.
            } else if open && mine {
                self.agent_changed(agent);
            } else if !open && mine && change.change_type != ExChangeType::Unknown {
                let text = match details.close_reason {
                    _ if self.conversation.survey().is_some() => self.t.survey_over,
                    Some(CloseReason::Agent) => self.t.agent_ended,
                    Some(CloseReason::Consumer) => self.t.you_ended,
                    Some(CloseReason::Timeout) => self.t.timed_out_closed,
                    Some(CloseReason::System) => self.t.system_closed,
                    _ => self.t.was_closed,
                };
                self.conversation_closed(Some(&id), text);
            }
        }
        // The first notification after subscribing is the snapshot: nothing open means none (unless a
        // frame before it could not be read: it may have been the snapshot).
        if self.conversation.snapshot_shows_none() {
            self.no_conversation();
        }
        if was_looking && !self.conversation.looking() {
            self.fx.mark("ready");
        }
    }

    /// The conversation's ASSIGNED_AGENT is now `agent` (whose profile is asked for, once).
    pub(super) fn assign_agent(&mut self, agent: Option<String>) {
        if let Some(a) = &agent {
            self.ask_profile(a);
        }
        self.agents.assign(agent);
    }

    /// Asks for the agent's profile, once.
    pub(super) fn ask_profile(&mut self, agent: &str) {
        let url = self
            .place
            .endpoints()
            .and_then(|e| e.agent_profile_url(agent));
        self.agents.ask(&mut self.fx, agent, url);
    }

    /// Announces an agent joining or a transfer (PROTOCOL.md §6.2: the ASSIGNED_AGENT participant).
    pub(super) fn agent_changed(&mut self, agent: Option<String>) {
        if agent.as_deref() == self.agents.assigned() {
            return;
        }
        match (self.agents.assigned(), &agent) {
            (None, Some(_)) => self.transcript.system(self.t.agent_joined),
            (Some(_), Some(_)) => self.transcript.system(self.t.transferred),
            (Some(_), None) => self.transcript.system(self.t.agent_left),
            (None, None) => {}
        }
        self.assign_agent(agent);
    }

    pub(super) fn on_messages(&mut self, n: MessagingEventNotification) {
        self.past_events(&n.changes);
        let Some(dialog) = self.conversation.open_dialog() else {
            return;
        };
        let me = self.place.consumer_id().map(str::to_owned);
        let mut touched = false;
        for change in n.changes {
            if change.dialog_id != dialog || !change.visible_to_consumer() {
                continue;
            }
            touched = true;
            self.conversation.note_sequence(change.sequence);
            let mine = change.is_from_consumer(me.as_deref());
            self.signal_event(&dialog, change.sequence, mine, &change.event);
            let picture = change.event.as_hosted_file();
            let (text, card, quick_replies) = match &change.event {
                Event::ContentEvent { quick_replies, .. } => (
                    self.content_text(&change.event, picture.as_ref()),
                    None,
                    quick_replies.as_ref(),
                ),
                Event::RichContentEvent {
                    content,
                    quick_replies,
                } => {
                    let card = crate::rich::card(content).map(std::sync::Arc::new);
                    let text = if card.is_some() {
                        String::new()
                    } else {
                        self.t.card_not_shown.into()
                    };
                    (text, card, quick_replies.as_ref())
                }
                _ => continue, // receipts and typing states are not messages
            };
            // Quick replies belong to the newest message: a newer one (from either side) ends them.
            let replies = quick_replies
                .filter(|_| !mine)
                .map(crate::rich::quick_replies)
                .unwrap_or_default();
            self.quick_replies
                .message(&dialog, change.sequence, replies);
            // An event already shown (the echo of a message the server confirmed) is nobody's echo.
            if mine
                && !change
                    .sequence
                    .is_some_and(|s| self.transcript.knows(&dialog, s))
            {
                if let Some(msg) = self
                    .outbox
                    .echoed(change.external_id(), &text, change.sequence)
                {
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
            let added = self.transcript.remote(
                author,
                text,
                &dialog,
                change.sequence,
                change.server_timestamp,
                card,
            );
            if let (Some(key), Some(file)) = (added, &picture) {
                self.picture_arrived(key, file);
            }
        }
        if touched {
            self.seen_if_shown();
            let first = self.conversation.history_arrived();
            if first && self.screen.is_quiet() {
                self.quiet_for(self.fx.timing().quiet_history);
            }
            self.fx.mark(if first { "history" } else { "message" });
            // The first notification after resubscribing is the replay.
            self.replay_checked();
        }
    }

    /// What a content event shows as text: its text, else its picture's caption, else a note that
    /// it cannot be shown.
    pub(super) fn content_text(&self, event: &Event, picture: Option<&HostedFile>) -> String {
        match (event.as_text(), picture) {
            (Some(text), _) => text.to_owned(),
            (None, Some(file)) => file.caption.clone(),
            (None, None) => self.t.file_not_shown.into(),
        }
    }

    /// Main dialog closed, survey dialog open (state CLOSE + stage OPEN, PROTOCOL.md §6.2): follow the
    /// survey dialog. Returns whether the conversation is in its survey.
    pub(super) fn follow_survey(
        &mut self,
        conn: ConnId,
        details: &lpchat_wire::ConversationDetails,
    ) -> bool {
        let survey = details
            .dialogs
            .iter()
            .find(|d| {
                d.dialog_type == Some(DialogType::PostSurvey) && d.state != Some(State::Close)
            })
            .map(|d| d.dialog_id.clone());
        let main_closed = details.state == Some(State::Close);
        let (true, Some(survey)) = (main_closed, survey) else {
            return false;
        };
        if self.conversation.follows_survey(&survey) {
            return true;
        }
        let who = match details.close_reason {
            Some(CloseReason::Agent) => self.t.agent_ended_lead,
            Some(CloseReason::Consumer) => self.t.you_ended_lead,
            _ => "",
        };
        self.transcript
            .system(crate::text::fill(self.t.survey_follows, &[who]));
        self.fail_unsent(); // written for the agent, who has left
        let Some(conversation) = self.conversation.survey_started(survey.clone()) else {
            return true; // not ours to follow (checked by the callers)
        };
        self.quick_replies.withdraw();
        self.typing.agent_stopped();
        self.subscribe_messages(conn, conversation, survey, 0);
        true
    }
}
