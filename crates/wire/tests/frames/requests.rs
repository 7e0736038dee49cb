//! What lpchat sends: each documented request decodes and encodes back to the same frame.

use super::*;

#[test]
fn init_connection_03_decodes_with_both_headers_and_reencodes() {
    let r = request("03_req_InitConnection.json");
    assert_eq!(r.id, ReqId::from("0"));
    let RequestPayload::InitConnection { headers } = &r.payload else {
        panic!("{r:?}")
    };
    assert!(
        matches!(&headers[0], Header::ClientProperties(p) if p.device_family == Some(DeviceFamily::Mobile))
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
