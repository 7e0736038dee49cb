//! Past conversations: the closed ones the conversation subscription reports are listed, newest
//! first, with the agent's name once known; one opens read only with its history, which never
//! touches the current conversation; a refusal or no answer says so.

mod support;

use lpchat_core::{Author, HttpMethod, Input, Intent};
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

const OLD: &str = "0c4a52e2-2d1a-4c55-8f0e-2f0c1b6a9d11";
const OLDER: &str = "5b8e1f0a-7c3d-4e2b-9a6f-1d0c2b3a4e55";
const AGENT: &str = "5b2f7e8a-0c4e-4b7e-9d8f-2a6c1e3b4d5f";

/// A closed conversation as the subscription's snapshot carries it (frame 41's shape).
fn closed(id: &str, start: i64, agent: bool) -> Value {
    let mut participants = vec![json!({"id": SUB, "role": "CONSUMER"})];
    if agent {
        participants.push(json!({"id": AGENT, "role": "ASSIGNED_AGENT"}));
    }
    json!({"type": "UPSERT", "result": {"convId": id, "conversationDetails": {
        "participants": participants, "state": "CLOSE", "stage": "CLOSE", "closeReason": "AGENT",
        "startTs": start, "endTs": start + 60_000, "metaDataLastUpdateTs": start + 60_000,
        "dialogs": [{"dialogId": id, "dialogType": "MAIN", "state": "CLOSE", "channelType": "MESSAGING"}]}}})
}

