//! Core throughput: decoding and applying agent messages, natively. `cargo bench -p lpchat-core`.
//! Prints `core: <frames> frames in <ms> ms = <rate> frames/s`.

use lpchat_core::{Command, ConnId, HttpReply, Input, Intent, Millis, Session};
use serde_json::json;
use std::time::Instant;

fn drain(s: &mut Session) -> Vec<Command> {
    std::iter::from_fn(|| s.poll_command()).collect()
}

fn main() {
    let frames: u64 = std::env::var("LPCHAT_BENCH_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let mut s = Session::new();
    let t = Millis(0);
    s.handle_input(
        t,
        Input::User(Intent::Connect {
            account: "1".into(),
            csds: Some("https://csds.test".into()),
            auth_code: None,
        }),
    );
    let load = drain(&mut s)
        .into_iter()
        .find_map(|c| match c {
            Command::Load { key } => Some(key),
            _ => None,
        })
        .expect("load");
    s.handle_input(
        t,
        Input::Loaded {
            key: load,
            value: None,
        },
    );
    let http = |s: &mut Session, body: String| {
        let id = drain(s)
            .into_iter()
            .find_map(|c| match c {
                Command::Http { id, .. } => Some(id),
                _ => None,
            })
            .expect("http");
        s.handle_input(
            t,
            Input::HttpDone {
                id,
                result: Ok(HttpReply { status: 200, body }),
            },
        );
    };
    http(&mut s, json!({"baseURIs": [{"service":"idp","baseURI":"idp.test"},{"service":"asyncMessagingEnt","baseURI":"msg.test"}]}).to_string());
    http(
        &mut s,
        json!({"jwt": "e30.eyJzdWIiOiJtZSJ9.c2ln"}).to_string(),
    );
    let conn = drain(&mut s)
        .into_iter()
        .find_map(|c| match c {
            Command::OpenSocket { conn, .. } => Some(conn),
            _ => None,
        })
        .expect("socket");
    let reply = |s: &mut Session, conn: ConnId, body: serde_json::Value| {
        let id = drain(s)
            .into_iter()
            .filter_map(|c| match c {
                Command::Send { text, .. } => Some(text),
                _ => None,
            })
            .next_back()
            .expect("a request");
        let id = serde_json::from_str::<serde_json::Value>(&id).unwrap()["id"].clone();
        s.handle_input(
            t,
            Input::WsFrame {
                conn,
                text: json!({"kind":"resp","reqId": id,"code":200,"body": body}).to_string(),
            },
        );
    };
    s.handle_input(t, Input::WsOpened { conn });
    reply(&mut s, conn, json!(null));
    s.handle_input(t, Input::User(Intent::StartConversation));
    reply(&mut s, conn, json!({"conversationId": "c"}));
    drain(&mut s);
    let texts: Vec<String> = (0..frames)
        .map(|i| json!({"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"sequence": i,"originatorId":"agent","originatorMetadata":{"id":"agent","role":"ASSIGNED_AGENT"},"serverTimestamp": 1,"event":{"type":"ContentEvent","contentType":"text/plain","message": format!("message {i}")},"dialogId":"c"}]}}).to_string())
        .collect();
    let started = Instant::now();
    for text in texts {
        s.handle_input(t, Input::WsFrame { conn, text });
        while s.poll_command().is_some() {}
    }
    let elapsed = started.elapsed();
    let rate = frames as f64 / elapsed.as_secs_f64();
    println!(
        "core: {frames} frames in {} ms = {rate:.0} frames/s",
        elapsed.as_millis()
    );
    assert!(s.view().transcript.len() > 1, "the frames were applied");
}
