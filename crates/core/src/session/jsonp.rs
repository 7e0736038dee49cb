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
        let again = match step {
            HttpStep::Domains if !self.jsonp.domains => {
                self.jsonp.domains = true;
                HttpStep::Domains
            }
            // The connector flow has no JSONP form: a connector the page named stays its choice.
            HttpStep::Authorize | HttpStep::Exchange if self.signin.given() => return false,
            // Otherwise the idp's only JSONP form, signup.
            HttpStep::Signup | HttpStep::Authorize | HttpStep::Exchange if !self.jsonp.idp => {
                self.jsonp.idp = true;
                HttpStep::Signup
            }
            _ => return false,
        };
        self.fetch(again, 0);
        true
    }

    /// Asks the Domain API for each service as JSONP, all at once.
    pub(super) fn look_up_by_jsonp(&mut self, attempt: u32) {
        let Some(e) = self.place.endpoints() else {
            return;
        };
        let urls = SERVICES.map(|s| (s, e.csdr_jsonp_url(s)));
        self.jsonp.asked.clear(); // answers to earlier lookups are no longer awaited
        self.jsonp.found.clear();
        self.jsonp.failure = None;
        for (service, url) in urls {
            let id = self.fx.http(HttpMethod::Jsonp, url, None);
            self.jsonp.asked.push((id, service));
        }
        if let Some((first, _)) = self.jsonp.asked.first() {
            self.link
                .go(super::LinkState::Http(HttpStep::Domains, *first, attempt));
        }
    }

    /// One service's JSONP answer; once all are in, the hosts are taken as from the Domain API.
    pub(super) fn on_jsonp_domain(&mut self, id: HttpId, result: Result<HttpReply, NetError>) {
        let j = &mut self.jsonp;
        let Some(at) = j.asked.iter().position(|(asked, _)| *asked == id) else {
            return;
        };
        let (_, service) = j.asked.swap_remove(at);
        match http_json::<serde_json::Value>(result) {
            Ok(answer) => j
                .found
                .extend(lpchat_wire::csdr::host(&answer).map(|host| BaseUri {
                    service: service.to_owned(),
                    account: None,
                    base_uri: host.to_owned(),
                })),
            // A service the session can do without may fail; the first of the others is the reason.
            Err(f) if SERVICES[..2].contains(&service) => {
                j.failure.get_or_insert(f);
            }
            Err(_) => {}
        }
        // The last answer: taken only if the session still waits for it (not after a Disconnect).
        if !j.asked.is_empty()
            || !matches!(
                self.link.state(),
                super::LinkState::Http(HttpStep::Domains, ..)
            )
        {
            return;
        }
        let domains = DomainApiResponse {
            base_uris: std::mem::take(&mut j.found),
        };
        match j
            .failure
            .take()
            .map_or_else(|| self.take_domains(&domains), Err)
        {
            Ok(()) => self.domains_known(),
            Err(f) => self.fail(Failure::Http(Step::Domains, f)),
        }
    }
}