fn history(dialog: &str) -> Value {
    json!([
        {"sequence": 0, "originatorId": SUB, "originatorMetadata": {"id": SUB, "role": "CONSUMER"}, "serverTimestamp": 1_700_000_001_000i64, "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "My order is late"}, "dialogId": dialog},
        {"originatorId": AGENT, "originatorMetadata": {"id": AGENT, "role": "ASSIGNED_AGENT"}, "serverTimestamp": 1_700_000_002_000i64, "event": {"type": "AcceptStatusEvent", "status": "READ", "sequenceList": [0]}, "dialogId": dialog},
        {"sequence": 1, "originatorId": AGENT, "originatorMetadata": {"id": AGENT, "role": "ASSIGNED_AGENT"}, "serverTimestamp": 1_700_000_003_000i64, "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "It ships today"}, "dialogId": dialog}
    ])
}

/// Connected (agents' profiles on `accdn.test`), two closed conversations in the snapshot.
fn past_ready() -> Harness {
    let mut h = Harness::new();
    let domains = json!({"baseURIs": [
        {"service": "idp", "account": ACCOUNT, "baseURI": "va.idp.test"},
        {"service": "asyncMessagingEnt", "account": ACCOUNT, "baseURI": "va.msg.test"},
        {"service": "acCdnDomain", "account": ACCOUNT, "baseURI": "accdn.test"},
    ]});
    h.ready_with_domains(
        &domains.to_string(),
        json!([
            closed(OLDER, 1_600_000_000_000, false),
            closed(OLD, 1_700_000_000_000, true)
        ]),
    );
    h.no_more_commands();
    h
}

#[test]
fn closed_conversations_are_listed_newest_first_with_the_agents_name() {
    let mut h = past_ready();
    let view = h.view();
    let ids: Vec<&str> = view.past.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, [OLD, OLDER]);
    assert_eq!(view.past[0].started, Some(1_700_000_000_000));
    assert_eq!(
        view.status, "Connected",
        "no conversation is open: the closed ones are past"
    );
    assert!(!view.past_shown);
    // Opening the list asks for the agent's profile (once), whose name then labels the entry.
    h.user(Intent::ShowPast(true));
    assert!(h.view().past_shown);
    let (id, url) = h.expect_http(HttpMethod::Get);
    assert!(url.contains(AGENT), "{url}");
    h.http_reply(
        id,
        200,
        &json!({"nickname": "Edsger", "fullName": "Edsger Dijkstra"}).to_string(),
    );
    assert_eq!(h.view().past[0].agent.as_deref(), Some("Edsger"));
    assert_eq!(h.view().past[1].agent, None, "no agent was named");
    h.user(Intent::ShowPast(false));
    h.user(Intent::ShowPast(true));
    h.no_more_commands(); // asked once
}

#[test]
fn a_past_conversation_opens_read_only_and_leaves_the_current_one_alone() {
    let mut h = Harness::open_conversation();
    h.messages(json!([{"sequence": 0, "originatorId": AGENT, "originatorMetadata": {"id": AGENT, "role": "ASSIGNED_AGENT"}, "serverTimestamp": 1_800_000_000_000i64, "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "Hello again"}, "dialogId": CONV}]));
    let _ = h.sent_frames(); // the receipts of that
    h.frame(
        json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
        "body": {"subscriptionId": "s1", "changes": [closed(OLD, 1_700_000_000_000, false)]}}),
    );
    let current = h.entries();
    h.user(Intent::ShowPast(true));
    h.user(Intent::ReadPast(0));
    let (req, body) = h.expect_request("ms.SubscribeMessagingEvents");
    assert_eq!(
        body["body"],
        json!({"dialogId": OLD, "fromSeq": 0, "conversationId": OLD})
    );
    let view = h.view();
    assert_eq!(
        view.reading
            .and_then(|i| view.past.get(i))
            .map(|p| p.id.as_str()),
        Some(OLD)
    );
    assert!(!view.past_shown, "the list gives way to the conversation");
    assert!(!view.can_send && !view.can_end_conversation && !view.can_download);
    assert!(h.entries().is_empty(), "{:?}", h.entries());
    h.respond(&req, 200, None);
    h.messages(history(OLD));
    assert_eq!(
        h.entries(),
        [
            ("consumer".to_owned(), "My order is late".to_owned()),
            ("agent".to_owned(), "It ships today".to_owned())
        ]
    );
    assert!(
        h.sent_frames().is_empty(),
        "a past conversation's messages get no receipts"
    );
    // The current conversation goes on meanwhile, and is there again on the way back.
    h.messages(json!([{"sequence": 1, "originatorId": AGENT, "originatorMetadata": {"id": AGENT, "role": "ASSIGNED_AGENT"}, "serverTimestamp": 1_800_000_001_000i64, "event": {"type": "ContentEvent", "contentType": "text/plain", "message": "Still there?"}, "dialogId": CONV}]));
    assert_eq!(h.entries().len(), 2, "not in the past conversation");
    h.user(Intent::ShowPast(false));
    let view = h.view();
    assert_eq!(view.reading, None);
    assert!(view.can_send && view.can_end_conversation);
    let mut expected = current;
    expected.push(("agent".into(), "Still there?".into()));
    assert_eq!(h.entries(), expected);
    assert!(
        view.transcript
            .iter()
            .all(|e| e.author != Author::Consumer || e.text != "My order is late"),
        "nothing of the past one in the current one"
    );
}

#[test]
fn a_refused_or_unanswered_history_says_it_cannot_be_read() {
    let mut h = past_ready();
    h.user(Intent::ReadPast(0));
    let (req, _) = h.expect_request("ms.SubscribeMessagingEvents");
    h.respond(&req, 403, Some(json!("Forbidden")));
    let refused = [(
        "system".to_owned(),
        "LivePerson refused to show this conversation.".to_owned(),
    )];
    assert_eq!(h.entries(), refused);
    assert_eq!(
        h.view().alert,
        None,
        "said in the conversation's place, not as an alert"
    );
    // Events that come anyway are not shown.
    h.messages(history(OLD));
    assert_eq!(h.entries(), refused, "nothing of what comes anyway");

    h.user(Intent::ReadPast(1));
    let _ = h.expect_request("ms.SubscribeMessagingEvents");
    h.advance(Duration::from_secs(11));
    assert_eq!(h.entries(), refused);
    assert_eq!(h.view().alert, None);
}

#[test]
fn a_history_asked_for_when_the_socket_went_is_asked_again_once_connected() {
    let mut h = past_ready();
    h.user(Intent::ReadPast(0));
    let _ = h.expect_request("ms.SubscribeMessagingEvents");
    h.closed(1006);
    h.advance_to_next_timeout();
    let (conn, _) = h.expect_open();
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    let requests: Vec<String> = h
        .sent_frames()
        .iter()
        .map(|f| format!("{} {}", f["type"], f["body"]["dialogId"]))
        .collect();
    assert!(
        requests.contains(&format!("\"ms.SubscribeMessagingEvents\" \"{OLD}\"")),
        "{requests:?}"
    );
}

#[test]
fn a_new_account_or_forget_me_clears_the_list() {
    let mut h = past_ready();
    assert_eq!(h.view().past.len(), 2);
    h.user(Intent::Forget {
        account: ACCOUNT.into(),
    });
    assert!(h.view().past.is_empty());
}
