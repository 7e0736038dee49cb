//! The throughput workload shared by the native bench (`cargo bench -p lpchat-core`) and the browser
//! one (`tests/throughput.rs` of the app): a session with an open conversation applies `frames` agent
//! messages, one notification each, decoded from text as they would arrive. Not part of the API.

use crate::{Command, ConnId, HttpReply, Input, Intent, Millis, Session};
use serde_json::{json, Value};

/// What one run measured.
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    /// Frames applied.
    pub frames: u64,
    /// Milliseconds they took (by the caller's clock).
    pub elapsed_ms: f64,
    /// Transcript entries the view holds afterwards (all entries, shown or not).
    pub entries: usize,
}

impl Throughput {
    /// Frames per second.
    pub fn rate(&self) -> f64 {
        self.frames as f64 * 1000.0 / self.elapsed_ms.max(0.001)
    }
}

fn drain(s: &mut Session) -> Vec<Command> {
    std::iter::from_fn(|| s.poll_command()).collect()
}

fn answer_http(s: &mut Session, body: Value) -> Option<()> {
    let id = drain(s).into_iter().find_map(|c| match c {
        Command::Http { id, .. } => Some(id),
        _ => None,
    })?;
    let body = body.to_string();
    s.handle_input(
        Millis(0),
        Input::HttpDone {
            id,
            result: Ok(HttpReply { status: 200, body }),
        },
    );
    Some(())
}

fn answer_last_request(s: &mut Session, conn: ConnId, body: Value) -> Option<()> {
    let sent = drain(s)
        .into_iter()
        .filter_map(|c| match c {
            Command::Send { text, .. } => Some(text),
            _ => None,
        })
        .next_back()?;
    let id = serde_json::from_str::<Value>(&sent).ok()?["id"].clone();
    let text = json!({"kind": "resp", "reqId": id, "code": 200, "body": body}).to_string();
    s.handle_input(Millis(0), Input::WsFrame { conn, text });
    Some(())
}

/// A session with an open conversation `c`, signed in without any network.
fn open_session() -> Option<(Session, ConnId)> {
    let mut s = Session::new();
    let t = Millis(0);
    s.handle_input(
        t,
        Input::User(Intent::Connect {
            account: "1".into(),
            csds: Some("https://csds.test".into()),
            auth_code: None,
            connector: None,
        }),
    );
    let key = drain(&mut s).into_iter().find_map(|c| match c {
        Command::Load { key } => Some(key),
        _ => None,
    })?;
    s.handle_input(t, Input::Loaded { key, value: None });
    answer_http(
        &mut s,
        json!({"baseURIs": [{"service": "idp", "baseURI": "idp.test"}, {"service": "asyncMessagingEnt", "baseURI": "msg.test"}]}),
    )?;
    answer_http(&mut s, json!({"jwt": "e30.eyJzdWIiOiJtZSJ9.c2ln"}))?;
    let conn = drain(&mut s).into_iter().find_map(|c| match c {
        Command::OpenSocket { conn, .. } => Some(conn),
        _ => None,
    })?;
    s.handle_input(t, Input::WsOpened { conn });
    answer_last_request(&mut s, conn, Value::Null)?;
    s.handle_input(t, Input::User(Intent::StartConversation));
    answer_last_request(&mut s, conn, json!({"conversationId": "c"}))?;
    drain(&mut s);
    Some((s, conn))
}

/// The frames of the workload: `frames` agent messages with sequences 0, 1, 2…
pub fn frames(frames: u64) -> Vec<String> {
    (0..frames)
        .map(|i| {
            json!({"kind": "notification", "type": "ms.MessagingEventNotification", "body": {"changes": [{
                "sequence": i, "originatorId": "agent", "originatorMetadata": {"id": "agent", "role": "ASSIGNED_AGENT"},
                "serverTimestamp": 1, "dialogId": "c",
                "event": {"type": "ContentEvent", "contentType": "text/plain", "message": format!("message {i}")}
            }]}})
            .to_string()
        })
        .collect()
}

/// Applies the frames to a fresh session with an open conversation, timed by `clock` (ms); only the
/// decoding and applying is timed, not making the frames. None if the session did not open.
pub fn run(texts: Vec<String>, clock: impl Fn() -> f64) -> Option<Throughput> {
    let (mut s, conn) = open_session()?;
    let frames = texts.len() as u64;
    let started = clock();
    for text in texts {
        s.handle_input(Millis(0), Input::WsFrame { conn, text });
        while s.poll_command().is_some() {}
    }
    let elapsed_ms = clock() - started;
    Some(Throughput {
        frames,
        elapsed_ms,
        entries: s.view().transcript.len() + s.view().earlier,
    })
}
