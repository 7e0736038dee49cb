//! The post-conversation survey (MULTI_DIALOG, PROTOCOL.md §6.2, §10c.4–5): the main dialog closes, a
//! survey dialog with its own id opens, lpchat follows it until the whole conversation is over.

mod support;

use lpchat_core::Intent;
use serde_json::{json, Value};
use support::*;

const SURVEY: &str = "survey-dialog-1";

fn change(state: &str, stage: &str, survey_state: Option<&str>, ts: i64) -> Value {
    let mut dialogs = vec![json!({"dialogId": CONV, "dialogType": "MAIN", "state": state})];
    if let Some(s) = survey_state {
        dialogs.push(json!({"dialogId": SURVEY, "dialogType": "POST_SURVEY", "state": s}));
    }
    json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[{"type":"UPSERT","result":{
        "convId": CONV, "conversationDetails": {"participants": [{"id": SUB, "role": "CONSUMER"}], "state": state, "stage": stage,
        "closeReason": "AGENT", "metaDataLastUpdateTs": ts, "dialogs": dialogs}}}]}})
}

fn in_survey() -> Harness {
    let mut h = Harness::open_conversation();
    h.frame(change("CLOSE", "OPEN", Some("OPEN"), 10));
    let (id, frame) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(
        (
            frame["body"]["dialogId"].as_str(),
            frame["body"]["conversationId"].as_str(),
            frame["body"]["fromSeq"].as_i64()
        ),
        (Some(SURVEY), Some(CONV), Some(0)),
        "the survey dialog's subscription names the conversation (PCS step 10)"
    );
    h.respond(&id, 200, None);
    h
}

#[test]
fn after_a_reconnect_during_the_survey_its_dialog_is_subscribed_again() {
    let mut h = in_survey();
    h.messages(json!([{"sequence": 0, "originatorId": "bot", "originatorMetadata": {"id": "bot", "role": "AGENT"},
        "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "How was it?"}, "dialogId": SURVEY}]));
    // What the session sends before the reconnect (receipts for the bot's question) is not the point.
    h.closed(1006);
    let conn = (0..100)
        .find_map(|_| match h.next_command() {
            Some(lpchat_core::Command::OpenSocket { conn, .. }) => Some(conn),
            Some(_) => None,
            None => {
                h.advance_to_next_timeout();
                None
            }
        })
        .expect("a reconnect attempt");
    h.conn = Some(conn);
    h.input(lpchat_core::Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    let (_, _) = h.expect_request("cqm.SubscribeExConversations");
    let (_, frame) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(
        (
            frame["body"]["dialogId"].as_str(),
            frame["body"]["conversationId"].as_str(),
            frame["body"]["fromSeq"].as_i64()
        ),
        (Some(SURVEY), Some(CONV), Some(1)),
        "the survey dialog again, from its next sequence"
    );
    assert_eq!(h.view().status, "Post-conversation survey");
}

#[test]
fn multi_dialog_is_declared() {
    let mut h = Harness::new();
    h.open_socket();
    let (_, init) = h.expect_request("InitConnection");
    let features: Vec<String> =
        serde_json::from_value(init["headers"][0]["features"].clone()).unwrap();
    assert!(features.contains(&"MULTI_DIALOG".to_owned()));
}

#[test]
fn the_survey_dialog_is_followed_answered_and_ends_the_conversation() {
    let mut h = in_survey();
    assert_eq!(h.view().status, "Post-conversation survey");
    assert!(h.view().can_send);
    let notes: Vec<String> = h
        .entries()
        .into_iter()
        .filter(|(a, _)| a == "system")
        .map(|(_, t)| t)
        .collect();
    assert!(notes
        .last()
        .unwrap()
        .starts_with("The agent ended the conversation. A short survey follows"));
    // The bot's question: sequence 0 again, in the survey dialog.
    h.messages(json!([{"sequence": 0, "originatorId": "bot", "originatorMetadata": {"id": "bot", "role": "AGENT"},
        "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "How satisfied are you?"}, "dialogId": SURVEY}]));
    assert_eq!(
        h.entries().last().unwrap(),
        &("agent".to_owned(), "How satisfied are you?".to_owned())
    );
    h.user(Intent::SendText("5".into()));
    let (id, frame) = h.expect_request("ms.PublishEvent");
    assert_eq!(
        (
            frame["body"]["dialogId"].as_str(),
            frame["body"]["conversationId"].as_str()
        ),
        (Some(SURVEY), Some(CONV))
    );
    h.respond(&id, 200, Some(json!({"sequence": 1})));
    h.frame(change("CLOSE", "CLOSE", Some("CLOSE"), 20));
    assert_eq!(h.view().status, "Conversation closed");
    assert_eq!(
        h.entries().last().unwrap().1,
        "The survey is over. Thank you"
    );
    assert!(h.view().can_start_conversation);
}

#[test]
fn ending_during_the_survey_skips_it_with_stage_close() {
    let mut h = in_survey();
    h.user(Intent::EndConversation);
    let (_, frame) = h.expect_request("cm.UpdateConversationField");
    assert_eq!(
        frame["body"]["conversationField"],
        json!([{"field": "Stage", "conversationState": "CLOSE"}])
    );
}

#[test]
fn without_a_survey_dialog_a_closed_main_dialog_ends_the_conversation() {
    let mut h = Harness::open_conversation();
    h.frame(change("CLOSE", "CLOSE", None, 10));
    assert_eq!(h.view().status, "Conversation closed");
    assert_eq!(
        h.entries().last().unwrap().1,
        "The agent ended the conversation"
    );
}
