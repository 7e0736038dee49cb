//! The fault plan: what the sandbox does wrong on purpose, set by flags at start and by
//! `POST /control/faults` at run time. Drops are drawn from a seeded generator, so a run can be repeated.

use serde::{Deserialize, Serialize};
use std::{
    sync::{Arc, Mutex, MutexGuard},
    time::Instant,
};

/// What to break. Every field is optional in `POST /control/faults`; absent fields keep their value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FaultPlan {
    /// Added before every HTTP answer, WebSocket upgrade and frame the sandbox sends.
    pub latency_ms: u64,
    /// Drop each socket after a number of received frames drawn uniformly from this range
    /// (`[min, max]`, both ≥ 1); `None` for never.
    pub drop_after_frames: Option<(u32, u32)>,
    /// Seed for the drop draws.
    pub seed: u64,
    /// Close dropped sockets with this code instead of cutting them off (the browser then sees 1006).
    pub drop_code: Option<u16>,
    /// Stop answering on every socket (no frames sent, nothing closed) while true.
    pub blackhole: bool,
    /// Answer the next `n` Domain API calls with `status`: `[status, n]`.
    pub fail_domain_api: Option<(u16, u32)>,
    /// Answer the next `n` signups with `status`: `[status, n]`.
    pub fail_signup: Option<(u16, u32)>,
    /// Answer one in `n` socket requests after InitConnection (drawn from the seed) with 429 instead
    /// of handling it.
    pub throttle_one_in: Option<u32>,
    /// Of the planned drops, one in `n` (drawn from the seed) is a close with 1011 (a server error).
    pub close_1011_one_in: Option<u32>,
}

/// Figures of what the plan did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultStats {
    /// Sockets dropped by the plan.
    pub drops: u32,
    /// Of those, dropped after storing a publish but before answering it.
    pub drops_after_store: u32,
    /// Longest time from a drop to the next successful InitConnection, ms.
    pub max_recovery_ms: u64,
    /// Successful InitConnections.
    pub connections: u32,
    /// Requests answered 429 by the plan.
    pub throttled: u32,
    /// Planned drops that were closes with 1011.
    pub closes_1011: u32,
}

struct Inner {
    plan: FaultPlan,
    rng: u64,
    stats: FaultStats,
    last_drop: Option<Instant>,
    /// Tokens issued before this are refused as expired.
    tokens_valid_from_ms: i64,
}

/// Shared handle to the plan.
#[derive(Clone)]
pub struct Faults(Arc<Mutex<Inner>>);

