//! Past conversations: a conversation the agent closed is listed (from the server's conversation
//! subscription, so it is there after a reload too) with its date and agent, opens read only with
//! its history, and the way back shows the current conversation as it was. With
//! `LPCHAT_SCREENSHOTS=<dir>`, the list and a past conversation are photographed for the README.

use lpchat_e2e::{eventually, World};

/// Asserts no entry of the transcript on screen says `text` (`why`: what is being shown instead).
async fn assert_not_shown(w: &World, text: &str, why: &str) {
    let shown: Vec<String> = w
        .page
        .transcript()
        .await
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert!(!shown.iter().any(|t| t == text), "{why}: {shown:?}");
}

#[tokio::test]
async fn a_closed_conversation_is_listed_and_opens_read_only_with_its_history() {
    let w = World::start_with(&["--window-size=1100,1000"]).await;
    let first = w.open_conversation(&w.app_url()).await;
    w.page.send_message("Where is my parcel?").await;
    w.page.wait_sent("Where is my parcel?").await;
    w.control.agent_says(&first, "It arrives tomorrow").await;
    w.page.wait_entry("agent", "It arrives tomorrow").await;
    assert!((200..300).contains(&w.control.agent_closes(&first).await));
    w.page.wait_status("Conversation closed").await;
    // A new conversation, started by typing; then a reload: the list comes from LivePerson.
    w.page.send_message("One more question").await;
    w.page.wait_sent("One more question").await;
    w.page.reload().await;
    w.page.wait_status("Conversation open").await;
    w.page.wait_entry("consumer", "One more question").await;

    w.page.click("Past conversations").await;
    let label = eventually("the past conversation listed with its agent", || async {
        let v = w
            .page
            .script("const b = [...document.querySelectorAll('.lp-past:not([hidden]) .lp-past__item')]; return b.map(b => b.textContent);")
            .await;
        let labels: Vec<String> = serde_json::from_value(v).unwrap_or_default();
        (labels.len() == 1 && labels[0].contains(" · "))
            .then(|| labels[0].clone())
    })
    .await;
    let year = w
        .page
        .script("return String(new Date().getFullYear())")
        .await;
    assert!(
        label.contains(year.as_str().unwrap_or("20")),
        "the date is in the label: {label}"
    );
    if let Some(dir) = std::env::var_os("LPCHAT_SCREENSHOTS") {
        let path = std::path::Path::new(&dir).join("screenshot-past.png");
        std::fs::write(&path, w.page.screenshot().await).expect("the screenshot is written");
    }

    w.page.click(&label).await;
    w.page.wait_entry("consumer", "Where is my parcel?").await;
    w.page.wait_entry("agent", "It arrives tomorrow").await;
    assert_not_shown(&w, "One more question", "only the past conversation").await;
    let bar = w
        .page
        .script("return document.querySelector('.lp-reading:not([hidden])')?.textContent || ''")
        .await;
    assert!(
        bar.as_str()
            .is_some_and(|b| b.contains("read only") && b.contains(&label)),
        "{bar}"
    );
    assert!(
        !w.page.is_enabled("Send").await,
        "nothing can be sent to it"
    );
    assert!(!w.page.is_shown("End conversation").await);

    w.page.click("Back to chat").await;
    w.page.wait_entry("consumer", "One more question").await;
    assert_not_shown(&w, "Where is my parcel?", "the current conversation again").await;
    assert!(
        w.page.is_enabled("Send").await,
        "the current one takes messages again"
    );
    w.stop().await;
}
