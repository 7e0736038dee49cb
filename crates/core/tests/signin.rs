//! The unauthenticated sign-in (PROTOCOL.md §2.1, §2.3): the connector flow first, looked up in
//! parallel with `anonymous/authorize`; `/signup` only when the account has no connector flow; a
//! plain-words reason when it allows neither; the identity renewed as the same consumer.

mod support;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use lpchat_core::{Command, HttpId, HttpMethod, Intent, StoredAccount};
use serde_json::{json, Value};
use support::*;

const CONNECTORS: &str =
    "https://accdn.test/api/account/12345678/configuration/le-connectors/all-connectors";
const AUTHORIZE: &str = "https://va.idp.test/api/account/12345678/anonymous/authorize";
const SIGNUP: &str = "https://va.idp.test/api/account/12345678/signup";

fn domains() -> String {
    json!({"baseURIs": [
        {"service": "idp", "account": ACCOUNT, "baseURI": "va.idp.test"},
        {"service": "asyncMessagingEnt", "account": ACCOUNT, "baseURI": "va.msg.test"},
        {"service": "acCdnDomain", "account": ACCOUNT, "baseURI": "accdn.test"},
    ]})
    .to_string()
}

/// The account's connectors as LivePerson's configuration API lists them: the brand's
/// authentication connector, a deleted unauthenticated one, and the live one (id a number).
fn connectors() -> String {
    json!([
        {"id": 1, "type": 1, "configuration": {"jsMethodName": "LPJsMethodName"}},
        {"id": 7, "deleted": true, "configuration": {"jsMethodName": lpchat_wire::UNAUTH_JS_METHOD}},
        {"id": 42, "configuration": {"jsMethodName": lpchat_wire::UNAUTH_JS_METHOD, "jsContext": "x"}},
    ])
    .to_string()
}

