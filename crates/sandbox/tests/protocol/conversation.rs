//! A conversation: requested (once, to a skill), published to in sequence, subscribed to with its
//! history, followed through the conversation subscription, closed and rated.

use super::*;

#[tokio::test]
async fn a_conversation_is_routed_to_the_skill_asked_for_and_a_malformed_skill_is_refused() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let with_skill = |id: &str, skill: Value| json!({"kind":"req","id": id,"type":"cm.ConsumerRequestConversation","body":{"skillId": skill}});
    let resp = ask(&mut ws, with_skill("1", json!("sales"))).await;
    assert_eq!(resp["code"].as_i64(), Some(400), "{resp}");
    assert!(s.world.conversations().is_empty(), "nothing was opened");
    // Ids may come as numbers (PROTOCOL.md §4).
    let resp = ask(&mut ws, with_skill("2", json!(4242))).await;
    assert_eq!(resp["code"].as_i64(), Some(200), "{resp}");
    let opened = s.world.conversations();
    assert_eq!(opened[0].skill_id.as_deref(), Some("4242"));
    s.stop();
}

#[tokio::test]
async fn a_satisfaction_rating_is_taken_once_the_conversation_is_over_and_checked() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let conv = request_conversation(&mut ws, 1).await;
    // Frame 53's shape.
    let rate = |id: &str, rate: Value, status: &str| {
        json!({"kind":"req","id": id,"type":"cm.UpdateConversationField","body":{"conversationId": conv,
               "conversationField":{"field":"CSATRate","csatRate": rate,"csatResolutionConfirmation":true,"status": status}}})
    };
    let resp = ask(&mut ws, rate("2", json!(5), "FILLED")).await;
    assert_eq!(resp["code"], 400, "not while it is open");
    assert_eq!(
        ask(&mut ws, close_conversation("3", &conv)).await["code"],
        200
    );
    for (id, bad, status) in [
        ("4", json!(6), "FILLED"),
        ("5", json!(0), "FILLED"),
        ("6", json!(4), "DONE"),
    ] {
        assert_eq!(
            ask(&mut ws, rate(id, bad, status)).await["code"],
            400,
            "{id}"
        );
    }
    assert_eq!(
        ask(&mut ws, rate("7", json!(4), "FILLED")).await["code"],
        200
    );
    assert_eq!(s.world.conversations()[0].csat, Some((4, true)));
    s.stop();
}

#[tokio::test]
async fn a_second_open_conversation_is_refused() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    request_conversation(&mut ws, 1).await;
    let resp = ask(&mut ws, request_conversation_frame("2")).await;
    assert_eq!(answer(&resp), (Some("2"), Some(400)));
    s.stop();
}

#[tokio::test]
async fn publishing_is_sequenced_and_refused_on_unknown_or_closed_dialogs() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let conv = request_conversation(&mut ws, 1).await;
    for (id, expected) in [("2", 0), ("3", 1)] {
        let resp = ask(&mut ws, publish(id, &conv, "hi")).await;
        assert_eq!(resp["body"]["sequence"], expected);
    }
    assert_eq!(ask(&mut ws, publish("4", "nope", "hi")).await["code"], 400);
    assert_eq!(
        ask(&mut ws, close_conversation("5", &conv)).await["code"],
        200
    );
    let resp = ask(&mut ws, publish("6", &conv, "late")).await;
    assert_eq!(answer(&resp), (Some("6"), Some(400)));
    s.stop();
}

#[tokio::test]
async fn subscribing_replays_history_then_streams_agent_messages_once() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let conv = request_conversation(&mut ws, 1).await;
    ask(&mut ws, publish("2", &conv, "first")).await;
    assert_eq!(ask(&mut ws, subscribe("3", &conv)).await["reqId"], "3");
    let replay = recv(&mut ws).await;
    assert_eq!(replay["type"], "ms.MessagingEventNotification");
    assert_eq!(replay["body"]["changes"][0]["event"]["message"], "first");
    assert_eq!(
        replay["body"]["changes"][0]["originatorMetadata"]["role"],
        "CONSUMER"
    );
    let seq = s
        .world
        .publish(
            &conv,
            None,
            ("agent-under-test", lpchat_wire::Role::AssignedAgent),
            lpchat_wire::Event::text("hello"),
            Vec::new(),
        )
        .unwrap();
    assert_eq!(seq, 1);
    // The agent joining updates nothing on this socket (no conversation subscription); the message arrives once.
    let live = recv(&mut ws).await;
    assert_eq!(live["body"]["changes"][0]["sequence"], 1);
    assert_eq!(live["body"]["changes"][0]["event"]["message"], "hello");
    s.stop();
}

