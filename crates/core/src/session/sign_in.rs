//! The consumer's identity without a brand token: the connector flow or `/signup`, as `signin.rs`
//! decides (PROTOCOL.md §2.1, §2.3), and the token that comes back.

use super::{http::http_json, place::Identity, HttpStep, LinkState, Session};
use crate::{
    endpoints::Endpoints,
    failure::{Failure, HttpFailure, Step},
    io::{HttpMethod, HttpReply, NetError},
    signin::Next,
};
use lpchat_wire::{jwt_claims, SignupResponse};

impl Session {
    /// An unauthenticated identity: the connector flow, or `/signup` (`signin.rs` decides).
    pub(super) fn sign_in(&mut self) {
        let url = self.place.endpoints().and_then(Endpoints::connectors_url);
        let (look_up, next) = self.signin.begin(url.is_some());
        if let (true, Some(url)) = (look_up, url) {
            let id = self.fx.http(HttpMethod::Get, url, None);
            self.signin.looking(id);
        }
        self.sign_in_next(next);
    }

    pub(super) fn sign_in_next(&mut self, next: Next) {
        match next {
            Next::Authorize => self.fetch(HttpStep::Authorize, 0),
            Next::Exchange => self.fetch(HttpStep::Exchange, 0),
            Next::AwaitLookup => self.link.go(LinkState::AwaitConnector),
            Next::Signup => self.fetch(HttpStep::Signup, 0),
        }
    }

    /// The account's connectors answered (PROTOCOL.md §2.3).
    pub(super) fn on_connectors(&mut self, result: Result<HttpReply, NetError>) {
        let found = match http_json::<serde_json::Value>(result) {
            Ok(list) if list.is_array() => Ok(lpchat_wire::connectors::unauthenticated(&list)
                .filter(|id| lpchat_wire::is_connector_id(id))),
            Err(HttpFailure::Status(status)) => Err(status),
            _ => Err(0),
        };
        if let Some(next) = self.signin.lookup_done(found) {
            if matches!(self.link.state(), LinkState::AwaitConnector) {
                self.sign_in_next(next);
            }
        }
    }

    /// A consumer token arrived: keep it and open the socket. `fresh`: a new consumer, who cannot
    /// have conversations yet.
    pub(super) fn identity_from(&mut self, jwt: String, authenticated: bool, fresh: bool) {
        match jwt_claims(&jwt) {
            Err(e) => self.fail(Failure::BadToken(e)),
            Ok(claims) => {
                self.place.signed_in(Identity {
                    jwt,
                    sub: claims.sub,
                    authenticated,
                });
                self.conversation.fresh_identity(fresh);
                self.fx.mark("identity");
                self.save();
                self.open_socket();
            }
        }
    }

    pub(super) fn connector_refused(&mut self, code: u16) {
        let connector = self.signin.connector().unwrap_or_default().to_owned();
        self.fail(Failure::ConnectorRefused { connector, code })
    }

    /// An identity step answered (after the link's retries): the connector flow's steps, `/signup`
    /// or the brand's `/authenticate`.
    pub(super) fn on_identity_answer(
        &mut self,
        step: HttpStep,
        result: Result<HttpReply, NetError>,
    ) {
        let refused = match &result {
            Ok(reply) if (400..500).contains(&reply.status) => Some(reply.status),
            _ => None,
        };
        match (step, refused) {
            (HttpStep::Authorize, Some(code)) => {
                let renewing = self.signin.refreshing();
                match self.signin.authorize_refused(code) {
                    Some(next) => {
                        if renewing {
                            // The earlier consumer cannot be renewed: a new one cannot see its conversation.
                            self.conversation_lost_with_identity(code);
                        }
                        return self.sign_in_next(next);
                    }
                    None => return self.connector_refused(code),
                }
            }
            (HttpStep::Exchange, Some(code)) => {
                return match self.signin.exchange_refused(code) {
                    Some(next) => self.sign_in_next(next),
                    None => self.connector_refused(code),
                }
            }
            (HttpStep::Signup, Some(code)) => {
                if let Some(lack) = self.signin.lack() {
                    return self.fail(Failure::NoSignIn { lack, signup: code });
                }
            }
            _ => {}
        }
        // Every identity step answers one token (`jwt`, or `token` in the connector flow).
        let token = match http_json::<SignupResponse>(result) {
            Ok(answer) => answer.jwt,
            Err(f) => return self.fail(Failure::Http(Step::Identity, f)),
        };
        match step {
            HttpStep::Authorize => {
                let next = self.signin.authorized(token);
                self.sign_in_next(next)
            }
            HttpStep::Exchange => {
                let fresh = !self.signin.refreshing();
                self.identity_from(token, false, fresh)
            }
            // A signup identity is new; an authenticated one may have conversations.
            HttpStep::Signup => self.identity_from(token, false, true),
            HttpStep::Authenticate => self.identity_from(token, true, false),
            HttpStep::Domains => {}
        }
    }
}
