//! Each failure in the user's language: which step, why, what to do.

use super::{Failure, FileProblem, HttpFailure, Step};
use crate::{
    signin::Lack,
    text::{fill, Texts, EN},
};
use lpchat_wire::JwtError;
use std::fmt;

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
