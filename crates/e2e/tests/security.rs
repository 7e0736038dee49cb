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
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
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
        "exactly lpchat's key is gone"
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
