//! Every failure a user can meet, in every language, is worded from `lpchat_core::text` alone: the
//! only other things in a message are the values it reports (codes, a file's name, the server's own
//! words). Two walks: every `Failure` the core can raise, built one by one (`walk.rs`: its matches
//! have no wildcard, so a new kind of failure does not compile until it is listed), and a session
//! driven through the network failures a user meets, reading what the view shows at each step.

#[path = "../support/mod.rs"]
mod support;

use lpchat_core::{
    Command, Failure, FileProblem, HttpFailure, Input, Intent, Lack, Lang, NetError, Problem, Step,
    Texts,
};
use lpchat_wire::JwtError;
use serde_json::json;
use support::*;

mod walk;

use walk::{every_failure, every_net_error};

/// Values a message may report that are not catalogue text.
const NAME: &str = "holiday.png";

/// A skill as a user might put it in the address (not a number).
const SKILL: &str = "sales";

const SERVER_WORDS: &str = "policy violation from the server";

/// LivePerson's names of the services an account may lack.
const SERVICES: [&str; 2] = ["idp", "asyncMessagingEnt"];

/// `Ok` if `shown` is made of catalogue strings of `t` (templates without their placeholders), the
/// given values, digits and punctuation; else the letters left over.
fn only_catalogue(shown: &str, t: &Texts, values: &[&str]) -> Result<(), String> {
    let mut pieces: Vec<&str> = t
        .all()
        .into_iter()
        .flat_map(|s| s.split(['{', '}']).filter(|p| p.parse::<u8>().is_err()))
        .chain(values.iter().copied())
        .filter(|p| !p.trim().is_empty())
        .collect();
    pieces.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut rest = shown.to_owned();
    for p in pieces {
        rest = rest.replace(p, "\u{1}");
    }
    let stray: String = rest
        .split('\u{1}')
        .filter(|part| part.chars().any(char::is_alphabetic))
        .collect::<Vec<_>>()
        .join(" | ");
    if stray.is_empty() {
        Ok(())
    } else {
        Err(format!("{stray:?} in {shown:?}"))
    }
}

#[test]
fn the_checker_finds_words_from_outside_the_catalogue() {
    let t = Lang::He.texts();
    assert!(only_catalogue(&format!("{} (12)", t.server_silent), t, &[]).is_ok());
    let english_in_hebrew = lpchat_core::text::fill(t.http_network, &["Failed to fetch"]);
    assert!(only_catalogue(&english_in_hebrew, t, &[]).is_err());
    assert!(only_catalogue("the server stopped answering", t, &[]).is_err());
}

#[test]
fn every_failure_is_worded_from_the_catalogue_in_every_language() {
    for lang in Lang::ALL {
        let t = lang.texts();
        let failures = every_failure(t);
        assert!(failures.len() > 100, "{} failures", failures.len());
        for f in failures {
            let shown = f.message(t);
            if let Err(why) = only_catalogue(
                &shown,
                t,
                &[NAME, SKILL, SERVER_WORDS, SERVICES[0], SERVICES[1]],
            ) {
                panic!("{lang:?}: {f:?}: {why}");
            }
        }
    }
}

/// Everything the view words at this moment: the status, the alert, and lpchat's own notes.
fn check_view(h: &Harness, t: &Texts, lang: Lang, when: &str) {
    let v = h.view();
    let notes = v
        .transcript
        .iter()
        .filter(|e| e.author == lpchat_core::Author::System)
        .map(|e| e.text.clone());
    for shown in std::iter::once(v.status.clone())
        .chain(v.alert.clone())
        .chain(notes)
    {
        if let Err(why) = only_catalogue(&shown, t, &[SERVER_WORDS]) {
            panic!("{lang:?}, {when}: {why}");
        }
    }
}

#[test]
fn a_session_through_network_failures_words_everything_in_the_chosen_language() {
    for lang in Lang::ALL {
        let t = lang.texts();
        // Each way a request can get no answer, at the first step.
        for e in every_net_error() {
            let mut h = Harness::in_language(lang);
            h.connect();
            let (id, _) = h.expect_http(lpchat_core::HttpMethod::Get);
            h.input(Input::HttpDone { id, result: Err(e) });
            // No answer is asked again as JSONP (`jsonp.rs`): those get none either.
            while let Some(lpchat_core::Command::Http { id, .. }) = h.next_command() {
                h.input(Input::HttpDone { id, result: Err(e) });
            }
            assert!(h.view().alert.is_some(), "{lang:?} {e:?}: the user is told");
            check_view(&h, t, lang, &format!("the Domain API answered {e:?}"));
        }
        // A conversation, then a server that closes with its own words, then one that goes silent,
        // until lpchat gives up.
        let mut h = Harness::in_language(lang);
        h.ready_with(json!([]));
        h.user(Intent::StartConversation);
        let (id, _) = h.expect_request("cm.ConsumerRequestConversation");
        h.respond(&id, 200, Some(json!({"conversationId": CONV})));
        check_view(&h, t, lang, "a conversation opened");
        let conn = h.conn.expect("a socket");
        h.input(Input::WsClosed {
            conn,
            code: 1011,
            reason: SERVER_WORDS.into(),
        });
        check_view(&h, t, lang, "the server closed the socket");
        let mut gave_up = false;
        for round in 0..400 {
            while let Some(c) = h.session.poll_command() {
                match c {
                    Command::OpenSocket { conn, .. } => {
                        h.conn = Some(conn);
                        h.input(Input::WsOpened { conn }); // opens, and then nothing is answered
                    }
                    // HTTP still works: the hosts and a new identity, if asked for.
                    Command::Http { id, url, .. } if url.contains("baseURI") => {
                        h.http_reply(id, 200, &Harness::domains_body())
                    }
                    Command::Http { id, .. } => {
                        h.http_reply(id, 200, &json!({"jwt": jwt()}).to_string())
                    }
                    _ => {}
                }
            }
            check_view(&h, t, lang, &format!("round {round} of a silent server"));
            if h.view().alert.is_some() {
                gave_up = true;
                break;
            }
            let Some(at) = h.session.poll_timeout() else {
                break;
            };
            h.now = at;
            h.input(Input::Tick);
        }
        check_view(&h, t, lang, "after the last round");
        assert!(gave_up, "{lang:?}: lpchat gave up on the silent server");
        let alert = h
            .view()
            .alert
            .unwrap_or_else(|| panic!("the user is told why: {}", h.view().status));
        assert!(alert.contains(t.server_silent), "{lang:?}: {alert}");
    }
}
