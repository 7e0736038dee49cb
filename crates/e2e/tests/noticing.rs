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

/// Records the notifications and sounds the page makes, and answers its permission request.
const RECORD: &str = "window.__notes = []; window.__sounds = []; \
    window.Notification = function (title, options) { window.__notes.push([title, options.body]); }; \
    window.Notification.requestPermission = () => { window.__asked = (window.__asked || 0) + 1; return Promise.resolve('granted'); }; \
    HTMLMediaElement.prototype.play = function () { window.__sounds.push(this.getAttribute('src')); return Promise.resolve(); }; \
    return true;";

#[tokio::test]
async fn with_the_users_opt_in_an_agent_message_in_a_hidden_tab_is_announced_with_a_sound() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    w.page.script(RECORD).await;
    // Not asked for: nothing is announced, and no permission is asked.
    w.page.script(&visibility(true)).await;
    assert_eq!(w.control.agent_says(&id, "Before the opt-in").await, 200);
    w.page
        .wait_true("the title to count it", "document.title === '(1) lpchat'")
        .await;
    w.page.script(&visibility(false)).await;
    w.page.wait_entry("agent", "Before the opt-in").await;
    let quiet = w
        .page
        .script("return [window.__notes.length, window.__asked || 0]")
        .await;
    assert_eq!(quiet, json!([0, 0]), "nothing without the opt-in");
    // The opt-in: Settings (from the menu), the box; permission is asked in that click.
    w.page.click("Settings").await;
    w.page
        .script("document.querySelector('input[name=notify]').click(); return true;")
        .await;
    w.page
        .wait_true("the permission asked", "window.__asked === 1")
        .await;
    w.page.script(&visibility(true)).await;
    assert_eq!(
        w.control.agent_says(&id, "Your parcel is on its way").await,
        200
    );
    w.page
        .wait_true("the notification", "window.__notes.length === 1")
        .await;
    let made = w
        .page
        .script("return [window.__notes[0][1], window.__sounds]")
        .await;
    assert_eq!(made, json!(["Your parcel is on its way", ["notify.wav"]]));
    // Seen: no notification for what arrives while the page is in front.
    w.page.script(&visibility(false)).await;
    assert_eq!(w.control.agent_says(&id, "Anything else?").await, 200);
    w.page.wait_entry("agent", "Anything else?").await;
    assert_eq!(w.page.script("return window.__notes.length").await, 1);
    let wav = w
        .page
        .script_async("fetch('notify.wav').then(r => done(r.ok))")
        .await;
    assert_eq!(wav, true, "the sound is published with the app");
    w.stop().await;
}
