//! What cannot go ahead is explained: an account that is not a number, a Domain API that does
//! not answer, a skill that is not one.

use super::*;

#[tokio::test]
async fn a_non_numeric_account_is_refused_before_any_request() {
    let w = World::start().await;
    w.page.open(&w.app_url()).await;
    w.page.fill("Account number", "abc").await;
    w.page.click("Connect").await;
    let alert = w.page.wait_alert("Account number").await;
    assert!(alert.contains("digits"), "{alert}");
    assert_eq!(w.page.status().await, "Not connected");
    assert!(w.control.conversations().await.is_empty());
    w.stop().await;
}

#[tokio::test]
async fn an_unreachable_domain_api_is_explained() {
    let w = World::start().await;
    // A loopback port with nothing listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!(
        "{}/lpchat/?account={ACCOUNT}&csds=http://127.0.0.1:{port}",
        w.sandbox.origin()
    );
    w.page.open(&url).await;
    w.page.click("Connect").await;
    let alert = w.page.wait_alert("Looking up the account").await;
    assert!(alert.contains("could not be reached"), "{alert}");
    assert!(w.page.is_enabled("Connect").await, "the user can try again");
    w.stop().await;
}

#[tokio::test]
async fn a_skill_in_the_address_routes_the_conversation_and_a_bad_one_is_explained() {
    let w = World::start().await;
    w.page.open(&format!("{}&skill=sales", w.app_url())).await;
    w.page.wait_alert("“sales”").await;
    w.page.open(&format!("{}&skill=4242", w.app_url())).await;
    let id = {
        w.page.click("Connect").await;
        w.page.click("Start conversation").await;
        w.page.wait_status("Conversation open").await;
        w.open_conversation_id().await
    };
    let routed = w.control.conversation(&id).await.and_then(|c| c.skill_id);
    assert_eq!(routed.as_deref(), Some("4242"));
    w.stop().await;
}
