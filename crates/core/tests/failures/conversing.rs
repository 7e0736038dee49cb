//! Failures once connected: the conversation refused or answered without an id, a publish refused
//! or unanswered, frames that are late, unknown or foreign, a disconnect, a missing snapshot.

use super::*;

#[test]
fn a_rejected_conversation_request_is_explained_and_can_be_retried() {
    let mut h = Harness::ready();
    h.user(Intent::StartConversation);
    let (id, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.respond(
        &id,
        400,
        Some(json!("There is already an open conversation")),
    );
    assert_eq!(alert(&h), "Starting a conversation: the server answered with code 400 (There is already an open conversation). Press Start conversation to try again.");
    assert!(h.view().can_start_conversation);
    assert_eq!(h.view().status, "Connected");
}

#[test]
fn a_conversation_answer_without_an_id_is_an_error() {
    let mut h = Harness::ready();
    h.user(Intent::StartConversation);
    let (id, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.respond(&id, 200, None);
    assert!(alert(&h).contains("no conversation id"));
    h.no_more_commands();
}

#[test]
fn a_rejected_publish_marks_the_message_failed() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("one".into()));
    let (id, _) = h.expect_request("ms.PublishEvent");
    h.respond(&id, 400, Some(json!("The dialog is closed")));
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Failed)
    );
    assert!(alert(&h).starts_with("Sending the message"));
}

#[test]
fn an_unanswered_publish_means_a_dead_socket_and_the_message_waits_for_the_next_one() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("two".into()));
    h.expect_request("ms.PublishEvent");
    h.advance_to_next_timeout();
    assert!(matches!(
        h.next_command(),
        Some(lpchat_core::Command::CloseSocket { code: 4000, .. })
    ));
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Pending)
    );
    assert!(h.view().status.starts_with("Reconnecting in "));
}

#[test]
fn late_unknown_and_foreign_frames_change_nothing() {
    // Ids are opaque: the stale ones are ones this session gave out and has finished with, a socket
    // it closed and a request that was answered.
    let mut h = Harness::new();
    h.connect();
    let (domains, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(domains, 200, &Harness::domains_body());
    h.answer_sign_in();
    let (closed, _) = h.expect_open();
    h.user(Intent::Disconnect);
    while h.next_command().is_some() {}
    h.connect();
    h.open_and_subscribe();
    h.frame(
        json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
        "body": {"subscriptionId": "s1", "changes": []}}),
    );
    h.no_more_commands();
    let before = h.view();
    assert!(before.can_start_conversation, "{}", before.status);
    h.respond("999", 200, Some(json!({"conversationId": "other"})));
    h.frame(json!("garbage"));
    h.input(Input::WsFrame {
        conn: closed,
        text: "{}".into(),
    });
    h.input(Input::WsClosed {
        conn: closed,
        code: 1006,
        reason: String::new(),
    });
    h.input(Input::HttpDone {
        id: domains,
        result: Err(lpchat_core::NetError::Unreachable),
    });
    assert_eq!(h.view(), before);
    h.no_more_commands();
}

#[test]
fn disconnect_closes_the_socket_and_ignores_what_comes_after() {
    let mut h = Harness::open_conversation();
    h.user(Intent::Disconnect);
    assert!(matches!(
        h.next_command(),
        Some(lpchat_core::Command::CloseSocket { code: 1000, .. })
    ));
    assert_eq!(h.view().status, "Disconnected");
    assert!(h.view().can_connect);
    h.closed(1000);
    assert_eq!(
        h.view().alert,
        None,
        "the close we asked for is not an error"
    );
}

#[test]
fn a_missing_snapshot_does_not_block_starting_a_conversation() {
    // A stored identity may have conversations, so the snapshot is awaited, but not forever.
    let mut h = Harness::subscribed_with_stored_identity();
    assert!(!h.view().can_start_conversation);
    h.advance_to_next_timeout();
    assert!(h.view().can_start_conversation);
}
