//! Records the starting collection of traces (`crates/wire/testdata/traces/`): each journey run by the
//! real core (natively, `Pump`) against the strict sandbox, then the frame inspector's log written
//! as the inspector copies it. `cargo run -p lpchat-e2e --example record_traces` rewrites them.

use lpchat_core::{frames_as_json, Author, Config, Intent, ViewModel};
use lpchat_e2e::{pump::Pump, traces::traces_dir, Control};
use std::time::Duration;

const ACCOUNT: &str = "12345678";
const LIMIT: Duration = Duration::from_secs(20);

/// READ receipts the app has sent (they go out on their own timer).
fn reads(v: &ViewModel) -> usize {
    v.frames
        .iter()
        .filter(|f| f.type_name == "ms.PublishEvent" && f.json.contains("\"READ\""))
        .count()
}

fn agent_said(v: &ViewModel, text: &str) -> bool {
    v.transcript
        .iter()
        .any(|e| e.author == Author::Agent && e.text == text)
}

/// A consumer signs in (the connector flow, or `/signup` on an account without one), starts a
/// conversation and writes, the agent answers; then `then` happens.
async fn journey(name: &str, signup_only: bool, then: &str) {
    let sandbox = lpchat_sandbox::start(lpchat_sandbox::Config {
        addr: "127.0.0.1:0".parse().expect("a loopback address"),
        surveys: then == "survey",
        // No CORS headers: the app reaches the Domain API and the idp by JSONP.
        cors: then != "no cors",
        faults: lpchat_sandbox::FaultPlan {
            // One request in two after InitConnection answered 429 (drawn from the seed).
            throttle_one_in: (then == "throttled").then_some(2),
            seed: 2026,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .expect("the sandbox starts");
    if signup_only {
        let policy = lpchat_sandbox::SignInPolicy {
            signup: true,
            unauthenticated: false,
        };
        sandbox.world.set_sign_in_policy(ACCOUNT, policy);
    }
    let control = Control::new(sandbox.origin());
    let mut pump = Pump::new(Config {
        seed: 7,
        csat: then == "rating",
        ..Default::default()
    });
    pump.user(Intent::ShowFrames(true)); // the inspector's log, as a user would copy it
    pump.user(Intent::Connect {
        account: ACCOUNT.into(),
        csds: Some(sandbox.domain_origin()),
        auth_code: None,
        connector: None,
    });
    pump.until(LIMIT, "connected", |v| v.can_start_conversation)
        .await;
    pump.user(Intent::StartConversation);
    pump.until(LIMIT, "the conversation open", |v| v.can_end_conversation)
        .await;
    pump.user(Intent::SendText("Hello, is my order on its way?".into()));
    let conversation = control.open_conversation_id().await;
    control
        .agent_says(&conversation, "Hi! Let me check that for you.")
        .await;
    // The answer shown, and the receipts for it sent (they go out on their own timer), so the trace
    // does not depend on how quickly the next step follows.
    pump.until(LIMIT, "the agent's answer read", |v| {
        agent_said(v, "Hi! Let me check that for you.") && reads(v) >= 1
    })
    .await;
    match then {
        "server error" => {
            // A 1011 mid-conversation: the same identity reconnects and the conversation goes on.
            control.close_sockets(1011).await;
            pump.until(LIMIT, "reconnected", |v| {
                v.status == "Conversation open" && v.alert.is_none()
            })
            .await;
            pump.user(Intent::SendText("Are you still there?".into()));
            control.agent_says(&conversation, "Yes, still here.").await;
            pump.until(LIMIT, "the agent's second answer read", |v| {
                agent_said(v, "Yes, still here.") && reads(v) >= 2
            })
            .await;
            pump.user(Intent::EndConversation);
            pump.until(LIMIT, "the conversation ended", |v| {
                v.can_start_conversation
            })
            .await;
        }
        "survey" => {
            // The agent closes; the post-conversation survey asks, the consumer answers by its
            // first quick reply, and it ends.
            control.agent_closes(&conversation).await;
            pump.until(LIMIT, "the survey's question, read", |v| {
                !v.quick_replies.is_empty() && reads(v) >= 2
            })
            .await;
            pump.user(Intent::QuickReply(0));
            pump.until(LIMIT, "the survey over", |v| v.can_start_conversation)
                .await;
        }
        "rating" => {
            // The agent closes (no survey follows): the legacy satisfaction rating is offered.
            control.agent_closes(&conversation).await;
            pump.until(LIMIT, "the rating offered", |v| v.can_rate)
                .await;
            pump.user(Intent::Rate {
                stars: 4,
                resolved: true,
            });
            pump.until(LIMIT, "the rating sent", |v| !v.can_rate).await;
        }
        "consumer ends" | "throttled" | "no cors" => {
            pump.user(Intent::EndConversation);
            pump.until(LIMIT, "the conversation ended", |v| {
                v.can_start_conversation
            })
            .await;
        }
        _ => {
            control.agent_closes(&conversation).await;
            pump.until(LIMIT, "the conversation closed", |v| {
                v.can_start_conversation
            })
            .await;
        }
    }
    let text = frames_as_json(&pump.view().frames);
    let pretty = serde_json::from_str::<serde_json::Value>(&text)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .expect("the log is JSON");
    let path = traces_dir().join(format!("{name}.json"));
    std::fs::write(&path, pretty + "\n").expect("the trace is written");
    println!("record_traces: {}", path.display());
    sandbox.stop();
}

#[tokio::main]
async fn main() {
    std::fs::create_dir_all(traces_dir()).expect("the traces folder");
    journey("connector-chat-consumer-ends", false, "consumer ends").await;
    journey("connector-chat-agent-closes", false, "agent closes").await;
    journey("signup-only-account-chat", true, "consumer ends").await;
    journey("server-error-close-mid-conversation", false, "server error").await;
    journey("post-conversation-survey", false, "survey").await;
    journey("throttled-requests-429", false, "throttled").await;
    journey("satisfaction-rating-csat", false, "rating").await;
    journey("jsonp-where-cors-refused", false, "no cors").await;
}
