//! Robustness: reconnect with backoff, identity renewal, keepalive, offline, the outbox and resync.
//! All on virtual time.

mod support;

use lpchat_core::{Command, Delivery, HttpMethod, Input, Intent};
use serde_json::{json, Value};
use support::*;

/// The next command must be a reconnect attempt on a new socket.
fn expect_reopen(h: &mut Harness) {
    let (conn, url) = h.expect_open();
    assert!(url.starts_with("wss://va.msg.test/"));
    h.input(Input::WsOpened { conn });
}

fn agent(seq: i64, text: &str) -> Value {
    json!({"sequence": seq, "originatorId": "agent-1", "originatorMetadata": {"id": "agent-1", "role": "ASSIGNED_AGENT"},
           "event": {"type": "ContentEvent", "contentType": "text/plain", "message": text}, "dialogId": CONV})
}

fn mine(seq: i64, text: &str, external_id: Option<&str>) -> Value {
    let mut c = json!({"sequence": seq, "originatorId": SUB, "originatorMetadata": {"id": SUB, "role": "CONSUMER"},
           "event": {"type": "ContentEvent", "contentType": "text/plain", "message": text}, "dialogId": CONV});
    if let Some(id) = external_id {
        c["metadata"] = json!([{"type": "ExternalId", "id": id}]);
    }
    c
}

/// After a reopen: answers InitConnection and returns the two requests sent together right after it.
fn sign_in_again(h: &mut Harness) -> (Value, Value) {
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    let (_, sub) = h.expect_request("cqm.SubscribeExConversations");
    let (_, msgs) = h.expect_request("ms.SubscribeMessagingEvents");
    (sub, msgs)
}

#[test]
fn an_unexpected_close_reconnects_with_the_same_identity_and_resubscribes_from_the_next_sequence() {
    let mut h = Harness::open_conversation();
    h.messages(json!([agent(0, "hello"), agent(1, "still there?")]));
    h.closed(1006);
    assert_eq!(h.view().alert, None, "a blip is not an error");
    assert!(
        h.view().status.starts_with("Reconnecting in "),
        "{}",
        h.view().status
    );
    assert!(h.view().can_send, "messages can still be typed");
    h.no_more_commands();
    // No signup is needed: the same identity reconnects.
    wait_for_reopen(&mut h);
    h.input(Input::WsOpened {
        conn: h.conn.unwrap(),
    });
    assert_eq!(h.view().status, "Reconnecting…");
    let (_, msgs) = sign_in_again(&mut h);
    assert_eq!(msgs["body"]["dialogId"], CONV);
    assert_eq!(
        msgs["body"]["fromSeq"], 2,
        "resubscribed right after InitConnection, from the last sequence + 1"
    );
    assert_eq!(h.view().status, "Conversation open");
}

