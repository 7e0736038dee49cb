//! 429 on any request (PROTOCOL.md §7, §9): the same request again after at least a second, each
//! further time twice as long, nothing new published meanwhile, and never *Not delivered* while
//! retries remain. Virtual time.

mod support;

use lpchat_core::{Delivery, Intent};
use serde_json::json;
use std::time::Duration;
use support::*;

/// The ids of the publishes sent so far (keepalives are answered on the way).
fn publishes(h: &mut Harness) -> Vec<String> {
    h.sent_frames()
        .into_iter()
        .map(|f| {
            assert_eq!(f["type"], "ms.PublishEvent", "{f}");
            f["id"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

fn delivery(h: &Harness, text: &str) -> Option<Delivery> {
    h.view()
        .transcript
        .into_iter()
        .find(|e| e.text == text)
        .and_then(|e| e.delivery)
}

#[test]
fn a_publish_answered_429_is_sent_again_after_a_second_and_is_not_failed_meanwhile() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("patience".into()));
    let (first, frame) = h.expect_request("ms.PublishEvent");
    h.respond(&first, 429, Some(json!("Too many requests")));
    assert_eq!(delivery(&h, "patience"), Some(Delivery::Pending));
    assert_eq!(h.view().alert, None);
    h.advance(Duration::from_millis(999));
    h.no_more_commands();
    h.advance(Duration::from_millis(1));
    let (again, frame_again) = h.expect_request("ms.PublishEvent");
    assert_ne!(again, first, "a fresh request id");
    assert_eq!(frame_again["body"], frame["body"], "the same message");
    assert_eq!(
        frame_again["metadata"], frame["metadata"],
        "with the same ExternalId"
    );
    h.respond(&again, 200, Some(json!({"sequence": 0})));
    assert_eq!(delivery(&h, "patience"), Some(Delivery::Sent));
}

#[test]
fn retries_wait_one_two_four_eight_and_sixteen_seconds_then_the_answer_stands() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("never welcome".into()));
    let (mut id, _) = h.expect_request("ms.PublishEvent");
    for wait in [1_000u64, 2_000, 4_000, 8_000, 16_000] {
        h.respond(&id, 429, None);
        assert_eq!(delivery(&h, "never welcome"), Some(Delivery::Pending));
        // Keepalives go on meanwhile (answered here); the publish waits its turn.
        for _ in 0..(wait - 1) / 500 {
            h.advance(Duration::from_millis(500));
            assert_eq!(publishes(&mut h), Vec::<String>::new());
        }
        h.advance(Duration::from_millis(wait - 1 - (wait - 1) / 500 * 500));
        assert_eq!(
            publishes(&mut h),
            Vec::<String>::new(),
            "not before {wait} ms"
        );
        h.advance(Duration::from_millis(1));
        let sent = publishes(&mut h);
        assert_eq!(sent.len(), 1, "again after {wait} ms");
        id = sent[0].clone();
    }
    h.respond(&id, 429, None);
    assert_eq!(
        delivery(&h, "never welcome"),
        Some(Delivery::Failed),
        "after five retries the refusal stands: Not delivered, with Retry"
    );
}

#[test]
fn while_the_server_asks_for_patience_nothing_new_is_published() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("first".into()));
    let (first, _) = h.expect_request("ms.PublishEvent");
    h.respond(&first, 429, None);
    h.user(Intent::SendText("second".into()));
    h.no_more_commands();
    h.advance(Duration::from_secs(1));
    let sent: Vec<String> = (0..2)
        .map(|seq| {
            let (id, frame) = h.expect_request("ms.PublishEvent");
            h.respond(&id, 200, Some(json!({"sequence": seq})));
            frame["body"]["event"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(
        sent,
        ["first", "second"],
        "in the order typed, the second after the first's answer"
    );
}

#[test]
fn any_request_answered_429_is_sent_again_a_subscription_too() {
    let mut h = Harness::ready();
    h.user(Intent::StartConversation);
    let (id, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.respond(&id, 200, Some(json!({"conversationId": CONV})));
    let (sub, frame) = h.expect_request("ms.SubscribeMessagingEvents");
    h.respond(&sub, 429, None);
    assert_eq!(h.view().alert, None);
    h.advance(Duration::from_secs(1));
    let (again, frame_again) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(frame_again["body"], frame["body"]);
    h.respond(&again, 200, None);
    assert_eq!(h.view().status, "Conversation open");
}
