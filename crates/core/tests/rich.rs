//! The rich conversation: typing both ways, receipts both ways, quick replies and cards (frames 37
//! and 39), unread messages. Virtual time throughout.

mod support;

use lpchat_core::{Delivery, Input, Intent, Timing};
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

fn agent(seq: i64, event: Value) -> Value {
    json!({"sequence": seq, "originatorId": "agent-1", "originatorMetadata": {"id": "agent-1", "role": "ASSIGNED_AGENT"}, "serverTimestamp": 5, "event": event, "dialogId": CONV})
}

fn text(t: &str) -> Value {
    json!({"type": "ContentEvent", "contentType": "text/plain", "message": t})
}

fn chat_state(state: &str) -> Value {
    json!({"originatorId": "agent-1", "originatorMetadata": {"id": "agent-1", "role": "ASSIGNED_AGENT"}, "event": {"type": "ChatStateEvent", "chatState": state}, "dialogId": CONV})
}

/// Every frame sent until nothing is left (after the timers due now).
fn sent(h: &mut Harness) -> Vec<Value> {
    let mut out = Vec::new();
    while let Some(c) = h.next_command() {
        if let lpchat_core::Command::Send { text, .. } = c {
            out.push(serde_json::from_str(&text).unwrap());
        }
    }
    out
}

fn events(frames: &[Value]) -> Vec<Value> {
    frames
        .iter()
        .filter(|f| f["type"] == "ms.PublishEvent")
        .map(|f| f["body"]["event"].clone())
        .collect()
}

#[test]
fn typing_sends_composing_at_most_every_five_seconds_and_active_after_three_idle() {
    let mut h = Harness::open_conversation();
    let t = Timing::default();
    h.user(Intent::Typing);
    assert_eq!(
        events(&sent(&mut h)),
        [json!({"type": "ChatStateEvent", "chatState": "COMPOSING"})]
    );
    for _ in 0..4 {
        h.advance(Duration::from_secs(1));
        h.user(Intent::Typing);
    }
    assert!(
        events(&sent(&mut h)).is_empty(),
        "no second COMPOSING within {:?}",
        t.typing_refresh
    );
    h.advance(Duration::from_secs(1));
    h.user(Intent::Typing);
    assert_eq!(events(&sent(&mut h)).len(), 1, "refreshed after 5 s");
    h.advance(t.typing_idle - Duration::from_millis(1));
    assert!(events(&sent(&mut h)).is_empty());
    h.advance(Duration::from_millis(1));
    assert_eq!(
        events(&sent(&mut h)),
        [json!({"type": "ChatStateEvent", "chatState": "ACTIVE"})]
    );
    h.advance(Duration::from_secs(60));
    assert!(events(&sent(&mut h)).is_empty(), "nothing more while idle");
}

#[test]
fn sending_a_message_ends_typing_without_an_extra_state() {
    let mut h = Harness::open_conversation();
    h.user(Intent::Typing);
    sent(&mut h);
    h.user(Intent::SendText("hello".into()));
    let out = events(&sent(&mut h));
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["message"], "hello");
    h.advance(Duration::from_secs(10));
    assert!(events(&sent(&mut h)).is_empty());
}

/// The view's flag, and the session's own answer (what a page embedding lpchat is told), agreeing.
fn typing(h: &Harness) -> bool {
    let shown = h.view().agent_typing;
    assert_eq!(
        h.session.agent_typing(),
        shown,
        "Session::agent_typing is the view's"
    );
    shown
}

#[test]
fn the_agent_typing_shows_until_another_state_a_message_or_the_timeout() {
    let mut h = Harness::open_conversation();
    h.messages(json!([chat_state("COMPOSING")]));
    assert!(typing(&h));
    h.messages(json!([chat_state("ACTIVE")]));
    assert!(!typing(&h));
    h.messages(json!([chat_state("COMPOSING")]));
    h.messages(json!([agent(0, text("Here you go"))]));
    assert!(!typing(&h), "a message ends it");
    h.messages(json!([chat_state("COMPOSING")]));
    h.advance(Timing::default().agent_typing_timeout);
    assert!(!typing(&h), "and so does the timeout");
}

