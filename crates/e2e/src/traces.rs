//! Traces as tests (`crates/wire/testdata/traces/`): a recorded session is replayed by the sandbox
//! (`lpchat_sandbox::replay`) to the real core, driven natively by the [`Pump`]; the user's part is
//! read from the trace itself (a conversation request is *Start conversation*, a published text is
//! what the user typed, a CLOSE of the conversation is *End conversation*). `record` writes one from
//! a session against the strict sandbox; docs/SANDBOX.md says how to add a user's.

use crate::pump::Pump;
use lpchat_core::{Author, Config, Direction, FrameView, Intent, ViewModel};
use lpchat_sandbox::replay::Replay;
use serde_json::Value;
use std::{path::PathBuf, time::Duration};

/// Where the traces `./scripts/test` replays are.
pub fn traces_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wire/testdata/traces")
}

/// What makes a request the same request sent again: a published message's id (`ExternalId`, which
/// a resend repeats), or else its type and body (a request retried after a refusal such as a 429).
fn sameness(frame: &FrameView) -> Option<String> {
    let value: Value = serde_json::from_str(&frame.json).ok()?;
    let external = value["metadata"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["type"] == "ExternalId"))
        .and_then(|id| id["id"].as_str());
    Some(match external {
        Some(id) => id.to_owned(),
        None => format!("{} {}", value["type"], value["body"]),
    })
}

/// Whether the request that starts `frames` was answered with a success before its socket closed.
fn succeeded(frames: &[FrameView]) -> bool {
    let Some((request, later)) = frames.split_first() else {
        return false;
    };
    later
        .iter()
        .take_while(|f| f.type_name != lpchat_wire::trace::SOCKET_OPENED)
        .filter(|f| f.direction == Direction::Received)
        .filter_map(|f| serde_json::from_str::<Value>(&f.json).ok())
        .find(|v| request.req_id.is_some() && v["reqId"].as_str() == request.req_id.as_deref())
        .is_some_and(|v| v["code"].as_u64().is_some_and(|c| (200..300).contains(&c)))
}

/// The quick replies pressed in the trace: the keys of the ACTION receipt and of the text that
/// followed it, and the text.
fn quick_replies(trace: &[FrameView]) -> Vec<(u64, u64, String)> {
    let sent: Vec<(&FrameView, Value)> = trace
        .iter()
        .filter(|f| f.direction == Direction::Sent)
        .filter_map(|f| Some((f, serde_json::from_str(&f.json).ok()?)))
        .collect();
    let mut pressed = Vec::new();
    for (i, (action, value)) in sent.iter().enumerate() {
        if value["body"]["event"]["status"] != "ACTION" {
            continue;
        }
        let text = sent[i + 1..].iter().find_map(|(f, v)| {
            let event = &v["body"]["event"];
            (event["type"] == "ContentEvent").then(|| (f.key, event["message"].as_str()))
        });
        if let Some((content, Some(text))) = text {
            pressed.push((action.key, content, text.to_owned()));
        }
    }
    pressed
}

/// The user's action behind a frame the app sends, if a user action is behind it.
pub fn user_intent(frame: &FrameView) -> Option<Intent> {
    let value: Value = serde_json::from_str(&frame.json).ok()?;
    let body = &value["body"];
    match frame.type_name.as_str() {
        "cm.ConsumerRequestConversation" => Some(Intent::StartConversation),
        "ms.PublishEvent" if body["event"]["type"] == "ContentEvent" => Some(Intent::SendText(
            body["event"]["message"].as_str()?.to_owned(),
        )),
        // The user typing (ACTIVE follows on its own once they stop).
        "ms.PublishEvent" if body["event"]["chatState"] == "COMPOSING" => Some(Intent::Typing),
        // The legacy satisfaction rating (CSATRate) after the conversation closed.
        "cm.UpdateConversationField" if csat(body).is_some() => csat(body),
        // The conversation closed (ConversationStateField) or its dialog (DialogChange, MULTI_DIALOG).
        "cm.UpdateConversationField"
            if body["conversationField"].as_array().is_some_and(|f| {
                f.iter()
                    .any(|f| f["conversationState"] == "CLOSE" || f["dialog"]["state"] == "CLOSE")
            }) =>
        {
            Some(Intent::EndConversation)
        }
        _ => None,
    }
}

/// The rating in a CSATRate field, as the user gave it.
fn csat(body: &Value) -> Option<Intent> {
    let field = body["conversationField"]
        .as_array()?
        .iter()
        .find(|f| f["field"] == "CSATRate")?;
    Some(Intent::Rate {
        stars: u8::try_from(field["csatRate"].as_u64()?).ok()?,
        resolved: field["csatResolutionConfirmation"].as_bool()?,
    })
}

