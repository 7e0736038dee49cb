//! Security in the browser: the Content Security Policy is in force and the app works under it.

use lpchat_e2e::{eventually, World};

#[tokio::test]
async fn the_content_security_policy_is_in_force_and_blocks_injected_handlers() {
    let w = World::start().await;
    w.open_conversation(&w.app_url()).await; // the whole app works under the policy
    let policy = w
        .page
        .script("return document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
        .await;
    let policy = policy.as_str().expect("a policy").to_owned();
    for directive in [
        "script-src 'self' 'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'none'",
        "default-src 'none'",
        "frame-src 'self';",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(
        !policy.contains("nonce") && !policy.contains("unsafe-inline"),
        "a release build allows no inline script at all: {policy}"
    );
    let inline_scripts = w
        .page
        .script("return document.querySelectorAll('script:not([src])').length")
        .await;
    assert_eq!(inline_scripts, 0, "no inline script is needed");
    // An injected inline handler is refused by the browser (and reported as a violation).
    w.page
        .script(
            "window.__violations = [];
             document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
             document.body.insertAdjacentHTML('beforeend', '<img src=\"x.png\" onerror=\"window.__lpchat_pwned = 1\">');
             const s = document.createElement('script'); s.textContent = 'window.__lpchat_pwned = 2'; document.body.append(s);",
        )
        .await;
    let violations = eventually("the browser to report the blocked injections", || async {
        let v: Vec<String> =
            serde_json::from_value(w.page.script("return window.__violations").await).ok()?;
        (v.len() >= 2).then_some(v)
    })
    .await;
    assert!(
        violations.iter().any(|d| d.starts_with("script-src")),
        "{violations:?}"
    );
    assert!(
        violations
            .iter()
            .any(|d| d.starts_with("img-src") || d.starts_with("script-src-attr")),
        "{violations:?}"
    );
    assert_eq!(
        w.page
            .script("return window.__lpchat_pwned === undefined")
            .await,
        true
    );
    w.stop().await;
}

#[tokio::test]
async fn forget_me_removes_only_lpchats_keys_and_a_new_visit_is_a_new_consumer() {
    let w = World::start().await;
    w.open_conversation(&w.app_url()).await;
    w.page.send_message("remember me?").await;
    w.page.wait_sent("remember me?").await;
    w.page
        .script("localStorage.setItem('another-app.theme', 'dark')")
        .await;
    w.page
        .script("document.querySelector('details.lp-settings').open = true")
        .await;
    w.page.click("Forget me").await;
    w.page
        .wait_status("Forgotten: this browser keeps nothing for this account")
        .await;
    let keys = w.page.script("return Object.keys(localStorage)").await;
    assert_eq!(
        keys,
        serde_json::json!(["another-app.theme"]),
        "exactly lpchat's keys are gone"
    );
    let address = w.page.script("return location.search").await;
    assert!(
        !address.as_str().unwrap_or_default().contains("account="),
        "the address no longer names the account: {address}"
    );
    assert!(w.page.transcript().await.is_empty());
    w.page.reload().await;
    assert_eq!(
        w.page.status().await,
        "Not connected",
        "nothing resumes after forgetting"
    );
    w.stop().await;
}

/// Hostile text from the "agent" (through the control API) and hostile frames (sent raw).
#[tokio::test]
async fn an_attack_corpus_executes_nothing_links_nothing_and_the_conversation_goes_on() {
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.click("Frames").await;
    let texts = [
        "<script>window.__lpchat_pwned = 1</script>".to_owned(),
        "<img src=x onerror=\"window.__lpchat_pwned = 2\">".to_owned(),
        "javascript:window.__lpchat_pwned = 3".to_owned(),
        "<a href=\"javascript:window.__lpchat_pwned = 4\">click me</a>".to_owned(),
        "</style><style>* { display: none !important }</style>".to_owned(),
        "bidi \u{202E}txt.exe and controls \u{0007}\u{0008}\u{001b}[31m".to_owned(),
        "x".repeat(1_000_000),
    ];
    for text in &texts {
        assert_eq!(w.control.agent_says(&conversation, text).await, 200);
    }
    let c = &conversation;
    let raw = [
        // A lone surrogate in a JSON escape.
        format!(
            r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[{{"sequence":900,"dialogId":"{c}","event":{{"type":"ContentEvent","contentType":"text/plain","message":"\ud800 lone"}}}}]}}}}"#
        ),
        // Deeply nested JSON.
        format!("{}{}", "[".repeat(50_000), "]".repeat(50_000)),
        // Numbers where strings belong and the reverse.
        r#"{"kind":"resp","reqId":{"nested":1},"code":"200","body":7}"#.to_owned(),
        r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"sequence":"901","dialogId":42,"event":{"type":"ContentEvent","message":{"not":"text"}}}]}}"#.to_owned(),
        // A card with a script link and an SVG data image: rendered, but inert (a disabled button with its
        // title as text, no link, no image).
        format!(
            r#"{{"kind":"notification","type":"ms.MessagingEventNotification","body":{{"changes":[{{"sequence":902,"originatorId":"agent","dialogId":"{c}","event":{{"type":"RichContentEvent","content":{{"type":"vertical","elements":[{{"type":"button","title":"<b>Pay</b>","click":{{"actions":[{{"type":"link","uri":"javascript:window.__lpchat_pwned=5"}}]}}}},{{"type":"image","url":"data:image/svg+xml,<svg onload=alert(1)>"}}]}}}}}}]}}}}"#
        ),
        "not json at all \u{0000}".to_owned(),
    ];
    for frame in &raw {
        w.control.send_raw(frame).await;
    }
    // The page stays responsive: a message still goes out and is acknowledged.
    w.page.send_message("still working").await;
    w.page.wait_sent("still working").await;
    for text in &texts[..6] {
        w.page.wait_entry("agent", text).await; // shown as text, exactly
    }
    let long = w
        .page
        .transcript()
        .await
        .into_iter()
        .find(|e| e.text.starts_with("xxxx"))
        .expect("the long message");
    assert!(long
        .text
        .ends_with("[shortened: the message has 1000000 characters]"));
    let findings = w
        .page
        .script(
            "const log = document.querySelector('[role=log]');
             return {
               pwned: window.__lpchat_pwned === undefined ? null : window.__lpchat_pwned,
               elements: log.querySelectorAll('script, img, a, style, iframe, object, svg').length,
               scriptLinks: document.querySelectorAll('a[href^=\"javascript:\" i], [src^=\"data:\" i]').length,
               card: Array.from(log.querySelectorAll('.lp-card .lp-card__button')).map(b => [b.textContent, b.disabled, b.tagName]),
               unreadable: Array.from(document.querySelectorAll('section[aria-label=Frames] summary')).filter(s => s.textContent.includes('(unreadable frame)')).length,
               hidden: getComputedStyle(log).display
             };",
        )
        .await;
    assert_eq!(
        findings["pwned"],
        serde_json::Value::Null,
        "nothing executed: {findings}"
    );
    assert_eq!(
        findings["elements"], 0,
        "no element was created from network text: {findings}"
    );
    assert_eq!(
        findings["scriptLinks"], 0,
        "no script or data link exists: {findings}"
    );
    assert!(
        findings["unreadable"].as_u64().unwrap() >= 3,
        "bad frames are reported in the inspector: {findings}"
    );
    assert_eq!(
        findings["card"],
        serde_json::json!([["<b>Pay</b>", true, "BUTTON"]]),
        "the hostile card is shown, its title as text and its script link as a disabled button: {findings}"
    );
    assert_ne!(findings["hidden"], "none", "injected CSS did not apply");
    assert_eq!(w.page.status().await, "Conversation open");
    w.stop().await;
}
