//! Load: 200 concurrent consumer sockets exchange messages with the agent (through the control API)
//! for 60 s. Every publish sent is answered and stored exactly once, in the order its socket sent it,
//! and every agent message is delivered exactly once, in the order it was posted; anything else is
//! counted (lost, duplicated, out of order) and reported in the `load:` line before the test fails.
//! Loopback only, bounded in time and count. `LPCHAT_LOAD_SECONDS` shortens or lengthens the run by hand.

mod common;

use futures_util::{SinkExt, StreamExt};
use lpchat_sandbox::{start, Config};
use serde_json::{json, Value};
use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};
use tokio_tungstenite::{connect_async, tungstenite::Message};

const SOCKETS: usize = 200;
const ACCOUNT: &str = "12345678";
const STEP: Duration = Duration::from_secs(10);

async fn post(addr: SocketAddr, path: &str, body: &Value) -> (u16, String) {
    common::exchange(addr, "POST", path, Some(body), STEP).await
}

#[derive(Default)]
struct Tally {
    /// conversation → texts the agent sent, in the order posted.
    agent_sent: HashMap<String, Vec<String>>,
    /// conversation → agent texts the consumer received, in the order received.
    received: HashMap<String, Vec<String>>,
    /// conversation → texts the consumer published, in the order sent.
    published: HashMap<String, Vec<String>>,
    /// conversation → texts whose publish was answered with 200.
    acked: HashMap<String, Vec<String>>,
    latencies_ms: Vec<u64>,
}

/// How far `got` is from `expected` (each text unique): missing ones, extra copies, and the ones that
/// arrived out of the expected order.
#[derive(Debug, Default, PartialEq, Eq)]
struct Diff {
    lost: usize,
    duplicated: usize,
    out_of_order: usize,
}

fn diff(expected: &[String], got: &[String]) -> Diff {
    let mut seen: HashMap<&String, usize> = HashMap::new();
    for t in got {
        *seen.entry(t).or_default() += 1;
    }
    let lost = expected.iter().filter(|t| !seen.contains_key(t)).count();
    let duplicated = seen.values().map(|n| n - 1).sum();
    // In order: the first copies of what was expected, read in arrival order, follow the expected order.
    let position: HashMap<&String, usize> =
        expected.iter().enumerate().map(|(i, t)| (t, i)).collect();
    let mut first = std::collections::HashSet::new();
    let arrived: Vec<usize> = got
        .iter()
        .filter(|t| first.insert(*t))
        .filter_map(|t| position.get(t).copied())
        .collect();
    let out_of_order = arrived.windows(2).filter(|w| w[0] > w[1]).count();
    Diff {
        lost,
        duplicated,
        out_of_order,
    }
}

#[test]
fn the_diff_counts_what_is_missing_doubled_or_reordered() {
    let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    assert_eq!(
        diff(&s(&["a", "b", "c"]), &s(&["a", "b", "c"])),
        Diff::default()
    );
    assert_eq!(
        diff(&s(&["a", "b", "c"]), &s(&["a", "c", "c"])),
        Diff {
            lost: 1,
            duplicated: 1,
            out_of_order: 0
        }
    );
    assert_eq!(
        diff(&s(&["a", "b", "c"]), &s(&["b", "a", "c"])),
        Diff {
            lost: 0,
            duplicated: 0,
            out_of_order: 1
        }
    );
}

