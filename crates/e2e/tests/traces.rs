//! Every trace under `crates/wire/testdata/traces/` replayed by the sandbox to the real core
//! (`lpchat_e2e::traces`): a recorded session, LivePerson's or the strict sandbox's, is a test.

use lpchat_e2e::{
    traces::{replay, traces_dir},
    World, ACCOUNT,
};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

#[tokio::test]
async fn every_recorded_trace_replays_without_a_surprise() {
    let mut names: Vec<_> = std::fs::read_dir(traces_dir())
        .expect("the traces folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no traces in {}", traces_dir().display());
    for path in names {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).expect("a readable trace");
        let trace =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: not a trace: {e}"));
        // The account is the one the trace's requests name.
        let account = text
            .split("/api/account/")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("{name}: no account in the trace"))
            .to_owned();
        let started = std::time::Instant::now();
        replay(&name, &account, trace, LIMIT).await;
        println!(
            "trace: {name} replayed in {} ms",
            started.elapsed().as_millis()
        );
    }
}

#[tokio::test]
async fn the_inspector_copies_a_browser_session_as_a_trace_that_replays() {
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.send_message("Hello from the browser").await;
    w.page.wait_sent("Hello from the browser").await;
    w.control
        .agent_says(&conversation, "Hello from the agent")
        .await;
    w.page.wait_entry("agent", "Hello from the agent").await;
    let trace = w.page.copied_trace().await;
    let text = trace.to_string();
    let jwt = w.page.stored_record(ACCOUNT).await["jwt"]
        .as_str()
        .expect("the identity is stored")
        .to_owned();
    assert!(!text.contains(&jwt), "no token in the trace");
    let entries: Vec<lpchat_core::FrameView> =
        serde_json::from_value(trace).expect("the copy is a trace");
    let http: Vec<&str> = entries
        .iter()
        .filter(|f| f.is_http() && f.direction == lpchat_core::Direction::Sent)
        .map(|f| f.type_name.as_str())
        .collect();
    assert!(
        http.first()
            .is_some_and(|t| t.starts_with("GET /api/account/12345678/service/baseURI.json")),
        "the HTTP exchanges are in it, the Domain API first: {http:?}"
    );
    w.stop().await;
    replay("the browser's trace", ACCOUNT, entries, LIMIT).await;
}
