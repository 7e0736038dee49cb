//! Noticing what arrives in a hidden tab: the title counts the agent's messages not seen yet, and
//! coming back to the tab resets it.

use lpchat_e2e::{eventually, World};
use serde_json::json;

#[tokio::test]
async fn a_hidden_tab_counts_the_agents_messages_in_its_title_until_it_is_seen() {
    let w = World::start().await;
    let chat = w.page.tab().await;
    let id = w.open_conversation(&w.app_url()).await;
    assert_eq!(w.page.script("return document.title").await, "lpchat");
    // Another tab in front: the chat's tab is hidden.
    w.page.open_tab().await;
    w.page.navigate("about:blank").await;
    for text in ["Are you still there?", "I found your order"] {
        assert_eq!(w.control.agent_says(&id, text).await, 200);
    }
    // Its title, read without bringing it to the front (the DevTools list of tabs).
    let title = eventually("the hidden tab's title to count two", || async {
        let targets = w.page.cdp("Target.getTargets", json!({})).await;
        let title = targets["targetInfos"]
            .as_array()?
            .iter()
            .find(|t| t["url"].as_str().is_some_and(|u| u.contains("/lpchat/")))?["title"]
            .as_str()?
            .to_owned();
        (title == "(2) lpchat").then_some(title)
    })
    .await;
    assert_eq!(title, "(2) lpchat");
    // Back on the chat: seen, and the title says so.
    w.page.close_tab(&chat).await;
    w.page.wait_entry("agent", "I found your order").await;
    w.page
        .wait_true("the title to reset", "document.title === 'lpchat'")
        .await;
    w.stop().await;
}

/// Makes the page believe it is hidden (`true`) or shown again, as a browser tells it.
fn visibility(hidden: bool) -> String {
    let state = if hidden { "hidden" } else { "visible" };
    format!(
        "Object.defineProperty(document, 'visibilityState', {{configurable: true, get: () => '{state}'}}); \
         Object.defineProperty(document, 'hidden', {{configurable: true, get: () => {hidden}}}); \
         document.dispatchEvent(new Event('visibilitychange')); return true;"
    )
}

#[tokio::test]
async fn the_tabs_icon_gets_a_badge_while_agent_messages_wait_unseen() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    let icon = "return document.querySelector('link[rel=icon]').getAttribute('href')";
    assert_eq!(w.page.script(icon).await, "favicon.svg");
    w.page.script(&visibility(true)).await;
    assert_eq!(w.control.agent_says(&id, "Are you still there?").await, 200);
    w.page
        .wait_true(
            "the badge",
            "document.querySelector('link[rel=icon]').getAttribute('href') === 'favicon-unread.svg' && document.title === '(1) lpchat'",
        )
        .await;
    w.page.script(&visibility(false)).await;
    w.page
        .wait_true(
            "the plain icon again",
            "document.querySelector('link[rel=icon]').getAttribute('href') === 'favicon.svg' && document.title === 'lpchat'",
        )
        .await;
    let served = w
        .page
        .script_async("fetch('favicon-unread.svg').then(r => done(r.ok && r.headers.get('content-type').includes('svg')))")
        .await;
    assert_eq!(served, true, "both icons are published with the app");
    w.stop().await;
}
