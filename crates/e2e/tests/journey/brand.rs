//! A consumer signed in by the brand is the same consumer in another browser session.

use super::*;

#[tokio::test]
async fn a_brand_signed_in_consumer_finds_their_conversation_in_another_browser_session() {
    let w = World::start().await;
    let token = w.control.brand_token("alice").await;
    let sign_in = || async {
        w.page
            .script("document.querySelector('details.lp-settings').open = true")
            .await;
        w.page.fill("Authentication token or code", &token).await;
        w.page.click("Connect").await;
    };
    w.page.open(&w.app_url()).await;
    sign_in().await;
    w.page.click("Start conversation").await;
    w.page.wait_status("Conversation open").await;
    w.page.send_message("Hello, I am Alice").await;
    w.page.wait_sent("Hello, I am Alice").await;
    // Another browser session: nothing stored, the same brand sign-in.
    w.page.script("localStorage.clear()").await;
    w.page.reload().await;
    sign_in().await;
    w.page.wait_status("Conversation open").await;
    w.page
        .wait_entry("system", "Continuing your open conversation")
        .await;
    w.page.wait_entry("consumer", "Hello, I am Alice").await;
    let all = w.control.conversations().await;
    assert_eq!(
        all.len(),
        1,
        "the same conversation, found again by the same identity"
    );
    assert_eq!(all[0].consumer_id.len(), 64);
    let stored = w
        .page
        .script("return localStorage.getItem('lpchat.v1.account.12345678')")
        .await;
    assert!(
        !stored.as_str().unwrap_or_default().contains(&token),
        "the brand token is not stored"
    );
    w.stop().await;
}
