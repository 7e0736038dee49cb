//! "Download transcript": the file the browser is given, as text and as JSON, holds the
//! conversation (author, time, text) and not the token.

use lpchat_e2e::World;

/// Catches what the page hands the browser to save: the link's file name and the blob's text.
const CATCH: &str = "window.__saved = []; \
    const create = URL.createObjectURL; \
    URL.createObjectURL = b => { const url = create(b); window.__blobs = window.__blobs || {}; window.__blobs[url] = b; return url; }; \
    HTMLAnchorElement.prototype.click = function () { window.__saved.push([this.download, window.__blobs[this.href]]); };";

async fn saved(w: &World, item: &str) -> (String, String) {
    w.page.script(CATCH).await;
    w.page.click(item).await;
    let saved = w
        .page
        .script_async(
            "const [name, blob] = window.__saved[0]; blob.text().then(t => done([name, blob.type, t]));",
        )
        .await;
    let name = saved[0].as_str().expect("a file name").to_owned();
    let body = saved[2].as_str().expect("a body").to_owned();
    (
        format!("{name} {}", saved[1].as_str().unwrap_or_default()),
        body,
    )
}

#[tokio::test]
async fn the_transcript_downloads_as_text_and_json_with_the_conversation_and_no_token() {
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.send_message("Where is my parcel?").await;
    w.page.wait_sent("Where is my parcel?").await;
    w.control.agent_says(&conversation, "On its way").await;
    w.page.wait_entry("agent", "On its way").await;
    let token = w.page.stored_record(lpchat_e2e::ACCOUNT).await["jwt"]
        .as_str()
        .expect("a token")
        .to_owned();

    let (file, text) = saved(&w, "Download transcript").await;
    assert!(
        file.starts_with(&format!("lpchat-{}-", lpchat_e2e::ACCOUNT))
            && file.ends_with(".txt text/plain;charset=utf-8"),
        "{file}"
    );
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("] You: Where is my parcel?")),
        "{text}"
    );
    assert!(
        lines.iter().any(|l| l.ends_with("] Agent: On its way")),
        "{text}"
    );
    assert!(
        lines.iter().all(|l| l.starts_with("[20")),
        "every line has its time: {text}"
    );

    let (file, json) = saved(&w, "Download as JSON").await;
    assert!(file.ends_with(".json application/json"), "{file}");
    let export: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(export["account"], lpchat_e2e::ACCOUNT);
    let entries = export["entries"].as_array().expect("entries");
    let said: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["author"].as_str().unwrap_or(""),
                e["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        said.contains(&("consumer", "Where is my parcel?")),
        "{said:?}"
    );
    assert!(said.contains(&("agent", "On its way")), "{said:?}");
    assert!(entries
        .iter()
        .all(|e| e["time"].as_str().is_some_and(|t| t.ends_with('Z'))));
    for saved in [&text, &json] {
        assert!(!saved.contains(&token), "the token stays out");
    }
    w.stop().await;
}
