//! The sandbox speaks the documented protocol, and is no kinder than LivePerson where the docs say so.
//! A real WebSocket client on loopback; every await is bounded.

mod common;

use common::{sandbox, Ws, ACCOUNT};
use futures_util::{SinkExt, StreamExt};
use lpchat_sandbox::{start, Config, Running};
use serde_json::{json, Value};
use std::{net::SocketAddr, time::Duration};
use tokio_tungstenite::{
    connect_async,
    tungstenite::{protocol::frame::coding::CloseCode, Message},
};

const WAIT: Duration = Duration::from_secs(5);

async fn http(addr: SocketAddr, method: &str, path: &str) -> (u16, String) {
    common::exchange(addr, method, path, None, WAIT).await
}

async fn jwt(addr: SocketAddr) -> String {
    let (status, body) = http(addr, "POST", &format!("/api/account/{ACCOUNT}/signup")).await;
    assert_eq!(status, 200);
    serde_json::from_str::<Value>(&body).unwrap()["jwt"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn socket(addr: SocketAddr) -> Ws {
    let url = format!("ws://{addr}/ws_api/account/{ACCOUNT}/messaging/consumer?v=3");
    tokio::time::timeout(WAIT, connect_async(url))
        .await
        .unwrap()
        .unwrap()
        .0
}

async fn send(ws: &mut Ws, frame: Value) {
    ws.send(Message::text(frame.to_string())).await.unwrap();
}

async fn recv(ws: &mut Ws) -> Value {
    loop {
        match tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("a frame in time")
        {
            Some(Ok(Message::Text(t))) => return serde_json::from_str(&t).unwrap(),
            Some(Ok(Message::Close(f))) => panic!("closed: {f:?}"),
            Some(Ok(_)) => continue,
            other => panic!("socket ended: {other:?}"),
        }
    }
}

async fn close_code(ws: &mut Ws) -> CloseCode {
    loop {
        match tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("a close in time")
        {
            Some(Ok(Message::Close(Some(f)))) => return f.code,
            Some(Ok(_)) => continue,
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
}

fn init(jwt: &str) -> Value {
    json!({"kind":"req","id":"0","type":"InitConnection","headers":[
        {"type":".ams.headers.ClientProperties","deviceFamily":"DESKTOP","os":"OTHER"},
        {"type":".ams.headers.ConsumerAuthentication","jwt": jwt}]})
}

async fn initialised(addr: SocketAddr) -> Ws {
    let token = jwt(addr).await;
    let mut ws = socket(addr).await;
    send(&mut ws, init(&token)).await;
    let resp = recv(&mut ws).await;
    assert_eq!(
        (resp["reqId"].as_str(), resp["code"].as_i64()),
        (Some("0"), Some(200))
    );
    ws
}

async fn request_conversation(ws: &mut Ws, id: i64) -> String {
    send(
        ws,
        json!({"kind":"req","id": id,"type":"cm.ConsumerRequestConversation"}),
    )
    .await;
    let resp = recv(ws).await;
    assert_eq!(
        resp["reqId"],
        json!(id.to_string()),
        "the numeric id comes back as a string"
    );
    assert_eq!(resp["code"], 200, "{resp}");
    resp["body"]["conversationId"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_domain_api_lists_idp_and_ums_and_requires_the_version() {
    let s = sandbox().await;
    let (status, body) = http(
        s.addr,
        "GET",
        &format!("/api/account/{ACCOUNT}/service/baseURI.json?version=1.0"),
    )
    .await;
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&body).unwrap();
    let services: Vec<&str> = body["baseURIs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["service"].as_str().unwrap())
        .collect();
    assert!(services.contains(&"idp") && services.contains(&"asyncMessagingEnt"));
    assert_eq!(body["baseURIs"][0]["baseURI"], s.addr.to_string());
    let (status, _) = http(
        s.addr,
        "GET",
        &format!("/api/account/{ACCOUNT}/service/baseURI.json"),
    )
    .await;
    assert_eq!(status, 400);
    s.stop();
}

#[tokio::test]
async fn signup_issues_three_part_tokens_with_a_fresh_uuid_sub() {
    let s = sandbox().await;
    let (a, b) = (jwt(s.addr).await, jwt(s.addr).await);
    let (ca, cb) = (
        lpchat_wire::jwt_claims(&a).unwrap(),
        lpchat_wire::jwt_claims(&b).unwrap(),
    );
    assert_eq!(a.split('.').count(), 3);
    assert_ne!(ca.sub, cb.sub);
    assert_eq!(ca.sub.len(), 36);
    assert_eq!(ca.aud.as_deref(), Some("acc:12345678"));
    s.stop();
}

#[tokio::test]
async fn requests_before_init_connection_are_refused() {
    let s = sandbox().await;
    let mut ws = socket(s.addr).await;
    send(
        &mut ws,
        json!({"kind":"req","id":"1","type":"cm.ConsumerRequestConversation"}),
    )
    .await;
    let resp = recv(&mut ws).await;
    assert_eq!(
        (resp["reqId"].as_str(), resp["code"].as_i64()),
        (Some("1"), Some(401))
    );
    s.stop();
}

#[tokio::test]
async fn a_bad_or_foreign_token_closes_with_4401() {
    let s = sandbox().await;
    let mut ws = socket(s.addr).await;
    send(&mut ws, init("a.b.c")).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4401));
    // A token from another sandbox (another key) is not accepted either.
    let other = sandbox().await;
    let foreign = jwt(other.addr).await;
    let mut ws = socket(s.addr).await;
    send(&mut ws, init(&foreign)).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4401));
    s.stop();
    other.stop();
}

#[tokio::test]
async fn a_conversation_is_routed_to_the_skill_asked_for_and_a_malformed_skill_is_refused() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let ask = |id: &str, skill: Value| json!({"kind":"req","id": id,"type":"cm.ConsumerRequestConversation","body":{"skillId": skill}});
    send(&mut ws, ask("1", json!("sales"))).await;
    let resp = recv(&mut ws).await;
    assert_eq!(resp["code"].as_i64(), Some(400), "{resp}");
    assert!(s.world.conversations().is_empty(), "nothing was opened");
    // Ids may come as numbers (PROTOCOL.md §4).
    send(&mut ws, ask("2", json!(4242))).await;
    let resp = recv(&mut ws).await;
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
    send(&mut ws, rate("2", json!(5), "FILLED")).await;
    assert_eq!(recv(&mut ws).await["code"], 400, "not while it is open");
    send(&mut ws, json!({"kind":"req","id":"3","type":"cm.UpdateConversationField","body":{"conversationId": conv,"conversationField":{"field":"ConversationStateField","conversationState":"CLOSE"}}})).await;
    assert_eq!(recv(&mut ws).await["code"], 200);
    for (id, bad, status) in [
        ("4", json!(6), "FILLED"),
        ("5", json!(0), "FILLED"),
        ("6", json!(4), "DONE"),
    ] {
        send(&mut ws, rate(id, bad, status)).await;
        assert_eq!(recv(&mut ws).await["code"], 400, "{id}");
    }
    send(&mut ws, rate("7", json!(4), "FILLED")).await;
    assert_eq!(recv(&mut ws).await["code"], 200);
    assert_eq!(s.world.conversations()[0].csat, Some((4, true)));
    s.stop();
}

#[tokio::test]
async fn a_second_open_conversation_is_refused() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    request_conversation(&mut ws, 1).await;
    send(
        &mut ws,
        json!({"kind":"req","id":"2","type":"cm.ConsumerRequestConversation"}),
    )
    .await;
    let resp = recv(&mut ws).await;
    assert_eq!(
        (resp["reqId"].as_str(), resp["code"].as_i64()),
        (Some("2"), Some(400))
    );
    s.stop();
}

