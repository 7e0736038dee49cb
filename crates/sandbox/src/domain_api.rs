//! The Domain API (CSDS, PROTOCOL.md §1.1) in every form LivePerson's clients use: all services
//! (`baseURI.json`, or `baseURI` asking for JSON), one service, the old `csdr` paths, and the JSONP
//! form of one service for pages that cannot read a cross-origin answer.

use crate::{jsonp, AppState};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use lpchat_wire::{csdr, BaseUri, DomainApiResponse};
use serde::Deserialize;

/// Services the Domain API lists.
const SERVICES: [&str; 5] = [
    "asyncMessagingEnt",
    "idp",
    "acCdnDomain",
    "swift",
    "liveEngageUI",
];

#[derive(Deserialize)]
pub(crate) struct DomainQuery {
    version: Option<String>,
    cb: Option<String>,
}

/// Why a Domain API request is not answered: a fault, no `version=1.0`, an account that is not one.
async fn refused(state: &AppState, account: &str, q: &DomainQuery) -> Option<Response> {
    state.delay().await;
    if let Some(status) = state.faults.fail_domain_api() {
        return Some(crate::http_api::fault_status(status));
    }
    if q.version.as_deref() != Some("1.0") {
        return Some((StatusCode::BAD_REQUEST, "version=1.0 is required").into_response());
    }
    if !crate::http_api::valid_account(account) {
        return Some((StatusCode::UNAUTHORIZED, "invalid site").into_response());
    }
    None
}

fn base_uri(state: &AppState, account: &str, service: &str) -> Option<BaseUri> {
    Some(BaseUri {
        service: SERVICES.contains(&service).then(|| service.to_owned())?,
        account: Some(account.to_owned()),
        base_uri: state.hosts.by_name(service)?,
    })
}

/// `GET /api/account/{a}/service/baseURI.json?version=1.0` (and `/csdr/…`; `baseURI` without the
/// extension answers JSON to a request that accepts it): every service.
pub(crate) async fn all(
    Path((account, file)): Path<(String, String)>,
    Query(q): Query<DomainQuery>,
    headers: HeaderMap,
    State(state): State<AppState>,
) -> Response {
    let accepts_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    match file.as_str() {
        "baseURI.json" => {}
        "baseURI" if accepts_json => {}
        "baseURI" => return StatusCode::NOT_ACCEPTABLE.into_response(),
        _ => return StatusCode::NOT_FOUND.into_response(),
    }
    if let Some(refused) = refused(&state, &account, &q).await {
        return refused;
    }
    let base_uris = SERVICES
        .iter()
        .filter_map(|service| base_uri(&state, &account, service))
        .collect();
    Json(DomainApiResponse { base_uris }).into_response()
}

/// `GET /api/account/{a}/service/{service}/baseURI.json?version=1.0`: one service, 404 for a name
/// the account does not have (names are case-sensitive).
pub(crate) async fn one(
    Path((account, service)): Path<(String, String)>,
    Query(q): Query<DomainQuery>,
    State(state): State<AppState>,
) -> Response {
    if let Some(refused) = refused(&state, &account, &q).await {
        return refused;
    }
    match base_uri(&state, &account, &service) {
        Some(one) => Json(one).into_response(),
        None => (StatusCode::NOT_FOUND, "no such service").into_response(),
    }
}

/// `GET /csdr/account/{a}/service/{service}/baseURI.json?version=1.0`, or `…/baseURI.lpCsds?version=1.0&cb=fn`:
/// `fn({"ResultSet":{"lpData":[{"lpServer":host}]}});`. A service the account does not have answers
/// an empty `lpData` (the JSONP form has no status a script could read).
pub(crate) async fn csdr_one(
    Path((account, service, file)): Path<(String, String, String)>,
    Query(q): Query<DomainQuery>,
    State(state): State<AppState>,
) -> Response {
    match file.as_str() {
        "baseURI.json" => return one(Path((account, service)), Query(q), State(state)).await,
        "baseURI.lpCsds" => {}
        _ => return StatusCode::NOT_FOUND.into_response(),
    }
    if let Some(refused) = refused(&state, &account, &q).await {
        return refused;
    }
    let answer = match base_uri(&state, &account, &service) {
        Some(one) => csdr::answer(&one.base_uri),
        None => serde_json::json!({"ResultSet": {"lpData": []}}),
    };
    jsonp::answer(q.cb.as_deref(), &answer)
}