#[test]
fn agent_messages_are_accepted_and_read_in_batches() {
    let mut h = Harness::open_conversation();
    h.messages(json!([agent(0, text("a")), agent(1, text("b"))]));
    h.messages(json!([agent(2, text("c"))]));
    assert!(events(&sent(&mut h)).is_empty(), "batched for a moment");
    h.advance(Timing::default().receipt_batch);
    assert_eq!(
        events(&sent(&mut h)),
        [
            json!({"type": "AcceptStatusEvent", "status": "ACCEPT", "sequenceList": [0, 1, 2]}),
            json!({"type": "AcceptStatusEvent", "status": "READ", "sequenceList": [0, 1, 2]}),
        ],
        "shown at once: the page is visible and at the bottom"
    );
    // Scrolled up: delivered, not read, and counted as unread until seen.
    h.user(Intent::AtBottom(false));
    h.messages(json!([agent(3, text("d"))]));
    h.advance(Timing::default().receipt_batch);
    assert_eq!(
        events(&sent(&mut h)),
        [json!({"type": "AcceptStatusEvent", "status": "ACCEPT", "sequenceList": [3]})]
    );
    assert_eq!(h.view().unread, 1);
    h.user(Intent::AtBottom(true));
    assert_eq!(h.view().unread, 0);
    h.advance(Timing::default().receipt_batch);
    assert_eq!(
        events(&sent(&mut h)),
        [json!({"type": "AcceptStatusEvent", "status": "READ", "sequenceList": [3]})]
    );
    // A hidden page reads nothing until it is shown again.
    h.input(Input::Hidden);
    h.messages(json!([agent(4, text("e"))]));
    h.advance(Timing::default().receipt_batch);
    assert_eq!(events(&sent(&mut h)).len(), 1, "ACCEPT only");
    h.input(Input::Visible);
    h.advance(Timing::default().receipt_batch);
    assert_eq!(
        events(&sent(&mut h)),
        [json!({"type": "AcceptStatusEvent", "status": "READ", "sequenceList": [4]})]
    );
}

#[test]
fn a_replay_with_the_users_own_receipts_is_not_receipted_again() {
    let mut h = Harness::open_conversation();
    let mine = |seq: i64, status: &str, list: Value| json!({"sequence": seq, "originatorId": SUB, "originatorMetadata": {"id": SUB, "role": "CONSUMER"}, "event": {"type": "AcceptStatusEvent", "status": status, "sequenceList": list}, "dialogId": CONV});
    h.messages(json!([
        agent(0, text("a")),
        agent(1, text("b")),
        mine(2, "ACCEPT", json!([0, 1])),
        mine(3, "READ", json!([0])),
    ]));
    h.advance(Timing::default().receipt_batch);
    assert_eq!(
        events(&sent(&mut h)),
        [json!({"type": "AcceptStatusEvent", "status": "READ", "sequenceList": [1]})]
    );
}

#[test]
fn the_agents_receipts_move_the_users_messages_to_delivered_and_read() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("one".into()));
    let (id, _) = h.expect_request("ms.PublishEvent");
    // A receipt can come before the publish's answer; it is kept until the sequence is known.
    let receipt = |seq: i64, status: &str| json!({"sequence": seq, "originatorId": "agent-1", "originatorMetadata": {"id": "agent-1", "role": "ASSIGNED_AGENT"}, "event": {"type": "AcceptStatusEvent", "status": status, "sequenceList": [0]}, "dialogId": CONV});
    h.messages(json!([receipt(1, "ACCEPT")]));
    h.respond(&id, 200, Some(json!({"sequence": 0})));
    let delivery = |h: &Harness| h.view().transcript.last().unwrap().delivery;
    assert_eq!(delivery(&h), Some(Delivery::Delivered));
    h.messages(json!([receipt(2, "READ")]));
    assert_eq!(delivery(&h), Some(Delivery::Read));
    h.messages(json!([receipt(3, "ACCEPT")]));
    assert_eq!(delivery(&h), Some(Delivery::Read), "never backwards");
}

fn survey_question() -> Value {
    json!({"type": "ContentEvent", "contentType": "text/plain", "message": "How did we do?", "quickReplies": {"type": "quickReplies", "itemsPerRow": 8, "replies": [
        {"type": "button", "title": "Good", "click": {"actions": [{"type": "publishText", "text": "Good"}], "metadata": [{"type": "Answer", "questionId": "q-1", "id": "a-1", "provider": "AC"}]}},
        {"type": "button", "title": "Site", "click": {"actions": [{"type": "link", "uri": "https://example.com/help"}]}},
        {"type": "button", "title": "Evil", "click": {"actions": [{"type": "link", "uri": "javascript:alert(1)"}]}}
    ]}})
}

#[test]
fn a_quick_reply_sends_the_action_receipt_and_the_text_with_the_clicks_metadata() {
    let mut h = Harness::open_conversation();
    h.messages(json!([agent(7, survey_question())]));
    let replies = h.view().quick_replies;
    assert_eq!(replies.len(), 3);
    assert_eq!(replies[1].link.as_deref(), Some("https://example.com/help"));
    assert!(replies[2].inert && replies[2].link.is_none());
    sent(&mut h);
    h.user(Intent::QuickReply(0));
    let (_, action) = h.expect_request("ms.PublishEvent");
    let answer = json!([{"type": "Answer", "questionId": "q-1", "id": "a-1", "provider": "AC"}]);
    // Frame 37: the receipt, with the metadata beside the body.
    assert_eq!(
        action["body"]["event"],
        json!({"type": "AcceptStatusEvent", "status": "ACTION", "sequenceList": [7]})
    );
    assert_eq!(action["metadata"], answer);
    assert_eq!(action["body"]["conversationId"], CONV);
    // Frame 39: the text, with the same metadata (and lpchat's own ExternalId after it).
    let (_, reply) = h.expect_request("ms.PublishEvent");
    assert_eq!(reply["body"]["event"], text("Good"));
    assert_eq!(reply["metadata"][0], answer[0]);
    assert_eq!(reply["metadata"][1]["type"], "ExternalId");
    assert!(h.view().quick_replies.is_empty(), "used once, then gone");
    assert_eq!(h.view().transcript.last().unwrap().text, "Good");
}