#[tokio::test]
async fn publishing_is_sequenced_and_refused_on_unknown_or_closed_dialogs() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let conv = request_conversation(&mut ws, 1).await;
    for (i, expected) in [(2, 0), (3, 1)] {
        send(&mut ws, json!({"kind":"req","id": i.to_string(),"type":"ms.PublishEvent","body":{"dialogId": conv,"event":{"type":"ContentEvent","contentType":"text/plain","message":"hi"}}})).await;
        let resp = recv(&mut ws).await;
        assert_eq!(resp["body"]["sequence"], expected);
    }
    send(&mut ws, json!({"kind":"req","id":"4","type":"ms.PublishEvent","body":{"dialogId":"nope","event":{"type":"ContentEvent","contentType":"text/plain","message":"hi"}}})).await;
    assert_eq!(recv(&mut ws).await["code"], 400);
    send(&mut ws, json!({"kind":"req","id":"5","type":"cm.UpdateConversationField","body":{"conversationId": conv,"conversationField":{"field":"ConversationStateField","conversationState":"CLOSE"}}})).await;
    assert_eq!(recv(&mut ws).await["code"], 200);
    send(&mut ws, json!({"kind":"req","id":"6","type":"ms.PublishEvent","body":{"dialogId": conv,"event":{"type":"ContentEvent","contentType":"text/plain","message":"late"}}})).await;
    let resp = recv(&mut ws).await;
    assert_eq!(
        (resp["reqId"].as_str(), resp["code"].as_i64()),
        (Some("6"), Some(400))
    );
    s.stop();
}

