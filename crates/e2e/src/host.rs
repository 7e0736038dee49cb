//! A brand's website on another loopback origin than the app's, for `embed.js`: two pages with the
//! snippet (docs/EMBED.md) under the strictest policy the snippet needs (`script-src` and `frame-src`
//! for lpchat's origin, nothing inline), one page without it, and one with a snippet that has no
//! account. Plus the page object's ways into and out of the panel.

use crate::{eventually, ChatPage, ACCOUNT, BASE_PATH};
use axum::{
    extract::{Path, State},
    http::header,
    response::IntoResponse,
    routing::get,
    Router,
};
use fantoccini::Locator;
use std::{net::SocketAddr, sync::Arc};

/// The brand's site, serving until dropped.
pub struct HostSite {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

struct Site {
    /// lpchat's origin (the sandbox serving the release build).
    app: String,
    /// The Domain API the snippet names (`data-csds`).
    csds: String,
}

const STYLE: &str =
    "body { font: 16px/1.5 Georgia, serif; margin: 0; color: #222; background: #faf7f2; }
header { padding: 1rem 2rem; background: #3b2f2f; color: #fff; }
main { max-width: 40rem; padding: 1rem 2rem; }
a { color: #8a3b12; }";

fn page(site: &Site, name: &str) -> String {
    let (title, next, snippet) = match name {
        "plain" => ("Our shop", "one", ""),
        "bare" => ("Our shop", "one", "bare"),
        "two" => ("Opening hours", "one", "full"),
        _ => ("Welcome", "two", "full"),
    };
    let script = match snippet {
        "" => String::new(),
        "bare" => format!("<script src=\"{}{BASE_PATH}embed.js\" async></script>", site.app),
        _ => format!(
            "<script src=\"{}{BASE_PATH}embed.js\" data-account=\"{ACCOUNT}\" data-csds=\"{}\" async></script>",
            site.app, site.csds
        ),
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Acme Coffee: {title}</title>\
         <link rel=\"stylesheet\" href=\"/site.css\"></head><body><header><strong>Acme Coffee</strong></header>\
         <main><h1>{title}</h1><p>Freshly roasted beans, delivered to your door.</p>\
         <p><a href=\"/{next}.html\">Next page</a></p></main>{script}</body></html>"
    )
}

async fn serve_page(State(site): State<Arc<Site>>, Path(file): Path<String>) -> impl IntoResponse {
    if file == "site.css" {
        return ([(header::CONTENT_TYPE, "text/css")], STYLE.to_owned()).into_response();
    }
    let name = file.trim_end_matches(".html");
    let policy = format!(
        "default-src 'self'; script-src 'self' {app}; frame-src {app}",
        app = site.app
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
            (header::CONTENT_SECURITY_POLICY, policy),
        ],
        page(&site, name),
    )
        .into_response()
}

impl HostSite {
    /// Serves the site on a free loopback port; `app` is lpchat's origin, `csds` the Domain API.
    pub async fn start(app: String, csds: String) -> HostSite {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("a loopback port for the brand's site");
        let addr = listener.local_addr().expect("its address");
        let router = Router::new()
            .route("/{file}", get(serve_page))
            .with_state(Arc::new(Site { app, csds }));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        HostSite { addr, task }
    }

    /// The address of one of its pages: `one`, `two` (both with the snippet), `plain` (without it)
    /// or `bare` (the snippet without an account).
    pub fn url(&self, page: &str) -> String {
        format!("http://{}/{page}.html", self.addr)
    }

    /// The site's origin.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for HostSite {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// In the brand's page: the launcher, its badge and the panel, inside embed.js' shadow root.
pub const LAUNCHER: &str =
    "document.querySelector('[data-lpchat]').shadowRoot.querySelector('.launcher')";
/// The panel (a dialog holding the app's frame).
pub const PANEL: &str =
    "document.querySelector('[data-lpchat]').shadowRoot.querySelector('.panel')";

impl ChatPage {
    /// Works inside the panel's frame (the app) from now on; waits for the app to render.
    pub async fn enter_panel(&self) {
        let client = &self.browser.client;
        let host = eventually("embed.js' launcher", || async {
            client.find(Locator::Css("[data-lpchat]")).await.ok()
        })
        .await;
        let frame = eventually("the panel's frame", || {
            let host = host.clone();
            async move {
                let root = host.shadow_root().await.ok()?;
                root.find(Locator::Css(".panel iframe")).await.ok()
            }
        })
        .await;
        frame.enter_frame().await.expect("into the panel's frame");
        self.rendered().await;
    }

    /// Works in the brand's page again.
    pub async fn leave_panel(&self) {
        self.browser
            .client
            .enter_parent_frame()
            .await
            .expect("back to the brand's page");
    }

    /// In the brand's page: the launcher's accessible name, its badge (empty when hidden) and
    /// whether the panel is open, once `ready` (a JavaScript condition on them, with `launcher`,
    /// `badge` and `panel` bound) holds.
    pub async fn wait_launcher(&self, what: &str, ready: &str) -> (String, String, bool) {
        let js = format!(
            "const launcher = {LAUNCHER}, panel = {PANEL}; if (!launcher) return null; \
             const badge = launcher.querySelector('.badge'); \
             return ({ready}) ? [launcher.getAttribute('aria-label'), badge.hidden ? '' : badge.textContent, panel.classList.contains('open')] : null;"
        );
        let found = eventually(what, || async {
            Some(self.script(&js).await).filter(|v| !v.is_null())
        })
        .await;
        (
            found[0].as_str().unwrap_or_default().to_owned(),
            found[1].as_str().unwrap_or_default().to_owned(),
            found[2].as_bool().unwrap_or_default(),
        )
    }

    /// Clicks the launcher (a real click, through WebDriver).
    pub async fn click_launcher(&self) {
        let client = &self.browser.client;
        let host = client
            .find(Locator::Css("[data-lpchat]"))
            .await
            .expect("embed.js' element");
        let root = host.shadow_root().await.expect("its shadow root");
        let launcher = root
            .find(Locator::Css("button.launcher"))
            .await
            .expect("the launcher");
        launcher
            .click()
            .await
            .expect("the launcher takes the click");
    }
}
