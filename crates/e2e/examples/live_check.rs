//! `./scripts/live-check <account>`: the main journey against the real LivePerson, when this machine
//! can reach it. The app (release build) is served on 127.0.0.1 and uses LivePerson's own Domain API.
//! Exit codes: 0 the journey worked, 1 it failed (with the app's own words), 2 LivePerson unreachable.

use lpchat_e2e::{dist_dir, ChatPage};
use std::{net::SocketAddr, process::ExitCode, time::Duration};

const CSDS_HOST: &str = "api.liveperson.net:443";

async fn reachable() -> Result<(), String> {
    let connect = tokio::net::TcpStream::connect(CSDS_HOST);
    match tokio::time::timeout(Duration::from_secs(10), connect).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("no answer within 10 s".into()),
    }
}

/// Waits for one of the statuses, or for an alert; returns what was seen.
async fn settle(page: &ChatPage, wanted: &[&str], limit: Duration) -> Result<String, String> {
    let deadline = tokio::time::Instant::now() + limit;
    let mut interval = tokio::time::interval(Duration::from_millis(200));
    loop {
        interval.tick().await;
        let status = page.status().await;
        if wanted.contains(&status.as_str()) {
            return Ok(status);
        }
        let alert = page.alert().await;
        if !alert.trim().is_empty() {
            return Err(alert);
        }
        if tokio::time::Instant::now() > deadline {
            return Err(format!("still \"{status}\" after {limit:?}"));
        }
    }
}

/// Which unauthenticated sign-in the account allowed, from what the app stored for it (the
/// connector it used, or that it has none); never the tokens.
async fn sign_in_used(page: &ChatPage, account: &str) -> String {
    let record = page.stored_record(account).await;
    match (&record["connector"], &record["noConnector"]) {
        (serde_json::Value::String(id), _) => {
            format!(
                "signed in through the account's unauthenticated connector {id} (PROTOCOL.md §2.3)"
            )
        }
        (_, serde_json::Value::Bool(true)) => {
            "signed in with /signup: the account has no unauthenticated connector flow".into()
        }
        _ => "the sign-in used could not be read from the stored record".into(),
    }
}

async fn journey(page: &ChatPage, url: &str, account: &str) -> Result<(), String> {
    page.open(url).await;
    page.click("Connect").await;
    let status = settle(
        page,
        &["Connected", "Conversation open"],
        Duration::from_secs(60),
    )
    .await?;
    println!("live-check: connected ({status})");
    println!("live-check: {}", sign_in_used(page, account).await);
    if status == "Connected" {
        page.click("Start conversation").await;
        settle(page, &["Conversation open"], Duration::from_secs(30)).await?;
        println!("live-check: conversation started");
    }
    page.send_message("lpchat live check: please ignore").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let mine = page
            .transcript()
            .await
            .into_iter()
            .find(|e| e.text == "lpchat live check: please ignore");
        match mine.map(|e| e.delivery) {
            Some(d) if d == "Sent" => break,
            Some(d) if d == "Not delivered" => return Err(page.alert().await),
            _ if tokio::time::Instant::now() > deadline => {
                return Err("the message was not acknowledged in 20 s".into())
            }
            _ => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    println!("live-check: message sent and acknowledged");
    let replies = page
        .transcript()
        .await
        .into_iter()
        .filter(|e| e.author == "agent")
        .count();
    println!("live-check: {replies} message(s) from the brand so far");
    page.click("End conversation").await;
    settle(page, &["Conversation closed"], Duration::from_secs(30)).await?;
    println!("live-check: conversation closed");
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(account) = args
        .first()
        .filter(|a| !a.is_empty() && a.chars().all(|c| c.is_ascii_digit()))
        .cloned()
    else {
        eprintln!("usage: ./scripts/live-check <account number> [--csds <origin>]");
        return ExitCode::from(64);
    };
    // `--csds <origin>` points the same journey at another Domain API (a local sandbox, to check the check).
    let csds = args
        .iter()
        .position(|a| a == "--csds")
        .and_then(|i| args.get(i + 1))
        .cloned();
    if csds.is_some() {
        println!(
            "live-check: using the Domain API at {}",
            csds.as_deref().unwrap_or_default()
        );
    } else if let Err(why) = reachable().await {
        println!(
            "live-check: LivePerson ({CSDS_HOST}) cannot be reached from this machine: {why}."
        );
        println!("live-check: nothing was checked. Run it where the internet is reachable.");
        return ExitCode::from(2);
    }
    let server = match lpchat_sandbox::start(lpchat_sandbox::Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        dist: Some(dist_dir()),
        base_path: "/lpchat/".into(),
        faults: Default::default(),
        surveys: false,
        ..Default::default()
    })
    .await
    {
        Ok(s) => s,
        Err(e) => {
            eprintln!("live-check: cannot serve the app: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Only the built files are used from this server: the app talks to LivePerson itself.
    let mut url = format!("{}/lpchat/?account={account}", server.origin());
    if let Some(csds) = &csds {
        url.push_str(&format!("&csds={csds}"));
    }
    let page = ChatPage::new(lpchat_e2e::Browser::start().await);
    let result = journey(&page, &url, &account).await;
    // The session as a trace (tokens redacted), whatever the outcome: a report becomes a test by
    // copying it into crates/wire/testdata/traces/ (docs/SANDBOX.md, "Traces").
    let trace = page.copied_trace().await;
    let saved =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/live-check-trace.json");
    match serde_json::to_string_pretty(&trace).map(|t| std::fs::write(&saved, t + "\n")) {
        Ok(Ok(())) => println!("live-check: the session's trace is in {}", saved.display()),
        _ => println!("live-check: the session's trace could not be saved"),
    }
    page.close().await;
    server.stop();
    match result {
        Ok(()) => {
            let place = csds.as_deref().unwrap_or("LivePerson");
            println!("live-check: the journey worked for account {account} at {place}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            println!("live-check: the journey failed: {why}");
            ExitCode::FAILURE
        }
    }
}
