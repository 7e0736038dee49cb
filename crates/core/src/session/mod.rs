//! The session: one consumer, one account, one socket at a time, reconnecting on its own.
//!
//! Two state machines live side by side. The *link* is the connection: Domain API → signup → socket →
//! InitConnection → ready, then keepalives, and after an unexpected close a backoff wait and a new
//! socket (with a fresh identity after an authentication close). The *conversation* survives
//! reconnects: once known open, it is resubscribed from the last sequence seen, and the outbox's
//! unconfirmed messages are reconciled against the replayed history before anything is resent.

mod agents;
mod alerts;
mod conversation;
mod csat;
mod downloads;
mod files;
mod http;
mod jsonp;
mod link;
mod notifications;
mod past;
mod persist;
mod recovery;
mod rich;
mod sign_in;
mod signals;
mod view;

pub use alerts::Notifications;

use crate::{
    backoff::{Backoff, Rng},
    endpoints::Endpoints,
    failure::Failure,
    io::{Command, ConnId, HttpId, HttpMethod, Input, Intent},
    outbox::Outbox,
    pending::{Pending, Purpose, Sent},
    storage::LAST_ACCOUNT_KEY,
    time::Millis,
    timing::Timing,
    transcript::Transcript,
};
use lpchat_wire::{MetadataItem, Request, RequestPayload};
use std::{collections::VecDeque, time::Duration};

/// Longest message the composer accepts (and the longest text shown whole), in characters.
pub const MAX_MESSAGE_CHARS: usize = 10_000;
/// Requests in flight at once; further messages wait in the outbox.
pub(crate) const MAX_IN_FLIGHT: usize = 50;
/// Larger frames are not read (shown in the inspector as too large).
pub const MAX_INBOUND_FRAME_BYTES: usize = 2 * 1024 * 1024;

/// What the user typed in a field, trimmed; blank is nothing.
fn typed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

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

pub(crate) struct Identity {
    pub(crate) jwt: String,
    pub(crate) sub: String,
    /// From the brand's token (`/authenticate`), not an unauthenticated signup.
    pub(crate) authenticated: bool,
}

