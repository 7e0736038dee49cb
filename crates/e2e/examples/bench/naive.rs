//! The naive client the critical paths are compared with: each step awaited before the next.

use super::ACCOUNT;
use futures_util::{SinkExt, StreamExt};
use lpchat_sandbox::{Running, Service};
use serde_json::{json, Value};
use std::{net::SocketAddr, time::Instant};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};
use tokio_tungstenite::{connect_async, tungstenite::Message};

async fn http(addr: SocketAddr, method: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.expect("write");
    let mut out = String::new();
    s.read_to_string(&mut out).await.expect("read");
    out.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default()
}

/// A client that awaits each step before the next: discovery, signup, socket, InitConnection, the
/// conversation subscription and its snapshot, the conversation request, the messages subscription.
pub(crate) async fn naive(sandbox: &Running) -> f64 {
    let started = Instant::now();
    let (domain, idp, ums) = (
        sandbox.service_addr(Service::Domain),
        sandbox.service_addr(Service::Idp),
        sandbox.service_addr(Service::Messaging),
    );
    http(
        domain,
        "GET",
        &format!("/api/account/{ACCOUNT}/service/baseURI.json?version=1.0"),
    )
    .await;
    let jwt = serde_json::from_str::<Value>(
        &http(idp, "POST", &format!("/api/account/{ACCOUNT}/signup")).await,
    )
    .unwrap()["jwt"]
        .clone();
    let (mut ws, _) = connect_async(format!(
        "ws://{ums}/ws_api/account/{ACCOUNT}/messaging/consumer?v=3"
    ))
    .await
    .expect("socket");
    // Sends a request and reads frames until its answer (notifications may come first).
    let ask = async |ws: &mut tokio_tungstenite::WebSocketStream<_>, frame: Value| -> Value {
        let id = frame["id"].clone();
        ws.send(Message::text(frame.to_string())).await.unwrap();
        loop {
            let Some(Ok(Message::Text(t))) = ws.next().await else {
                panic!("socket ended")
            };
            let v: Value = serde_json::from_str(&t).unwrap();
            if v["kind"] == "resp" && v["reqId"] == id {
                return v;
            }
        }
    };
    ask(&mut ws, json!({"kind":"req","id":"1","type":"InitConnection","headers":[{"type":".ams.headers.ConsumerAuthentication","jwt": jwt}]})).await;
    ask(&mut ws, json!({"kind":"req","id":"2","type":"cqm.SubscribeExConversations","body":{"convState":["OPEN"]}})).await;
    let Some(Ok(Message::Text(_snapshot))) = ws.next().await else {
        panic!("no snapshot")
    };
    let resp = ask(
        &mut ws,
        json!({"kind":"req","id":"3","type":"cm.ConsumerRequestConversation"}),
    )
    .await;
    let conversation = resp["body"]["conversationId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    ask(&mut ws, json!({"kind":"req","id":"4","type":"ms.SubscribeMessagingEvents","body":{"dialogId": conversation,"fromSeq":0}})).await;
    started.elapsed().as_secs_f64() * 1000.0
}