#[test]
fn quick_replies_go_away_when_the_user_writes_or_a_newer_message_arrives() {
    let mut h = Harness::open_conversation();
    h.messages(json!([agent(1, survey_question())]));
    h.user(Intent::SendText("typed instead".into()));
    assert!(h.view().quick_replies.is_empty());
    h.messages(json!([agent(3, survey_question())]));
    assert_eq!(h.view().quick_replies.len(), 3);
    h.messages(json!([agent(4, text("never mind"))]));
    assert!(h.view().quick_replies.is_empty());
    h.messages(json!([agent(2, survey_question())]));
    assert!(
        h.view().quick_replies.is_empty(),
        "an older message from the replay offers nothing"
    );
}

#[test]
fn a_cards_publish_text_button_answers_like_a_quick_reply() {
    let mut h = Harness::open_conversation();
    let card = json!({"type": "RichContentEvent", "content": {"type": "vertical", "elements": [
        {"type": "text", "text": "<img src=x onerror=alert(1)>"},
        {"type": "button", "title": "Yes", "click": {"metadata": [{"type": "ExternalId", "id": "card-yes"}], "actions": [{"type": "publishText", "text": "yes please"}]}}
    ]}});
    h.messages(json!([agent(9, card)]));
    let entry = h.view().transcript.last().unwrap().clone();
    let c = entry.card.expect("a card");
    assert_eq!(c.actions.len(), 1);
    sent(&mut h);
    h.user(Intent::CardAction {
        entry: entry.key,
        action: 0,
    });
    let (_, action) = h.expect_request("ms.PublishEvent");
    assert_eq!(action["body"]["event"]["status"], "ACTION");
    assert_eq!(action["body"]["event"]["sequenceList"], json!([9]));
    assert_eq!(
        action["metadata"],
        json!([{"type": "ExternalId", "id": "card-yes"}])
    );
    let (_, reply) = h.expect_request("ms.PublishEvent");
    assert_eq!(reply["body"]["event"]["message"], "yes please");
}

#[test]
fn ending_closes_the_main_dialog_and_a_survey_can_be_skipped_with_stage() {
    let mut h = Harness::open_conversation();
    h.user(Intent::EndConversation);
    let (id, frame) = h.expect_request("cm.UpdateConversationField");
    assert_eq!(
        frame["body"]["conversationField"][0]["field"],
        "DialogChange"
    );
    h.respond(&id, 200, Some(json!("OK")));
    // The main dialog closed and a survey dialog opened (frame 35's shape).
    let mut change = conversation_change("CLOSE", Some("CONSUMER"));
    change["result"]["conversationDetails"]["stage"] = json!("OPEN");
    change["result"]["conversationDetails"]["dialogs"] = json!([
        {"dialogId": CONV, "dialogType": "MAIN", "state": "CLOSE"},
        {"dialogId": "survey-1", "dialogType": "POST_SURVEY", "state": "OPEN"}
    ]);
    h.frame(json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[change]}}));
    let (_, sub) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(sub["body"]["dialogId"], "survey-1");
    let v = h.view();
    assert!(v.can_skip_survey && !v.can_end_conversation && v.can_send);
    // No chat states to the survey dialog.
    h.user(Intent::Typing);
    assert!(events(&sent(&mut h)).is_empty());
    h.user(Intent::SkipSurvey);
    let (id, frame) = h.expect_request("cm.UpdateConversationField");
    assert_eq!(
        frame["body"]["conversationField"],
        json!([{"field": "Stage", "conversationState": "CLOSE"}])
    );
    h.respond(&id, 200, Some(json!("OK")));
    assert_eq!(h.view().status, "Conversation closed");
}

#[test]
fn every_entry_has_a_time_lpchats_own_until_the_servers_arrives() {
    let mut h = Harness::open_conversation();
    h.user(Intent::SendText("mine".into()));
    h.messages(json!([agent(0, text("theirs"))]));
    let v = h.view();
    let time = |text: &str| {
        v.transcript
            .iter()
            .find(|e| e.text == text)
            .and_then(|e| e.timestamp)
    };
    assert_eq!(time("theirs"), Some(5), "the server's time for its events");
    assert!(
        time("mine").is_some_and(|t| t >= WALL_ORIGIN_MS),
        "the local time for one being sent"
    );
    assert!(time("Conversation started").is_some_and(|t| t >= WALL_ORIGIN_MS));
}