#[test]
fn a_server_error_close_keeps_the_identity_and_continues_the_conversation() {
    let mut h = Harness::open_conversation();
    h.messages(json!([agent(0, "hello")]));
    h.user(Intent::SendText("in flight at the 1011".into()));
    let (_, publish) = h.expect_request("ms.PublishEvent");
    let external_id = publish["metadata"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    h.closed(1011);
    assert_eq!(
        h.view().alert,
        None,
        "a server error is a blip, not a lost identity"
    );
    assert!(
        !h.entries().iter().any(|(_, t)| t.contains("identity")),
        "nothing says the conversation was lost: {:?}",
        h.entries()
    );
    wait_for_reopen(&mut h); // no signup: the same identity
    h.input(Input::WsOpened {
        conn: h.conn.unwrap(),
    });
    let (_, msgs) = sign_in_again(&mut h);
    assert_eq!(
        msgs["body"]["dialogId"], CONV,
        "the same conversation is followed"
    );
    assert_eq!(msgs["body"]["fromSeq"], 1);
    h.no_more_commands(); // the message waits for the replay before it is sent again
    h.messages(json!([mine(
        1,
        "in flight at the 1011",
        Some(&external_id)
    )]));
    let mine_shown: Vec<_> = h
        .view()
        .transcript
        .into_iter()
        .filter(|e| e.text == "in flight at the 1011")
        .collect();
    assert_eq!(mine_shown.len(), 1, "delivered exactly once");
    assert_eq!(h.view().status, "Conversation open");
}

/// Advances virtual time until the session opens a socket; returns how long that took.
fn wait_for_reopen(h: &mut Harness) -> u64 {
    let start = h.now;
    for _ in 0..100 {
        match h.next_command() {
            Some(Command::OpenSocket { conn, .. }) => {
                h.conn = Some(conn);
                return h.now.0 - start.0;
            }
            Some(other) => panic!("unexpected {other:?}"),
            None => h.advance_to_next_timeout(),
        }
    }
    panic!("no reconnect attempt");
}

#[test]
fn the_reconnect_schedule_follows_the_seeded_backoff_and_gives_up_after_twelve_attempts() {
    let mut h = Harness::open_conversation();
    h.closed(1006);
    let mut waits = Vec::new();
    for _ in 0..12 {
        waits.push(wait_for_reopen(&mut h));
        assert_eq!(h.view().status, "Reconnecting…");
        h.closed(1006); // the socket fails to open
    }
    // Seed 0 (the harness's); each wait lies in [half, full] of min(1 s · 2ⁿ, 30 s).
    for (n, w) in waits.iter().enumerate() {
        let full = (1000u64 << n).min(30_000);
        assert!((full / 2..=full).contains(w), "attempt {n}: {w} ms");
    }
    assert_eq!(
        waits,
        vec![582, 1351, 3108, 6622, 11334, 29940, 18984, 22891, 29512, 20346, 25407, 18665]
    );
    assert_eq!(h.view().status, "Disconnected: could not reconnect");
    let alert = h.view().alert.unwrap();
    assert!(
        alert.contains("12 attempts to reconnect failed (last: the connection closed unexpectedly"),
        "{alert}"
    );
    assert!(h.view().can_reconnect);
    assert_eq!(
        h.session.poll_timeout(),
        None,
        "nothing more is tried by itself"
    );
    h.user(Intent::Reconnect);
    expect_reopen(&mut h);
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    while h.next_command().is_some() {} // the subscriptions after sign-in
    h.closed(1006);
    assert!(
        wait_for_reopen(&mut h) <= 1000,
        "a successful sign-in resets the backoff"
    );
}

#[test]
fn each_close_code_takes_its_path() {
    for code in [4401u16, 4407, 1008] {
        let mut h = Harness::open_conversation();
        h.user(Intent::SendText("lost with the old identity".into()));
        h.expect_request("ms.PublishEvent");
        h.closed(code);
        // A new identity at once: signup, then a socket; the old conversation is ended for the user.
        let (id, url) = h.expect_http(HttpMethod::Post);
        assert!(url.ends_with("/signup"), "{code}");
        let texts: Vec<String> = h.entries().into_iter().map(|(_, t)| t).collect();
        assert!(
            texts
                .iter()
                .any(|t| t.contains(&format!("refused this browser's identity (code {code})"))),
            "{texts:?}"
        );
        assert_eq!(
            h.view()
                .transcript
                .iter()
                .find(|e| e.text == "lost with the old identity")
                .unwrap()
                .delivery,
            Some(Delivery::Failed)
        );
        h.http_reply(id, 200, &json!({"jwt": jwt()}).to_string());
        expect_reopen(&mut h);
        let (init, _) = h.expect_request("InitConnection");
        h.respond(&init, 200, None);
        let (sub, _) = h.expect_request("cqm.SubscribeExConversations");
        h.no_more_commands(); // no resubscription of the old conversation
        h.respond(&sub, 200, Some(json!({"subscriptionId": "s2"})));
        h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[]}}));
        assert!(
            h.view().can_start_conversation,
            "{code}: a new conversation is offered"
        );
        assert!(
            h.entries().iter().any(|(_, t)| t == "Conversation started"),
            "the old transcript stays visible"
        );
    }
    for code in [1000u16, 1001, 1006, 1011, 4000] {
        let mut h = Harness::open_conversation();
        h.closed(code);
        wait_for_reopen(&mut h); // the same identity: no signup
    }
}

