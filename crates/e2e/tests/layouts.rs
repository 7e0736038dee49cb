//! The layouts: desktop light, desktop dark (`prefers-color-scheme`), and a 375 px phone. Each is
//! checked (colours follow the scheme, nothing overflows sideways) and, with
//! `LPCHAT_SCREENSHOTS=<dir>`, photographed for the README.

use lpchat_e2e::World;

async fn layout(args: &[&str], file: &str) -> (bool, i64, i64) {
    let w = World::start_with(args).await;
    w.rich_conversation().await;
    let facts = w
        .page
        .script(
            "return [matchMedia('(prefers-color-scheme: dark)').matches,
                     document.documentElement.scrollWidth, window.innerWidth,
                     getComputedStyle(document.querySelector('.lp-chat')).backgroundColor];",
        )
        .await;
    if let Some(dir) = std::env::var_os("LPCHAT_SCREENSHOTS") {
        let path = std::path::Path::new(&dir).join(file);
        std::fs::write(&path, w.page.screenshot().await).expect("the screenshot is written");
    }
    let dark = facts[0].as_bool().unwrap_or(false);
    let background = facts[3].as_str().unwrap_or_default().to_owned();
    // The chat's surface is dark exactly when the scheme is.
    let rgb: Vec<u32> = background
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    assert_eq!(rgb.len(), 3, "{background}");
    assert_eq!(rgb.iter().sum::<u32>() < 3 * 128, dark, "{background}");
    w.stop().await;
    (
        dark,
        facts[1].as_i64().unwrap_or(i64::MAX),
        facts[2].as_i64().unwrap_or(0),
    )
}

#[tokio::test]
async fn desktop_light_desktop_dark_and_a_375_px_phone() {
    let (dark, scroll, width) = layout(&["--window-size=1100,1000"], "screenshot.png").await;
    assert!(!dark);
    assert!(scroll <= width);
    let (dark, scroll, width) = layout(
        &[
            "--window-size=1100,1000",
            "--blink-settings=preferredColorScheme=0",
        ],
        "screenshot-dark.png",
    )
    .await;
    assert!(dark, "the dark scheme is emulated");
    assert!(scroll <= width);
    let (_, scroll, width) = layout(&["mobile=375x740"], "screenshot-mobile.png").await;
    assert!(width <= 375, "a phone-sized window: {width}");
    assert!(
        scroll <= width,
        "nothing overflows sideways at 375 px: {scroll} > {width}"
    );
}

#[tokio::test]
async fn hebrew_mirrors_the_layout_and_agent_text_keeps_its_direction() {
    let w = World::start().await;
    let (origin, csds) = (w.sandbox.origin(), w.sandbox.domain_origin());
    let url = format!(
        "{origin}/lpchat/?account={}&csds={csds}&lang=he",
        lpchat_e2e::ACCOUNT
    );
    w.page.open(&url).await;
    let root = w
        .page
        .script("return [document.documentElement.lang, document.documentElement.dir]")
        .await;
    assert_eq!(root, serde_json::json!(["he", "rtl"]));
    w.page.click("התחברות").await;
    w.page.wait_status("מחובר").await;
    w.page.click("התחלת שיחה").await;
    w.page.wait_status("השיחה פתוחה").await;
    let id = w.open_conversation_id().await;
    w.page.send_message_in("הודעה", "שלום, אני צריך עזרה").await;
    assert_eq!(
        w.control.agent_says(&id, "Hello! How can I help?").await,
        200
    );
    w.page.wait_entry("agent", "Hello! How can I help?").await;
    // Mirrored: the user's bubble on the left, the agent's on the right; text keeps its own direction.
    let sides = w
        .page
        .script(
            "const c = document.querySelector('.lp-entry--consumer').getBoundingClientRect();
             const a = document.querySelector('.lp-entry--agent').getBoundingClientRect();
             const text = document.querySelector('.lp-entry--agent .lp-entry__text');
             return [c.left < a.left, text.getAttribute('dir'), getComputedStyle(text).direction,
                     document.querySelector('.lp-entry--consumer .lp-visually-hidden').textContent];",
        )
        .await;
    assert_eq!(
        sides[0], true,
        "the user's messages sit on the left in Hebrew"
    );
    assert_eq!(sides[1], "auto", "agent text takes its own direction");
    assert_eq!(
        sides[2], "ltr",
        "English agent text reads left to right in a right-to-left page"
    );
    assert_eq!(sides[3], "את/ה: ");
    if let Some(dir) = std::env::var_os("LPCHAT_SCREENSHOTS") {
        let path = std::path::Path::new(&dir).join("screenshot-hebrew.png");
        std::fs::write(&path, w.page.screenshot().await).expect("the screenshot is written");
    }
    w.stop().await;
}

#[tokio::test]
async fn consecutive_messages_of_one_author_are_grouped_with_one_time() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    w.page.send_message("One").await;
    w.page.wait_sent("One").await;
    w.page.send_message("Two").await;
    w.page.wait_sent("Two").await;
    for text in ["Three", "Four"] {
        assert_eq!(w.control.agent_says(&id, text).await, 200);
        w.page.wait_entry("agent", text).await;
    }
    // Which messages show a time, and the gaps between the bubbles.
    let shown = w
        .page
        .script(
            "const rows = [...document.querySelectorAll('.lp-entry--consumer, .lp-entry--agent')];
             const time = li => { const t = li.querySelector('.lp-entry__time'); return !!t && getComputedStyle(t).display !== 'none'; };
             const gap = (a, b) => b.getBoundingClientRect().top - a.getBoundingClientRect().bottom;
             return {times: rows.map(time), within: gap(rows[0], rows[1]), between: gap(rows[1], rows[2])};",
        )
        .await;
    assert_eq!(
        shown["times"],
        serde_json::json!([false, true, false, true]),
        "one time a group, under its last message: {shown}"
    );
    let (within, between) = (
        shown["within"].as_f64().unwrap_or(f64::NAN),
        shown["between"].as_f64().unwrap_or(f64::NAN),
    );
    assert!(
        within < between,
        "a group sits closer together than two authors: {within} vs {between}"
    );
    w.stop().await;
}