#[tokio::test]
async fn subscribing_replays_history_then_streams_agent_messages_once() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let conv = request_conversation(&mut ws, 1).await;
    send(&mut ws, json!({"kind":"req","id":"2","type":"ms.PublishEvent","body":{"dialogId": conv,"event":{"type":"ContentEvent","contentType":"text/plain","message":"first"}}})).await;
    recv(&mut ws).await;
    send(&mut ws, json!({"kind":"req","id":"3","type":"ms.SubscribeMessagingEvents","body":{"dialogId": conv,"fromSeq":0}})).await;
    assert_eq!(recv(&mut ws).await["reqId"], "3");
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
            (lpchat_sandbox_agent(), lpchat_wire::Role::AssignedAgent),
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
    let seeded = common::exchange(
        s.addr,
        "POST",
        &format!("/control/conversations/{conv}/messages"),
        Some(&json!({"text": "m", "count": 250})),
        WAIT,
    )
    .await;
    assert_eq!(seeded.0, 200, "{}", seeded.1);
    send(&mut ws, json!({"kind":"req","id":"2","type":"ms.SubscribeMessagingEvents","body":{"dialogId": conv,"fromSeq":0}})).await;
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
    let refused = common::exchange(
        s.addr,
        "POST",
        &format!("/control/conversations/{conv}/messages"),
        Some(&json!({"text": "m", "count": 20_001})),
        WAIT,
    )
    .await;
    assert_eq!(refused.0, 400);
    s.stop();
}

fn lpchat_sandbox_agent() -> &'static str {
    "agent-under-test"
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
    s.world
        .close(
            &conv,
            None,
            lpchat_wire::CloseReason::Agent,
            lpchat_sandbox::CloseScope::Main,
        )
        .unwrap();
    let closed = recv(&mut ws).await;
    let details = &closed["body"]["changes"][0]["result"]["conversationDetails"];
    assert_eq!(
        (details["state"].as_str(), details["closeReason"].as_str()),
        (Some("CLOSE"), Some("AGENT"))
    );
    s.stop();
}

