//! The LivePerson consumer session as a plain state machine (sans-IO).
//!
//! The driver (the browser app, the native pump of the end-to-end crate, or a test) feeds [`Input`]s
//! with the current time through [`Session::handle_input`], executes every [`Command`] from
//! [`Session::poll_command`], wakes the session at [`Session::poll_timeout`] and renders
//! [`Session::view`]. The session owns no clock, no randomness and no IO, so every flow, failure and
//! deadline can be tested with virtual time.
//!
//! # The driving contract
//! 1. **Input, then drain.** After every [`Session::handle_input`], call [`Session::poll_command`]
//!    until it returns `None` and perform each command in the order given. Commands of one input are
//!    independent of their performance: a command's outcome comes back later as an input (an
//!    [`Input::HttpDone`] for a [`Command::Http`], [`Input::WsOpened`]/[`Input::WsFrame`]/
//!    [`Input::WsClosed`] for a socket, [`Input::Loaded`] for a [`Command::Load`]).
//! 2. **Then the timer.** Once drained, [`Session::poll_timeout`] is when the session next needs an
//!    [`Input::Tick`] (`None`: never, until another input). Re-arm one timer to it after every drain;
//!    an early or extra `Tick` is harmless.
//! 3. **Re-entrancy.** An outcome that is known at once (a storage read) may be fed while commands are
//!    still queued: the session appends to its queue, the order stays. Feed inputs one at a time,
//!    never from inside another `handle_input` (the session is `&mut`, so Rust enforces it).
//! 4. **Time.** `now` is monotonic milliseconds from any origin the driver picks (the browser uses
//!    `performance.now()`); a `now` earlier than the previous one is taken as the previous one.
//!    Wall-clock time enters only through [`Config::wall_clock_origin_ms`], to judge a stored token.
//! 5. **Ids are opaque.** [`ConnId`] and [`HttpId`] only pair a command with its outcome (a driver
//!    cannot make one: they come from commands); a socket the session has closed
//!    ([`Command::CloseSocket`]) must not report anything more.
//!
//! # Example: a connect against a scripted server
//! ```
//! use lpchat_core::{Command, HttpReply, Input, Intent, Millis, Session};
//! use serde_json::{json, Value};
//!
//! /// A LivePerson that answers just enough for a connect (a real driver performs the IO).
//! fn answer(command: Command) -> Vec<Input> {
//!     let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb25zdW1lci0xIiwiYXVkIjoiYWNjOjEyMzQ1Njc4IiwiZXhwIjo0MDAwMDAwMDAwfQ.c2ln";
//!     let http = |id, body: Value| Input::HttpDone {
//!         id,
//!         result: Ok(HttpReply { status: 200, body: body.to_string() }),
//!     };
//!     match command {
//!         Command::Load { key } => vec![Input::Loaded { key, value: None }],
//!         Command::Http { id, url, .. } if url.contains("/baseURI") => vec![http(id, json!({"baseURIs": [
//!             {"service": "idp", "account": "12345678", "baseURI": "va.idp.example"},
//!             {"service": "asyncMessagingEnt", "account": "12345678", "baseURI": "va.msg.example"},
//!         ]}))],
//!         Command::Http { id, .. } => vec![http(id, json!({ "jwt": jwt }))],
//!         Command::OpenSocket { conn, .. } => vec![Input::WsOpened { conn }],
//!         Command::Send { conn, text } => {
//!             let request: Value = serde_json::from_str(&text).unwrap();
//!             let resp = |body: Value| json!({"kind": "resp", "reqId": request["id"], "code": 200, "body": body});
//!             let frames = match request["type"].as_str() {
//!                 Some("InitConnection") => vec![resp(json!("Connection initialized successfully"))],
//!                 Some("cqm.SubscribeExConversations") => vec![
//!                     resp(json!({"subscriptionId": "s1"})),
//!                     // The snapshot: this consumer has no open conversation.
//!                     json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
//!                            "body": {"subscriptionId": "s1", "changes": []}}),
//!                 ],
//!                 _ => vec![],
//!             };
//!             frames.into_iter().map(|f| Input::WsFrame { conn, text: f.to_string() }).collect()
//!         }
//!         _ => vec![],
//!     }
//! }
//!
//! let mut session = Session::new();
//! let mut inputs = vec![Input::User(Intent::Connect {
//!     account: "12345678".into(),
//!     csds: Some("https://api.example".into()),
//!     auth_code: None,
//!     connector: None,
//! })];
//! let mut now = Millis(0);
//! while !inputs.is_empty() {
//!     for input in std::mem::take(&mut inputs) {
//!         session.handle_input(now, input);
//!         // Drain before anything else; outcomes go in as the next inputs.
//!         while let Some(command) = session.poll_command() {
//!             inputs.extend(answer(command));
//!         }
//!     }
//!     now.0 += 20; // the scripted server answers in 20 ms
//! }
//! let view = session.view();
//! assert!(view.can_start_conversation, "{}", view.status);
//! // Connected and idle: the next deadline is the keepalive.
//! assert!(session.poll_timeout().is_some());
//! ```
//!
//! The flow (PROTOCOL.md §0): Domain API → idp signup → socket → `InitConnection` →
//! `cqm.SubscribeExConversations` (resume an open conversation, or offer to start one) →
//! `cm.ConsumerRequestConversation` → `ms.SubscribeMessagingEvents` → `ms.PublishEvent` →
//! `cm.UpdateConversationField` (close).
#![warn(missing_docs)]

mod backoff;
#[doc(hidden)]
pub mod bench;
mod client;
mod endpoints;
pub mod export;
mod failure;
pub mod files;
mod frames;
mod intent;
mod io;
pub mod links;
mod outbox;
mod past;
mod pending;
pub mod rich;
mod routing;
mod session;
mod signin;
mod small_map;
mod storage;
pub mod text;
mod throttle;
mod time;
mod timing;
mod transcript;
mod view;

pub use endpoints::{validate_account, Endpoints, Origin, JSONP_CALLBACK};
pub use failure::{Failure, FileProblem, HttpFailure, Problem, Step};
pub use frames::{frames_as_json, Direction, FrameView};
pub use intent::Intent;
pub use io::{Command, ConnId, HttpId, HttpMethod, HttpReply, Input, NetError};
pub use past::MAX_PAST;
pub use session::{Config, Notifications, Session, MAX_INBOUND_FRAME_BYTES, MAX_MESSAGE_CHARS};
pub use signin::Lack;
pub use storage::{storage_key, StoredAccount};
pub use text::{Lang, Texts};
pub use time::Millis;
pub use timing::Timing;
pub use transcript::{Author, Delivery, MAX_TRANSCRIPT_ENTRIES, TRANSCRIPT_WINDOW};
pub use view::{AgentView, EntryView, FileView, PastView, Presence, QuickReplyView, ViewModel};