#[test]
fn keepalives_go_every_30_seconds_and_a_silent_socket_is_dropped_within_two_intervals() {
    let mut h = Harness::open_conversation();
    let ready_at = h.now;
    h.advance_to_next_timeout();
    assert_eq!(h.now.0 - ready_at.0, 30_000);
    let (id, _) = h.expect_request("GetClock");
    h.respond(&id, 200, Some(json!({"currentTime": 1})));
    h.advance_to_next_timeout();
    let (_, _) = h.expect_request("GetClock");
    // The server stops answering (half-open socket).
    let silent_since = h.now;
    h.advance_to_next_timeout();
    assert!(matches!(
        h.next_command(),
        Some(Command::CloseSocket { code: 4000, .. })
    ));
    assert!(h.now.0 - silent_since.0 <= 10_000);
    assert!(
        h.now.0 - ready_at.0 - 30_000 <= 60_000,
        "detected within two intervals of the last answer"
    );
    assert!(h.view().status.starts_with("Reconnecting in "));
}

#[test]
fn offline_stops_trying_and_online_reconnects_at_once() {
    let mut h = Harness::open_conversation();
    h.closed(1006);
    h.input(Input::Network { online: false });
    assert_eq!(h.view().status, "Offline: waiting for the network…");
    assert_eq!(h.session.poll_timeout(), None, "no spinning while offline");
    h.input(Input::Network { online: true });
    expect_reopen(&mut h);
}

#[test]
fn a_visible_page_reconnects_without_waiting() {
    let mut h = Harness::open_conversation();
    h.closed(1006);
    h.no_more_commands();
    h.input(Input::Visible);
    expect_reopen(&mut h);
}

#[test]
fn messages_typed_while_disconnected_are_sent_in_order_after_reconnecting() {
    let mut h = Harness::open_conversation();
    h.closed(1006);
    for text in ["one", "two", "three"] {
        h.user(Intent::SendText(text.into()));
    }
    h.no_more_commands();
    assert!(
        h.view()
            .transcript
            .iter()
            .filter(|e| e.delivery == Some(Delivery::Pending))
            .count()
            == 3
    );
    h.input(Input::Visible);
    expect_reopen(&mut h);
    sign_in_again(&mut h);
    let sent: Vec<String> = (0..3)
        .map(|seq| {
            let (id, frame) = h.expect_request("ms.PublishEvent");
            h.respond(&id, 200, Some(json!({"sequence": seq})));
            frame["body"]["event"]["message"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(sent, ["one", "two", "three"]);
}

#[test]
fn a_publish_in_flight_at_a_drop_is_delivered_exactly_once() {
    // Case 1: the server had stored it; the replay shows it (by ExternalId): it is not sent again.
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("stored before the drop".into()));
    let (_, frame) = h.expect_request("ms.PublishEvent");
    let external_id = frame["metadata"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(frame["metadata"][0]["type"], "ExternalId");
    h.closed(1006);
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Pending)
    );
    h.input(Input::Visible);
    expect_reopen(&mut h);
    let (_, msgs) = sign_in_again(&mut h);
    h.no_more_commands(); // nothing is resent before the replay is checked
    h.respond(msgs["id"].as_str().unwrap(), 200, None);
    h.messages(json!([mine(
        0,
        "stored before the drop",
        Some(&external_id)
    )]));
    h.no_more_commands();
    let last = h.view().transcript.last().cloned().unwrap();
    assert_eq!(
        (last.text.as_str(), last.delivery),
        ("stored before the drop", Some(Delivery::Sent))
    );
    assert_eq!(
        h.entries()
            .iter()
            .filter(|(_, t)| t == "stored before the drop")
            .count(),
        1
    );

    // Case 2: it was lost; the replay lacks it (or never comes): it is sent again, once.
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("lost in the drop".into()));
    h.expect_request("ms.PublishEvent");
    h.closed(1006);
    h.input(Input::Visible);
    expect_reopen(&mut h);
    let (_, msgs) = sign_in_again(&mut h);
    h.respond(msgs["id"].as_str().unwrap(), 200, None);
    h.advance_to_next_timeout(); // the replay grace passes with nothing replayed
    let (id, frame) = h.expect_request("ms.PublishEvent");
    assert_eq!(frame["body"]["event"]["message"], "lost in the drop");
    h.respond(&id, 200, Some(json!({"sequence": 0})));
    h.no_more_commands();
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Sent)
    );
}

