//! Every way the flow can fail, each with a message in plain words (`words.rs`): which step, why,
//! what to do.

mod words;

use crate::{
    io::NetError,
    signin::Lack,
    text::{fill, Texts, EN},
};
use lpchat_wire::JwtError;
use std::fmt;

/// The step of the flow that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Looking up the account's hosts.
    Domains,
    /// Getting a consumer identity.
    Identity,
    /// Opening the connection.
    Socket,
    /// Authenticating on the connection.
    Authentication,
    /// Starting a conversation.
    StartConversation,
    /// Sending a message.
    Send,
    /// Ending the conversation.
    EndConversation,
    /// Following the conversation.
    Subscribe,
    /// Sending a picture.
    Upload,
    /// Sending the satisfaction rating.
    Rating,
}

impl Step {
    fn label(self, t: &Texts) -> &'static str {
        match self {
            Step::Domains => t.step_domains,
            Step::Identity => t.step_identity,
            Step::Socket => t.step_socket,
            Step::Authentication => t.step_authentication,
            Step::StartConversation => t.step_start,
            Step::Send => t.step_send,
            Step::EndConversation => t.step_end,
            Step::Subscribe => t.step_subscribe,
            Step::Upload => t.step_upload,
            Step::Rating => t.step_rating,
        }
    }
}

/// What was wrong with what the user typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No account number.
    AccountEmpty,
    /// Not digits, or too long.
    AccountDigits,
    /// Not https:// (or http://).
    CsdsScheme,
    /// Not a bare origin.
    CsdsOrigin,
    /// Plain http:// to another computer.
    CsdsHttp,
}

impl Problem {
    fn text(self, t: &Texts) -> &'static str {
        match self {
            Problem::AccountEmpty => t.account_empty,
            Problem::AccountDigits => t.account_digits,
            Problem::CsdsScheme => t.csds_scheme,
            Problem::CsdsOrigin => t.csds_origin,
            Problem::CsdsHttp => t.csds_http,
        }
    }
}

/// Why a picture was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Not a JPG, PNG or GIF.
    NotAPicture,
    /// Zero bytes.
    Empty,
    /// Over 3 MB (its size in bytes).
    TooLarge(u64),
    /// The account has no file host (file sharing is off).
    NoFileSharing,
}

/// How an HTTP step failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpFailure {
    /// No answer at all (network, CORS, DNS), or one that could not be read.
    Network(NetError),
    /// An answer with a non-2xx status.
    Status(u16),
    /// The body was not the JSON expected.
    Body,
    /// A required service was missing or not a plain host.
    MissingService(&'static str),
}

impl HttpFailure {
    /// What happened, in words.
    pub fn text(&self, t: &Texts) -> String {
        match self {
            HttpFailure::Network(why) => fill(t.http_network, &[why.text(t)]),
            HttpFailure::Status(404) => t.http_404.into(),
            HttpFailure::Status(s @ (401 | 403)) => fill(t.http_refused, &[&s.to_string()]),
            HttpFailure::Status(s) if *s >= 500 => fill(t.http_server, &[&s.to_string()]),
            HttpFailure::Status(s) => fill(t.http_status, &[&s.to_string()]),
            HttpFailure::Body => t.http_body.into(),
            HttpFailure::MissingService(s) => fill(t.http_service, &[s]),
        }
    }
}

impl fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(&EN))
    }
}

impl NetError {
    /// What happened, in words.
    pub fn text(self, t: &Texts) -> &'static str {
        match self {
            NetError::Unreachable => t.no_network,
            NetError::Unreadable => t.net_unreadable,
            NetError::Browser => t.net_browser,
            NetError::FileGone => t.net_file_gone,
        }
    }
}

/// A failure the user is told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The account number was not usable; nothing was sent.
    InvalidAccount(Problem),
    /// The Domain API origin was not usable; nothing was sent.
    InvalidCsds(Problem),
    /// The skill in the page's address is not a skill number; conversations use the default routing.
    InvalidSkill(String),
    /// The unauthenticated connector typed is not a connector number; nothing was sent.
    InvalidConnector,
    /// The account allows no unauthenticated sign-in: it has no connector flow, for the reason
    /// given, and `/signup` was refused with this status (PROTOCOL.md §2.1, §2.3).
    NoSignIn {
        /// What the account lacks for the connector flow.
        lack: Lack,
        /// The status that refused `/signup`.
        signup: u16,
    },
    /// The unauthenticated connector given by the page refused the sign-in.
    ConnectorRefused {
        /// The connector's id.
        connector: String,
        /// The status of the refusal.
        code: u16,
    },
    /// An HTTP step failed.
    Http(Step, HttpFailure),
    /// The identity token could not be read.
    BadToken(JwtError),
    /// The socket closed or never opened.
    SocketClosed {
        /// Close code.
        code: u16,
        /// Close reason.
        reason: String,
    },
    /// The server refused our identity.
    Unauthorized {
        /// Close or response code.
        code: u16,
    },
    /// A request was answered with an error code.
    Rejected {
        /// Which step.
        step: Step,
        /// The response code.
        code: i64,
        /// The response's text, if any.
        text: Option<String>,
    },
    /// A request had no answer in time.
    TimedOut(Step),
    /// The answers of a step could not be read (too large or malformed), so nothing can be concluded.
    Unreadable(Step),
    /// Reconnecting failed too often.
    GaveUp {
        /// How many attempts were made.
        attempts: u32,
        /// The last problem, in words.
        last: String,
    },
    /// The authenticated identity was refused or expired.
    SignInExpired {
        /// Close or response code.
        code: u16,
    },
    /// Too many messages wait for the connection.
    OutboxFull,
    /// A picture was not sent (nothing was uploaded).
    FileNotSent {
        /// The file's name.
        name: String,
        /// Why.
        problem: FileProblem,
    },
}