async fn consumer(
    addr: SocketAddr,
    i: usize,
    until: Instant,
    drain_until: Instant,
    tally: Arc<Mutex<Tally>>,
    ready: tokio::sync::mpsc::Sender<String>,
) {
    let (_, body) = post(addr, &format!("/api/account/{ACCOUNT}/signup"), &json!({})).await;
    let jwt = serde_json::from_str::<Value>(&body).expect("signup JSON")["jwt"]
        .as_str()
        .expect("jwt")
        .to_owned();
    let url = format!("ws://{addr}/ws_api/account/{ACCOUNT}/messaging/consumer?v=3");
    let (mut ws, _) = tokio::time::timeout(STEP, connect_async(url))
        .await
        .expect("in time")
        .expect("socket");
    let send = |id: String, v: Value| {
        Message::text({
            let mut v = v;
            v["kind"] = json!("req");
            v["id"] = json!(id);
            v.to_string()
        })
    };
    ws.send(send("0".into(), json!({"type":"InitConnection","headers":[{"type":".ams.headers.ConsumerAuthentication","jwt": jwt}]}))).await.unwrap();
    ws.send(send(
        "1".into(),
        json!({"type":"cm.ConsumerRequestConversation"}),
    ))
    .await
    .unwrap();
    let mut conversation = String::new();
    while conversation.is_empty() {
        let Some(Ok(Message::Text(t))) = tokio::time::timeout(STEP, ws.next())
            .await
            .expect("in time")
        else {
            panic!("socket ended")
        };
        let v: Value = serde_json::from_str(&t).unwrap();
        if v["reqId"] == "1" {
            conversation = v["body"]["conversationId"]
                .as_str()
                .expect("a conversation")
                .to_owned();
        }
    }
    ws.send(send(
        "2".into(),
        json!({"type":"ms.SubscribeMessagingEvents","body":{"dialogId": conversation,"fromSeq":0}}),
    ))
    .await
    .unwrap();
    ready.send(conversation.clone()).await.unwrap();
    let mut sent_at: HashMap<String, (Instant, String)> = HashMap::new();
    let mut n = 0u64;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = tick.tick(), if Instant::now() < until => {
                n += 1;
                let id = format!("p{n}");
                let text = format!("consumer {i} message {n}");
                sent_at.insert(id.clone(), (Instant::now(), text.clone()));
                tally.lock().unwrap().published.entry(conversation.clone()).or_default().push(text.clone());
                ws.send(send(id, json!({"type":"ms.PublishEvent","body":{"dialogId": conversation,"event":{"type":"ContentEvent","contentType":"text/plain","message": text}}}))).await.unwrap();
            }
            frame = tokio::time::timeout_at(drain_until.into(), ws.next()) => {
                let Ok(Some(Ok(Message::Text(t)))) = frame else { break };
                let v: Value = serde_json::from_str(&t).unwrap();
                let mut tally = tally.lock().unwrap();
                if let Some((at, text)) = v["reqId"].as_str().and_then(|id| sent_at.remove(id)) {
                    assert_eq!(v["code"], 200, "{v}");
                    tally.latencies_ms.push(at.elapsed().as_millis() as u64);
                    tally.acked.entry(conversation.clone()).or_default().push(text);
                }
                for change in v["body"]["changes"].as_array().into_iter().flatten() {
                    if change["originatorMetadata"]["role"] == "ASSIGNED_AGENT" {
                        let text = change["event"]["message"].as_str().unwrap_or_default().to_owned();
                        tally.received.entry(conversation.clone()).or_default().push(text);
                    }
                }
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_sockets_exchange_messages_for_a_minute_and_nothing_is_lost() {
    let seconds: u64 = std::env::var("LPCHAT_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
        .clamp(5, 600);
    let s = start(Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        one_port: true,
        ..Config::default()
    })
    .await
    .unwrap();
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let drain_until = until + Duration::from_secs(10);
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel(SOCKETS);
    let consumers: Vec<_> = (0..SOCKETS)
        .map(|i| {
            tokio::spawn(consumer(
                s.addr,
                i,
                until,
                drain_until,
                tally.clone(),
                ready_tx.clone(),
            ))
        })
        .collect();
    let mut conversations = Vec::new();
    while conversations.len() < SOCKETS {
        let c = tokio::time::timeout(Duration::from_secs(30), ready_rx.recv())
            .await
            .expect("every consumer is ready in time")
            .unwrap();
        conversations.push(c);
    }
    // The agent answers, round robin, through the control API, until the end.
    let mut k = 0usize;
    let mut pace = tokio::time::interval(Duration::from_millis(20));
    while Instant::now() < until {
        pace.tick().await;
        let conversation = &conversations[k % SOCKETS];
        let text = format!("agent message {k}");
        let (status, _) = post(
            s.addr,
            &format!("/control/conversations/{conversation}/messages"),
            &json!({"text": text}),
        )
        .await;
        assert_eq!(status, 200);
        tally
            .lock()
            .unwrap()
            .agent_sent
            .entry(conversation.clone())
            .or_default()
            .push(text);
        k += 1;
    }
    for c in consumers {
        tokio::time::timeout(Duration::from_secs(30), c)
            .await
            .expect("consumers finish")
            .expect("no panic");
    }
    let tally = tally.lock().unwrap();
    let stored: HashMap<String, Vec<(String, String)>> = s
        .world
        .conversations()
        .into_iter()
        .map(|c| {
            (
                c.id.clone(),
                c.events()
                    .iter()
                    .filter_map(|e| {
                        Some((e.role()?.as_str().to_owned(), e.event.as_text()?.to_owned()))
                    })
                    .collect(),
            )
        })
        .collect();
    // Every message sent either way is in the count; each one not delivered exactly once, in order, is
    // reported: a publish that was never answered counts as lost even if the sandbox stored it.
    let (mut total, mut unanswered) = (Diff::default(), 0usize);
    let mut messages = 0usize;
    for c in &conversations {
        let agent_sent = tally.agent_sent.get(c).cloned().unwrap_or_default();
        let received = tally.received.get(c).cloned().unwrap_or_default();
        let published = tally.published.get(c).cloned().unwrap_or_default();
        let acked = tally.acked.get(c).cloned().unwrap_or_default();
        let consumer_stored: Vec<String> = stored[c]
            .iter()
            .filter(|(role, _)| role == "CONSUMER")
            .map(|(_, t)| t.clone())
            .collect();
        messages += agent_sent.len() + published.len();
        let not_answered = published.iter().filter(|t| !acked.contains(t)).count();
        unanswered += not_answered;
        for d in [
            diff(&agent_sent, &received),
            diff(&published, &consumer_stored),
        ] {
            total.lost += d.lost;
            total.duplicated += d.duplicated;
            total.out_of_order += d.out_of_order;
        }
        // Answered but not stored is already lost above; stored but never answered is lost too.
        total.lost += published
            .iter()
            .filter(|t| !acked.contains(t) && consumer_stored.contains(t))
            .count();
    }
    let mut latencies = tally.latencies_ms.clone();
    latencies.sort_unstable();
    let p99 = latencies
        .get(latencies.len() * 99 / 100)
        .copied()
        .unwrap_or(0);
    let Diff {
        lost,
        duplicated,
        out_of_order,
    } = total;
    println!("load: {SOCKETS} sockets, {messages} messages, {lost} lost, {p99} ms p99 ({duplicated} duplicated, {out_of_order} out of order, {unanswered} publishes unanswered, {seconds} s, publish round trips)");
    assert_eq!((lost, duplicated, out_of_order, unanswered), (0, 0, 0, 0));
    // The run really exchanged messages: about one publish a second per socket and one agent message
    // every 20 ms.
    assert!(
        messages >= SOCKETS * (seconds as usize - 1),
        "the run exchanged messages: {messages}"
    );
    s.stop();
}
