//! Exactly once without a metadata echo: LivePerson's documents do not show a published message's
//! request metadata on the ContentEvent that echoes it, so lpchat cannot count on its ExternalId. It
//! reconciles its unconfirmed messages against its own events by content and order, and only against
//! events newer than the last of its messages the server confirmed: repeated identical texts ("ok",
//! "ok") are neither merged nor lost, whether a drop came before the server stored a message or after.

mod support;

use lpchat_core::{Delivery, Input, Intent};
use serde_json::{json, Value};
use support::*;

/// The user's own ContentEvent as the server echoes it: no metadata.
fn mine(seq: i64, text: &str) -> Value {
    json!({"sequence": seq, "originatorId": SUB, "originatorMetadata": {"id": SUB, "role": "CONSUMER"},
           "event": {"type": "ContentEvent", "contentType": "text/plain", "message": text}, "dialogId": CONV})
}

fn oks(h: &Harness) -> Vec<(Option<Delivery>, String)> {
    h.view()
        .transcript
        .into_iter()
        .filter(|e| e.text == "ok")
        .map(|e| (e.delivery, e.text))
        .collect()
}

fn send_ok(h: &mut Harness) -> String {
    h.user(Intent::SendText("ok".into()));
    h.expect_request("ms.PublishEvent").0
}

/// Until the next socket is open and signed in; returns the resubscription.
fn reconnect(h: &mut Harness) -> Value {
    let conn = (0..100)
        .find_map(|_| match h.next_command() {
            Some(lpchat_core::Command::OpenSocket { conn, .. }) => Some(conn),
            Some(other) => panic!("unexpected {other:?}"),
            None => {
                h.advance_to_next_timeout();
                None
            }
        })
        .expect("a reconnect attempt");
    h.conn = Some(conn);
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    h.expect_request("cqm.SubscribeExConversations");
    let (id, msgs) = h.expect_request("ms.SubscribeMessagingEvents");
    h.respond(&id, 200, None);
    msgs
}

#[test]
fn an_echo_of_a_confirmed_ok_does_not_confirm_the_next_ok() {
    let mut h = Harness::open_conversation();
    let first = send_ok(&mut h);
    h.respond(&first, 200, Some(json!({"sequence": 0})));
    let _second = send_ok(&mut h);
    // The first one's echo arrives while the second is still in flight.
    h.messages(json!([mine(0, "ok")]));
    assert_eq!(
        oks(&h),
        [
            (Some(Delivery::Sent), "ok".into()),
            (Some(Delivery::Pending), "ok".into())
        ],
        "the echo is the first ok, already confirmed; the second still waits for its answer"
    );
}

/// The texts of the publishes sent since the last call, each answered with the next sequence from
/// `seq`.
fn published(h: &mut Harness, seq: &mut i64) -> Vec<String> {
    let mut out = Vec::new();
    for frame in h.sent_frames() {
        if frame["type"] == "ms.PublishEvent" {
            out.push(
                frame["body"]["event"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
            let id = frame["id"].as_str().unwrap_or_default().to_owned();
            h.respond(&id, 200, Some(json!({"sequence": *seq})));
            *seq += 1;
        }
    }
    out
}

#[test]
fn an_ok_stored_before_the_drop_is_not_sent_again_and_the_next_ok_still_is() {
    let mut h = Harness::open_conversation();
    send_ok(&mut h); // stored (sequence 0), its answer lost with the socket
    h.user(Intent::SendText("ok".into())); // waits behind it
    h.closed(1006);
    let msgs = reconnect(&mut h);
    assert_eq!(msgs["body"]["fromSeq"], 0);
    h.messages(json!([mine(0, "ok")]));
    h.advance(std::time::Duration::from_secs(5)); // past the replay grace
    let mut seq = 1;
    assert_eq!(
        published(&mut h, &mut seq),
        ["ok"],
        "the first is in the replay; only the second goes out"
    );
    h.messages(json!([mine(1, "ok")]));
    assert_eq!(
        oks(&h),
        [
            (Some(Delivery::Sent), "ok".into()),
            (Some(Delivery::Sent), "ok".into())
        ]
    );
}

#[test]
fn an_ok_the_replay_holds_is_matched_and_the_one_behind_it_is_sent_once() {
    let mut h = Harness::open_conversation();
    let first = send_ok(&mut h);
    h.respond(&first, 200, Some(json!({"sequence": 0})));
    h.messages(json!([mine(0, "ok")]));
    send_ok(&mut h); // stored (sequence 1), but its answer is lost with the socket
    h.user(Intent::SendText("ok".into())); // never sent before the drop
    h.closed(1006);
    let msgs = reconnect(&mut h);
    assert_eq!(msgs["body"]["fromSeq"], 1);
    h.messages(json!([mine(1, "ok")]));
    h.advance(std::time::Duration::from_secs(5)); // past the replay grace
    let mut seq = 2;
    assert_eq!(
        published(&mut h, &mut seq),
        ["ok"],
        "only the third goes out"
    );
    assert_eq!(oks(&h).len(), 3, "three oks typed, three shown");
}
