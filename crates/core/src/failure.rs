//! Every way the flow can fail, each with a message in plain words: which step, why, what to do.

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

impl Failure {
    /// The whole message: which step, why, what to do.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            Failure::InvalidAccount(p) => fill(t.invalid_account, &[p.text(t)]),
            Failure::InvalidCsds(p) => fill(t.invalid_csds, &[p.text(t)]),
            Failure::InvalidSkill(skill) => fill(t.invalid_skill, &[skill]),
            Failure::InvalidConnector => t.invalid_connector.into(),
            Failure::NoSignIn { lack, signup } => {
                let lack = match lack {
                    Lack::NoConfigHost => t.lack_config_host.into(),
                    Lack::NoConnector => t.lack_connector.into(),
                    Lack::LookupFailed(0) => fill(t.lack_lookup, &[t.no_answer]),
                    Lack::LookupFailed(s) => {
                        fill(t.lack_lookup, &[&fill(t.http_status, &[&s.to_string()])])
                    }
                    Lack::NotEnabled(s) => fill(t.lack_not_enabled, &[&s.to_string()]),
                };
                fill(t.no_sign_in, &[&lack, &signup.to_string()])
            }
            Failure::ConnectorRefused { connector, code } => {
                fill(t.connector_refused, &[connector, &code.to_string()])
            }
            Failure::Http(step, why) => {
                let hint = match (step, why) {
                    (Step::Upload, _) => t.do_upload,
                    (_, HttpFailure::Status(404)) => t.do_check_account,
                    _ => t.do_connect,
                };
                format!("{}: {}. {hint}", step.label(t), why.text(t))
            }
            Failure::BadToken(why) => fill(
                t.bad_token,
                &[match why {
                    JwtError::Shape => t.token_shape,
                    JwtError::Base64 => t.token_base64,
                    JwtError::Claims => t.token_claims,
                }],
            ),
            Failure::SocketClosed { code, reason } => {
                fill(t.socket_closed, &[&close_detail(t, *code, reason)])
            }
            Failure::Unauthorized { code } => fill(t.unauthorized, &[&code.to_string()]),
            Failure::Rejected { step, code, text } => {
                let detail = text
                    .as_deref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default();
                fill(
                    t.rejected,
                    &[
                        step.label(t),
                        &code.to_string(),
                        &detail,
                        action_for(t, *step),
                    ],
                )
            }
            Failure::TimedOut(step) => fill(t.timed_out, &[step.label(t), action_for(t, *step)]),
            Failure::Unreadable(step) => fill(t.unreadable, &[step.label(t)]),
            Failure::GaveUp { attempts, last } => {
                fill(t.gave_up_failure, &[&attempts.to_string(), last])
            }
            Failure::SignInExpired { code } => fill(t.sign_in_expired, &[&code.to_string()]),
            Failure::FileNotSent { name, problem } => {
                let why = match problem {
                    FileProblem::NotAPicture => t.file_not_picture.to_owned(),
                    FileProblem::Empty => t.file_empty.to_owned(),
                    FileProblem::TooLarge(size) => {
                        fill(t.file_too_large, &[&crate::files::megabytes(*size)])
                    }
                    FileProblem::NoFileSharing => t.file_sharing_off.to_owned(),
                };
                fill(t.file_not_sent, &[name, &why])
            }
            Failure::OutboxFull => fill(
                t.outbox_full,
                &[&crate::outbox::MAX_UNCONFIRMED.to_string()],
            ),
        }
    }

    /// The reason alone, for "last problem" texts.
    pub(crate) fn short(&self, t: &Texts) -> String {
        match self {
            Failure::SocketClosed { code, reason } => {
                fill(t.connection_closed, &[&close_detail(t, *code, reason)])
            }
            other => other.message(t),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(&EN))
    }
}

impl std::error::Error for Failure {}

fn close_detail(t: &Texts, code: u16, reason: &str) -> String {
    match (code, reason.is_empty()) {
        (1006, _) => t.closed_unexpectedly.into(),
        (_, true) => fill(t.closed_code, &[&code.to_string()]),
        (_, false) => fill(
            t.closed_code_reason,
            &[
                &code.to_string(),
                &reason.chars().take(120).collect::<String>(),
            ],
        ),
    }
}

fn action_for(t: &Texts, step: Step) -> &'static str {
    match step {
        Step::Authentication | Step::Subscribe | Step::Domains | Step::Identity | Step::Socket => {
            t.do_connect
        }
        Step::StartConversation => t.do_start,
        Step::Send => t.do_send,
        Step::EndConversation | Step::Rating => t.do_end,
        Step::Upload => t.do_upload,
    }
}
