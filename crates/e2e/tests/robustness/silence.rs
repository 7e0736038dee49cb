//! A server that stops answering is noticed within two keepalive intervals and recovered from.

use super::*;

#[tokio::test]
async fn a_silent_server_is_noticed_within_two_keepalive_intervals_and_recovered_from() {
    // Timed in the page's own clock, in units of the keepalive interval the app itself kept
    // (`lpchat:keepalive` marks), so a slow, busy machine stretches the bound with the app's timers
    // instead of failing the test; and not beside the chaos run.
    let _alone = TIMING.lock().await;
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url_fast()).await;
    // Two answered keepalives first: the interval as the app keeps it.
    let kept = eventually("two keepalives", || async {
        let k = marks(&w, "lpchat:keepalive").await;
        (k.len() >= 2).then_some(k)
    })
    .await;
    let interval = kept[kept.len() - 1] - kept[kept.len() - 2];
    // The mark is made before the server goes silent, so the time measured is never too short.
    let silent_from = w
        .page
        .script("performance.mark('test:silence'); return performance.getEntriesByName('test:silence')[0].startTime;")
        .await
        .as_f64()
        .unwrap_or(f64::NAN);
    w.control
        .set_faults(&FaultPlan {
            blackhole: true,
            ..FaultPlan::default()
        })
        .await;
    eventually("the app to notice the silence", || async {
        w.page
            .status()
            .await
            .starts_with("Reconnecting")
            .then_some(())
    })
    .await;
    let noticed_at = marks(&w, "lpchat:silent")
        .await
        .into_iter()
        .find(|t| *t >= silent_from)
        .expect("the app marks the moment it gave the socket up");
    let noticed = noticed_at - silent_from;
    assert!(
        noticed <= 2.0 * interval,
        "noticed after {noticed:.0} ms, more than two keepalive intervals of {interval:.0} ms"
    );
    w.page
        .send_message("typed while the server was silent")
        .await;
    w.control.set_faults(&FaultPlan::default()).await;
    w.page.wait_status("Conversation open").await;
    let history = eventually("the message typed during the silence to arrive", || async {
        let c = w.control.conversation(&conversation).await?;
        c.messages
            .iter()
            .any(|m| m.text == "typed while the server was silent")
            .then_some(c)
    })
    .await;
    assert_eq!(
        history
            .messages
            .iter()
            .filter(|m| m.text == "typed while the server was silent")
            .count(),
        1
    );
    println!(
        "blackhole: noticed after {noticed:.0} ms = {:.2} keepalive intervals (the app's interval: {interval:.0} ms with timing=fast; the bound is two)",
        noticed / interval
    );
    w.stop().await;
}
