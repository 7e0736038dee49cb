//! The frame log behind the inspector: every frame sent and received, newest last, bounded. The
//! consumer token is redacted before a frame is recorded, so it can be shown and copied.

use crate::{
    io::{ConnId, HttpId, HttpMethod, HttpReply, NetError},
    time::Millis,
};
pub use lpchat_wire::trace::{Direction, FrameView};
use lpchat_wire::{
    trace::{redact_tokens, REDACTED, SOCKET_OPENED},
    Header, Inbound, Notification, Request, RequestPayload,
};
use serde_json::Value;
use std::collections::VecDeque;

/// At most this many frames are kept.
pub(crate) const MAX_FRAMES: usize = 500;
/// Of each frame, at most this many characters are kept for the inspector.
const MAX_KEPT_CHARS: usize = 20_000;

/// All frames as one JSON array (the inspector's "Copy as JSON"; the UI indents it).
pub fn frames_as_json<'a>(frames: impl IntoIterator<Item = &'a FrameView>) -> String {
    let frames: Vec<&FrameView> = frames.into_iter().collect();
    serde_json::to_string(&frames).unwrap_or_default()
}

/// An HTTP body as recorded: a JSON object with its token fields redacted (the idp's requests and
/// answers are objects); anything else as it came (no token field can be in it), shortened.
fn redacted(body: &str) -> String {
    match serde_json::from_str(body) {
        Ok(object @ Value::Object(_)) => redact_tokens(object).to_string(),
        _ => body.chars().take(MAX_KEPT_CHARS).collect(),
    }
}

/// An entry with nothing but its direction, name and text (key and time are given when recorded).
fn entry(direction: Direction, type_name: String, json: String) -> FrameView {
    FrameView {
        key: 0,
        direction,
        at_ms: 0,
        type_name,
        req_id: None,
        round_trip_ms: None,
        answered_by: None,
        json,
    }
}

/// HTTP exchanges belong to no socket.
const HTTP: ConnId = ConnId(0);

/// A recorded frame.
type Recorded = (ConnId, Millis, FrameView);

#[derive(Debug, Default)]
pub(crate) struct FrameLog {
    next: u64,
    frames: VecDeque<Recorded>,
    opened: Vec<(ConnId, Millis)>,
}

impl FrameLog {
    pub(crate) fn socket_opened(&mut self, conn: ConnId, at: Millis) {
        self.opened.retain(|(c, _)| *c != conn);
        self.opened.push((conn, at));
        if self.opened.len() > 8 {
            self.opened.remove(0);
        }
        self.marker(conn, at, Direction::Sent, SOCKET_OPENED.into(), "");
    }

    /// The server closed the socket (a trace's replay closes it there too).
    pub(crate) fn socket_closed(&mut self, conn: ConnId, at: Millis, code: u16, reason: &str) {
        let name = format!("(socket closed {code})");
        self.marker(conn, at, Direction::Received, name, reason);
    }

    fn marker(&mut self, conn: ConnId, at: Millis, direction: Direction, name: String, json: &str) {
        self.push(conn, at, entry(direction, name, json.to_owned()));
    }

    fn since_open(&self, conn: ConnId, at: Millis) -> u64 {
        let start = self
            .opened
            .iter()
            .find(|(c, _)| *c == conn)
            .map_or(at, |(_, t)| *t);
        at.0.saturating_sub(start.0)
    }

    /// Records a socket's entry, timed from the socket's opening.
    fn push(&mut self, conn: ConnId, at: Millis, view: FrameView) -> u64 {
        let at_ms = self.since_open(conn, at);
        self.record(conn, at, FrameView { at_ms, ..view })
    }

    /// Records an entry as it is timed, newest last, the oldest dropped beyond [`MAX_FRAMES`].
    fn record(&mut self, conn: ConnId, at: Millis, mut view: FrameView) -> u64 {
        self.next += 1;
        view.key = self.next;
        self.frames.push_back((conn, at, view));
        if self.frames.len() > MAX_FRAMES {
            self.frames.pop_front();
        }
        self.next
    }