/// Requests a conversation while subscribed: the response and an UPSERT arrive in either order.
async fn request_conversation_with_notice(ws: &mut Ws) -> String {
    send(
        ws,
        json!({"kind":"req","id":"9","type":"cm.ConsumerRequestConversation"}),
    )
    .await;
    let (a, b) = (recv(ws).await, recv(ws).await);
    let resp = if a["kind"] == "resp" { a } else { b };
    resp["body"]["conversationId"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn unknown_request_types_get_an_error_response() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    send(
        &mut ws,
        json!({"kind":"req","id":"7","type":"ms.Teleport","body":{}}),
    )
    .await;
    let resp = recv(&mut ws).await;
    assert_eq!(
        (resp["reqId"].as_str(), resp["code"].as_i64()),
        (Some("7"), Some(400))
    );
    s.stop();
}

// ----- the fault plan ------------------------------------------------------------------------

async fn sandbox_with(faults: lpchat_sandbox::FaultPlan) -> Running {
    sandbox_from(Config {
        faults,
        ..Config::default()
    })
    .await
}

/// A sandbox with this configuration, on a free loopback port.
async fn sandbox_from(config: Config) -> Running {
    start(Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        one_port: true,
        ..config
    })
    .await
    .expect("binds loopback")
}

/// Waits for the socket to end without a close frame (an abrupt drop).
async fn dropped(ws: &mut Ws) {
    loop {
        match tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("the drop in time")
        {
            Some(Ok(Message::Text(_))) => continue,
            Some(Ok(Message::Close(f))) => {
                panic!("expected an abrupt drop, got a close frame {f:?}")
            }
            _ => return,
        }
    }
}

#[tokio::test]
async fn a_content_events_request_metadata_is_echoed_only_with_the_demo_switch() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    let conv = request_conversation(&mut ws, 1).await;
    send(&mut ws, json!({"kind":"req","id":"2","type":"ms.PublishEvent","body":{"dialogId": conv,"event":{"type":"ContentEvent","contentType":"text/plain","message":"tagged"}},"metadata":[{"type":"ExternalId","id":"m-1"}]})).await;
    recv(&mut ws).await;
    send(&mut ws, json!({"kind":"req","id":"3","type":"ms.SubscribeMessagingEvents","body":{"dialogId": conv,"fromSeq":0}})).await;
    recv(&mut ws).await;
    let replay = recv(&mut ws).await;
    let change = &replay["body"]["changes"][0];
    assert_eq!(change["event"]["message"], "tagged");
    assert!(
        change["metadata"].as_array().is_none_or(|m| m.is_empty()),
        "strict by default: no metadata echoed on content: {change}"
    );
    s.stop();
    let s = sandbox_from(Config {
        demo: true,
        ..Config::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    let conv = request_conversation(&mut ws, 1).await;
    send(&mut ws, json!({"kind":"req","id":"2","type":"ms.PublishEvent","body":{"dialogId": conv,"event":{"type":"ContentEvent","contentType":"text/plain","message":"tagged"}},"metadata":[{"type":"ExternalId","id":"m-1"}]})).await;
    recv(&mut ws).await;
    send(&mut ws, json!({"kind":"req","id":"3","type":"ms.SubscribeMessagingEvents","body":{"dialogId": conv,"fromSeq":0}})).await;
    recv(&mut ws).await;
    let replay = recv(&mut ws).await;
    assert_eq!(
        replay["body"]["changes"][0]["metadata"],
        json!([{"type":"ExternalId","id":"m-1"}])
    );
    s.stop();
}

#[tokio::test]
async fn a_drop_after_n_frames_ends_the_socket_abruptly_and_is_counted() {
    let s = sandbox_with(lpchat_sandbox::FaultPlan {
        drop_after_frames: Some((3, 3)),
        ..Default::default()
    })
    .await;
    let mut ws = initialised(s.addr).await; // frame 1
    let conv = request_conversation(&mut ws, 1).await; // frame 2
    send(&mut ws, json!({"kind":"req","id":"2","type":"ms.PublishEvent","body":{"dialogId": conv,"event":{"type":"ContentEvent","contentType":"text/plain","message":"maybe stored"}}})).await;
    dropped(&mut ws).await; // frame 3: no answer
    let stats = s.faults.stats();
    assert_eq!(stats.drops, 1);
    let stored = s.world.conversations()[0].events().len() as u32;
    assert_eq!(
        stored, stats.drops_after_store,
        "stored exactly when the plan said it would store first"
    );
    s.stop();
}

#[tokio::test]
async fn a_blackholed_socket_answers_nothing_and_stays_open_until_lifted() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    s.faults.set(lpchat_sandbox::FaultPlan {
        blackhole: true,
        ..Default::default()
    });
    send(&mut ws, json!({"kind":"req","id":"1","type":"GetClock"})).await;
    assert!(
        tokio::time::timeout(Duration::from_millis(300), ws.next())
            .await
            .is_err(),
        "nothing comes back, nothing closes"
    );
    s.faults.set(lpchat_sandbox::FaultPlan::default());
    send(&mut ws, json!({"kind":"req","id":"2","type":"GetClock"})).await;
    let resp = recv(&mut ws).await;
    assert_eq!(resp["reqId"], "2");
    assert!(resp["body"]["currentTime"].as_i64().unwrap() > 0);
    s.stop();
}

