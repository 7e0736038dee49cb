//! Robustness end to end: a seeded chaos run, a silent (blackholed) server, and an identity refused
//! with 4401. The app runs with `timing=fast` (every interval divided by ten).

use lpchat_e2e::{eventually, eventually_explained, eventually_within, World, ACCOUNT};
use lpchat_sandbox::FaultPlan;
use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

mod chaos;
mod closes;
mod silence;

const CHAOS_ROUNDS: usize = 150; // each round: one agent message and one typed message
const CHAOS_LIMIT: Duration = Duration::from_secs(240);
/// The timing-sensitive tests do not run beside each other (the chaos run loads both cores).
static TIMING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn duplicates<'a>(texts: impl Iterator<Item = &'a String>) -> usize {
    let mut counts: HashMap<&String, usize> = HashMap::new();
    for t in texts {
        *counts.entry(t).or_default() += 1;
    }
    counts.values().map(|c| c - 1).sum()
}

/// The times (page clock, ms) of every User Timing mark named `name`.
async fn marks(w: &World, name: &str) -> Vec<f64> {
    let js = format!("return performance.getEntriesByName('{name}').map(m => m.startTime);");
    serde_json::from_value(w.page.script(&js).await).unwrap_or_default()
}
