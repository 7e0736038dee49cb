//! Routing a new conversation to a skill (`?skill=`, PROTOCOL.md §5.1).

mod support;

use lpchat_core::Intent;
use serde_json::json;
use support::*;

fn request_of(mut h: Harness) -> (Harness, serde_json::Value) {
    h.ready_with(json!([]));
    h.user(Intent::StartConversation);
    let (_, frame) = h.expect_request("cm.ConsumerRequestConversation");
    (h, frame)
}

#[test]
fn a_skill_in_the_address_routes_the_new_conversation_to_it() {
    for skill in ["123456", "-1"] {
        let (_, frame) = request_of(Harness::with_skill(skill));
        assert_eq!(frame["body"], json!({"skillId": skill}), "{skill}");
    }
}

#[test]
fn without_a_skill_the_request_is_the_minimal_frame() {
    let (_, frame) = request_of(Harness::new());
    assert!(frame.get("body").is_none(), "{frame}");
}

#[test]
fn a_skill_that_is_not_a_number_is_explained_and_not_sent() {
    let mut h = Harness::with_skill("sales<b>");
    // The page loads and continues what it can: the explanation stays.
    h.user(Intent::Resume {
        account: Some(ACCOUNT.into()),
        csds: Some(CSDS.into()),
    });
    h.no_more_commands(); // nothing stored: nothing to continue
    let alert = h.view().alert.unwrap_or_default();
    assert!(
        alert.contains("“sales<b>”") && alert.contains("default routing"),
        "{alert}"
    );
    let (_, frame) = request_of(h);
    assert!(frame.get("body").is_none(), "{frame}");
}
