//! What the session shows: status, alert, which actions work, the transcript.

use super::{conversation::Phase, HttpStep, LinkState, Session};
use crate::{
    export::{self, utc, Format},
    text::fill,
    view::{EntryView, Presence, ViewModel},
    Command,
};

impl Session {
    fn seconds_until(&self, at: crate::Millis) -> u64 {
        at.0.saturating_sub(self.fx.now().0).div_ceil(1000).max(1)
    }

    fn status(&self) -> String {
        let t = self.t;
        let reconnecting = self.link.established();
        let words = match (self.link.state(), self.conversation.phase()) {
            (LinkState::Idle, _) if self.screen.forgotten() => t.forgotten,
            (LinkState::Idle, _) if self.link.user_disconnected() => t.disconnected,
            (LinkState::Idle | LinkState::Remembering, _) => t.not_connected,
            (LinkState::Loading(_), _) => t.connecting,
            (LinkState::Http(HttpStep::Domains, ..), _) => t.fetching_domains,
            (
                LinkState::Http(HttpStep::Signup | HttpStep::Authorize | HttpStep::Exchange, ..)
                | LinkState::AwaitConnector,
                _,
            ) => t.getting_identity,
            (LinkState::Http(HttpStep::Authenticate, ..), _) => t.signing_in_brand,
            (LinkState::HttpWait(_, at, _), _) => {
                return fill(t.busy_retry_in, &[&self.seconds_until(*at).to_string()])
            }
            (LinkState::Backoff(at), _) => {
                return fill(t.reconnecting_in, &[&self.seconds_until(*at).to_string()])
            }
            (LinkState::Offline, _) => t.offline,
            (LinkState::GaveUp, _) => t.gave_up,
            (LinkState::Opening(..) | LinkState::Initializing(_), _) if reconnecting => {
                t.reconnecting
            }
            (LinkState::Opening(..), _) => t.opening,
            (LinkState::Initializing(_), _) => t.signing_in,
            (LinkState::Ready(_), Phase::Unknown | Phase::Looking(_)) => t.looking,
            (LinkState::Ready(_), Phase::None) => t.connected,
            (LinkState::Ready(_), Phase::Requesting) => t.starting,
            (LinkState::Ready(_), Phase::Open(_)) if self.conversation.survey().is_some() => {
                t.survey
            }
            (LinkState::Ready(_), Phase::Open(_)) => t.open,
            (LinkState::Ready(_), Phase::Closing(_)) => t.ending,
            (LinkState::Ready(_), Phase::Closed) => t.closed,
        };
        words.into()
    }

    /// The transcript as a file the user saves ("Download transcript"): every entry kept, none of
    /// the session's secrets.
    pub(super) fn download(&mut self, format: Format) {
        let entries = self.transcript.entries();
        if entries.is_empty() {
            return;
        }
        let account = self.place.endpoints().map_or("", |e| e.account.as_str());
        let now = self.transcript.wall_now();
        let day = now.map_or_else(String::new, |ms| format!("-{}", &utc(ms)[..10]));
        let (extension, mime) = format.file_type();
        let body = match format {
            Format::Text => export::text(entries, self.t),
            Format::Json => export::json(entries, account, now),
        };
        self.fx.push(Command::Download {
            name: format!("lpchat-{account}{day}.{extension}"),
            mime,
            body,
        });
    }

    /// What to show.
    #[must_use]
    pub fn view(&self) -> ViewModel {
        let ready = self.is_ready();
        let open = self.conversation.is_open();
        let idle = matches!(self.link.state(), LinkState::Idle | LinkState::GaveUp);
        let can_start = ready && matches!(self.conversation.phase(), Phase::None | Phase::Closed);
        let (account, csds) = self.place.endpoints().map_or_else(Default::default, |e| {
            (e.account.clone(), e.custom_csds().unwrap_or_default())
        });
        let unfolded = idle || matches!(self.link.state(), LinkState::Remembering);
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
            presence: match *self.link.state() {
                LinkState::Ready(_) => Presence::Online,
                _ if unfolded || matches!(self.link.state(), LinkState::Offline) => {
                    Presence::Offline
                }
                _ => Presence::Connecting,
            },
            folded: !unfolded,
            account,
            csds,
            alert: self.screen.current_alert().map(|f| f.message(self.t)),
            can_connect: idle,
            can_reconnect: matches!(
                self.link.state(),
                LinkState::GaveUp | LinkState::Backoff(_) | LinkState::Offline
            ),
            can_edit_account: idle,
            can_disconnect: !matches!(self.link.state(), LinkState::Idle),
            can_start_conversation: can_start,
            // With none open, the first message starts one.
            can_send: open
                || can_start
                || (current && matches!(self.conversation.phase(), Phase::Requesting)),
            can_end_conversation: ready && open && self.conversation.survey().is_none(),
            can_skip_survey: ready && open && self.conversation.survey().is_some(),
            can_rate: ready && current && self.csat.offered(),
            can_download: current && !self.transcript.entries().is_empty(),
            notifications: self.notifications,
            agent_typing: current && self.agent_typing(),
            agent: self.agents.view(self.t.agent).filter(|_| open),
            can_attach: ready && self.can_attach(),
            announce: !self.screen.is_quiet(),
            unread: self.receipts.unread(),
            quick_replies: match (self.quick_replies.offer(), open) {
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
            frames_shown: self.screen.frames_shown(),
            timeline: match (self.screen.frames_shown(), self.fx.timeline().first()) {
                (true, Some((_, start))) => self
                    .fx
                    .timeline()
                    .iter()
                    .map(|(n, t)| (*n, t.0.saturating_sub(start.0)))
                    .collect(),
                _ => Vec::new(),
            },
            frames: if self.screen.frames_shown() {
                self.fx.frame_views()
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
        (transcript.dropped() > 0 && transcript.earlier() == 0)
            .then(|| EntryView {
                key: 0,
                author: crate::Author::System,
                text: fill(self.t.older_not_shown, &[&transcript.dropped().to_string()]),
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