#[tokio::test]
async fn http_failures_expired_tokens_and_closes_with_a_code_are_injected() {
    let s = sandbox_with(lpchat_sandbox::FaultPlan {
        fail_signup: Some((503, 1)),
        fail_domain_api: Some((500, 1)),
        ..Default::default()
    })
    .await;
    let (status, _) = http(s.addr, "POST", &format!("/api/account/{ACCOUNT}/signup")).await;
    assert_eq!(status, 503);
    let (status, _) = http(
        s.addr,
        "GET",
        &format!("/api/account/{ACCOUNT}/service/baseURI.json?version=1.0"),
    )
    .await;
    assert_eq!(status, 500);
    let old = jwt(s.addr).await; // the plan is spent: signups work again
    let mut ws = socket(s.addr).await;
    send(&mut ws, init(&old)).await;
    recv(&mut ws).await;
    // The control API closes every socket with a chosen code.
    s.world.kick(4401);
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4401));
    // Tokens issued before an expiry are refused; a fresh one is accepted.
    s.faults.expire_tokens(lpchat_sandbox_now_ms() + 1000);
    let mut ws = socket(s.addr).await;
    send(&mut ws, init(&old)).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4401));
    s.faults.expire_tokens(0);
    s.stop();
}

fn lpchat_sandbox_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn planned_drops_can_close_with_a_chosen_code() {
    let s = sandbox_with(lpchat_sandbox::FaultPlan {
        drop_after_frames: Some((2, 2)),
        drop_code: Some(4407),
        ..Default::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    send(&mut ws, json!({"kind":"req","id":"1","type":"GetClock"})).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4407));
    s.stop();
}

