//! A native driver for the real core: a [`Session`] pumped over loopback sockets against the real
//! sandbox, without a browser (STYLE.md's level 6). HTTP goes through hyper, the socket through
//! tokio-tungstenite, storage is a map, and time is the tokio clock in milliseconds since the pump
//! started. It does what the browser's driver does and nothing more: feed inputs with `now`, drain
//! `poll_command` until `None`, wake at `poll_timeout`.

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http_body_util::{BodyExt, Full};
use hyper_util::{
    client::legacy::{connect::HttpConnector, Client},
    rt::TokioExecutor,
};
use lpchat_core::{
    Command, Config, ConnId, HttpId, HttpMethod, HttpReply, Input, Intent, Millis, NetError,
    Session, ViewModel,
};
use std::{
    collections::{HashMap, VecDeque},
    time::Duration,
};
use tokio::{
    sync::{mpsc, Notify},
    time::Instant,
};
use tokio_tungstenite::tungstenite::{
    protocol::{frame::coding::CloseCode, CloseFrame},
    Message,
};

/// What the pump tells one socket's task.
enum Outgoing {
    Text(String),
    /// Close with this code, reporting nothing (the session has let the socket go).
    Close(u16),
}

/// One session and the IO around it.
pub struct Pump {
    session: Session,
    started: Instant,
    http: Client<HttpConnector, Full<Bytes>>,
    sockets: HashMap<ConnId, mpsc::UnboundedSender<Outgoing>>,
    inputs: mpsc::UnboundedReceiver<Input>,
    sender: mpsc::UnboundedSender<Input>,
    storage: HashMap<String, String>,
}

impl Pump {
    /// A session with `config`, nothing stored.
    pub fn new(config: Config) -> Self {
        let (sender, inputs) = mpsc::unbounded_channel();
        Pump {
            session: Session::with_config(config),
            started: Instant::now(),
            http: Client::builder(TokioExecutor::new()).build_http(),
            sockets: HashMap::new(),
            inputs,
            sender,
            storage: HashMap::new(),
        }
    }

    fn now(&self) -> Millis {
        Millis(self.started.elapsed().as_millis() as u64)
    }

    /// What the user did.
    pub fn user(&mut self, intent: Intent) {
        self.feed(Input::User(intent));
    }

    /// The view now.
    pub fn view(&self) -> ViewModel {
        self.session.view()
    }

    /// Applies `input`, then performs every command (inputs they produce at once go in turn).
    fn feed(&mut self, input: Input) {
        let mut queue = VecDeque::from([input]);
        while let Some(input) = queue.pop_front() {
            let now = self.now();
            self.session.handle_input(now, input);
            while let Some(command) = self.session.poll_command() {
                if let Some(input) = self.perform(command) {
                    queue.push_back(input);
                }
            }
        }
    }

    /// Performs one command; returns the input it produces at once, if any.
    fn perform(&mut self, command: Command) -> Option<Input> {
        match command {
            Command::Http {
                id,
                method,
                url,
                body,
            } => self.http(id, method, url, body),
            Command::OpenSocket { conn, url } => self.open(conn, url),
            Command::Send { conn, text } => {
                if let Some(socket) = self.sockets.get(&conn) {
                    let _ = socket.send(Outgoing::Text(text));
                }
            }
            Command::CloseSocket { conn, code } => {
                if let Some(socket) = self.sockets.remove(&conn) {
                    let _ = socket.send(Outgoing::Close(code));
                }
            }
            Command::Load { key } => {
                let value = self.storage.get(&key).cloned();
                return Some(Input::Loaded { key, value });
            }
            Command::Store { key, value } => match value {
                Some(v) => {
                    self.storage.insert(key, v);
                }
                None => {
                    self.storage.remove(&key);
                }
            },
            // No page, no address to show.
            Command::Mark { .. }
            | Command::Address { .. }
            | Command::Download { .. }
            | Command::AskPermission
            | Command::Notify { .. } => {}
            // The pump has no files to upload.
            Command::PutFile { id, .. } => {
                return Some(Input::HttpDone {
                    id,
                    result: Err(NetError::FileGone),
                })
            }
        }
        None
    }

    fn http(&self, id: HttpId, method: HttpMethod, url: String, body: Option<String>) {
        let (client, sender) = (self.http.clone(), self.sender.clone());
        tokio::spawn(async move {
            let result = request(&client, method, &url, body).await;
            let _ = sender.send(Input::HttpDone { id, result });
        });
    }

