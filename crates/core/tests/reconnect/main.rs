//! Robustness: reconnect with backoff, identity renewal, keepalive, offline, the outbox and resync.
//! All on virtual time.

#[path = "../support/mod.rs"]
mod support;

use lpchat_core::{Command, Delivery, HttpMethod, Input, Intent};
use serde_json::{json, Value};
use support::*;

mod link;
mod resync;

/// The next command must be a reconnect attempt on a new socket.
fn expect_reopen(h: &mut Harness) {
    let (conn, url) = h.expect_open();
    assert!(url.starts_with("wss://va.msg.test/"));
    h.input(Input::WsOpened { conn });
}

fn agent(seq: i64, text: &str) -> Value {
    json!({"sequence": seq, "originatorId": "agent-1", "originatorMetadata": {"id": "agent-1", "role": "ASSIGNED_AGENT"},
           "event": {"type": "ContentEvent", "contentType": "text/plain", "message": text}, "dialogId": CONV})
}

fn mine(seq: i64, text: &str, external_id: Option<&str>) -> Value {
    let mut c = json!({"sequence": seq, "originatorId": SUB, "originatorMetadata": {"id": SUB, "role": "CONSUMER"},
           "event": {"type": "ContentEvent", "contentType": "text/plain", "message": text}, "dialogId": CONV});
    if let Some(id) = external_id {
        c["metadata"] = json!([{"type": "ExternalId", "id": id}]);
    }
    c
}

/// After a reopen: answers InitConnection and returns the two requests sent together right after it.
fn sign_in_again(h: &mut Harness) -> (Value, Value) {
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    let (_, sub) = h.expect_request("cqm.SubscribeExConversations");
    let (_, msgs) = h.expect_request("ms.SubscribeMessagingEvents");
    (sub, msgs)
}

/// Advances virtual time until the session opens a socket; returns how long that took.
fn wait_for_reopen(h: &mut Harness) -> u64 {
    let start = h.now;
    for _ in 0..100 {
        match h.next_command() {
            Some(Command::OpenSocket { conn, .. }) => {
                h.conn = Some(conn);
                return h.now.0 - start.0;
            }
            Some(other) => panic!("unexpected {other:?}"),
            None => h.advance_to_next_timeout(),
        }
    }
    panic!("no reconnect attempt");
}
