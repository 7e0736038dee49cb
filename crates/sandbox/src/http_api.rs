//! The HTTP side of LivePerson the consumer needs: the Domain API (CSDS), the idp's sign-ins
//! (signup, the unauthenticated connector flow, the brand's authenticate) and agents' profiles.

use crate::{world::now_ms, AppState};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use lpchat_wire::{
    connectors, AuthenticateRequest, IdTokenRequest, SignupResponse, TokenResponse,
    UNAUTH_JS_METHOD,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// How long a signup identity lives.
const TOKEN_LIFETIME_S: i64 = 24 * 3600;

pub(crate) fn valid_account(account: &str) -> bool {
    !account.is_empty() && account.len() <= 20 && account.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `POST /api/account/{account}/signup`: a new consumer identity.
pub(crate) async fn signup(Path(account): Path<String>, State(state): State<AppState>) -> Response {
    match new_consumer(&account, &state).await {
        Ok(jwt) => Json(SignupResponse { jwt }).into_response(),
        Err(refused) => refused,
    }
}

#[derive(Deserialize)]
pub(crate) struct CallbackQuery {
    callback: Option<String>,
}

/// `GET /api/account/{account}/signup.jsonp?callback=fn` (PROTOCOL.md §2.1): the same as `/signup`,
/// as `fn({"jwt": …});`.
pub(crate) async fn signup_jsonp(
    Path(account): Path<String>,
    Query(q): Query<CallbackQuery>,
    State(state): State<AppState>,
) -> Response {
    match new_consumer(&account, &state).await {
        Ok(jwt) => match serde_json::to_value(SignupResponse { jwt }) {
            Ok(answer) => crate::jsonp::answer(q.callback.as_deref(), &answer),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        Err(refused) => refused,
    }
}

/// A signup identity's token, or why the account refuses one.
async fn new_consumer(account: &str, state: &AppState) -> Result<String, Response> {
    state.delay().await;
    if let Some(status) = state.faults.fail_signup() {
        return Err(fault_status(status));
    }
    if !valid_account(account) {
        return Err((StatusCode::UNAUTHORIZED, "invalid site").into_response());
    }
    if !state.world.sign_in_policy(account).signup {
        return Err((
            StatusCode::FORBIDDEN,
            "signup is not enabled for this account",
        )
            .into_response());
    }
    let (jwt, _sub) = state
        .signer
        .issue(account, now_ms() / 1000, TOKEN_LIFETIME_S);
    Ok(jwt)
}

pub(crate) fn fault_status(status: u16) -> Response {
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
        picture_url: Some(format!(
            "http://{}/agent-photo.png",
            state.hosts.host(crate::Service::AcCdn)
        )),
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

/// The id of every account's unauthenticated messaging connector here.
const UNAUTH_CONNECTOR_ID: u64 = 2;
/// How long an external token of `anonymous/authorize` lives (PROTOCOL.md §2.3: 10 minutes).
const EXTERNAL_LIFETIME_S: i64 = 600;
/// How long an external token can be refreshed (§2.3: 730 hours).
const EXTERNAL_REFRESH_S: i64 = 730 * 3600;

/// `GET /api/account/{account}/configuration/le-connectors/all-connectors` on the `acCdnDomain` host
/// (PROTOCOL.md §2.3): the brand's authentication connector and, where the account allows it, the
/// unauthenticated messaging connector.
pub(crate) async fn connectors(
    Path(account): Path<String>,
    State(state): State<AppState>,
) -> Response {
    state.delay().await;
    if !valid_account(&account) {
        return StatusCode::NOT_FOUND.into_response();
    }
    // The brand's authentication connector, then the unauthenticated one, ids as numbers.
    let mut list = vec![connectors::entry(1, "LPJsMethodName")];
    if state.world.sign_in_policy(&account).unauthenticated {
        list.push(connectors::entry(UNAUTH_CONNECTOR_ID, UNAUTH_JS_METHOD));
    }
    Json(list).into_response()
}

/// The JSON body of an idp request, which must say it is JSON (§2.3: "JSON content type").
fn json_body(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<IdTokenRequest, (StatusCode, &'static str)> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "JSON content type required",
        ));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(IdTokenRequest::default());
    }
    serde_json::from_slice(body).map_err(|_| (StatusCode::BAD_REQUEST, "not the JSON expected"))
}

/// `POST /api/account/{account}/anonymous/authorize` (§2.3, step 1): an external token for a new
/// anonymous consumer, or, given an earlier one (`{"id_token"}`, at most 730 hours old), a fresh one
/// for the same consumer.
pub(crate) async fn anonymous_authorize(
    Path(account): Path<String>,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    state.delay().await;
    if !valid_account(&account) || !state.world.sign_in_policy(&account).unauthenticated {
        return (
            StatusCode::FORBIDDEN,
            "unauthenticated messaging is not enabled",
        )
            .into_response();
    }
    let request = match json_body(&headers, &body) {
        Ok(r) => r,
        Err(refused) => return refused.into_response(),
    };
    let now_s = now_ms() / 1000;
    let sub = match request.id_token {
        None => uuid::Uuid::new_v4().to_string(),
        Some(earlier) => {
            match state
                .anonymous
                .verify_refreshable(&earlier, &account, now_s, EXTERNAL_REFRESH_S)
            {
                Ok(claims) => claims.sub,
                Err(_) => {
                    return (StatusCode::UNAUTHORIZED, "the token cannot be refreshed")
                        .into_response()
                }
            }
        }
    };
    let token = state
        .anonymous
        .issue_for(&account, &sub, now_s, EXTERNAL_LIFETIME_S);
    Json(TokenResponse { token }).into_response()
}

#[derive(Deserialize)]
pub(crate) struct ApiVersion {
    v: Option<String>,
}

/// `POST /api/account/{account}/app/{connector}/authenticate?v=3.0` `{"id_token"}` (§2.3, step 2):
/// a valid external token of this account becomes the consumer's token (field `token`), whose `sub`
/// follows the external token's, so a refreshed consumer keeps their conversations.
pub(crate) async fn connector_authenticate(
    Path((account, connector)): Path<(String, String)>,
    Query(q): Query<ApiVersion>,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    state.delay().await;
    if q.v.as_deref() != Some("3.0") {
        return (StatusCode::BAD_REQUEST, "v=3.0 is required").into_response();
    }
    let policy = state.world.sign_in_policy(&account);
    if !valid_account(&account)
        || !policy.unauthenticated
        || connector != UNAUTH_CONNECTOR_ID.to_string()
    {
        return (
            StatusCode::UNAUTHORIZED,
            "no such unauthenticated connector",
        )
            .into_response();
    }
    let external = match json_body(&headers, &body) {
        Ok(IdTokenRequest { id_token: Some(t) }) => t,
        Ok(_) => return (StatusCode::BAD_REQUEST, "id_token is required").into_response(),
        Err(refused) => return refused.into_response(),
    };
    let now_s = now_ms() / 1000;
    match state.anonymous.verify(&external, &account, now_s) {
        Ok(claims) => {
            let token = state
                .signer
                .issue_for(&account, &claims.sub, now_s, TOKEN_LIFETIME_S);
            Json(TokenResponse { token }).into_response()
        }
        Err(_) => (
            StatusCode::UNAUTHORIZED,
            "the external token was not accepted",
        )
            .into_response(),
    }
}
