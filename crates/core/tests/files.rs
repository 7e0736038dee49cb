//! Sharing pictures (PROTOCOL.md §5.8): the user's, uploaded; the agent's, downloaded.

mod support;

use lpchat_core::{Command, Delivery, Input, Intent};
use serde_json::json;
use support::*;

const PREVIEW: &str = "data:image/png;base64,iVBORw0KGgo=";

fn attach(h: &mut Harness, name: &str, size: u64, mime: &str) {
    h.user(Intent::AttachFile {
        file: 7,
        name: name.into(),
        size,
        mime: mime.into(),
        preview: Some(PREVIEW.into()),
    });
}

fn url_answer(path: &str) -> serde_json::Value {
    json!({"relativePath": path, "queryParams": {"temp_url_sig": "s+g", "temp_url_expires": "1474973420"}})
}

/// Through the upload URL: returns the PUT's id and URL.
fn until_put(h: &mut Harness) -> (lpchat_core::HttpId, String) {
    let (id, frame) = h.expect_request("ms.GenerateURLForUploadFile");
    assert_eq!(
        frame["body"],
        json!({"fileSize": "1000", "fileType": "PNG"}),
        "the size as a string, as in the schema (frame 58)"
    );
    h.respond(
        &id,
        200,
        Some(url_answer("/v1/AUTH_async-images/123/cat.png")),
    );
    match h.next_command() {
        Some(Command::PutFile { id, url, file }) => {
            assert_eq!(file, 7, "the driver's file");
            (id, url)
        }
        other => panic!("expected PutFile, got {other:?}"),
    }
}

#[test]
fn a_picture_is_uploaded_to_swift_and_published_as_a_hosted_file() {
    let mut h = Harness::open_conversation();
    assert!(h.view().can_attach);
    attach(&mut h, "cat.png", 1000, "image/png");
    let entry = h.view().transcript.last().cloned().unwrap();
    assert_eq!(entry.text, "cat.png");
    assert_eq!(entry.delivery, Some(Delivery::Pending));
    assert_eq!(entry.file.unwrap().preview.as_deref(), Some(PREVIEW));
    let (put, url) = until_put(&mut h);
    assert_eq!(
        url,
        "https://va.swift.test/v1/AUTH_async-images/123/cat.png?temp_url_sig=s%2Bg&temp_url_expires=1474973420"
    );
    h.no_more_commands();
    h.http_reply(put, 201, "");
    let (id, frame) = h.expect_request("ms.PublishEvent");
    assert_eq!(
        frame["body"]["event"],
        json!({"type": "ContentEvent", "contentType": "hosted/file", "message": {
            "caption": "cat.png", "relativePath": "/v1/AUTH_async-images/123/cat.png",
            "fileType": "PNG", "preview": PREVIEW}}),
        "frame 18's shape"
    );
    assert_eq!(frame["metadata"][0]["type"], "ExternalId");
    h.respond(&id, 200, Some(json!({"sequence": 3})));
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Sent)
    );
}

#[test]
fn wrong_types_and_sizes_are_refused_before_anything_is_sent() {
    let mut h = Harness::open_conversation();
    attach(&mut h, "report.pdf", 1000, "application/pdf");
    let alert = h.view().alert.unwrap();
    assert!(
        alert.contains("report.pdf was not sent") && alert.contains("JPG, PNG and GIF"),
        "{alert}"
    );
    attach(&mut h, "huge.jpg", 3 * 1024 * 1024 + 1, "image/jpeg");
    let alert = h.view().alert.unwrap();
    assert!(
        alert.contains("3.1 MB") && alert.contains("at most 3 MB"),
        "{alert}"
    );
    attach(&mut h, "empty.gif", 0, "image/gif");
    assert!(h.view().alert.unwrap().contains("empty"));
    h.no_more_commands();
    assert!(h.view().transcript.iter().all(|e| e.file.is_none()));
}

#[test]
fn an_account_without_a_file_host_cannot_attach() {
    let mut h = Harness::new();
    h.ready_with_domains(&domains(None), json!([conversation_change("OPEN", None)]));
    assert_eq!(h.view().status, "Conversation open");
    assert!(!h.view().can_attach);
    let _ = h.expect_request("ms.SubscribeMessagingEvents");
    attach(&mut h, "cat.png", 1000, "image/png");
    assert!(h.view().alert.unwrap().contains("does not accept files"));
    h.no_more_commands();
}

#[test]
fn a_failed_upload_is_retried_from_a_new_url() {
    let mut h = Harness::open_conversation();
    attach(&mut h, "cat.png", 1000, "image/png");
    let (put, _) = until_put(&mut h);
    h.http_reply(put, 401, ""); // the temporary URL expired
    let view = h.view();
    assert_eq!(
        view.transcript.last().unwrap().delivery,
        Some(Delivery::Failed)
    );
    let alert = view.alert.unwrap();
    assert!(
        alert.starts_with("Sending the picture") && alert.contains("Retry"),
        "{alert}"
    );
    let key = view.transcript.last().unwrap().key;
    h.user(Intent::Retry(key));
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Pending)
    );
    let (put, _) = until_put(&mut h);
    h.http_reply(put, 201, "");
    let _ = h.expect_request("ms.PublishEvent");
}

