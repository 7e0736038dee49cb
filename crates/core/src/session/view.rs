//! What the session shows: status, alert, which actions work, the transcript.

use super::{Conversation, HttpStep, Link, Session};
use crate::{
    export::{self, utc, Format},
    text::fill,
    view::{EntryView, Presence, ViewModel},
    Command,
};

impl Session {
    fn seconds_until(&self, at: crate::Millis) -> u64 {
        at.0.saturating_sub(self.now.0).div_ceil(1000).max(1)
    }

    fn status(&self) -> String {
        let t = self.t;
        let reconnecting = self.established;
        let words = match (&self.link, &self.conversation) {
            (Link::Idle, _) if self.forgotten => t.forgotten,
            (Link::Idle, _) if self.user_disconnected => t.disconnected,
            (Link::Idle | Link::Remembering, _) => t.not_connected,
            (Link::Loading(_), _) => t.connecting,
            (Link::Http(HttpStep::Domains, ..), _) => t.fetching_domains,
            (
                Link::Http(HttpStep::Signup | HttpStep::Authorize | HttpStep::Exchange, ..)
                | Link::AwaitConnector,
                _,
            ) => t.getting_identity,
            (Link::Http(HttpStep::Authenticate, ..), _) => t.signing_in_brand,
            (Link::HttpWait(_, at, _), _) => {
                return fill(t.busy_retry_in, &[&self.seconds_until(*at).to_string()])
            }
            (Link::Backoff(at), _) => {
                return fill(t.reconnecting_in, &[&self.seconds_until(*at).to_string()])
            }
            (Link::Offline, _) => t.offline,
            (Link::GaveUp, _) => t.gave_up,
            (Link::Opening(..) | Link::Initializing(_), _) if reconnecting => t.reconnecting,
            (Link::Opening(..), _) => t.opening,
            (Link::Initializing(_), _) => t.signing_in,
            (Link::Ready(_), Conversation::Unknown | Conversation::Looking(_)) => t.looking,
            (Link::Ready(_), Conversation::None) => t.connected,
            (Link::Ready(_), Conversation::Requesting) => t.starting,
            (Link::Ready(_), Conversation::Open(_)) if self.survey_dialog.is_some() => t.survey,
            (Link::Ready(_), Conversation::Open(_)) => t.open,
            (Link::Ready(_), Conversation::Closing(_)) => t.ending,
            (Link::Ready(_), Conversation::Closed) => t.closed,
        };
        words.into()
    }

    /// The transcript as a file the user saves ("Download transcript"): every entry kept, none of
    /// the session's secrets.
    pub(super) fn download(&mut self, format: Format) {
        let entries = &self.transcript.entries;
        if entries.is_empty() {
            return;
        }
        let account = self.endpoints.as_ref().map_or("", |e| e.account.as_str());
        let now = self.transcript.wall_now;
        let day = now.map_or_else(String::new, |ms| format!("-{}", &utc(ms)[..10]));
        let (extension, mime) = format.file_type();
        let body = match format {
            Format::Text => export::text(entries, self.t),
            Format::Json => export::json(entries, account, now),
        };
        self.commands.push_back(Command::Download {
            name: format!("lpchat-{account}{day}.{extension}"),
            mime,
            body,
        });
    }

    /// What to show.
    #[must_use]
    pub fn view(&self) -> ViewModel {
        let ready = self.is_ready();
        let open = matches!(self.conversation, Conversation::Open(_));
        let idle = matches!(self.link, Link::Idle | Link::GaveUp);
        let can_start =
            ready && matches!(self.conversation, Conversation::None | Conversation::Closed);
        let (account, csds) = self.endpoints.as_ref().map_or_else(Default::default, |e| {
            (e.account.clone(), e.custom_csds().unwrap_or_default())
        });
        let unfolded = idle || self.link == Link::Remembering;
        let past = self.past_view();
        let reading = self.past.reading();
        // Reading a past conversation: its messages instead of the current one's, nothing to send.
        let read = self.past.read_transcript();
        let current = read.is_none();
        let shown = read.unwrap_or(&self.transcript);
        let open = open && current;
        let can_start = can_start && current;
        ViewModel {
            status: self.status(),
            presence: match self.link {
                Link::Ready(_) => Presence::Online,
                _ if unfolded || self.link == Link::Offline => Presence::Offline,
                _ => Presence::Connecting,
            },
            folded: !unfolded,
            account,
            csds,
            alert: self.alert.as_ref().map(|f| f.message(self.t)),
            can_connect: idle,
            can_reconnect: matches!(self.link, Link::GaveUp | Link::Backoff(_) | Link::Offline),
            can_edit_account: idle,
            can_disconnect: self.link != Link::Idle,
            can_start_conversation: can_start,
            // With none open, the first message starts one.
            can_send: open
                || can_start
                || (current && self.conversation == Conversation::Requesting),
            can_end_conversation: ready && open && self.survey_dialog.is_none(),
            can_skip_survey: ready && open && self.survey_dialog.is_some(),
            can_rate: ready && current && self.csat.offered(),
            can_download: current && !self.transcript.entries.is_empty(),
            notifications: self.notifications,
            agent_typing: current && self.agent_typing(),
            agent: self.agent_view().filter(|_| open),
            can_attach: ready && self.can_attach(),
            announce: self.quiet_until.is_none(),
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
            earlier: shown.earlier(),
            past,
            past_shown: self.past.shown(),
            reading,
            transcript: self.entries(shown),
        }
    }

    /// A transcript's entries as shown (the current conversation's, or the past one's being read).
    fn entries(&self, transcript: &crate::transcript::Transcript) -> Vec<EntryView> {
        (transcript.dropped > 0 && transcript.earlier() == 0)
            .then(|| EntryView {
                key: 0,
                author: crate::Author::System,
                text: fill(self.t.older_not_shown, &[&transcript.dropped.to_string()]),
                delivery: None,
                timestamp: None,
                card: None,
                file: None,
            })
            .into_iter()
            .chain(transcript.shown().iter().map(|e| EntryView {
                key: e.key,
                author: e.author,
                text: e.text.clone(),
                delivery: e.delivery,
                timestamp: e.timestamp,
                card: e.card.clone(),
                file: e.file.clone(),
            }))
            .collect()
    }
}
