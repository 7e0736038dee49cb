//! The first walk: every `Failure` the core can raise, built one by one (the matches have no
//! wildcard, so a new variant fails to compile here until it is added).

use super::*;

pub(super) fn every_step() -> Vec<Step> {
    let all = [
        Step::Domains,
        Step::Identity,
        Step::Socket,
        Step::Authentication,
        Step::StartConversation,
        Step::Send,
        Step::EndConversation,
        Step::Subscribe,
        Step::Upload,
        Step::Rating,
    ];
    for s in all {
        match s {
            Step::Domains
            | Step::Identity
            | Step::Socket
            | Step::Authentication
            | Step::StartConversation
            | Step::Send
            | Step::EndConversation
            | Step::Subscribe
            | Step::Upload
            | Step::Rating => {}
        }
    }
    all.to_vec()
}

pub(super) fn every_net_error() -> Vec<NetError> {
    let all = [
        NetError::Unreachable,
        NetError::Unreadable,
        NetError::Browser,
        NetError::FileGone,
    ];
    for e in all {
        match e {
            NetError::Unreachable
            | NetError::Unreadable
            | NetError::Browser
            | NetError::FileGone => {}
        }
    }
    all.to_vec()
}

pub(super) fn every_http_failure() -> Vec<HttpFailure> {
    let mut all: Vec<HttpFailure> = every_net_error()
        .into_iter()
        .map(HttpFailure::Network)
        .collect();
    all.extend([400, 401, 403, 404, 429, 500, 503].map(HttpFailure::Status));
    all.extend([
        HttpFailure::Body,
        HttpFailure::MissingService(SERVICES[0]),
        HttpFailure::MissingService(SERVICES[1]),
    ]);
    for f in &all {
        match f {
            HttpFailure::Network(_)
            | HttpFailure::Status(_)
            | HttpFailure::Body
            | HttpFailure::MissingService(_) => {}
        }
    }
    all
}

pub(super) fn every_failure(t: &Texts) -> Vec<Failure> {
    let problems = [
        Problem::AccountEmpty,
        Problem::AccountDigits,
        Problem::CsdsScheme,
        Problem::CsdsOrigin,
        Problem::CsdsHttp,
    ];
    let mut all = Vec::new();
    for p in problems {
        match p {
            Problem::AccountEmpty
            | Problem::AccountDigits
            | Problem::CsdsScheme
            | Problem::CsdsOrigin
            | Problem::CsdsHttp => {}
        }
        all.push(Failure::InvalidAccount(p));
        all.push(Failure::InvalidCsds(p));
    }
    for step in every_step() {
        for f in every_http_failure() {
            all.push(Failure::Http(step, f));
        }
        all.push(Failure::TimedOut(step));
        all.push(Failure::Unreadable(step));
        all.push(Failure::Rejected {
            step,
            code: 400,
            text: None,
        });
        all.push(Failure::Rejected {
            step,
            code: 500,
            text: Some(SERVER_WORDS.into()),
        });
    }
    for e in [JwtError::Shape, JwtError::Base64, JwtError::Claims] {
        match e {
            JwtError::Shape | JwtError::Base64 | JwtError::Claims => {}
        }
        all.push(Failure::BadToken(e));
    }
    for (code, reason) in [(1006, ""), (1000, ""), (1011, SERVER_WORDS), (4000, "")] {
        all.push(Failure::SocketClosed {
            code,
            reason: reason.into(),
        });
    }
    all.push(Failure::Unauthorized { code: 4401 });
    all.push(Failure::SignInExpired { code: 4407 });
    all.push(Failure::OutboxFull);
    all.push(Failure::InvalidSkill(SKILL.into()));
    all.push(Failure::InvalidConnector);
    for lack in [
        Lack::NoConfigHost,
        Lack::NoConnector,
        Lack::LookupFailed(0),
        Lack::LookupFailed(500),
        Lack::NotEnabled(403),
    ] {
        all.push(Failure::NoSignIn { lack, signup: 403 });
    }
    all.push(Failure::ConnectorRefused {
        connector: "42".into(),
        code: 401,
    });
    for last in [t.server_silent, t.no_answer, t.not_open_in_time] {
        all.push(Failure::GaveUp {
            attempts: 12,
            last: last.into(),
        });
    }
    for problem in [
        FileProblem::NotAPicture,
        FileProblem::Empty,
        FileProblem::TooLarge(4_000_000),
        FileProblem::NoFileSharing,
    ] {
        match problem {
            FileProblem::NotAPicture
            | FileProblem::Empty
            | FileProblem::TooLarge(_)
            | FileProblem::NoFileSharing => {}
        }
        all.push(Failure::FileNotSent {
            name: NAME.into(),
            problem,
        });
    }
    for f in &all {
        match f {
            Failure::InvalidAccount(_)
            | Failure::InvalidCsds(_)
            | Failure::InvalidSkill(_)
            | Failure::InvalidConnector
            | Failure::NoSignIn { .. }
            | Failure::ConnectorRefused { .. }
            | Failure::Http(..)
            | Failure::BadToken(_)
            | Failure::SocketClosed { .. }
            | Failure::Unauthorized { .. }
            | Failure::Rejected { .. }
            | Failure::TimedOut(_)
            | Failure::Unreadable(_)
            | Failure::GaveUp { .. }
            | Failure::SignInExpired { .. }
            | Failure::OutboxFull
            | Failure::FileNotSent { .. } => {}
        }
    }
    all
}
