//! Reconnect delays: exponential with "equal jitter" (half fixed, half random) and a cap, from a seeded
//! generator so the schedule is reproducible. PROTOCOL.md §9 warns that too short intervals get clients
//! throttled; the first delay is `backoff_base` (1 s), the cap 30 s, the budget 12 attempts.

use crate::timing::Timing;
use std::time::Duration;

/// SplitMix64: a tiny, well-known generator; the seed comes from the driver.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Backoff {
    attempt: u32,
    rng: Rng,
}

impl Backoff {
    pub(crate) fn new(seed: u64) -> Self {
        Backoff {
            attempt: 0,
            rng: Rng::new(seed),
        }
    }

    /// Attempts made since the last success.
    pub(crate) fn attempts(&self) -> u32 {
        self.attempt
    }

    /// The wait before the next attempt, or `None` when the budget is spent.
    pub(crate) fn next_delay(&mut self, t: &Timing) -> Option<Duration> {
        if self.attempt >= t.reconnect_attempts {
            return None;
        }
        let exp = t.backoff_base.saturating_mul(1u32 << self.attempt.min(20));
        let full = exp.min(t.backoff_cap);
        let half = full / 2;
        let span = u64::try_from(half.as_millis()).unwrap_or(u64::MAX).max(1);
        let jitter = Duration::from_millis(self.rng.next_u64() % (span + 1));
        self.attempt += 1;
        Some(half + jitter)
    }

    /// InitConnection succeeded again.
    pub(crate) fn reset(&mut self) {
        self.attempt = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_for_a_fixed_seed_is_exact() {
        let t = Timing::default();
        let mut b = Backoff::new(42);
        let delays: Vec<u64> = std::iter::from_fn(|| b.next_delay(&t))
            .map(|d| d.as_millis() as u64)
            .collect();
        assert_eq!(delays.len(), 12, "the budget is 12 attempts");
        // Each delay lies in [half, full] of min(base·2ⁿ, cap).
        for (n, d) in delays.iter().enumerate() {
            let full = (1000u64 << n).min(30_000);
            assert!((full / 2..=full).contains(d), "attempt {n}: {d} ms");
        }
        let mut again = Backoff::new(42);
        let same: Vec<u64> = std::iter::from_fn(|| again.next_delay(&t))
            .map(|d| d.as_millis() as u64)
            .collect();
        assert_eq!(delays, same, "the same seed gives the same schedule");
        assert_eq!(
            delays,
            vec![573, 1313, 2168, 4542, 15279, 23040, 24816, 24120, 19458, 21571, 17714, 23847]
        );
    }

    #[test]
    fn reset_starts_over_and_different_seeds_differ() {
        let t = Timing::default();
        let schedule = |seed| {
            let mut b = Backoff::new(seed);
            std::iter::from_fn(|| b.next_delay(&t)).collect::<Vec<_>>()
        };
        assert_ne!(schedule(1), schedule(2));
        let mut b = Backoff::new(1);
        b.next_delay(&Timing::default());
        b.next_delay(&Timing::default());
        assert_eq!(b.attempts(), 2);
        b.reset();
        assert_eq!(b.attempts(), 0);
        assert!(
            b.next_delay(&Timing::default()).unwrap() <= Duration::from_secs(1),
            "back to the first delay"
        );
    }
}
