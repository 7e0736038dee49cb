//! Every way the flow can fail, each with a message in plain words: which step, why, what to do.

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
}

impl Step {
    fn label(self) -> &'static str {
        match self {
            Step::Domains => "Looking up the account",
            Step::Identity => "Getting a consumer identity",
            Step::Socket => "The connection",
            Step::Authentication => "Signing in to the messaging service",
            Step::StartConversation => "Starting a conversation",
            Step::Send => "Sending the message",
            Step::EndConversation => "Ending the conversation",
            Step::Subscribe => "Following the conversation",
        }
    }
}

/// How an HTTP step failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpFailure {
    /// No answer at all (network, CORS, DNS).
    Network(String),
    /// An answer with a non-2xx status.
    Status(u16),
    /// The body was not the JSON expected.
    Body,
    /// A required service was missing or not a plain host.
    MissingService(&'static str),
}

impl fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpFailure::Network(why) => write!(f, "the server could not be reached ({why})"),
            HttpFailure::Status(404) => {
                f.write_str("the server does not know this account (HTTP 404)")
            }
            HttpFailure::Status(s @ (401 | 403)) => {
                write!(f, "the server refused the request (HTTP {s})")
            }
            HttpFailure::Status(s) if *s >= 500 => write!(f, "the server had a problem (HTTP {s})"),
            HttpFailure::Status(s) => write!(f, "the server answered HTTP {s}"),
            HttpFailure::Body => f.write_str("the answer was not in the expected form"),
            HttpFailure::MissingService(s) => write!(f, "the account has no usable `{s}` service"),
        }
    }
}

/// A failure the user is told about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// The account number was not usable; nothing was sent.
    #[error("Account number: {0}.")]
    InvalidAccount(String),
    /// The Domain API origin was not usable; nothing was sent.
    #[error("Domain API address: {0}.")]
    InvalidCsds(String),
    /// An HTTP step failed.
    #[error("{}: {}. {}", .0.label(), .1, retry_hint(*.1 == HttpFailure::Status(404)))]
    Http(Step, HttpFailure),
    /// The identity token could not be read.
    #[error("Getting a consumer identity: the token from the server could not be read ({0}). Try Connect again.")]
    BadToken(String),
    /// The socket closed or never opened.
    #[error("The connection closed{}. Press Connect to connect again.", close_detail(*code, reason))]
    SocketClosed {
        /// Close code.
        code: u16,
        /// Close reason.
        reason: String,
    },
    /// The server refused our identity.
    #[error("Signing in to the messaging service: the server refused the identity (code {code}). Press Connect to get a fresh identity.")]
    Unauthorized {
        /// Close or response code.
        code: u16,
    },
    /// A request was answered with an error code.
    #[error("{}: the server answered with code {code}{}. {}", .step.label(), text.as_deref().map(|t| format!(" ({t})")).unwrap_or_default(), action_for(*.step))]
    Rejected {
        /// Which step.
        step: Step,
        /// The response code.
        code: i64,
        /// The response's text, if any.
        text: Option<String>,
    },
    /// A request had no answer in time.
    #[error("{}: no answer from the server in time. {}", .0.label(), action_for(*.0))]
    TimedOut(Step),
    /// Reconnecting failed too often.
    #[error("The connection was lost and {attempts} attempts to reconnect failed (last: {last}). Press Reconnect to try again.")]
    GaveUp {
        /// How many attempts were made.
        attempts: u32,
        /// The last problem, in words.
        last: String,
    },
    /// The authenticated identity was refused or expired.
    #[error("Signing in to the messaging service: the brand's sign-in was refused or has expired (code {code}). Paste a new token under Settings and press Connect.")]
    SignInExpired {
        /// Close or response code.
        code: u16,
    },
    /// Too many messages wait for the connection.
    #[error("Sending the message: {} messages are already waiting to be sent. Wait for the connection to come back.", crate::outbox::MAX_UNCONFIRMED)]
    OutboxFull,
}

impl Failure {
    /// The reason alone, for "last problem" texts.
    pub(crate) fn short(&self) -> String {
        match self {
            Failure::SocketClosed { code, reason } => {
                format!("the connection closed{}", close_detail(*code, reason))
            }
            other => other.to_string(),
        }
    }
}

fn retry_hint(not_found: bool) -> &'static str {
    if not_found {
        "Check the account number and press Connect."
    } else {
        "Press Connect to try again."
    }
}

fn close_detail(code: u16, reason: &str) -> String {
    match (code, reason.is_empty()) {
        (1006, _) => {
            " unexpectedly (the server could not be reached or dropped the connection)".into()
        }
        (_, true) => format!(" (code {code})"),
        (_, false) => format!(
            " (code {code}: {})",
            reason.chars().take(120).collect::<String>()
        ),
    }
}

fn action_for(step: Step) -> &'static str {
    match step {
        Step::Authentication | Step::Subscribe | Step::Domains | Step::Identity | Step::Socket => {
            "Press Connect to try again."
        }
        Step::StartConversation => "Press Start conversation to try again.",
        Step::Send => "Send the message again.",
        Step::EndConversation => "Press End conversation to try again.",
    }
}
