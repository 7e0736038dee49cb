//! Failures on the way to a connection: what was typed, the Domain API, signup, InitConnection and
//! the socket.

use super::*;

#[test]
fn bad_account_numbers_and_origins_are_refused_before_any_request() {
    for (account, csds, says) in [
        ("", None, "enter the brand's account number"),
        ("12ab", None, "digits only"),
        (
            "12345678",
            Some("http://example.com"),
            "only for this computer",
        ),
        (
            "12345678",
            Some("javascript:alert(1)"),
            "must start with https://",
        ),
        ("12345678", Some("https://api.test/path"), "no path"),
    ] {
        let mut h = Harness::new();
        h.user(Intent::Connect {
            account: account.into(),
            csds: csds.map(Into::into),
            auth_code: None,
            connector: None,
        });
        h.no_more_commands();
        assert!(
            alert(&h).contains(says),
            "{account} {csds:?}: {}",
            alert(&h)
        );
        assert!(h.view().can_connect);
    }
}

#[test]
fn domain_api_failures_are_explained() {
    // No answer at all is asked again as JSONP, whose failures are `jsonp.rs`'s.
    for (reply, says) in [
        (Ok((404, "".to_owned())), "does not know this account"),
        (Ok((400, "".to_owned())), "HTTP 400"),
        (Ok((200, "<html>".to_owned())), "not in the expected form"),
        (Ok((200, json!({"baseURIs": []}).to_string())), "no usable `idp` service"),
        (Ok((200, json!({"baseURIs": [{"service":"idp","baseURI":"idp.test"}]}).to_string())), "no usable `asyncMessagingEnt`"),
        (Ok((200, json!({"baseURIs": [{"service":"idp","baseURI":"evil.test/x?"},{"service":"asyncMessagingEnt","baseURI":"m.test"}]}).to_string())), "no usable `idp`"),
    ] {
        let mut h = Harness::new();
        h.connect();
        let (id, _) = h.expect_http(HttpMethod::Get);
        let result = reply.map(|(status, body)| lpchat_core::HttpReply { status, body });
        h.input(Input::HttpDone { id, result });
        let text = alert(&h);
        assert!(text.starts_with("Looking up the account:"), "{text}");
        assert!(text.contains(says), "{text}");
        assert!(h.view().can_connect);
        h.no_more_commands();
    }
}

#[test]
fn server_errors_are_retried_after_5_10_and_15_seconds_then_explained() {
    let mut h = Harness::new();
    h.connect();
    for wait in [5_000, 10_000, 15_000] {
        let (id, url) = h.expect_http(HttpMethod::Get);
        assert!(url.ends_with("baseURI.json?version=1.0"));
        h.http_reply(id, 503, "busy");
        assert_eq!(h.view().alert, None);
        assert!(
            h.view()
                .status
                .starts_with("The server is busy; trying again in "),
            "{}",
            h.view().status
        );
        let start = h.now;
        h.advance(std::time::Duration::from_millis(wait - 1));
        h.no_more_commands();
        h.advance(std::time::Duration::from_millis(1));
        assert_eq!(h.now.0 - start.0, wait);
    }
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(id, 503, "busy");
    assert_eq!(
        alert(&h),
        "Looking up the account: the server had a problem (HTTP 503). Press Connect to try again."
    );
}

#[test]
fn a_rate_limited_signup_waits_at_least_a_second() {
    let mut h = Harness::new();
    h.connect();
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(id, 200, &Harness::domains_body());
    let (id, _) = h.expect_http(HttpMethod::Post);
    h.http_reply(id, 429, "");
    h.advance(std::time::Duration::from_millis(999));
    h.no_more_commands();
    h.advance(std::time::Duration::from_millis(1));
    let (id, _) = h.expect_http(HttpMethod::Post);
    h.http_reply(id, 200, &json!({"jwt": jwt()}).to_string());
    h.expect_open();
}

#[test]
fn signup_failures_are_explained() {
    for (status, body, says) in [
        (
            401,
            "{}".to_owned(),
            // No connector flow (no acCdnDomain) and signup refused: the account allows neither.
            "Getting a consumer identity: this account allows no unauthenticated sign-in. Its Domain API lists no acCdnDomain",
        ),
        (
            200,
            json!({"user": "x"}).to_string(),
            "Getting a consumer identity: the answer was not in the expected form",
        ),
        (
            200,
            json!({"jwt": "not-a-token"}).to_string(),
            "the token from the server could not be read",
        ),
    ] {
        let mut h = Harness::new();
        h.connect();
        let (id, _) = h.expect_http(HttpMethod::Get);
        h.http_reply(id, 200, &Harness::domains_body());
        let (id, _) = h.expect_http(HttpMethod::Post);
        h.http_reply(id, status, &body);
        assert!(alert(&h).contains(says), "{}", alert(&h));
        h.no_more_commands();
        assert!(h.view().can_connect);
    }
}

#[test]
fn a_rejected_init_connection_drops_the_identity_and_closes() {
    let mut h = Harness::new();
    h.open_socket();
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 401, Some(json!("Unauthorized")));
    assert!(alert(&h).contains("refused the identity"), "{}", alert(&h));
    assert!(matches!(
        h.next_command(),
        Some(lpchat_core::Command::CloseSocket { .. })
    ));
    // The next attempt asks for a fresh identity (the hosts are known already).
    h.connect();
    let (_, url) = h.expect_http(HttpMethod::Post);
    assert!(url.ends_with("/signup"));
}

#[test]
fn init_connection_answered_with_another_error_code_is_explained() {
    let mut h = Harness::new();
    h.open_socket();
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 500, Some(json!({"message": "internal"})));
    assert_eq!(alert(&h), "Signing in to the messaging service: the server answered with code 500 (internal). Press Connect to try again.");
}

#[test]
fn a_socket_failing_before_the_first_sign_in_is_explained_not_retried() {
    let mut h = Harness::new();
    h.open_socket();
    h.expect_request("InitConnection");
    h.closed(1006);
    assert!(alert(&h).contains("closed unexpectedly"), "{}", alert(&h));
    assert!(h.view().can_connect);
    h.no_more_commands();
}

#[test]
fn init_connection_without_an_answer_times_out_after_ten_seconds() {
    let mut h = Harness::new();
    h.open_socket();
    h.expect_request("InitConnection");
    let start = h.now;
    h.advance(Duration::from_millis(9_999));
    assert_eq!(h.view().alert, None);
    h.advance_to_next_timeout();
    assert_eq!(h.now.0 - start.0, 10_000);
    assert!(alert(&h).contains("no answer from the server in time"));
    assert!(matches!(
        h.next_command(),
        Some(lpchat_core::Command::CloseSocket { .. })
    ));
    assert!(h.view().can_connect);
}

#[test]
fn a_socket_that_never_opens_is_given_up() {
    let mut h = Harness::new();
    h.connect();
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(id, 200, &Harness::domains_body());
    let (id, _) = h.expect_http(HttpMethod::Post);
    h.http_reply(id, 200, &json!({"jwt": jwt()}).to_string());
    h.expect_open();
    h.advance_to_next_timeout();
    assert!(alert(&h).starts_with("The connection: no answer"));
    assert!(matches!(
        h.next_command(),
        Some(lpchat_core::Command::CloseSocket { .. })
    ));
}
