//! Each service on a loopback port of its own, the Domain API in every form LivePerson's clients use,
//! the JSONP forms, and the mode without CORS headers (docs/SANDBOX.md, "Hosts").

mod common;

use common::ACCOUNT;
use lpchat_sandbox::{start, Config, Running, Service};
use serde_json::Value;
use std::{net::SocketAddr, time::Duration};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

const WAIT: Duration = Duration::from_secs(10);

async fn sandbox(cors: bool) -> Running {
    start(Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        cors,
        ..Config::default()
    })
    .await
    .expect("binds loopback")
}

/// A GET with extra request headers: the status, the response's header lines (lower-case) and body.
async fn get(addr: SocketAddr, path: &str, headers: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.expect("write");
    let mut out = String::new();
    tokio::time::timeout(WAIT, s.read_to_string(&mut out))
        .await
        .expect("an answer in time")
        .expect("read");
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_owned())
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("JSON, got {body:?}"))
}

/// The argument of `callback(…);`.
fn jsonp_argument(body: &str, callback: &str) -> Value {
    let inner = body
        .strip_prefix(&format!("{callback}("))
        .and_then(|rest| rest.strip_suffix(");"))
        .unwrap_or_else(|| panic!("{callback}(…); expected, got {body:?}"));
    json(inner)
}

#[tokio::test]
async fn every_service_has_a_port_of_its_own_that_serves_only_it() {
    let s = sandbox(true).await;
    let domain = s.service_addr(Service::Domain);
    let (status, _, body) = get(
        domain,
        &format!("/api/account/{ACCOUNT}/service/baseURI.json?version=1.0"),
        "",
    )
    .await;
    assert_eq!(status, 200);
    let listed = json(&body);
    let host = |name: &str| {
        listed["baseURIs"]
            .as_array()
            .and_then(|l| l.iter().find(|b| b["service"] == name))
            .and_then(|b| b["baseURI"].as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("{name} listed in {listed}"))
    };
    let mut seen = vec![s.addr.to_string(), domain.to_string()];
    for service in [
        Service::Idp,
        Service::Messaging,
        Service::Swift,
        Service::AcCdn,
    ] {
        let name = service.name().expect("a listed service");
        assert_eq!(host(name), s.service_addr(service).to_string(), "{name}");
        assert!(!seen.contains(&host(name)), "{name} shares a port");
        seen.push(host(name));
    }
    // A service's path on another host is unknown there, and the app's address serves none of them.
    let signup = format!("/api/account/{ACCOUNT}/signup");
    for addr in [s.addr, domain, s.service_addr(Service::Messaging)] {
        let (status, _) = common::exchange(addr, "POST", &signup, None, WAIT).await;
        assert_eq!(status, 404, "signup on {addr}");
    }
    let (status, _) =
        common::exchange(s.service_addr(Service::Idp), "POST", &signup, None, WAIT).await;
    assert_eq!(status, 200, "signup on the idp");
    let (status, _, _) = get(
        s.addr,
        &format!("/api/account/{ACCOUNT}/service/idp/baseURI.json?version=1.0"),
        "",
    )
    .await;
    assert_eq!(status, 404, "the Domain API is not on the app's address");
    s.stop();
}

#[tokio::test]
async fn the_domain_api_answers_in_every_documented_form() {
    let s = sandbox(true).await;
    let domain = s.service_addr(Service::Domain);
    let idp = s.service_addr(Service::Idp).to_string();
    let all = format!("/api/account/{ACCOUNT}/service/baseURI.json?version=1.0");
    let old = format!("/csdr/account/{ACCOUNT}/service/baseURI.json?version=1.0");
    for path in [&all, &old] {
        let (status, _, body) = get(domain, path, "").await;
        assert_eq!(status, 200, "{path}");
        assert!(
            json(&body)["baseURIs"]
                .as_array()
                .is_some_and(|l| l.len() == 5),
            "{path}: {body}"
        );
    }
    // `baseURI` without the extension answers JSON to a request that asks for it.
    let bare = format!("/api/account/{ACCOUNT}/service/baseURI?version=1.0");
    let (status, _, body) = get(domain, &bare, "Accept: application/json\r\n").await;
    assert_eq!(status, 200);
    assert!(json(&body)["baseURIs"].is_array());
    assert_eq!(get(domain, &bare, "").await.0, 406);
    // One service: `{service, account, baseURI}`; a name the account does not have (case counts) is 404.
    for prefix in ["api", "csdr"] {
        let one = format!("/{prefix}/account/{ACCOUNT}/service/idp/baseURI.json?version=1.0");
        let (status, _, body) = get(domain, &one, "").await;
        assert_eq!(status, 200, "{one}");
        assert_eq!(json(&body)["baseURI"], idp.as_str(), "{one}");
        assert_eq!(json(&body)["service"], "idp");
    }
    let wrong_case = format!("/api/account/{ACCOUNT}/service/IDP/baseURI.json?version=1.0");
    assert_eq!(get(domain, &wrong_case, "").await.0, 404);
    // version=1.0 is required in every form.
    let unversioned = format!("/api/account/{ACCOUNT}/service/idp/baseURI.json");
    assert_eq!(get(domain, &unversioned, "").await.0, 400);
    s.stop();
}

