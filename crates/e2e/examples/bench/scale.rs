//! Long conversations in headless Chromium: replaying a history of N events on subscribe, appending
//! one message at N (median of 50), and memory (JS heap + wasm linear memory) at N.

use lpchat_e2e::{eventually_within, World};
use lpchat_sandbox::FaultPlan;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);
/// Latency while reloading, so the page's probe is installed long before the replay arrives.
const RELOAD_LATENCY_MS: u64 = 300;
const APPENDS: usize = 50;

/// What one history size measured.
pub struct Scale {
    pub events: u32,
    /// First replayed frame handled → the newest entry on screen.
    pub replay_ms: f64,
    /// Median over 50 of: the agent's message's frame arrives (`lpchat:message`) → its row in the DOM.
    pub append_dom_ms: f64,
    /// … → the end of the animation frame that paints the row.
    pub append_painted_ms: f64,
    pub heap_bytes: f64,
    pub wasm_bytes: f64,
    /// Entries in the DOM after the replay (the window).
    pub rendered: u64,
}

/// Installs (once) an observer that records when an entry with `text` is on screen; returns that
/// time, -1 if it was there before the observer, or null while waiting.
fn probe_js(text: &str) -> String {
    let text = serde_json::to_string(text).unwrap_or_default();
    format!(
        "const text = {text};
         const present = () => Array.from(document.querySelectorAll('.lp-entry__text')).some(e => e.textContent === text);
         if (!window.__probe) {{
           window.__probe = {{ done: present() ? -1 : null }};
           if (window.__probe.done === null) new MutationObserver((_, o) => {{
             if (present()) {{ window.__probe.done = performance.now(); o.disconnect(); }}
           }}).observe(document.body, {{ childList: true, subtree: true, characterData: true }});
         }}
         return window.__probe.done;"
    )
}

/// Posts the agent's messages from the page one after the other, each 20 to 36 ms after the previous
/// one was painted, and records for each how long it took from the frame's arrival (the first
/// `lpchat:message` mark after the post) to the row in the DOM and to the end of the frame that
/// painted it.
fn appends_js(conversation: &str) -> String {
    let path = serde_json::to_string(&format!("/control/conversations/{conversation}/messages"))
        .unwrap_or_default();
    format!(
        "const path = {path};
         const log = document.querySelector('[role=log]');
         const a = window.__append = {{ dom: [], painted: [], pending: null, done: false }};
         let i = 0;
         const next = () => {{
           if (i === {APPENDS}) {{ a.done = true; return; }}
           const text = 'append ' + (i++);
           a.pending = {{ text, t0: performance.now() }};
           fetch(path, {{ method: 'POST', headers: {{ 'content-type': 'application/json' }}, body: JSON.stringify({{ text }}) }});
         }};
         const arrival = t0 => performance.getEntriesByName('lpchat:message').map(m => m.startTime).find(t => t >= t0);
         new MutationObserver(() => {{
           const p = a.pending; if (!p) return;
           const items = log.querySelectorAll('.lp-entry__text');
           if (items.length && items[items.length - 1].textContent === p.text) {{
             a.pending = null;
             const inDom = performance.now(), at = arrival(p.t0);
             requestAnimationFrame(() => {{
               const c = new MessageChannel();
               c.port1.onmessage = () => {{
                 // No arrival mark: -1, which the check below reports.
                 a.dom.push(at === undefined ? -1 : inDom - at);
                 a.painted.push(at === undefined ? -1 : performance.now() - at);
                 setTimeout(next, 20 + (i * 7) % 17);
               }};
               c.port2.postMessage(0);
             }});
           }}
         }}).observe(log, {{ childList: true, subtree: true, characterData: true }});
         next();"
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// A conversation with `events` agent messages, replayed into a freshly loaded page.
pub async fn measure(events: u32) -> Scale {
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.click("Disconnect").await;
    w.page.wait_status("Disconnected").await;
    assert_eq!(
        w.control
            .agent_says_many(&conversation, "hist", Some(events))
            .await,
        200
    );
    w.control
        .set_faults(&FaultPlan {
            latency_ms: RELOAD_LATENCY_MS,
            ..FaultPlan::default()
        })
        .await;
    w.page.reload().await;
    let last = format!("hist {events}");
    let shown = eventually_within(LIMIT, "the replayed history", || async {
        w.page.script(&probe_js(&last)).await.as_f64()
    })
    .await;
    assert!(shown > 0.0, "the history was on screen before the probe");
    let first = w
        .page
        .script("const m = performance.getEntriesByName('lpchat:history'); return m.length ? m[0].startTime : null;")
        .await
        .as_f64()
        .unwrap_or(f64::NAN);
    let rendered = w
        .page
        .script("return document.querySelectorAll('[role=log] li').length")
        .await
        .as_u64()
        .unwrap_or(0);
    w.control.set_faults(&FaultPlan::default()).await;
    w.page.script(&appends_js(&conversation)).await;
    let (dom, painted): (Vec<f64>, Vec<f64>) =
        eventually_within(LIMIT, "the appended messages", || async {
            let a = w.page.script("return window.__append").await;
            a["done"].as_bool().filter(|d| *d)?;
            Some((
                serde_json::from_value(a["dom"].clone()).ok()?,
                serde_json::from_value(a["painted"].clone()).ok()?,
            ))
        })
        .await;
    assert_eq!(painted.len(), APPENDS, "every append was timed");
    assert!(
        dom.iter()
            .chain(&painted)
            .all(|t| t.is_finite() && *t >= 0.0),
        "every append has a frame arrival before its row: {dom:?}"
    );
    let memory = w
        .page
        .script("if (window.gc) gc(); return [performance.memory.usedJSHeapSize, lpchatWasmMemoryBytes()];")
        .await;
    w.stop().await;
    Scale {
        events,
        replay_ms: shown - first,
        append_dom_ms: median(dom),
        append_painted_ms: median(painted),
        heap_bytes: memory[0].as_f64().unwrap_or(f64::NAN),
        wasm_bytes: memory[1].as_f64().unwrap_or(f64::NAN),
        rendered,
    }
}
