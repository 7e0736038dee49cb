//! The consumer UMS WebSocket (`/ws_api/account/{account}/messaging/consumer?v=3`), as LivePerson
//! documents it: InitConnection first (else 401), a bad JWT closes with 4401, responses carry the
//! request id as a string, content events are sequenced per dialog, publishing to an unknown or closed
//! dialog and asking for a second open conversation are answered with errors.

mod bus;
mod requests;

use crate::{world::now_ms, AppState};
use axum::{
    extract::{
        ws::{CloseFrame, Message, Utf8Bytes, WebSocket},
        Path, Query, State, WebSocketUpgrade,
    },
    http::StatusCode,
    response::{IntoResponse, Response as HttpResponse},
};
use futures_util::{SinkExt, StreamExt};
use lpchat_wire::{Header, ReqId, Request, RequestPayload, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use std::{collections::HashMap, time::Duration};
use tokio::sync::broadcast::error::RecvError;

/// How long a socket may stay without InitConnection.
const INIT_DEADLINE: Duration = Duration::from_secs(10);
/// Largest frame accepted.
const MAX_FRAME: usize = 1 << 20;

#[derive(Deserialize)]
pub(crate) struct VersionQuery {
    v: Option<String>,
}

/// At most this many changes per replayed `MessagingEventNotification`.
const REPLAY_CHUNK: usize = 100;

pub(crate) async fn upgrade(
    ws: WebSocketUpgrade,
    Path(account): Path<String>,
    Query(q): Query<VersionQuery>,
    State(state): State<AppState>,
) -> HttpResponse {
    state.delay().await;
    if q.v.as_deref() != Some("3") {
        return (
            StatusCode::BAD_REQUEST,
            "this sandbox speaks the consumer API v=3",
        )
            .into_response();
    }
    let Ok(permit) = state.connections.clone().try_acquire_owned() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "too many connections").into_response();
    };
    ws.max_message_size(MAX_FRAME)
        .on_upgrade(move |socket| async move {
            Connection::new(state, account).run(socket).await;
            drop(permit); // the socket's place is free again
        })
}

struct Subscription {
    id: String,
    states: Vec<lpchat_wire::State>,
}

struct Connection {
    state: AppState,
    account: String,
    consumer: Option<String>,
    /// ClientProperties features from InitConnection.
    features: Vec<lpchat_wire::Feature>,
    conversations: Option<Subscription>,
    /// Subscribed dialogs and the highest sequence already sent on each.
    dialogs: HashMap<String, i64>,
    outbox: Vec<String>,
    close: Option<(u16, &'static str)>,
    /// The request-rate bucket: tokens left, and when it was last filled.
    bucket: (f64, std::time::Instant),
}

impl Connection {
    fn new(state: AppState, account: String) -> Self {
        let full = f64::from(state.requests_per_second);
        Connection {
            state,
            account,
            consumer: None,
            features: Vec::new(),
            conversations: None,
            dialogs: HashMap::new(),
            outbox: Vec::new(),
            close: None,
            bucket: (full, std::time::Instant::now()),
        }
    }

    /// Takes one request from the rate bucket; false when it is empty (the request gets 429).
    fn within_rate(&mut self) -> bool {
        let rate = f64::from(self.state.requests_per_second);
        if rate == 0.0 {
            return true;
        }
        let (tokens, at) = self.bucket;
        let now = std::time::Instant::now();
        let tokens = (tokens + now.duration_since(at).as_secs_f64() * rate).min(rate);
        let allowed = tokens >= 1.0;
        self.bucket = (if allowed { tokens - 1.0 } else { tokens }, now);
        allowed
    }

