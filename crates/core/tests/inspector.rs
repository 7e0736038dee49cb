//! The frame inspector's log: every frame, paired, timed, with the token redacted.

mod support;

use lpchat_core::{frames_as_json, Direction, Input, Intent};
use serde_json::json;
use std::time::Duration;
use support::*;

#[test]
fn frames_are_listed_paired_timed_and_redacted_only_while_shown() {
    let mut h = Harness::new();
    h.open_socket();
    let (init, _) = h.expect_request("InitConnection");
    h.advance(Duration::from_millis(42));
    h.respond(&init, 200, None);
    h.frame(json!("not a frame"));
    assert!(
        h.view().frames.is_empty(),
        "nothing is copied into the view while the inspector is closed"
    );
    h.user(Intent::ShowFrames(true));
    // The socket's frames (the HTTP exchanges before them are `the_http_exchanges_are_in_the_trace…`).
    let frames: Vec<_> = h
        .view()
        .frames
        .into_iter()
        .filter(|f| !f.is_http())
        .collect();
    assert_eq!(
        frames[0].type_name, "(socket opened)",
        "the socket's life is marked in the trace"
    );
    let frames = &frames[1..];
    let sent = &frames[0];
    assert_eq!(
        (sent.direction, sent.type_name.as_str(), sent.at_ms),
        (Direction::Sent, "InitConnection", 0)
    );
    assert!(
        sent.json.contains("<redacted>") && !sent.json.contains(&jwt()),
        "{}",
        sent.json
    );
    let answer = &frames[1];
    assert_eq!(
        (
            answer.direction,
            answer.req_id.as_deref(),
            answer.round_trip_ms
        ),
        (Direction::Received, Some(init.as_str()), Some(42))
    );
    assert_eq!(sent.answered_by, Some(answer.key));
    assert_eq!(
        frames
            .iter()
            .find(|f| f.type_name == "(unreadable frame)")
            .map(|f| f.direction),
        Some(Direction::Received)
    );
    assert!(frames
        .iter()
        .any(|f| f.type_name == "cqm.SubscribeExConversations"));
    let copied = frames_as_json(frames);
    assert!(!copied.contains(&jwt()));
    let parsed: serde_json::Value = serde_json::from_str(&copied).unwrap();
    assert_eq!(parsed[1]["roundTripMs"], 42);
    h.user(Intent::ShowFrames(false));
    assert!(h.view().frames.is_empty());
    h.input(Input::Tick);
}

#[test]
fn the_http_exchanges_are_in_the_trace_in_order_paired_with_tokens_redacted() {
    let mut h = Harness::new();
    h.open_socket();
    h.user(Intent::ShowFrames(true));
    let http: Vec<_> = h
        .view()
        .frames
        .into_iter()
        .filter(|f| f.is_http())
        .collect();
    let listed: Vec<_> = http
        .iter()
        .map(|f| (f.direction, f.type_name.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                Direction::Sent,
                "GET /api/account/12345678/service/baseURI.json?version=1.0"
            ),
            (Direction::Received, "HTTP 200"),
            (Direction::Sent, "POST /api/account/12345678/signup"),
            (Direction::Received, "HTTP 200"),
        ]
    );
    assert_eq!(
        http[0].req_id, http[1].req_id,
        "a request and its answer are paired"
    );
    assert_ne!(http[0].req_id, http[2].req_id);
    let answer: serde_json::Value = serde_json::from_str(&http[3].json).unwrap();
    assert_eq!(answer, json!({"jwt": "<redacted>"}));
    let copied = frames_as_json(&h.view().frames);
    assert!(!copied.contains(&jwt()), "no token anywhere in the trace");
    let domains: serde_json::Value = serde_json::from_str(&http[1].json).unwrap();
    assert_eq!(domains["baseURIs"][0]["service"], "idp", "answers are kept");
}

#[test]
fn the_log_is_bounded() {
    let mut h = Harness::open_conversation();
    h.user(Intent::ShowFrames(true));
    for i in 0..600 {
        h.respond(&format!("unknown-{i}"), 200, None);
    }
    assert_eq!(h.view().frames.len(), 500);
}

#[test]
fn each_step_is_marked_in_order_for_user_timing_and_the_timeline() {
    let mut h = Harness::new();
    h.connect();
    let (id, _) = h.expect_http(lpchat_core::HttpMethod::Get);
    h.advance(Duration::from_millis(100));
    h.http_reply(id, 200, &Harness::domains_body());
    let (id, _) = h.expect_http(lpchat_core::HttpMethod::Post);
    h.advance(Duration::from_millis(100));
    h.http_reply(id, 200, &json!({"jwt": jwt()}).to_string());
    let (conn, _) = h.expect_open();
    h.advance(Duration::from_millis(100));
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.advance(Duration::from_millis(100));
    h.respond(&init, 200, None);
    h.expect_request("cqm.SubscribeExConversations");
    h.user(Intent::StartConversation);
    let (req, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.advance(Duration::from_millis(100));
    h.respond(&req, 200, Some(json!({"conversationId": CONV})));
    h.expect_request("ms.SubscribeMessagingEvents");
    h.user(Intent::SendText("hi".into()));
    let (publish, _) = h.expect_request("ms.PublishEvent");
    h.advance(Duration::from_millis(100));
    h.respond(&publish, 200, Some(json!({"sequence": 0})));
    h.next_command();
    let names: Vec<&str> = h.marks.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "connect",
            "domains",
            "identity",
            "socket-open",
            "signed-in",
            "ready",
            "conversation-open",
            "send",
            "sent"
        ]
    );
    h.user(Intent::ShowFrames(true));
    let timeline = h.view().timeline;
    assert_eq!(timeline.first(), Some(&("connect", 0)));
    assert_eq!(
        timeline
            .iter()
            .find(|(n, _)| *n == "ready")
            .map(|(_, t)| *t),
        Some(400),
        "four round trips of 100 ms to ready"
    );
    assert_eq!(
        timeline
            .iter()
            .find(|(n, _)| *n == "conversation-open")
            .map(|(_, t)| *t),
        Some(500),
        "five to a conversation"
    );
}

#[test]
fn a_warm_resume_marks_history_after_three_round_trips() {
    let mut h = Harness::with_storage(stored_identity(Some(CONV)));
    h.user(Intent::Resume {
        account: Some(ACCOUNT.into()),
        csds: Some(CSDS.into()),
    });
    let (conn, _) = h.expect_open();
    h.advance(Duration::from_millis(100));
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.advance(Duration::from_millis(100));
    h.respond(&init, 200, None);
    h.expect_request("cqm.SubscribeExConversations");
    let (subscribe, _) = h.expect_request("ms.SubscribeMessagingEvents");
    h.advance(Duration::from_millis(100));
    h.respond(&subscribe, 200, None);
    h.messages(json!([{"sequence": 0, "originatorId": "agent", "event": {"type":"ContentEvent","contentType":"text/plain","message":"earlier"}, "dialogId": CONV}]));
    h.next_command();
    let start = h.marks[0].1;
    let history = h
        .marks
        .iter()
        .find(|(n, _)| *n == "history")
        .expect("history is marked")
        .1;
    assert_eq!(history.0 - start.0, 300);
    let names: Vec<&str> = h.marks.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["connect", "socket-open", "signed-in", "ready", "history"]
    );
}