    /// A request lpchat sends; the token in InitConnection is replaced before recording.
    pub(crate) fn sent(&mut self, conn: ConnId, at: Millis, request: &Request) {
        let mut shown = request.clone();
        if let RequestPayload::InitConnection { headers } = &mut shown.payload {
            for h in headers {
                if let Header::ConsumerAuthentication(a) = h {
                    a.jwt = REDACTED.into();
                }
            }
        }
        let view = FrameView {
            key: 0,
            direction: Direction::Sent,
            at_ms: 0,
            type_name: request.payload.type_name().into(),
            req_id: Some(request.id.to_string()),
            round_trip_ms: None,
            answered_by: None,
            json: shown.encode(),
        };
        self.push(conn, at, view);
    }

    /// A frame from the server, decoded or not.
    pub(crate) fn received(
        &mut self,
        conn: ConnId,
        at: Millis,
        text: &str,
        decoded: Option<&Inbound>,
    ) {
        let (type_name, req_id) = match decoded {
            Some(Inbound::Response(r)) => (
                r.type_name.clone().unwrap_or_else(|| "(response)".into()),
                Some(r.req_id.to_string()),
            ),
            // Named from the decoded frame: parsing the text again would double the cost of a frame.
            Some(Inbound::Notification(n)) => (
                match n {
                    Notification::MessagingEvent(_) => Notification::MESSAGING_EVENT.into(),
                    Notification::ExConversationChange(_) => {
                        Notification::EX_CONVERSATION_CHANGE.into()
                    }
                    Notification::Unknown { type_name } => type_name.clone(),
                },
                None,
            ),
            None => ("(unreadable frame)".into(), None),
        };
        let request = req_id.as_ref().and_then(|id| {
            self.frames
                .iter()
                .rev()
                .find(|(c, _, f)| {
                    *c == conn && f.direction == Direction::Sent && f.req_id.as_ref() == Some(id)
                })
                .map(|(_, t, f)| (*t, f.key))
        });
        let view = FrameView {
            key: 0,
            direction: Direction::Received,
            at_ms: 0,
            type_name,
            req_id,
            round_trip_ms: request.map(|(t, _)| at.0.saturating_sub(t.0)),
            answered_by: None,
            json: text.chars().take(MAX_KEPT_CHARS).collect(),
        };
        let key = self.push(conn, at, view);
        if let Some((_, request_key)) = request {
            if let Some((_, _, f)) = self
                .frames
                .iter_mut()
                .find(|(_, _, f)| f.key == request_key)
            {
                f.answered_by = Some(key);
            }
        }
    }

    /// A frame too large to read: recorded with its size and its beginning only.
    pub(crate) fn too_large(&mut self, conn: ConnId, at: Millis, text: &str) {
        let name = format!("(frame too large: {} bytes, not read)", text.len());
        let view = entry(
            Direction::Received,
            name,
            text.chars().take(2_000).collect(),
        );
        self.push(conn, at, view);
    }

    /// An HTTP request lpchat sends: `"{METHOD} {path}"`, its body with tokens redacted.
    pub(crate) fn http_sent(
        &mut self,
        at: Millis,
        id: HttpId,
        method: HttpMethod,
        url: &str,
        body: Option<&str>,
    ) {
        let path = url.splitn(4, '/').nth(3).unwrap_or_default();
        let method = match method {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Jsonp => "JSONP",
        };
        let body = body.map(redacted).unwrap_or_default();
        self.http(at, Direction::Sent, id, format!("{method} /{path}"), body);
    }

    /// Its answer: `"HTTP {status}"` (or no answer), the body with tokens redacted.
    pub(crate) fn http_received(
        &mut self,
        at: Millis,
        id: HttpId,
        result: &Result<HttpReply, NetError>,
    ) {
        let (type_name, body) = match result {
            Ok(reply) => (format!("HTTP {}", reply.status), redacted(&reply.body)),
            Err(_) => ("HTTP (no answer)".to_owned(), String::new()),
        };
        self.http(at, Direction::Received, id, type_name, body);
    }

    /// Records half of an HTTP exchange, timed from the session's start.
    fn http(
        &mut self,
        at: Millis,
        direction: Direction,
        id: HttpId,
        type_name: String,
        json: String,
    ) {
        let view = FrameView {
            at_ms: at.0,
            req_id: Some(format!("h{}", id.0)),
            ..entry(direction, type_name, json)
        };
        self.record(HTTP, at, view);
    }

    /// The frames as shown (copied only while the inspector is open).
    pub(crate) fn views(&self) -> Vec<FrameView> {
        self.frames.iter().map(|(_, _, f)| f.clone()).collect()
    }
}