    async fn run(mut self, socket: WebSocket) {
        // A writer task sends each frame at its own due time (produced + the plan's latency), so frames
        // produced together arrive together, as over a real network: latency does not accumulate.
        let (mut sink, mut stream) = socket.split();
        let (tx, mut rx) =
            tokio::sync::mpsc::unbounded_channel::<(tokio::time::Instant, Message)>();
        let writer = tokio::spawn(async move {
            while let Some((due, message)) = rx.recv().await {
                tokio::time::sleep_until(due).await;
                let closing = matches!(message, Message::Close(_));
                if sink.send(message).await.is_err() || closing {
                    return;
                }
            }
        });
        let mut bus = self.state.world.subscribe();
        let mut drop_budget: Option<u32> = None;
        let init_deadline = tokio::time::sleep(INIT_DEADLINE);
        tokio::pin!(init_deadline);
        loop {
            tokio::select! {
                frame = stream.next() => match frame {
                    Some(Ok(Message::Text(text))) if self.state.faults.blackholed() => drop(text),
                    Some(Ok(Message::Text(text))) => {
                        // Drawn lazily, so a plan set while the socket is open applies to it too.
                        if !self.state.faults.drops_enabled() {
                            drop_budget = None;
                        } else if drop_budget.is_none() {
                            drop_budget = self.state.faults.drop_budget();
                        }
                        if let Some(left) = drop_budget.as_mut() {
                            *left = left.saturating_sub(1);
                            if *left == 0 {
                                // The fault plan drops this socket now, without a close frame (the
                                // browser sees 1006); a publish may be stored first but not answered.
                                let is_publish = matches!(
                                    Request::decode(text.as_str()),
                                    Ok(Request { payload: RequestPayload::PublishEvent { .. }, .. })
                                );
                                if self.state.faults.dropping(is_publish) {
                                    self.on_text(text.as_str());
                                }
                                match self.state.faults.drop_code() {
                                    Some(code) => {
                                        let frame = CloseFrame { code, reason: Utf8Bytes::from_static("dropped by the fault plan") };
                                        let _ = tx.send((tokio::time::Instant::now(), Message::Close(Some(frame))));
                                        drop(tx);
                                        let _ = writer.await;
                                    }
                                    None => writer.abort(),
                                }
                                return;
                            }
                        }
                        self.on_text(text.as_str());
                    }
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                    Some(Ok(_)) => {}
                },
                event = bus.recv() => match event {
                    Ok(event) => self.on_bus(event),
                    // A socket too slow to keep up is dropped without a close frame (the browser sees
                    // 1006): LivePerson documents no code for it, and 1011 would read as a server error.
                    Err(RecvError::Lagged(_)) => {
                        writer.abort();
                        return;
                    }
                    Err(RecvError::Closed) => return,
                },
                _ = &mut init_deadline, if self.consumer.is_none() => {
                    self.close = Some((4401, "InitConnection was not sent in time"));
                }
            }
            if self.state.faults.blackholed() {
                self.outbox.clear(); // silent: nothing is answered, nothing is closed
                continue;
            }
            let due = tokio::time::Instant::now() + self.state.faults.latency().unwrap_or_default();
            for text in std::mem::take(&mut self.outbox) {
                if tx
                    .send((due, Message::Text(Utf8Bytes::from(text))))
                    .is_err()
                {
                    return;
                }
            }
            if let Some((code, reason)) = self.close.take() {
                let frame = CloseFrame {
                    code,
                    reason: Utf8Bytes::from_static(reason),
                };
                let _ = tx.send((due, Message::Close(Some(frame))));
                drop(tx);
                let _ = writer.await;
                return;
            }
        }
    }

    fn respond(&mut self, id: ReqId, code: i64, type_name: &str, body: Option<Value>) {
        self.outbox
            .push(Response::new(id, code, type_name, body).encode());
    }

    fn error(&mut self, id: ReqId, code: i64, text: &str) {
        self.respond(
            id,
            code,
            ".ReqBody$StringResp",
            Some(Value::String(text.into())),
        );
    }

    fn on_text(&mut self, text: &str) {
        let request = match Request::decode(text) {
            Ok(r) => r,
            Err(e) => {
                // Answer by id when there is one; LivePerson's exact reply is not documented (PROTOCOL.md §11).
                // Without a readable id the answer carries an empty one (it matches no request).
                let id = e.id.unwrap_or_else(|| ReqId(String::new()));
                self.error(id, 400, "Unknown or malformed request");
                return;
            }
        };
        // The plan's 429s fall on requests after InitConnection; the rate limit counts every one.
        if !self.within_rate() || (self.consumer.is_some() && self.state.faults.throttling()) {
            return self.error(request.id, 429, "Too many requests");
        }
        let Request {
            id,
            payload,
            metadata,
            ..
        } = request;
        let consumer = match (&self.consumer, &payload) {
            (None, RequestPayload::InitConnection { headers }) => {
                return self.init(id, headers.clone());
            }
            (None, _) => return self.error(id, 401, "InitConnection is required first"),
            (Some(_), RequestPayload::InitConnection { .. }) => {
                return self.error(id, 400, "The connection is already initialized")
            }
            (Some(c), _) => c.clone(),
        };
        match payload {
            RequestPayload::InitConnection { .. } => {}
            RequestPayload::GetClock {} => self.respond(
                id,
                200,
                ".GetClock$Response",
                Some(json!({"currentTime": now_ms()})),
            ),
            RequestPayload::ConsumerRequestConversation { body } => {
                self.request_conversation(id, consumer, body)
            }
            RequestPayload::PublishEvent { body } => self.publish(id, consumer, body, metadata),
            RequestPayload::UpdateConversationField { body } => {
                self.update_field(id, consumer, body)
            }
            RequestPayload::UnsubscribeExConversations { body } => self.unsubscribe(id, body),
            RequestPayload::GenerateUrlForUploadFile { body } => self.upload_url(id, body),
            RequestPayload::GenerateUrlForDownloadFile { body } => self.download_url(id, body),
            RequestPayload::SubscribeMessagingEvents { body } => {
                self.subscribe_messages(id, consumer, body)
            }
            RequestPayload::SubscribeExConversations { body } => {
                self.subscribe_conversations(id, consumer, body)
            }
        }
    }

    fn init(&mut self, id: ReqId, headers: Vec<Header>) {
        let mut jwt = None;
        for h in headers {
            match h {
                Header::ConsumerAuthentication(a) => jwt = Some(a.jwt),
                Header::ClientProperties(p) => self.features = p.features,
            }
        }
        let faults = &self.state.faults;
        let verified = jwt
            .and_then(|jwt| {
                self.state
                    .signer
                    .verify(&jwt, &self.account, now_ms() / 1000)
                    .ok()
            })
            .filter(|claims| claims.iat.is_some_and(|iat| faults.token_accepted(iat)));
        match verified {
            Some(claims) => {
                self.consumer = Some(claims.sub);
                self.state.faults.connected();
                self.respond(
                    id,
                    200,
                    "StringResponse",
                    Some(Value::String("Connection initialized successfully".into())),
                );
            }
            None => self.close = Some((4401, "Invalid or expired token")),
        }
    }
}
