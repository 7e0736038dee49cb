//! Where and as whom the session connects: the account's hosts (`Endpoints`), the consumer's
//! identity, and the brand's token that can make one. The rules about them live here: a pasted
//! token means a new identity, another account keeps nothing of the old one, a refused brand
//! identity takes its token with it, and stored hosts that fail are looked up again once.

use crate::{endpoints::Endpoints, storage::StoredAccount};

/// The consumer as LivePerson knows them: the token the socket signs in with.
pub(crate) struct Identity {
    pub(crate) jwt: String,
    /// The JWT's `sub`: the consumer id agents' events and receipts name.
    pub(crate) sub: String,
    /// From the brand's token (`/authenticate`), not an unauthenticated sign-in.
    pub(crate) authenticated: bool,
}

/// What the session goes on with, from what it knows (see [`Place::next`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next {
    /// An identity and a messaging host: open the socket.
    Socket,
    /// The brand's token and the hosts: exchange it for an identity.
    Authenticate,
    /// The hosts and nothing else: the unauthenticated sign-in.
    SignIn,
    /// The hosts are not known: ask the Domain API.
    Discover,
}

#[derive(Default)]
pub(super) struct Place {
    endpoints: Option<Endpoints>,
    identity: Option<Identity>,
    /// The brand token or code to authenticate with (never shown, never stored).
    auth_code: Option<String>,
    /// The hosts came from storage and have not worked yet.
    hosts_from_storage: bool,
}

impl Place {
    pub(super) fn endpoints(&self) -> Option<&Endpoints> {
        self.endpoints.as_ref()
    }

    pub(super) fn endpoints_mut(&mut self) -> Option<&mut Endpoints> {
        self.endpoints.as_mut()
    }

    pub(super) fn account(&self) -> Option<&str> {
        self.endpoints.as_ref().map(|e| e.account.as_str())
    }

    /// Moves to `endpoints`' account unless it is the one already here; `true` if it moved (then
    /// nothing of the old account is kept but the token the user just gave).
    pub(super) fn go_to(&mut self, endpoints: Endpoints) -> bool {
        let same = self
            .endpoints
            .as_ref()
            .is_some_and(|e| e.account == endpoints.account && e.csds == endpoints.csds);
        if !same {
            *self = Place {
                endpoints: Some(endpoints),
                auth_code: self.auth_code.take(),
                ..Place::default()
            };
        }
        !same
    }

    /// The user gave (or did not give) a brand token: a token means this identity, not the stored one.
    pub(super) fn give_code(&mut self, code: Option<String>) {
        if code.is_some() {
            self.identity = None;
        }
        self.auth_code = code;
    }

    pub(super) fn code(&self) -> Option<&str> {
        self.auth_code.as_deref()
    }

