//! Replaying a trace (`lpchat_wire::trace`, as the frame inspector copies it): a server on one
//! loopback port that answers a client's requests with the recorded server side. HTTP requests are
//! matched by method and path (each recorded exchange answers once, in any order: parallel requests
//! may come either way). On the socket, a client frame is matched to the first recorded client frame
//! of its type not yet matched; the server's frames go out in their recorded order, a response once
//! the request it answers has been matched (its recorded request id turned into the client's), a
//! notification as soon as everything the server sent before it is out. The hosts the Domain API
//! named become this server, redacted tokens become tokens of its own. A request recorded without
//! an answer (a CORS refusal, a host out of reach) is answered without CORS headers, so a page (or
//! the pump) cannot read it. Whatever the trace did not expect is written down, not answered.

use crate::jwt::Signer;
use axum::{
    extract::{
        ws::{CloseFrame, Message, WebSocket},
        Request, State, WebSocketUpgrade,
    },
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use lpchat_wire::trace::{closed_code, Direction, FrameView, REDACTED, SOCKET_OPENED};
use serde_json::Value;
use std::{
    net::SocketAddr,
    sync::{Arc, Mutex, MutexGuard},
};
use tokio::sync::Notify;

/// One recorded HTTP exchange.
struct Exchange {
    /// `"{METHOD} {path}"` as recorded.
    request: String,
    status: u16,
    body: Value,
    used: bool,
}

#[derive(Default)]
struct Script {
    http: Vec<Exchange>,
    /// The socket's frames in order, both directions.
    frames: Vec<FrameView>,
    /// Which of the client's have been matched.
    matched: Vec<bool>,
    /// Each socket's frames: from its [`SOCKET_OPENED`] entry to the next one (one socket when the
    /// trace marks none), and where its server frames are out to.
    sockets: Vec<Segment>,
    /// Sockets the client has opened.
    opened: usize,
    /// Recorded request id → the client's.
    ids: Vec<(String, String)>,
    unexpected: Vec<String>,
    address: String,
    /// Signs the tokens that stand in for redacted ones.
    signer: Signer,
    /// Told whenever the client has sent something (a request, a frame, a socket).
    changed: Arc<Notify>,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    out_to: usize,
}

/// What the socket does next.
enum Out {
    Text(String),
    Close(u16, String),
}

/// A running replay.
pub struct Replay {
    /// Where it listens.
    pub addr: SocketAddr,
    script: Arc<Mutex<Script>>,
    changed: Arc<Notify>,
    task: tokio::task::JoinHandle<()>,
}

fn lock(script: &Mutex<Script>) -> MutexGuard<'_, Script> {
    script
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Replay {
    /// Serves `trace` on a free loopback port.
    pub async fn start(trace: Vec<FrameView>) -> std::io::Result<Replay> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), trace).await
    }

    /// Serves `trace` on `addr`.
    pub async fn start_on(addr: SocketAddr, trace: Vec<FrameView>) -> std::io::Result<Replay> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let script = Script::from_trace(trace, addr.to_string());
        let changed = script.changed.clone();
        let script = Arc::new(Mutex::new(script));
        let app = Router::new()
            .route("/ws_api/{*rest}", axum::routing::get(upgrade))
            .fallback(answer)
            .with_state(script.clone())
            .layer(crate::routes::cors())
            .layer(axum::middleware::map_response(refuse_to_pages));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Replay {
            addr,
            script,
            changed,
            task,
        })
    }

    /// `http://127.0.0.1:port`: the Domain API (and every other host) of the replayed session.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Told whenever the client has sent something since it was last awaited (a permit is kept, so
    /// a change between looking and waiting is not missed): what [`Replay::next_expected`],
    /// [`Replay::unexpected`] and [`Replay::unused_http`] say may have changed.
    pub fn changed(&self) -> &Notify {
        &self.changed
    }

    /// The requests the trace did not expect, in words.
    pub fn unexpected(&self) -> Vec<String> {
        lock(&self.script).unexpected.clone()
    }

    /// The next frame the trace has the client send, if any is left.
    pub fn next_expected(&self) -> Option<FrameView> {
        let script = lock(&self.script);
        script
            .frames
            .iter()
            .zip(&script.matched)
            .find(|(f, matched)| {
                f.direction == Direction::Sent && !**matched && f.type_name != SOCKET_OPENED
            })
            .map(|(f, _)| f.clone())
    }

    /// The recorded HTTP requests no one made.
    pub fn unused_http(&self) -> Vec<String> {
        let script = lock(&self.script);
        script
            .http
            .iter()
            .filter(|e| !e.used)
            .map(|e| e.request.clone())
            .collect()
    }

    /// Stops serving.
    pub fn stop(self) {
        self.task.abort();
    }
}

