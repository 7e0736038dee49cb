//! The connection comes back: the close codes' paths, the seeded backoff, keepalives, offline and
//! online, a page shown again, an unanswered sign-in.

use super::*;

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
