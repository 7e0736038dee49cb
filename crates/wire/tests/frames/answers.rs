//! What answers lpchat's requests: the token's claims, the Domain API, and the socket's responses
//! in every documented spelling.

use super::*;

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
fn request_conversation_response_05_carries_the_conversation_id() {
    let r = response("05_resp_RequestConversationResponse.json");
    assert_eq!(r.req_id, ReqId::from("1"));
    assert!(r.is_success());
    let body: RequestConversationResult = r.body_as().unwrap();
    assert_eq!(body.conversation_id, "7507be78-60ef-4468-b3b1-baa47fbeea21");
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
fn publish_response_27_gives_the_sequence() {
    let r = response("27_resp_PublishEventResponse_seq4.json");
    assert_eq!(r.body_as::<PublishEventResult>().unwrap().sequence, Some(4));
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
