//! Pictures end to end: the user's upload reaches the sandbox's swift host byte for byte, wrong
//! files are refused before any upload, the agent's picture and identity are shown from their URLs.

use lpchat_e2e::{eventually, World};
use std::path::PathBuf;

/// A valid PNG (the sandbox's own picture), so the browser can make a preview of it.
const PICTURE: &[u8] = include_bytes!("../../sandbox/assets/picture.png");

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lpchat-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("the file is written");
    path
}

#[tokio::test]
async fn a_picture_is_uploaded_and_arrives_at_the_sandbox_with_its_bytes() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    w.page.attach(&temp_file("holiday.png", PICTURE)).await;
    w.page.wait_sent("holiday.png").await;
    w.page
        .wait_true(
            "the preview in the transcript",
            "[...document.querySelectorAll('.lp-entry--consumer .lp-file__image')].some(i => i.src.startsWith('data:image/jpeg;base64,') && i.complete && i.naturalWidth > 0)",
        )
        .await;
    let path = eventually("the picture in the conversation", || async {
        let c = w.control.conversation(&id).await?;
        c.messages
            .iter()
            .find(|m| m.role == "CONSUMER" && m.text == "holiday.png")
            .and_then(|m| m.file.clone())
    })
    .await;
    assert_eq!(
        w.control.file(&path).await.as_deref(),
        Some(PICTURE),
        "the bytes uploaded are the file's"
    );
    w.stop().await;
}

#[tokio::test]
async fn files_that_are_too_large_or_not_pictures_are_refused_before_any_upload() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    let big = vec![0u8; 3 * 1024 * 1024 + 1];
    w.page.attach(&temp_file("huge.png", &big)).await;
    let alert = w.page.wait_alert("huge.png was not sent").await;
    assert!(alert.contains("3.1 MB"), "{alert}");
    w.page
        .attach(&temp_file("notes.txt", b"not a picture"))
        .await;
    let alert = w.page.wait_alert("notes.txt was not sent").await;
    assert!(alert.contains("JPG, PNG and GIF"), "{alert}");
    let c = w.control.conversation(&id).await.expect("the conversation");
    assert!(
        c.messages.iter().all(|m| m.file.is_none()),
        "nothing was sent"
    );
    w.stop().await;
}

#[tokio::test]
async fn the_agents_picture_nickname_and_photo_are_shown() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    assert_eq!(w.control.agent_picture(&id).await, 200);
    // The picture itself, through a temporary download URL on the sandbox's swift host.
    w.page
        .wait_true(
            "the agent's picture loaded from its download URL",
            "[...document.querySelectorAll('.lp-entry--agent .lp-file__image')].some(i => i.src.includes('/v1/AUTH_async-images/') && i.src.includes('temp_url_sig=') && i.complete && i.naturalWidth === 240)",
        )
        .await;
    let entry = w.page.wait_entry("agent", "A picture from the agent").await;
    assert_eq!(entry.author, "agent");
    // The agent joined: nickname and photo from the public profile (acCdnDomain).
    w.page
        .wait_true(
            "the agent's nickname and photo",
            "(() => { const a = document.querySelector('.lp-agent'); const img = a && a.querySelector('img'); return !!a && /^[AGE]Chatting with (Ada|Grace|Alan|Edsger)$/.test(a.textContent) && a.querySelectorAll('img').length === 1 && !!img && img.complete && img.naturalWidth === 96; })()",
        )
        .await;
    w.stop().await;
}
