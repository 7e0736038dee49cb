//! The whole consumer flow, step by step, in the documented order.

mod support;

use lpchat_core::{Delivery, HttpMethod, Input, Intent};
use serde_json::json;
use support::*;

#[test]
fn the_consumer_flow_happens_in_the_documented_order() {
    let mut h = Harness::new();
    assert!(h.view().can_connect);
    h.connect();
    let (id, url) = h.expect_http(HttpMethod::Get); // after the (empty) stored record was read
    assert_eq!(h.view().status, "Fetching domains…");
    assert_eq!(
        url,
        "https://api.test/api/account/12345678/service/baseURI.json?version=1.0"
    );
    h.no_more_commands();

    h.http_reply(id, 200, &Harness::domains_body());
    let (id, url) = h.expect_http(HttpMethod::Post);
    assert_eq!(url, "https://va.idp.test/api/account/12345678/signup");
    assert_eq!(h.view().status, "Getting a consumer identity…");

    h.http_reply(id, 200, &json!({"jwt": jwt()}).to_string());
    assert_eq!(h.session.consumer_id(), Some(SUB));
    let (conn, url) = h.expect_open();
    assert_eq!(
        url,
        "wss://va.msg.test/ws_api/account/12345678/messaging/consumer?v=3"
    );
    h.no_more_commands();

    h.input(Input::WsOpened { conn });
    let (init, frame) = h.expect_request("InitConnection");
    assert_eq!(frame["headers"][0]["type"], ".ams.headers.ClientProperties");
    assert_eq!(
        frame["headers"][1]["type"],
        ".ams.headers.ConsumerAuthentication"
    );
    assert_eq!(frame["headers"][1]["jwt"], jwt());
    h.no_more_commands(); // nothing else before InitConnection is answered

    h.respond(&init, 200, None);
    let (sub, frame) = h.expect_request("cqm.SubscribeExConversations");
    assert_eq!(frame["body"]["convState"], json!(["OPEN", "CLOSE"]));
    // An identity issued a moment ago has no conversations: no need to wait for the snapshot
    // (one round trip less on a cold start).
    assert_eq!(h.view().status, "Connected");
    assert!(h.view().can_start_conversation);
    h.respond(&sub, 200, Some(json!({"subscriptionId": "s1"})));
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"subscriptionId":"s1","changes":[]}}));
    assert_eq!(h.view().status, "Connected");
    assert!(h.view().can_start_conversation);
    assert!(
        h.view().can_send,
        "a first message would start the conversation"
    );

    h.user(Intent::StartConversation);
    let (req, frame) = h.expect_request("cm.ConsumerRequestConversation");
    assert!(
        frame.get("body").is_none(),
        "the minimal request has no body"
    );
    assert_eq!(h.view().status, "Starting a conversation…");
    h.respond(&req, 200, Some(json!({"conversationId": CONV})));
    let (subm, frame) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(frame["body"]["dialogId"], CONV);
    assert_eq!(frame["body"]["fromSeq"], 0);
    h.respond(&subm, 200, None);
    assert_eq!(h.view().status, "Conversation open");
    assert!(h.view().can_send && h.view().can_end_conversation);

    h.user(Intent::SendText("  My first message ".into()));
    let (publish, frame) = h.expect_request("ms.PublishEvent");
    assert_eq!(frame["body"]["dialogId"], CONV);
    assert_eq!(
        frame["body"]["event"],
        json!({"type":"ContentEvent","contentType":"text/plain","message":"My first message"})
    );
    let mine = h.view().transcript.last().cloned().unwrap();
    assert_eq!(
        (mine.text.as_str(), mine.delivery),
        ("My first message", Some(Delivery::Pending))
    );
    h.respond(&publish, 200, Some(json!({"sequence": 0})));
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Sent)
    );

    // The server echoes our message (originator = JWT sub) and the agent answers.
    h.messages(json!([
        {"sequence": 0, "originatorId": SUB, "serverTimestamp": 5, "event": {"type":"ContentEvent","contentType":"text/plain","message":"My first message"}, "dialogId": CONV},
        {"sequence": 1, "originatorId": "agent-1", "originatorMetadata": {"id":"agent-1","role":"ASSIGNED_AGENT"}, "serverTimestamp": 6, "event": {"type":"ContentEvent","contentType":"text/plain","message":"Hi!"}, "dialogId": CONV},
        {"originatorId": "agent-1", "event": {"type":"ChatStateEvent","chatState":"COMPOSING"}, "dialogId": CONV}
    ]));
    assert_eq!(
        h.entries(),
        vec![
            ("system".into(), "Conversation started".into()),
            ("consumer".into(), "My first message".into()),
            ("agent".into(), "Hi!".into()),
        ]
    );

    h.user(Intent::EndConversation);
    let (close, frame) = h.expect_request("cm.UpdateConversationField");
    assert_eq!(frame["body"]["conversationId"], CONV);
    assert_eq!(
        frame["body"]["conversationField"],
        json!([{"field":"DialogChange","type":"UPDATE","dialog":{"dialogId":CONV,"state":"CLOSE","closedCause":"Closed by consumer"}}]),
        "the main dialog is closed (frame 33), so a survey may follow"
    );
    assert_eq!(h.view().status, "Ending the conversation…");
    h.respond(
        &close,
        200,
        Some(json!("OK Conversation resolved successfully")),
    );
    // The conversation change says what follows the close: here, the end (no survey).
    assert_eq!(h.view().status, "Ending the conversation…");
    assert!(!h.view().can_send, "nothing is sent while it ends");
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[conversation_change("CLOSE", Some("CONSUMER"))]}}));
    assert_eq!(h.view().status, "Conversation closed");
    assert!(h.view().can_start_conversation);
    assert_eq!(
        h.entries().last().unwrap(),
        &("system".to_owned(), "You ended the conversation".to_owned())
    );
    assert_eq!(h.entries().iter().filter(|(a, _)| a == "system").count(), 2);
    assert_eq!(h.view().alert, None);
    h.no_more_commands();
}

