//! The core fed arbitrary sequences of inputs: mutated and random frames, closes, ticks, user intents.
//! Nothing panics, and what the session keeps stays within its limits. Bounded: 256 sequences of up to
//! 60 inputs per run (`PROPTEST_CASES` raises it for longer runs by hand).

mod support;

use lpchat_core::{Input, Intent, MAX_TRANSCRIPT_ENTRIES};
use proptest::prelude::*;
use serde_json::json;
use std::time::Duration;
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
    Close(u16),
    Tick(u32),
    Send(String),
    Other(u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (any::<u8>(), any::<u32>(), ".{0,40}").prop_map(|(k, a, t)| Step::Frame(k, a, t)),
        1 => prop::sample::select(vec![1000u16, 1006, 4401, 4407, 1011, 4000]).prop_map(Step::Close),
        2 => (0u32..40_000).prop_map(Step::Tick),
        2 => ".{0,30}".prop_map(Step::Send),
        1 => any::<u8>().prop_map(Step::Other),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_input_sequences_never_panic_and_stay_bounded(steps in prop::collection::vec(step(), 1..60)) {
        let mut h = Harness::open_conversation();
        for step in steps {
            match step {
                Step::Frame(k, a, t) => {
                    if let Some(conn) = h.conn {
                        h.input(Input::WsFrame { conn, text: frame(k, a, &t) });
                    }
                }
                Step::Close(code) => {
                    if let Some(conn) = h.conn {
                        h.input(Input::WsClosed { conn, code, reason: String::new() });
                    }
                }
                Step::Tick(ms) => h.advance(Duration::from_millis(u64::from(ms))),
                Step::Send(text) => h.user(Intent::SendText(text)),
                Step::Other(n) => h.user(match n % 7 {
                    0 => Intent::EndConversation,
                    1 => Intent::StartConversation,
                    2 => Intent::Disconnect,
                    3 => Intent::Reconnect,
                    4 => Intent::ShowFrames(n % 2 == 0),
                    5 => Intent::Retry(u64::from(n)),
                    _ => Intent::Connect { account: ACCOUNT.into(), csds: Some(CSDS.into()), auth_code: None },
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
            prop_assert!(view.transcript.len() <= MAX_TRANSCRIPT_ENTRIES + 1);
            prop_assert!(view.frames.len() <= 500);
            if let Some(t) = h.session.poll_timeout() {
                prop_assert!(t.0 >= h.now.0, "no deadline in the past");
            }
        }
    }
}
