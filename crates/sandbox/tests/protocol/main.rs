//! The sandbox speaks the documented protocol, and is no kinder than LivePerson where the docs say so.
//! A real WebSocket client on loopback; every await is bounded. One module per concern; the client's
//! steps and the frames it sends are here.

#[path = "../common/mod.rs"]
mod common;

mod conversation;
mod faults;
mod identity;
mod limits;
mod survey;

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

async fn post_json(addr: SocketAddr, path: &str, body: &Value) -> (u16, String) {
    common::exchange(addr, "POST", path, Some(body), WAIT).await
}

/// The Domain API's answer for the demo account (`version` as the query asks for it).
async fn domain_api(addr: SocketAddr, query: &str) -> (u16, String) {
    let path = format!("/api/account/{ACCOUNT}/service/baseURI.json{query}");
    http(addr, "GET", &path).await
}

async fn jwt(addr: SocketAddr) -> String {
    let (status, body) = http(addr, "POST", &format!("/api/account/{ACCOUNT}/signup")).await;
    assert_eq!(status, 200);
    serde_json::from_str::<Value>(&body).unwrap()["jwt"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn socket_url(addr: SocketAddr) -> String {
    format!("ws://{addr}/ws_api/account/{ACCOUNT}/messaging/consumer?v=3")
}

async fn socket(addr: SocketAddr) -> Ws {
    tokio::time::timeout(WAIT, connect_async(socket_url(addr)))
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

/// A response's request id and code, to compare with what was expected.
fn answer(resp: &Value) -> (Option<&str>, Option<i64>) {
    (resp["reqId"].as_str(), resp["code"].as_i64())
}

/// Sends `frame` and reads the next frame, its answer.
async fn ask(ws: &mut Ws, frame: Value) -> Value {
    send(ws, frame).await;
    recv(ws).await
}

// ----- the frames the client sends -------------------------------------------------------------

fn init(jwt: &str) -> Value {
    json!({"kind":"req","id":"0","type":"InitConnection","headers":[
        {"type":".ams.headers.ClientProperties","deviceFamily":"DESKTOP","os":"OTHER"},
        {"type":".ams.headers.ConsumerAuthentication","jwt": jwt}]})
}

fn init_with(jwt: &str, features: &[&str]) -> Value {
    json!({"kind":"req","id":"0","type":"InitConnection","headers":[
        {"type":".ams.headers.ClientProperties","features": features},
        {"type":".ams.headers.ConsumerAuthentication","jwt": jwt}]})
}

fn request_conversation_frame(id: &str) -> Value {
    json!({"kind":"req","id": id,"type":"cm.ConsumerRequestConversation"})
}

/// `ms.PublishEvent` of a text message to `dialog`.
fn publish(id: &str, dialog: &str, text: &str) -> Value {
    json!({"kind":"req","id": id,"type":"ms.PublishEvent","body":{"dialogId": dialog,
           "event":{"type":"ContentEvent","contentType":"text/plain","message": text}}})
}

/// `ms.SubscribeMessagingEvents` to `dialog` from its first event.
fn subscribe(id: &str, dialog: &str) -> Value {
    json!({"kind":"req","id": id,"type":"ms.SubscribeMessagingEvents","body":{"dialogId": dialog,"fromSeq":0}})
}

/// The consumer closes the conversation (`cm.UpdateConversationField`).
fn close_conversation(id: &str, conversation: &str) -> Value {
    json!({"kind":"req","id": id,"type":"cm.UpdateConversationField","body":{"conversationId": conversation,
           "conversationField":{"field":"ConversationStateField","conversationState":"CLOSE"}}})
}

fn get_clock(id: &str) -> Value {
    json!({"kind":"req","id": id,"type":"GetClock"})
}

// ----- the client's steps ----------------------------------------------------------------------

/// A sandbox with this fault plan, on a free loopback port.
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

/// A socket whose InitConnection was accepted.
async fn initialised(addr: SocketAddr) -> Ws {
    let token = jwt(addr).await;
    let mut ws = socket(addr).await;
    let resp = ask(&mut ws, init(&token)).await;
    assert_eq!(answer(&resp), (Some("0"), Some(200)));
    ws
}

async fn request_conversation(ws: &mut Ws, id: i64) -> String {
    let frame = json!({"kind":"req","id": id,"type":"cm.ConsumerRequestConversation"});
    let resp = ask(ws, frame).await;
    assert_eq!(
        resp["reqId"],
        json!(id.to_string()),
        "the numeric id comes back as a string"
    );
    assert_eq!(resp["code"], 200, "{resp}");
    resp["body"]["conversationId"].as_str().unwrap().to_owned()
}

/// Requests a conversation while subscribed: the response and an UPSERT arrive in either order.
async fn request_conversation_with_notice(ws: &mut Ws) -> String {
    send(ws, request_conversation_frame("9")).await;
    let (a, b) = (recv(ws).await, recv(ws).await);
    let resp = if a["kind"] == "resp" { a } else { b };
    resp["body"]["conversationId"].as_str().unwrap().to_owned()
}

/// The agent closes the conversation's main dialog (the control side).
fn agent_closes(s: &Running, conversation: &str) {
    s.world
        .close(
            conversation,
            None,
            lpchat_wire::CloseReason::Agent,
            lpchat_sandbox::CloseScope::Main,
        )
        .unwrap();
}
