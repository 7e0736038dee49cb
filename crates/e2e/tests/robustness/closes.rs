//! Closes with a code: 4401 renews the identity, 1011 keeps it and the conversation.

use super::*;

#[tokio::test]
async fn a_refused_identity_is_renewed_and_the_user_is_told_the_old_conversation_ended() {
    let w = World::start().await;
    // A signup identity (the account has no connector flow): it cannot be renewed as the same
    // consumer (PROTOCOL.md §2.4); a connector identity can (tests/signin.rs).
    w.sandbox.world.set_sign_in_policy(
        ACCOUNT,
        lpchat_sandbox::SignInPolicy {
            signup: true,
            unauthenticated: false,
        },
    );
    w.open_conversation(&w.app_url_fast()).await;
    w.page.send_message("with my first identity").await;
    w.page.wait_sent("with my first identity").await;
    w.control.expire_tokens().await;
    w.control.close_sockets(4401).await;
    let note = eventually("the user to be told", || async {
        w.page
            .transcript()
            .await
            .into_iter()
            .find(|e| e.author == "system" && e.text.contains("code 4401"))
    })
    .await;
    assert!(
        note.text.contains("cannot see this conversation"),
        "{}",
        note.text
    );
    w.page.wait_status("Connected").await;
    assert!(w.page.is_enabled("Start conversation").await);
    w.page
        .wait_entry("consumer", "with my first identity")
        .await; // the old transcript stays
    w.page.click("Start conversation").await;
    w.page.wait_status("Conversation open").await;
    let consumers: std::collections::HashSet<String> = w
        .control
        .conversations()
        .await
        .into_iter()
        .map(|c| c.consumer_id)
        .collect();
    assert_eq!(
        consumers.len(),
        2,
        "the new conversation belongs to a new identity"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_server_error_close_keeps_the_identity_and_the_conversation() {
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url_fast()).await;
    w.page.send_message("before the server error").await;
    w.page.wait_sent("before the server error").await;
    // 1011 is a server error, not an authentication failure (PROTOCOL.md §3.5).
    w.control.close_sockets(1011).await;
    w.page.send_message("after the server error").await;
    w.page.wait_sent("after the server error").await;
    let conversations = w.control.conversations().await;
    assert_eq!(
        conversations.len(),
        1,
        "still the one conversation: {conversations:?}"
    );
    let c = &conversations[0];
    assert_eq!(
        (c.id.as_str(), c.state.as_str()),
        (conversation.as_str(), "OPEN")
    );
    let texts: Vec<&str> = c.messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["before the server error", "after the server error"]);
    let notes: Vec<String> = w
        .page
        .transcript()
        .await
        .into_iter()
        .filter(|e| e.author == "system")
        .map(|e| e.text)
        .collect();
    assert!(
        notes.iter().all(|n| !n.contains("identity")),
        "nothing says the identity was lost: {notes:?}"
    );
    w.stop().await;
}