#[test]
fn an_upload_url_lost_with_the_socket_is_asked_for_again_after_reconnecting() {
    let mut h = Harness::open_conversation();
    attach(&mut h, "cat.png", 1000, "image/png");
    let _ = h.expect_request("ms.GenerateURLForUploadFile");
    h.closed(1006);
    assert_eq!(
        h.view().transcript.last().unwrap().delivery,
        Some(Delivery::Pending)
    );
    h.advance_to_next_timeout();
    let (conn, _) = h.expect_open();
    h.input(Input::WsOpened { conn });
    let (init, _) = h.expect_request("InitConnection");
    h.respond(&init, 200, None);
    let mut asked = false;
    while let Some(Command::Send { text, .. }) = h.next_command() {
        asked |= text.contains("ms.GenerateURLForUploadFile");
    }
    assert!(asked, "asked again once the socket is back");
}

#[test]
fn the_agents_picture_is_shown_from_a_download_url() {
    let mut h = Harness::open_conversation();
    h.messages(json!([
        {"sequence": 1, "originatorId": "agent-1", "serverTimestamp": 6, "dialogId": CONV,
         "originatorMetadata": {"id": "agent-1", "role": "ASSIGNED_AGENT"},
         "event": {"type": "ContentEvent", "contentType": "hosted/file",
                   "message": {"caption": "Our map", "relativePath": "/v1/AUTH_async-images/123/map.jpg",
                               "fileType": "JPG", "preview": PREVIEW}}},
        {"sequence": 2, "originatorId": "agent-1", "serverTimestamp": 7, "dialogId": CONV,
         "originatorMetadata": {"id": "agent-1", "role": "ASSIGNED_AGENT"},
         "event": {"type": "ContentEvent", "contentType": "hosted/file",
                   "message": {"caption": "bad", "relativePath": "//evil.example/x.jpg",
                               "fileType": "JPG", "preview": "data:image/svg+xml;base64,PHN2Zz4="}}},
    ]));
    let mut asked = Vec::new();
    while let Some(Command::Send { text, .. }) = h.next_command() {
        let frame: serde_json::Value = serde_json::from_str(&text).unwrap();
        if frame["type"] == "ms.GenerateURLForDownloadFile" {
            asked.push((
                frame["id"].as_str().unwrap().to_owned(),
                frame["body"]["relativePath"].clone(),
            ));
        }
    }
    assert_eq!(asked.len(), 2, "frame 19's request for each picture");
    assert_eq!(asked[0].1, "/v1/AUTH_async-images/123/map.jpg");
    h.respond(
        &asked[0].0,
        200,
        Some(url_answer("/v1/AUTH_async-images/123/map.jpg")),
    );
    h.respond(&asked[1].0, 200, Some(url_answer("//evil.example/x.jpg")));
    let t = h.view().transcript;
    let (good, bad) = (&t[t.len() - 2], &t[t.len() - 1]);
    assert_eq!(good.text, "Our map");
    let file = good.file.clone().unwrap();
    assert_eq!(file.preview.as_deref(), Some(PREVIEW));
    assert!(file
        .url
        .unwrap()
        .starts_with("https://va.swift.test/v1/AUTH_async-images/123/map.jpg?temp_url_sig="));
    let file = bad.file.clone().unwrap();
    assert_eq!(
        (file.preview, file.url),
        (None, None),
        "an unsafe preview and path are dropped"
    );
}

#[test]
fn a_history_of_many_pictures_asks_for_their_urls_a_few_at_a_time() {
    let mut h = Harness::open_conversation();
    let path = |i: i64| format!("/v1/AUTH_async-images/123/p{i}.jpg");
    let changes: Vec<serde_json::Value> = (1..=12)
        .map(|i| {
            json!({"sequence": i, "originatorId": "agent-1", "serverTimestamp": 6, "dialogId": CONV,
                   "originatorMetadata": {"id": "agent-1", "role": "ASSIGNED_AGENT"},
                   "event": {"type": "ContentEvent", "contentType": "hosted/file",
                             "message": {"caption": format!("p{i}"), "relativePath": path(i), "fileType": "JPG"}}})
        })
        .collect();
    h.messages(json!(changes));
    let asks = |h: &mut Harness| -> Vec<(String, String)> {
        h.sent_frames()
            .into_iter()
            .filter(|f| f["type"] == "ms.GenerateURLForDownloadFile")
            .map(|f| {
                let id = f["id"].as_str().unwrap_or_default().to_owned();
                let path = f["body"]["relativePath"].as_str().unwrap_or_default();
                (id, path.to_owned())
            })
            .collect()
    };
    let mut out = asks(&mut h);
    assert_eq!(out.len(), 4, "four at a time, not a burst of twelve");
    let mut asked: Vec<String> = out.iter().map(|(_, p)| p.clone()).collect();
    while let Some((id, p)) = out.pop() {
        h.respond(&id, 200, Some(url_answer(&p)));
        let next = asks(&mut h);
        assert!(next.len() <= 1, "one answer lets one more go");
        asked.extend(next.iter().map(|(_, p)| p.clone()));
        out.extend(next);
    }
    assert_eq!(
        asked,
        (1..=12).map(path).collect::<Vec<_>>(),
        "each once, in order"
    );
    assert!(h
        .view()
        .transcript
        .iter()
        .filter(|e| e.file.is_some())
        .all(|e| e.file.as_ref().is_some_and(|f| f.url.is_some())));
}
