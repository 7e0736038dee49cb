//! Requests the server answered 429 ("too many requests"), waiting to be sent again. LivePerson asks
//! for at least a second before a retry, and no bursts (PROTOCOL.md §7, §9): the first retry waits 1 s,
//! each further one twice as long, and while anything waits, nothing new is published. What is due
//! goes out a few at a time. After `MAX_THROTTLED` 429s for one request its answer counts as given
//! (a message is then *Not delivered*, with *Retry*).

use crate::{
    pending::{Purpose, Sent},
    time::Millis,
};
use std::collections::VecDeque;

/// 429s one request may get before the answer stands.
pub(crate) const MAX_THROTTLED: u32 = 5;
/// Requests sent again at one time; the rest follow after `SPACING_MS`.
const BATCH: usize = 5;
const SPACING_MS: u64 = 250;

#[derive(Debug, Default)]
pub(crate) struct Throttle {
    waiting: VecDeque<Sent>,
    /// Nothing is sent again (or published anew) before this.
    until: Option<Millis>,
}

impl Throttle {
    /// How long the `n`th 429 (from 0) of a request holds it back: 1 s, 2 s, 4 s, 8 s, 16 s.
    pub(crate) fn delay_ms(n: u32) -> u64 {
        1_000 << n.min(4)
    }

    /// `sent` was answered 429 at `now`: it waits, and holds back everything new.
    pub(crate) fn hold(&mut self, now: Millis, sent: Sent) {
        let at = Millis(now.0 + Self::delay_ms(sent.throttled));
        self.until = Some(self.until.map_or(at, |u| u.max(at)));
        self.waiting.push_back(sent);
    }

    /// Whether sending is held back at `now`.
    pub(crate) fn holding(&self, now: Millis) -> bool {
        self.until.is_some_and(|u| u > now)
    }

    /// What may be sent again at `now`, oldest first, a few at a time.
    pub(crate) fn due(&mut self, now: Millis) -> Vec<Sent> {
        if self.holding(now) {
            return Vec::new();
        }
        let n = self.waiting.len().min(BATCH);
        let due: Vec<Sent> = self.waiting.drain(..n).collect();
        self.until = (!self.waiting.is_empty()).then_some(Millis(now.0 + SPACING_MS));
        due
    }

    pub(crate) fn next_deadline(&self) -> Option<Millis> {
        self.until
    }

    /// The socket is gone: what waits is lost with it.
    pub(crate) fn drain(&mut self) -> Vec<Purpose> {
        self.until = None;
        self.waiting.drain(..).map(|s| s.purpose).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lpchat_wire::RequestPayload;

    fn sent(entry: u64, throttled: u32) -> Sent {
        Sent {
            purpose: Purpose::Publish { entry },
            payload: RequestPayload::GetClock {},
            metadata: Vec::new(),
            timeout_ms: 10_000,
            throttled,
        }
    }

    #[test]
    fn a_retry_waits_a_second_then_twice_as_long_and_goes_out_a_few_at_a_time() {
        assert_eq!(
            (0..6).map(Throttle::delay_ms).collect::<Vec<_>>(),
            [1_000, 2_000, 4_000, 8_000, 16_000, 16_000]
        );
        let mut t = Throttle::default();
        for e in 0..7 {
            t.hold(Millis(100), sent(e, 0));
        }
        assert!(t.holding(Millis(1_099)));
        assert_eq!(t.due(Millis(1_099)), vec![]);
        let first: Vec<_> = t
            .due(Millis(1_100))
            .into_iter()
            .map(|s| s.purpose)
            .collect();
        assert_eq!(first.len(), 5, "no burst");
        assert_eq!(first[0], Purpose::Publish { entry: 0 }, "oldest first");
        assert_eq!(t.next_deadline(), Some(Millis(1_350)));
        assert_eq!(t.due(Millis(1_350)).len(), 2);
        assert_eq!(t.next_deadline(), None);
    }

    #[test]
    fn a_second_429_holds_everything_longer() {
        let mut t = Throttle::default();
        t.hold(Millis(0), sent(1, 0));
        t.hold(Millis(0), sent(2, 1));
        assert_eq!(t.next_deadline(), Some(Millis(2_000)));
        assert_eq!(t.drain().len(), 2);
        assert!(!t.holding(Millis(0)));
    }
}
