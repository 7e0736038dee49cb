//! The consumer UMS WebSocket (`/ws_api/account/{account}/messaging/consumer?v=3`), as LivePerson
//! documents it: InitConnection first (else 401), a bad JWT closes with 4401, responses carry the
//! request id as a string, content events are sequenced per dialog, publishing to an unknown or closed
//! dialog and asking for a second open conversation are answered with errors.

use crate::{
    world::{now_ms, BusEvent, CloseScope, Refusal},
    AppState,
};
use axum::{
    extract::{
        ws::{CloseFrame, Message, Utf8Bytes, WebSocket},
        Path, Query, State, WebSocketUpgrade,
    },
    http::StatusCode,
    response::{IntoResponse, Response as HttpResponse},
};
use futures_util::{SinkExt, StreamExt};
use lpchat_wire::{
    encode_notification, ConversationField, Event, ExChange, ExChangeType,
    ExConversationChangeNotification, Header, MessagingChange, MessagingEventNotification,
    Notification, OriginatorMetadata, PublishEventResult, ReqId, Request,
    RequestConversationResult, RequestPayload, Response, SubscribeExConversationsResult,
};
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
    features: Vec<String>,
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
        let world = self.state.world.clone();
        match payload {
            RequestPayload::InitConnection { .. } => {}
            RequestPayload::GetClock {} => self.respond(
                id,
                200,
                ".GetClock$Response",
                Some(json!({"currentTime": now_ms()})),
            ),
            RequestPayload::ConsumerRequestConversation { body } => {
                let multi_dialog = self.features.iter().any(|f| f == "MULTI_DIALOG");
                // A skill is a number, or -1 for any (PROTOCOL.md §5.1); anything else is refused.
                let skill = body.and_then(|b| b.skill_id).map(|s| s.0);
                if skill
                    .as_deref()
                    .is_some_and(|s| !lpchat_wire::is_skill_id(s))
                {
                    return self.error(id, 400, "Invalid skillId");
                }
                match world.open_conversation(&self.account, &consumer, multi_dialog, skill) {
                    Ok(conversation_id) => self.respond(
                        id,
                        200,
                        "cm.RequestConversationResponse",
                        serde_json::to_value(RequestConversationResult { conversation_id }).ok(),
                    ),
                    Err(_) => self.error(id, 400, "There is already an open conversation"),
                }
            }
            RequestPayload::PublishEvent { body } => match &body.event {
                Event::ChatStateEvent { .. } => {
                    let conversations = world.conversations_of(&consumer);
                    let dialog = conversations
                        .iter()
                        .find_map(|c| Some((c, c.dialog(&body.dialog_id)?)));
                    match dialog {
                        Some((_, d)) if !d.open => {
                            return self.error(id, 400, "The dialog is not open")
                        }
                        None => return self.error(id, 400, "The dialog is not open"),
                        // A survey takes no chat states (PROTOCOL.md §5.2, LivePerson's demo app).
                        Some((c, _)) if c.main.id != body.dialog_id => {
                            return self.error(
                                id,
                                400,
                                "Chat states are not accepted on this dialog",
                            )
                        }
                        Some(_) => {}
                    }
                    world.chat_state(MessagingChange {
                        sequence: None,
                        originator_id: Some(consumer.clone()),
                        originator_metadata: Some(OriginatorMetadata {
                            id: Some(consumer.clone()),
                            role: Some(lpchat_wire::Role::Consumer),
                        }),
                        server_timestamp: None,
                        event: body.event.clone(),
                        dialog_id: body.dialog_id.clone(),
                        conversation_id: Some(body.dialog_id.clone()),
                        message_audience: Some(lpchat_wire::Audience::All),
                        metadata: Vec::new(),
                    });
                    self.respond(
                        id,
                        200,
                        "ms.PublishEventResponse",
                        Some(json!({"sequence": 0})),
                    );
                }
                Event::Unknown => self.error(id, 400, "Unknown event type"),
                _ => match world.publish(
                    &body.dialog_id,
                    Some(&consumer),
                    (&consumer, lpchat_wire::Role::Consumer),
                    body.event,
                    metadata,
                ) {
                    Ok(sequence) => self.respond(
                        id,
                        200,
                        "ms.PublishEventResponse",
                        serde_json::to_value(PublishEventResult {
                            sequence: Some(sequence),
                        })
                        .ok(),
                    ),
                    Err(Refusal::Closed) => self.error(id, 400, "The dialog is closed"),
                    Err(_) => self.error(id, 400, "Unknown dialog"),
                },
            },
            RequestPayload::UpdateConversationField { body } => {
                // What closes (PROTOCOL.md §5.3): ConversationStateField and Stage close everything (no
                // survey); DialogChange closes one dialog (closing MAIN lets the survey start).
                let close = body.conversation_field.iter().find_map(|f| match f {
                    ConversationField::ConversationState { conversation_state }
                    | ConversationField::Stage { conversation_state }
                        if *conversation_state == lpchat_wire::State::Close =>
                    {
                        Some((body.conversation_id.clone(), CloseScope::All))
                    }
                    ConversationField::DialogChange { dialog, .. }
                        if dialog.state == lpchat_wire::State::Close =>
                    {
                        Some((dialog.dialog_id.clone(), CloseScope::Main))
                    }
                    _ => None,
                });
                let rating = body.conversation_field.iter().find_map(|f| match f {
                    ConversationField::CsatRate {
                        csat_rate,
                        resolution_confirmation,
                        status,
                    } => Some((*csat_rate, *resolution_confirmation, *status)),
                    _ => None,
                });
                if let Some((rate, resolved, status)) = rating {
                    // All three fields are required; the rating is 1–5 (PROTOCOL.md §5.3, frame 53).
                    if !(1..=5).contains(&rate) || status == lpchat_wire::CsatStatus::Unknown {
                        return self.error(id, 400, "Invalid CSATRate");
                    }
                    return match world.rate(&body.conversation_id, &consumer, rate, resolved) {
                        Ok(()) => self.respond(
                            id,
                            200,
                            "StringResponse",
                            Some(Value::String("OK".into())),
                        ),
                        Err(Refusal::StillOpen) => {
                            self.error(id, 400, "The conversation is still open")
                        }
                        Err(_) => self.error(id, 400, "Unknown conversation"),
                    };
                }
                let Some((target, scope)) = close else {
                    let owned = world
                        .conversations_of(&consumer)
                        .iter()
                        .any(|c| c.id == body.conversation_id);
                    let known = body
                        .conversation_field
                        .iter()
                        .all(|f| !matches!(f, ConversationField::Other));
                    return match (owned, known) {
                        (true, true) => self.respond(
                            id,
                            200,
                            "StringResponse",
                            Some(Value::String("OK".into())),
                        ),
                        (false, _) => self.error(id, 400, "Unknown conversation"),
                        (true, false) => self.error(id, 400, "Unsupported conversation field"),
                    };
                };
                match world.close(
                    &target,
                    Some(&consumer),
                    lpchat_wire::CloseReason::Consumer,
                    scope,
                ) {
                    Ok(()) => self.respond(
                        id,
                        200,
                        "StringResponse",
                        Some(Value::String(
                            "OK Conversation resolved successfully".into(),
                        )),
                    ),
                    Err(Refusal::Closed) => {
                        self.error(id, 400, "The conversation is already closed")
                    }
                    Err(_) => self.error(id, 400, "Unknown conversation"),
                }
            }
            RequestPayload::UnsubscribeExConversations { body } => {
                if self
                    .conversations
                    .as_ref()
                    .is_some_and(|s| s.id == body.subscription_id)
                {
                    self.conversations = None;
                    self.respond(id, 200, "StringResponse", Some(Value::String("OK".into())));
                } else {
                    self.error(id, 400, "Unknown subscription");
                }
            }
            // File sharing (PROTOCOL.md §5.8): temporary URLs on the sandbox's swift host.
            RequestPayload::GenerateUrlForUploadFile { body } => {
                // The server decides what a consumer may do from its declared features (PROTOCOL.md
                // §10c.3): no upload URL for one that did not declare photo or file sharing (strict).
                let sharing = self
                    .features
                    .iter()
                    .any(|f| f == "PHOTO_SHARING" || f == "FILE_SHARING");
                if !sharing {
                    return self.error(id, 400, "Photo sharing is not enabled for this consumer");
                }
                match world.grant_upload(
                    &self.account,
                    &body.file_type,
                    body.file_size.as_str(),
                    now_ms() / 1000,
                ) {
                    Ok(url) => self.respond(
                        id,
                        200,
                        "ms.BaseGenerateURLResponse",
                        serde_json::to_value(url).ok(),
                    ),
                    Err(why) => self.error(id, 400, why),
                }
            }
            RequestPayload::GenerateUrlForDownloadFile { body } => {
                match world.grant_download(&body.relative_path, now_ms() / 1000) {
                    Some(url) => self.respond(
                        id,
                        200,
                        "ms.BaseGenerateURLResponse",
                        serde_json::to_value(url).ok(),
                    ),
                    None => self.error(id, 400, "Unknown file"),
                }
            }
            RequestPayload::SubscribeMessagingEvents { body } => {
                // The conversation named must be the one the dialog belongs to (a survey dialog has
                // an id of its own and names its conversation's, PCS step 10).
                if let Some(c) = &body.conversation_id {
                    let belongs = world
                        .conversations_of(&consumer)
                        .iter()
                        .any(|conv| conv.id == *c && conv.dialog(&body.dialog_id).is_some());
                    if !belongs {
                        return self.error(id, 400, "conversationId does not match the dialog");
                    }
                }
                match world.replay(&body.dialog_id, &consumer, body.from_seq) {
                    Err(_) => self.error(id, 400, "Unknown dialog"),
                    Ok(changes) => {
                        self.respond(id, 200, ".ams.GenericSubscribeResponse", None);
                        let last = changes
                            .last()
                            .and_then(|c| c.sequence)
                            .unwrap_or(body.from_seq - 1);
                        self.dialogs.insert(body.dialog_id, last);
                        // How LivePerson splits a long replay is not documented (PROTOCOL.md §6.1 only
                        // says one notification can carry several changes); the sandbox sends at most
                        // REPLAY_CHUNK per notification so no frame grows with the conversation.
                        for chunk in changes.chunks(REPLAY_CHUNK) {
                            self.notify_messages(chunk.to_vec());
                        }
                    }
                }
            }
            RequestPayload::SubscribeExConversations { body } => {
                let sub = Subscription {
                    id: uuid::Uuid::new_v4().to_string(),
                    states: if body.conv_state.is_empty() {
                        vec![lpchat_wire::State::Open]
                    } else {
                        body.conv_state
                    },
                };
                self.respond(
                    id,
                    200,
                    "cqm.SubscribeExConversationsResponse",
                    serde_json::to_value(SubscribeExConversationsResult {
                        subscription_id: sub.id.clone(),
                    })
                    .ok(),
                );
                let snapshot: Vec<ExChange> = world
                    .conversations_of(&consumer)
                    .iter()
                    .map(|c| c.ex_change())
                    .filter(|c| {
                        sub.states
                            .iter()
                            .any(|s| Some(s) == c.conversation_details.state.as_ref())
                    })
                    .map(|result| ExChange {
                        change_type: ExChangeType::Upsert,
                        result,
                    })
                    .collect();
                self.conversations = Some(sub);
                self.notify_conversations(snapshot);
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

    fn on_bus(&mut self, event: BusEvent) {
        match event {
            BusEvent::Kick(code) => {
                self.close = Some((code, "closed by the sandbox's control API"))
            }
            BusEvent::Raw(text) => {
                if self.consumer.is_some() {
                    self.outbox.push(text);
                }
            }
            BusEvent::Message(change) => {
                let Some(last) = self.dialogs.get_mut(&change.dialog_id) else {
                    return;
                };
                if let Some(seq) = change.sequence {
                    if seq <= *last {
                        return; // already sent in the replay
                    }
                    *last = seq;
                }
                self.notify_messages(vec![change]);
            }
            BusEvent::Conversation {
                consumer_id,
                change,
            } => {
                if self.consumer.as_deref() != Some(consumer_id.as_str())
                    || self.conversations.is_none()
                {
                    return;
                }
                self.notify_conversations(vec![ExChange {
                    change_type: ExChangeType::Upsert,
                    result: change,
                }]);
            }
        }
    }

    /// The consumer's events as the consumer is sent them: a ContentEvent without the request's
    /// metadata unless the demo switch is on (LivePerson's documents show no such echo; the agent side
    /// and the control API still see it, as a survey bot sees an answer's metadata).
    fn notify_messages(&mut self, mut changes: Vec<MessagingChange>) {
        if !self.state.demo {
            for c in &mut changes {
                if matches!(c.event, Event::ContentEvent { .. }) {
                    c.metadata.clear();
                }
            }
        }
        let body = MessagingEventNotification {
            changes,
            skipped: 0,
        };
        self.outbox
            .push(encode_notification(Notification::MESSAGING_EVENT, &body));
    }

    fn notify_conversations(&mut self, changes: Vec<ExChange>) {
        let body = ExConversationChangeNotification {
            subscription_id: self.conversations.as_ref().map(|s| s.id.clone()),
            changes,
        };
        self.outbox.push(encode_notification(
            Notification::EX_CONVERSATION_CHANGE,
            &body,
        ));
    }
}
