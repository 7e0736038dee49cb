//! Desktop notifications: only when the user turned them on and the browser allowed them, only for
//! agent messages arriving while the page is hidden, never for a replayed history.

mod support;

use lpchat_core::{Command, Input, Intent, Notifications};
use serde_json::json;
use support::*;

fn agent_says(h: &mut Harness, sequence: i64, text: &str) {
    h.messages(json!([{"sequence": sequence, "originatorId": "agent-1", "originatorMetadata": {"id":"agent-1","role":"ASSIGNED_AGENT"}, "serverTimestamp": 10 + sequence, "event": {"type":"ContentEvent","contentType":"text/plain","message": text}, "dialogId": CONV}]));
}

fn notifications(h: &mut Harness) -> Vec<(String, String)> {
    let mut shown = Vec::new();
    while let Some(command) = h.next_command() {
        if let Command::Notify { title, body } = command {
            shown.push((title, body));
        }
    }
    shown
}

#[test]
fn nothing_is_announced_until_the_user_turns_notifications_on_and_the_browser_allows_them() {
    let mut h = Harness::open_conversation();
    h.input(Input::Hidden);
    agent_says(&mut h, 1, "Are you there?");
    assert_eq!(notifications(&mut h), [], "off by default");
    assert_eq!(h.view().notifications, Notifications::Off);

    h.user(Intent::Notifications(true));
    assert_eq!(h.next_command(), Some(Command::AskPermission));
    assert_eq!(h.view().notifications, Notifications::Asking);
    agent_says(&mut h, 2, "Still waiting");
    assert_eq!(
        notifications(&mut h),
        [],
        "not before the browser allows them"
    );
    h.input(Input::Permission { granted: true });
    assert_eq!(h.view().notifications, Notifications::On);

    agent_says(&mut h, 3, "Your parcel is on its way");
    let shown = notifications(&mut h);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0].1, "Your parcel is on its way");
    assert!(!shown[0].0.is_empty(), "titled with who wrote");

    h.input(Input::Visible);
    agent_says(&mut h, 4, "Anything else?");
    assert_eq!(notifications(&mut h), [], "not while the page is seen");

    h.input(Input::Hidden);
    h.user(Intent::Notifications(false));
    agent_says(&mut h, 5, "Bye");
    assert_eq!(notifications(&mut h), [], "turned off again");
}

#[test]
fn a_refusal_is_shown_and_long_messages_are_cut() {
    let mut h = Harness::open_conversation();
    h.user(Intent::Notifications(true));
    h.input(Input::Permission { granted: false });
    assert_eq!(h.view().notifications, Notifications::Blocked);
    h.input(Input::Hidden);
    agent_says(&mut h, 1, "Hello");
    assert_eq!(notifications(&mut h), []);

    h.user(Intent::Notifications(true));
    h.input(Input::Permission { granted: true });
    agent_says(&mut h, 2, &"x".repeat(500));
    let shown = notifications(&mut h);
    assert_eq!(
        shown[0].1.chars().count(),
        121,
        "120 characters and an ellipsis"
    );
    assert!(shown[0].1.ends_with('…'));
}