impl Faults {
    /// A plan.
    pub fn new(plan: FaultPlan) -> Self {
        let rng = plan.seed;
        Faults(Arc::new(Mutex::new(Inner {
            plan,
            rng,
            stats: FaultStats::default(),
            last_drop: None,
            tokens_valid_from_ms: 0,
        })))
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current plan.
    pub fn plan(&self) -> FaultPlan {
        self.lock().plan.clone()
    }

    /// Replaces the plan; the generator restarts from the plan's seed.
    pub fn set(&self, plan: FaultPlan) {
        let mut inner = self.lock();
        inner.rng = plan.seed;
        inner.plan = plan;
    }

    /// Figures so far.
    pub fn stats(&self) -> FaultStats {
        self.lock().stats.clone()
    }

    fn draw(inner: &mut Inner) -> u64 {
        // SplitMix64, as in lpchat-core.
        inner.rng = inner.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = inner.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Whether the plan drops sockets.
    pub fn drops_enabled(&self) -> bool {
        self.lock().plan.drop_after_frames.is_some()
    }

    /// For a socket: after how many more received frames it will be dropped, if at all.
    pub fn drop_budget(&self) -> Option<u32> {
        let mut inner = self.lock();
        let (min, max) = inner.plan.drop_after_frames?;
        let (min, max) = (min.max(1), max.max(min.max(1)));
        let span = u64::from(max - min) + 1;
        Some(min + (Self::draw(&mut inner) % span) as u32)
    }

    /// The socket is being dropped; for a publish, whether to store it first (drop between store and answer).
    pub fn dropping(&self, is_publish: bool) -> bool {
        let mut inner = self.lock();
        let after_store = is_publish && Self::draw(&mut inner) % 2 == 0;
        inner.stats.drops += 1;
        if after_store {
            inner.stats.drops_after_store += 1;
        }
        inner.last_drop = Some(Instant::now());
        after_store
    }

    /// InitConnection succeeded.
    pub fn connected(&self) {
        let mut inner = self.lock();
        inner.stats.connections += 1;
        if let Some(at) = inner.last_drop.take() {
            let ms = at.elapsed().as_millis() as u64;
            inner.stats.max_recovery_ms = inner.stats.max_recovery_ms.max(ms);
        }
    }

    /// The latency to add, if any.
    pub fn latency(&self) -> Option<std::time::Duration> {
        let ms = self.lock().plan.latency_ms;
        (ms > 0).then(|| std::time::Duration::from_millis(ms))
    }

    /// The close code for a planned drop now (`None`: cut off without a close frame).
    pub fn drop_code(&self) -> Option<u16> {
        let mut inner = self.lock();
        if let Some(n) = inner.plan.close_1011_one_in {
            if Self::draw(&mut inner) % u64::from(n.max(1)) == 0 {
                inner.stats.closes_1011 += 1;
                return Some(1011);
            }
        }
        inner.plan.drop_code
    }

    /// Whether the plan answers this request with 429 (counted).
    pub fn throttling(&self) -> bool {
        let mut inner = self.lock();
        let Some(n) = inner.plan.throttle_one_in else {
            return false;
        };
        let hit = Self::draw(&mut inner) % u64::from(n.max(1)) == 0;
        if hit {
            inner.stats.throttled += 1;
        }
        hit
    }

    /// Whether sockets are silent now.
    pub fn blackholed(&self) -> bool {
        self.lock().plan.blackhole
    }

    /// The status to fail a Domain API call with, consuming one.
    pub fn fail_domain_api(&self) -> Option<u16> {
        Self::take(&mut self.lock().plan.fail_domain_api)
    }

    /// The status to fail a signup with, consuming one.
    pub fn fail_signup(&self) -> Option<u16> {
        Self::take(&mut self.lock().plan.fail_signup)
    }

    fn take(slot: &mut Option<(u16, u32)>) -> Option<u16> {
        let (status, n) = (*slot)?;
        *slot = (n > 1).then_some((status, n - 1));
        (n > 0).then_some(status)
    }

    /// Every token issued before now is refused as expired from now on.
    pub fn expire_tokens(&self, now_ms: i64) {
        self.lock().tokens_valid_from_ms = now_ms;
    }

    /// Whether a token issued at `iat_s` is still accepted.
    pub fn token_accepted(&self, iat_s: i64) -> bool {
        iat_s * 1000 >= self.lock().tokens_valid_from_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_budgets_are_seeded_and_within_range() {
        let plan = FaultPlan {
            drop_after_frames: Some((3, 9)),
            seed: 7,
            ..FaultPlan::default()
        };
        let a = Faults::new(plan.clone());
        let b = Faults::new(plan);
        let xs: Vec<u32> = (0..50).filter_map(|_| a.drop_budget()).collect();
        let ys: Vec<u32> = (0..50).filter_map(|_| b.drop_budget()).collect();
        assert_eq!(xs, ys);
        assert!(xs.iter().all(|x| (3..=9).contains(x)));
        assert!(xs.contains(&3) && xs.contains(&9));
        assert_eq!(Faults::new(FaultPlan::default()).drop_budget(), None);
    }

    #[test]
    fn http_failures_are_counted_down() {
        let f = Faults::new(FaultPlan {
            fail_signup: Some((503, 2)),
            ..FaultPlan::default()
        });
        assert_eq!(
            (f.fail_signup(), f.fail_signup(), f.fail_signup()),
            (Some(503), Some(503), None)
        );
        assert_eq!(f.fail_domain_api(), None);
    }
}
