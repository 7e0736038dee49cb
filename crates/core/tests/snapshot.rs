//! The conversation snapshot (the first answer to the conversation subscription) decides whether a
//! conversation is open. A frame lpchat could not read (too large, or not a frame) may have been that
//! snapshot, so its absence must not be taken for "no open conversation" (that a missing snapshot
//! with every frame read still means none is open is in `failures.rs`).

mod support;

use lpchat_core::{Intent, MAX_INBOUND_FRAME_BYTES};
use serde_json::json;
use std::time::Duration;
use support::*;

fn snapshot(changes: serde_json::Value) -> serde_json::Value {
    json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
           "body": {"subscriptionId": "s1", "changes": changes}})
}

fn unreadable_frames() -> [String; 2] {
    [
        "x".repeat(MAX_INBOUND_FRAME_BYTES + 1),
        r#"{"kind":"notification","type":"cqm.ExConversationChangeNotification","body":"#.into(),
    ]
}

#[test]
fn a_snapshot_that_could_not_be_read_is_asked_for_again_and_the_open_conversation_continues() {
    for unreadable in unreadable_frames() {
        let mut h = Harness::subscribed_with_stored_identity();
        h.input(lpchat_core::Input::WsFrame {
            conn: h.conn.expect("a socket"),
            text: unreadable,
        });
        h.advance(Duration::from_secs(11));
        assert!(
            !h.view().can_start_conversation,
            "not taken for no open conversation"
        );
        let (again, _) = h.expect_request("cqm.SubscribeExConversations");
        h.respond(&again, 200, Some(json!({"subscriptionId": "s2"})));
        h.frame(snapshot(json!([conversation_change("OPEN", None)])));
        assert!(h.view().can_send, "the open conversation is continued");
        assert!(h
            .entries()
            .iter()
            .any(|(_, text)| text == "Continuing your open conversation"));
    }
}

#[test]
fn a_notification_after_an_unreadable_frame_is_not_taken_for_the_empty_snapshot() {
    let mut h = Harness::subscribed_with_stored_identity();
    h.input(lpchat_core::Input::WsFrame {
        conn: h.conn.expect("a socket"),
        text: "not json".into(),
    });
    // A notification without this consumer's open conversation: it may not be the snapshot.
    h.frame(snapshot(json!([])));
    assert!(!h.view().can_start_conversation);
    h.advance(Duration::from_secs(11));
    let (again, _) = h.expect_request("cqm.SubscribeExConversations");
    h.respond(&again, 200, Some(json!({"subscriptionId": "s2"})));
    h.frame(snapshot(json!([])));
    assert!(
        h.view().can_start_conversation,
        "the snapshot read: none is open"
    );
}

#[test]
fn when_the_snapshot_stays_unreadable_the_user_is_told_lpchat_cannot_know() {
    let mut h = Harness::subscribed_with_stored_identity();
    for attempt in 0..3 {
        h.input(lpchat_core::Input::WsFrame {
            conn: h.conn.expect("a socket"),
            text: "x".repeat(MAX_INBOUND_FRAME_BYTES + 1),
        });
        h.advance(Duration::from_secs(11));
        if attempt < 2 {
            let (again, _) = h.expect_request("cqm.SubscribeExConversations");
            h.respond(&again, 200, Some(json!({"subscriptionId": "s"})));
        }
    }
    let view = h.view();
    assert!(!view.can_start_conversation);
    assert!(
        view.alert
            .as_deref()
            .is_some_and(|a| a.contains("could not be read")),
        "{:?}",
        view.alert
    );
    let types = |frames: Vec<serde_json::Value>| -> Vec<String> {
        frames
            .iter()
            .filter_map(|f| f["type"].as_str().map(str::to_owned))
            .filter(|t| t != "GetClock")
            .collect()
    };
    assert_eq!(
        types(h.sent_frames()),
        Vec::<String>::new(),
        "no further subscriptions"
    );
    // Starting anyway is not offered: a second conversation could be refused or split the chat.
    h.user(Intent::StartConversation);
    assert_eq!(types(h.sent_frames()), Vec::<String>::new());
}
