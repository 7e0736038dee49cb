//! Signing in without a brand token: which of LivePerson's two unauthenticated flows an account gets,
//! and what is known of its unauthenticated connector (PROTOCOL.md §2.1, §2.3).
//!
//! The connector flow comes first (`/signup` is deprecated since 2019 and a production account may
//! refuse it): `anonymous/authorize` gives an external token, `app/{connector}/authenticate?v=3.0`
//! exchanges it for the consumer's token. The connector is the one given by the page (`?connector=`
//! or Settings), else the one cached for the account, else looked up from the account's connectors
//! on its `acCdnDomain` host, in parallel with `anonymous/authorize`, which does not depend on it.
//! `/signup` is the fallback when the account has no connector flow; a given connector has no
//! fallback (the user asked for it). docs/DECISIONS.md, "Unauthenticated sign-in", says why.
//!
//! This machine decides; the link (`session/link.rs`) sends the requests it asks for.

use crate::io::HttpId;

/// What the sign-in needs done next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Next {
    /// `POST anonymous/authorize`, with [`SignIn::external`] to refresh it if there is one.
    Authorize,
    /// `POST app/{connector}/authenticate?v=3.0` with the external token, the connector being
    /// [`SignIn::connector`].
    Exchange,
    /// Nothing until the connector lookup answers.
    AwaitLookup,
    /// `POST /signup`.
    Signup,
}

/// Why an account has no connector flow, in terms of what it lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lack {
    /// The Domain API lists no `acCdnDomain`, where connectors are looked up.
    NoConfigHost,
    /// The account's connectors include no unauthenticated messaging connector.
    NoConnector,
    /// The account's connectors could not be read (the status, 0 without an answer).
    LookupFailed(u16),
    /// `anonymous/authorize` was refused: unauthenticated messaging is not enabled (its status).
    NotEnabled(u16),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Connector {
    Unknown,
    Looking(HttpId),
    Known { id: String, given: bool },
    Absent(Lack),
}

/// The unauthenticated sign-in of one account.
#[derive(Debug, Clone)]
pub(crate) struct SignIn {
    connector: Connector,
    /// The external token of `anonymous/authorize` (10 minutes; refreshable for 730 hours, §2.3).
    external: Option<String>,
    /// `anonymous/authorize` answered in this sign-in (the external token is fresh).
    authorized: bool,
    /// This sign-in refreshes an earlier external token (the consumer stays the same).
    refreshing: bool,
}

impl Default for SignIn {
    fn default() -> Self {
        SignIn {
            connector: Connector::Unknown,
            external: None,
            authorized: false,
            refreshing: false,
        }
    }
}

impl SignIn {
    /// The connector the page gives (checked digits), or none: then a given one is forgotten and a
    /// cached or looked-up one is used.
    pub(crate) fn give(&mut self, connector: Option<String>) {
        match connector {
            Some(id) => {
                if !matches!(&self.connector, Connector::Known { id: known, .. } if *known == id) {
                    self.external = None; // an external token belongs to its connector's account setup
                }
                self.connector = Connector::Known { id, given: true };
            }
            None if matches!(self.connector, Connector::Known { given: true, .. }) => {
                self.connector = Connector::Unknown;
            }
            None => {}
        }
    }

    /// What the account's record says: its connector (or that it has none) and the external token.
    pub(crate) fn restore(
        &mut self,
        connector: Option<String>,
        none: bool,
        external: Option<String>,
    ) {
        if matches!(self.connector, Connector::Known { given: true, .. }) {
            return;
        }
        self.connector = match (connector, none) {
            (Some(id), _) => Connector::Known { id, given: false },
            (None, true) => Connector::Absent(Lack::NoConnector),
            (None, false) => Connector::Unknown,
        };
        self.external = external;
    }

    /// Starts a sign-in. Returns whether the connectors must be looked up (the caller sends the
    /// request and reports its id with [`SignIn::looking`]) and what to do next.
    pub(crate) fn begin(&mut self, can_look_up: bool) -> (bool, Next) {
        self.authorized = false;
        self.refreshing = self.external.is_some();
        match &self.connector {
            Connector::Unknown if can_look_up => (true, Next::Authorize),
            Connector::Unknown => {
                self.connector = Connector::Absent(Lack::NoConfigHost);
                (false, Next::Signup)
            }
            Connector::Absent(_) => (false, Next::Signup),
            Connector::Looking(_) | Connector::Known { .. } => (false, Next::Authorize),
        }
    }

