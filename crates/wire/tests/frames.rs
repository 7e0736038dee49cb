//! The real frames from LivePerson's documentation (testdata/frames/, copied from the protocol notes)
//! that the walking skeleton uses decode into the expected typed values; requests round-trip.

use lpchat_wire::*;
use serde_json::{json, Value};

fn frame(name: &str) -> String {
    let path = format!("{}/testdata/frames/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn request(name: &str) -> Request {
    serde_json::from_str(&frame(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn response(name: &str) -> Response {
    match decode_inbound(&frame(name)).unwrap_or_else(|e| panic!("{name}: {e}")) {
        Inbound::Response(r) => r,
        other => panic!("{name}: expected a response, got {other:?}"),
    }
}

fn notification(name: &str) -> Notification {
    match decode_inbound(&frame(name)).unwrap_or_else(|e| panic!("{name}: {e}")) {
        Inbound::Notification(n) => n,
        other => panic!("{name}: expected a notification, got {other:?}"),
    }
}

#[test]
fn jwt_payload_01_gives_the_consumer_id() {
    let claims: JwtClaims =
        serde_json::from_str(&frame("01_http_idp_signup_jwt_payload.json")).unwrap();
    assert_eq!(claims.sub, "19f98cd2-63b9-42e4-bc0d-9222b86574e1");
    assert_eq!(claims.aud.as_deref(), Some("acc:qa57221676"));
    // The same payload inside a token: header.payload.signature, base64url without padding.
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    let token = format!(
        "{}.{}.sig",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#),
        URL_SAFE_NO_PAD.encode(frame("01_http_idp_signup_jwt_payload.json"))
    );
    assert_eq!(jwt_claims(&token).unwrap(), claims);
    assert_eq!(jwt_claims("only.two"), Err(JwtError::Shape));
    assert_eq!(jwt_claims("a.!!!.c"), Err(JwtError::Base64));
    assert_eq!(
        jwt_claims(&format!("a.{}.c", URL_SAFE_NO_PAD.encode("[]"))),
        Err(JwtError::Claims)
    );
}

#[test]
fn domain_api_02_lists_services_by_name() {
    let d: DomainApiResponse =
        serde_json::from_str(&frame("02_http_domain_api_response.json")).unwrap();
    assert_eq!(d.base_uris.len(), 3);
    assert_eq!(d.host("liveEngageUI"), Some("lo.le1.liveperson.net"));
    assert_eq!(
        d.host("idp"),
        None,
        "the documented example lacks idp: the core must report it missing"
    );
}

#[test]
fn init_connection_03_decodes_with_both_headers_and_reencodes() {
    let r = request("03_req_InitConnection.json");
    assert_eq!(r.id, ReqId::from("0"));
    let RequestPayload::InitConnection { headers } = &r.payload else {
        panic!("{r:?}")
    };
    assert!(
        matches!(&headers[0], Header::ClientProperties(p) if p.device_family.as_deref() == Some("MOBILE"))
    );
    assert!(matches!(&headers[1], Header::ConsumerAuthentication(a) if a.jwt == "__YOUR_JWT__"));
    let again: Value = serde_json::from_str(&r.encode()).unwrap();
    let original: Value = serde_json::from_str(&frame("03_req_InitConnection.json")).unwrap();
    assert_eq!(again, original, "encoding gives the documented frame back");
    assert!(
        !format!("{r:?}").contains("__YOUR_JWT__"),
        "Debug never shows the token"
    );
}

#[test]
fn request_conversation_04_accepts_a_numeric_id_and_no_body() {
    let r = request("04_req_ConsumerRequestConversation_minimal.json");
    assert_eq!(r.id, ReqId::from("1"));
    assert_eq!(
        r.payload,
        RequestPayload::ConsumerRequestConversation { body: None }
    );
    let encoded: Value = serde_json::from_str(&r.encode()).unwrap();
    assert_eq!(
        encoded,
        json!({"kind":"req","id":"1","type":"cm.ConsumerRequestConversation"})
    );
}

#[test]
fn request_conversation_response_05_carries_the_conversation_id() {
    let r = response("05_resp_RequestConversationResponse.json");
    assert_eq!(r.req_id, ReqId::from("1"));
    assert!(r.is_success());
    let body: RequestConversationResult = r.body_as().unwrap();
    assert_eq!(body.conversation_id, "7507be78-60ef-4468-b3b1-baa47fbeea21");
}

#[test]
fn publish_text_06_and_26_decode_to_a_text_event() {
    for name in [
        "06_req_PublishEvent_text.json",
        "26_req_PublishEvent_text_with_conversationId.json",
    ] {
        let r = request(name);
        let RequestPayload::PublishEvent { body } = &r.payload else {
            panic!("{name}")
        };
        assert_eq!(body.dialog_id, "__YOUR_CONVERSATION_ID__");
        assert!(body.event.as_text().is_some(), "{name}");
    }
    let with_conv = request("26_req_PublishEvent_text_with_conversationId.json");
    let again: Value = serde_json::from_str(&with_conv.encode()).unwrap();
    let original: Value =
        serde_json::from_str(&frame("26_req_PublishEvent_text_with_conversationId.json")).unwrap();
    assert_eq!(again, original);
}

#[test]
fn subscribe_messaging_events_07_round_trips() {
    let r = request("07_req_SubscribeMessagingEvents.json");
    assert_eq!(
        r.payload,
        RequestPayload::SubscribeMessagingEvents {
            body: SubscribeMessagingEventsBody {
                dialog_id: "__YOUR_CONVERSATION_ID__".into(),
                from_seq: 0,
                conversation_id: None
            }
        }
    );
}

#[test]
fn subscribe_responses_08_09_succeed_with_or_without_body_and_any_type_spelling() {
    let no_body = response("08_resp_GenericSubscribeResponse_ams_no_body.json");
    assert_eq!(
        (
            no_body.req_id.as_str(),
            no_body.is_success(),
            no_body.body.is_none()
        ),
        ("22", true, true)
    );
    let empty = response("09_resp_GenericSubscribeResponse_empty_body.json");
    assert_eq!(empty.body, Some(json!({})));
}

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
fn subscribe_ex_conversations_11_and_response_12() {
    let r = request("11_req_SubscribeExConversations_open_close.json");
    let RequestPayload::SubscribeExConversations { body } = r.payload else {
        panic!()
    };
    assert_eq!(body.conv_state, vec![State::Open, State::Close]);
    let resp = response("12_resp_SubscribeExConversationsResponse.json");
    let result: SubscribeExConversationsResult = resp.body_as().unwrap();
    assert_eq!(
        result.subscription_id,
        "6a06020c-ef69-4bb4-ab72-934d032d106a"
    );
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
fn publish_response_27_gives_the_sequence() {
    let r = response("27_resp_PublishEventResponse_seq4.json");
    assert_eq!(r.body_as::<PublishEventResult>().unwrap().sequence, Some(4));
}

#[test]
fn close_requests_51_and_81_accept_an_array_or_a_single_field() {
    for name in [
        "51_req_UpdateConversationField_close_conversation_array.json",
        "81_req_UpdateConversationField_close_single_object_numeric_id.json",
    ] {
        let r = request(name);
        let RequestPayload::UpdateConversationField { body } = r.payload else {
            panic!("{name}")
        };
        assert_eq!(
            body.conversation_field,
            vec![ConversationField::ConversationState {
                conversation_state: State::Close
            }],
            "{name}"
        );
    }
}

#[test]
fn string_responses_34_and_52_including_one_without_kind() {
    let r = response("34_resp_StringResponse_resolved.json");
    assert_eq!(
        r.body_text().as_deref(),
        Some("OK Conversation resolved successfully")
    );
    let bare = response("52_resp_StringResp_builder_default.json");
    assert_eq!((bare.req_id.as_str(), bare.code), ("A3HC", 200));
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

#[test]
fn request_metadata_37_39_is_a_sibling_of_body_and_38_echoes_it() {
    for name in [
        "37_req_PublishEvent_AcceptStatus_ACTION_with_metadata.json",
        "39_req_PublishEvent_text_quickreply_answer_with_metadata.json",
    ] {
        let r = request(name);
        assert_eq!(r.metadata.len(), 1, "{name}");
        assert_eq!(r.metadata[0].kind, "Answer");
        let again: Value = serde_json::from_str(&r.encode()).unwrap();
        let original: Value = serde_json::from_str(&frame(name)).unwrap();
        assert_eq!(again["metadata"], original["metadata"], "{name}");
    }
    let Notification::MessagingEvent(n) =
        notification("38_notif_AcceptStatus_consumer_ACTION_with_metadata.json")
    else {
        panic!()
    };
    assert_eq!(
        n.changes[0].metadata[0].fields["questionId"],
        "3e70da9b-76de-4c2a-911e-a41aee698b82"
    );
    let tagged = Request::new(ReqId::from("1"), RequestPayload::GetClock {})
        .with_metadata(vec![MetadataItem::external_id("m-1")]);
    let encoded: Value = serde_json::from_str(&tagged.encode()).unwrap();
    assert_eq!(
        encoded["metadata"],
        json!([{"type": "ExternalId", "id": "m-1"}])
    );
    let change: MessagingChange = serde_json::from_value(json!({"dialogId": "d", "event": {"type": "ContentEvent", "message": "x"}, "metadata": [{"type": "ExternalId", "id": "m-1"}]})).unwrap();
    assert_eq!(change.external_id(), Some("m-1"));
    let null_metadata: MessagingChange = serde_json::from_value(json!({"dialogId": "d", "event": {"type": "ContentEvent", "message": "x"}, "metadata": null})).unwrap();
    assert!(null_metadata.metadata.is_empty());
}
