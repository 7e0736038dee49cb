//! A scripted peer around one `Session`: virtual time, commands checked one by one, frames decoded
//! as JSON so assertions read like the protocol document.
#![allow(dead_code)]

mod journeys;

#[allow(unused_imports)] // each test file uses some of them
pub use journeys::{conversation_change, domains, stored_identity};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use lpchat_core::{
    Command, ConnId, HttpId, HttpMethod, HttpReply, Input, Intent, Millis, Session, ViewModel,
};
use serde_json::{json, Value};
use std::time::Duration;

pub const ACCOUNT: &str = "12345678";
pub const CSDS: &str = "https://api.test";
pub const SUB: &str = "6f1c0de4-5a8b-4c1e-9f2a-7b3d2e1f0a9c";
pub const CONV: &str = "7507be78-60ef-4468-b3b1-baa47fbeea21";

pub fn jwt() -> String {
    let payload = json!({"sub": SUB, "aud": format!("acc:{ACCOUNT}"), "exp": 4_000_000_000i64});
    format!(
        "{}.{}.c2ln",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

pub struct Harness {
    pub session: Session,
    pub now: Millis,
    pub conn: Option<ConnId>,
    /// The browser storage the driver would use.
    pub storage: std::collections::HashMap<String, String>,
    /// User Timing marks the driver would have made, with their time.
    pub marks: Vec<(&'static str, Millis)>,
    /// The page's address as the session last set it (`?account=`, `?csds=`).
    pub address: Option<(Option<String>, Option<String>)>,
}

/// Wall-clock epoch ms at the harness's `Millis(0)`.
pub const WALL_ORIGIN_MS: i64 = 1_800_000_000_000;

impl Harness {
    pub fn new() -> Self {
        Self::with_storage(Default::default())
    }

    /// A new page load with this storage.
    pub fn with_storage(storage: std::collections::HashMap<String, String>) -> Self {
        Self::with_storage_in(storage, lpchat_core::Lang::En)
    }

    /// A new page load in `lang`, with nothing stored.
    pub fn in_language(lang: lpchat_core::Lang) -> Self {
        Self::with_storage_in(Default::default(), lang)
    }

    /// A new page load whose address asks for `skill` (`?skill=`).
    pub fn with_skill(skill: &str) -> Self {
        Self::with_config(
            Default::default(),
            lpchat_core::Config {
                skill: Some(skill.into()),
                ..Default::default()
            },
        )
    }

    /// A new page load whose address asks for the satisfaction rating (`?csat=1`).
    pub fn with_csat() -> Self {
        Self::with_config(
            Default::default(),
            lpchat_core::Config {
                csat: true,
                ..Default::default()
            },
        )
    }

    fn with_storage_in(
        storage: std::collections::HashMap<String, String>,
        lang: lpchat_core::Lang,
    ) -> Self {
        let config = lpchat_core::Config {
            lang,
            ..Default::default()
        };
        Self::with_config(storage, config)
    }

    fn with_config(
        storage: std::collections::HashMap<String, String>,
        config: lpchat_core::Config,
    ) -> Self {
        let config = lpchat_core::Config {
            wall_clock_origin_ms: WALL_ORIGIN_MS,
            ..config
        };
        Harness {
            session: Session::with_config(config),
            now: Millis(1_000),
            conn: None,
            marks: Vec::new(),
            address: None,
            storage,
        }
    }

    pub fn input(&mut self, input: Input) {
        self.session.handle_input(self.now, input);
    }

    pub fn user(&mut self, intent: Intent) {
        self.input(Input::User(intent));
    }

    pub fn view(&self) -> ViewModel {
        self.session.view()
    }

    /// The next command, with storage reads answered and writes applied as a driver would.
    pub fn next_command(&mut self) -> Option<Command> {
        loop {
            match self.session.poll_command()? {
                Command::Load { key } => {
                    let value = self.storage.get(&key).cloned();
                    self.input(Input::Loaded { key, value });
                }
                Command::Store { key, value } => match value {
                    Some(v) => {
                        self.storage.insert(key, v);
                    }
                    None => {
                        self.storage.remove(&key);
                    }
                },
                Command::Mark { name } => self.marks.push((name, self.now)),
                Command::Address { account, csds } => self.address = Some((account, csds)),
                other => return Some(other),
            }
        }
    }

    /// The stored record of the account, if any.
    pub fn stored(&self) -> Option<lpchat_core::StoredAccount> {
        self.storage
            .get(&lpchat_core::storage_key(ACCOUNT))
            .and_then(|v| lpchat_core::StoredAccount::parse(v))
    }

    pub fn no_more_commands(&mut self) {
        assert_eq!(self.next_command(), None);
    }

    pub fn expect_http(&mut self, method: HttpMethod) -> (HttpId, String) {
        match self.next_command() {
            Some(Command::Http {
                id, method: m, url, ..
            }) if m == method => (id, url),
            other => panic!("expected an HTTP {method:?}, got {other:?}"),
        }
    }

    pub fn http_reply(&mut self, id: HttpId, status: u16, body: &str) {
        self.input(Input::HttpDone {
            id,
            result: Ok(HttpReply {
                status,
                body: body.into(),
            }),
        });
    }

    pub fn expect_open(&mut self) -> (ConnId, String) {
        match self.next_command() {
            Some(Command::OpenSocket { conn, url }) => {
                self.conn = Some(conn);
                (conn, url)
            }
            other => panic!("expected OpenSocket, got {other:?}"),
        }
    }

    /// Every frame sent until the session has nothing more to do, as JSON; keepalives are answered
    /// on the way (and not returned).
    pub fn sent_frames(&mut self) -> Vec<Value> {
        let mut out = Vec::new();
        while let Some(c) = self.next_command() {
            let Command::Send { text, .. } = c else {
                continue;
            };
            let frame: Value = serde_json::from_str(&text).expect("frames are JSON");
            if frame["type"] == "GetClock" {
                let id = frame["id"].as_str().unwrap_or_default().to_owned();
                self.respond(&id, 200, Some(json!({"currentTime": 1})));
            } else {
                out.push(frame);
            }
        }
        out
    }

    /// The next frame sent, as JSON.
    pub fn expect_sent(&mut self) -> Value {
        match self.next_command() {
            Some(Command::Send { conn, text }) => {
                assert_eq!(Some(conn), self.conn, "sent on the current socket");
                serde_json::from_str(&text).expect("frames are JSON")
            }
            other => panic!("expected a frame, got {other:?}"),
        }
    }

    /// The next frame sent, checked to be of `type_name`; returns (id, frame).
    pub fn expect_request(&mut self, type_name: &str) -> (String, Value) {
        let frame = self.expect_sent();
        assert_eq!(frame["kind"], "req");
        assert_eq!(frame["type"], type_name, "{frame}");
        let id = frame["id"].as_str().expect("ids are strings").to_owned();
        (id, frame)
    }

    pub fn frame(&mut self, value: Value) {
        let conn = self.conn.expect("a socket");
        self.input(Input::WsFrame {
            conn,
            text: value.to_string(),
        });
    }

    pub fn respond(&mut self, req_id: &str, code: i64, body: Option<Value>) {
        let mut frame =
            json!({"kind": "resp", "reqId": req_id, "code": code, "type": "whatever.Response"});
        if let Some(body) = body {
            frame["body"] = body;
        }
        self.frame(frame);
    }

    pub fn closed(&mut self, code: u16) {
        let conn = self.conn.expect("a socket");
        self.input(Input::WsClosed {
            conn,
            code,
            reason: String::new(),
        });
    }

    pub fn advance(&mut self, d: Duration) {
        self.now = Millis(self.now.0 + d.as_millis() as u64);
        self.input(Input::Tick);
    }

    /// Jumps to the session's next deadline and ticks.
    pub fn advance_to_next_timeout(&mut self) {
        let at = self.session.poll_timeout().expect("a deadline is armed");
        assert!(at >= self.now);
        self.now = at;
        self.input(Input::Tick);
    }
}
