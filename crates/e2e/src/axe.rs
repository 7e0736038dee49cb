//! axe-core (the npm package `scripts/setup` installs; its path is `LPCHAT_AXE`), run in the page
//! under test for an accessibility audit (WCAG 2.x A and AA).

use crate::{eventually, ChatPage};
use serde_json::Value;

/// axe-core's script.
pub fn source() -> String {
    let path = std::env::var("LPCHAT_AXE").unwrap_or_else(|_| {
        let home = std::env::var("HOME").unwrap_or_default();
        format!("{home}/.cache/lpchat-tools/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core at {path} ({e}): run ./scripts/setup"))
}

/// Runs axe on the page and returns its violations, printing each with its nodes (`state` names
/// what is audited).
pub async fn audit(page: &ChatPage, axe: &str, state: &str) -> Vec<Value> {
    audit_with(page, axe, state, "{}").await
}

/// The same with more of axe's options (a JavaScript object literal): `{ iframes: false }` for a
/// page whose frames are another origin's, audited on their own.
pub async fn audit_with(page: &ChatPage, axe: &str, state: &str, options: &str) -> Vec<Value> {
    page.script(&format!("{axe}\n;window.__axe = null; axe.run(document, Object.assign({{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }} }}, {options})).then(r => window.__axe = r.violations, e => window.__axe = [{{ id: 'axe-error', help: String(e) }}]); return true;"))
        .await;
    let violations = eventually(&format!("axe to finish ({state})"), || async {
        let v = page.script("return window.__axe").await;
        v.as_array().cloned()
    })
    .await;
    for v in &violations {
        let nodes: Vec<&Value> = v["nodes"]
            .as_array()
            .map(|n| n.iter().map(|n| &n["html"]).collect())
            .unwrap_or_default();
        println!("axe ({state}): {} — {} — {nodes:?}", v["id"], v["help"]);
    }
    violations
}
