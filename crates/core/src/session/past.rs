//! The session's side of past conversations (`crate::past`): what the conversation subscription
//! reports goes into the list, the user's choice is asked for on the socket, the history's events go
//! to the conversation being read, never to the current one's transcript, receipts or unread count.

use super::Session;
use crate::{pending::Purpose, transcript::Author, view::PastView};
use lpchat_wire::{
    ConversationDetails, Event, ExChangeType, MessagingChange, RequestPayload,
    SubscribeMessagingEventsBody,
};

impl Session {
    /// A conversation change (`agent`: its ASSIGNED_AGENT): a closed conversation joins the list,
    /// one open again or deleted leaves it.
    pub(super) fn past_change(
        &mut self,
        id: &str,
        kind: ExChangeType,
        details: &ConversationDetails,
        agent: Option<String>,
    ) {
        match kind {
            ExChangeType::Upsert if !details.is_open() => {
                self.past.closed(id, details.start_ts, agent);
            }
            ExChangeType::Upsert | ExChangeType::Delete => self.past.forget(id),
            ExChangeType::Unknown => {}
        }
    }

    /// The user opened or closed the list (closing it ends the reading too).
    pub(super) fn show_past(&mut self, shown: bool) {
        self.past.show(shown);
        if !shown {
            self.seen_if_shown(); // back to the current conversation: what came meanwhile is seen
        } else {
            // The agents' names, for the list (a few profiles at most, each asked once).
            let agents: Vec<String> = self.past.agents().map(str::to_owned).collect();
            for agent in agents {
                self.ask_profile(&agent);
            }
        }
    }

    /// The user chose the past conversation at `index` of the list.
    pub(super) fn read_past(&mut self, index: usize) {
        if self.past.read(index, self.t) {
            self.ask_past();
        }
    }

    /// Asks for the history of the conversation being read, if it waits and the socket is ready.
    pub(super) fn ask_past(&mut self) {
        let Some(conn) = self.ready_conn() else {
            return;
        };
        if let Some(id) = self.past.take_wanted() {
            self.fx.request(
                conn,
                Purpose::PastHistory,
                RequestPayload::SubscribeMessagingEvents {
                    body: SubscribeMessagingEventsBody {
                        dialog_id: id.clone(),
                        from_seq: 0,
                        conversation_id: Some(id),
                    },
                },
            );
        }
    }

    /// The messages of the conversation being read in a notification (the current conversation's
    /// dialog is another: its events are left to it).
    pub(super) fn past_events(&mut self, changes: &[MessagingChange]) {
        let Some(dialog) = self.past.dialog().map(str::to_owned) else {
            return;
        };
        let me = self.place.consumer_id();
        for c in changes
            .iter()
            .filter(|c| c.dialog_id == dialog && c.visible_to_consumer())
        {
            let text = match &c.event {
                Event::ContentEvent { .. } => {
                    self.content_text(&c.event, c.event.as_hosted_file().as_ref())
                }
                Event::RichContentEvent { .. } => self.t.card_not_shown.into(),
                _ => continue, // receipts and typing states are not messages
            };
            let Some(sequence) = c.sequence else {
                continue;
            };
            let author = if c.is_from_consumer(me) {
                Author::Consumer
            } else {
                Author::Agent
            };
            self.past
                .message(sequence, author, text, c.server_timestamp);
        }
    }

    /// The list as shown, with the agents' names where their profiles are known.
    pub(super) fn past_view(&self) -> Vec<PastView> {
        self.past.list(|agent| self.agents.name(agent))
    }
}
