//! The control API (for tests and the agent console) and the agent console page itself.

use crate::{world::Refusal, AppState};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};

mod agent;
mod views;

pub use agent::AgentPicture;
pub(crate) use agent::{close, post_event, post_message, post_picture, post_receipts, transfer};

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
