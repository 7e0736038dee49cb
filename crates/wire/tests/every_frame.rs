//! Every file in testdata/frames/ (LivePerson's documented frames) decodes into the typed value its
//! name promises, or is listed here with the reason it is not a consumer frame.

use lpchat_wire::*;
use serde_json::Value;
use std::path::PathBuf;

/// Frames lpchat never receives or sends on the consumer socket, and why.
const NOT_CONSUMER_FRAMES: &[(&str, &str)] = &[
    ("78_req_SetUserProfile_full_example.json", "userprofile.SetUserProfile is documented for the HTTP Connector API only (PROTOCOL.md §5.9)"),
    ("73_http_connector_conversation_batch_response.json", "an HTTP Connector API batch answer, not a UMS frame"),
    ("74_http_connector_error_401_ErrorResp.json", "an HTTP Connector API error body, not a UMS frame"),
    ("75_http_connector_upload_url_response.json", "an HTTP Connector API answer, not a UMS frame"),
];

fn frames() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/frames");
    let mut all: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("the frames folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).expect("readable");
            (n, text)
        })
        .collect();
    all.sort();
    all
}

fn check(name: &str, text: &str) -> Result<(), String> {
    let kind = name.split('_').nth(1).unwrap_or_default();
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    match kind {
        "req" => {
            let r = Request::decode(text).map_err(|e| e.to_string())?;
            let wire_type = value["type"].as_str().unwrap_or_default();
            if r.payload.type_name() != wire_type {
                return Err(format!(
                    "decoded as {} but the frame says {wire_type}",
                    r.payload.type_name()
                ));
            }
            // What lpchat would send for it decodes to the same value again.
            let again = Request::decode(&r.encode()).map_err(|e| e.to_string())?;
            (again == r)
                .then_some(())
                .ok_or_else(|| "re-encoding changed it".into())
        }
        "resp" => match decode_inbound(text).map_err(|e| e.to_string())? {
            Inbound::Response(_) => Ok(()),
            other => Err(format!("not a response: {other:?}")),
        },
        "notif" => match decode_inbound(text).map_err(|e| e.to_string())? {
            Inbound::Notification(Notification::Unknown { type_name }) => {
                Err(format!("unknown type {type_name}"))
            }
            Inbound::Notification(Notification::MessagingEvent(n))
                if n.skipped > 0 || n.changes.is_empty() =>
            {
                Err(format!("{} changes skipped", n.skipped))
            }
            Inbound::Notification(_) => Ok(()),
            other => Err(format!("not a notification: {other:?}")),
        },
        "http" => match name {
            n if n.starts_with("01_") => serde_json::from_value::<JwtClaims>(value)
                .map(drop)
                .map_err(|e| e.to_string()),
            n if n.starts_with("02_") => serde_json::from_value::<DomainApiResponse>(value)
                .map(drop)
                .map_err(|e| e.to_string()),
            n if n.starts_with("82_") => serde_json::from_value::<AgentProfile>(value)
                .map(drop)
                .map_err(|e| e.to_string()),
            _ => Err("no decoder for this HTTP body".into()),
        },
        "body" => {
            let as_change = serde_json::from_value::<MessagingChange>(value.clone()).map(drop);
            let as_conversation =
                serde_json::from_value::<ExConversationChange>(value.clone()).map(drop);
            let as_clock = serde_json::from_value::<ClockResult>(value.clone()).map(drop);
            let as_notification_body =
                serde_json::from_value::<ExConversationChangeNotification>(value)
                    .map_err(|e| e.to_string())
                    .and_then(|n| {
                        (!n.changes.is_empty())
                            .then_some(())
                            .ok_or_else(|| "no changes read".to_owned())
                    });
            as_change
                .or(as_conversation)
                .or(as_clock)
                .map_err(|e| e.to_string())
                .or(as_notification_body)
        }
        "fragment" => {
            let as_dialog = serde_json::from_value::<DialogDetails>(value.clone()).map(drop);
            let as_details = serde_json::from_value::<ConversationDetails>(value)
                .map_err(|e| e.to_string())
                .and_then(|d| {
                    (!d.participants.is_empty())
                        .then_some(())
                        .ok_or_else(|| "no participants read".to_owned())
                });
            as_dialog.map_err(|e| e.to_string()).or(as_details)
        }
        other => Err(format!("unknown kind {other}")),
    }
}

#[test]
fn every_documented_frame_decodes_or_is_listed_as_not_a_consumer_frame() {
    let all = frames();
    assert!(all.len() >= 70, "the frames folder is there: {}", all.len());
    let mut failures = Vec::new();
    for (name, text) in &all {
        let excused = NOT_CONSUMER_FRAMES.iter().any(|(n, _)| n == name);
        match (check(name, text), excused) {
            (Ok(()), false) | (Err(_), true) => {}
            (Ok(()), true) => failures.push(format!(
                "{name}: listed as not a consumer frame, but decodes"
            )),
            (Err(why), false) => failures.push(format!("{name}: {why}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn typed_bodies_of_the_file_sharing_and_clock_frames() {
    let frame = |n: &str| {
        frames()
            .into_iter()
            .find(|(name, _)| name.starts_with(n))
            .unwrap()
            .1
    };
    let Inbound::Response(r) = decode_inbound(&frame("17_")).unwrap() else {
        panic!()
    };
    let url: GenerateUrlResult = r.body_as().unwrap();
    assert_eq!(url.query_params.temp_url_expires.as_str(), "1474973420");
    for n in ["16_", "58_"] {
        let RequestPayload::GenerateUrlForUploadFile { body } =
            Request::decode(&frame(n)).unwrap().payload
        else {
            panic!("{n}")
        };
        assert!(
            ["1000", "1024"].contains(&body.file_size.as_str()),
            "{n}: a number or a string"
        );
    }
    let RequestPayload::PublishEvent { body } = Request::decode(&frame("18_")).unwrap().payload
    else {
        panic!()
    };
    assert_eq!(body.event.as_hosted_file().unwrap().caption, "Hello Kitten");
    let RequestPayload::UpdateConversationField { body } =
        Request::decode(&frame("53_")).unwrap().payload
    else {
        panic!()
    };
    assert!(matches!(
        body.conversation_field[0],
        ConversationField::CsatRate {
            csat_rate: 5,
            resolution_confirmation: true,
            ..
        }
    ));
    let RequestPayload::ConsumerRequestConversation { body: Some(body) } =
        Request::decode(&frame("22_")).unwrap().payload
    else {
        panic!()
    };
    assert_eq!(
        body.campaign_info.unwrap().campaign_id.as_str(),
        "418732213",
        "numeric ids read as strings"
    );
    let clock: ClockResult = serde_json::from_str(&frame("69_")).unwrap();
    assert_eq!(clock.current_time, 1513813587308);
}
