//! The first second on a slow connection: headless Chromium throttled through the DevTools protocol
//! (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, CPU slowed 4×, cache off), each run a fresh
//! navigation to the app. Timed from the navigation's start: the first contentful paint (the static
//! first screen of index.html) and `lpchat:interactive` (the app's first screen rendered, Connect
//! usable), both from the page's own Performance timeline.

use lpchat_e2e::{dist_dir, eventually_within, Browser, ChatPage};
use lpchat_sandbox::{start, Config};
use serde_json::json;
use std::{net::SocketAddr, time::Duration};

/// Navigations measured (the median is reported).
pub const RUNS: usize = 3;

pub struct FirstSecond {
    /// Median first contentful paint, ms.
    pub paint: f64,
    /// Median time to a usable Connect, ms.
    pub interactive: f64,
    /// The bytes the app's files weigh as the sandbox serves them (uncompressed).
    pub served_bytes: u64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn served_bytes() -> u64 {
    std::fs::read_dir(dist_dir())
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    !name.starts_with("jsonp") // loaded only where CORS refuses
                })
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

pub async fn measure() -> FirstSecond {
    let sandbox = start(Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        dist: Some(dist_dir()),
        base_path: "/lpchat/".into(),
        ..Config::default()
    })
    .await
    .expect("sandbox");
    let url = format!("{}/lpchat/", sandbox.origin());
    let page = ChatPage::new(Browser::start().await);
    page.cdp("Network.enable", json!({})).await;
    page.cdp("Network.setCacheDisabled", json!({"cacheDisabled": true}))
        .await;
    page.cdp(
        "Network.emulateNetworkConditions",
        json!({"offline": false, "latency": 150, "downloadThroughput": 200_000,
               "uploadThroughput": 93_750}),
    )
    .await;
    page.cdp("Emulation.setCPUThrottlingRate", json!({"rate": 4}))
        .await;
    let (mut paints, mut usable) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        page.navigate(&url).await;
        let times = eventually_within(Duration::from_secs(60), "lpchat:interactive", || async {
            let t = page
                .script(
                    "const p = performance.getEntriesByName('first-contentful-paint')[0]; \
                     const i = performance.getEntriesByName('lpchat:interactive')[0]; \
                     return p && i ? [p.startTime, i.startTime] : null;",
                )
                .await;
            Some((t[0].as_f64()?, t[1].as_f64()?))
        })
        .await;
        println!(
            "bench: first second: paint {:.0} ms, Connect usable {:.0} ms",
            times.0, times.1
        );
        paints.push(times.0);
        usable.push(times.1);
    }
    page.close().await;
    sandbox.stop();
    FirstSecond {
        paint: median(paints),
        interactive: median(usable),
        served_bytes: served_bytes(),
    }
}
