//! An accessibility audit with axe-core (the npm package `scripts/setup` installs; its path is
//! `LPCHAT_AXE`) in the main states: idle, error, connected, a conversation with messages and a
//! card, the survey, the list of past conversations and one of them read. Any violation fails the test, listed with its nodes.

use lpchat_e2e::{
    axe::{audit, source as axe_source},
    World,
};
use serde_json::{json, Value};

#[tokio::test]
async fn axe_finds_no_violations_in_the_main_states() {
    let axe = axe_source();
    let w = World::start().await;
    let mut found = Vec::new();
    // Idle.
    w.page.open(&w.app_url()).await;
    found.extend(audit(&w.page, &axe, "idle").await);
    // An error: an account that is not a number.
    w.page.fill("Account number", "not-a-number").await;
    w.page.click("Connect").await;
    w.page.wait_alert("account").await;
    found.extend(audit(&w.page, &axe, "error").await);
    // Connected, then a conversation with messages, a card and quick replies.
    w.page.fill("Account number", lpchat_e2e::ACCOUNT).await;
    w.page.click("Connect").await;
    w.page.wait_status("Connected").await;
    found.extend(audit(&w.page, &axe, "connected").await);
    w.page.click("Start conversation").await;
    w.page.wait_status("Conversation open").await;
    let id = w.open_conversation_id().await;
    w.page
        .send_message("Hello, I need help with my order")
        .await;
    w.page.wait_sent("Hello, I need help with my order").await;
    assert_eq!(
        w.control.agent_says(&id, "Of course! Which one?").await,
        200
    );
    let card = json!({"type": "RichContentEvent", "content": {"type": "vertical", "elements": [
        {"type": "text", "text": "Order 1234", "style": {"bold": true}},
        {"type": "button", "title": "Track it", "click": {"actions": [{"type": "publishText", "text": "Track 1234"}]}},
        {"type": "button", "title": "Help centre", "click": {"actions": [{"type": "link", "uri": "https://example.com/help"}]}}
    ]}, "quickReplies": {"type": "quickReplies", "replies": [
        {"type": "button", "title": "Yes", "click": {"actions": [{"type": "publishText", "text": "Yes"}]}},
        {"type": "button", "title": "No", "click": {"actions": [{"type": "publishText", "text": "No"}]}}
    ]}});
    assert_eq!(w.control.agent_event(&id, card).await, 200);
    w.page
        .wait_true(
            "the card and quick replies",
            "document.querySelectorAll('.lp-card, .lp-reply').length >= 3",
        )
        .await;
    w.page.click("Frames").await;
    found.extend(audit(&w.page, &axe, "conversation").await);
    w.page.click("Frames").await;
    // The survey.
    w.control.set_surveys(true).await;
    w.page.click("End conversation").await;
    w.page.wait_status("Post-conversation survey").await;
    // The survey's question and its answers (quick replies 5 … 1) are on screen before the audit.
    w.page
        .wait_true(
            "the survey's quick replies",
            "['5', '4', '3', '2', '1'].every(n => [...document.querySelectorAll('.lp-reply')].some(b => b.textContent.trim() === n))",
        )
        .await;
    found.extend(audit(&w.page, &axe, "survey").await);
    // Past conversations: the list, then the closed one read.
    w.page.click("Skip survey").await;
    w.page.wait_status("Conversation closed").await;
    w.page.click("Past conversations").await;
    w.page
        .wait_true(
            "the past conversation listed",
            "document.querySelector('.lp-past:not([hidden]) .lp-past__item')",
        )
        .await;
    found.extend(audit(&w.page, &axe, "past conversations").await);
    w.page
        .script("document.querySelector('.lp-past__item').click(); return true;")
        .await;
    w.page
        .wait_entry("consumer", "Hello, I need help with my order")
        .await;
    found.extend(audit(&w.page, &axe, "a past conversation").await);
    w.stop().await;
    let ids: Vec<&Value> = found.iter().map(|v| &v["id"]).collect();
    assert!(found.is_empty(), "axe violations: {ids:?} (details above)");
}