fn token(exp: i64) -> String {
    let payload = json!({"sub": SUB, "aud": format!("acc:{ACCOUNT}"), "exp": exp});
    format!(
        "{}.{}.c2ln",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

/// The HTTP requests the session sends until it has nothing more to do: (id, method, url, body).
fn requests(h: &mut Harness) -> Vec<(HttpId, HttpMethod, String, Option<Value>)> {
    let mut out = Vec::new();
    while let Some(c) = h.next_command() {
        match c {
            Command::Http {
                id,
                method,
                url,
                body,
            } => out.push((
                id,
                method,
                url,
                body.map(|b| serde_json::from_str(&b).expect("bodies are JSON")),
            )),
            other => panic!("expected HTTP requests only, got {other:?}"),
        }
    }
    out
}

fn connect_with(h: &mut Harness, connector: Option<&str>) {
    h.user(Intent::Connect {
        account: ACCOUNT.into(),
        csds: Some(CSDS.into()),
        auth_code: None,
        connector: connector.map(Into::into),
    });
}

/// Connects and answers the Domain API; returns the sign-in requests sent next.
fn through_domains(
    h: &mut Harness,
    connector: Option<&str>,
) -> Vec<(HttpId, HttpMethod, String, Option<Value>)> {
    connect_with(h, connector);
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(id, 200, &domains());
    requests(h)
}

fn alert(h: &Harness) -> String {
    h.view().alert.unwrap_or_default()
}

#[test]
fn the_connector_is_looked_up_in_parallel_with_authorize_and_the_token_exchanged() {
    let mut h = Harness::new();
    let sent = through_domains(&mut h, None);
    // Both at once: the lookup does not hold up `anonymous/authorize`.
    assert_eq!(sent.len(), 2, "{sent:?}");
    let (lookup, authorize) = (&sent[0], &sent[1]);
    assert_eq!((lookup.1, lookup.2.as_str()), (HttpMethod::Get, CONNECTORS));
    assert_eq!(
        (authorize.1, authorize.2.as_str()),
        (HttpMethod::Post, AUTHORIZE)
    );
    assert_eq!(
        authorize.3,
        Some(json!({})),
        "a JSON body, no previous token"
    );
    assert_eq!(h.view().status, "Getting a consumer identity…");

    h.http_reply(
        authorize.0,
        200,
        &json!({"token": "external-1"}).to_string(),
    );
    assert!(
        requests(&mut h).is_empty(),
        "the exchange waits for the connector"
    );
    h.http_reply(lookup.0, 200, &connectors());
    let exchange = requests(&mut h);
    assert_eq!(exchange.len(), 1);
    assert_eq!(exchange[0].1, HttpMethod::Post);
    assert_eq!(
        exchange[0].2,
        "https://va.idp.test/api/account/12345678/app/42/authenticate?v=3.0"
    );
    assert_eq!(exchange[0].3, Some(json!({"id_token": "external-1"})));

    h.http_reply(exchange[0].0, 200, &json!({"token": jwt()}).to_string());
    let (_, url) = h.expect_open();
    assert!(url.starts_with("wss://va.msg.test/"), "{url}");
    let record = h.stored().expect("the record is saved");
    assert_eq!(record.connector.as_deref(), Some("42"));
    assert_eq!(record.external.as_deref(), Some("external-1"));
    assert_eq!(record.jwt, Some(jwt()));
    assert!(
        !format!("{record:?}").contains("external-1"),
        "Debug redacts it"
    );
}

#[test]
fn a_known_connector_costs_no_lookup_and_a_given_one_wins() {
    let mut h = Harness::new();
    let sent = through_domains(&mut h, Some(" 77 "));
    assert_eq!(sent.len(), 1, "no lookup: {sent:?}");
    assert_eq!(sent[0].2, AUTHORIZE);
    h.http_reply(sent[0].0, 200, &json!({"token": "e"}).to_string());
    let exchange = requests(&mut h);
    assert!(
        exchange[0].2.contains("/app/77/authenticate?v=3.0"),
        "{}",
        exchange[0].2
    );
}

#[test]
fn without_a_connector_the_account_signs_up_and_is_remembered_as_signup_only() {
    let mut h = Harness::new();
    let sent = through_domains(&mut h, None);
    h.http_reply(sent[0].0, 200, "[]");
    h.http_reply(sent[1].0, 200, &json!({"token": "e"}).to_string());
    let signup = requests(&mut h);
    assert_eq!(signup.len(), 1);
    assert_eq!(
        (signup[0].1, signup[0].2.as_str()),
        (HttpMethod::Post, SIGNUP)
    );
    h.http_reply(signup[0].0, 200, &json!({"jwt": jwt()}).to_string());
    h.expect_open();
    let record = h.stored().expect("saved");
    assert!(record.no_connector);
    assert_eq!(record.connector, None);
}

#[test]
fn an_account_with_unauthenticated_messaging_off_falls_back_to_signup() {
    let mut h = Harness::new();
    let sent = through_domains(&mut h, None);
    h.http_reply(sent[1].0, 403, "");
    // The lookup may still be out: signup does not wait for it.
    let signup = requests(&mut h);
    assert_eq!(signup[0].2, SIGNUP);
    h.http_reply(sent[0].0, 200, &connectors());
    assert!(requests(&mut h).is_empty(), "a late lookup changes nothing");
}

#[test]
fn an_account_that_allows_neither_says_what_it_lacks() {
    let cases: [(u16, &str, &str); 3] = [
        (200, "[]", "It has no unauthenticated messaging connector"),
        (
            500,
            "",
            "Its connectors could not be read (the server answered HTTP 500)",
        ),
        (
            200,
            "{\"not\": \"a list\"}",
            "Its connectors could not be read",
        ),
    ];
    for (status, body, lacks) in cases {
        let mut h = Harness::new();
        let sent = through_domains(&mut h, None);
        h.http_reply(sent[0].0, status, body);
        h.http_reply(sent[1].0, 200, &json!({"token": "e"}).to_string());
        let signup = requests(&mut h);
        h.http_reply(signup[0].0, 403, "signup is not enabled");
        let said = alert(&h);
        assert!(
            said.contains("this account allows no unauthenticated sign-in"),
            "{said}"
        );
        assert!(said.contains(lacks), "{said}");
        assert!(
            said.contains("refused the demonstration signup (code 403)"),
            "{said}"
        );
        assert!(h.view().can_connect);
    }
    let mut h = Harness::new();
    let sent = through_domains(&mut h, None);
    h.http_reply(sent[1].0, 401, "");
    let signup = requests(&mut h);
    h.http_reply(signup[0].0, 401, "");
    assert!(alert(&h).contains("Unauthenticated messaging is not turned on for it (code 401)"));
}

#[test]
fn a_given_connector_that_refuses_fails_without_falling_back() {
    let mut h = Harness::new();
    let sent = through_domains(&mut h, Some("77"));
    h.http_reply(sent[0].0, 200, &json!({"token": "e"}).to_string());
    let exchange = requests(&mut h);
    h.http_reply(exchange[0].0, 401, "");
    assert!(requests(&mut h).is_empty(), "no signup");
    assert!(
        alert(&h).contains("the unauthenticated connector 77 refused the sign-in (code 401)"),
        "{}",
        alert(&h)
    );
}

#[test]
fn a_connector_that_is_not_digits_is_refused_before_anything_is_sent() {
    let mut h = Harness::new();
    connect_with(&mut h, Some("42/../../x"));
    h.no_more_commands();
    assert!(alert(&h).starts_with("Unauthenticated connector: a connector number has digits only"));
}

#[test]
fn an_expired_connector_identity_is_renewed_as_the_same_consumer_with_its_conversation() {
    let record = StoredAccount {
        csds: CSDS.into(),
        idp: Some("va.idp.test".into()),
        ums: Some("va.msg.test".into()),
        ac_cdn: Some("accdn.test".into()),
        jwt: Some(token(1_700_000_000)), // expired at the harness's wall clock
        conversation_id: Some(CONV.into()),
        connector: Some("42".into()),
        external: Some("external-old".into()),
        ..Default::default()
    };
    let storage = [(lpchat_core::storage_key(ACCOUNT), record.encode())].into();
    let mut h = Harness::with_storage(storage);
    h.user(Intent::Resume {
        account: Some(ACCOUNT.into()),
        csds: Some(CSDS.into()),
    });
    let sent = requests(&mut h);
    assert_eq!(sent.len(), 1, "known connector, known hosts: {sent:?}");
    assert_eq!(sent[0].2, AUTHORIZE);
    assert_eq!(
        sent[0].3,
        Some(json!({"id_token": "external-old"})),
        "a refresh"
    );
    h.http_reply(
        sent[0].0,
        200,
        &json!({"token": "external-new"}).to_string(),
    );
    let exchange = requests(&mut h);
    h.http_reply(exchange[0].0, 200, &json!({"token": jwt()}).to_string());
    h.open_and_subscribe();
    // The stored conversation is followed again: it is still this consumer's.
    let (_, resubscribe) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(resubscribe["body"]["conversationId"], CONV);
    assert_eq!(
        h.stored().and_then(|r| r.external).as_deref(),
        Some("external-new")
    );
}

#[test]
fn an_authentication_close_renews_a_connector_identity_without_losing_the_conversation() {
    let mut h = Harness::new();
    let sent = through_domains(&mut h, Some("42"));
    h.http_reply(sent[0].0, 200, &json!({"token": "external-1"}).to_string());
    let exchange = requests(&mut h);
    h.http_reply(exchange[0].0, 200, &json!({"token": jwt()}).to_string());
    h.open_and_subscribe();
    h.frame(
        json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
        "body": {"subscriptionId": "s1", "changes": [conversation_change("OPEN", None)]}}),
    );
    let _ = h.sent_frames();
    assert_eq!(h.view().status, "Conversation open");

    h.closed(4401);
    let renew = requests(&mut h);
    assert_eq!(renew.len(), 1, "{renew:?}");
    assert_eq!(renew[0].3, Some(json!({"id_token": "external-1"})));
    assert!(
        !h.entries()
            .iter()
            .any(|(_, text)| text.contains("cannot see this conversation")),
        "no conversation is lost: {:?}",
        h.entries()
    );
    h.http_reply(renew[0].0, 200, &json!({"token": "external-2"}).to_string());
    let exchange = requests(&mut h);
    h.http_reply(exchange[0].0, 200, &json!({"token": jwt()}).to_string());
    h.expect_open();
}
