//! lpchat on a brand's page (embed.js, docs/EMBED.md): a page on another loopback origin than the
//! app's, with the one script tag and a policy that allows only lpchat's origin for scripts and
//! frames. The launcher is found by its accessible name and opens the panel; a conversation runs in
//! it against the sandbox; with the panel closed, agent messages raise the badge; reopening clears
//! it; Escape closes and gives the focus back; the next page of the site keeps the conversation;
//! messages of a foreign origin or an unknown shape change nothing; axe finds nothing on the page
//! with the launcher, with the panel open, or in the panel. With `LPCHAT_SCREENSHOTS=<dir>`, the
//! page with the open panel is photographed for the README.

use lpchat_e2e::{
    axe,
    host::{HostSite, LAUNCHER, PANEL},
    World, BASE_PATH,
};

const NAME: &str = "Chat with us";

/// Whether the focus, in the brand's page, is on the launcher.
const ON_LAUNCHER: &str = "document.activeElement === document.querySelector('[data-lpchat]') && document.querySelector('[data-lpchat]').shadowRoot.activeElement === launcher";

async fn site(w: &World) -> HostSite {
    HostSite::start(w.sandbox.origin(), w.sandbox.domain_origin()).await
}

#[tokio::test]
async fn a_brands_page_opens_lpchat_in_a_panel_with_a_badge_while_it_is_closed() {
    let w = World::start_with(&["--window-size=1200,820"]).await;
    let site = site(&w).await;
    let axe_js = axe::source();

    // The page without the snippet, then with it: one global more, `lpchat`. (A script first, so
    // that what WebDriver itself leaves in a page, chromedriver's `ret_nodes`, counts as the page's.)
    w.page.navigate(&site.url("plain")).await;
    w.page.script("return document.title").await;
    let before = w
        .page
        .script("return Object.getOwnPropertyNames(window)")
        .await;
    w.page.navigate(&site.url("one")).await;
    let (name, badge, open) = w.page.wait_launcher("the launcher", "true").await;
    assert_eq!((name.as_str(), badge.as_str(), open), (NAME, "", false));
    let added = w
        .page
        .script(&format!(
            "const before = new Set({before}); return Object.getOwnPropertyNames(window).filter(n => !before.has(n) && !/^\\d+$/.test(n));"
        ))
        .await;
    assert_eq!(
        added,
        serde_json::json!(["lpchat"]),
        "embed.js defines one global"
    );
    // The accessible name as assistive technology gets it (Chromium's accessibility tree).
    let tree = w
        .page
        .cdp("Accessibility.getFullAXTree", serde_json::json!({}))
        .await;
    let named = tree["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|n| n["role"]["value"] == "button" && n["name"]["value"] == NAME);
    assert!(named, "a button named {NAME:?} in the accessibility tree");
    let found = axe::audit_with(&w.page, &axe_js, "the launcher", "{ iframes: false }").await;
    assert!(found.is_empty(), "axe on the brand's page: {found:?}");

    // Open: the panel, with the app inside, which connects and starts a conversation by typing.
    w.page.click_launcher().await;
    let (_, _, open) = w
        .page
        .wait_launcher(
            "the panel to open",
            "panel.classList.contains('open') && launcher.getAttribute('aria-expanded') === 'true'",
        )
        .await;
    assert!(open);
    w.page.enter_panel().await;
    assert!(
        w.page.is_shown("Close the chat").await,
        "the panel's header has its close control"
    );
    w.page.send_message("Hello from the shop").await;
    w.page.wait_status("Conversation open").await;
    w.page.wait_sent("Hello from the shop").await;
    let id = w.open_conversation_id().await;
    w.control.agent_says(&id, "Welcome! How can I help?").await;
    w.page.wait_entry("agent", "Welcome! How can I help?").await;
    let found = axe::audit(&w.page, &axe_js, "the app in the panel").await;
    assert!(found.is_empty(), "axe in the panel: {found:?}");
    w.page.leave_panel().await;
    let found = axe::audit_with(&w.page, &axe_js, "the open panel", "{ iframes: false }").await;
    assert!(
        found.is_empty(),
        "axe on the page with the panel open: {found:?}"
    );
    if let Some(dir) = std::env::var_os("LPCHAT_SCREENSHOTS") {
        let path = std::path::Path::new(&dir).join("screenshot-embed.png");
        std::fs::write(&path, w.page.screenshot().await).expect("the screenshot is written");
    }

    // Escape in the app closes the panel and the focus returns to the launcher.
    w.page.enter_panel().await;
    w.page
        .textbox("Message")
        .await
        .send_keys("\u{E00C}")
        .await
        .expect("Escape");
    w.page.leave_panel().await;
    w.page
        .wait_launcher(
            "the panel to close, the focus on the launcher",
            &format!("!panel.classList.contains('open') && {ON_LAUNCHER}"),
        )
        .await;

    // Closed: the agent writes twice; the badge counts.
    w.control.agent_says(&id, "Your order shipped").await;
    w.control.agent_says(&id, "It arrives tomorrow").await;
    let (name, badge, _) = w
        .page
        .wait_launcher("a badge of 2", "!launcher.querySelector('.badge').hidden && launcher.querySelector('.badge').textContent === '2'")
        .await;
    assert_eq!(
        (name.as_str(), badge.as_str()),
        ("Chat with us, 2 unread messages", "2")
    );

    // Messages of a foreign origin or another shape change nothing. To the launcher: the page's own
    // origin is not the app's (a sentinel posted after them says when they were all handled).
    let after = w
        .page
        .script_async(&format!(
            "for (const m of [{{lpchat: 1, type: 'unread', count: 99}}, {{lpchat: 1, type: 'close'}}]) window.postMessage(m, '*');
             addEventListener('message', e => {{ if (e.data === 'sentinel') done({LAUNCHER}.querySelector('.badge').textContent); }});
             window.postMessage('sentinel', '*');"
        ))
        .await;
    assert_eq!(after, "2", "the page's own messages are not the app's");
    // To the app: from its own origin (not the page's), and from the page in unknown shapes. Had one
    // been taken for "the panel is shown", the app would count nothing more.
    let app_origin = w.sandbox.origin();
    w.page
        .script(&format!(
            "const frame = {PANEL}.querySelector('iframe').contentWindow;
             for (const m of [{{lpchat: 1, type: 'shown', shown: 'yes'}}, {{lpchat: 2, type: 'shown', shown: true}}, {{lpchat: 1, type: 'open', shown: true}}, {{type: 'shown', shown: true}}, JSON.stringify({{lpchat: 1, type: 'shown', shown: true}}), 'shown', 1, null])
               frame.postMessage(m, '{app_origin}');"
        ))
        .await;
    w.page.enter_panel().await;
    w.page
        .script("window.postMessage({lpchat: 1, type: 'shown', shown: true}, '*');")
        .await;
    w.page.leave_panel().await;
    w.control.agent_says(&id, "Anything else?").await;
    w.page
        .wait_launcher("a badge of 3", "launcher.querySelector('.badge').textContent === '3' && !launcher.querySelector('.badge').hidden")
        .await;

    // Reopening clears the badge; the messages are there.
    w.page.click_launcher().await;
    w.page
        .wait_launcher(
            "the panel open, no badge",
            "panel.classList.contains('open') && launcher.querySelector('.badge').hidden",
        )
        .await;
    w.page.enter_panel().await;
    w.page.wait_entry("agent", "Anything else?").await;
    // Its close control closes it too.
    w.page.click("Close the chat").await;
    w.page.leave_panel().await;
    let (name, badge, open) = w
        .page
        .wait_launcher(
            "the panel to close from its header",
            &format!("!panel.classList.contains('open') && {ON_LAUNCHER}"),
        )
        .await;
    assert_eq!(
        (name.as_str(), badge.as_str(), open),
        (NAME, "", false),
        "read while open: nothing to count"
    );

    // The next page: the panel was closed, so it stays closed; open it, the conversation goes on.
    w.page.navigate(&site.url("two")).await;
    w.page
        .wait_launcher(
            "the launcher on the next page",
            "!panel.classList.contains('open')",
        )
        .await;
    w.page.click_launcher().await;
    w.page.enter_panel().await;
    w.page.wait_status("Conversation open").await;
    w.page.wait_entry("consumer", "Hello from the shop").await;
    w.page.wait_entry("agent", "Anything else?").await;
    w.page.leave_panel().await;
    // Left open, it is open on the next page, with the same conversation.
    w.page.navigate(&site.url("one")).await;
    w.page
        .wait_launcher(
            "the panel open on arrival",
            "panel.classList.contains('open')",
        )
        .await;
    w.page.enter_panel().await;
    w.page.send_message("Thanks!").await;
    w.page.wait_sent("Thanks!").await;
    w.page.leave_panel().await;
    assert_eq!(
        w.control.conversations().await.len(),
        1,
        "one conversation across the pages"
    );
    assert_eq!(w.open_conversation_id().await, id);
    w.stop().await;
}

#[tokio::test]
async fn the_panel_fills_a_phone_and_a_snippet_without_an_account_adds_nothing() {
    let w = World::start_with(&["mobile=390x844"]).await;
    let site = site(&w).await;
    w.page.navigate(&site.url("one")).await;
    w.page.wait_launcher("the launcher", "true").await;
    w.page.click_launcher().await;
    w.page
        .wait_launcher(
            "the panel to fill the screen, the launcher hidden",
            "panel.classList.contains('open') && (r => r.left === 0 && r.top === 0 && r.width === innerWidth && r.height === innerHeight)(panel.getBoundingClientRect()) && launcher.getClientRects().length === 0",
        )
        .await;
    w.page.enter_panel().await;
    w.page.click("Close the chat").await;
    w.page.leave_panel().await;
    w.page
        .wait_launcher(
            "the panel closed, the launcher back",
            "!panel.classList.contains('open') && launcher.getClientRects().length > 0",
        )
        .await;

    // Without data-account: no launcher, no global, no error in the page.
    w.page.navigate(&site.url("bare")).await;
    w.page
        .script("window.__errors = []; addEventListener('error', e => __errors.push(String(e.message)));")
        .await;
    let seen = w
        .page
        .script_async(&format!(
            "const s = document.createElement('script'); s.src = '{}{BASE_PATH}embed.js?again'; s.onload = () => done([!!document.querySelector('[data-lpchat]'), typeof window.lpchat, window.__errors]); document.body.append(s);",
            w.sandbox.origin()
        ))
        .await;
    assert_eq!(seen, serde_json::json!([false, "undefined", []]));

    // The app opened at the top with a claimed embedder that is not who opened it: not embedded.
    w.page
        .open(&format!("{}&embed=http://127.0.0.1:9", w.app_url()))
        .await;
    assert!(!w.page.is_shown("Close the chat").await);
    w.stop().await;
}
