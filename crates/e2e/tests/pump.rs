//! The real core against the real sandbox over loopback sockets, without a browser (the native pump,
//! STYLE.md's level 6): the main journey and a fault scenario, each bounded in time.

use lpchat_core::{Author, Config, Delivery, Intent, Timing, ViewModel};
use lpchat_e2e::{pump::Pump, Control};
use lpchat_sandbox::FaultPlan;
use std::time::Duration;

const ACCOUNT: &str = "12345678";
const LIMIT: Duration = Duration::from_secs(20);

async fn sandbox(faults: FaultPlan) -> lpchat_sandbox::Running {
    lpchat_sandbox::start(lpchat_sandbox::Config {
        addr: "127.0.0.1:0".parse().expect("a loopback address"),
        faults,
        ..Default::default()
    })
    .await
    .expect("the sandbox starts")
}

fn pump() -> Pump {
    Pump::new(Config {
        // Tenfold shorter intervals: the app allows them against a sandbox on this computer.
        timing: Timing::scaled_down(10),
        seed: 7,
        ..Default::default()
    })
}

/// Connects to the sandbox at `origin` and starts a conversation, as a user would.
async fn start_conversation(pump: &mut Pump, origin: &str) {
    pump.user(Intent::Connect {
        account: ACCOUNT.into(),
        csds: Some(origin.into()),
        auth_code: None,
        connector: None,
    });
    pump.until(LIMIT, "the offer to start a conversation", |v| {
        v.can_start_conversation
    })
    .await;
    pump.user(Intent::StartConversation);
    pump.until(LIMIT, "the conversation open", |v| v.can_end_conversation)
        .await;
}

/// The texts the view shows from `author`, in order.
fn texts(view: &ViewModel, author: Author) -> Vec<String> {
    view.transcript
        .iter()
        .filter(|e| e.author == author)
        .map(|e| e.text.clone())
        .collect()
}

/// At least `count` of the user's messages are shown and the server has accepted every one shown.
fn all_sent(view: &ViewModel, count: usize) -> bool {
    let mine: Vec<_> = view
        .transcript
        .iter()
        .filter(|e| e.author == Author::Consumer)
        .collect();
    mine.len() >= count
        && mine.iter().all(|e| {
            matches!(
                e.delivery,
                Some(Delivery::Sent | Delivery::Delivered | Delivery::Read)
            )
        })
}

#[tokio::test]
async fn a_consumer_connects_converses_and_ends_the_conversation_natively() {
    let sandbox = sandbox(FaultPlan::default()).await;
    let control = Control::new(sandbox.origin());
    let mut pump = pump();
    start_conversation(&mut pump, &sandbox.domain_origin()).await;
    pump.user(Intent::SendText("Hello from the pump".into()));
    pump.until(LIMIT, "the message accepted", |v| all_sent(v, 1))
        .await;

    let conversation = control.open_conversation_id().await;
    assert_eq!(
        control
            .agent_says(&conversation, "Hi, how can I help?")
            .await,
        200
    );
    let view = pump
        .until(LIMIT, "the agent's answer", |v| {
            texts(v, Author::Agent) == ["Hi, how can I help?"]
        })
        .await;
    assert_eq!(texts(&view, Author::Consumer), ["Hello from the pump"]);

    pump.user(Intent::EndConversation);
    pump.until(LIMIT, "the conversation ended", |v| {
        v.can_start_conversation
    })
    .await;
    let stored = control.conversations().await;
    let ended = stored
        .iter()
        .find(|c| c.id == conversation)
        .expect("the conversation is kept");
    assert_eq!(ended.state, "CLOSE");
    assert_eq!(ended.close_reason.as_deref(), Some("CONSUMER"));
    let sent: Vec<&str> = ended.messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(sent, ["Hello from the pump", "Hi, how can I help?"]);
    sandbox.stop();
}

#[tokio::test]
async fn through_dropped_sockets_every_message_arrives_once_and_in_order() {
    let sandbox = sandbox(FaultPlan {
        drop_after_frames: Some((3, 6)),
        seed: 2026,
        ..Default::default()
    })
    .await;
    let control = Control::new(sandbox.origin());
    let mut pump = pump();
    start_conversation(&mut pump, &sandbox.domain_origin()).await;
    let mine: Vec<String> = (1..=8).map(|i| format!("message {i}")).collect();
    for text in &mine {
        pump.user(Intent::SendText(text.clone()));
    }
    let conversation = control.open_conversation_id().await;
    for i in 1..=3 {
        assert_eq!(
            control
                .agent_says(&conversation, &format!("answer {i}"))
                .await,
            200
        );
    }
    let view = pump
        .until(
            LIMIT,
            "every message accepted and every answer shown",
            |v| all_sent(v, mine.len()) && texts(v, Author::Agent).len() == 3,
        )
        .await;
    assert_eq!(
        texts(&view, Author::Consumer),
        mine,
        "shown once each, in order"
    );
    assert_eq!(
        texts(&view, Author::Agent),
        ["answer 1", "answer 2", "answer 3"]
    );

    let stored = control.conversations().await;
    let at_agent: Vec<String> = stored
        .iter()
        .find(|c| c.id == conversation)
        .expect("the conversation")
        .messages
        .iter()
        .filter(|m| m.role == "CONSUMER")
        .map(|m| m.text.clone())
        .collect();
    assert_eq!(at_agent, mine, "stored once each, in order");
    assert!(
        sandbox.faults.stats().drops >= 2,
        "the plan dropped sockets: {:?}",
        sandbox.faults.stats()
    );
    sandbox.stop();
}

/// A wait on something outside the session (a replay's progress) ends when that changes, not at
/// the session's next deadline: a session with none waited here until the limit.
#[tokio::test]
async fn a_wait_on_outside_state_ends_when_it_is_told() {
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    };
    let mut pump = pump();
    let changed = Arc::new(tokio::sync::Notify::new());
    let flag = Arc::new(AtomicBool::new(false));
    let (told, set) = (changed.clone(), flag.clone());
    tokio::spawn(async move {
        set.store(true, Ordering::SeqCst);
        told.notify_one();
    });
    pump.until_told(LIMIT, "the flag set outside the session", &changed, |_| {
        flag.load(Ordering::SeqCst)
    })
    .await;
}
