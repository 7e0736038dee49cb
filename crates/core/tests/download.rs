//! "Download transcript": the conversation as text and as JSON, with no token in it.

mod support;

use lpchat_core::{export::Format, Command, Intent};
use serde_json::{json, Value};
use support::*;

fn download(h: &mut Harness, format: Format) -> (String, &'static str, String) {
    h.user(Intent::Download(format));
    loop {
        match h.next_command() {
            Some(Command::Download { name, mime, body }) => return (name, mime, body),
            Some(_) => {}
            None => panic!("no download"),
        }
    }
}

#[test]
fn the_transcript_downloads_as_text_and_as_json_without_the_token() {
    let mut h = Harness::open_conversation();
    h.messages(json!([
        {"sequence": 0, "originatorId": SUB, "serverTimestamp": 1_796_173_267_000i64, "event": {"type":"ContentEvent","contentType":"text/plain","message":"Where is my parcel?"}, "dialogId": CONV},
        {"sequence": 1, "originatorId": "agent-1", "originatorMetadata": {"id":"agent-1","role":"ASSIGNED_AGENT"}, "serverTimestamp": 1_796_173_327_000i64, "event": {"type":"ContentEvent","contentType":"text/plain","message":"On its way: https://track.example/7"}, "dialogId": CONV}
    ]));
    assert!(h.view().can_download);
    let (name, mime, text) = download(&mut h, Format::Text);
    assert!(
        name.starts_with("lpchat-12345678") && name.ends_with(".txt"),
        "{name}"
    );
    assert_eq!(mime, "text/plain;charset=utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        &lines[lines.len() - 2..],
        [
            "[2026-12-02 01:01 UTC] You: Where is my parcel?",
            "[2026-12-02 01:02 UTC] Agent: On its way: https://track.example/7"
        ]
    );
    assert!(
        lines[0].ends_with("lpchat: Conversation started"),
        "{}",
        lines[0]
    );

    let (name, mime, body) = download(&mut h, Format::Json);
    assert!(name.ends_with(".json"), "{name}");
    assert_eq!(mime, "application/json");
    let export: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(export["account"], "12345678");
    let entries = export["entries"].as_array().expect("entries");
    assert_eq!(
        entries[entries.len() - 1],
        json!({"author": "agent", "time": "2026-12-02T01:02:07Z", "text": "On its way: https://track.example/7", "file": null})
    );
    assert_eq!(entries[entries.len() - 2]["author"], "consumer");
    for saved in [&text, &body] {
        assert!(!saved.contains(&jwt()), "the token stays out");
        assert!(!saved.contains(SUB), "and so does the consumer's id");
    }
}

#[test]
fn nothing_to_save_offers_no_download() {
    let mut h = Harness::new();
    assert!(!h.view().can_download);
    h.user(Intent::Download(Format::Text));
    h.no_more_commands();
}
