//! Debian's chromedriver and Chromium, headless, with a fresh profile per test.

use fantoccini::{wd::WebDriverCompatibleCommand, Client, ClientBuilder};
use std::{
    net::TcpListener,
    path::PathBuf,
    process::Stdio,
    sync::atomic::{AtomicU32, Ordering},
};
use tokio::process::{Child, Command};

static PROFILE: AtomicU32 = AtomicU32::new(0);

/// A chromedriver process and a WebDriver session on it.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Browser {
    /// Starts chromedriver (`$CHROMEDRIVER` or /usr/bin/chromedriver) and Chromium
    /// (`$CHROMIUM` or /usr/bin/chromium).
    pub async fn start() -> Browser {
        Self::start_with(&[]).await
    }

    /// The same with extra Chromium arguments (a window size, a colour scheme). `mobile=WxH` is not
    /// passed on but emulates a phone of that size (headless windows are at least 500 px wide).
    pub async fn start_with(extra: &[&str]) -> Browser {
        let driver_bin =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = free_port();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_bin}: {e} (./scripts/setup installs chromium-driver)")
            });
        let profile = std::env::temp_dir().join(format!(
            "lpchat-e2e-{}-{}",
            std::process::id(),
            PROFILE.fetch_add(1, Ordering::SeqCst)
        ));
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                                        "--disable-sync", "--enable-precise-memory-info", "--js-flags=--expose-gc",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let mut caps = caps;
        let mobile = extra.iter().find_map(|a| {
            let (w, h) = a.strip_prefix("mobile=")?.split_once('x')?;
            Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?))
        });
        if let Some((width, height)) = mobile {
            caps["goog:chromeOptions"]["mobileEmulation"] = serde_json::json!({
                "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2, "touch": true}
            });
        }
        if let Some(args) = caps["goog:chromeOptions"]["args"].as_array_mut() {
            if !extra.iter().any(|a| a.starts_with("--window-size=")) {
                args.push("--window-size=900,900".into());
            }
            args.extend(
                extra
                    .iter()
                    .filter(|a| !a.starts_with("mobile="))
                    .map(|a| serde_json::Value::from(*a)),
            );
        }
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => unreachable!("a literal object"),
        };
        let url = format!("http://127.0.0.1:{port}");
        let client = crate::eventually("chromedriver to accept a session", || {
            let caps = caps.clone();
            let url = url.clone();
            async move {
                ClientBuilder::rustls()
                    .ok()?
                    .capabilities(caps)
                    .connect(&url)
                    .await
                    .ok()
            }
        })
        .await;
        Browser {
            client,
            driver,
            profile,
        }
    }

    /// Runs a Chrome DevTools Protocol command (chromedriver's `goog/cdp/execute`): network and CPU
    /// throttling, blocked URLs. Returns its result.
    pub async fn cdp(&self, cmd: &'static str, params: serde_json::Value) -> serde_json::Value {
        self.client
            .issue_cmd(Cdp { cmd, params })
            .await
            .unwrap_or_else(|e| panic!("the DevTools command {cmd} failed: {e}"))
    }

    /// Ends the session and the driver, and removes the profile.
    pub async fn close(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A DevTools command as chromedriver takes it.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (hyper::Method, Option<String>) {
        let body = serde_json::json!({"cmd": self.cmd, "params": self.params});
        (hyper::Method::POST, Some(body.to_string()))
    }
}
