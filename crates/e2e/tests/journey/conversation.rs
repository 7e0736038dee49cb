//! A conversation from Connect to the agent's close, continued across a disconnect and a reload.

use super::*;

#[tokio::test]
async fn consumer_and_agent_hold_a_conversation() {
    let w = World::start().await;
    w.page.open(&w.app_url()).await;
    w.page.click("Connect").await;
    w.page.wait_status("Connected").await;
    assert!(
        w.page.is_enabled("Start conversation").await,
        "the explicit start stays"
    );
    // Typing to start: the first message requests the conversation and follows it, no extra click.
    w.page.send_message("My first message").await;
    w.page.wait_status("Conversation open").await;
    let conversation = eventually("the agent to receive the message", || async {
        w.control.conversations().await.into_iter().find(|c| {
            c.messages
                .iter()
                .any(|m| m.role == "CONSUMER" && m.text == "My first message")
        })
    })
    .await;
    assert_eq!(conversation.account, ACCOUNT);
    // The form is folded into the header during the chat: no Connect, no Disconnect on screen
    // (Disconnect and End conversation wait in the menu).
    assert!(
        !w.page.is_shown("Connect").await,
        "Connect is not on screen"
    );
    assert!(!w.page.is_shown("Disconnect").await, "nor Disconnect");
    let mine = w.page.wait_entry("consumer", "My first message").await;
    w.page.wait_sent("My first message").await;
    assert_eq!(mine.author, "consumer");

    assert_eq!(
        w.control
            .agent_says(&conversation.id, "Hello, how can I help?")
            .await,
        200
    );
    w.page.wait_entry("agent", "Hello, how can I help?").await;

    w.page.click("End conversation").await;
    w.page.wait_status("Conversation closed").await;
    w.page
        .wait_entry("system", "You ended the conversation")
        .await;
    let closed = w.control.conversations().await;
    assert_eq!(closed[0].state, "CLOSE");
    assert_eq!(closed[0].close_reason.as_deref(), Some("CONSUMER"));
    let consumer_entries = w
        .page
        .transcript()
        .await
        .into_iter()
        .filter(|e| e.author == "consumer")
        .count();
    assert_eq!(
        consumer_entries, 1,
        "the server's echo of my message is not shown twice"
    );
    w.stop().await;
}

#[tokio::test]
async fn the_agent_closing_the_conversation_is_shown() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    assert_eq!(w.control.agent_closes(&id).await, 204);
    w.page.wait_status("Conversation closed").await;
    w.page
        .wait_entry("system", "The agent ended the conversation")
        .await;
    assert!(
        w.page.is_enabled("Start conversation").await,
        "a new conversation can be started"
    );
    assert!(w.page.is_enabled("Send").await, "or started by writing");
    w.stop().await;
}

#[tokio::test]
async fn disconnecting_and_connecting_again_continues_the_conversation_without_gaps_or_duplicates()
{
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.send_message("Before the break").await;
    w.page.wait_sent("Before the break").await;
    w.page.click("Disconnect").await;
    w.page.wait_status("Disconnected").await;
    assert_eq!(
        w.control
            .agent_says(&conversation, "Said while you were away")
            .await,
        200
    );
    w.page.click("Connect").await;
    w.page.wait_status("Conversation open").await;
    w.page.wait_entry("agent", "Said while you were away").await;
    let texts: Vec<String> = w
        .page
        .transcript()
        .await
        .into_iter()
        .filter(|e| e.author != "system")
        .map(|e| e.text)
        .collect();
    assert_eq!(
        texts,
        ["Before the break", "Said while you were away"],
        "nothing lost, nothing twice"
    );
    assert_eq!(
        w.control.conversations().await.len(),
        1,
        "no second conversation was requested"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_reload_continues_the_same_consumer_and_conversation_without_a_click() {
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.send_message("Before the reload").await;
    w.page.wait_sent("Before the reload").await;
    w.page.reload().await;
    w.page.wait_status("Conversation open").await;
    w.page.wait_entry("consumer", "Before the reload").await;
    assert_eq!(
        w.control.agent_says(&conversation, "Welcome back").await,
        200
    );
    w.page.wait_entry("agent", "Welcome back").await;
    let texts: Vec<String> = w
        .page
        .transcript()
        .await
        .into_iter()
        .filter(|e| e.author != "system")
        .map(|e| e.text)
        .collect();
    assert_eq!(texts, ["Before the reload", "Welcome back"]);
    let all = w.control.conversations().await;
    assert_eq!(all.len(), 1, "the same conversation, not a new one");
    let stored: String = serde_json::from_value(
        w.page
            .script("return JSON.stringify(Object.keys(localStorage).sort())")
            .await,
    )
    .unwrap();
    assert_eq!(
        stored, "[\"lpchat.v1.account.12345678\",\"lpchat.v1.last\"]",
        "the account's record and the account last used, under keys of our own"
    );
    w.stop().await;
}
