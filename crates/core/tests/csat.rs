//! LivePerson's legacy satisfaction rating (CSAT, frame 53), offered where the page asks for it after a
//! conversation that no survey followed.

mod support;

use lpchat_core::Intent;
use serde_json::json;
use support::*;

fn closed_by_agent(h: &mut Harness) {
    h.frame(
        json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
                   "body": {"changes": [conversation_change("CLOSE", Some("AGENT"))]}}),
    );
}

#[test]
fn after_the_close_the_rating_is_offered_and_sent_as_frame_53_shows() {
    let mut h = Harness::with_csat().with_open_conversation();
    assert!(!h.view().can_rate, "not while the conversation is open");
    closed_by_agent(&mut h);
    assert!(h.view().can_rate);
    h.user(Intent::Rate {
        stars: 4,
        resolved: true,
    });
    let (id, frame) = h.expect_request("cm.UpdateConversationField");
    assert_eq!(
        frame["body"],
        json!({"conversationId": CONV, "conversationField": [
            {"field": "CSATRate", "csatRate": 4, "csatResolutionConfirmation": true, "status": "FILLED"}]})
    );
    assert!(!h.view().can_rate, "once");
    h.respond(&id, 200, Some(json!("OK")));
    assert!(h
        .entries()
        .iter()
        .any(|(_, text)| text == "Thank you for your rating"));
}

#[test]
fn declining_sends_nothing_and_without_the_page_asking_nothing_is_offered() {
    let mut h = Harness::with_csat().with_open_conversation();
    closed_by_agent(&mut h);
    h.user(Intent::SkipRating);
    assert!(!h.view().can_rate);
    h.no_more_commands();

    let mut h = Harness::open_conversation();
    closed_by_agent(&mut h);
    assert!(!h.view().can_rate, "the page did not ask for ratings");
    h.user(Intent::Rate {
        stars: 5,
        resolved: true,
    });
    h.no_more_commands();
}

#[test]
fn no_rating_after_a_post_conversation_survey() {
    let mut h = Harness::with_csat().with_open_conversation();
    let survey = json!([{"dialogId": CONV, "dialogType": "MAIN", "state": "CLOSE"},
                        {"dialogId": "survey-1", "dialogType": "POST_SURVEY", "state": "OPEN"}]);
    let change = |stage: &str, ts: i64, dialogs: &serde_json::Value| {
        json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[{"type":"UPSERT","result":{
            "convId": CONV, "conversationDetails": {"participants": [{"id": SUB, "role": "CONSUMER"}], "state": "CLOSE",
            "stage": stage, "closeReason": "AGENT", "metaDataLastUpdateTs": ts, "dialogs": dialogs}}}]}})
    };
    h.frame(change("OPEN", 10, &survey));
    let (id, _) = h.expect_request("ms.SubscribeMessagingEvents");
    h.respond(&id, 200, None);
    h.frame(change("CLOSE", 11, &json!([])));
    assert!(
        h.view().can_start_conversation && !h.view().can_end_conversation,
        "the conversation is over"
    );
    assert!(!h.view().can_rate, "the survey was the rating");
}

#[test]
fn a_refused_rating_is_explained() {
    let mut h = Harness::with_csat().with_open_conversation();
    closed_by_agent(&mut h);
    h.user(Intent::Rate {
        stars: 2,
        resolved: false,
    });
    let (id, _) = h.expect_request("cm.UpdateConversationField");
    h.respond(&id, 400, Some(json!("Invalid CSATRate")));
    let alert = h.view().alert.unwrap_or_default();
    assert!(alert.starts_with("Sending your rating"), "{alert}");
}
