//! The idp's unauthenticated sign-ins as PROTOCOL.md §2.1 and §2.3 describe them, with each account's
//! policy: the connector flow, its refresh, and `/signup`, each refusable per account.

mod common;

use common::{exchange, sandbox, ACCOUNT};
use futures_util::{SinkExt, StreamExt};
use lpchat_sandbox::SignInPolicy;
use serde_json::{json, Value};
use std::{net::SocketAddr, time::Duration};
use tokio_tungstenite::tungstenite::Message;

const LIMIT: Duration = Duration::from_secs(5);

async fn post(addr: SocketAddr, path: &str, body: Option<&Value>) -> (u16, Value) {
    let (status, text) = exchange(addr, "POST", path, body, LIMIT).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn connectors(addr: SocketAddr) -> Vec<Value> {
    let path = format!("/api/account/{ACCOUNT}/configuration/le-connectors/all-connectors");
    let (status, text) = exchange(addr, "GET", &path, None, LIMIT).await;
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).expect("a JSON array")
}

fn unauthenticated(list: &[Value]) -> Option<String> {
    lpchat_wire::connectors::unauthenticated(&Value::Array(list.to_vec()))
}

async fn authorize(addr: SocketAddr, earlier: Option<&str>) -> (u16, Value) {
    let body = match earlier {
        Some(t) => json!({"id_token": t}),
        None => json!({}),
    };
    post(
        addr,
        &format!("/api/account/{ACCOUNT}/anonymous/authorize"),
        Some(&body),
    )
    .await
}

async fn authenticate(addr: SocketAddr, connector: &str, external: &str) -> (u16, Value) {
    let path = format!("/api/account/{ACCOUNT}/app/{connector}/authenticate?v=3.0");
    post(addr, &path, Some(&json!({"id_token": external}))).await
}

async fn policy(addr: SocketAddr, signup: bool, unauthenticated: bool) {
    let body = serde_json::to_value(SignInPolicy {
        signup,
        unauthenticated,
    })
    .expect("JSON");
    let path = format!("/control/accounts/{ACCOUNT}/sign-in");
    assert_eq!(post(addr, &path, Some(&body)).await.0, 204);
}

fn sub(token: &str) -> String {
    lpchat_wire::jwt_claims(token).expect("a token").sub
}

/// Whether the messaging service accepts `token` in InitConnection.
async fn accepted(addr: SocketAddr, token: &str) -> bool {
    let url = format!("ws://{addr}/ws_api/account/{ACCOUNT}/messaging/consumer?v=3");
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.expect("socket");
    let init = json!({"kind": "req", "id": "1", "type": "InitConnection", "body": {}, "headers": [
        {"type": ".ams.headers.ConsumerAuthentication", "jwt": token}]});
    ws.send(Message::text(init.to_string()))
        .await
        .expect("send");
    let answer = tokio::time::timeout(LIMIT, ws.next())
        .await
        .expect("in time");
    matches!(answer, Some(Ok(Message::Text(t))) if t.contains("\"code\":200"))
}

#[tokio::test]
async fn the_connector_flow_issues_a_consumer_token_and_a_refresh_keeps_the_consumer() {
    let s = sandbox().await;
    let list = connectors(s.addr).await;
    let connector = unauthenticated(&list).expect("an unauthenticated connector is listed");
    assert!(
        list.len() > 1,
        "the brand's authentication connector is listed too"
    );

    let (status, first) = authorize(s.addr, None).await;
    assert_eq!(status, 200, "{first}");
    let external = first["token"]
        .as_str()
        .expect("`token`, not `jwt`")
        .to_owned();
    let (status, answer) = authenticate(s.addr, &connector, &external).await;
    assert_eq!(status, 200, "{answer}");
    let token = answer["token"].as_str().expect("`token`").to_owned();
    assert!(
        accepted(s.addr, &token).await,
        "the messaging service takes it"
    );

    let (status, refreshed) = authorize(s.addr, Some(&external)).await;
    assert_eq!(status, 200);
    let external2 = refreshed["token"].as_str().expect("token").to_owned();
    let (_, again) = authenticate(s.addr, &connector, &external2).await;
    let token2 = again["token"].as_str().expect("token");
    assert_eq!(sub(token2), sub(&token), "the same consumer");
    let (_, other) = authorize(s.addr, None).await;
    let (_, other) = authenticate(s.addr, &connector, other["token"].as_str().unwrap_or("")).await;
    assert_ne!(
        sub(other["token"].as_str().unwrap_or("")),
        sub(&token),
        "a new one"
    );
    s.stop();
}

#[tokio::test]
async fn the_connector_flow_checks_what_lp_documents() {
    let s = sandbox().await;
    let (_, first) = authorize(s.addr, None).await;
    let external = first["token"].as_str().unwrap_or("").to_owned();
    // Not JSON: refused (§2.3 says JSON content type).
    let path = format!("/api/account/{ACCOUNT}/anonymous/authorize");
    assert_eq!(exchange(s.addr, "POST", &path, None, LIMIT).await.0, 415);
    // Without v=3.0, with another connector, without or with a forged token: refused.
    let no_version = format!("/api/account/{ACCOUNT}/app/2/authenticate");
    let body = json!({"id_token": external});
    assert_eq!(post(s.addr, &no_version, Some(&body)).await.0, 400);
    assert_eq!(authenticate(s.addr, "9", &external).await.0, 401);
    assert_eq!(authenticate(s.addr, "2", "a.b.c").await.0, 401);
    let no_token = format!("/api/account/{ACCOUNT}/app/2/authenticate?v=3.0");
    assert_eq!(post(s.addr, &no_token, Some(&json!({}))).await.0, 400);
    // An external token is not a consumer token.
    assert!(!accepted(s.addr, &external).await);
    assert_eq!(
        authorize(s.addr, Some("a.b.c")).await.0,
        401,
        "no refresh of a forgery"
    );
    s.stop();
}

#[tokio::test]
async fn each_sign_in_can_be_refused_per_account() {
    let s = sandbox().await;
    let signup = format!("/api/account/{ACCOUNT}/signup");
    assert_eq!(post(s.addr, &signup, None).await.0, 200, "both by default");

    policy(s.addr, false, true).await;
    assert_eq!(post(s.addr, &signup, None).await.0, 403);
    assert_eq!(authorize(s.addr, None).await.0, 200);
    let other = "/api/account/87654321/signup";
    assert_eq!(post(s.addr, other, None).await.0, 200, "only that account");

    policy(s.addr, true, false).await;
    assert_eq!(unauthenticated(&connectors(s.addr).await), None);
    assert_eq!(authorize(s.addr, None).await.0, 403);
    assert_eq!(authenticate(s.addr, "2", "a.b.c").await.0, 401);
    assert_eq!(post(s.addr, &signup, None).await.0, 200);
    s.stop();
}
