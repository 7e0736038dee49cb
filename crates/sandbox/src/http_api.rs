//! The HTTP side of LivePerson the consumer needs: the Domain API (CSDS) and idp signup.

use crate::{world::now_ms, AppState};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use lpchat_wire::{BaseUri, DomainApiResponse, SignupResponse};
use serde::Deserialize;

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
