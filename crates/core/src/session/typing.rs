//! Typing, both ways (PROTOCOL.md §5.2): COMPOSING at most once every `typing_refresh` while the user
//! types and ACTIVE after `typing_idle` without a keystroke; "Agent is typing…" from the agent's
//! COMPOSING until another state, a message of theirs, or `agent_typing_timeout`. Where the states
//! go (the open conversation, never the survey) is the session's to decide.

use crate::time::Millis;
use std::time::Duration;

#[derive(Debug, Default)]
pub(crate) struct Typing {
    /// When COMPOSING was last sent (None: the user is not typing, as far as the agent knows).
    composing_sent: Option<Millis>,
    last_keystroke: Millis,
    /// "Agent is typing…" until then.
    agent_until: Option<Millis>,
}

impl Typing {
    /// The user typed at `now`. Returns whether COMPOSING is to be sent; `can_send` says whether
    /// a chat state can go anywhere now (nothing is sent, and nothing counts as sent, otherwise).
    #[must_use]
    pub(crate) fn keystroke(&mut self, now: Millis, refresh: Duration, can_send: bool) -> bool {
        self.last_keystroke = now;
        if !can_send || self.composing_sent.is_some_and(|t| now < t.after(refresh)) {
            return false;
        }
        self.composing_sent = Some(now);
        true
    }

    /// The user sent a message: that ends the typing by itself.
    pub(crate) fn message_sent(&mut self) {
        self.composing_sent = None;
    }

    /// The agent's chat state arrived at `now`.
    pub(crate) fn agent_state(&mut self, now: Millis, composing: bool, timeout: Duration) {
        self.agent_until = composing.then(|| now.after(timeout));
    }

    /// The agent wrote, or left: not typing any more.
    pub(crate) fn agent_stopped(&mut self) {
        self.agent_until = None;
    }

    pub(crate) fn agent_typing(&self) -> bool {
        self.agent_until.is_some()
    }

    /// The timers at `now`; returns whether ACTIVE is to be sent (the user stopped typing).
    #[must_use]
    pub(crate) fn expire(&mut self, now: Millis, idle: Duration) -> bool {
        if self.agent_until.is_some_and(|t| t <= now) {
            self.agent_until = None;
        }
        let stopped = self.composing_sent.is_some() && self.last_keystroke.after(idle) <= now;
        if stopped {
            self.composing_sent = None;
        }
        stopped
    }

    pub(crate) fn next_deadline(&self, idle: Duration) -> Option<Millis> {
        let idle = self.composing_sent.map(|_| self.last_keystroke.after(idle));
        idle.into_iter().chain(self.agent_until).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFRESH: Duration = Duration::from_secs(3);
    const IDLE: Duration = Duration::from_secs(5);

    #[test]
    fn composing_goes_once_per_refresh_and_active_after_idle() {
        let mut t = Typing::default();
        assert!(t.keystroke(Millis(0), REFRESH, true));
        assert!(
            !t.keystroke(Millis(2_999), REFRESH, true),
            "within the refresh"
        );
        assert!(t.keystroke(Millis(3_000), REFRESH, true), "refreshed");
        assert_eq!(t.next_deadline(IDLE), Some(Millis(8_000)));
        assert!(!t.expire(Millis(7_999), IDLE));
        assert!(t.expire(Millis(8_000), IDLE), "idle: ACTIVE");
        assert!(!t.expire(Millis(9_000), IDLE), "once");
        assert_eq!(t.next_deadline(IDLE), None);
    }

    #[test]
    fn nothing_counts_as_sent_where_it_cannot_go() {
        let mut t = Typing::default();
        assert!(!t.keystroke(Millis(0), REFRESH, false));
        assert!(
            !t.expire(Millis(60_000), IDLE),
            "no ACTIVE for a COMPOSING never sent"
        );
        assert!(t.keystroke(Millis(60_001), REFRESH, true));
    }

    #[test]
    fn a_message_ends_the_typing_without_active() {
        let mut t = Typing::default();
        assert!(t.keystroke(Millis(0), REFRESH, true));
        t.message_sent();
        assert!(!t.expire(Millis(10_000), IDLE));
        assert!(
            t.keystroke(Millis(10_001), REFRESH, true),
            "typing again starts anew"
        );
    }

    #[test]
    fn the_agent_types_until_another_state_a_message_or_the_timeout() {
        let timeout = Duration::from_secs(10);
        let mut t = Typing::default();
        t.agent_state(Millis(0), true, timeout);
        assert!(t.agent_typing());
        assert_eq!(t.next_deadline(IDLE), Some(Millis(10_000)));
        t.agent_state(Millis(1), false, timeout);
        assert!(!t.agent_typing(), "ACTIVE");
        t.agent_state(Millis(2), true, timeout);
        t.agent_stopped();
        assert!(!t.agent_typing(), "a message");
        t.agent_state(Millis(3), true, timeout);
        assert!(!t.expire(Millis(10_003), IDLE));
        assert!(!t.agent_typing(), "timed out");
    }
}
