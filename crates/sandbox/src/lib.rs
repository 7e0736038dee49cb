//! `lpchat-sandbox`: a local stand-in for LivePerson's consumer messaging service.
//!
//! It serves the Domain API, the idp's sign-ins, the consumer UMS WebSocket, file storage (swift), the
//! agents' profiles (acCdnDomain), each on a loopback port of its own as LivePerson's services are
//! hosts of their own, and on the main port an agent console at `/agent`, a JSON control API under
//! `/control` and optionally the built app. It behaves like LivePerson where the documentation says so
//! (PROTOCOL.md), never more kindly. See `docs/SANDBOX.md`.

mod agent_side;
mod control;
mod conversation;
mod domain_api;
mod faults;
mod http_api;
mod jsonp;
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
    /// Demo behaviour, kinder than LivePerson documents it: a published ContentEvent carries its
    /// request metadata (an ExternalId) when it is echoed and replayed. Off by default (strict), as in
    /// every test; `--demo`. docs/SANDBOX.md, "Strict and demo".
    pub demo: bool,
    /// CORS headers on the HTTP services (on by default). Off, a page on another origin cannot read
    /// their answers and must use the JSONP forms (PROTOCOL.md §1.4); `--no-cors`.
    pub cors: bool,
    /// Every service on the main address (the sandbox's own protocol tests); by default each service
    /// is on a port of its own.
    pub one_port: bool,
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
            demo: false,
            cors: true,
            one_port: false,
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
    /// `host:port` of each service, as the Domain API hands them out.
    hosts: Arc<Hosts>,
    /// See [`Config::demo`].
    pub(crate) demo: bool,
    /// See [`Config::requests_per_second`].
    pub(crate) requests_per_second: u32,
}

/// A service LivePerson hosts on a host of its own (PROTOCOL.md §1.3), and the Domain API itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// The Domain API (CSDS).
    Domain,
    /// `idp`: the consumer's sign-ins.
    Idp,
    /// `asyncMessagingEnt`: the consumer WebSocket.
    Messaging,
    /// `swift`: shared files.
    Swift,
    /// `acCdnDomain`: agents' profiles and the account's connectors.
    AcCdn,
}

impl Service {
    /// All of them, in the order their ports follow the main one.
    pub const ALL: [Service; 5] = [
        Service::Domain,
        Service::Idp,
        Service::Messaging,
        Service::Swift,
        Service::AcCdn,
    ];

    /// The name the Domain API lists it under (none for the Domain API itself).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Service::Domain => None,
            Service::Idp => Some("idp"),
            Service::Messaging => Some("asyncMessagingEnt"),
            Service::Swift => Some("swift"),
            Service::AcCdn => Some("acCdnDomain"),
        }
    }
}

/// `host:port` of the main address and of each service.
#[derive(Debug, Clone)]
pub(crate) struct Hosts {
    main: SocketAddr,
    services: Vec<(Service, SocketAddr)>,
}

impl Hosts {
    /// Where a service listens.
    fn addr(&self, service: Service) -> SocketAddr {
        self.services
            .iter()
            .find(|(s, _)| *s == service)
            .map_or(self.main, |(_, a)| *a)
    }

    /// `host:port` of a service named as the Domain API names it (`liveEngageUI`: the main address).
    pub(crate) fn by_name(&self, name: &str) -> Option<String> {
        if name == "liveEngageUI" {
            return Some(self.main.to_string());
        }
        Service::ALL
            .into_iter()
            .find(|s| s.name() == Some(name))
            .map(|s| self.addr(s).to_string())
    }

    /// `host:port` of one service.
    pub(crate) fn host(&self, service: Service) -> String {
        self.addr(service).to_string()
    }
}

/// A running sandbox.
pub struct Running {
    /// The main address: the app, the agent console, the control API.
    pub addr: SocketAddr,
    /// Its state (tests may inspect it).
    pub world: World,
    /// Its fault plan.
    pub faults: Faults,
    hosts: Hosts,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// `http://127.0.0.1:port` of the main address.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Where a service listens (the main address with [`Config::one_port`]).
    pub fn service_addr(&self, service: Service) -> SocketAddr {
        self.hosts.addr(service)
    }

    /// `http://127.0.0.1:port` of the Domain API: what the app's `csds` is.
    pub fn domain_origin(&self) -> String {
        format!("http://{}", self.service_addr(Service::Domain))
    }

    /// Stops serving.
    pub fn stop(self) {
        for task in self.tasks {
            task.abort();
        }
    }
}

/// Binds and serves in the background.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let main = tokio::net::TcpListener::bind(config.addr).await?;
    let main_addr = main.local_addr()?;
    let mut listeners = vec![(None, main)];
    if !config.one_port {
        // Ports of their own: the ones after the main port, or any free ones when it was.
        for (service, offset) in Service::ALL.into_iter().zip(1u16..) {
            let port = match config.addr.port() {
                0 => 0,
                p => p.saturating_add(offset),
            };
            let addr = SocketAddr::new(config.addr.ip(), port);
            listeners.push((Some(service), tokio::net::TcpListener::bind(addr).await?));
        }
    }
    let mut services = Vec::new();
    for (service, listener) in &listeners {
        if let Some(service) = service {
            services.push((*service, listener.local_addr()?));
        }
    }
    let hosts = Hosts {
        main: main_addr,
        services,
    };
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
        hosts: Arc::new(hosts.clone()),
        demo: config.demo,
        requests_per_second: config.requests_per_second,
    };
    let mut tasks = Vec::new();
    for (service, listener) in listeners {
        let app = match (service, config.one_port) {
            // Any other path on a service's host is unknown: 404.
            (Some(service), _) => routes(service).fallback(not_found),
            (None, true) => Service::ALL
                .into_iter()
                .fold(main_routes(&config), |app, s| app.merge(routes(s))),
            (None, false) => main_routes(&config),
        };
        let app = app.with_state(state.clone());
        let app = if config.cors { app.layer(cors()) } else { app };
        // Small frames written back to back (a response, then a notification) must not wait for
        // the peer's delayed ACK (Nagle's algorithm): LivePerson's edge answers promptly, so must we.
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        tasks.push(tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        }));
    }
    Ok(Running {
        addr: main_addr,
        world,
        faults,
        hosts,
        tasks,
    })
}

fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers(Any)
}

/// One service's routes: a request for another service's path on its host finds nothing (404).
fn routes(service: Service) -> Router<AppState> {
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
fn main_routes(config: &Config) -> Router<AppState> {
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
