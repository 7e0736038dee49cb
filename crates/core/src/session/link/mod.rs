//! The link: how far the connection has come (the stored record → Domain API → identity → socket →
//! InitConnection → ready), its keepalive, and after an unexpected close the seeded backoff wait
//! (`backoff.rs`) before the next attempt, or the offline wait for the network. What each step sends
//! is the session's (`socket.rs`, `http.rs`, `recovery.rs`); this holds where the link is, its
//! deadlines and the few facts that decide what a close means.

use crate::{
    backoff::Backoff,
    io::{ConnId, HttpId},
    time::Millis,
    timing::Timing,
};

/// The HTTP step being asked or retried.
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

/// Where the link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkState {
    Idle,
    /// Waiting for the stored record (`true`: only to resume an open conversation).
    Loading(bool),
    /// Waiting for the account last used, to resume it.
    Remembering,
    /// An HTTP step in flight: its request and which attempt it is.
    Http(HttpStep, HttpId, u32),
    /// An HTTP step to be tried again then.
    HttpWait(HttpStep, Millis, u32),
    /// The external token is in; the account's connectors are still being looked up.
    AwaitConnector,
    /// A new socket then.
    Backoff(Millis),
    Offline,
    GaveUp,
    /// The socket is opening; it must be open by then.
    Opening(ConnId, Millis),
    Initializing(ConnId),
    Ready(ConnId),
}

/// What happens after an identity is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Renewal {
    /// Sign in again at once (the first refusal).
    Now,
    /// Waiting in backoff.
    Later,
    /// The attempts are spent.
    Spent,
}

#[derive(Debug)]
pub(crate) struct Link {
    state: LinkState,
    /// Ready was reached since the user pressed Connect: from then on, closes reconnect.
    established: bool,
    user_disconnected: bool,
    online: bool,
    /// The next keepalive, while ready.
    keepalive_at: Option<Millis>,
    backoff: Backoff,
    /// Why the last attempt failed, in the user's words (for "gave up").
    last_problem: String,
}

impl Link {
    pub(crate) fn new(seed: u64) -> Self {
        Link {
            state: LinkState::Idle,
            established: false,
            user_disconnected: false,
            online: true,
            keepalive_at: None,
            backoff: Backoff::new(seed),
            last_problem: String::new(),
        }
    }

    pub(crate) fn state(&self) -> &LinkState {
        &self.state
    }

    /// Moves to `state` (the steps whose bookkeeping is more than that have methods of their own).
    pub(crate) fn go(&mut self, state: LinkState) {
        self.state = state;
    }