    fn open(&mut self, conn: ConnId, url: String) {
        let (outgoing, mut to_send) = mpsc::unbounded_channel();
        self.sockets.insert(conn, outgoing);
        let sender = self.sender.clone();
        tokio::spawn(async move {
            let closed = |code: u16, reason: String| Input::WsClosed { conn, code, reason };
            let Ok((mut ws, _)) = tokio_tungstenite::connect_async(url.as_str()).await else {
                let _ = sender.send(closed(1006, String::new()));
                return;
            };
            let _ = sender.send(Input::WsOpened { conn });
            loop {
                tokio::select! {
                    out = to_send.recv() => match out {
                        Some(Outgoing::Text(text)) => {
                            let _ = ws.send(Message::text(text)).await;
                        }
                        Some(Outgoing::Close(code)) => {
                            let frame = CloseFrame { code: CloseCode::from(code), reason: "".into() };
                            let _ = ws.close(Some(frame)).await;
                            return; // the session let this socket go: nothing to report
                        }
                        None => return, // the pump is gone
                    },
                    frame = ws.next() => match frame {
                        Some(Ok(Message::Text(text))) => {
                            let _ = sender.send(Input::WsFrame { conn, text: text.to_string() });
                        }
                        Some(Ok(Message::Close(frame))) => {
                            let (code, reason) = frame
                                .map(|f| (u16::from(f.code), f.reason.to_string()))
                                .unwrap_or((1005, String::new()));
                            let _ = sender.send(closed(code, reason));
                            return;
                        }
                        Some(Ok(_)) => {}
                        // Cut off without a close frame: what a browser reports as 1006.
                        Some(Err(_)) | None => {
                            let _ = sender.send(closed(1006, String::new()));
                            return;
                        }
                    },
                }
            }
        });
    }

    /// Runs the session until `done` holds for its view, waking it at its deadlines; panics with
    /// `what` if that takes longer than `limit`. `done` is asked again after every input and
    /// deadline; one that reads anything else must use [`Pump::until_told`].
    pub async fn until(
        &mut self,
        limit: Duration,
        what: &str,
        done: impl Fn(&ViewModel) -> bool,
    ) -> ViewModel {
        self.wait(limit, what, None, done).await
    }

    /// As [`Pump::until`], and `done` is also asked again whenever `changed` is told: for a `done`
    /// that reads state outside the session (a replay's progress), which changes without an input
    /// reaching the session.
    pub async fn until_told(
        &mut self,
        limit: Duration,
        what: &str,
        changed: &Notify,
        done: impl Fn(&ViewModel) -> bool,
    ) -> ViewModel {
        self.wait(limit, what, Some(changed), done).await
    }

    async fn wait(
        &mut self,
        limit: Duration,
        what: &str,
        changed: Option<&Notify>,
        done: impl Fn(&ViewModel) -> bool,
    ) -> ViewModel {
        let give_up = Instant::now() + limit;
        loop {
            let view = self.view();
            if done(&view) {
                return view;
            }
            let wake = self
                .session
                .poll_timeout()
                .map(|at| self.started + Duration::from_millis(at.0))
                .unwrap_or(give_up)
                .min(give_up);
            tokio::select! {
                input = self.inputs.recv() => {
                    if let Some(input) = input {
                        self.feed(input);
                    }
                }
                _ = tokio::time::sleep_until(wake) => {
                    assert!(Instant::now() < give_up, "timed out after {limit:?} waiting for {what}; status: {}", view.status);
                    self.feed(Input::Tick);
                }
                _ = told(changed) => {}
            }
        }
    }
}

/// Waits until `changed` is told; never, without one.
async fn told(changed: Option<&Notify>) {
    match changed {
        Some(changed) => changed.notified().await,
        None => std::future::pending().await,
    }
}

/// The origin the pump's requests name, as the app's page would.
const PAGE_ORIGIN: &str = "http://127.0.0.1";

async fn request(
    client: &Client<HttpConnector, Full<Bytes>>,
    method: HttpMethod,
    url: &str,
    body: Option<String>,
) -> Result<HttpReply, NetError> {
    // A JSONP form is a script the page loads, which no CORS rule applies to.
    let script = method == HttpMethod::Jsonp;
    let mut builder = hyper::Request::builder().uri(url).method(match method {
        HttpMethod::Get | HttpMethod::Jsonp => hyper::Method::GET,
        HttpMethod::Post => hyper::Method::POST,
    });
    if body.is_some() {
        builder = builder.header("content-type", "application/json");
    }
    // A page's request names its origin; the browser reads the answer only if the host allows it.
    if !script {
        builder = builder.header("origin", PAGE_ORIGIN);
    }
    let request = builder
        .body(Full::new(Bytes::from(body.unwrap_or_default())))
        .map_err(|_| NetError::Browser)?;
    let response = client
        .request(request)
        .await
        .map_err(|_| NetError::Unreachable)?;
    let status = response.status().as_u16();
    // As a browser's `fetch` fails on an answer without CORS headers, so does this one (a script
    // that JSONP loads needs none).
    let allowed = response
        .headers()
        .contains_key("access-control-allow-origin");
    if !script && !allowed {
        return Err(NetError::Unreachable);
    }
    let bytes = response
        .into_body()
        .collect()
        .await
        .map_err(|_| NetError::Unreadable)?
        .to_bytes();
    let body = String::from_utf8_lossy(&bytes).into_owned();
    if !script {
        return Ok(HttpReply { status, body });
    }
    // As the browser's JSONP frame answers: a script that did not load is no answer; the argument of
    // the one expected call is the body; anything else did not call back.
    if !(200..300).contains(&status) {
        return Err(NetError::Unreachable);
    }
    let argument = body
        .trim()
        .strip_prefix(&format!("{}(", lpchat_core::JSONP_CALLBACK))
        .and_then(|rest| rest.strip_suffix(");"))
        .ok_or(NetError::Unreadable)?;
    Ok(HttpReply {
        status: 200,
        body: argument.to_owned(),
    })
}
