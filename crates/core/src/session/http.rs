//! The HTTP steps of the connection (PROTOCOL.md §1, §2): the Domain API and the identity requests,
//! their retries (§9), and where the answers go.

use super::{HttpStep, LinkState, Session};
use crate::{
    failure::{Failure, HttpFailure, Step},
    io::{HttpId, HttpMethod, HttpReply, NetError},
};
use lpchat_wire::{AuthenticateRequest, DomainApiResponse, IdTokenRequest};
use std::time::Duration;

/// 5xx answers from the Domain API or idp are retried this many times, after 5, 10, 15 s (§9).
const HTTP_5XX_RETRIES: u32 = 3;

impl Session {
    pub(super) fn fetch(&mut self, step: HttpStep, attempt: u32) {
        let Some(e) = self.place.endpoints() else {
            return;
        };
        let (method, url) = match step {
            HttpStep::Domains if self.jsonp.domains() => return self.look_up_by_jsonp(attempt),
            HttpStep::Domains => (HttpMethod::Get, e.domain_api_url()),
            HttpStep::Signup => match &e.idp {
                Some(idp) if self.jsonp.signup() => (HttpMethod::Jsonp, e.signup_jsonp_url(idp)),
                Some(idp) => (HttpMethod::Post, e.signup_url(idp)),
                None => return self.fetch(HttpStep::Domains, 0),
            },
            HttpStep::Authenticate => match &e.idp {
                Some(idp) => (HttpMethod::Post, e.authenticate_url(idp)),
                None => return self.fetch(HttpStep::Domains, 0),
            },
            HttpStep::Authorize => match &e.idp {
                Some(idp) => (HttpMethod::Post, e.anonymous_authorize_url(idp)),
                None => return self.fetch(HttpStep::Domains, 0),
            },
            HttpStep::Exchange => match (&e.idp, self.signin.connector()) {
                (Some(idp), Some(connector)) => (
                    HttpMethod::Post,
                    e.connector_authenticate_url(idp, connector),
                ),
                _ => return self.fetch(HttpStep::Domains, 0),
            },
        };
        let body = match (step, self.place.code()) {
            (HttpStep::Authenticate, Some(code)) => serde_json::to_string(&AuthenticateRequest {
                auth_code: code.to_owned(),
            })
            .ok(),
            // JSON either way (§2.3): `{}` for a new consumer, the external token to refresh it.
            (HttpStep::Authorize | HttpStep::Exchange, _) => {
                serde_json::to_string(&IdTokenRequest {
                    id_token: self.signin.external().map(str::to_owned),
                })
                .ok()
            }
            _ => None,
        };
        let id = self.fx.http(method, url, body);
        self.link.go(LinkState::Http(step, id, attempt));
    }

    pub(super) fn on_http(&mut self, id: HttpId, result: Result<HttpReply, NetError>) {
        if self.on_upload_done(id, &result) || self.agents.answered(id, &result) {
            return;
        }
        if self.signin.is_lookup(id) {
            return self.on_connectors(result);
        }
        if self.jsonp.owns(id) {
            return self.on_jsonp_domain(id, result);
        }
        let LinkState::Http(step, expected, attempt) = *self.link.state() else {
            return;
        };
        if expected != id {
            return; // an answer to an abandoned request
        }
        // Retry guidance (PROTOCOL.md §9): 429 → at least 1 s; 5xx → 5, 10, 15 s; other 4xx → no retry.
        if let Ok(reply) = &result {
            let wait = match reply.status {
                429 if attempt < HTTP_5XX_RETRIES => Some(Duration::from_secs(1) * (attempt + 1)),
                500..=599 if attempt < HTTP_5XX_RETRIES => {
                    Some(Duration::from_secs(5) * (attempt + 1))
                }
                _ => None,
            };
            if let Some(wait) = wait {
                self.link
                    .go(LinkState::HttpWait(step, self.fx.after(wait), attempt + 1));
                return;
            }
        }
        if self.jsonp_instead(step, &result) {
            return;
        }
        if result.is_err() && self.link.established() {
            // Reconnecting and the network is not there: the reconnect backoff decides when to try again.
            self.link.problem(self.t.no_answer.into());
            return self.schedule_reconnect();
        }
        match step {
            HttpStep::Domains => match http_json(result).and_then(|d| self.take_domains(&d)) {
                Err(f) => self.fail(Failure::Http(Step::Domains, f)),
                Ok(()) => self.domains_known(),
            },
            _ => self.on_identity_answer(step, result),
        }
    }

    /// The account's hosts are in: keep them and go on.
    pub(super) fn domains_known(&mut self) {
        self.fx.mark("domains");
        self.save();
        self.proceed();
    }

    /// Takes the hosts the Domain API (or its JSONP lookups) gave, if the two it needs are usable.
    pub(super) fn take_domains(&mut self, domains: &DomainApiResponse) -> Result<(), HttpFailure> {
        let endpoints = self.place.endpoints_mut().ok_or(HttpFailure::Body)?;
        let host = |service: &'static str| {
            domains
                .host(service)
                .and_then(|h| endpoints.checked_host(h))
                .ok_or(HttpFailure::MissingService(service))
        };
        let (idp, ums) = (host("idp")?, host("asyncMessagingEnt")?);
        // Optional services: without them, no file sharing or agent profiles, nothing else changes.
        let (swift, ac_cdn) = (host("swift").ok(), host("acCdnDomain").ok());
        endpoints.idp = Some(idp);
        endpoints.ums = Some(ums);
        endpoints.swift = swift;
        endpoints.ac_cdn = ac_cdn;
        Ok(())
    }
}

/// A 2xx JSON answer decoded, or why not.
pub(super) fn http_json<T: serde::de::DeserializeOwned>(
    result: Result<HttpReply, NetError>,
) -> Result<T, HttpFailure> {
    let reply = result.map_err(HttpFailure::Network)?;
    if !(200..300).contains(&reply.status) {
        return Err(HttpFailure::Status(reply.status));
    }
    lpchat_wire::from_json(&reply.body).map_err(|_| HttpFailure::Body)
}
