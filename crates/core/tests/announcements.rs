//! What the transcript announces to a screen reader: new messages, not a history going in.

mod support;

use lpchat_core::{Input, Intent};
use serde_json::json;
use std::time::Duration;
use support::*;

#[test]
fn a_replayed_history_goes_in_quietly_and_new_messages_are_announced() {
    let mut h = Harness::with_storage(stored_identity(Some(CONV)));
    h.user(Intent::Resume {
        account: Some(ACCOUNT.into()),
        csds: Some(CSDS.into()),
    });
    let (conn, _) = h.expect_open();
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    while h.next_command().is_some() {}
    assert!(!h.view().announce, "quiet from the resubscription");
    h.messages(json!([
        {"sequence": 0, "originatorId": "agent-1", "serverTimestamp": 6, "dialogId": CONV,
         "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "old news"}}
    ]));
    assert!(!h.view().announce, "the history is not read out");
    h.advance(Duration::from_millis(999));
    assert!(!h.view().announce);
    h.advance(Duration::from_millis(1));
    assert!(h.view().announce, "what comes next is announced");
    h.user(Intent::ShowEarlier);
    assert!(!h.view().announce, "nor are earlier entries");
}

#[test]
fn a_new_conversation_announces_from_the_start() {
    let mut h = Harness::open_conversation();
    assert!(h.view().announce);
    h.messages(json!([
        {"sequence": 0, "originatorId": "agent-1", "serverTimestamp": 6, "dialogId": CONV,
         "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "Hello"}}
    ]));
    assert!(h.view().announce);
}
