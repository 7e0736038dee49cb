//! The fault plan: drops, blackholes, failed HTTP, expired tokens, chosen close codes, latency, 429s
//! and 1011s, each as drawn and counted.

use super::*;
use lpchat_sandbox::FaultPlan;

#[tokio::test]
async fn a_drop_after_n_frames_ends_the_socket_abruptly_and_is_counted() {
    let s = sandbox_with(FaultPlan {
        drop_after_frames: Some((3, 3)),
        ..Default::default()
    })
    .await;
    let mut ws = initialised(s.addr).await; // frame 1
    let conv = request_conversation(&mut ws, 1).await; // frame 2
    send(&mut ws, publish("2", &conv, "maybe stored")).await;
    dropped(&mut ws).await; // frame 3: no answer
    let stats = s.faults.stats();
    assert_eq!(stats.drops, 1);
    let stored = s.world.conversations()[0].events().len() as u32;
    assert_eq!(
        stored, stats.drops_after_store,
        "stored exactly when the plan said it would store first"
    );
    s.stop();
}

#[tokio::test]
async fn a_blackholed_socket_answers_nothing_and_stays_open_until_lifted() {
    let s = sandbox().await;
    let mut ws = initialised(s.addr).await;
    s.faults.set(FaultPlan {
        blackhole: true,
        ..Default::default()
    });
    send(&mut ws, get_clock("1")).await;
    assert!(
        tokio::time::timeout(Duration::from_millis(300), ws.next())
            .await
            .is_err(),
        "nothing comes back, nothing closes"
    );
    s.faults.set(FaultPlan::default());
    let resp = ask(&mut ws, get_clock("2")).await;
    assert_eq!(resp["reqId"], "2");
    assert!(resp["body"]["currentTime"].as_i64().unwrap() > 0);
    s.stop();
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn http_failures_expired_tokens_and_closes_with_a_code_are_injected() {
    let s = sandbox_with(FaultPlan {
        fail_signup: Some((503, 1)),
        fail_domain_api: Some((500, 1)),
        ..Default::default()
    })
    .await;
    let (status, _) = http(s.addr, "POST", &format!("/api/account/{ACCOUNT}/signup")).await;
    assert_eq!(status, 503);
    let (status, _) = domain_api(s.addr, "?version=1.0").await;
    assert_eq!(status, 500);
    let old = jwt(s.addr).await; // the plan is spent: signups work again
    let mut ws = socket(s.addr).await;
    ask(&mut ws, init(&old)).await;
    // The control API closes every socket with a chosen code.
    s.world.kick(4401);
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4401));
    // Tokens issued before an expiry are refused; a fresh one is accepted.
    s.faults.expire_tokens(now_ms() + 1000);
    let mut ws = socket(s.addr).await;
    send(&mut ws, init(&old)).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4401));
    s.faults.expire_tokens(0);
    s.stop();
}

#[tokio::test]
async fn planned_drops_can_close_with_a_chosen_code() {
    let s = sandbox_with(FaultPlan {
        drop_after_frames: Some((2, 2)),
        drop_code: Some(4407),
        ..Default::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    send(&mut ws, get_clock("1")).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::from(4407));
    s.stop();
}

#[tokio::test]
async fn latency_is_added_to_every_answer() {
    let s = sandbox_with(FaultPlan {
        latency_ms: 150,
        ..Default::default()
    })
    .await;
    let started = std::time::Instant::now();
    let (status, _) = domain_api(s.addr, "?version=1.0").await;
    assert_eq!(status, 200);
    assert!(started.elapsed() >= Duration::from_millis(150));
    let mut ws = initialised(s.addr).await; // signup, upgrade and the InitConnection answer are each delayed
    let started = std::time::Instant::now();
    ask(&mut ws, get_clock("1")).await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    s.stop();
}

/// GetClock requests sent back to back; returns how many were answered 429.
pub(super) async fn burst(ws: &mut Ws, n: usize) -> usize {
    for i in 0..n {
        send(ws, get_clock(&format!("c{i}"))).await;
    }
    let mut refused = 0;
    for _ in 0..n {
        let r = until(ws, |f| f["kind"] == "resp").await;
        if r["code"] == 429 {
            refused += 1;
        }
    }
    refused
}

#[tokio::test]
async fn the_fault_plan_answers_429_and_closes_with_1011_as_drawn() {
    let s = sandbox_with(FaultPlan {
        throttle_one_in: Some(1),
        ..FaultPlan::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    assert_eq!(burst(&mut ws, 5).await, 5);
    assert_eq!(s.faults.stats().throttled, 5);
    s.stop();
    let s = sandbox_with(FaultPlan {
        drop_after_frames: Some((2, 2)),
        close_1011_one_in: Some(1),
        ..FaultPlan::default()
    })
    .await;
    let mut ws = initialised(s.addr).await;
    send(&mut ws, get_clock("1")).await;
    assert_eq!(close_code(&mut ws).await, CloseCode::Error, "1011");
    assert_eq!(s.faults.stats().closes_1011, 1);
    s.stop();
}
