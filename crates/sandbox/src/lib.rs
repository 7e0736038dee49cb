//! `lpchat-sandbox`: a local stand-in for LivePerson's consumer messaging service.
//!
//! It serves the Domain API, idp signup, the consumer UMS WebSocket, an agent console at `/agent`, a
//! JSON control API under `/control`, and optionally the built app. It behaves like LivePerson where
//! the documentation says so (PROTOCOL.md), never more kindly. See `docs/SANDBOX.md`.

mod agent_side;
mod control;
mod conversation;
mod faults;
mod http_api;
mod jwt;
mod swift;
mod ums;
mod world;

pub use control::{
    AgentEvent, AgentMessage, AgentPicture, AgentReceipts, BrandUser, CloseSockets,
    ConversationView, MessageView, RawFrame, ReceiptView, Surveys,
};
pub use faults::{FaultPlan, FaultStats, Faults};
pub use jwt::{Signer, TokenError};
pub use world::{CloseScope, SignInPolicy, World};

use axum::{
    routing::{any, get, post},
    Router,
};
use std::{net::SocketAddr, path::PathBuf, sync::Arc};
use tower_http::{
    cors::{Any, CorsLayer},
    services::{ServeDir, ServeFile},
};

/// How to run the sandbox.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen (loopback by default).
    pub addr: SocketAddr,
    /// A built app (`dist/`) to serve, if any.
    pub dist: Option<PathBuf>,
    /// The path the app is served under (`/` or `/lpchat/`).
    pub base_path: String,
    /// Faults to inject from the start.
    pub faults: FaultPlan,
    /// A post-conversation survey follows the agent closing, for consumers that declare MULTI_DIALOG.
    pub surveys: bool,
    /// Consumer sockets open at once; more are refused with HTTP 503.
    pub max_connections: usize,
    /// Demo behaviour: a published ContentEvent carries its request metadata (an ExternalId) when it
    /// is echoed and replayed. Off by default, strict: LivePerson's documents show no such echo.
    pub echo_metadata: bool,
    /// Requests one consumer socket may send per second (a bucket that holds as many); more are
    /// answered 429 "Too many requests". LivePerson caps requests without documenting the number
    /// (PROTOCOL.md §7); 0 turns the limit off.
    pub requests_per_second: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8787)),
            dist: None,
            base_path: "/".into(),
            faults: FaultPlan::default(),
            surveys: false,
            max_connections: 1024,
            echo_metadata: false,
            requests_per_second: 40,
        }
    }
}

#[derive(Clone)]
pub(crate) struct AppState {
    world: World,
    faults: Faults,
    signer: Arc<Signer>,
    /// Signs the brand's (external) tokens for `/authenticate`.
    brand: Arc<Signer>,
    /// Signs the external tokens of `anonymous/authorize` (PROTOCOL.md §2.3).
    anonymous: Arc<Signer>,
    /// One permit per open consumer socket.
    connections: Arc<tokio::sync::Semaphore>,
    /// `host:port` the Domain API hands out.
    public_host: String,
    /// See [`Config::echo_metadata`].
    pub(crate) echo_metadata: bool,
    /// See [`Config::requests_per_second`].
    pub(crate) requests_per_second: u32,
}

/// A running sandbox.
pub struct Running {
    /// The bound address.
    pub addr: SocketAddr,
    /// Its state (tests may inspect it).
    pub world: World,
    /// Its fault plan.
    pub faults: Faults,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// `http://127.0.0.1:port`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops serving.
    pub fn stop(self) {
        self.task.abort();
    }
}

/// Binds and serves in the background.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let world = World::new();
    world.set_surveys(config.surveys);
    let faults = Faults::new(config.faults.clone());
    let state = AppState {
        world: world.clone(),
        faults: faults.clone(),
        signer: Arc::new(Signer::new()),
        brand: Arc::new(Signer::new()),
        anonymous: Arc::new(Signer::new()),
        connections: Arc::new(tokio::sync::Semaphore::new(config.max_connections)),
        public_host: addr.to_string(),
        echo_metadata: config.echo_metadata,
        requests_per_second: config.requests_per_second,
    };
    let app = router(state, &config);
    // Small frames written back to back (a response, then a notification) must not wait for the
    // peer's delayed ACK (Nagle's algorithm): LivePerson's edge answers promptly, so must we.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(Running {
        addr,
        world,
        faults,
        task,
    })
}

fn router(state: AppState, config: &Config) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers(Any);
    let mut app = Router::new()
        .route(
            "/api/account/{account}/service/baseURI.json",
            get(http_api::domains),
        )
        .route("/api/account/{account}/signup", post(http_api::signup))
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
        )
        .route(
            "/api/account/{account}/configuration/le-connectors/all-connectors",
            get(http_api::connectors),
        )
        .route(
            "/control/accounts/{account}/sign-in",
            post(control::set_sign_in),
        )
        .route("/control/brand-token", post(control::brand_token))
        .route("/brand", get(control::brand_page))
        .route(
            "/ws_api/account/{account}/messaging/consumer",
            get(ums::upgrade),
        )
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
        .route(
            "/v1/{*rest}",
            get(swift::get)
                .put(swift::put)
                .layer(axum::extract::DefaultBodyLimit::max(
                    swift::MAX_FILE_BYTES as usize + 1,
                )),
        )
        .route(
            "/api/account/{account}/configuration/le-users/users/{agent}",
            get(http_api::agent_profile),
        )
        .route("/agent-photo.png", get(http_api::agent_photo))
        .route("/control/file", get(control::file))
        .route(
            "/control/conversations/{id}/picture",
            post(control::post_picture),
        )
        // Any other path of the services is unknown: 404, never the app's page.
        .route("/api/{*rest}", any(not_found))
        .route("/ws_api/{*rest}", any(not_found))
        .route("/control/{*rest}", any(not_found))
        .with_state(state)
        .layer(cors);
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

async fn not_found() -> axum::http::StatusCode {
    axum::http::StatusCode::NOT_FOUND
}

impl AppState {
    /// The injected latency, if any.
    pub(crate) async fn delay(&self) {
        if let Some(d) = self.faults.latency() {
            tokio::time::sleep(d).await;
        }
    }
}
