//! The JSONP fallback (PROTOCOL.md §1.4): a Domain API or idp that answers no `fetch` (as a CORS
//! refusal looks to a page) is asked again in the JSONP forms LivePerson's browser clients use, and
//! what comes back is read like any other answer.

mod support;

use lpchat_core::{Command, HttpId, HttpMethod, Input, Intent, NetError};
use serde_json::json;
use support::*;

fn csdr(service: &str) -> String {
    format!(
        "{CSDS}/csdr/account/{ACCOUNT}/service/{service}/baseURI.lpCsds?version=1.0&cb=lpchatJsonp"
    )
}

fn lp_server(host: &str) -> String {
    json!({"ResultSet": {"lpData": [{"lpServer": host}]}}).to_string()
}

fn no_answer(h: &mut Harness, id: HttpId, why: NetError) {
    h.input(Input::HttpDone {
        id,
        result: Err(why),
    });
}

/// Every HTTP request the session has sent by now: (id, method, url).
fn sent(h: &mut Harness) -> Vec<(HttpId, HttpMethod, String)> {
    let mut out = Vec::new();
    while let Some(c) = h.next_command() {
        match c {
            Command::Http {
                id, method, url, ..
            } => out.push((id, method, url)),
            other => panic!("expected HTTP requests only, got {other:?}"),
        }
    }
    out
}

/// Connects; the Domain API's `fetch` gets no answer; returns the JSONP lookups, by service.
fn domain_api_by_jsonp(h: &mut Harness) -> Vec<(HttpId, String)> {
    h.connect();
    let (id, url) = h.expect_http(HttpMethod::Get);
    assert!(url.ends_with("/service/baseURI.json?version=1.0"), "{url}");
    no_answer(h, id, NetError::Unreachable);
    let lookups = sent(h);
    assert!(
        lookups.iter().all(|(_, m, _)| *m == HttpMethod::Jsonp),
        "{lookups:?}"
    );
    lookups.into_iter().map(|(id, _, url)| (id, url)).collect()
}

#[test]
fn a_domain_api_that_answers_no_fetch_is_asked_as_jsonp_one_service_a_request_all_at_once() {
    let mut h = Harness::new();
    let lookups = domain_api_by_jsonp(&mut h);
    let urls: Vec<_> = lookups.iter().map(|(_, u)| u.clone()).collect();
    assert_eq!(
        urls,
        ["asyncMessagingEnt", "idp", "swift", "acCdnDomain"].map(csdr),
        "all four out before any is answered"
    );
    assert_eq!(h.view().status, "Fetching domains…");
    // The two the session needs, one it can do without missing, one not a JSON answer at all.
    h.http_reply(lookups[0].0, 200, &lp_server("va.msg.test"));
    h.http_reply(lookups[1].0, 200, &lp_server("va.idp.test"));
    h.http_reply(
        lookups[2].0,
        200,
        &json!({"ResultSet": {"lpData": []}}).to_string(),
    );
    h.http_reply(lookups[3].0, 200, "alert(1)");
    // No acCdnDomain: no connector lookup; signup as ever.
    h.answer_sign_in();
    let (_, socket) = h.expect_open();
    assert!(socket.starts_with("wss://va.msg.test/ws_api/"), "{socket}");
}

#[test]
fn the_jsonp_domain_api_of_liveperson_itself_is_its_documented_host() {
    let mut h = Harness::new();
    h.user(Intent::Connect {
        account: ACCOUNT.into(),
        csds: None,
        auth_code: None,
        connector: None,
    });
    let (id, url) = h.expect_http(HttpMethod::Get);
    assert!(url.starts_with("https://api.liveperson.net/"), "{url}");
    no_answer(&mut h, id, NetError::Unreachable);
    let (_, _, first) = sent(&mut h).remove(0);
    assert!(
        first.starts_with("https://adminlogin.liveperson.net/csdr/account/12345678/service/"),
        "{first}"
    );
}

