//! End-to-end harness: the built app (`dist/`, served by the sandbox under a sub-path as on GitHub
//! Pages) in headless Chromium, driven through Debian's chromedriver, against a fresh sandbox on
//! loopback. Every wait is bounded; nothing sleeps for a fixed time.

pub mod axe;
mod browser;
mod control;
pub mod host;
mod page;
pub mod pump;
pub mod traces;

pub use browser::Browser;
pub use control::Control;
pub use page::{ChatPage, Entry};

use lpchat_sandbox::{Config, Running};
use std::{net::SocketAddr, path::PathBuf, time::Duration};

/// The longest any single wait may take.
pub const WAIT: Duration = Duration::from_secs(20);
/// The account every test uses.
pub const ACCOUNT: &str = "12345678";
/// Where the release build is served, as on GitHub Pages.
pub const BASE_PATH: &str = "/lpchat/";

/// Where the release build is: `$LPCHAT_DIST`, or `target/e2e-dist` where `./scripts/test` puts it.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("LPCHAT_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-dist"))
}

/// One test's world: a sandbox serving the app, a browser, and the control API.
pub struct World {
    /// The sandbox.
    pub sandbox: Running,
    /// Its control API.
    pub control: Control,
    /// The page under test.
    pub page: ChatPage,
}

impl World {
    /// Starts a sandbox on a free loopback port and a browser; fails clearly if the app is not built.
    pub async fn start() -> World {
        Self::start_with(&[]).await
    }

    /// The same with extra Chromium arguments (see [`Browser::start_with`]).
    pub async fn start_with(browser_args: &[&str]) -> World {
        Self::start_configured(browser_args, |_| {}).await
    }

    /// The same with the sandbox's configuration adjusted (its address, app and base path are the
    /// world's).
    pub async fn start_configured(
        browser_args: &[&str],
        adjust: impl FnOnce(&mut Config),
    ) -> World {
        let dist = dist_dir();
        assert!(
            dist.join("index.html").is_file(),
            "no built app at {}: run `trunk build --release --public-url {BASE_PATH}` (./scripts/test does)",
            dist.display()
        );
        let mut config = Config::default();
        adjust(&mut config);
        let sandbox = lpchat_sandbox::start(Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            dist: Some(dist),
            base_path: BASE_PATH.into(),
            ..config
        })
        .await
        .expect("the sandbox starts on loopback");
        let control = Control::new(sandbox.origin());
        let browser = Browser::start_with(browser_args).await;
        let page = ChatPage::new(browser);
        World {
            sandbox,
            control,
            page,
        }
    }

    /// The app's URL with the account and this sandbox as the Domain API.
    pub fn app_url(&self) -> String {
        let (origin, csds) = (self.sandbox.origin(), self.sandbox.domain_origin());
        format!("{origin}{BASE_PATH}?account={ACCOUNT}&csds={csds}")
    }

    /// The same, with every interval divided by ten (`timing=fast`, honoured for a loopback sandbox).
    pub fn app_url_fast(&self) -> String {
        format!("{}&timing=fast", self.app_url())
    }

    /// Connects, starts a conversation and returns its id (from the control API).
    pub async fn open_conversation(&self, url: &str) -> String {
        self.page.open(url).await;
        self.page.click("Connect").await;
        self.page.click("Start conversation").await;
        self.page.wait_status("Conversation open").await;
        self.open_conversation_id().await
    }

    /// The id of the open conversation, once the sandbox has it.
    pub async fn open_conversation_id(&self) -> String {
        self.control.open_conversation_id().await
    }

    /// A conversation as a demonstration shows it: messages both ways, the agent (nickname and photo)
    /// sharing a picture and typing, a card and quick replies. Returns the conversation's id.
    pub async fn rich_conversation(&self) -> String {
        let id = self.open_conversation(&self.app_url()).await;
        self.page
            .send_message("Hi! My order #1234 has not arrived yet.")
            .await;
        self.page
            .wait_sent("Hi! My order #1234 has not arrived yet.")
            .await;
        self.control
            .agent_says(&id, "Sorry to hear that! Let me check.")
            .await;
        self.control.agent_receipts(&id, "READ").await;
        self.control.agent_picture(&id).await;
        let card = serde_json::json!({"type": "RichContentEvent", "content": {"type": "vertical", "elements": [
            {"type": "text", "text": "Order #1234 · 2 items", "style": {"bold": true}},
            {"type": "text", "text": "Shipped on Friday, arriving tomorrow", "style": {"size": "small"}},
            {"type": "button", "title": "Track the parcel", "click": {"actions": [{"type": "publishText", "text": "Track it, please"}]}},
            {"type": "button", "title": "Delivery options", "click": {"actions": [{"type": "link", "uri": "https://example.com/delivery"}]}}
        ]}, "quickReplies": {"type": "quickReplies", "replies": [
            {"type": "button", "title": "That helps", "click": {"actions": [{"type": "publishText", "text": "That helps"}]}},
            {"type": "button", "title": "Talk to a person", "click": {"actions": [{"type": "publishText", "text": "Talk to a person"}]}}
        ]}});
        self.control.agent_event(&id, card).await;
        self.control
            .agent_event(
                &id,
                serde_json::json!({"type": "ChatStateEvent", "chatState": "COMPOSING"}),
            )
            .await;
        self.page
            .wait_true(
                                "the card, the quick replies, the picture, the agent and the typing",
                "document.querySelectorAll('.lp-card, .lp-reply').length >= 3 && document.querySelector('.lp-typing').textContent.length > 0 && [...document.querySelectorAll('.lp-file__image, .lp-agent img')].filter(i => i.complete && i.naturalWidth > 0).length >= 2",
            )
            .await;
        id
    }

    /// Closes the browser and the sandbox.
    pub async fn stop(self) {
        self.page.close().await;
        self.sandbox.stop();
    }
}

/// Polls `probe` until it yields a value or `WAIT` passes; panics with `what` on timeout.
pub async fn eventually<T, F, Fut>(what: &str, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    eventually_within(WAIT, what, probe).await
}

/// [`eventually`] with another bound.
pub async fn eventually_within<T, F, Fut>(limit: Duration, what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    eventually_explained(limit, what, || {
        let next = probe();
        async move { next.await.ok_or_else(String::new) }
    })
    .await
}

/// [`eventually_within`] for a probe that says what it saw when it is not yet satisfied: the last
/// such words are in the failure, so a timeout tells where things stood.
pub async fn eventually_explained<T, F, Fut>(limit: Duration, what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    let mut interval = tokio::time::interval(Duration::from_millis(50));
    loop {
        interval.tick().await;
        let seen = match probe().await {
            Ok(v) => return v,
            Err(seen) => seen,
        };
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out after {limit:?} waiting for {what}{}{seen}",
            if seen.is_empty() { "" } else { "; last seen: " }
        );
    }
}
