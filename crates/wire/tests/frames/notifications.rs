//! What the server pushes: messages (the agent's and the consumer's echo), conversation changes
//! (old and new shapes, the empty snapshot), and the variations LivePerson is known to send.

use super::*;

#[test]
fn agent_text_10_15_23_are_text_events_with_the_originator() {
    for (name, text, seq) in [
        (
            "10_notif_MessagingEventNotification_agent_text_no_metadata.json",
            "message from the agent",
            0,
        ),
        (
            "15_notif_MessagingEventNotification_agent_text_seq3.json",
            "some agent text",
            3,
        ),
        (
            "23_notif_MessagingEventNotification_agent_text_with_originatorMetadata.json",
            "Hello from the agent",
            0,
        ),
    ] {
        let Notification::MessagingEvent(n) = notification(name) else {
            panic!("{name}")
        };
        assert_eq!(n.changes.len(), 1);
        let c = &n.changes[0];
        assert_eq!(
            (c.event.as_text(), c.sequence),
            (Some(text), Some(seq)),
            "{name}"
        );
        assert!(c.originator().is_some());
        assert!(c.visible_to_consumer());
    }
}

#[test]
fn consumer_echo_28_is_recognised_by_role_and_id() {
    let Notification::MessagingEvent(n) =
        notification("28_notif_MessagingEventNotification_consumer_echo.json")
    else {
        panic!()
    };
    let c = &n.changes[0];
    assert_eq!(c.role(), Some(Role::Consumer));
    assert_eq!(c.originator(), Some("5e9ee96c-226e-44b6-ac51-b1dfe494ba10"));
}

#[test]
fn ex_conversation_13_reads_the_older_participants_map() {
    let Notification::ExConversationChange(n) =
        notification("13_notif_ExConversationChange_new_conv_participantsPId.json")
    else {
        panic!()
    };
    let change = &n.changes[0];
    assert_eq!(change.change_type, ExChangeType::Upsert);
    let d = &change.result.conversation_details;
    assert!(d.is_open());
    assert_eq!(
        d.participants,
        vec![Participant {
            id: "72fca421-d1a2-459c-a420-6c5b1f3e75b0".into(),
            role: Some(Role::Consumer)
        }]
    );
}

#[test]
fn ex_conversation_21_with_no_changes_is_an_empty_snapshot() {
    let Notification::ExConversationChange(n) =
        notification("21_notif_ExConversationChange_empty_changes.json")
    else {
        panic!()
    };
    assert!(n.changes.is_empty());
    assert_eq!(
        n.subscription_id.as_deref(),
        Some("1e25cbe8-de08-4bb2-a100-f72a172a6e04")
    );
}

#[test]
fn tolerated_variations_decode() {
    // A type with the .ams. prefix and the aam. spelling are the same notification.
    let n = decode_inbound(r#"{"kind":"notification","type":".ams.aam.ExConversationChangeNotification","body":{"changes":{"type":"DELETE","result":{"convId":"c"}}}}"#).unwrap();
    let Inbound::Notification(Notification::ExConversationChange(n)) = n else {
        panic!("{n:?}")
    };
    assert_eq!(n.changes[0].change_type, ExChangeType::Delete);
    // Unknown notification types and event types are kept, not failed.
    let n =
        decode_inbound(r#"{"kind":"notification","type":"ms.SomethingNew","body":{}}"#).unwrap();
    assert_eq!(
        n,
        Inbound::Notification(Notification::Unknown {
            type_name: "ms.SomethingNew".into()
        })
    );
    let n = decode_inbound(r#"{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"dialogId":"d","event":{"type":"Hologram"}},{"dialogId":"d"}]}}"#).unwrap();
    let Inbound::Notification(Notification::MessagingEvent(n)) = n else {
        panic!()
    };
    assert_eq!(
        (n.changes.len(), n.skipped),
        (1, 1),
        "a change without an event is skipped, the other kept"
    );
    assert_eq!(n.changes[0].event, Event::Unknown);
    // Not JSON, not an object, no type.
    assert!(matches!(decode_inbound("{"), Err(DecodeError::NotJson)));
    assert!(matches!(decode_inbound("[1]"), Err(DecodeError::Shape(_))));
    assert!(matches!(
        decode_inbound(r#"{"kind":"notification","body":{}}"#),
        Err(DecodeError::Shape(_))
    ));
    // A numeric reqId is a string id.
    let Inbound::Response(r) =
        decode_inbound(r#"{"kind":"resp","reqId":7,"code":400,"body":"nope"}"#).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        (r.req_id.as_str(), r.is_success(), r.body_text().as_deref()),
        ("7", false, Some("nope"))
    );
}
