//! Typing to start: with no conversation open, the first message requests one and follows it, in
//! that order, and is never lost or sent twice when the request fails or its socket drops.

mod support;

use lpchat_core::{Command, Delivery, Intent};
use serde_json::{json, Value};
use support::*;

fn delivery_of(h: &Harness, text: &str) -> Option<Delivery> {
    h.view()
        .transcript
        .into_iter()
        .find(|e| e.text == text)
        .and_then(|e| e.delivery)
}

fn key_of(h: &Harness, text: &str) -> u64 {
    h.view()
        .transcript
        .into_iter()
        .find(|e| e.text == text)
        .map(|e| e.key)
        .expect("the message is shown")
}

/// Answers the conversation request; the subscription and then the message follow.
fn conversation_opens(h: &mut Harness, request: &str) -> Value {
    h.respond(request, 200, Some(json!({"conversationId": CONV})));
    let (sub, _) = h.expect_request("ms.SubscribeMessagingEvents");
    let (_, publish) = h.expect_request("ms.PublishEvent");
    h.respond(&sub, 200, None);
    publish
}

/// Waits out the reconnect backoff and signs in again on the new socket, up to the snapshot.
fn reconnect(h: &mut Harness) {
    for _ in 0..100 {
        match h.next_command() {
            Some(Command::OpenSocket { conn, .. }) => {
                h.conn = Some(conn);
                h.input(lpchat_core::Input::WsOpened { conn });
                let (init, _) = h.expect_request("InitConnection");
                h.respond(&init, 200, None);
                let (sub, _) = h.expect_request("cqm.SubscribeExConversations");
                return h.respond(&sub, 200, Some(json!({"subscriptionId": "s2"})));
            }
            Some(other) => panic!("unexpected {other:?}"),
            None => h.advance_to_next_timeout(),
        }
    }
    panic!("no reconnect attempt");
}

fn snapshot(h: &mut Harness, changes: Value) {
    h.frame(
        json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
        "body": {"subscriptionId": "s2", "changes": changes}}),
    );
}

#[test]
fn the_first_message_requests_the_conversation_and_follows_it() {
    let mut h = Harness::ready();
    assert!(
        h.view().can_send,
        "the composer is usable before any conversation"
    );
    h.user(Intent::SendText("Hi, I need help".into()));
    assert_eq!(delivery_of(&h, "Hi, I need help"), Some(Delivery::Pending));
    let (request, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.no_more_commands(); // nothing is published before the conversation exists
    assert_eq!(h.view().status, "Starting a conversation…");
    let publish = conversation_opens(&mut h, &request);
    assert_eq!(publish["body"]["dialogId"], CONV);
    assert_eq!(
        publish["body"]["event"]["message"], "Hi, I need help",
        "the message goes to the conversation it started"
    );
    h.no_more_commands();
}

#[test]
fn messages_typed_while_it_is_requested_follow_in_order() {
    let mut h = Harness::ready();
    h.user(Intent::SendText("first".into()));
    let (request, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.user(Intent::SendText("second".into()));
    h.no_more_commands(); // one request, not two
    let publish = conversation_opens(&mut h, &request);
    assert_eq!(publish["body"]["event"]["message"], "first");
    h.respond(
        publish["id"].as_str().expect("an id"),
        200,
        Some(json!({"sequence": 0})),
    );
    let (_, second) = h.expect_request("ms.PublishEvent");
    assert_eq!(second["body"]["event"]["message"], "second");
}

#[test]
fn a_refused_request_leaves_the_message_to_retry_and_it_is_sent_once() {
    let mut h = Harness::ready();
    h.user(Intent::SendText("Hello?".into()));
    let (request, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.respond(&request, 500, Some(json!("Internal error")));
    assert_eq!(delivery_of(&h, "Hello?"), Some(Delivery::Failed));
    assert!(h.view().alert.is_some(), "the user is told why");
    h.no_more_commands();
    h.user(Intent::Retry(key_of(&h, "Hello?")));
    let (request, _) = h.expect_request("cm.ConsumerRequestConversation");
    let publish = conversation_opens(&mut h, &request);
    assert_eq!(publish["body"]["event"]["message"], "Hello?");
    h.no_more_commands();
}

#[test]
fn a_drop_after_the_server_opened_it_sends_the_message_once_in_that_conversation() {
    let mut h = Harness::ready();
    h.user(Intent::SendText("Are you there?".into()));
    let _ = h.expect_request("cm.ConsumerRequestConversation");
    h.closed(1006); // the answer is lost with the socket; the server had opened the conversation
    reconnect(&mut h);
    snapshot(&mut h, json!([conversation_change("OPEN", None)]));
    let (sub, _) = h.expect_request("ms.SubscribeMessagingEvents");
    let (_, publish) = h.expect_request("ms.PublishEvent");
    assert_eq!(publish["body"]["event"]["message"], "Are you there?");
    h.respond(&sub, 200, None);
    h.no_more_commands(); // no second conversation request, no second publish
}

#[test]
fn a_drop_before_the_server_opened_it_asks_again_then_sends_once() {
    let mut h = Harness::ready();
    h.user(Intent::SendText("Are you there?".into()));
    let _ = h.expect_request("cm.ConsumerRequestConversation");
    h.closed(1006);
    reconnect(&mut h);
    snapshot(&mut h, json!([])); // nothing was opened
    let (request, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.no_more_commands();
    let publish = conversation_opens(&mut h, &request);
    assert_eq!(publish["body"]["event"]["message"], "Are you there?");
    h.no_more_commands();
}
