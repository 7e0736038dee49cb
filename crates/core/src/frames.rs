//! The frame log behind the inspector: every frame sent and received, newest last, bounded. The
//! consumer token is redacted before a frame is recorded, so it can be shown and copied.

use crate::{io::ConnId, time::Millis};
use lpchat_wire::{Header, Inbound, Notification, Request, RequestPayload};
use serde::Serialize;
use std::collections::VecDeque;

/// At most this many frames are kept.
pub(crate) const MAX_FRAMES: usize = 500;
/// Of each frame, at most this many characters are kept for the inspector.
const MAX_KEPT_CHARS: usize = 20_000;

/// Sent or received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// lpchat sent it.
    Sent,
    /// The server sent it.
    Received,
}

/// One frame as the inspector shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameView {
    /// Stable key.
    pub key: u64,
    /// Sent or received.
    pub direction: Direction,
    /// Milliseconds since its socket opened.
    pub at_ms: u64,
    /// The wire type (as sent), or what it was taken for.
    #[serde(rename = "type")]
    pub type_name: String,
    /// The request id (of a request or the response answering it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub req_id: Option<String>,
    /// For a response: how long after its request it came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round_trip_ms: Option<u64>,
    /// For a request: the key of its response, once answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<u64>,
    /// The frame's JSON text as sent or received (token redacted). The UI pretty-prints it with the
    /// browser's own JSON, which keeps a second JSON printer out of the bundle.
    pub json: String,
}

/// All frames as one JSON array (the inspector's "Copy as JSON"; the UI indents it).
pub fn frames_as_json<'a>(frames: impl IntoIterator<Item = &'a FrameView>) -> String {
    let frames: Vec<&FrameView> = frames.into_iter().collect();
    serde_json::to_string(&frames).unwrap_or_default()
}

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
    }

    fn since_open(&self, conn: ConnId, at: Millis) -> u64 {
        let start = self
            .opened
            .iter()
            .find(|(c, _)| *c == conn)
            .map_or(at, |(_, t)| *t);
        at.0.saturating_sub(start.0)
    }

    fn push(&mut self, conn: ConnId, at: Millis, mut view: FrameView) -> u64 {
        self.next += 1;
        view.key = self.next;
        view.at_ms = self.since_open(conn, at);
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
                    a.jwt = "<redacted>".into();
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
        let view = FrameView {
            key: 0,
            direction: Direction::Received,
            at_ms: 0,
            type_name: format!("(frame too large: {} bytes, not read)", text.len()),
            req_id: None,
            round_trip_ms: None,
            answered_by: None,
            json: text.chars().take(2_000).collect(),
        };
        self.push(conn, at, view);
    }

    /// The frames as shown (copied only while the inspector is open).
    pub(crate) fn views(&self) -> Vec<FrameView> {
        self.frames.iter().map(|(_, _, f)| f.clone()).collect()
    }
}
