//! `scripts/check-live-reload`: the page served by `trunk serve` (development build, live reload on)
//! runs trunk's inline reload script under the page's Content Security Policy, and an edit reloads
//! it. Argument: the page's URL. Run by ./scripts/test after `trunk serve` is up.
//!
//! Checks: the policy allows exactly the nonce trunk put on its script (and no inline script
//! otherwise); the script runs and its socket works, which a refused script could not do (an edit of
//! `style/main.css` reloads the page); the reloaded page is the app again, with a fresh nonce allowed.
//! The stylesheet is restored on every exit path.

use lpchat_e2e::{eventually_within, Browser, ChatPage};
use std::{path::PathBuf, process::ExitCode, time::Duration};

const RELOAD_LIMIT: Duration = Duration::from_secs(240);

/// Puts the stylesheet back as it was when dropped.
struct Restore(PathBuf, String);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.0, &self.1);
    }
}

async fn check(page: &ChatPage, url: &str) -> Result<String, String> {
    page.open(url).await;
    let facts = page
        .script(
            "const policy = document.querySelector('meta[http-equiv=Content-Security-Policy]').content;
             const inline = Array.from(document.querySelectorAll('script:not([src])'));
             window.__before_reload = true;
             return [policy, inline.length, inline.map(s => s.nonce)];",
        )
        .await;
    let policy = facts[0].as_str().unwrap_or_default().to_owned();
    let nonces: Vec<String> = serde_json::from_value(facts[2].clone()).unwrap_or_default();
    if facts[1] != 1 || nonces.len() != 1 || nonces[0].len() < 8 {
        return Err(format!(
            "expected trunk's one inline reload script with a nonce, found {facts}"
        ));
    }
    let allowed = format!("'nonce-{}'", nonces[0]);
    if !policy.contains(&format!("script-src 'self' {allowed}")) {
        return Err(format!(
            "the policy does not allow the reload script's nonce: {policy}"
        ));
    }
    if policy.contains("unsafe-inline") || policy.matches("'nonce-").count() != 1 {
        return Err(format!(
            "the policy allows more than that one script: {policy}"
        ));
    }
    let css = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../style/main.css");
    let original = std::fs::read_to_string(&css).map_err(|e| format!("{}: {e}", css.display()))?;
    let _restore = Restore(css.clone(), original.clone());
    let started = std::time::Instant::now();
    std::fs::write(
        &css,
        format!("{original}\n/* scripts/check-live-reload */\n"),
    )
    .map_err(|e| format!("{}: {e}", css.display()))?;
    eventually_within(RELOAD_LIMIT, "the page to reload after the edit", || async {
        let v = page
            .script("return window.__before_reload === undefined && !!document.querySelector('form.lp-connect')")
            .await;
        v.as_bool().filter(|b| *b)
    })
    .await;
    let reloaded = started.elapsed();
    // The reloaded page is the app again (its own scripts ran under the policy), with a fresh nonce.
    let after = page
        .script(
            "const s = Array.from(document.querySelectorAll('script:not([src])'));
             return [document.querySelector('meta[http-equiv=Content-Security-Policy]').content, s.map(x => x.nonce)];",
        )
        .await;
    let fresh: Vec<String> = serde_json::from_value(after[1].clone()).unwrap_or_default();
    let policy_after = after[0].as_str().unwrap_or_default();
    match fresh.as_slice() {
        [n] if n != &nonces[0] && policy_after.contains(&format!("'nonce-{n}'")) => {}
        _ => {
            return Err(format!(
                "the reloaded page's nonce is not fresh and allowed: {after}"
            ))
        }
    }
    Ok(format!(
        "live-reload: the page reloaded {} ms after an edit, its reload script allowed by nonce only",
        reloaded.as_millis()
    ))
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: live_reload <url of trunk serve>");
        return ExitCode::from(64);
    };
    let page = ChatPage::new(Browser::start().await);
    let result = check(&page, &url).await;
    page.close().await;
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("live-reload: {why}");
            ExitCode::FAILURE
        }
    }
}
