//! The session: one consumer, one account, one socket at a time, reconnecting on its own.
//!
//! `Session` is a router over machines that own their state (docs/ARCHITECTURE.md has the table):
//! the *link* is the connection (Domain API → identity → socket → InitConnection → ready, keepalives,
//! backoff); the *conversation* survives reconnects (once known open, it is resubscribed from the
//! last sequence seen, and the outbox's unconfirmed messages are reconciled against the replayed
//! history before anything is resent); the *place* is the account's hosts and the consumer's
//! identity; the others are typing, receipts, files, agents, the rating and the screen's alert.

mod agents;
mod alerts;
mod conversation;
mod csat;
mod downloads;
mod effects;
mod files;
mod following;
mod http;
mod intents;
mod jsonp;
mod link;
mod notifications;
mod outgoing;
mod past;
mod persist;
mod place;
mod quick_replies;
mod receipts;
mod recovery;
mod responses;
mod rich;
mod screen;
mod sign_in;
mod socket;
mod typing;
mod typing_and_receipts;
mod uploads;
mod view;

pub use alerts::Notifications;
use link::{HttpStep, Link, LinkState};

use crate::{
    backoff::Rng,
    io::{Command, ConnId, Input},
    outbox::Outbox,
    pending::Purpose,
    storage::LAST_ACCOUNT_KEY,
    time::Millis,
    timing::Timing,
    transcript::Transcript,
};
use std::time::Duration;

/// Longest message the composer accepts (and the longest text shown whole), in characters.
pub const MAX_MESSAGE_CHARS: usize = 10_000;
/// Requests in flight at once; further messages wait in the outbox.
pub(crate) const MAX_IN_FLIGHT: usize = 50;
/// Larger frames are not read (shown in the inspector as too large).
pub const MAX_INBOUND_FRAME_BYTES: usize = 2 * 1024 * 1024;

/// How a session is set up by its driver.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Intervals and budgets.
    pub timing: Timing,
    /// Seeds the reconnect jitter and message ids (the driver draws it; tests fix it).
    pub seed: u64,
    /// Wall-clock time (epoch ms) at `Millis(0)`, to judge a stored token's `exp`.
    pub wall_clock_origin_ms: i64,
    /// The language of everything the session words (statuses, notes, failures).
    pub lang: crate::Lang,
    /// The browser's `navigator.userAgent` (empty: unknown), for ClientProperties' device, system and
    /// browser.
    pub user_agent: String,
    /// The skill new conversations are routed to, as the page's `?skill=` gives it (digits, or `-1`
    /// for any skill); `None` or empty: the account's default routing.
    pub skill: Option<String>,
    /// Offer the legacy satisfaction rating (CSAT) after a conversation that no survey followed (the
    /// page's `?csat=1`: the client cannot read the account's setting).
    pub csat: bool,
}

/// One consumer's session. See the crate docs for the run-loop contract.
pub struct Session {
    /// The queue to the driver, requests in flight, ids, the clock.
    fx: effects::Effects,
    /// How far the connection has come, its keepalive and backoff.
    link: Link,
    /// Whether a conversation is open, the dialog followed, and its waits.
    conversation: conversation::Conversation,
    /// The account's hosts, the consumer's identity and the brand's token.
    place: place::Place,
    transcript: Transcript,
    outbox: Outbox,
    /// The alert, the inspector, the quiet spell.
    screen: screen::Screen,
    wall_clock_origin_ms: i64,
    /// The unauthenticated sign-in: connector flow or `/signup` (`signin.rs`).
    signin: crate::signin::SignIn,
    /// Which hosts answer only as JSONP, and the Domain API lookups that way in flight.
    jsonp: jsonp::Jsonp,
    typing: typing::Typing,
    /// Receipts, and what the user has seen.
    receipts: receipts::Receipts,
    /// The language of what the session words.
    t: &'static crate::Texts,
    /// The browser's user agent (Config), for ClientProperties.
    user_agent: String,
    /// The skill new conversations ask for (checked), if any.
    skill: Option<String>,
    /// The satisfaction rating, when offered.
    csat: csat::Csat,
    quick_replies: quick_replies::QuickReplies,
    /// The user's pictures on their way to the outbox.
    uploads: uploads::Uploads,
    /// Pictures in the conversation waiting for their download URL.
    downloads: downloads::Downloads,
    /// Agents' public profiles.
    agents: agents::Agents,
    /// Desktop notifications, as the user chose.
    notifications: alerts::Notifications,
    /// The consumer's closed conversations, and the one being read.
    past: crate::past::Past,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    /// A session with the default timing and seed 0.
    pub fn new() -> Self {
        Self::with_config(Config::default())
    }

