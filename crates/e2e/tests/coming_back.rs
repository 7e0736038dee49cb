//! Coming back from the bare address (as on GitHub Pages): the account typed there is remembered,
//! the address is made to name it, and opening the bare address again continues the conversation
//! without a new sign-in. (Typing to start is in `journey/`.)

use lpchat_e2e::{World, ACCOUNT, BASE_PATH};

#[tokio::test]
async fn the_bare_address_continues_the_last_conversation_without_a_new_sign_in() {
    let w = World::start().await;
    let bare = format!("{}{BASE_PATH}", w.sandbox.origin());
    w.page.open(&bare).await;
    // A new user types the account (and, for the sandbox, its Domain API under Settings).
    w.page.fill("Account number", ACCOUNT).await;
    w.page
        .script("document.querySelector('details.lp-settings').open = true")
        .await;
    w.page.fill("Domain API", &w.sandbox.domain_origin()).await;
    w.page.click("Connect").await;
    w.page.click("Start conversation").await;
    w.page.wait_status("Conversation open").await;
    w.page.send_message("Where is my parcel?").await;
    w.page.wait_sent("Where is my parcel?").await;
    let conversation = w.open_conversation_id().await;
    let address = w.page.script("return location.search").await;
    let csds = w.sandbox.domain_origin();
    let expected = format!(
        "?account={ACCOUNT}&csds={}",
        csds.replace(':', "%3A").replace('/', "%2F")
    );
    assert_eq!(address, expected.as_str(), "the address can be bookmarked");
    let identity = w.page.stored_record(ACCOUNT).await["jwt"].clone();
    assert!(identity.is_string(), "an identity is stored");

    // Back at the bare address (a bookmark of the plain page, or the site's link).
    w.page.open(&bare).await;
    w.page.wait_status("Conversation open").await;
    w.page.wait_entry("consumer", "Where is my parcel?").await;
    assert_eq!(
        w.control
            .agent_says(&conversation, "On its way, arriving tomorrow")
            .await,
        200
    );
    w.page
        .wait_entry("agent", "On its way, arriving tomorrow")
        .await;
    assert_eq!(
        w.page.script("return location.search").await,
        expected.as_str(),
        "the address names the account again"
    );
    assert_eq!(
        w.page
            .script("return document.querySelector('input[name=account]').value")
            .await,
        ACCOUNT,
        "the form shows the account continued"
    );
    assert_eq!(
        w.page.stored_record(ACCOUNT).await["jwt"],
        identity,
        "the same consumer: no new sign-in"
    );
    assert_eq!(
        w.control.consumer_messages_in_the_one_conversation().await,
        1,
        "the same conversation, the message sent once"
    );
    w.stop().await;
}