#[test]
fn an_idp_that_answers_no_fetch_signs_up_by_jsonp() {
    let mut h = Harness::new();
    h.connect();
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(id, 200, &Harness::domains_body());
    let (signup, url) = h.expect_http(HttpMethod::Post);
    assert!(url.ends_with("/signup"), "{url}");
    no_answer(&mut h, signup, NetError::Unreachable);
    let (jsonp, url) = h.expect_http(HttpMethod::Jsonp);
    assert_eq!(
        url,
        format!("https://va.idp.test/api/account/{ACCOUNT}/signup.jsonp?callback=lpchatJsonp")
    );
    h.http_reply(jsonp, 200, &json!({"jwt": jwt()}).to_string());
    h.expect_open();
}

#[test]
fn the_connector_flow_without_an_answer_falls_back_to_signup_by_jsonp_unless_the_page_named_it() {
    let domains = json!({"baseURIs": [
        {"service": "idp", "baseURI": "va.idp.test"},
        {"service": "asyncMessagingEnt", "baseURI": "va.msg.test"},
        {"service": "acCdnDomain", "baseURI": "accdn.test"},
    ]})
    .to_string();
    for named in [None, Some("42")] {
        let mut h = Harness::new();
        h.user(Intent::Connect {
            account: ACCOUNT.into(),
            csds: Some(CSDS.into()),
            auth_code: None,
            connector: named.map(str::to_owned),
        });
        let (id, _) = h.expect_http(HttpMethod::Get);
        h.http_reply(id, 200, &domains);
        for (id, _, url) in sent(&mut h) {
            if url.ends_with("/anonymous/authorize") {
                no_answer(&mut h, id, NetError::Unreachable);
            }
        }
        let after = sent(&mut h);
        if named.is_none() {
            assert_eq!(after.len(), 1, "{after:?}");
            assert_eq!(after[0].1, HttpMethod::Jsonp);
            assert!(after[0].2.contains("/signup.jsonp?callback="), "{after:?}");
        } else {
            assert!(
                after.is_empty(),
                "the named connector stays the choice: {after:?}"
            );
            let alert = h.view().alert.unwrap_or_default();
            assert!(alert.contains("could not be reached"), "{alert}");
        }
    }
}

/// How a test answers one request.
type Answer = dyn Fn(&mut Harness, HttpId);

#[test]
fn hostile_or_broken_jsonp_answers_end_in_a_plain_failure_and_nothing_else_is_asked() {
    let cases: [(&str, Box<Answer>, &str); 4] = [
        (
            "a host with a path",
            Box::new(|h, id| h.http_reply(id, 200, &lp_server("evil.test/steal"))),
            "idp",
        ),
        (
            "not the documented shape",
            Box::new(|h, id| h.http_reply(id, 200, &json!({"baseURI": "va.idp.test"}).to_string())),
            "idp",
        ),
        (
            "a script that never called back",
            Box::new(|h, id| no_answer(h, id, NetError::Unreadable)),
            "could not be read",
        ),
        (
            "a script that did not load",
            Box::new(|h, id| no_answer(h, id, NetError::Unreachable)),
            "could not be reached",
        ),
    ];
    for (what, answer_idp, says) in cases {
        let mut h = Harness::new();
        let lookups = domain_api_by_jsonp(&mut h);
        for (id, url) in &lookups {
            if url.contains("/service/idp/") {
                answer_idp(&mut h, *id);
            } else {
                h.http_reply(*id, 200, &lp_server("va.msg.test"));
            }
        }
        let alert = h.view().alert.unwrap_or_else(|| panic!("{what}: an alert"));
        assert!(alert.contains(says), "{what}: {alert}");
        h.no_more_commands();
        assert!(h.view().can_connect, "{what}: the user can try again");
    }
}

#[test]
fn jsonp_answers_that_come_after_the_user_disconnected_start_nothing() {
    let mut h = Harness::new();
    let lookups = domain_api_by_jsonp(&mut h);
    h.user(Intent::Disconnect);
    while h.next_command().is_some() {}
    for (id, url) in lookups {
        let host = if url.contains("/idp/") {
            "va.idp.test"
        } else {
            "va.msg.test"
        };
        h.http_reply(id, 200, &lp_server(host));
    }
    h.no_more_commands();
    assert!(h.view().can_connect, "{:?}", h.view().status);
}
