//! Helpers shared by the sandbox's integration tests (each test file uses some of them).
#![allow(dead_code)]

use serde_json::Value;
use std::{net::SocketAddr, time::Duration};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// A minimal HTTP/1.1 exchange, with an optional JSON body, answered within `limit` (keeps the tests
/// free of an HTTP client dependency). Returns the status and the body.
pub async fn exchange(
    addr: SocketAddr,
    method: &str,
    path: &str,
    json: Option<&Value>,
    limit: Duration,
) -> (u16, String) {
    let body = json.map(Value::to_string).unwrap_or_default();
    let content_type = if json.is_some() {
        "Content-Type: application/json\r\n"
    } else {
        ""
    };
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{content_type}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.expect("write");
    let mut out = String::new();
    tokio::time::timeout(limit, s.read_to_string(&mut out))
        .await
        .expect("an answer in time")
        .expect("read");
    let status = out
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    (
        status,
        out.split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default(),
    )
}

/// A WebSocket client's stream.
pub type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<TcpStream>>;

/// The demo account.
pub const ACCOUNT: &str = "12345678";

/// A sandbox on a free loopback port, every service on it (these tests are of the protocol; the
/// hosts of their own are `hosts.rs`'s).
pub async fn sandbox() -> lpchat_sandbox::Running {
    lpchat_sandbox::start(lpchat_sandbox::Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        one_port: true,
        ..lpchat_sandbox::Config::default()
    })
    .await
    .expect("binds loopback")
}
