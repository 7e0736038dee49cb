//! The trace as a script: its HTTP exchanges, its sockets' frames in order, and which of them the
//! client has matched so far; what goes out next, and the recorded ids turned into the client's.

use crate::jwt::Signer;
use lpchat_wire::trace::{closed_code, Direction, FrameView, REDACTED, SOCKET_OPENED};
use serde_json::Value;
use std::sync::Arc;
use tokio::sync::Notify;

/// One recorded HTTP exchange.
pub(super) struct Exchange {
    /// `"{METHOD} {path}"` as recorded.
    pub(super) request: String,
    pub(super) status: u16,
    pub(super) body: Value,
    pub(super) used: bool,
}

#[derive(Default)]
pub(super) struct Script {
    pub(super) http: Vec<Exchange>,
    /// The socket's frames in order, both directions.
    pub(super) frames: Vec<FrameView>,
    /// Which of the client's have been matched.
    pub(super) matched: Vec<bool>,
    /// Each socket's frames: from its [`SOCKET_OPENED`] entry to the next one (one socket when the
    /// trace marks none), and where its server frames are out to.
    sockets: Vec<Segment>,
    /// Sockets the client has opened.
    opened: usize,
    /// Recorded request id → the client's.
    ids: Vec<(String, String)>,
    pub(super) unexpected: Vec<String>,
    address: String,
    /// Signs the tokens that stand in for redacted ones.
    signer: Signer,
    /// Told whenever the client has sent something (a request, a frame, a socket).
    pub(super) changed: Arc<Notify>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Segment {
    start: usize,
    end: usize,
    out_to: usize,
}

/// What the socket does next.
pub(super) enum Out {
    Text(String),
    Close(u16, String),
}

impl Script {
    pub(super) fn from_trace(trace: Vec<FrameView>, address: String) -> Script {
        let mut script = Script {
            address,
            ..Script::default()
        };
        let (http, frames): (Vec<_>, Vec<_>) = trace.into_iter().partition(FrameView::is_http);
        for sent in http.iter().filter(|f| f.direction == Direction::Sent) {
            let answer = http
                .iter()
                .find(|f| f.direction == Direction::Received && f.req_id == sent.req_id);
            let status = answer
                .and_then(|f| f.type_name.strip_prefix("HTTP "))
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let body = answer.map(|f| f.json.as_str()).unwrap_or_default();
            script.http.push(Exchange {
                request: sent.type_name.replacen("JSONP ", "GET ", 1),
                status,
                body: serde_json::from_str(body).unwrap_or_else(|_| Value::from(body)),
                used: false,
            });
        }
        script.matched = vec![false; frames.len()];
        let mut starts: Vec<usize> = (0..frames.len())
            .filter(|&i| frames[i].type_name == SOCKET_OPENED)
            .collect();
        if starts.first() != Some(&0) {
            starts.insert(0, 0); // frames before any marker (or no marker at all): the first socket's
        }
        script.sockets = starts
            .iter()
            .enumerate()
            .map(|(k, &start)| Segment {
                start,
                end: starts.get(k + 1).copied().unwrap_or(frames.len()),
                out_to: start,
            })
            .collect();
        script.frames = frames;
        script
    }

    /// A recorded answer made this server's: its hosts, tokens of its own for redacted ones.
    pub(super) fn localised(&self, mut value: Value, account: &str) -> Value {
        match &mut value {
            Value::String(s) if s == REDACTED => {
                *s = self
                    .signer
                    .issue(account, crate::world::now_ms() / 1000, 3600)
                    .0;
            }
            Value::Array(items) => {
                for item in items {
                    *item = self.localised(std::mem::take(item), account);
                }
            }
            Value::Object(fields) => {
                for (name, item) in fields.iter_mut() {
                    // Every host the Domain API names (the socket's too, which no HTTP request shows).
                    if matches!(name.as_str(), "baseURI" | "lpServer") && item.is_string() {
                        *item = Value::from(self.address.clone());
                        continue;
                    }
                    *item = self.localised(std::mem::take(item), account);
                }
            }
            _ => {}
        }
        value
    }

    /// A socket opened: the next recorded one, if the trace has another.
    pub(super) fn open(&mut self) -> Option<usize> {
        self.changed.notify_one();
        let socket = self.opened;
        if socket >= self.sockets.len() {
            self.unexpected
                .push("a socket the trace did not open".into());
            return None;
        }
        self.opened += 1;
        Some(socket)
    }

    /// The recorded server frames of `socket` due now, ids remapped: in order, up to a response whose
    /// request has not been matched yet; a recorded close closes the socket.
    pub(super) fn due(&mut self, socket: usize) -> Vec<Out> {
        let mut out = Vec::new();
        let Segment { end, out_to, .. } = self.sockets[socket];
        let mut at = out_to;
        while at < end {
            let frame = &self.frames[at];
            if frame.direction == Direction::Sent {
                at += 1;
                continue;
            }
            let request = frame.req_id.as_ref().and_then(|id| {
                self.frames[..end]
                    .iter()
                    .position(|f| f.direction == Direction::Sent && f.req_id.as_ref() == Some(id))
            });
            if request.is_some_and(|r| !self.matched[r]) {
                break; // a response to a request the client has not sent yet
            }
            if let Some(code) = closed_code(&frame.type_name) {
                // Closed once the client has sent everything it sent on this socket before.
                if (self.sockets[socket].start..at).any(|i| {
                    self.frames[i].direction == Direction::Sent
                        && self.frames[i].type_name != SOCKET_OPENED
                        && !self.matched[i]
                }) {
                    break;
                }
                out.push(Out::Close(code, frame.json.clone()));
                at = end;
                break;
            }
            let mut text = frame.json.clone(); // as recorded, readable or not
            if let Ok(mut value) = serde_json::from_str::<Value>(&frame.json) {
                if let Some(recorded) = value["reqId"].as_str() {
                    if let Some((_, actual)) = self.ids.iter().find(|(r, _)| r == recorded) {
                        value["reqId"] = Value::from(actual.clone());
                        text = value.to_string();
                    }
                }
            }
            out.push(Out::Text(text));
            at += 1;
        }
        self.sockets[socket].out_to = at;
        out
    }

    /// A frame from the client on `socket`: the first recorded one of its shape there not yet
    /// matched, or written down.
    pub(super) fn client_frame(&mut self, socket: usize, text: &str) {
        self.changed.notify_one();
        let frame: Value = serde_json::from_str(text).unwrap_or_default();
        let kind = shape(&frame);
        let Segment { start, end, .. } = self.sockets[socket];
        let found = (start..end).find(|&i| {
            let f = &self.frames[i];
            f.direction == Direction::Sent
                && !self.matched[i]
                && serde_json::from_str(&f.json).is_ok_and(|v: Value| shape(&v) == kind)
        });
        match found {
            Some(i) => {
                self.matched[i] = true;
                if let (Some(recorded), Some(actual)) =
                    (&self.frames[i].req_id, frame["id"].as_str())
                {
                    self.ids.push((recorded.clone(), actual.to_owned()));
                }
            }
            None => self.unexpected.push(format!(
                "{kind} on socket {} (not in the trace, or more often than it): {}",
                socket + 1,
                text.chars().take(300).collect::<String>()
            )),
        }
    }
}

/// What a client frame is, for matching: its type, and for a published event the event's type and
/// status (a receipt is not a message).
pub(super) fn shape(frame: &Value) -> String {
    let event = &frame["body"]["event"];
    [&frame["type"], &event["type"], &event["status"]]
        .iter()
        .filter_map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
