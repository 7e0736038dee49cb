//! Two tabs of the same account: one identity and one conversation (docs/DECISIONS.md, "Two tabs").

use lpchat_e2e::{World, ACCOUNT};

fn mine(entries: &[lpchat_e2e::Entry], text: &str) -> usize {
    entries
        .iter()
        .filter(|e| e.author == "consumer" && e.text == text)
        .count()
}

#[tokio::test]
async fn two_tabs_share_one_consumer_and_conversation_and_either_can_close() {
    let w = World::start().await;
    let first = w.page.tab().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.send_message("Written in the first tab").await;
    w.page.wait_sent("Written in the first tab").await;
    let identity = w.page.stored_record(ACCOUNT).await["jwt"].clone();

    // The second tab continues the same conversation as the same consumer.
    let second = w.page.open_tab().await;
    w.page.open(&w.app_url()).await;
    w.page.wait_status("Conversation open").await;
    w.page
        .wait_entry("consumer", "Written in the first tab")
        .await;
    w.page.send_message("Written in the second tab").await;
    w.page.wait_sent("Written in the second tab").await;

    // Each message appears once in each tab.
    w.page.switch_to(&first).await;
    w.page
        .wait_entry("consumer", "Written in the second tab")
        .await;
    let entries = w.page.transcript().await;
    assert_eq!(mine(&entries, "Written in the first tab"), 1, "{entries:?}");
    assert_eq!(
        mine(&entries, "Written in the second tab"),
        1,
        "{entries:?}"
    );
    w.page.switch_to(&second).await;
    let entries = w.page.transcript().await;
    assert_eq!(mine(&entries, "Written in the first tab"), 1, "{entries:?}");
    assert_eq!(
        mine(&entries, "Written in the second tab"),
        1,
        "{entries:?}"
    );

    // Closing the second tab leaves the first working, with the stored record intact.
    w.page.close_tab(&first).await;
    let record = w.page.stored_record(ACCOUNT).await;
    assert_eq!(record["jwt"], identity, "neither tab replaced the identity");
    assert_eq!(record["conversationId"], conversation.as_str());
    assert_eq!(
        w.control.agent_says(&conversation, "Answering both").await,
        200
    );
    w.page.wait_entry("agent", "Answering both").await;
    w.page.send_message("Still here in the first tab").await;
    w.page.wait_sent("Still here in the first tab").await;
    assert_eq!(
        w.control.consumer_messages_in_the_one_conversation().await,
        3,
        "one conversation for both tabs, every message stored once"
    );
    w.stop().await;
}
