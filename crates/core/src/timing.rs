//! Every interval the session uses, in one place, so tests and the app (`?fast-timing`) can shorten them.

use std::time::Duration;

/// Intervals and budgets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// Every request is answered within this or fails (LivePerson's SDK uses 10 s, PROTOCOL.md §9).
    pub request_timeout: Duration,
    /// A socket that has not opened by then is given up.
    pub open_timeout: Duration,
    /// After the conversation subscription is acknowledged, the snapshot should follow by then.
    pub snapshot_timeout: Duration,
    /// A `GetClock` is sent this long after the last one (≤ 30 s per PROTOCOL.md §9).
    pub keepalive_interval: Duration,
    /// A keepalive unanswered this long means the socket is dead.
    pub keepalive_timeout: Duration,
    /// First reconnect delay; doubles per attempt.
    pub backoff_base: Duration,
    /// Largest reconnect delay.
    pub backoff_cap: Duration,
    /// Reconnect attempts before lpchat stops and offers "Reconnect".
    pub reconnect_attempts: u32,
    /// After resubscribing, how long to wait for the replayed history before resending unacknowledged
    /// messages that it did not contain.
    pub replay_grace: Duration,
    /// COMPOSING is repeated at most this often while the user keeps typing.
    pub typing_refresh: Duration,
    /// The user counts as no longer typing (ACTIVE is sent) after this long without a keystroke.
    pub typing_idle: Duration,
    /// "Agent is typing…" goes away after this long without a new COMPOSING.
    pub agent_typing_timeout: Duration,
    /// Receipts are collected for this long and then sent together.
    pub receipt_batch: Duration,
    /// The transcript stays quiet for screen readers this long after a replayed history (or earlier
    /// entries) went in.
    pub quiet_history: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            request_timeout: Duration::from_secs(10),
            open_timeout: Duration::from_secs(15),
            snapshot_timeout: Duration::from_secs(10),
            keepalive_interval: Duration::from_secs(30),
            keepalive_timeout: Duration::from_secs(10),
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(30),
            reconnect_attempts: 12,
            replay_grace: Duration::from_secs(2),
            typing_refresh: Duration::from_secs(5),
            typing_idle: Duration::from_secs(3),
            agent_typing_timeout: Duration::from_secs(15),
            receipt_batch: Duration::from_millis(300),
            quiet_history: Duration::from_secs(1),
        }
    }
}

impl Timing {
    /// Short intervals for tests and demonstrations: every interval divided by `factor` (at least 1 ms).
    pub fn scaled_down(factor: u32) -> Self {
        let d = Timing::default();
        let f = factor.max(1);
        let s = |x: Duration| (x / f).max(Duration::from_millis(1));
        Timing {
            request_timeout: s(d.request_timeout),
            open_timeout: s(d.open_timeout),
            snapshot_timeout: s(d.snapshot_timeout),
            keepalive_interval: s(d.keepalive_interval),
            keepalive_timeout: s(d.keepalive_timeout),
            backoff_base: s(d.backoff_base),
            backoff_cap: s(d.backoff_cap),
            reconnect_attempts: d.reconnect_attempts,
            replay_grace: s(d.replay_grace),
            typing_refresh: s(d.typing_refresh),
            typing_idle: s(d.typing_idle),
            agent_typing_timeout: s(d.agent_typing_timeout),
            receipt_batch: s(d.receipt_batch),
            quiet_history: s(d.quiet_history),
        }
    }
}
