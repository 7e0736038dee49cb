//! The sandbox's swift host and agent profiles (PROTOCOL.md §5.8, §5.10): temporary URLs from the
//! socket, uploads and downloads over HTTP, refusals as documented. Every await is bounded.

mod common;

use common::{sandbox, Ws, ACCOUNT};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::{net::SocketAddr, time::Duration};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};
use tokio_tungstenite::{connect_async, tungstenite::Message};

const WAIT: Duration = Duration::from_secs(5);

/// One HTTP/1.1 exchange with a byte body; the status and the body's bytes.
async fn raw(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.expect("write");
    s.write_all(body).await.expect("write");
    let mut out = Vec::new();
    tokio::time::timeout(WAIT, s.read_to_end(&mut out))
        .await
        .expect("an answer in time")
        .expect("read");
    let status = std::str::from_utf8(&out[9..12]).unwrap().parse().unwrap();
    let at = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    (status, out[at..].to_vec())
}

async fn recv(ws: &mut Ws) -> Value {
    loop {
        match tokio::time::timeout(WAIT, ws.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap()
        {
            Message::Text(t) => return serde_json::from_str(&t).unwrap(),
            _ => continue,
        }
    }
}

async fn ask(ws: &mut Ws, frame: Value) -> Value {
    let id = frame["id"].clone();
    ws.send(Message::text(frame.to_string())).await.unwrap();
    loop {
        let f = recv(ws).await;
        if f["reqId"] == id {
            return f;
        }
    }
}

/// A consumer with an open conversation that declared `features` in InitConnection.
async fn conversation(addr: SocketAddr, features: &[&str]) -> (Ws, String) {
    let (_, body) = common::exchange(
        addr,
        "POST",
        &format!("/api/account/{ACCOUNT}/signup"),
        None,
        WAIT,
    )
    .await;
    let jwt = serde_json::from_str::<Value>(&body).unwrap()["jwt"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("ws://{addr}/ws_api/account/{ACCOUNT}/messaging/consumer?v=3");
    let mut ws = tokio::time::timeout(WAIT, connect_async(url))
        .await
        .unwrap()
        .unwrap()
        .0;
    let init = json!({"kind":"req","id":"0","type":"InitConnection","headers":[
        {"type":".ams.headers.ClientProperties","deviceFamily":"DESKTOP","os":"OTHER","features": features},
        {"type":".ams.headers.ConsumerAuthentication","jwt": jwt}]});
    assert_eq!(ask(&mut ws, init).await["code"], 200);
    let resp = ask(
        &mut ws,
        json!({"kind":"req","id":"1","type":"cm.ConsumerRequestConversation"}),
    )
    .await;
    let conv = resp["body"]["conversationId"].as_str().unwrap().to_owned();
    (ws, conv)
}

fn temp_url(answer: &Value) -> String {
    let b = &answer["body"];
    format!(
        "{}?temp_url_sig={}&temp_url_expires={}",
        b["relativePath"].as_str().unwrap(),
        b["queryParams"]["temp_url_sig"].as_str().unwrap(),
        b["queryParams"]["temp_url_expires"].as_str().unwrap()
    )
}

#[tokio::test]
async fn a_picture_goes_up_with_its_upload_url_and_comes_down_with_a_download_url() {
    let s = sandbox().await;
    let (mut ws, conv) = conversation(s.addr, &["PHOTO_SHARING"]).await;
    let bytes: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
    let answer = ask(&mut ws, json!({"kind":"req","id":"2","type":"ms.GenerateURLForUploadFile","body":{"fileSize":"5000","fileType":"PNG"}})).await;
    assert_eq!(answer["code"], 200, "{answer}");
    assert_eq!(answer["type"], "ms.BaseGenerateURLResponse");
    assert!(
        answer["body"]["queryParams"]["temp_url_expires"].is_string(),
        "a string, as documented"
    );
    let upload = temp_url(&answer);
    let (status, _) = raw(s.addr, "GET", &upload, &[]).await;
    assert_eq!(status, 401, "an upload URL does not download");
    let (status, _) = raw(
        s.addr,
        "PUT",
        &upload.replace("temp_url_sig=", "temp_url_sig=x"),
        &bytes,
    )
    .await;
    assert_eq!(status, 401, "a wrong signature is refused");
    let (status, _) = raw(s.addr, "PUT", &upload, &bytes).await;
    assert_eq!(status, 201);
    let path = answer["body"]["relativePath"].as_str().unwrap().to_owned();
    assert_eq!(
        s.world.stored_file(&path).as_deref(),
        Some(bytes.as_slice())
    );
    let published = ask(&mut ws, json!({"kind":"req","id":"3","type":"ms.PublishEvent","body":{"dialogId": conv,
        "event":{"type":"ContentEvent","contentType":"hosted/file","message":{"caption":"c","relativePath": path,"fileType":"PNG"}}}})).await;
    assert_eq!(published["code"], 200);
    let answer = ask(&mut ws, json!({"kind":"req","id":"4","type":"ms.GenerateURLForDownloadFile","body":{"relativePath": path}})).await;
    assert_eq!(answer["code"], 200);
    let (status, got) = raw(s.addr, "GET", &temp_url(&answer), &[]).await;
    assert_eq!((status, got), (200, bytes));
    s.stop();
}

#[tokio::test]
async fn no_upload_url_for_a_consumer_that_did_not_declare_photo_sharing() {
    let s = sandbox().await;
    let (mut ws, _) = conversation(s.addr, &["RICH_CONTENT"]).await;
    let answer = ask(&mut ws, json!({"kind":"req","id":"2","type":"ms.GenerateURLForUploadFile","body":{"fileSize":"5000","fileType":"PNG"}})).await;
    assert_eq!(answer["code"], 400, "{answer}");
    s.stop();
}

#[tokio::test]
async fn other_types_large_files_and_unknown_paths_are_refused() {
    let s = sandbox().await;
    let (mut ws, _) = conversation(s.addr, &["PHOTO_SHARING"]).await;
    for (i, body) in [
        json!({"fileSize": 1000, "fileType": "PDF"}),
        json!({"fileSize": "3145729", "fileType": "JPG"}),
    ]
    .into_iter()
    .enumerate()
    {
        let answer = ask(&mut ws, json!({"kind":"req","id": format!("u{i}"),"type":"ms.GenerateURLForUploadFile","body": body})).await;
        assert_eq!(answer["code"], 400, "{answer}");
    }
    let answer = ask(&mut ws, json!({"kind":"req","id":"d","type":"ms.GenerateURLForDownloadFile","body":{"relativePath":"/v1/AUTH_async-images/x.png"}})).await;
    assert_eq!(answer["code"], 400);
    s.stop();
}

#[tokio::test]
async fn agents_have_a_public_profile_and_strangers_do_not() {
    let s = sandbox().await;
    let (_ws, conv) = conversation(s.addr, &["PHOTO_SHARING"]).await;
    let agent = s.world.agent_of(&conv).unwrap();
    let (status, body) = common::exchange(
        s.addr,
        "GET",
        &format!("/api/account/{ACCOUNT}/configuration/le-users/users/{agent}"),
        None,
        WAIT,
    )
    .await;
    assert_eq!(status, 200);
    let profile: Value = serde_json::from_str(&body).unwrap();
    for field in ["nickname", "fullName", "pictureUrl", "employeeId"] {
        assert!(
            profile[field].is_string(),
            "{field} as in fixture 82: {profile}"
        );
    }
    let (status, _) = common::exchange(
        s.addr,
        "GET",
        &format!("/api/account/{ACCOUNT}/configuration/le-users/users/nobody"),
        None,
        WAIT,
    )
    .await;
    assert_eq!(status, 404);
    s.stop();
}
