//! Limits, each with a defined behaviour, and "Forget me".

mod support;

use lpchat_core::{
    Command, Input, Intent, MAX_INBOUND_FRAME_BYTES, MAX_TRANSCRIPT_ENTRIES, TRANSCRIPT_WINDOW,
};
use serde_json::json;
use support::*;

fn agent_text(seq: i64, text: &str) -> serde_json::Value {
    json!({"sequence": seq, "originatorId": "agent-1", "event": {"type": "ContentEvent", "contentType": "text/plain", "message": text}, "dialogId": CONV})
}

#[test]
fn an_oversized_frame_is_not_read_but_listed_and_the_conversation_goes_on() {
    let mut h = Harness::open_conversation();
    h.user(Intent::ShowFrames(true));
    let huge = "x".repeat(MAX_INBOUND_FRAME_BYTES);
    h.messages(json!([agent_text(0, &huge)]));
    assert!(h
        .view()
        .frames
        .iter()
        .any(|f| f.type_name.starts_with("(frame too large:")));
    assert!(h
        .view()
        .frames
        .iter()
        .all(|f| f.json.len() <= 2_000 || !f.type_name.starts_with("(frame too large")));
    h.messages(json!([agent_text(1, "still here")]));
    assert_eq!(h.entries().last().unwrap().1, "still here");
}

#[test]
fn a_very_long_message_is_shown_shortened_with_its_length() {
    let mut h = Harness::open_conversation();
    h.messages(json!([agent_text(0, &"y".repeat(250_000))]));
    let shown = h.entries().last().unwrap().1.clone();
    assert!(shown.chars().count() < 10_100);
    assert!(
        shown.ends_with("[shortened: the message has 250000 characters]"),
        "{}",
        &shown[shown.len() - 60..]
    );
}

#[test]
fn the_transcript_keeps_the_newest_entries_and_says_how_many_are_hidden() {
    let mut h = Harness::open_conversation();
    let all: Vec<_> = (0..(MAX_TRANSCRIPT_ENTRIES as i64 + 10))
        .map(|i| agent_text(i, &format!("m{i}")))
        .collect();
    for batch in all.chunks(5_000) {
        h.messages(json!(batch)); // a replay comes in several notifications, each under the frame limit
    }
    assert_eq!(h.view().transcript.len(), TRANSCRIPT_WINDOW);
    while h.view().earlier > 0 {
        h.user(Intent::ShowEarlier);
    }
    let view = h.view();
    assert!(view.transcript.len() <= MAX_TRANSCRIPT_ENTRIES + 1);
    assert!(
        view.transcript[0]
            .text
            .ends_with("older messages are not shown"),
        "{}",
        view.transcript[0].text
    );
    assert_eq!(
        view.transcript.last().unwrap().text,
        format!("m{}", MAX_TRANSCRIPT_ENTRIES + 9)
    );
}

#[test]
fn a_long_conversation_shows_its_newest_entries_and_earlier_ones_on_request() {
    let mut h = Harness::open_conversation();
    let base = h.view().transcript.len(); // lpchat's own note that the conversation started
    let history: Vec<_> = (0..1_000)
        .map(|i| agent_text(i, &format!("m{i}")))
        .collect();
    h.messages(json!(history));
    let texts = |h: &Harness| -> Vec<String> {
        h.view().transcript.iter().map(|e| e.text.clone()).collect()
    };
    let view = h.view();
    assert_eq!(view.transcript.len(), TRANSCRIPT_WINDOW);
    assert_eq!(view.earlier, base + 1_000 - TRANSCRIPT_WINDOW);
    assert_eq!(texts(&h)[0], format!("m{}", 1_000 - TRANSCRIPT_WINDOW));
    // At the bottom, a new message pushes the oldest shown one out: the view stays one window.
    h.messages(json!([agent_text(1_000, "new")]));
    assert_eq!(h.view().transcript.len(), TRANSCRIPT_WINDOW);
    assert_eq!(texts(&h).last().unwrap(), "new");
    // Reading back: one more window, and now new messages extend the view instead.
    h.user(Intent::ShowEarlier);
    let first = texts(&h)[0].clone();
    assert_eq!(first, format!("m{}", 1_001 - 2 * TRANSCRIPT_WINDOW));
    assert_eq!(h.view().earlier, base + 1_001 - 2 * TRANSCRIPT_WINDOW);
    h.messages(json!([agent_text(1_001, "newer")]));
    assert_eq!(
        texts(&h)[0],
        first,
        "nothing the user is reading moves away"
    );
    assert_eq!(h.view().transcript.len(), 2 * TRANSCRIPT_WINDOW + 1);
    while h.view().earlier > 0 {
        h.user(Intent::ShowEarlier);
    }
    assert_eq!(texts(&h)[base], "m0");
    assert_eq!(h.view().transcript.len(), base + 1_002);
}

#[test]
fn one_publish_is_in_flight_at_a_time_and_the_rest_follow_in_order_as_answers_come() {
    let mut h = Harness::open_conversation();
    for i in 0..60 {
        h.user(Intent::SendText(format!("n{i}")));
    }
    for i in 0..60 {
        let mut sent = Vec::new();
        while let Some(Command::Send { text, .. }) = h.next_command() {
            let frame: serde_json::Value = serde_json::from_str(&text).unwrap();
            sent.push(frame);
        }
        assert_eq!(
            sent.len(),
            1,
            "one at a time, so a refused one is never overtaken"
        );
        assert_eq!(
            sent[0]["body"]["event"]["message"],
            format!("n{i}"),
            "in order"
        );
        let id = sent[0]["id"].as_str().unwrap().to_owned();
        h.respond(&id, 200, Some(json!({"sequence": i})));
    }
    h.no_more_commands();
}

#[test]
fn forget_me_removes_exactly_the_accounts_record_and_everything_shown() {
    let mut h = Harness::open_conversation();
    h.storage
        .insert("another-app.setting".into(), "keep me".into());
    h.user(Intent::Forget {
        account: ACCOUNT.into(),
    });
    assert!(matches!(
        h.next_command(),
        Some(Command::CloseSocket { .. })
    ));
    h.no_more_commands();
    assert_eq!(
        h.storage.keys().collect::<Vec<_>>(),
        vec!["another-app.setting"]
    );
    let view = h.view();
    assert!(view.transcript.is_empty());
    assert_eq!(
        view.status,
        "Forgotten: this browser keeps nothing for this account"
    );
    assert!(view.can_connect);
    // Connecting again is a new visitor: Domain API and a new signup.
    h.connect();
    let (id, _) = h.expect_http(lpchat_core::HttpMethod::Get);
    h.http_reply(id, 200, &Harness::domains_body());
    let (_, url) = h.expect_http(lpchat_core::HttpMethod::Post);
    assert!(url.ends_with("/signup"));
    h.input(Input::Tick);
}