    /// The lookup was sent as `id`.
    pub(crate) fn looking(&mut self, id: HttpId) {
        self.connector = Connector::Looking(id);
    }

    /// Whether `id` is the connector lookup.
    pub(crate) fn is_lookup(&self, id: HttpId) -> bool {
        self.connector == Connector::Looking(id)
    }

    /// `anonymous/authorize` answered with an external token.
    pub(crate) fn authorized(&mut self, token: String) -> Next {
        self.external = Some(token);
        self.authorized = true;
        self.after_authorize()
    }

    fn after_authorize(&self) -> Next {
        match &self.connector {
            Connector::Known { .. } => Next::Exchange,
            Connector::Looking(_) => Next::AwaitLookup,
            Connector::Unknown | Connector::Absent(_) => Next::Signup,
        }
    }

    /// `anonymous/authorize` was refused with `status` (4xx). A refused refresh starts over as a new
    /// anonymous consumer; otherwise the account has no connector flow: `/signup`, unless the page
    /// gave the connector (`None`: the sign-in fails).
    pub(crate) fn authorize_refused(&mut self, status: u16) -> Option<Next> {
        if self.external.take().is_some() {
            self.refreshing = false;
            return Some(Next::Authorize);
        }
        self.without_connector_flow(status)
    }

    /// The connector lookup answered: the unauthenticated connector's id, `Ok(None)` if it has none,
    /// or the status that failed it (0: no answer). Returns what to do if the sign-in waited for it.
    pub(crate) fn lookup_done(&mut self, found: Result<Option<String>, u16>) -> Option<Next> {
        self.connector = match found {
            Ok(Some(id)) => Connector::Known { id, given: false },
            Ok(None) => Connector::Absent(Lack::NoConnector),
            Err(status) => Connector::Absent(Lack::LookupFailed(status)),
        };
        self.authorized.then(|| self.after_authorize())
    }

    /// `authenticate?v=3.0` refused the external token with `status`. A given connector fails the
    /// sign-in (`None`); a cached or looked-up one is dropped and `/signup` tried.
    pub(crate) fn exchange_refused(&mut self, status: u16) -> Option<Next> {
        self.external = None;
        self.without_connector_flow(status)
    }

    /// The connector flow refused with `status`: `/signup`, unless the page gave the connector
    /// (`None`: the sign-in fails).
    fn without_connector_flow(&mut self, status: u16) -> Option<Next> {
        if matches!(self.connector, Connector::Known { given: true, .. }) {
            return None;
        }
        self.connector = Connector::Absent(Lack::NotEnabled(status));
        Some(Next::Signup)
    }

    /// Why the account has no connector flow, once that is known.
    pub(crate) fn lack(&self) -> Option<Lack> {
        match self.connector {
            Connector::Absent(lack) => Some(lack),
            _ => None,
        }
    }

    /// The connector in use or to be used, if known.
    pub(crate) fn connector(&self) -> Option<&str> {
        match &self.connector {
            Connector::Known { id, .. } => Some(id),
            _ => None,
        }
    }

    /// Whether this sign-in renews an earlier consumer (the conversation stays theirs).
    pub(crate) fn given(&self) -> bool {
        matches!(self.connector, Connector::Known { given: true, .. })
    }

    /// Whether the external token is being refreshed (the consumer renewed, not new).
    pub(crate) fn refreshing(&self) -> bool {
        self.refreshing
    }

    /// The external token, kept to refresh the identity.
    pub(crate) fn external(&self) -> Option<&str> {
        self.external.as_deref()
    }

    /// For the account's record: the connector, and whether the account has none (so a later
    /// sign-in goes straight to `/signup`).
    pub(crate) fn to_store(&self) -> (Option<String>, bool) {
        match &self.connector {
            Connector::Known { id, .. } => (Some(id.clone()), false),
            Connector::Absent(Lack::NoConnector | Lack::NotEnabled(_) | Lack::NoConfigHost) => {
                (None, true)
            }
            _ => (None, false),
        }
    }