    pub(super) fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }

    pub(super) fn consumer_id(&self) -> Option<&str> {
        self.identity.as_ref().map(|i| i.sub.as_str())
    }

    pub(super) fn signed_in(&mut self, identity: Identity) {
        self.identity = Some(identity);
    }

    /// The server refused the identity: it goes; a brand's token goes with it (only the brand can
    /// issue another, PROTOCOL.md §2.2). `true` if it was the brand's.
    pub(super) fn identity_refused(&mut self) -> bool {
        let authenticated = self.identity.take().is_some_and(|i| i.authenticated);
        if authenticated {
            self.auth_code = None;
        }
        authenticated
    }

    /// A stored record was read: its hosts (when both needed ones are usable) and its identity (still
    /// valid, or `None`).
    pub(super) fn restore(&mut self, record: &StoredAccount, identity: Option<Identity>) {
        if let Some(e) = self.endpoints.as_mut() {
            let idp = record.idp.as_deref().and_then(|h| e.checked_host(h));
            let ums = record.ums.as_deref().and_then(|h| e.checked_host(h));
            if let (Some(idp), Some(ums)) = (idp, ums) {
                e.idp = Some(idp);
                e.ums = Some(ums);
                e.swift = record.swift.as_deref().and_then(|h| e.checked_host(h));
                e.ac_cdn = record.ac_cdn.as_deref().and_then(|h| e.checked_host(h));
                self.hosts_from_storage = true;
            }
        }
        self.identity = identity;
    }

    /// The hosts worked (a socket signed in with them).
    pub(super) fn hosts_worked(&mut self) {
        self.hosts_from_storage = false;
    }

    /// Stored hosts that do not work are forgotten, once (they can change, PROTOCOL.md §1.1): `true`
    /// if they were, and the Domain API is to be asked again.
    pub(super) fn drop_stored_hosts(&mut self) -> bool {
        if !std::mem::take(&mut self.hosts_from_storage) {
            return false;
        }
        if let Some(e) = self.endpoints.as_mut() {
            e.idp = None;
            e.ums = None;
        }
        true
    }

    /// "Forget me": no account, no identity, no token.
    pub(super) fn forget(&mut self) {
        *self = Place::default();
    }

    /// What to do with what is known.
    pub(super) fn next(&self) -> Next {
        let (idp, ums) = self
            .endpoints
            .as_ref()
            .map_or((false, false), |e| (e.idp.is_some(), e.ums.is_some()));
        match (self.identity.is_some(), idp && ums) {
            (true, _) if ums => Next::Socket,
            (false, true) if self.auth_code.is_some() => Next::Authenticate,
            (false, true) => Next::SignIn,
            _ => Next::Discover,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::Origin;

    fn endpoints(account: &str) -> Endpoints {
        let csds = Origin::parse("https://api.liveperson.net").unwrap();
        Endpoints::new(account.into(), csds)
    }

    fn identity(authenticated: bool) -> Identity {
        Identity {
            jwt: "j".into(),
            sub: "consumer".into(),
            authenticated,
        }
    }

    fn record() -> StoredAccount {
        StoredAccount {
            idp: Some("va.idp.liveperson.net".into()),
            ums: Some("va.msg.liveperson.net".into()),
            ..StoredAccount::default()
        }
    }

    #[test]
    fn another_account_keeps_only_the_token_just_given() {
        let mut place = Place::default();
        assert!(place.go_to(endpoints("123")));
        place.give_code(Some("brand".into()));
        place.signed_in(identity(true));
        assert!(
            !place.go_to(endpoints("123")),
            "the same account is not a move"
        );
        assert_eq!(place.consumer_id(), Some("consumer"));
        assert!(place.go_to(endpoints("456")));
        assert_eq!(place.consumer_id(), None);
        assert_eq!(place.account(), Some("456"));
        assert_eq!(place.code(), Some("brand"));
    }

    #[test]
    fn a_pasted_token_replaces_the_identity() {
        let mut place = Place::default();
        place.signed_in(identity(false));
        place.give_code(None);
        assert!(place.identity().is_some(), "no token: the identity stays");
        place.give_code(Some("brand".into()));
        assert!(place.identity().is_none());
    }

    #[test]
    fn a_refused_brand_identity_takes_its_token_along() {
        let mut place = Place::default();
        place.give_code(Some("brand".into()));
        place.signed_in(identity(true));
        assert!(place.identity_refused());
        assert_eq!(place.code(), None);
        place.give_code(Some("brand".into()));
        place.signed_in(identity(false));
        assert!(!place.identity_refused());
        assert_eq!(
            place.code(),
            Some("brand"),
            "an anonymous identity's refusal keeps it"
        );
    }

    #[test]
    fn stored_hosts_are_dropped_once_and_not_after_they_worked() {
        let mut place = Place::default();
        place.go_to(endpoints("123"));
        place.restore(&record(), None);
        assert_eq!(place.next(), Next::SignIn);
        assert!(place.drop_stored_hosts());
        assert_eq!(place.next(), Next::Discover);
        assert!(!place.drop_stored_hosts(), "once");
        place.restore(&record(), None);
        place.hosts_worked();
        assert!(!place.drop_stored_hosts());
    }

    #[test]
    fn next_follows_what_is_known() {
        let mut place = Place::default();
        assert_eq!(place.next(), Next::Discover);
        place.go_to(endpoints("123"));
        place.signed_in(identity(false));
        assert_eq!(place.next(), Next::Discover, "an identity without hosts");
        place.restore(&record(), Some(identity(false)));
        assert_eq!(place.next(), Next::Socket);
        place.give_code(Some("brand".into()));
        assert_eq!(place.next(), Next::Authenticate);
        place.forget();
        assert_eq!(place.next(), Next::Discover);
        assert_eq!(place.account(), None);
    }
}
