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
    let frames = h.view().frames;
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
    let copied = frames_as_json(&frames);
    assert!(!copied.contains(&jwt()));
    let parsed: serde_json::Value = serde_json::from_str(&copied).unwrap();
    assert_eq!(parsed[1]["roundTripMs"], 42);
    h.user(Intent::ShowFrames(false));
    assert!(h.view().frames.is_empty());
    h.input(Input::Tick);
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
