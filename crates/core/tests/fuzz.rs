//! The core fed arbitrary sequences of inputs: mutated and random frames, floods of agent messages,
//! closes, ticks, user intents. Nothing panics, no deadline lies in the past, and what the view holds
//! stays within its limits: the transcript's window and the frame log. The floods make both limits
//! reachable, and the run checks that the generated inputs did reach them (a bound no input reaches
//! proves nothing). The transcript's own limit (20,000 entries) is too far for random inputs and is
//! tested in `limits.rs`. Bounded: 256 sequences of up to 60 steps per run (`PROPTEST_CASES` raises it
//! for longer runs by hand).

mod support;

use lpchat_core::{Input, Intent, TRANSCRIPT_WINDOW};
use proptest::{
    prelude::*,
    test_runner::{Config, TestRunner},
};
use serde_json::json;
use std::{cell::Cell, time::Duration};

/// The frame inspector keeps this many frames (`lpchat_core::frames`).
const MAX_FRAMES: usize = 500;
use support::*;

fn frame(kind: u8, a: u32, text: &str) -> String {
    let seq = i64::from(a % 50);
    match kind % 8 {
        0 => json!({"kind":"resp","reqId": (a % 40).to_string(),"code": ([200, 400, 401, 500])[a as usize % 4],"body": {"conversationId": CONV, "sequence": seq}}).to_string(),
        1 => json!({"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"sequence": seq,"originatorId": if a % 2 == 0 { SUB } else { "agent" },"event":{"type":"ContentEvent","contentType":"text/plain","message": text},"dialogId": CONV}]}}).to_string(),
        2 => json!({"kind":"notification","type":"cqm.ExConversationChangeNotification","body":{"changes":[{"type": if a % 3 == 0 { "DELETE" } else { "UPSERT" },"result":{"convId": CONV,"conversationDetails":{"state": if a % 2 == 0 { "OPEN" } else { "CLOSE" },"stage": if a % 5 == 0 { "OPEN" } else { "CLOSE" },"metaDataLastUpdateTs": a,"dialogs":[{"dialogId":"s","dialogType":"POST_SURVEY","state":"OPEN"}]}}}]}}).to_string(),
        3 => json!({"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"sequence": seq,"originatorId":"bot","event":{"type":"AcceptStatusEvent","status":"READ","sequenceList":[seq, 0]},"dialogId": CONV}]}}).to_string(),
        4 => text.to_owned(),
        5 => json!({"kind":"resp","reqId": a, "code": 200}).to_string(),
        6 => json!({"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"dialogId":"s","sequence": seq,"event":{"type":"ContentEvent","message": text}}]}}).to_string(),
        _ => "{".repeat((a % 200) as usize),
    }
}

#[derive(Debug, Clone)]
enum Step {
    Frame(u8, u32, String),
    /// This many agent messages in a row, each in a frame of its own, with new sequences.
    Flood(u16),
    Close(u16),
    Tick(u32),
    Send(String),
    Other(u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (any::<u8>(), any::<u32>(), ".{0,40}").prop_map(|(k, a, t)| Step::Frame(k, a, t)),
        1 => (0u16..320).prop_map(Step::Flood),
        1 => prop::sample::select(vec![1000u16, 1006, 4401, 4407, 1011, 4000]).prop_map(Step::Close),
        2 => (0u32..40_000).prop_map(Step::Tick),
        2 => ".{0,30}".prop_map(Step::Send),
        1 => any::<u8>().prop_map(Step::Other),
    ]
}

/// The most the view held at any point of a run.
#[derive(Default)]
struct Reached {
    transcript: Cell<usize>,
    frames: Cell<usize>,
}

fn run(steps: Vec<Step>, reached: &Reached) -> Result<(), TestCaseError> {
    let mut h = Harness::open_conversation();
    h.user(Intent::ShowFrames(true));
    let (mut next_seq, mut earlier_presses) = (10_000i64, 0usize);
    for step in steps {
        match step {
            Step::Frame(k, a, t) => {
                if let Some(conn) = h.conn {
                    h.input(Input::WsFrame {
                        conn,
                        text: frame(k, a, &t),
                    });
                }
            }
            Step::Flood(n) => {
                for _ in 0..n {
                    let Some(conn) = h.conn else { break };
                    next_seq += 1;
                    let text = json!({"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[{"sequence": next_seq,"originatorId":"agent","event":{"type":"ContentEvent","contentType":"text/plain","message": format!("flood {next_seq}")},"dialogId": CONV}]}}).to_string();
                    h.input(Input::WsFrame { conn, text });
                }
            }
            Step::Close(code) => {
                if let Some(conn) = h.conn {
                    h.input(Input::WsClosed {
                        conn,
                        code,
                        reason: String::new(),
                    });
                }
            }
            Step::Tick(ms) => h.advance(Duration::from_millis(u64::from(ms))),
            Step::Send(text) => h.user(Intent::SendText(text)),
            Step::Other(n) => h.user(match n % 8 {
                0 => Intent::EndConversation,
                1 => Intent::StartConversation,
                2 => Intent::Disconnect,
                3 => Intent::Reconnect,
                4 => Intent::ShowFrames(n % 2 == 0),
                5 => Intent::Retry(u64::from(n)),
                6 => {
                    earlier_presses += 1;
                    Intent::ShowEarlier
                }
                _ => Intent::Connect {
                    account: ACCOUNT.into(),
                    csds: Some(CSDS.into()),
                    auth_code: None,
                    connector: None,
                },
            }),
        }
        // The driver's part: perform commands (open sockets are answered as opened).
        while let Some(c) = h.session.poll_command() {
            if let lpchat_core::Command::OpenSocket { conn, .. } = c {
                h.conn = Some(conn);
                h.input(Input::WsOpened { conn });
            }
        }
        let view = h.view();
        // Until the user asks for earlier messages the view shows one window; after that, new
        // entries extend it (the user is reading back), up to the transcript's own limit.
        if earlier_presses == 0 {
            prop_assert!(
                view.transcript.len() <= TRANSCRIPT_WINDOW,
                "{} entries shown",
                view.transcript.len()
            );
            reached
                .transcript
                .set(reached.transcript.get().max(view.transcript.len()));
        }
        prop_assert!(
            view.frames.len() <= MAX_FRAMES,
            "{} frames listed",
            view.frames.len()
        );
        reached
            .frames
            .set(reached.frames.get().max(view.frames.len()));
        if let Some(t) = h.session.poll_timeout() {
            prop_assert!(t.0 >= h.now.0, "no deadline in the past");
        }
    }
    Ok(())
}

#[test]
fn arbitrary_input_sequences_never_panic_and_stay_bounded() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let reached = Reached::default();
    let result = runner.run(&prop::collection::vec(step(), 1..60), |steps| {
        run(steps, &reached)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // The bounds were within reach of what was generated, and were reached.
    assert_eq!(
        reached.transcript.get(),
        TRANSCRIPT_WINDOW,
        "the transcript's window was filled"
    );
    assert_eq!(reached.frames.get(), MAX_FRAMES, "the frame log was filled");
}
