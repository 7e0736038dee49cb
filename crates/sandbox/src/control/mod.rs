//! The control API (for tests and the agent console) and the agent console page itself.

use crate::{
    world::{Refusal, AGENT_ID},
    AppState,
};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Response},
    Json,
};
use lpchat_wire::Event;
use serde::{Deserialize, Serialize};

mod views;

pub use views::{
    AgentEvent, AgentMessage, AgentReceipts, ConversationView, MessageView, ReceiptView,
};

fn refusal(r: Refusal) -> Response {
    match r {
        Refusal::Unknown => (StatusCode::NOT_FOUND, "no such conversation").into_response(),
        Refusal::Closed => (StatusCode::CONFLICT, "the conversation is closed").into_response(),
        Refusal::AlreadyOpen => (StatusCode::CONFLICT, "already open").into_response(),
        Refusal::StillOpen => (StatusCode::CONFLICT, "the conversation is open").into_response(),
    }
}

/// `GET /control/conversations`.
pub(crate) async fn list(State(state): State<AppState>) -> Json<Vec<ConversationView>> {
    let mut all: Vec<ConversationView> =
        state.world.conversations().iter().map(Into::into).collect();
    all.sort_by_key(|c| c.stage != "OPEN");
    Json(all)
}

/// `POST /control/conversations/{id}/messages`.
pub(crate) async fn post_message(
    Path(id): Path<String>,
    State(state): State<AppState>,
    Json(msg): Json<AgentMessage>,
) -> Response {
    if msg.text.trim().is_empty() {
        return (StatusCode::BAD_REQUEST, "empty message").into_response();
    }
    let texts: Vec<String> = match msg.count {
        None => vec![msg.text],
        Some(n @ 1..=20_000) => (1..=n).map(|i| format!("{} {i}", msg.text)).collect(),
        Some(_) => return (StatusCode::BAD_REQUEST, "count is 1 to 20000").into_response(),
    };
    let mut sequence = 0;
    let agent = state.world.agent_of(&id).unwrap_or_else(|| AGENT_ID.into());
    for text in texts {
        match state.world.publish(
            &id,
            None,
            (&agent, lpchat_wire::Role::AssignedAgent),
            Event::text(text),
            Vec::new(),
        ) {
            Ok(s) => sequence = s,
            Err(r) => return refusal(r),
        }
    }
    Json(serde_json::json!({ "sequence": sequence })).into_response()
}

/// `?path=…` of `GET /control/file`.
#[derive(Debug, Deserialize)]
pub(crate) struct FileQuery {
    path: String,
}

/// `GET /control/file?path=…`: a stored file's bytes (what a consumer uploaded, for tests and the
/// console), without a temporary URL.
pub(crate) async fn file(
    axum::extract::Query(q): axum::extract::Query<FileQuery>,
    State(state): State<AppState>,
) -> Response {
    match state.world.stored_file(&q.path) {
        // Paths are unique and files never change: the console may cache them.
        Some(bytes) => (
            [
                (header::CONTENT_TYPE, crate::swift::content_type(&q.path)),
                (header::CACHE_CONTROL, "max-age=3600, immutable"),
            ],
            bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

/// Body of `POST /control/conversations/{id}/picture` (all optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AgentPicture {
    /// The caption (default "A picture from the agent").
    #[serde(default)]
    pub caption: Option<String>,
}

/// `POST /control/conversations/{id}/picture`: the agent shares a picture (the sandbox's own), as a
/// `hosted/file` event with a small preview, the way an agent's upload arrives.
pub(crate) async fn post_picture(
    Path(id): Path<String>,
    State(state): State<AppState>,
    body: Option<Json<AgentPicture>>,
) -> Response {
    use base64::Engine;
    let caption = body
        .and_then(|Json(b)| b.caption)
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| "A picture from the agent".into());
    let Some((path, agent)) = state.world.store_agent_picture(&id) else {
        return refusal(Refusal::Unknown);
    };
    let preview = format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(crate::swift::PICTURE)
    );
    let file = lpchat_wire::HostedFile {
        caption,
        relative_path: path.clone(),
        file_type: "PNG".into(),
        preview: Some(preview),
    };
    match state.world.publish(
        &id,
        None,
        (&agent, lpchat_wire::Role::AssignedAgent),
        Event::hosted_file(&file),
        Vec::new(),
    ) {
        Ok(sequence) => {
            Json(serde_json::json!({ "sequence": sequence, "path": path })).into_response()
        }
        Err(r) => refusal(r),
    }
}

/// `POST /control/conversations/{id}/events`: the agent publishes any event (typing, a card,
/// quick replies…).
pub(crate) async fn post_event(
    Path(id): Path<String>,
    State(state): State<AppState>,
    Json(body): Json<AgentEvent>,
) -> Response {
    let Ok(event) = serde_json::from_value::<Event>(body.event) else {
        return (StatusCode::BAD_REQUEST, "not an event").into_response();
    };
    let Some((agent, dialog)) = state.world.agent_and_dialog(&id) else {
        return refusal(Refusal::Unknown);
    };
    match event {
        Event::Unknown => (StatusCode::BAD_REQUEST, "unknown event type").into_response(),
        Event::ChatStateEvent { .. } => {
            state.world.chat_state(lpchat_wire::MessagingChange {
                sequence: None,
                originator_id: Some(agent.clone()),
                originator_metadata: Some(lpchat_wire::OriginatorMetadata {
                    id: Some(agent),
                    role: Some(lpchat_wire::Role::AssignedAgent),
                }),
                server_timestamp: None,
                event,
                conversation_id: Some(dialog.clone()),
                dialog_id: dialog,
                message_audience: Some(lpchat_wire::Audience::All),
                metadata: Vec::new(),
            });
            StatusCode::NO_CONTENT.into_response()
        }
        event => match state.world.publish(
            &id,
            None,
            (&agent, lpchat_wire::Role::AssignedAgent),
            event,
            Vec::new(),
        ) {
            Ok(sequence) => Json(serde_json::json!({ "sequence": sequence })).into_response(),
            Err(r) => refusal(r),
        },
    }
}