#[test]
fn resync_with_gaps_and_duplicates_shows_everything_once_in_order() {
    let mut h = Harness::open_conversation();
    h.messages(json!([agent(0, "a0"), agent(1, "a1")]));
    h.closed(1006);
    h.input(Input::Visible);
    expect_reopen(&mut h);
    let (_, msgs) = sign_in_again(&mut h);
    assert_eq!(msgs["body"]["fromSeq"], 2);
    // A server that replays more than asked, out of order, with a duplicate.
    h.messages(json!([
        agent(3, "a3"),
        agent(1, "a1"),
        agent(2, "a2"),
        agent(3, "a3")
    ]));
    let texts: Vec<String> = h
        .entries()
        .into_iter()
        .filter(|(a, _)| a == "agent")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(texts, ["a0", "a1", "a2", "a3"]);
}

#[test]
fn a_conversation_closed_while_disconnected_is_shown_closed_after_reconnecting() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("too late".into()));
    h.expect_request("ms.PublishEvent");
    h.closed(1006);
    h.input(Input::Visible);
    expect_reopen(&mut h);
    let (init_sub, _) = sign_in_again(&mut h);
    let _ = init_sub;
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[conversation_change("CLOSE", Some("AGENT"))]}}));
    assert_eq!(h.view().status, "Conversation closed");
    assert_eq!(
        h.view()
            .transcript
            .iter()
            .find(|e| e.text == "too late")
            .unwrap()
            .delivery,
        Some(Delivery::Failed)
    );
}

#[test]
fn a_failed_message_can_be_retried() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("try me".into()));
    let (id, _) = h.expect_request("ms.PublishEvent");
    h.respond(&id, 500, Some(json!("busy")));
    let entry = h.view().transcript.last().cloned().unwrap();
    assert_eq!(entry.delivery, Some(Delivery::Failed));
    h.user(Intent::Retry(entry.key));
    let (id, frame) = h.expect_request("ms.PublishEvent");
    assert_eq!(frame["body"]["event"]["message"], "try me");
    h.respond(&id, 200, Some(json!({"sequence": 0})));
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Sent)
    );
}

#[test]
fn an_unanswered_sign_in_while_reconnecting_is_retried_not_fatal() {
    let mut h = Harness::open_conversation();
    h.closed(1006);
    wait_for_reopen(&mut h);
    h.input(Input::WsOpened {
        conn: h.conn.unwrap(),
    });
    h.expect_request("InitConnection");
    h.advance_to_next_timeout(); // 10 s without an answer
    assert!(matches!(
        h.next_command(),
        Some(Command::CloseSocket { .. })
    ));
    assert_eq!(h.view().alert, None);
    wait_for_reopen(&mut h);
}

#[test]
fn a_publish_answered_before_an_earlier_agent_message_arrived_does_not_skip_that_message() {
    let mut h = Harness::open_conversation();
    h.messages(json!([agent(0, "hello")]));
    h.user(Intent::SendText("mine".into()));
    let (id, _) = h.expect_request("ms.PublishEvent");
    // The agent's sequence 1 was stored first, but its notification is still on its way when the
    // answer for ours (sequence 2) arrives; then the socket drops.
    h.respond(&id, 200, Some(json!({"sequence": 2})));
    h.closed(1006);
    wait_for_reopen(&mut h);
    h.input(Input::WsOpened {
        conn: h.conn.unwrap(),
    });
    let (_, msgs) = sign_in_again(&mut h);
    assert_eq!(
        msgs["body"]["fromSeq"], 1,
        "from the last event seen + 1, so the agent's message 1 is replayed"
    );
}