impl Script {
    fn from_trace(trace: Vec<FrameView>, address: String) -> Script {
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
    fn localised(&self, mut value: Value, account: &str) -> Value {
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
    fn open(&mut self) -> Option<usize> {
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
    fn due(&mut self, socket: usize) -> Vec<Out> {
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
    fn client_frame(&mut self, socket: usize, text: &str) {
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
fn shape(frame: &Value) -> String {
    let event = &frame["body"]["event"];
    [&frame["type"], &event["type"], &event["status"]]
        .iter()
        .filter_map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The socket.
async fn upgrade(State(script): State<Arc<Mutex<Script>>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| run(socket, script))
}

/// Any other request: a recorded HTTP answer.
async fn answer(State(script): State<Arc<Mutex<Script>>>, request: Request) -> Response {
    let wanted = format!(
        "{} {}",
        request.method(),
        request.uri().path_and_query().map_or("/", |p| p.as_str())
    );
    let path = request.uri().path().to_owned();
    let account = path
        .split('/')
        .skip_while(|s| *s != "account")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let mut script = lock(&script);
    script.changed.notify_one(); // read once this lock is let go
    let Some(at) = script
        .http
        .iter()
        .position(|e| !e.used && e.request == wanted)
    else {
        script.unexpected.push(wanted);
        return StatusCode::NOT_FOUND.into_response();
    };
    script.http[at].used = true;
    let (status, body) = (script.http[at].status, script.http[at].body.clone());
    if status == 0 {
        // Recorded without an answer: the host refused the page (CORS) or could not be reached.
        // Answered so a page cannot read it, which is how a browser's `fetch` fails.
        let mut refused = StatusCode::BAD_GATEWAY.into_response();
        refused.extensions_mut().insert(Unreadable);
        return refused;
    }
    let body = script.localised(body, &account);
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    // A JSONP form answers its callback, as the recorded answer was the callback's argument.
    let callback = request.uri().query().and_then(|q| {
        q.split('&').find_map(|p| {
            p.strip_prefix("cb=")
                .or_else(|| p.strip_prefix("callback="))
        })
    });
    match (
        path.ends_with(".lpCsds") || path.ends_with(".jsonp"),
        callback,
    ) {
        (true, cb) => crate::jsonp::answer(cb, &body),
        (false, _) => match body {
            Value::String(text) => (status, text).into_response(),
            json => (
                status,
                [(header::CONTENT_TYPE, "application/json")],
                json.to_string(),
            )
                .into_response(),
        },
    }
}

/// Marks an answer no page may read.
#[derive(Clone, Copy)]
struct Unreadable;

/// Takes the CORS headers off an [`Unreadable`] answer.
async fn refuse_to_pages(mut response: Response) -> Response {
    if response.extensions().get::<Unreadable>().is_some() {
        let headers = response.headers_mut();
        let cors: Vec<_> = headers
            .keys()
            .filter(|name| name.as_str().starts_with("access-control-"))
            .cloned()
            .collect();
        for name in cors {
            headers.remove(name);
        }
    }
    response
}

async fn run(mut socket: WebSocket, script: Arc<Mutex<Script>>) {
    let Some(index) = lock(&script).open() else {
        let _ = socket.send(Message::Close(None)).await;
        return;
    };
    loop {
        let due = lock(&script).due(index);
        for out in due {
            let message = match out {
                Out::Text(text) => Message::text(text),
                Out::Close(code, reason) => Message::Close(Some(CloseFrame {
                    code,
                    reason: reason.into(),
                })),
            };
            let closing = matches!(message, Message::Close(_));
            if socket.send(message).await.is_err() || closing {
                return;
            }
        }
        match socket.recv().await {
            Some(Ok(Message::Text(text))) => lock(&script).client_frame(index, text.as_str()),
            Some(Ok(_)) => {}
            _ => return,
        }
    }
}
