//! What each address serves: one service's paths on its own port, the brand's side and the app on
//! the main one (docs/SANDBOX.md, "Hosts" and "What it serves").

use crate::{control, domain_api, http_api, swift, ums, AppState, Config, Service};
use axum::{
    routing::{any, get, post},
    Router,
};
use tower_http::{
    cors::{Any, CorsLayer},
    services::{ServeDir, ServeFile},
};

pub(crate) fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers(Any)
}

/// One service's routes: a request for another service's path on its host finds nothing (404).
pub(crate) fn routes(service: Service) -> Router<AppState> {
    let app = Router::new();
    match service {
        Service::Domain => app
            .route(
                "/api/account/{account}/service/{file}",
                get(domain_api::all),
            )
            .route(
                "/api/account/{account}/service/{service}/baseURI.json",
                get(domain_api::one),
            )
            .route(
                "/csdr/account/{account}/service/{file}",
                get(domain_api::all),
            )
            .route(
                "/csdr/account/{account}/service/{service}/{file}",
                get(domain_api::csdr_one),
            ),
        Service::Idp => app
            .route("/api/account/{account}/signup", post(http_api::signup))
            .route(
                "/api/account/{account}/signup.jsonp",
                get(http_api::signup_jsonp),
            )
            .route(
                "/api/account/{account}/authenticate",
                post(http_api::authenticate),
            )
            .route(
                "/api/account/{account}/anonymous/authorize",
                post(http_api::anonymous_authorize),
            )
            .route(
                "/api/account/{account}/app/{connector}/authenticate",
                post(http_api::connector_authenticate),
            ),
        Service::Messaging => app.route(
            "/ws_api/account/{account}/messaging/consumer",
            get(ums::upgrade),
        ),
        Service::Swift => app.route(
            "/v1/{*rest}",
            get(swift::get)
                .put(swift::put)
                .layer(axum::extract::DefaultBodyLimit::max(
                    swift::MAX_FILE_BYTES as usize + 1,
                )),
        ),
        Service::AcCdn => app
            .route(
                "/api/account/{account}/configuration/le-connectors/all-connectors",
                get(http_api::connectors),
            )
            .route(
                "/api/account/{account}/configuration/le-users/users/{agent}",
                get(http_api::agent_profile),
            )
            .route("/agent-photo.png", get(http_api::agent_photo)),
    }
}

/// The main address: the brand's side (agent console, brand sign-in, control API) and the app.
pub(crate) fn main_routes(config: &Config) -> Router<AppState> {
    let mut app = Router::new()
        .route(
            "/control/accounts/{account}/sign-in",
            post(control::set_sign_in),
        )
        .route("/control/brand-token", post(control::brand_token))
        .route("/brand", get(control::brand_page))
        .route("/control/conversations", get(control::list))
        .route(
            "/control/conversations/{id}/messages",
            post(control::post_message),
        )
        .route("/control/conversations/{id}/close", post(control::close))
        .route(
            "/control/conversations/{id}/events",
            post(control::post_event),
        )
        .route(
            "/control/conversations/{id}/receipts",
            post(control::post_receipts),
        )
        .route(
            "/control/conversations/{id}/transfer",
            post(control::transfer),
        )
        .route(
            "/control/faults",
            get(control::get_faults).post(control::set_faults),
        )
        .route("/control/sockets/close", post(control::close_sockets))
        .route("/control/tokens/expire", post(control::expire_tokens))
        .route("/control/surveys", post(control::set_surveys))
        .route("/control/sockets/send", post(control::send_raw))
        .route("/agent", get(control::console))
        .route("/control/file", get(control::file))
        .route(
            "/control/conversations/{id}/picture",
            post(control::post_picture),
        );
    // A service's path on this address is unknown: 404, never the app's page.
    for path in [
        "/api/{*rest}",
        "/csdr/{*rest}",
        "/ws_api/{*rest}",
        "/control/{*rest}",
    ] {
        app = app.route(path, any(not_found));
    }
    if let Some(dist) = &config.dist {
        let files = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
        let base = config.base_path.trim_end_matches('/');
        app = if base.is_empty() {
            app.fallback_service(files)
        } else {
            app.nest_service(base, files)
        };
    }
    app
}

pub(crate) async fn not_found() -> axum::http::StatusCode {
    axum::http::StatusCode::NOT_FOUND
}