    /// A session with the given timing and seed.
    pub fn with_config(config: Config) -> Self {
        let mut rng = Rng::new(config.seed ^ 0x6c70_6368_6174);
        let mut screen = screen::Screen::default();
        let skill = crate::routing::skill(config.skill.as_deref()).unwrap_or_else(|failure| {
            screen.alert(failure);
            None
        });
        let id_prefix = format!("lpchat-{:08x}", rng.next_u64() as u32);
        Session {
            fx: effects::Effects::new(config.timing, id_prefix),
            link: Link::new(config.seed),
            conversation: Default::default(),
            place: Default::default(),
            transcript: Transcript::with_texts(config.lang.texts()),
            outbox: Outbox::default(),
            screen,
            wall_clock_origin_ms: config.wall_clock_origin_ms,
            signin: Default::default(),
            jsonp: Default::default(),
            typing: Default::default(),
            receipts: Default::default(),
            t: config.lang.texts(),
            user_agent: config.user_agent,
            skill,
            csat: csat::Csat::new(config.csat),
            quick_replies: Default::default(),
            uploads: Default::default(),
            downloads: Default::default(),
            agents: Default::default(),
            notifications: alerts::Notifications::Off,
            past: Default::default(),
        }
    }

    /// Feeds one input that happened at `now`.
    pub fn handle_input(&mut self, now: Millis, input: Input) {
        self.fx.advance(now);
        if self.wall_clock_origin_ms != 0 {
            self.transcript
                .set_wall_now(self.wall_clock_origin_ms + self.fx.now().0 as i64);
        }
        self.expire();
        match input {
            Input::User(intent) => self.on_intent(intent),
            Input::HttpDone { id, result } => {
                self.fx.log_http_received(id, &result);
                self.on_http(id, result)
            }
            Input::WsOpened { conn } => self.on_open(conn),
            Input::WsFrame { conn, text } => self.on_frame(conn, &text),
            Input::WsClosed { conn, code, reason } => self.on_closed(conn, code, &reason),
            Input::Network { online } => self.on_network(online),
            Input::Loaded { key, value } if key == LAST_ACCOUNT_KEY => {
                self.on_last_loaded(value.as_deref())
            }
            Input::Loaded { key, value } => self.on_loaded(&key, value.as_deref()),
            Input::Visible => {
                self.on_attention(Some(true), None);
                self.on_visible()
            }
            Input::Hidden => self.on_attention(Some(false), None),
            Input::Permission { granted } => self.on_permission(granted),
            Input::Tick => {}
        }
        self.expire();
    }

    /// The next thing the driver must do.
    #[must_use]
    pub fn poll_command(&mut self) -> Option<Command> {
        self.fx.pop()
    }

    /// When the session next needs an [`Input::Tick`], if ever.
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Millis> {
        [
            self.link.next_deadline(self.fx.now()),
            self.conversation.next_deadline(),
            self.screen.next_deadline(),
            self.fx.next_deadline(),
            self.typing.next_deadline(self.fx.timing().typing_idle),
            self.receipts.next_deadline(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Agent messages the user has not seen yet (the view's `unread`), without building the view:
    /// a hidden page renders nothing, and its title still has to count them.
    pub fn unread(&self) -> usize {
        self.receipts.unread()
    }

    /// Whether the agent is typing in the open conversation (the view's `agent_typing` while the
    /// current conversation is shown), without building the view: for a page that embeds lpchat and
    /// shows it on the launcher while the panel is closed.
    pub fn agent_typing(&self) -> bool {
        self.conversation.is_open() && self.typing.agent_typing()
    }

    /// The consumer id (the JWT `sub`), once known.
    pub fn consumer_id(&self) -> Option<&str> {
        self.place.consumer_id()
    }

    /// The transcript stays quiet (no announcements) for `d` from now.
    pub(crate) fn quiet_for(&mut self, d: Duration) {
        self.screen.quiet_until(self.fx.after(d));
    }

    // ----- shared helpers -----------------------------------------------------------------------

    fn conn(&self) -> Option<ConnId> {
        self.link.conn()
    }

    fn ready_conn(&self) -> Option<ConnId> {
        self.link.ready_conn()
    }

    /// Sends again what the throttle lets go now.
    fn resend_throttled(&mut self) {
        let Some(conn) = self.conn() else { return };
        self.fx.resend_throttled(conn, |purpose, id| {
            if let Purpose::Publish { entry } = purpose {
                self.outbox.set_in_flight(entry, id);
            }
        });
    }
}