#[tokio::test]
async fn latency_is_added_to_every_answer() {
    let s = sandbox_with(lpchat_sandbox::FaultPlan {
        latency_ms: 150,
        ..Default::default()
    })
    .await;
    let started = std::time::Instant::now();
    let (status, _) = http(
        s.addr,
        "GET",
        &format!("/api/account/{ACCOUNT}/service/baseURI.json?version=1.0"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let mut ws = initialised(s.addr).await; // signup, upgrade and the InitConnection answer are each delayed
    let started = std::time::Instant::now();
    send(&mut ws, json!({"kind":"req","id":"1","type":"GetClock"})).await;
    recv(&mut ws).await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    s.stop();
}

fn init_with(jwt: &str, features: &[&str]) -> Value {
    json!({"kind":"req","id":"0","type":"InitConnection","headers":[
        {"type":".ams.headers.ClientProperties","features": features},
        {"type":".ams.headers.ConsumerAuthentication","jwt": jwt}]})
}

/// Reads frames until one satisfies `pick`.
async fn until(ws: &mut Ws, pick: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..20 {
        let f = recv(ws).await;
        if pick(&f) {
            return f;
        }
    }
    panic!("no such frame in 20");
}

#[tokio::test]
async fn with_multi_dialog_the_agent_closing_starts_a_survey_that_an_answer_ends() {
    let s = sandbox_from(Config {
        surveys: true,
        ..Config::default()
    })
    .await;
    let token = jwt(s.addr).await;
    let mut ws = socket(s.addr).await;
    send(&mut ws, init_with(&token, &["MULTI_DIALOG"])).await;
    recv(&mut ws).await;
    send(&mut ws, json!({"kind":"req","id":"1","type":"cqm.SubscribeExConversations","body":{"convState":["OPEN","CLOSE"]}})).await;
    recv(&mut ws).await;
    recv(&mut ws).await; // the empty snapshot
    let conv = request_conversation_with_notice(&mut ws).await;
    s.world
        .close(
            &conv,
            None,
            lpchat_wire::CloseReason::Agent,
            lpchat_sandbox::CloseScope::Main,
        )
        .unwrap();
    let change = until(&mut ws, |f| {
        f["body"]["changes"][0]["result"]["conversationDetails"]["state"] == "CLOSE"
    })
    .await;
    let details = &change["body"]["changes"][0]["result"]["conversationDetails"];
    assert_eq!(
        (details["state"].as_str(), details["stage"].as_str()),
        (Some("CLOSE"), Some("OPEN")),
        "main closed, survey open"
    );
    let survey = details["dialogs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["dialogType"] == "POST_SURVEY")
        .unwrap();
    let survey_id = survey["dialogId"].as_str().unwrap().to_owned();
    assert_ne!(survey_id, conv, "the survey dialog has its own id");
    // Strict where LivePerson is: the survey's subscription names the conversation, not itself, and
    // the survey takes no chat states.
    send(&mut ws, json!({"kind":"req","id":"3","type":"ms.SubscribeMessagingEvents","body":{"dialogId": survey_id,"conversationId": survey_id,"fromSeq":0}})).await;
    let refused = until(&mut ws, |f| f["reqId"] == "3").await;
    assert_eq!(
        refused["code"], 400,
        "a mismatched conversationId: {refused}"
    );
    send(&mut ws, json!({"kind":"req","id":"4","type":"ms.PublishEvent","body":{"dialogId": survey_id,"conversationId": conv,"event":{"type":"ChatStateEvent","chatState":"COMPOSING"}}})).await;
    let refused = until(&mut ws, |f| f["reqId"] == "4").await;
    assert_eq!(
        refused["code"], 400,
        "no chat states on a survey: {refused}"
    );
    send(&mut ws, json!({"kind":"req","id":"5","type":"ms.SubscribeMessagingEvents","body":{"dialogId": survey_id,"conversationId": conv,"fromSeq":0}})).await;
    let question = until(&mut ws, |f| f["type"] == "ms.MessagingEventNotification").await;
    let q = &question["body"]["changes"][0];
    assert_eq!(
        (
            q["sequence"].as_i64(),
            q["originatorMetadata"]["role"].as_str()
        ),
        (Some(0), Some("AGENT")),
        "the survey restarts at 0; bots are AGENT"
    );
    assert_eq!(
        q["event"]["quickReplies"]["replies"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    send(&mut ws, json!({"kind":"req","id":"6","type":"ms.PublishEvent","body":{"dialogId": survey_id,"conversationId": conv,"event":{"type":"ContentEvent","contentType":"text/plain","message":"5"}}})).await;
    let done = until(&mut ws, |f| {
        f["body"]["changes"][0]["result"]["conversationDetails"]["stage"] == "CLOSE"
    })
    .await;
    assert_eq!(
        done["body"]["changes"][0]["result"]["convId"],
        conv.as_str()
    );
    let view = s.world.conversations().into_iter().next().unwrap();
    assert_eq!(
        view.survey.as_ref().unwrap().events.len(),
        3,
        "question, answer, thanks"
    );
    s.stop();
}

#[tokio::test]
async fn without_multi_dialog_or_with_a_full_close_there_is_no_survey() {
    let s = sandbox_from(Config {
        surveys: true,
        ..Config::default()
    })
    .await;
    let mut ws = initialised(s.addr).await; // no MULTI_DIALOG
    let conv = request_conversation(&mut ws, 1).await;
    s.world
        .close(
            &conv,
            None,
            lpchat_wire::CloseReason::Agent,
            lpchat_sandbox::CloseScope::Main,
        )
        .unwrap();
    assert!(s.world.conversations()[0].survey.is_none());
    let token = jwt(s.addr).await;
    let mut ws = socket(s.addr).await;
    send(&mut ws, init_with(&token, &["MULTI_DIALOG"])).await;
    recv(&mut ws).await;
    let conv = request_conversation(&mut ws, 2).await;
    send(&mut ws, json!({"kind":"req","id":"3","type":"cm.UpdateConversationField","body":{"conversationId": conv,"conversationField":[{"field":"ConversationStateField","conversationState":"CLOSE"}]}})).await;
    assert_eq!(recv(&mut ws).await["code"], 200);
    let c = s
        .world
        .conversations()
        .into_iter()
        .find(|c| c.id == conv)
        .unwrap();
    assert!(
        c.survey.is_none() && !c.stage_open,
        "ConversationStateField closes everything without a survey"
    );
    s.stop();
}

async fn post_json(addr: SocketAddr, path: &str, body: &Value) -> (u16, String) {
    common::exchange(addr, "POST", path, Some(body), WAIT).await
}

#[tokio::test]
async fn a_brand_token_authenticates_the_same_user_as_the_same_consumer() {
    let s = sandbox().await;
    let (status, body) = post_json(
        s.addr,
        "/control/brand-token",
        &json!({"user": "alice", "account": ACCOUNT}),
    )
    .await;
    assert_eq!(status, 200);
    let token = serde_json::from_str::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/account/{ACCOUNT}/authenticate");
    let subs: Vec<String> = {
        let mut subs = Vec::new();
        for _ in 0..2 {
            let (status, body) = post_json(s.addr, &path, &json!({"authCode": token})).await;
            assert_eq!(status, 200, "{body}");
            let jwt = serde_json::from_str::<Value>(&body).unwrap()["jwt"]
                .as_str()
                .unwrap()
                .to_owned();
            subs.push(lpchat_wire::jwt_claims(&jwt).unwrap().sub);
        }
        subs
    };
    assert_eq!(subs[0], subs[1], "the same brand user is the same consumer");
    assert_eq!(subs[0].len(), 64);
    let (status, _) = post_json(s.addr, &path, &json!({"authCode": "forged.token.here"})).await;
    assert_eq!(status, 401);
    let (status, _) = post_json(
        s.addr,
        "/api/account/999/authenticate",
        &json!({"authCode": token}),
    )
    .await;
    assert_eq!(status, 401, "a token for another account is refused");
    s.stop();
}

#[tokio::test]
async fn connections_are_bounded_and_freed_when_closed() {
    let s = sandbox_from(Config {
        max_connections: 2,
        ..Config::default()
    })
    .await;
    let url = format!(
        "ws://{}/ws_api/account/{ACCOUNT}/messaging/consumer?v=3",
        s.addr
    );
    let a = socket(s.addr).await;
    let _b = socket(s.addr).await;
    let refused = tokio::time::timeout(WAIT, connect_async(url.clone()))
        .await
        .unwrap();
    match refused {
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => assert_eq!(r.status().as_u16(), 503),
        other => panic!("expected 503, got {other:?}"),
    }
    drop(a);
    // The freed place is usable again (bounded retries: the server notices the close asynchronously).
    let mut opened = false;
    for _ in 0..50 {
        if tokio::time::timeout(WAIT, connect_async(url.clone()))
            .await
            .unwrap()
            .is_ok()
        {
            opened = true;
            break;
        }
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(opened);
    s.stop();
}

#[tokio::test]
async fn malformed_json_is_answered_with_an_error_not_a_crash() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    ws.send(Message::text("{this is not json")).await.unwrap();
    let resp = recv(&mut ws).await;
    assert_eq!(
        (resp["kind"].as_str(), resp["code"].as_i64()),
        (Some("resp"), Some(400))
    );
    send(&mut ws, json!({"kind":"req","id":"2","type":"GetClock"})).await;
    assert_eq!(recv(&mut ws).await["reqId"], "2", "the socket goes on");
    s.stop();
}

#[tokio::test]
async fn unknown_service_paths_are_404_never_the_apps_page() {
    let dist = std::env::temp_dir().join(format!("lpchat-404-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    let s = sandbox_from(Config {
        dist: Some(dist.clone()),
        base_path: String::new(),
        ..Config::default()
    })
    .await;
    for path in [
        format!("/api/account/{ACCOUNT}/service/idp/other.json"),
        format!("/api/account/{ACCOUNT}/no/such/thing"),
        format!("/csdr/account/{ACCOUNT}/no/such/thing"),
        format!("/ws_api/account/{ACCOUNT}/messaging/agent"),
        "/control/nothing".to_owned(),
    ] {
        let (status, body) = http(s.addr, "GET", &path).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("<title>app</title>"), "{path}");
    }
    let (status, body) = http(s.addr, "GET", "/some/page/of/the/app").await;
    assert_eq!(
        (status, body.contains("<title>app</title>")),
        (200, true),
        "the app's own paths still serve it"
    );
    s.stop();
    let _ = std::fs::remove_dir_all(&dist);
}

/// GetClock requests sent back to back; returns how many were answered 429.
async fn burst(ws: &mut Ws, n: usize) -> usize {
    for i in 0..n {
        send(
            ws,
            json!({"kind":"req","id": format!("c{i}"),"type":"GetClock"}),
        )
        .await;
    }
    let mut refused = 0;
    for _ in 0..n {
        let r = until(ws, |f| f["kind"] == "resp").await;
        if r["code"] == 429 {
            refused += 1;
        }
    }
    refused
}

#[tokio::test]
async fn requests_beyond_the_rate_limit_are_answered_429() {
    let s = sandbox().await; // 40 requests a second per socket
    let mut ws = initialised(s.addr).await;
    let refused = burst(&mut ws, 60).await;
    assert!(
        (15..=25).contains(&refused),
        "about 20 of 60 back-to-back requests over a bucket of 40 are refused: {refused}"
    );
    s.stop();
    let s = sandbox_from(Config {
        requests_per_second: 0,
        ..Config::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    assert_eq!(burst(&mut ws, 60).await, 0, "0 turns the limit off");
    s.stop();
}

#[tokio::test]
async fn the_fault_plan_answers_429_and_closes_with_1011_as_drawn() {
    let s = sandbox_with(lpchat_sandbox::FaultPlan {
        throttle_one_in: Some(1),
        ..lpchat_sandbox::FaultPlan::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    assert_eq!(burst(&mut ws, 5).await, 5);
    assert_eq!(s.faults.stats().throttled, 5);
    s.stop();
    let s = sandbox_with(lpchat_sandbox::FaultPlan {
        drop_after_frames: Some((2, 2)),
        close_1011_one_in: Some(1),
        ..lpchat_sandbox::FaultPlan::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    send(&mut ws, json!({"kind":"req","id":"1","type":"GetClock"})).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::Error, "1011");
    assert_eq!(s.faults.stats().closes_1011, 1);
    s.stop();
}
