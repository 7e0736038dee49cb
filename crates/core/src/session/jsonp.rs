//! The JSONP fallback (PROTOCOL.md §1.4): when a `fetch` to the Domain API or the idp gets no answer
//! the way a CORS refusal gets none (a page cannot tell the two apart), the session asks again with
//! the JSONP forms LivePerson's own browser clients use: the Domain API one service a request (all in
//! parallel), and `signup.jsonp`. What was learned lasts for the session.

use super::{http::http_json, HttpStep, Session};
use crate::{
    failure::{Failure, HttpFailure, Step},
    io::{HttpId, HttpMethod, HttpReply, NetError},
};
use lpchat_wire::{BaseUri, DomainApiResponse};

/// The services asked for one by one: the two the session needs, then the two it can do without.
const SERVICES: [&str; 4] = ["asyncMessagingEnt", "idp", "swift", "acCdnDomain"];

/// What is known of the hosts whose answers the page cannot read, and the lookups in flight.
#[derive(Debug, Default)]
pub(crate) struct Jsonp {
    /// The Domain API answered no `fetch`: it is asked by JSONP.
    domains: bool,
    /// The idp answered no `fetch`: signup goes by JSONP (it has no other JSONP form).
    idp: bool,
    /// Lookups in flight: the request and its service.
    asked: Vec<(HttpId, &'static str)>,
    /// The hosts they named, as the Domain API lists them.
    found: Vec<BaseUri>,
    /// Why a lookup of a service the session needs came back without an answer, if one did.
    failure: Option<HttpFailure>,
}

impl Jsonp {
    /// Whether the Domain API is asked by JSONP.
    pub(crate) fn domains(&self) -> bool {
        self.domains
    }

    /// Whether signup goes by JSONP.
    pub(crate) fn signup(&self) -> bool {
        self.idp
    }

    /// Whether `id` is one of the Domain API lookups.
    pub(crate) fn owns(&self, id: HttpId) -> bool {
        self.asked.iter().any(|(asked, _)| *asked == id)
    }

    /// The JSONP form to ask instead of `step`, which got no answer the way a CORS refusal gets none:
    /// the Domain API's lookups, or signup (the idp's only JSONP form), each switched to once and for
    /// the rest of the session. None for a connector the page named (the connector flow has no JSONP
    /// form, and the page's choice stays), nor for a host already asked that way.
    #[must_use]
    pub(crate) fn instead_of(&mut self, step: HttpStep, connector_given: bool) -> Option<HttpStep> {
        match step {
            HttpStep::Domains if !self.domains => {
                self.domains = true;
                Some(HttpStep::Domains)
            }
            HttpStep::Authorize | HttpStep::Exchange if connector_given => None,
            HttpStep::Signup | HttpStep::Authorize | HttpStep::Exchange if !self.idp => {
                self.idp = true;
                Some(HttpStep::Signup)
            }
            _ => None,
        }
    }

    /// Starts the lookups, one a service, forgetting earlier ones (their answers are no longer
    /// awaited): `ask` makes each request. Returns the first request's id.
    #[must_use]
    pub(crate) fn look_up(
        &mut self,
        mut ask: impl FnMut(&'static str) -> HttpId,
    ) -> Option<HttpId> {
        self.found.clear();
        self.failure = None;
        self.asked = SERVICES.map(|s| (ask(s), s)).to_vec();
        self.asked.first().map(|(id, _)| *id)
    }

    /// One lookup's answer (its parsed JSON, or why there is none). Once the last is in: the hosts
    /// as the Domain API would list them, or the failure of the first service the session needs
    /// that came back without an answer (the two it can do without may fail).
    #[must_use]
    pub(crate) fn answered(
        &mut self,
        id: HttpId,
        answer: Result<serde_json::Value, HttpFailure>,
    ) -> Option<Result<DomainApiResponse, HttpFailure>> {
        let at = self.asked.iter().position(|(asked, _)| *asked == id)?;
        let (_, service) = self.asked.swap_remove(at);
        match answer {
            Ok(answer) => self
                .found
                .extend(lpchat_wire::csdr::host(&answer).map(|host| BaseUri {
                    service: service.to_owned(),
                    account: None,
                    base_uri: host.to_owned(),
                })),
            Err(f) if SERVICES[..2].contains(&service) => {
                self.failure.get_or_insert(f);
            }
            Err(_) => {}
        }
        if !self.asked.is_empty() {
            return None;
        }
        let base_uris = std::mem::take(&mut self.found);
        Some(match self.failure.take() {
            Some(f) => Err(f),
            None => Ok(DomainApiResponse { base_uris }),
        })
    }
}

impl Session {
    /// Whether a request without an answer should be made again by JSONP; if so, it is.
    pub(super) fn jsonp_instead(
        &mut self,
        step: HttpStep,
        result: &Result<HttpReply, NetError>,
    ) -> bool {
        if !matches!(result, Err(NetError::Unreachable)) || self.link.established() {
            return false;
        }
        let Some(again) = self.jsonp.instead_of(step, self.signin.given()) else {
            return false;
        };
        self.fetch(again, 0);
        true
    }