#[tokio::test]
async fn the_jsonp_forms_call_the_named_callback_with_the_documented_answer() {
    let s = sandbox(false).await;
    let domain = s.service_addr(Service::Domain);
    let path = |service: &str, cb: &str| {
        format!("/csdr/account/{ACCOUNT}/service/{service}/baseURI.lpCsds?version=1.0&cb={cb}")
    };
    let (status, head, body) = get(domain, &path("asyncMessagingEnt", "lpchatJsonp"), "").await;
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: application/javascript"),
        "{head}"
    );
    let answer = jsonp_argument(&body, "lpchatJsonp");
    assert_eq!(
        answer["ResultSet"]["lpData"][0]["lpServer"],
        s.service_addr(Service::Messaging).to_string().as_str()
    );
    // A service the account does not have: no server in the answer (a script cannot read a status).
    let (_, _, body) = get(domain, &path("objectStorage", "cb"), "").await;
    assert_eq!(
        jsonp_argument(&body, "cb")["ResultSet"]["lpData"],
        serde_json::json!([])
    );
    // Anything but a plain name as the callback is refused: nothing is written before the answer.
    for bad in ["alert(1)//", "a%3Balert(1)", ""] {
        assert_eq!(get(domain, &path("idp", bad), "").await.0, 400, "{bad}");
    }
    let idp = s.service_addr(Service::Idp);
    let (status, _, body) = get(
        idp,
        &format!("/api/account/{ACCOUNT}/signup.jsonp?callback=lpchatJsonp"),
        "",
    )
    .await;
    assert_eq!(status, 200);
    let token = jsonp_argument(&body, "lpchatJsonp");
    assert_eq!(
        token["jwt"].as_str().map(|t| t.split('.').count()),
        Some(3),
        "{token}"
    );
    s.stop();
}

#[tokio::test]
async fn without_cors_no_answer_says_another_origin_may_read_it() {
    let origin = "Origin: http://127.0.0.1:9\r\n";
    for cors in [true, false] {
        let s = sandbox(cors).await;
        let (status, head, _) = get(
            s.service_addr(Service::Domain),
            &format!("/api/account/{ACCOUNT}/service/baseURI.json?version=1.0"),
            origin,
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(
            head.contains("access-control-allow-origin"),
            cors,
            "cors {cors}: {head}"
        );
        s.stop();
    }
}

#[tokio::test]
async fn a_busy_service_port_is_named_in_the_failure() {
    // The idp's port (the main one + 2) taken by another program; the failure names that port and
    // the service, not the main address. Another port found busy by chance is a retry.
    for _ in 0..5 {
        let taken = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let busy = taken.local_addr().expect("an address");
        let Some(main) = busy.port().checked_sub(2) else {
            continue;
        };
        let config = Config {
            addr: SocketAddr::from(([127, 0, 0, 1], main)),
            ..Config::default()
        };
        match start(config).await {
            Ok(running) => {
                running.stop();
                panic!("the sandbox started although {busy} is taken");
            }
            Err(e) if e.to_string().contains(&busy.to_string()) => {
                assert!(e.to_string().contains("idp"), "names the service: {e}");
                return;
            }
            Err(_) => continue,
        }
    }
    panic!("no free main port found in five tries");
}
