//! The rich conversation end to end: typing, receipts both ways, a card's button, the survey with
//! quick replies.

use lpchat_e2e::{eventually, World};
use serde_json::json;

const TYPING_SHOWN: &str = "document.querySelector('.lp-typing').textContent.includes('typing')";

#[tokio::test]
async fn the_agent_typing_is_shown_until_the_agent_writes() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    let composing = json!({"type": "ChatStateEvent", "chatState": "COMPOSING"});
    assert_eq!(w.control.agent_event(&id, composing).await, 204);
    w.page.wait_true("the typing indicator", TYPING_SHOWN).await;
    assert_eq!(w.control.agent_says(&id, "Here I am").await, 200);
    w.page.wait_entry("agent", "Here I am").await;
    w.page
        .wait_true("the indicator to go", &format!("!({TYPING_SHOWN})"))
        .await;
    w.stop().await;
}

#[tokio::test]
async fn receipts_go_both_ways() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    // The agent's message is accepted and, shown on a visible page, read by lpchat.
    assert_eq!(w.control.agent_says(&id, "Did you get this?").await, 200);
    let receipts = eventually("lpchat's ACCEPT and READ", || async {
        let c = w.control.conversation(&id).await?;
        let mine: Vec<String> = c
            .receipts
            .iter()
            .filter(|r| r.role == "CONSUMER")
            .map(|r| r.status.clone())
            .collect();
        (mine.contains(&"ACCEPT".to_owned()) && mine.contains(&"READ".to_owned())).then_some(c)
    })
    .await;
    let agent_message = receipts
        .messages
        .iter()
        .find(|m| m.text == "Did you get this?")
        .map(|m| m.sequence);
    assert!(receipts
        .receipts
        .iter()
        .all(|r| Some(r.sequence_list.clone()) == agent_message.map(|s| vec![s])));
    // The user's message: sent, then delivered, then read, as the agent's receipts arrive.
    w.page.send_message("Yes, thanks").await;
    w.page.wait_sent("Yes, thanks").await;
    let delivery = |want: &'static str| {
        let w = &w;
        async move {
            eventually(&format!("the message to be {want}"), || async {
                w.page
                    .transcript()
                    .await
                    .into_iter()
                    .find(|e| e.text == "Yes, thanks" && e.delivery == want)
            })
            .await
        }
    };
    assert_eq!(w.control.agent_receipts(&id, "ACCEPT").await, 200);
    delivery("Delivered").await;
    assert_eq!(w.control.agent_receipts(&id, "READ").await, 200);
    delivery("Read").await;
    w.stop().await;
}

#[tokio::test]
async fn a_cards_button_sends_the_action_receipt_and_the_text_with_its_metadata() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    let card = json!({"type": "RichContentEvent", "content": {"type": "vertical", "elements": [
        {"type": "text", "text": "Which plan?", "style": {"bold": true}},
        {"type": "button", "title": "Premium", "click": {
            "metadata": [{"type": "ExternalId", "id": "plan-premium"}],
            "actions": [{"type": "publishText", "text": "I'd like Premium"}]}},
        {"type": "button", "title": "Compare", "click": {"actions": [{"type": "link", "uri": "https://example.com/plans"}]}}
    ]}});
    assert_eq!(w.control.agent_event(&id, card).await, 200);
    w.page
        .wait_true("the card", "document.querySelector('.lp-card') !== null")
        .await;

    w.page.click("Premium").await;
    w.page.wait_sent("I'd like Premium").await;
    let c = eventually("the ACTION receipt and the text at the agent", || async {
        let c = w.control.conversation(&id).await?;
        let action = c.receipts.iter().any(|r| r.status == "ACTION");
        let text = c.messages.iter().any(|m| m.text == "I'd like Premium");
        (action && text).then_some(c)
    })
    .await;
    let action = c.receipts.iter().find(|r| r.status == "ACTION").unwrap();
    assert_eq!(action.role, "CONSUMER");
    assert_eq!(action.metadata[0].as_external_id(), Some("plan-premium"));
    let text = c
        .messages
        .iter()
        .find(|m| m.text == "I'd like Premium")
        .unwrap();
    assert_eq!(
        text.metadata[0].as_external_id(),
        Some("plan-premium"),
        "the click's metadata travels with the text (frame 39)"
    );
    let link = w
        .page
        .script("return document.querySelector('.lp-card a').getAttribute('href')")
        .await;
    assert_eq!(link, "https://example.com/plans");
    w.stop().await;
}

#[tokio::test]
async fn ending_starts_the_survey_whose_quick_replies_answer_it() {
    let w = World::start().await;
    w.control.set_surveys(true).await;
    let id = w.open_conversation(&w.app_url()).await;
    w.page.click("End conversation").await;
    w.page.wait_status("Post-conversation survey").await;
    eventually("the survey's quick replies", || async {
        let n = w
            .page
            .script("return document.querySelectorAll('.lp-reply').length")
            .await
            .as_u64()?;
        (n == 5).then_some(())
    })
    .await;
    assert!(w.page.is_enabled("Skip survey").await);
    w.page.click("4").await;
    w.page.wait_status("Conversation closed").await;
    let c = w.control.conversation(&id).await.expect("the conversation");
    let answer = c.survey.iter().find(|m| m.text == "4").expect("the answer");
    assert_eq!(answer.metadata[0].kind, "Answer");
    assert!(
        c.receipts
            .iter()
            .any(|r| r.status == "ACTION" && r.metadata.first().is_some_and(|m| m.kind == "Answer")),
        "the ACTION receipt carries the answer's metadata (frame 37)"
    );
    let replies = w
        .page
        .script("return document.querySelectorAll('.lp-reply').length")
        .await;
    assert_eq!(replies, 0, "quick replies go away once used");
    w.stop().await;
}
