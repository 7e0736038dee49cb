//! What the session shows: status, alert, which actions work, the transcript.

use super::{Conversation, HttpStep, Link, Session};
use crate::view::{EntryView, ViewModel};

impl Session {
    fn seconds_until(&self, at: crate::Millis) -> u64 {
        at.0.saturating_sub(self.now.0).div_ceil(1000).max(1)
    }

    fn status(&self) -> String {
        let reconnecting = self.established;
        match (&self.link, &self.conversation) {
            (Link::Idle, _) if self.forgotten => {
                "Forgotten: this browser keeps nothing for this account".into()
            }
            (Link::Idle, _) if self.user_disconnected => "Disconnected".into(),
            (Link::Idle, _) => "Not connected".into(),
            (Link::Loading(_), _) => "Connecting…".into(),
            (Link::Http(HttpStep::Domains, ..), _) => "Fetching domains…".into(),
            (Link::Http(HttpStep::Signup, ..), _) => "Getting a consumer identity…".into(),
            (Link::Http(HttpStep::Authenticate, ..), _) => "Signing in with the brand…".into(),
            (Link::HttpWait(_, at, _), _) => format!(
                "The server is busy; trying again in {} s…",
                self.seconds_until(*at)
            ),
            (Link::Backoff(at), _) => format!("Reconnecting in {} s…", self.seconds_until(*at)),
            (Link::Offline, _) => "Offline: waiting for the network…".into(),
            (Link::GaveUp, _) => "Disconnected: could not reconnect".into(),
            (Link::Opening(..) | Link::Initializing(_), _) if reconnecting => {
                "Reconnecting…".into()
            }
            (Link::Opening(..), _) => "Opening the connection…".into(),
            (Link::Initializing(_), _) => "Signing in…".into(),
            (Link::Ready(_), Conversation::Unknown | Conversation::Looking(_)) => {
                "Connected, looking for your conversation…".into()
            }
            (Link::Ready(_), Conversation::None) => "Connected".into(),
            (Link::Ready(_), Conversation::Requesting) => "Starting a conversation…".into(),
            (Link::Ready(_), Conversation::Open(_)) if self.survey_dialog.is_some() => {
                "Post-conversation survey".into()
            }
            (Link::Ready(_), Conversation::Open(_)) => "Conversation open".into(),
            (Link::Ready(_), Conversation::Closing(_)) => "Ending the conversation…".into(),
            (Link::Ready(_), Conversation::Closed) => "Conversation closed".into(),
        }
    }

    /// What to show.
    pub fn view(&self) -> ViewModel {
        let ready = self.is_ready();
        let open = matches!(self.conversation, Conversation::Open(_));
        let idle = matches!(self.link, Link::Idle | Link::GaveUp);
        ViewModel {
            status: self.status(),
            alert: self.alert.as_ref().map(ToString::to_string),
            can_connect: idle,
            can_reconnect: matches!(self.link, Link::GaveUp | Link::Backoff(_) | Link::Offline),
            can_edit_account: idle,
            can_disconnect: self.link != Link::Idle,
            can_start_conversation: ready
                && matches!(self.conversation, Conversation::None | Conversation::Closed),
            can_send: open,
            can_end_conversation: ready && open && self.survey_dialog.is_none(),
            can_skip_survey: ready && open && self.survey_dialog.is_some(),
            agent_typing: open && self.signals.agent_typing_until.is_some(),
            unread: self.signals.unread(),
            quick_replies: match (&self.offer, open) {
                (Some(o), true) => o
                    .replies
                    .iter()
                    .map(|r| crate::view::QuickReplyView {
                        title: r.title.clone(),
                        link: match &r.action {
                            crate::rich::Action::Link(url) => Some(url.clone()),
                            _ => None,
                        },
                        inert: r.action == crate::rich::Action::Inert,
                    })
                    .collect(),
                _ => Vec::new(),
            },
            frames_shown: self.frames_shown,
            timeline: match (self.frames_shown, self.timeline.first()) {
                (true, Some((_, start))) => self
                    .timeline
                    .iter()
                    .map(|(n, t)| (*n, t.0.saturating_sub(start.0)))
                    .collect(),
                _ => Vec::new(),
            },
            frames: if self.frames_shown {
                self.frame_log.views()
            } else {
                Vec::new()
            },
            earlier: self.transcript.earlier(),
            transcript: (self.transcript.dropped > 0 && self.transcript.earlier() == 0)
                .then(|| EntryView {
                    key: 0,
                    author: crate::Author::System,
                    text: format!("{} older messages are not shown", self.transcript.dropped),
                    delivery: None,
                    timestamp: None,
                    card: None,
                })
                .into_iter()
                .chain(self.transcript.shown().iter().map(|e| EntryView {
                    key: e.key,
                    author: e.author,
                    text: e.text.clone(),
                    delivery: e.delivery,
                    timestamp: e.timestamp,
                    card: e.card.clone(),
                }))
                .collect(),
        }
    }
}
