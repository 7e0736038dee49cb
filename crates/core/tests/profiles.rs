//! Agents' nicknames and pictures from their public profiles (PROTOCOL.md §5.10).

mod support;

use lpchat_core::{HttpMethod, Input, Intent};
use serde_json::json;
use support::*;

fn with_profiles() -> Harness {
    let mut h = Harness::new();
    h.ready_with_domains(&domains(Some(("acCdnDomain", "accdn.test"))), json!([]));
    h.user(Intent::StartConversation);
    let (id, _) = h.expect_request("cm.ConsumerRequestConversation");
    h.respond(&id, 200, Some(json!({"conversationId": CONV})));
    let _ = h.expect_request("ms.SubscribeMessagingEvents");
    h
}

/// The conversations subscription's notice that `agent` is assigned.
fn assigned(agent: &str) -> serde_json::Value {
    let change = json!({"type": "UPSERT", "result": {"convId": CONV, "conversationDetails": {
        "participants": [{"id": SUB, "role": "CONSUMER"}, {"id": agent, "role": "ASSIGNED_AGENT"}],
        "state": "OPEN", "stage": "OPEN", "startTs": 1}}});
    json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
           "body": {"subscriptionId": "s1", "changes": [change]}})
}

#[test]
fn the_agents_nickname_and_picture_come_from_the_public_profile() {
    let mut h = with_profiles();
    assert_eq!(h.view().agent, None, "no agent yet");
    h.frame(assigned("agent-1"));
    let (id, url) = h.expect_http(HttpMethod::Get);
    assert_eq!(
        url,
        "https://accdn.test/api/account/12345678/configuration/le-users/users/agent-1"
    );
    let agent = h.view().agent.unwrap();
    assert_eq!(
        (agent.name.as_str(), agent.initials.as_str(), agent.picture),
        ("Agent", "A", None),
        "until it answers"
    );
    let fixture =
        include_str!("../../wire/testdata/frames/82_http_acCdn_agent_public_profile.json");
    h.http_reply(id, 200, fixture);
    let agent = h.view().agent.unwrap();
    assert_eq!(agent.name, "NirL");
    assert_eq!(agent.initials, "N");
    assert!(agent
        .picture
        .unwrap()
        .starts_with("https://s-media-cache-ak0.pinimg.com/"));
    // Asked once per agent; a transfer asks for the new one.
    h.frame(assigned("agent-1"));
    h.no_more_commands();
    h.frame(assigned("agent-2"));
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.http_reply(
        id,
        200,
        &json!({"nickname": "", "fullName": "Dana Cohen", "pictureUrl": "javascript:alert(1)"})
            .to_string(),
    );
    let agent = h.view().agent.unwrap();
    assert_eq!(
        (agent.name.as_str(), agent.initials.as_str(), agent.picture),
        ("Dana Cohen", "DC", None)
    );
}

#[test]
fn an_unreachable_profile_leaves_the_initial_avatar() {
    let mut h = with_profiles();
    h.frame(assigned("agent-1"));
    let (id, _) = h.expect_http(HttpMethod::Get);
    h.input(Input::HttpDone {
        id,
        result: Err(lpchat_core::NetError::Unreachable),
    });
    let agent = h.view().agent.unwrap();
    assert_eq!(
        (agent.name.as_str(), agent.initials.as_str()),
        ("Agent", "A")
    );
    assert_eq!(h.view().alert, None, "not the user's problem");
    assert_eq!(h.view().status, "Conversation open");
}
