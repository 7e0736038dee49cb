//! Reloads: what is stored per account, and how a new page continues from it.

mod support;

use lpchat_core::{storage_key, Command, HttpMethod, Input, Intent, StoredAccount};
use serde_json::json;
use support::*;

fn resume(h: &mut Harness) {
    h.user(Intent::Resume {
        account: Some(ACCOUNT.into()),
        csds: Some(CSDS.into()),
    });
}

#[test]
fn the_account_record_holds_what_a_reload_needs_and_follows_the_conversation() {
    let mut h = Harness::open_conversation();
    let stored = h.stored().expect("a record");
    assert_eq!(stored.csds, CSDS);
    assert_eq!(
        (stored.idp.as_deref(), stored.ums.as_deref()),
        (Some("va.idp.test"), Some("va.msg.test"))
    );
    assert_eq!(stored.jwt, Some(jwt()));
    assert_eq!(stored.conversation_id.as_deref(), Some(CONV));
    assert!(
        !format!("{stored:?}").contains(&jwt()),
        "Debug hides the token"
    );
    assert!(
        h.storage.keys().all(|k| k.starts_with("lpchat.")),
        "keys of our own"
    );
    h.user(Intent::EndConversation);
    let (id, _) = h.expect_request("cm.UpdateConversationField");
    h.respond(&id, 200, None);
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[conversation_change("CLOSE", Some("CONSUMER"))]}}));
    while h.next_command().is_some() {} // stores are applied as commands are taken
    assert_eq!(h.stored().unwrap().conversation_id, None);
}

#[test]
fn a_reload_continues_the_conversation_in_three_round_trips_without_signup() {
    let before = Harness::open_conversation();
    let mut h = Harness::with_storage(before.storage.clone());
    resume(&mut h);
    // Round trip 1: the socket (no Domain API, no signup).
    let (conn, url) = h.expect_open();
    assert_eq!(
        url,
        "wss://va.msg.test/ws_api/account/12345678/messaging/consumer?v=3"
    );
    h.no_more_commands();
    h.input(Input::WsOpened { conn });
    // Round trip 2: InitConnection with the stored token.
    let (init, frame) = h.expect_request("InitConnection");
    assert_eq!(frame["headers"][1]["jwt"], jwt());
    h.respond(&init, 200, None);
    // Round trip 3: both subscriptions at once; the history arrives.
    let (sub, _) = h.expect_request("cqm.SubscribeExConversations");
    let (msgs, frame) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(
        (
            frame["body"]["dialogId"].as_str(),
            frame["body"]["fromSeq"].as_i64()
        ),
        (Some(CONV), Some(0))
    );
    h.no_more_commands();
    h.respond(&sub, 200, Some(json!({"subscriptionId": "s"})));
    h.respond(&msgs, 200, None);
    h.messages(json!([{"sequence": 0, "originatorId": SUB, "event": {"type":"ContentEvent","contentType":"text/plain","message":"before the reload"}, "dialogId": CONV}]));
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[conversation_change("OPEN", None)]}}));
    assert_eq!(h.view().status, "Conversation open");
    assert_eq!(
        h.entries(),
        vec![("consumer".to_owned(), "before the reload".to_owned())]
    );
    h.no_more_commands();
}

#[test]
fn without_a_stored_open_conversation_a_page_load_waits_for_the_user() {
    for storage in [Default::default(), {
        let mut m = std::collections::HashMap::new();
        m.insert(
            storage_key(ACCOUNT),
            StoredAccount {
                csds: CSDS.into(),
                jwt: Some(jwt()),
                ..Default::default()
            }
            .encode(),
        );
        m
    }] {
        let mut h = Harness::with_storage(storage);
        resume(&mut h);
        h.no_more_commands();
        assert_eq!(h.view().status, "Not connected");
        assert_eq!(h.view().alert, None);
        assert!(h.view().can_connect);
    }
}

fn stored_with(jwt: String, csds: &str) -> std::collections::HashMap<String, String> {
    let record = StoredAccount {
        csds: csds.into(),
        idp: Some("va.idp.test".into()),
        ums: Some("va.msg.test".into()),
        jwt: Some(jwt),
        conversation_id: Some(CONV.into()),
        ..Default::default()
    };
    [(storage_key(ACCOUNT), record.encode())]
        .into_iter()
        .collect()
}

fn token_expiring_at(exp_s: i64) -> String {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    let payload = json!({"sub": SUB, "exp": exp_s});
    format!("e30.{}.c2ln", URL_SAFE_NO_PAD.encode(payload.to_string()))
}

#[test]
fn an_expired_stored_token_is_not_used() {
    let wall_now_s = (WALL_ORIGIN_MS + 1_000) / 1000;
    let mut h = Harness::with_storage(stored_with(token_expiring_at(wall_now_s + 30), CSDS));
    h.connect();
    let (_, url) = h.expect_http(HttpMethod::Post);
    assert!(
        url.ends_with("/signup"),
        "a token that expires within a minute is replaced"
    );
    let mut h = Harness::with_storage(stored_with(token_expiring_at(wall_now_s + 3600), CSDS));
    h.connect();
    h.expect_open();
}

#[test]
fn a_record_for_another_domain_api_or_a_corrupt_one_is_ignored() {
    let mut h = Harness::with_storage(stored_with(jwt(), "https://elsewhere.test"));
    h.connect();
    let (_, url) = h.expect_http(HttpMethod::Get);
    assert!(url.starts_with(CSDS));
    let mut h = Harness::with_storage(
        [(storage_key(ACCOUNT), "{not json".to_owned())]
            .into_iter()
            .collect(),
    );
    h.connect();
    h.expect_http(HttpMethod::Get);
}

#[test]
fn stored_hosts_that_no_longer_work_are_looked_up_again_once() {
    let mut h = Harness::with_storage(stored_identity(Some(CONV)));
    h.connect();
    h.expect_open();
    h.closed(1006);
    let (id, _) = h.expect_http(HttpMethod::Get);
    assert_eq!(h.view().alert, None);
    h.http_reply(id, 200, &Harness::domains_body());
    h.expect_open();
    h.closed(1006);
    assert!(
        h.view().alert.unwrap().contains("closed unexpectedly"),
        "the second failure is reported"
    );
}

#[test]
fn a_stored_conversation_that_was_closed_meanwhile_is_shown_closed() {
    let mut h = Harness::with_storage(stored_identity(Some(CONV)));
    resume(&mut h);
    let (conn, _) = h.expect_open();
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    h.expect_request("cqm.SubscribeExConversations");
    h.expect_request("ms.SubscribeMessagingEvents");
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[conversation_change("CLOSE", Some("AGENT"))]}}));
    assert_eq!(h.view().status, "Conversation closed");
    assert!(h.view().can_start_conversation);
    assert!(!matches!(h.next_command(), Some(Command::Send { .. })));
    assert_eq!(h.stored().unwrap().conversation_id, None);
}

#[test]
fn a_stored_identity_may_have_conversations_so_the_snapshot_is_awaited() {
    let mut h = Harness::with_storage(stored_identity(None));
    h.connect();
    let (conn, _) = h.expect_open();
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    assert_eq!(h.view().status, "Connected, looking for your conversation…");
    assert!(
        !h.view().can_start_conversation,
        "not before the snapshot says none is open"
    );
}
