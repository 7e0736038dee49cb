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

use axum::{
    extract::{
        ws::{CloseFrame, Message, WebSocket},
        Request, State, WebSocketUpgrade,
    },
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use lpchat_wire::trace::{Direction, FrameView, SOCKET_OPENED};
use serde_json::Value;
use std::{
    net::SocketAddr,
    sync::{Arc, Mutex, MutexGuard},
};
use tokio::sync::Notify;

mod script;

use script::{Out, Script};

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