    /// Asks the Domain API for each service as JSONP, all at once.
    pub(super) fn look_up_by_jsonp(&mut self, attempt: u32) {
        let Some(e) = self.place.endpoints() else {
            return;
        };
        let fx = &mut self.fx;
        let first = self
            .jsonp
            .look_up(|service| fx.http(HttpMethod::Jsonp, e.csdr_jsonp_url(service), None));
        if let Some(first) = first {
            self.link
                .go(super::LinkState::Http(HttpStep::Domains, first, attempt));
        }
    }

    /// One service's JSONP answer; once all are in, the hosts are taken as from the Domain API.
    pub(super) fn on_jsonp_domain(&mut self, id: HttpId, result: Result<HttpReply, NetError>) {
        let Some(all) = self.jsonp.answered(id, http_json(result)) else {
            return;
        };
        // Taken only if the session still waits for it (not after a Disconnect).
        if !matches!(
            self.link.state(),
            super::LinkState::Http(HttpStep::Domains, ..)
        ) {
            return;
        }
        match all.and_then(|domains| self.take_domains(&domains)) {
            Ok(()) => self.domains_known(),
            Err(f) => self.fail(Failure::Http(Step::Domains, f)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_host_switches_to_jsonp_once_and_a_named_connector_never_does() {
        let mut j = Jsonp::default();
        assert_eq!(
            j.instead_of(HttpStep::Domains, false),
            Some(HttpStep::Domains)
        );
        assert!(j.domains());
        assert_eq!(j.instead_of(HttpStep::Domains, false), None, "once");
        assert_eq!(j.instead_of(HttpStep::Exchange, true), None);
        assert!(!j.signup(), "the page's connector stays its choice");
        assert_eq!(j.instead_of(HttpStep::Authenticate, false), None);
        assert_eq!(
            j.instead_of(HttpStep::Authorize, false),
            Some(HttpStep::Signup),
            "the idp's only JSONP form"
        );
        assert!(j.signup());
        assert_eq!(j.instead_of(HttpStep::Signup, false), None, "once");
    }

    /// Starts a lookup whose requests get ids from `first` on; returns them in service order.
    fn looked_up(j: &mut Jsonp, first: u64) -> Vec<HttpId> {
        let mut next = first;
        let mut asked = Vec::new();
        let head = j.look_up(|_| {
            next += 1;
            asked.push(HttpId(next));
            HttpId(next)
        });
        assert_eq!(head, asked.first().copied());
        asked
    }

    /// A service's JSONP answer naming host `h`, as the Domain API writes it.
    fn host(h: &str) -> Result<serde_json::Value, HttpFailure> {
        Ok(lpchat_wire::csdr::answer(h))
    }

    #[test]
    fn the_hosts_are_taken_once_every_service_answered_and_optional_ones_may_fail() {
        let mut j = Jsonp::default();
        let ids = looked_up(&mut j, 0);
        assert_eq!(ids.len(), SERVICES.len());
        assert!(ids.iter().all(|id| j.owns(*id)));
        assert_eq!(j.answered(HttpId(99), host("x")), None, "not a lookup");
        assert_eq!(j.answered(ids[3], Err(HttpFailure::Body)), None);
        assert_eq!(j.answered(ids[0], host("va.msg.test")), None);
        assert_eq!(j.answered(ids[2], Err(HttpFailure::Status(500))), None);
        let all = j.answered(ids[1], host("va.idp.test")).expect("all in");
        let listed = all.expect("no needed service failed");
        assert_eq!(listed.host("asyncMessagingEnt"), Some("va.msg.test"));
        assert_eq!(listed.host("idp"), Some("va.idp.test"));
        assert_eq!(listed.host("swift"), None, "no pictures, but a session");
        assert_eq!(listed.host("acCdnDomain"), None);
        assert!(!j.owns(ids[1]));
    }

    #[test]
    fn a_needed_service_without_an_answer_is_the_failure_and_a_new_lookup_forgets_the_old() {
        let mut j = Jsonp::default();
        let old = looked_up(&mut j, 0);
        assert_eq!(j.answered(old[0], Err(HttpFailure::Status(500))), None);
        let new = looked_up(&mut j, 10);
        assert!(!j.owns(old[1]), "earlier answers are no longer awaited");
        assert_eq!(j.answered(new[1], Err(HttpFailure::Status(404))), None);
        assert_eq!(j.answered(new[0], Err(HttpFailure::Status(503))), None);
        assert_eq!(j.answered(new[2], host("va.swift.test")), None);
        assert_eq!(
            j.answered(new[3], host("accdn.test")),
            Some(Err(HttpFailure::Status(404))),
            "the first needed service that failed, not the old lookup's"
        );
    }
}