#[tokio::test]
async fn a_long_history_is_replayed_in_notifications_of_at_most_a_hundred_changes() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let conv = request_conversation(&mut ws, 1).await;
    let messages = format!("/control/conversations/{conv}/messages");
    let seeded = post_json(s.addr, &messages, &json!({"text": "m", "count": 250})).await;
    assert_eq!(seeded.0, 200, "{}", seeded.1);
    send(&mut ws, subscribe("2", &conv)).await;
    let mut sizes = Vec::new();
    let mut last = Value::Null;
    while sizes.iter().sum::<usize>() < 250 {
        let frame = recv(&mut ws).await;
        if frame["type"] == "ms.MessagingEventNotification" {
            let changes = frame["body"]["changes"].as_array().unwrap();
            sizes.push(changes.len());
            last = changes.last().unwrap().clone();
        }
    }
    assert_eq!(sizes, [100, 100, 50]);
    assert_eq!(last["event"]["message"], "m 250");
    assert_eq!(last["sequence"], 249);
    let refused = post_json(s.addr, &messages, &json!({"text": "m", "count": 20_001})).await;
    assert_eq!(refused.0, 400);
    s.stop();
}

#[tokio::test]
async fn the_conversation_subscription_sends_a_snapshot_and_closes() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    send(&mut ws, json!({"kind":"req","id":"1","type":"cqm.SubscribeExConversations","body":{"minLastUpdatedTime":0,"convState":["OPEN","CLOSE"]}})).await;
    let resp = recv(&mut ws).await;
    assert_eq!(resp["type"], "cqm.SubscribeExConversationsResponse");
    let sub = resp["body"]["subscriptionId"].clone();
    let snapshot = recv(&mut ws).await;
    assert_eq!(snapshot["body"]["changes"], json!([]));
    assert_eq!(snapshot["body"]["subscriptionId"], sub);
    let conv = request_conversation_with_notice(&mut ws).await;
    agent_closes(&s, &conv);
    let closed = recv(&mut ws).await;
    let details = &closed["body"]["changes"][0]["result"]["conversationDetails"];
    assert_eq!(
        (details["state"].as_str(), details["closeReason"].as_str()),
        (Some("CLOSE"), Some("AGENT"))
    );
    s.stop();
}

#[tokio::test]
async fn unknown_request_types_get_an_error_response() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let frame = json!({"kind":"req","id":"7","type":"ms.Teleport","body":{}});
    assert_eq!(answer(&ask(&mut ws, frame).await), (Some("7"), Some(400)));
    s.stop();
}

#[tokio::test]
async fn a_content_events_request_metadata_is_echoed_only_with_the_demo_switch() {
    for demo in [false, true] {
        let s = sandbox_from(Config {
            demo,
            ..Config::default()
        })
        .await;
        let mut ws = initialised(s.addr).await;
        let conv = request_conversation(&mut ws, 1).await;
        let mut tagged = publish("2", &conv, "tagged");
        tagged["metadata"] = json!([{"type":"ExternalId","id":"m-1"}]);
        ask(&mut ws, tagged).await;
        ask(&mut ws, subscribe("3", &conv)).await;
        let replay = recv(&mut ws).await;
        let change = &replay["body"]["changes"][0];
        assert_eq!(change["event"]["message"], "tagged");
        if demo {
            assert_eq!(
                change["metadata"],
                json!([{"type":"ExternalId","id":"m-1"}])
            );
        } else {
            assert!(
                change["metadata"].as_array().is_none_or(|m| m.is_empty()),
                "strict by default: no metadata echoed on content: {change}"
            );
        }
        s.stop();
    }
}