/// `POST /control/conversations/{id}/receipts`: the agent's ACCEPT or READ for the consumer's
/// messages it has not receipted yet.
pub(crate) async fn post_receipts(
    Path(id): Path<String>,
    State(state): State<AppState>,
    Json(body): Json<AgentReceipts>,
) -> Response {
    let status = match body.status.as_str() {
        "ACCEPT" => lpchat_wire::AcceptStatus::Accept,
        "READ" => lpchat_wire::AcceptStatus::Read,
        _ => return (StatusCode::BAD_REQUEST, "status is ACCEPT or READ").into_response(),
    };
    match state.world.agent_receipts(&id, status) {
        Ok(n) => Json(serde_json::json!({ "covered": n })).into_response(),
        Err(r) => refusal(r),
    }
}

/// `POST /control/conversations/{id}/transfer`: another agent takes over.
pub(crate) async fn transfer(Path(id): Path<String>, State(state): State<AppState>) -> Response {
    match state.world.transfer(&id) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => refusal(r),
    }
}

/// `POST /control/conversations/{id}/close`.
pub(crate) async fn close(Path(id): Path<String>, State(state): State<AppState>) -> Response {
    match state.world.close(
        &id,
        None,
        lpchat_wire::CloseReason::Agent,
        crate::world::CloseScope::Main,
    ) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(r) => refusal(r),
    }
}

/// `GET /agent`: the agent console.
pub(crate) async fn console() -> Response {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(include_str!("agent.html")),
    )
        .into_response()
}

/// `GET /control/faults`: the plan and its figures.
pub(crate) async fn get_faults(State(state): State<AppState>) -> Response {
    Json(serde_json::json!({ "plan": state.faults.plan(), "stats": state.faults.stats() }))
        .into_response()
}

/// `POST /control/faults`: replaces the plan (absent fields take their defaults).
pub(crate) async fn set_faults(
    State(state): State<AppState>,
    Json(plan): Json<crate::FaultPlan>,
) -> Response {
    state.faults.set(plan);
    StatusCode::NO_CONTENT.into_response()
}

/// Body of `POST /control/sockets/close`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloseSockets {
    /// The close code (for example 4401).
    pub code: u16,
}

/// `POST /control/sockets/close`: closes every consumer socket with the given code.
pub(crate) async fn close_sockets(
    State(state): State<AppState>,
    Json(c): Json<CloseSockets>,
) -> Response {
    state.world.kick(c.code);
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /control/tokens/expire`: every token issued so far is refused as expired from now on.
pub(crate) async fn expire_tokens(State(state): State<AppState>) -> Response {
    state.faults.expire_tokens(crate::world::now_ms());
    StatusCode::NO_CONTENT.into_response()
}

/// Body of `POST /control/surveys`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Surveys {
    /// Whether a post-conversation survey follows the agent closing (for MULTI_DIALOG consumers).
    pub enabled: bool,
}

/// `POST /control/surveys`.
pub(crate) async fn set_surveys(State(state): State<AppState>, Json(s): Json<Surveys>) -> Response {
    state.world.set_surveys(s.enabled);
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /control/accounts/{account}/sign-in` with a [`crate::SignInPolicy`]: which unauthenticated
/// sign-ins the account allows from now on.
pub(crate) async fn set_sign_in(
    Path(account): Path<String>,
    State(state): State<AppState>,
    Json(policy): Json<crate::SignInPolicy>,
) -> Response {
    state.world.set_sign_in_policy(&account, policy);
    StatusCode::NO_CONTENT.into_response()
}

/// Body of `POST /control/brand-token`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BrandUser {
    /// The brand's user name.
    pub user: String,
    /// The account the token is for.
    pub account: String,
}

/// `POST /control/brand-token`: a brand (external) token for a user, valid one hour, to paste into
/// lpchat's settings. What a brand's own login would hand to its chat window.
pub(crate) async fn brand_token(
    State(state): State<AppState>,
    Json(u): Json<BrandUser>,
) -> Response {
    let user = u.user.trim();
    if user.is_empty() || user.len() > 64 {
        return (StatusCode::BAD_REQUEST, "a user name of 1 to 64 characters").into_response();
    }
    let token = state.brand.issue_for(
        &u.account,
        &format!("user:{user}"),
        crate::world::now_ms() / 1000,
        3600,
    );
    Json(serde_json::json!({ "token": token })).into_response()
}

/// `GET /brand`: the brand's sign-in page.
pub(crate) async fn brand_page() -> Response {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(include_str!("brand.html")),
    )
        .into_response()
}

/// Body of `POST /control/sockets/send`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawFrame {
    /// Sent as is: any text, valid JSON or not.
    pub text: String,
}

/// `POST /control/sockets/send`: a text frame, as is, to every signed-in consumer socket (attack tests).
pub(crate) async fn send_raw(State(state): State<AppState>, Json(f): Json<RawFrame>) -> Response {
    state.world.send_raw(f.text);
    StatusCode::NO_CONTENT.into_response()
}
