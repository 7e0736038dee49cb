//! What the sandbox refuses whatever the client: too many sockets, too many requests a second, JSON
//! that is not, and paths no service serves.

use super::{faults::burst, *};

#[tokio::test]
async fn connections_are_bounded_and_freed_when_closed() {
    let s = sandbox_from(Config {
        max_connections: 2,
        ..Config::default()
    })
    .await;
    let url = socket_url(s.addr);
    let a = socket(s.addr).await;
    let _b = socket(s.addr).await;
    let refused = tokio::time::timeout(WAIT, connect_async(url.clone()))
        .await
        .unwrap();
    match refused {
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => assert_eq!(r.status().as_u16(), 503),
        other => panic!("expected 503, got {other:?}"),
    }
    drop(a);
    // The freed place is usable again (bounded retries: the server notices the close asynchronously).
    let mut opened = false;
    for _ in 0..50 {
        if tokio::time::timeout(WAIT, connect_async(url.clone()))
            .await
            .unwrap()
            .is_ok()
        {
            opened = true;
            break;
        }
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(opened);
    s.stop();
}

#[tokio::test]
async fn malformed_json_is_answered_with_an_error_not_a_crash() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    ws.send(Message::text("{this is not json")).await.unwrap();
    let resp = recv(&mut ws).await;
    assert_eq!(
        (resp["kind"].as_str(), resp["code"].as_i64()),
        (Some("resp"), Some(400))
    );
    let resp = ask(&mut ws, get_clock("2")).await;
    assert_eq!(resp["reqId"], "2", "the socket goes on");
    s.stop();
}

#[tokio::test]
async fn unknown_service_paths_are_404_never_the_apps_page() {
    let dist = std::env::temp_dir().join(format!("lpchat-404-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    let s = sandbox_from(Config {
        dist: Some(dist.clone()),
        base_path: String::new(),
        ..Config::default()
    })
    .await;
    for path in [
        format!("/api/account/{ACCOUNT}/service/idp/other.json"),
        format!("/api/account/{ACCOUNT}/no/such/thing"),
        format!("/csdr/account/{ACCOUNT}/no/such/thing"),
        format!("/ws_api/account/{ACCOUNT}/messaging/agent"),
        "/control/nothing".to_owned(),
    ] {
        let (status, body) = http(s.addr, "GET", &path).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("<title>app</title>"), "{path}");
    }
    let (status, body) = http(s.addr, "GET", "/some/page/of/the/app").await;
    assert_eq!(
        (status, body.contains("<title>app</title>")),
        (200, true),
        "the app's own paths still serve it"
    );
    s.stop();
    let _ = std::fs::remove_dir_all(&dist);
}

#[tokio::test]
async fn requests_beyond_the_rate_limit_are_answered_429() {
    let s = sandbox().await; // 40 requests a second per socket
    let mut ws = initialised(s.addr).await;
    let refused = burst(&mut ws, 60).await;
    assert!(
        (15..=25).contains(&refused),
        "about 20 of 60 back-to-back requests over a bucket of 40 are refused: {refused}"
    );
    s.stop();
    let s = sandbox_from(Config {
        requests_per_second: 0,
        ..Config::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    assert_eq!(burst(&mut ws, 60).await, 0, "0 turns the limit off");
    s.stop();
}