/// Whether the view lets the user do `intent` now.
fn allowed(intent: &Intent, view: &ViewModel) -> bool {
    match intent {
        Intent::StartConversation => view.can_start_conversation,
        // Sent once connected (a text typed while reconnecting waits in the outbox, which a trace
        // recorded while connected does not show).
        Intent::SendText(_) => view.can_send && (view.can_end_conversation || view.can_skip_survey),
        Intent::EndConversation => view.can_end_conversation,
        Intent::Rate { .. } => view.can_rate,
        _ => true,
    }
}

/// The agents' texts the trace's server sent.
pub fn agent_texts(trace: &[FrameView]) -> Vec<String> {
    let mut texts = Vec::new();
    for frame in trace.iter().filter(|f| f.direction == Direction::Received) {
        let Ok(value) = serde_json::from_str::<Value>(&frame.json) else {
            continue;
        };
        for change in value["body"]["changes"].as_array().into_iter().flatten() {
            let role = &change["originatorMetadata"]["role"];
            let agent = role == "ASSIGNED_AGENT" || role == "AGENT"; // AGENT: a bot, the survey's
            if let (true, Some(text)) = (agent, change["event"]["message"].as_str()) {
                if change["event"]["type"] == "ContentEvent" {
                    texts.push(text.to_owned());
                }
            }
        }
    }
    texts
}

/// Replays `trace` for `account` to the real core; panics, in words, where the app departs from it.
/// Every wait is bounded by `limit`.
pub async fn replay(name: &str, account: &str, trace: Vec<FrameView>, limit: Duration) {
    let expected_agent = agent_texts(&trace);
    let quick_replies = quick_replies(&trace);
    // The page offered the rating (`?csat=1`) if the trace has one sent.
    let csat = trace.iter().any(|f| f.json.contains("CSATRate"));
    // A message sent again after a drop (the same ExternalId as an earlier one), or a request
    // retried after a refusal, is the app's doing, not the user's: the same request again after one
    // that no success answered.
    let mut unanswered = Vec::new();
    let resends: Vec<u64> = trace
        .iter()
        .enumerate()
        .filter(|(_, f)| f.direction == Direction::Sent)
        .filter_map(|(at, f)| {
            let id = sameness(f)?;
            let again = unanswered.contains(&id);
            if !succeeded(&trace[at..]) {
                unanswered.push(id);
            }
            again.then_some(f.key)
        })
        .collect();
    let replay = Replay::start(trace)
        .await
        .expect("the replay starts on loopback");
    let mut pump = Pump::new(Config {
        seed: 7,
        csat,
        ..Config::default()
    });
    pump.user(Intent::Connect {
        account: account.into(),
        csds: Some(replay.origin()),
        auth_code: None,
        connector: None,
    });
    while let Some(next) = replay.next_expected() {
        // A quick reply pressed: its ACTION receipt, then its text, both the app's doing once the
        // user pressed the reply with that text.
        if let Some((_, _, text)) = quick_replies
            .iter()
            .find(|(action, ..)| *action == next.key)
        {
            let what = format!("{name}: the quick reply {text:?} offered");
            let view = pump
                .until(limit, &what, |v| {
                    v.quick_replies.iter().any(|q| q.title == *text)
                })
                .await;
            let index = view.quick_replies.iter().position(|q| q.title == *text);
            pump.user(Intent::QuickReply(index.unwrap_or_default()));
        }
        let pressed = quick_replies
            .iter()
            .any(|(_, content, _)| *content == next.key);
        if let Some(intent) =
            user_intent(&next).filter(|_| !resends.contains(&next.key) && !pressed)
        {
            let what = format!("{name}: the app ready for the user's {intent:?}");
            pump.until(limit, &what, |v| allowed(&intent, v)).await;
            pump.user(intent);
        }
        // What went wrong instead, if anything, is asserted just below.
        let what = format!(
            "{name}: the app to send {} as the trace did",
            next.type_name
        );
        pump.until_told(limit, &what, replay.changed(), |_| {
            replay.next_expected().as_ref() != Some(&next) || !replay.unexpected().is_empty()
        })
        .await;
        let unexpected = replay.unexpected();
        assert!(
            unexpected.is_empty(),
            "{name}: the app sent what the trace did not: {unexpected:?}"
        );
    }
    let what = format!("{name}: the agent's messages shown and every recorded HTTP request made");
    let view = pump
        .until_told(limit, &what, replay.changed(), |v| {
            let shown: Vec<&str> = v
                .transcript
                .iter()
                .filter(|e| e.author == Author::Agent)
                .map(|e| e.text.as_str())
                .collect();
            shown == expected_agent && replay.unused_http().is_empty()
        })
        .await;
    assert_eq!(view.alert, None, "{name}: no failure");
    assert_eq!(replay.unexpected(), Vec::<String>::new(), "{name}");
    assert_eq!(
        replay.unused_http(),
        Vec::<String>::new(),
        "{name}: every recorded request made"
    );
    replay.stop();
}
