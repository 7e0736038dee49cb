//! After the conversation: the survey answered, the rating given where the page asks for it.

use super::*;

#[tokio::test]
async fn after_the_agent_closes_a_survey_is_answered_and_the_conversation_ends() {
    let w = World::start().await;
    w.control.set_surveys(true).await;
    let conversation = w.open_conversation(&w.app_url()).await;
    assert_eq!(
        w.control.agent_says(&conversation, "Anything else?").await,
        200
    );
    w.page.wait_entry("agent", "Anything else?").await;
    assert_eq!(w.control.agent_closes(&conversation).await, 204);
    w.page.wait_status("Post-conversation survey").await;
    w.page
        .wait_entry(
            "agent",
            "How satisfied are you with this conversation? Answer 1 to 5.",
        )
        .await;
    w.page.send_message("5").await;
    w.page
        .wait_entry("agent", "Thank you for your feedback.")
        .await;
    w.page.wait_status("Conversation closed").await;
    let c = w.control.conversation(&conversation).await.unwrap();
    assert_eq!(c.stage, "CLOSE");
    assert!(
        c.survey
            .iter()
            .any(|m| m.role == "CONSUMER" && m.text == "5"),
        "the answer went to the survey dialog"
    );
    assert!(
        c.messages.iter().all(|m| m.text != "5"),
        "not to the closed main dialog"
    );
    w.stop().await;
}

#[tokio::test]
async fn where_the_page_asks_the_consumer_rates_the_closed_conversation() {
    let w = World::start().await;
    let id = w
        .open_conversation(&format!("{}&csat=1", w.app_url()))
        .await;
    assert_eq!(w.control.agent_closes(&id).await, 204);
    w.page
        .wait_true(
            "the rating",
            "document.querySelector('.lp-rating:not([hidden]) input[type=checkbox]')",
        )
        .await;
    w.page
        .script("document.querySelector('.lp-rating input[type=checkbox]').click(); return true;")
        .await;
    w.page.click("5 of 5").await;
    w.page
        .wait_entry("system", "Thank you for your rating")
        .await;
    let rated = w.control.conversation(&id).await.expect("the conversation");
    assert_eq!((rated.csat, rated.csat_resolved), (Some(5), Some(true)));
    w.stop().await;
}
