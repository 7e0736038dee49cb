//! The first second: index.html paints the app's first screen before any WebAssembly has loaded,
//! says in a `<noscript>` what the page needs, and the app takes its place without moving it.

use lpchat_e2e::World;
use serde_json::json;

/// Where the status line is, and whether the static first screen shows.
const LAYOUT: &str = "const shell = document.querySelector('.lp-shell'); \
    const status = [...document.querySelectorAll('.lp-status')].find(s => s.offsetParent !== null); \
    return {shell: shell !== null && getComputedStyle(shell).display !== 'none', \
            status: status ? status.textContent : null, \
            statusTop: status ? status.getBoundingClientRect().top : null, \
            buttons: document.querySelectorAll('button').length, \
            noscript: (document.querySelector('noscript') || {}).textContent || ''}";

#[tokio::test]
async fn the_first_screen_paints_before_the_webassembly_and_the_app_takes_its_place() {
    let w = World::start().await;
    // The WebAssembly never arrives: what shows is index.html alone.
    w.page.cdp("Network.enable", json!({})).await;
    w.page
        .cdp("Network.setBlockedURLs", json!({"urls": ["*.wasm"]}))
        .await;
    w.page.navigate(&w.app_url()).await;
    let before = w.page.script(LAYOUT).await;
    assert_eq!(
        before["shell"], true,
        "the static first screen shows: {before}"
    );
    assert_eq!(before["status"], "Loading…");
    assert_eq!(before["buttons"], 0, "nothing in it can be used");
    assert!(
        before["noscript"]
            .as_str()
            .is_some_and(|t| t.contains("JavaScript and WebAssembly")),
        "the page says what it needs: {before}"
    );
    // With the WebAssembly, the app replaces it where it stood.
    w.page
        .cdp("Network.setBlockedURLs", json!({"urls": []}))
        .await;
    w.page.open(&w.app_url()).await;
    let after = w.page.script(LAYOUT).await;
    assert_eq!(after["shell"], false, "the app hides it: {after}");
    assert_eq!(after["status"], "Not connected");
    let moved = (before["statusTop"].as_f64().unwrap_or(f64::NAN)
        - after["statusTop"].as_f64().unwrap_or(f64::NAN))
    .abs();
    assert!(
        moved <= 2.0,
        "the header does not jump: the status line moved {moved} px ({before} → {after})"
    );
    w.stop().await;
}
