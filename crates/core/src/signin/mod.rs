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
mod tests;
