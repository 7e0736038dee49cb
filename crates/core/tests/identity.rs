//! Authenticated identities (PROTOCOL.md §2.2): the brand's token exchanged at `/authenticate`.

mod support;

use lpchat_core::{Command, HttpMethod, Input, Intent};
use serde_json::json;
use support::*;

fn connect_with(h: &mut Harness, code: &str) {
    h.user(Intent::Connect {
        account: ACCOUNT.into(),
        csds: Some(CSDS.into()),
        auth_code: Some(code.into()),
        connector: None,
    });
}

#[test]
fn a_brand_token_is_exchanged_at_authenticate_and_its_conversations_are_looked_for() {
    let mut h = Harness::new();
    connect_with(&mut h, " brand-token ");
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(id, 200, &Harness::domains_body());
    let command = h.next_command().unwrap();
    let Command::Http {
        id,
        method,
        url,
        body,
    } = command.clone()
    else {
        panic!("{command:?}")
    };
    assert_eq!(
        (method, url.as_str()),
        (
            HttpMethod::Post,
            "https://va.idp.test/api/account/12345678/authenticate"
        )
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body.unwrap()).unwrap(),
        json!({"authCode": "brand-token"})
    );
    assert!(
        !format!("{command:?}").contains("brand-token"),
        "Debug hides the token"
    );
    h.http_reply(id, 200, &json!({"jwt": jwt()}).to_string());
    let (conn, _) = h.expect_open();
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    h.expect_request("cqm.SubscribeExConversations");
    assert_eq!(
        h.view().status,
        "Connected, looking for your conversation…",
        "an authenticated consumer may have one open"
    );
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[conversation_change("OPEN", None)]}}));
    assert_eq!(h.view().status, "Conversation open");
    assert!(h.stored().unwrap().authenticated);
    assert!(
        !h.storage.values().any(|v| v.contains("brand-token")),
        "the brand's token is never stored"
    );
}

#[test]
fn a_refused_authenticated_identity_asks_for_a_new_token_instead_of_signing_up() {
    let mut h = Harness::new();
    connect_with(&mut h, "brand-token");
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(id, 200, &Harness::domains_body());
    let (id, _) = h.expect_http(HttpMethod::Post);
    h.http_reply(id, 200, &json!({"jwt": jwt()}).to_string());
    let (conn, _) = h.expect_open();
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    while h.next_command().is_some() {}
    h.closed(4401);
    h.no_more_commands();
    assert!(h
        .view()
        .alert
        .unwrap()
        .contains("Paste a new token under Settings"));
    assert!(h.view().can_connect);
}

#[test]
fn a_rejected_token_is_explained() {
    let mut h = Harness::new();
    connect_with(&mut h, "wrong");
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(id, 200, &Harness::domains_body());
    let (id, _) = h.expect_http(HttpMethod::Post);
    h.http_reply(id, 401, "");
    assert_eq!(h.view().alert.unwrap(), "Getting a consumer identity: the server refused the request (HTTP 401). Press Connect to try again.");
}
