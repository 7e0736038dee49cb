//! Finding the hosts, getting an identity and showing it: the Domain API, signup, the brand's token,
//! and InitConnection's refusals.

use super::*;

#[tokio::test]
async fn the_domain_api_lists_idp_and_ums_and_requires_the_version() {
    let s = sandbox().await;
    let (status, body) = domain_api(s.addr, "?version=1.0").await;
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&body).unwrap();
    let services: Vec<&str> = body["baseURIs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["service"].as_str().unwrap())
        .collect();
    assert!(services.contains(&"idp") && services.contains(&"asyncMessagingEnt"));
    assert_eq!(body["baseURIs"][0]["baseURI"], s.addr.to_string());
    let (status, _) = domain_api(s.addr, "").await;
    assert_eq!(status, 400);
    s.stop();
}

#[tokio::test]
async fn signup_issues_three_part_tokens_with_a_fresh_uuid_sub() {
    let s = sandbox().await;
    let (a, b) = (jwt(s.addr).await, jwt(s.addr).await);
    let (ca, cb) = (
        lpchat_wire::jwt_claims(&a).unwrap(),
        lpchat_wire::jwt_claims(&b).unwrap(),
    );
    assert_eq!(a.split('.').count(), 3);
    assert_ne!(ca.sub, cb.sub);
    assert_eq!(ca.sub.len(), 36);
    assert_eq!(ca.aud.as_deref(), Some("acc:12345678"));
    s.stop();
}

#[tokio::test]
async fn requests_before_init_connection_are_refused() {
    let s = sandbox().await;
    let mut ws = socket(s.addr).await;
    let resp = ask(&mut ws, request_conversation_frame("1")).await;
    assert_eq!(answer(&resp), (Some("1"), Some(401)));
    s.stop();
}

#[tokio::test]
async fn a_bad_or_foreign_token_closes_with_4401() {
    let s = sandbox().await;
    let mut ws = socket(s.addr).await;
    send(&mut ws, init("a.b.c")).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4401));
    // A token from another sandbox (another key) is not accepted either.
    let other = sandbox().await;
    let foreign = jwt(other.addr).await;
    let mut ws = socket(s.addr).await;
    send(&mut ws, init(&foreign)).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4401));
    s.stop();
    other.stop();
}

#[tokio::test]
async fn a_brand_token_authenticates_the_same_user_as_the_same_consumer() {
    let s = sandbox().await;
    let (status, body) = post_json(
        s.addr,
        "/control/brand-token",
        &json!({"user": "alice", "account": ACCOUNT}),
    )
    .await;
    assert_eq!(status, 200);
    let token = serde_json::from_str::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/account/{ACCOUNT}/authenticate");
    let mut subs = Vec::new();
    for _ in 0..2 {
        let (status, body) = post_json(s.addr, &path, &json!({"authCode": token})).await;
        assert_eq!(status, 200, "{body}");
        let jwt = serde_json::from_str::<Value>(&body).unwrap()["jwt"]
            .as_str()
            .unwrap()
            .to_owned();
        subs.push(lpchat_wire::jwt_claims(&jwt).unwrap().sub);
    }
    assert_eq!(subs[0], subs[1], "the same brand user is the same consumer");
    assert_eq!(subs[0].len(), 64);
    let (status, _) = post_json(s.addr, &path, &json!({"authCode": "forged.token.here"})).await;
    assert_eq!(status, 401);
    let (status, _) = post_json(
        s.addr,
        "/api/account/999/authenticate",
        &json!({"authCode": token}),
    )
    .await;
    assert_eq!(status, 401, "a token for another account is refused");
    s.stop();
}
