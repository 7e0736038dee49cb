//! The LivePerson consumer session as a plain state machine (sans-IO).
//!
//! The driver (the browser app, or a test) feeds [`Input`]s with the current time through
//! [`Session::handle_input`], executes every [`Command`] from [`Session::poll_command`], wakes the
//! session at [`Session::poll_timeout`] and renders [`Session::view`]. The session owns no clock, no
//! randomness and no IO, so every flow, failure and deadline can be tested with virtual time.
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
mod failure;
pub mod files;
mod frames;
mod io;
mod outbox;
mod pending;
pub mod rich;
mod session;
mod storage;
pub mod text;
mod throttle;
mod time;
mod timing;
mod transcript;
mod view;

pub use client::CLIENT_FEATURES;
pub use endpoints::{validate_account, Endpoints, Origin};
pub use failure::{Failure, FileProblem, HttpFailure, Problem, Step};
pub use frames::{frames_as_json, Direction, FrameView};
pub use io::{Command, ConnId, HttpId, HttpMethod, HttpReply, Input, Intent, NetError};
pub use session::{Config, Session, MAX_INBOUND_FRAME_BYTES, MAX_MESSAGE_CHARS};
pub use storage::{storage_key, StoredAccount};
pub use text::{Lang, Texts};
pub use time::Millis;
pub use timing::Timing;
pub use transcript::{Author, Delivery, MAX_TRANSCRIPT_ENTRIES, TRANSCRIPT_WINDOW};
pub use view::{AgentView, EntryView, FileView, QuickReplyView, ViewModel};
