//! The conversation comes back whole: the outbox sent once and in order, the history resynced
//! without gaps or duplicates, a close missed while away.

use super::*;

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