    /// "Forget me": nothing of the account is kept, except a connector the page gives.
    pub(crate) fn forget(&mut self) {
        let given = matches!(self.connector, Connector::Known { given: true, .. });
        self.external = None;
        if !given {
            self.connector = Connector::Unknown;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_connector_is_looked_up_while_authorize_runs() {
        let mut s = SignIn::default();
        assert_eq!(s.begin(true), (true, Next::Authorize));
        s.looking(HttpId(7));
        assert!(s.is_lookup(HttpId(7)));
        assert_eq!(s.authorized("ext".into()), Next::AwaitLookup);
        assert_eq!(s.lookup_done(Ok(Some("42".into()))), Some(Next::Exchange));
        assert_eq!(s.connector(), Some("42"));
        assert_eq!(s.to_store(), (Some("42".into()), false));
    }

    #[test]
    fn a_lookup_that_answers_first_is_used_when_authorize_does() {
        let mut s = SignIn::default();
        s.begin(true);
        s.looking(HttpId(1));
        assert_eq!(s.lookup_done(Ok(Some("9".into()))), None);
        assert_eq!(s.authorized("ext".into()), Next::Exchange);
        assert_eq!(s.connector(), Some("9"));
    }

    #[test]
    fn without_a_connector_the_fallback_is_signup_and_is_remembered() {
        let mut s = SignIn::default();
        s.begin(true);
        s.looking(HttpId(1));
        s.authorized("ext".into());
        assert_eq!(s.lookup_done(Ok(None)), Some(Next::Signup));
        assert_eq!(s.lack(), Some(Lack::NoConnector));
        assert_eq!(s.to_store(), (None, true));
        let mut later = SignIn::default();
        later.restore(None, true, None);
        assert_eq!(later.begin(true), (false, Next::Signup));
    }

    #[test]
    fn no_config_host_means_signup_straight_away() {
        let mut s = SignIn::default();
        assert_eq!(s.begin(false), (false, Next::Signup));
        assert_eq!(s.lack(), Some(Lack::NoConfigHost));
    }

    #[test]
    fn a_refused_authorize_falls_back_unless_the_connector_was_given() {
        let mut s = SignIn::default();
        s.begin(true);
        s.looking(HttpId(1));
        assert_eq!(s.authorize_refused(403), Some(Next::Signup));
        assert_eq!(s.lack(), Some(Lack::NotEnabled(403)));

        let mut given = SignIn::default();
        given.give(Some("5".into()));
        assert_eq!(given.begin(true), (false, Next::Authorize));
        assert_eq!(given.authorize_refused(403), None);
        assert_eq!(given.to_store(), (Some("5".into()), false));
    }

    #[test]
    fn a_refused_refresh_starts_over_as_a_new_consumer() {
        let mut s = SignIn::default();
        s.restore(Some("42".into()), false, Some("old".into()));
        assert_eq!(s.begin(true), (false, Next::Authorize));
        assert!(s.refreshing());
        assert_eq!(s.authorize_refused(401), Some(Next::Authorize));
        assert!(!s.refreshing());
        assert_eq!(s.external(), None);
        assert_eq!(s.authorized("new".into()), Next::Exchange);
        assert_eq!(s.connector(), Some("42"));
    }

    #[test]
    fn a_stale_cached_connector_gives_way_to_signup_but_a_given_one_fails() {
        let mut s = SignIn::default();
        s.restore(Some("42".into()), false, None);
        s.begin(true);
        s.authorized("ext".into());
        assert_eq!(s.exchange_refused(404), Some(Next::Signup));
        let mut given = SignIn::default();
        given.give(Some("42".into()));
        given.begin(true);
        given.authorized("ext".into());
        assert_eq!(given.exchange_refused(404), None);
    }

    #[test]
    fn a_given_connector_wins_over_the_record_and_forget_keeps_it() {
        let mut s = SignIn::default();
        s.give(Some("5".into()));
        s.restore(Some("42".into()), false, Some("ext".into()));
        assert_eq!(s.connector(), Some("5"));
        s.forget();
        assert_eq!(s.connector(), Some("5"));
        s.give(None);
        assert_eq!(s.connector(), None);
    }
}