#[test]
fn request_ids_are_unique_strings() {
    let mut h = Harness::open_conversation();
    let mut ids = std::collections::HashSet::new();
    for i in 0..5 {
        h.user(Intent::SendText(format!("m{i}")));
        let (id, _) = h.expect_request("ms.PublishEvent");
        h.respond(&id, 200, Some(json!({"sequence": i})));
        assert!(ids.insert(id));
    }
}

#[test]
fn an_open_conversation_is_continued_instead_of_requesting_a_second() {
    let mut h = Harness::new();
    h.ready_with(json!([conversation_change("OPEN", None)]));
    let (_, frame) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(frame["body"]["dialogId"], CONV);
    assert_eq!(frame["body"]["fromSeq"], 0);
    h.no_more_commands();
    assert_eq!(h.view().status, "Conversation open");
    assert!(!h.view().can_start_conversation);
    h.user(Intent::StartConversation);
    h.no_more_commands();
}

#[test]
fn the_agent_closing_the_conversation_is_reported() {
    let mut h = Harness::open_conversation();
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[conversation_change("CLOSE", Some("AGENT"))]}}));
    assert_eq!(h.view().status, "Conversation closed");
    assert_eq!(
        h.entries().last().unwrap(),
        &(
            "system".to_owned(),
            "The agent ended the conversation".to_owned()
        )
    );
    assert!(!h.view().can_end_conversation);
    assert!(h.view().can_start_conversation);
}

#[test]
fn a_replayed_history_is_shown_once_and_other_dialogs_are_ignored() {
    let mut h = Harness::open_conversation();
    let history = json!([
        {"sequence": 0, "originatorId": "agent-1", "event": {"type":"ContentEvent","contentType":"text/plain","message":"one"}, "dialogId": CONV},
        {"sequence": 1, "originatorId": "agent-1", "event": {"type":"ContentEvent","contentType":"text/plain","message":"two"}, "dialogId": CONV},
        {"sequence": 0, "originatorId": "agent-1", "event": {"type":"ContentEvent","contentType":"text/plain","message":"elsewhere"}, "dialogId": "other"},
        {"sequence": 2, "originatorId": "agent-1", "messageAudience": "AGENTS_AND_MANAGERS", "event": {"type":"ContentEvent","contentType":"text/plain","message":"private"}, "dialogId": CONV}
    ]);
    h.messages(history.clone());
    h.messages(history);
    let texts: Vec<String> = h.entries().into_iter().map(|(_, t)| t).collect();
    assert_eq!(texts, vec!["Conversation started", "one", "two"]);
}

#[test]
fn empty_and_oversized_messages_are_not_sent() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("   ".into()));
    h.user(Intent::SendText("x".repeat(10_001)));
    h.no_more_commands();
    h.user(Intent::SendText("x".repeat(10_000)));
    h.expect_request("ms.PublishEvent");
}

#[test]
fn the_token_never_reaches_the_view() {
    let mut h = Harness::open_conversation();
    h.closed(4401);
    let view = format!("{:?}", h.view());
    assert!(!view.contains(&jwt()));
    let payload = jwt().split('.').nth(1).unwrap().to_owned();
    assert!(!view.contains(&payload));
}

fn change_at(
    state: &str,
    ts: i64,
    agent: Option<&str>,
    close_reason: Option<&str>,
) -> serde_json::Value {
    let mut participants = vec![json!({"id": SUB, "role": "CONSUMER"})];
    if let Some(a) = agent {
        participants.push(json!({"id": a, "role": "ASSIGNED_AGENT"}));
    }
    let mut details = json!({"participants": participants, "state": state, "stage": state, "metaDataLastUpdateTs": ts});
    if let Some(r) = close_reason {
        details["closeReason"] = json!(r);
    }
    json!({"kind":"notification","type":"cqm.ExConversationChangeNotification",
           "body":{"changes":[{"type":"UPSERT","result":{"convId": CONV, "conversationDetails": details}}]}})
}

#[test]
fn agents_joining_and_transfers_are_shown_and_stale_updates_dropped() {
    let mut h = Harness::open_conversation();
    h.frame(change_at("OPEN", 10, Some("agent-1"), None));
    h.frame(change_at("OPEN", 20, Some("agent-2"), None));
    // An update older than the last one applied (here: the close before the transfer) is dropped.
    h.frame(change_at("CLOSE", 15, Some("agent-1"), Some("AGENT")));
    assert_eq!(h.view().status, "Conversation open");
    h.frame(change_at("CLOSE", 30, Some("agent-2"), Some("SYSTEM")));
    let notes: Vec<String> = h
        .entries()
        .into_iter()
        .filter(|(a, _)| a == "system")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        notes,
        [
            "Conversation started",
            "An agent joined the conversation",
            "You were transferred to another agent",
            "The conversation was closed by the system"
        ]
    );
}
