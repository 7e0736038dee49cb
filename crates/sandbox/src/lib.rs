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
mod hosts;
mod http_api;
mod jsonp;
mod jwt;
pub mod replay;
mod routes;
mod swift;
mod ums;
mod world;

pub use control::{
    AgentEvent, AgentMessage, AgentPicture, AgentReceipts, BrandUser, CloseSockets,
    ConversationView, MessageView, RawFrame, ReceiptView, Surveys,
};
pub use faults::{FaultPlan, FaultStats, Faults};
pub use hosts::Service;
pub use jwt::{Signer, TokenError};
pub use world::{CloseScope, SignInPolicy, World};

use hosts::Hosts;

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

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

/// Binds `addr` for `what`; a failure names both (the port that is busy, not only the first one).
async fn listen(addr: SocketAddr, what: &str) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| std::io::Error::new(e.kind(), format!("{addr} (for {what}): {e}")))
}

/// Binds and serves in the background.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let main = listen(config.addr, "the app").await?;
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
            let what = service.name().unwrap_or("the Domain API");
            listeners.push((Some(service), listen(addr, what).await?));
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
            (Some(service), _) => routes::routes(service).fallback(routes::not_found),
            (None, true) => Service::ALL
                .into_iter()
                .fold(routes::main_routes(&config), |app, s| {
                    app.merge(routes::routes(s))
                }),
            (None, false) => routes::main_routes(&config),
        };
        let app = app.with_state(state.clone());
        let app = if config.cors {
            app.layer(routes::cors())
        } else {
            app
        };
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

impl AppState {
    /// The injected latency, if any.
    pub(crate) async fn delay(&self) {
        if let Some(d) = self.faults.latency() {
            tokio::time::sleep(d).await;
        }
    }
}