    /// The socket in use, if any.
    pub(crate) fn conn(&self) -> Option<ConnId> {
        match self.state {
            LinkState::Opening(c, _) | LinkState::Initializing(c) | LinkState::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// The socket, once InitConnection succeeded on it.
    pub(crate) fn ready_conn(&self) -> Option<ConnId> {
        match self.state {
            LinkState::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// Ready was reached since Connect: a close now is a reconnect, not a failure.
    pub(crate) fn established(&self) -> bool {
        self.established
    }

    pub(crate) fn user_disconnected(&self) -> bool {
        self.user_disconnected
    }

    /// Whether the link can start (nothing is under way).
    pub(crate) fn can_connect(&self) -> bool {
        matches!(self.state, LinkState::Idle | LinkState::GaveUp)
    }

    /// The user pressed Connect: a new attempt, with a fresh backoff.
    pub(crate) fn user_connects(&mut self) {
        self.user_disconnected = false;
        self.established = false;
        self.backoff.reset();
    }

    /// The user pressed Disconnect (the socket is being dropped).
    pub(crate) fn user_disconnects(&mut self) {
        self.user_disconnected = true;
        self.established = false;
    }

    /// A "Forget me" or a new account: the link was not ended by the user.
    pub(crate) fn forget_disconnect(&mut self) {
        self.user_disconnected = false;
    }

    /// The user pressed Reconnect; returns whether there is something to reconnect.
    #[must_use]
    pub(crate) fn user_reconnects(&mut self) -> bool {
        let waiting = matches!(
            self.state,
            LinkState::GaveUp | LinkState::Backoff(_) | LinkState::Offline
        );
        if waiting {
            self.backoff.reset();
            self.established = true;
        }
        waiting
    }

    /// The browser says the network went or came; returns whether to reconnect now.
    #[must_use]
    pub(crate) fn network(&mut self, online: bool) -> bool {
        self.online = online;
        match (&self.state, online) {
            (LinkState::Backoff(_), false) => {
                self.state = LinkState::Offline;
                false
            }
            (LinkState::Offline | LinkState::Backoff(_), true) => true,
            _ => false,
        }
    }

    /// The page was shown; returns whether to reconnect now rather than wait out the backoff.
    pub(crate) fn shown(&self) -> bool {
        matches!(self.state, LinkState::Backoff(_)) && self.online
    }

    /// InitConnection succeeded on `conn` at `now`.
    pub(crate) fn ready(&mut self, conn: ConnId, now: Millis, timing: &Timing) {
        self.state = LinkState::Ready(conn);
        self.backoff.reset();
        self.established = true;
        self.keepalive_at = Some(now.after(timing.keepalive_interval));
    }

    /// The keepalive was answered: the next one in an interval.
    pub(crate) fn keepalive_answered(&mut self, now: Millis, timing: &Timing) {
        self.keepalive_at = Some(now.after(timing.keepalive_interval));
    }

    /// The socket to send a keepalive on, if one is due at `now` (asked once per keepalive).
    #[must_use]
    pub(crate) fn keepalive_due(&mut self, now: Millis) -> Option<ConnId> {
        let conn = self.ready_conn()?;
        if self.keepalive_at.is_none_or(|k| k > now) {
            return None;
        }
        self.keepalive_at = None;
        Some(conn)
    }

    /// The socket is gone: it is no longer kept alive (the caller moves the link on).
    pub(crate) fn socket_gone(&mut self) {
        self.keepalive_at = None;
    }

    /// Notes why the last attempt failed.
    pub(crate) fn problem(&mut self, text: String) {
        self.last_problem = text;
    }

    /// After an unexpected close: wait offline, or in backoff. Returns false when the attempts are
    /// spent (the caller gives up).
    #[must_use]
    pub(crate) fn reconnect_later(&mut self, now: Millis, timing: &Timing) -> bool {
        if !self.online {
            self.state = LinkState::Offline;
            return true;
        }
        match self.backoff.next_delay(timing) {
            Some(delay) => {
                self.state = LinkState::Backoff(now.after(delay));
                true
            }
            None => false,
        }
    }

    /// After a refused identity: the first renewal goes at once, later ones after the backoff.
    #[must_use]
    pub(crate) fn renew(&mut self, now: Millis, timing: &Timing) -> Renewal {
        match self.backoff.next_delay(timing) {
            Some(_) if self.backoff.attempts() == 1 => Renewal::Now,
            Some(delay) => {
                self.state = LinkState::Backoff(now.after(delay));
                Renewal::Later
            }
            None => Renewal::Spent,
        }
    }

    /// No more attempts; returns the last problem, for the user.
    pub(crate) fn give_up(&mut self) -> String {
        self.state = LinkState::GaveUp;
        self.last_problem.clone()
    }

    /// When the link next needs a tick at `now`: the socket's opening deadline, each whole second of
    /// a countdown (so "Reconnecting in N s…" stays current), or the keepalive.
    pub(crate) fn next_deadline(&self, now: Millis) -> Option<Millis> {
        match &self.state {
            LinkState::Opening(_, d) => Some(*d),
            LinkState::Backoff(at) | LinkState::HttpWait(_, at, _) => {
                Some(countdown_tick(now, *at))
            }
            LinkState::Ready(_) => self.keepalive_at,
            _ => None,
        }
    }
}

/// The next whole second of a countdown from `now` to `at`.
fn countdown_tick(now: Millis, at: Millis) -> Millis {
    let rem = at.0.saturating_sub(now.0);
    let step = match rem % 1000 {
        0 => 1000,
        r => r,
    };
    Millis(now.0 + step.min(rem))
}

#[cfg(test)]
mod tests;