/// The HTTP step being retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HttpStep {
    Domains,
    Signup,
    Authenticate,
    /// `anonymous/authorize` (PROTOCOL.md §2.3, step 1).
    Authorize,
    /// `app/{connector}/authenticate?v=3.0` (§2.3, step 2).
    Exchange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Link {
    Idle,
    /// Waiting for the stored record (`true`: only to resume an open conversation).
    Loading(bool),
    /// Waiting for the account last used, to resume it.
    Remembering,
    Http(HttpStep, HttpId, u32),
    HttpWait(HttpStep, Millis, u32),
    /// The external token is in; the account's connectors are still being looked up.
    AwaitConnector,
    Backoff(Millis),
    Offline,
    GaveUp,
    Opening(ConnId, Millis),
    Initializing(ConnId),
    Ready(ConnId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Conversation {
    /// Not known yet (before the first snapshot of this identity).
    Unknown,
    /// Waiting for the conversation snapshot.
    Looking(Snapshot),
    None,
    Requesting,
    Open(String),
    Closing(String),
    Closed,
}

/// The wait for the conversation snapshot (the first notification of the conversation subscription).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Snapshot {
    /// Once the subscription is acknowledged: the snapshot is due by then.
    deadline: Option<Millis>,
    /// A frame that could not be read came meanwhile: it may have been the snapshot, so its
    /// absence proves nothing.
    unread_frame: bool,
    /// Subscriptions made again because of that.
    retries: u8,
}

/// One consumer's session. See the crate docs for the run-loop contract.
pub struct Session {
    timing: Timing,
    now: Millis,
    link: Link,
    conversation: Conversation,
    endpoints: Option<Endpoints>,
    identity: Option<Identity>,
    pending: Pending,
    /// Requests answered 429, waiting to be sent again.
    throttle: crate::throttle::Throttle,
    commands: VecDeque<Command>,
    transcript: Transcript,
    outbox: Outbox,
    alert: Option<Failure>,
    /// Ready was reached since the user pressed Connect: from then on, closes reconnect.
    established: bool,
    user_disconnected: bool,
    online: bool,
    backoff: Backoff,
    id_prefix: String,
    next_id: u64,
    keepalive_at: Option<Millis>,
    /// After resubscribing with uncertain messages: waiting for the replay (deadline once acknowledged).
    replay_wait: Option<Option<Millis>>,
    /// Highest sequence seen in the open dialog.
    last_seq: Option<i64>,
    last_problem: String,
    wall_clock_origin_ms: i64,
    /// The identity was issued by signup just now: it cannot have conversations yet.
    fresh_identity: bool,
    /// The hosts came from storage and have not worked yet.
    hosts_from_storage: bool,
    /// The newest `metaDataLastUpdateTs` applied, per conversation.
    conversation_stamps: Vec<(String, i64)>,
    /// The ASSIGNED_AGENT of the open conversation.
    assigned_agent: Option<String>,
    frame_log: crate::frames::FrameLog,
    frames_shown: bool,
    /// The post-conversation survey dialog, while it runs.
    survey_dialog: Option<String>,
    /// The brand token or code to authenticate with (never shown, never stored).
    auth_code: Option<String>,
    /// The unauthenticated sign-in: connector flow or `/signup` (`signin.rs`).
    signin: crate::signin::SignIn,
    /// Which hosts answer only as JSONP, and the Domain API lookups that way in flight.
    jsonp: jsonp::Jsonp,
    /// "Forget me" was used: say so until the next connection.
    forgotten: bool,
    /// Steps of the current connection (`Command::Mark`), for the timeline.
    timeline: Vec<(&'static str, Millis)>,
    /// A messages subscription is waiting for its history (marked `history` once it arrives).
    awaiting_history: bool,
    /// Typing, receipts and what the user has seen.
    signals: signals::Signals,
    /// The language of what the session words.
    t: &'static crate::Texts,
    /// The browser's user agent (Config), for ClientProperties.
    user_agent: String,
    /// The skill new conversations ask for (checked), if any.
    skill: Option<String>,
    /// The satisfaction rating, when offered.
    csat: csat::Csat,
    /// Quick replies offered with the newest message, until one is used or the user writes.
    offer: Option<rich::Offer>,
    /// The main dialog's close was accepted; the conversation change should follow by then.
    close_wait: Option<Millis>,
    /// The user's pictures on their way to the outbox.
    uploads: files::Uploads,
    /// Pictures in the conversation waiting for their download URL.
    downloads: downloads::Downloads,
    /// Agents' public profiles.
    agents: agents::Agents,
    /// Until then the transcript does not announce additions (a replayed history is going in).
    quiet_until: Option<Millis>,
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
        let (skill, skill_problem) = match crate::routing::skill(config.skill.as_deref()) {
            Ok(skill) => (skill, None),
            Err(failure) => (None, Some(failure)),
        };
        let id_prefix = format!("lpchat-{:08x}", rng.next_u64() as u32);
        Session {
            timing: config.timing,
            now: Millis(0),
            link: Link::Idle,
            conversation: Conversation::Unknown,
            endpoints: None,
            identity: None,
            pending: Pending::default(),
            throttle: Default::default(),
            commands: VecDeque::new(),
            transcript: Transcript::with_texts(config.lang.texts()),
            outbox: Outbox::default(),
            alert: skill_problem.clone(),
            established: false,
            user_disconnected: false,
            online: true,
            backoff: Backoff::new(config.seed),
            id_prefix,
            next_id: 0,
            keepalive_at: None,
            replay_wait: None,
            last_seq: None,
            last_problem: String::new(),
            wall_clock_origin_ms: config.wall_clock_origin_ms,
            fresh_identity: false,
            hosts_from_storage: false,
            conversation_stamps: Vec::new(),
            assigned_agent: None,
            frame_log: Default::default(),
            frames_shown: false,
            survey_dialog: None,
            auth_code: None,
            signin: Default::default(),
            jsonp: Default::default(),
            forgotten: false,
            timeline: Vec::new(),
            awaiting_history: false,
            signals: Default::default(),
            t: config.lang.texts(),
            user_agent: config.user_agent,
            skill,
            csat: csat::Csat::new(config.csat),
            offer: None,
            close_wait: None,
            uploads: Default::default(),
            downloads: Default::default(),
            agents: Default::default(),
            quiet_until: None,
            notifications: alerts::Notifications::Off,
            past: Default::default(),
        }
    }

    /// Feeds one input that happened at `now`.
    pub fn handle_input(&mut self, now: Millis, input: Input) {
        self.now = self.now.max(now);
        if self.wall_clock_origin_ms != 0 {
            self.transcript.wall_now = Some(self.wall_clock_origin_ms + self.now.0 as i64);
        }
        self.expire();
        match input {
            Input::User(intent) => self.on_intent(intent),
            Input::HttpDone { id, result } => {
                self.frame_log.http_received(self.now, id, &result);
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
        let command = self.commands.pop_front()?;
        if let Command::Http {
            id,
            method,
            url,
            body,
        } = &command
        {
            self.frame_log
                .http_sent(self.now, *id, *method, url, body.as_deref());
        }
        Some(command)
    }

    /// When the session next needs an [`Input::Tick`], if ever.
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Millis> {
        let link = match &self.link {
            Link::Opening(_, d) => Some(*d),
            Link::Backoff(at) | Link::HttpWait(_, at, _) => Some(self.countdown_tick(*at)),
            Link::Ready(_) => self.keepalive_at,
            _ => None,
        };
        let looking = match &self.conversation {
            Conversation::Looking(s) => s.deadline,
            _ => None,
        };
        [
            link,
            looking,
            self.replay_wait.flatten(),
            self.quiet_until,
            self.pending.next_deadline(),
            self.throttle.next_deadline(),
            self.signals.next_deadline(self.timing.typing_idle),
            self.close_wait,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Agent messages the user has not seen yet (the view's `unread`), without building the view:
    /// a hidden page renders nothing, and its title still has to count them.
    pub fn unread(&self) -> usize {
        self.signals.unread()
    }

    /// Whether the agent is typing in the open conversation (the view's `agent_typing` while the
    /// current conversation is shown), without building the view: for a page that embeds lpchat and
    /// shows it on the launcher while the panel is closed.
    pub fn agent_typing(&self) -> bool {
        matches!(self.conversation, Conversation::Open(_))
            && self.signals.agent_typing_until.is_some()
    }

    /// The consumer id (the JWT `sub`), once known.
    pub fn consumer_id(&self) -> Option<&str> {
        self.identity.as_ref().map(|i| i.sub.as_str())
    }

    /// The next whole second of a countdown to `at` (so "Reconnecting in N s…" stays current).
    fn countdown_tick(&self, at: Millis) -> Millis {
        let rem = at.0.saturating_sub(self.now.0);
        let step = match rem % 1000 {
            0 => 1000,
            r => r,
        };
        Millis(self.now.0 + step.min(rem))
    }

    fn on_intent(&mut self, intent: Intent) {
        if !matches!(
            intent,
            Intent::DismissAlert
                // The page loading, not the user acting: what the session said at start stays.
                | Intent::Resume { .. }
                | Intent::ShowFrames(_)
                | Intent::Download(_)
                | Intent::Notifications(_)
                | Intent::ShowEarlier
                | Intent::Typing
                | Intent::AtBottom(_)
                | Intent::ShowPast(_)
                | Intent::ReadPast(_)
        ) {
            self.alert = None;
        }
        match intent {
            Intent::Connect {
                account,
                csds,
                auth_code,
                connector,
            } => {
                let connector = typed(connector);
                if connector
                    .as_deref()
                    .is_some_and(|c| !lpchat_wire::is_connector_id(c))
                {
                    return self.alert = Some(Failure::InvalidConnector);
                }
                self.signin.give(connector);
                self.auth_code = typed(auth_code);
                if self.auth_code.is_some() {
                    // A pasted token means: this identity, not the stored one.
                    self.identity = None;
                }
                self.connect(&account, csds.as_deref(), false)
            }
            Intent::Resume {
                account: Some(account),
                csds,
            } => self.connect(&account, csds.as_deref(), true),
            Intent::Resume { account: None, .. } => self.remember_last(),
            Intent::Disconnect => self.disconnect(),
            Intent::Reconnect => self.reconnect_by_user(),
            Intent::StartConversation => self.start_conversation(),
            Intent::SendText(text) => self.send_text(text),
            Intent::Retry(key) => {
                if !self.retry_upload(key) {
                    self.retry(key)
                }
            }
            Intent::EndConversation => self.end_conversation(),
            Intent::DismissAlert => self.alert = None,
            Intent::Forget { account } => self.forget(&account),
            Intent::ShowFrames(shown) => self.frames_shown = shown,
            Intent::ShowEarlier => {
                self.quiet_for(self.timing.quiet_history);
                match self.past.transcript() {
                    Some(read) => read.show_earlier(),
                    None => self.transcript.show_earlier(),
                }
            }
            Intent::Typing => self.on_typing(),
            Intent::AtBottom(at) => self.on_attention(None, Some(at)),
            Intent::QuickReply(i) => self.on_quick_reply(i),
            Intent::CardAction { entry, action } => self.on_card_action(entry, action),
            Intent::SkipSurvey => self.end_conversation(),
            Intent::Rate { stars, resolved } => self.rate(stars, resolved),
            Intent::SkipRating => self.csat.withdraw(),
            Intent::ShowPast(shown) => self.show_past(shown),
            Intent::ReadPast(index) => self.read_past(index),
            Intent::Download(format) => self.download(format),
            Intent::Notifications(on) => self.choose_notifications(on),
            Intent::AttachFile {
                file,
                name,
                size,
                mime,
                preview,
            } => self.attach_file(file, &name, size, &mime, preview),
        }
    }

    /// The transcript stays quiet (no announcements) for `d` from now.
    pub(crate) fn quiet_for(&mut self, d: Duration) {
        self.quiet_until = Some(self.after(d));
    }

    // ----- shared helpers -----------------------------------------------------------------------

    pub(crate) fn after(&self, d: Duration) -> Millis {
        self.now.after(d)
    }

    /// Records a step of the flow (User Timing mark and the connection timeline).
    pub(crate) fn mark(&mut self, name: &'static str) {
        if self.timeline.len() < 64 {
            self.timeline.push((name, self.now));
        }
        self.commands.push_back(Command::Mark { name });
    }

    fn bump(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn next_http(&mut self) -> HttpId {
        HttpId(self.bump())
    }

    /// Asks the driver for an HTTP request; its answer comes back under the id returned.
    fn http_request(&mut self, method: HttpMethod, url: String, body: Option<String>) -> HttpId {
        let id = self.next_http();
        self.commands.push_back(Command::Http {
            id,
            method,
            url,
            body,
        });
        id
    }

    fn next_external_id(&mut self) -> String {
        let n = self.bump();
        format!("{}-{n}", self.id_prefix)
    }

    fn conn(&self) -> Option<ConnId> {
        match self.link {
            Link::Opening(c, _) | Link::Initializing(c) | Link::Ready(c) => Some(c),
            _ => None,
        }
    }

    fn ready_conn(&self) -> Option<ConnId> {
        match self.link {
            Link::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// Sends a request on `conn` with the default deadline; returns its id.
    fn request(
        &mut self,
        conn: ConnId,
        purpose: Purpose,
        payload: RequestPayload,
    ) -> lpchat_wire::ReqId {
        let deadline = self.after(self.timing.request_timeout);
        self.request_until(conn, purpose, payload, Vec::new(), deadline)
    }

    fn request_until(
        &mut self,
        conn: ConnId,
        purpose: Purpose,
        payload: RequestPayload,
        metadata: Vec<MetadataItem>,
        deadline: Millis,
    ) -> lpchat_wire::ReqId {
        let sent = Sent {
            purpose,
            payload,
            metadata,
            timeout_ms: deadline.0.saturating_sub(self.now.0),
            throttled: 0,
        };
        self.send_request(conn, sent)
    }

    /// Sends `sent` with a fresh id and its deadline from now.
    fn send_request(&mut self, conn: ConnId, mut sent: Sent) -> lpchat_wire::ReqId {
        let deadline = Millis(self.now.0 + sent.timeout_ms);
        let id = self.pending.next_id();
        let request = Request::new(id.clone(), sent.payload).with_metadata(sent.metadata);
        self.frame_log.sent(conn, self.now, &request);
        self.commands.push_back(Command::Send {
            conn,
            text: request.encode(),
        });
        // Kept as sent (a 429 sends it again), without a copy.
        (sent.payload, sent.metadata) = (request.payload, request.metadata);
        self.pending.insert(id.clone(), sent, deadline);
        id
    }

    /// A request was answered 429: it is sent again later (`throttle.rs`), unless it had its share;
    /// then it is given back, to be answered as it was.
    fn throttled(&mut self, sent: Sent) -> Option<Sent> {
        if sent.throttled >= crate::throttle::MAX_THROTTLED {
            return Some(sent);
        }
        self.throttle.hold(self.now, sent);
        None
    }

    /// Sends again what the throttle lets go now.
    fn resend_throttled(&mut self) {
        let Some(conn) = self.conn() else { return };
        for mut sent in self.throttle.due(self.now) {
            sent.throttled += 1;
            let purpose = sent.purpose.clone();
            let id = self.send_request(conn, sent);
            if let Purpose::Publish { entry } = purpose {
                self.outbox.set_in_flight(entry, id);
            }
        }
    }
}
