//! The HTTP side of LivePerson the consumer needs: the Domain API (CSDS) and idp signup.

use crate::{world::now_ms, AppState};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use lpchat_wire::{AuthenticateRequest, BaseUri, DomainApiResponse, SignupResponse};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// How long a signup identity lives.
const TOKEN_LIFETIME_S: i64 = 24 * 3600;

/// Services the Domain API lists; all are this sandbox.
const SERVICES: [&str; 5] = [
    "asyncMessagingEnt",
    "idp",
    "acCdnDomain",
    "swift",
    "liveEngageUI",
];

#[derive(Deserialize)]
pub(crate) struct VersionQuery {
    version: Option<String>,
}

fn valid_account(account: &str) -> bool {
    !account.is_empty() && account.len() <= 20 && account.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `GET /api/account/{account}/service/baseURI.json?version=1.0`.
pub(crate) async fn domains(
    Path(account): Path<String>,
    Query(q): Query<VersionQuery>,
    State(state): State<AppState>,
) -> Response {
    state.delay().await;
    if let Some(status) = state.faults.fail_domain_api() {
        return fault_status(status);
    }
    if q.version.as_deref() != Some("1.0") {
        return (StatusCode::BAD_REQUEST, "version=1.0 is required").into_response();
    }
    if !valid_account(&account) {
        return (StatusCode::UNAUTHORIZED, "invalid site").into_response();
    }
    let base_uris = SERVICES
        .iter()
        .map(|service| BaseUri {
            service: (*service).into(),
            account: Some(account.clone()),
            base_uri: state.public_host.clone(),
        })
        .collect();
    Json(DomainApiResponse { base_uris }).into_response()
}

/// `POST /api/account/{account}/signup`: a new consumer identity.
pub(crate) async fn signup(Path(account): Path<String>, State(state): State<AppState>) -> Response {
    state.delay().await;
    if let Some(status) = state.faults.fail_signup() {
        return fault_status(status);
    }
    if !valid_account(&account) {
        return (StatusCode::UNAUTHORIZED, "invalid site").into_response();
    }
    let (jwt, _sub) = state
        .signer
        .issue(&account, now_ms() / 1000, TOKEN_LIFETIME_S);
    Json(SignupResponse { jwt }).into_response()
}

fn fault_status(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, "injected failure").into_response()
}

/// `POST /api/account/{account}/authenticate` `{"authCode": …}` (PROTOCOL.md §2.2): a brand token from
/// this sandbox's brand sign-in (`/brand`) becomes a consumer JWT whose `sub` is the same for the same
/// brand user every time (64 hex characters, like LivePerson's), so their conversations follow them.
pub(crate) async fn authenticate(
    Path(account): Path<String>,
    State(state): State<AppState>,
    body: Option<Json<AuthenticateRequest>>,
) -> Response {
    state.delay().await;
    let Some(Json(request)) = body else {
        return (StatusCode::BAD_REQUEST, "authCode is required").into_response();
    };
    let now_s = now_ms() / 1000;
    match state.brand.verify(&request.auth_code, &account, now_s) {
        Ok(claims) => {
            let digest = Sha256::digest(format!("{account}:{}", claims.sub).as_bytes());
            let sub: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            let exp = claims.exp.unwrap_or(now_s + TOKEN_LIFETIME_S);
            let jwt = state
                .signer
                .issue_for(&account, &sub, now_s, (exp - now_s).max(1));
            Json(SignupResponse { jwt }).into_response()
        }
        Err(_) => (StatusCode::UNAUTHORIZED, "the brand token was not accepted").into_response(),
    }
}

/// Nicknames of the sandbox's agents, picked by agent id.
const NICKNAMES: [(&str, &str); 4] = [
    ("Ada", "Ada Lovelace"),
    ("Grace", "Grace Hopper"),
    ("Alan", "Alan Turing"),
    ("Edsger", "Edsger Dijkstra"),
];

/// `GET /api/account/{account}/configuration/le-users/users/{agent}` on the `acCdnDomain` host
/// (PROTOCOL.md §5.10, fixture 82): an agent's public profile; 404 for anyone who is not an agent
/// of a conversation here.
pub(crate) async fn agent_profile(
    Path((account, agent)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Response {
    state.delay().await;
    if !valid_account(&account) || !state.world.is_agent(&agent) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let pick = agent.bytes().map(usize::from).sum::<usize>() % NICKNAMES.len();
    let (nickname, full_name) = NICKNAMES[pick];
    Json(lpchat_wire::AgentProfile {
        nickname: Some(nickname.into()),
        full_name: Some(full_name.into()),
        picture_url: Some(format!("http://{}/agent-photo.png", state.public_host)),
        employee_id: Some(format!("sandbox-{pick}")),
    })
    .into_response()
}

/// `GET /agent-photo.png`: every sandbox agent's picture.
pub(crate) async fn agent_photo() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "image/png")],
        crate::swift::AGENT_PHOTO,
    )
        .into_response()
}
