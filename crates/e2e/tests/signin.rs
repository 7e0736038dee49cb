//! Sign-in paths against the strict sandbox, in the browser: an account that refuses `/signup` is
//! reached through its unauthenticated connector (PROTOCOL.md §2.3) and keeps its conversation when
//! its token is refused; an account without a connector signs up; one that allows neither says so.

use lpchat_e2e::{eventually, World, ACCOUNT};
use lpchat_sandbox::SignInPolicy;

const OTHER_ACCOUNT: &str = "87654321";

fn policy(signup: bool, unauthenticated: bool) -> SignInPolicy {
    SignInPolicy {
        signup,
        unauthenticated,
    }
}

#[tokio::test]
async fn an_account_without_signup_chats_through_its_connector_and_survives_a_refused_token() {
    let w = World::start().await;
    w.sandbox
        .world
        .set_sign_in_policy(ACCOUNT, policy(false, true));
    let id = w.open_conversation(&w.app_url_fast()).await;
    w.page.send_message("Before").await;
    w.page.wait_sent("Before").await;
    let stored = w.page.stored_record(ACCOUNT).await;
    assert_eq!(stored["connector"], "2", "the connector found is cached");
    assert!(
        stored["external"].is_string(),
        "the external token is kept to renew"
    );

    // The service stops accepting the consumer's token: the identity is renewed through the
    // connector (anonymous/authorize with the external token), as the same consumer.
    w.control.expire_tokens().await;
    w.control.close_sockets(4401).await;
    w.page.wait_status("Conversation open").await;
    w.page.send_message("After").await;
    w.page.wait_sent("After").await;
    let conversations = w.control.conversations().await;
    assert_eq!(conversations.len(), 1, "no new conversation");
    let texts: Vec<_> = conversations[0]
        .messages
        .iter()
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(conversations[0].id, id);
    assert!(
        texts.contains(&"Before") && texts.contains(&"After"),
        "{texts:?}"
    );
    assert!(
        !w.page
            .transcript()
            .await
            .iter()
            .any(|e| e.text.contains("cannot see this conversation")),
        "the conversation was not lost"
    );
    w.stop().await;
}

#[tokio::test]
async fn without_a_connector_the_account_signs_up_and_with_neither_it_says_what_it_lacks() {
    let w = World::start().await;
    w.sandbox
        .world
        .set_sign_in_policy(ACCOUNT, policy(true, false));
    w.page.open(&w.app_url()).await;
    w.page.click("Connect").await;
    w.page.wait_status("Connected").await;
    let stored = eventually("the record", || async {
        let r = w.page.stored_record(ACCOUNT).await;
        r["jwt"].is_string().then_some(r)
    })
    .await;
    assert_eq!(stored["noConnector"], true, "signup-only is remembered");

    w.sandbox
        .world
        .set_sign_in_policy(OTHER_ACCOUNT, policy(false, false));
    let (origin, csds) = (w.sandbox.origin(), w.sandbox.domain_origin());
    w.page
        .open(&format!(
            "{origin}/lpchat/?account={OTHER_ACCOUNT}&csds={csds}"
        ))
        .await;
    w.page.click("Connect").await;
    let said = w
        .page
        .wait_alert("this account allows no unauthenticated sign-in")
        .await;
    // `anonymous/authorize` refused: the account does not have unauthenticated messaging.
    assert!(
        said.contains("Unauthenticated messaging is not turned on for it (code 403)"),
        "{said}"
    );
    assert!(
        said.contains("refused the demonstration signup (code 403)"),
        "{said}"
    );
    assert!(w.page.is_enabled("Connect").await);
    w.stop().await;
}
