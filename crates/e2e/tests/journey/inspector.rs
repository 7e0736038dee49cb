//! The frame inspector: InitConnection as sent, with the token redacted.

use super::*;

#[tokio::test]
async fn the_frame_inspector_shows_init_connection_with_the_token_redacted() {
    let w = World::start().await;
    w.open_conversation(&w.app_url()).await;
    w.page.click("Frames").await;
    let frames = eventually("the inspector to list frames", || async {
        let v = w
            .page
            .script("return Array.from(document.querySelectorAll('section[aria-label=Frames] .lp-frame')).map(li => ({summary: li.querySelector('summary').textContent, json: li.querySelector('pre').textContent, direction: li.dataset.direction}))")
            .await;
        let frames: Vec<serde_json::Value> = serde_json::from_value(v).ok()?;
        (frames.len() >= 6).then_some(frames)
    })
    .await;
    let init = frames
        .iter()
        .find(|f| f["summary"].as_str().unwrap().contains("InitConnection"))
        .expect("InitConnection is listed");
    assert_eq!(init["direction"], "sent");
    let json = init["json"].as_str().unwrap();
    assert!(json.contains("<redacted>"), "{json}");
    // ClientProperties from the real browser (headless Chromium on Linux), pictures declared.
    for property in [
        r#""deviceFamily": "DESKTOP""#,
        r#""os": "LINUX""#,
        r#""browser": "CHROME""#,
        r#""browserVersion": ""#,
        r#""PHOTO_SHARING""#,
    ] {
        assert!(json.contains(property), "{property} in {json}");
    }
    let stored = w.page.stored_record(ACCOUNT).await;
    let jwt = stored["jwt"].as_str().expect("the identity is stored");
    assert!(
        !json.contains(jwt)
            && !frames
                .iter()
                .any(|f| f["json"].as_str().unwrap().contains(jwt)),
        "the token is never shown"
    );
    let answered = frames
        .iter()
        .any(|f| f["direction"] == "received" && f["summary"].as_str().unwrap().contains(" ms)"));
    assert!(answered, "responses carry their round-trip time");
    let marks = w.page.script("return performance.getEntriesByType('mark').map(m => m.name).filter(n => n.startsWith('lpchat:'))").await;
    let marks: Vec<String> = serde_json::from_value(marks).unwrap();
    for step in [
        "lpchat:connect",
        "lpchat:domains",
        "lpchat:identity",
        "lpchat:socket-open",
        "lpchat:signed-in",
        "lpchat:ready",
        "lpchat:conversation-open",
    ] {
        assert!(marks.iter().any(|m| m == step), "{step} in {marks:?}");
    }
    let timeline = w.page.script("return Array.from(document.querySelectorAll('.lp-timeline__name')).map(e => e.textContent)").await;
    assert_eq!(
        timeline[0], "connect",
        "the connection timeline is shown: {timeline}"
    );
    w.page.fill("Filter frames by type", "PublishEvent").await;
    w.page.send_message("filtered").await;
    eventually("only publishes to be listed", || async {
        let n = w.page.script("return Array.from(document.querySelectorAll('section[aria-label=Frames] summary')).map(s => s.textContent)").await;
        let summaries: Vec<String> = serde_json::from_value(n).ok()?;
        (!summaries.is_empty() && summaries.iter().all(|s| s.contains("PublishEvent"))).then_some(())
    })
    .await;
    // "Copy as JSON" puts the listed (filtered) frames on the clipboard as a JSON array, token-free.
    // The page's clipboard is replaced by a recorder: headless Chromium has no clipboard to read.
    w.page
        .script("window.__copied = null; navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); };")
        .await;
    w.page.click("Copy as JSON").await;
    let copied = eventually("the frames to be copied", || async {
        w.page
            .script("return window.__copied")
            .await
            .as_str()
            .map(str::to_owned)
    })
    .await;
    let copied: Vec<serde_json::Value> =
        serde_json::from_str(&copied).unwrap_or_else(|e| panic!("JSON ({e}): {copied}"));
    assert!(!copied.is_empty(), "the listed frames are copied");
    let text = serde_json::to_string(&copied).unwrap_or_default();
    assert!(
        text.contains("PublishEvent") && text.contains("filtered"),
        "{text}"
    );
    assert!(
        !text.contains("InitConnection") && !text.contains(jwt),
        "only the filtered frames, and never the token: {text}"
    );
    w.stop().await;
}
