//! Loading and saving the account's record (see `storage.rs`).

use super::{place::Identity, LinkState, Session};
use crate::{
    io::Command,
    storage::{storage_key, LastAccount, StoredAccount, LAST_ACCOUNT_KEY},
};
use lpchat_wire::jwt_claims;

/// A stored token this close to its `exp` is not used.
const EXPIRY_MARGIN_MS: i64 = 60_000;

impl Session {
    fn wall_clock_ms(&self) -> i64 {
        self.wall_clock_origin_ms
            .saturating_add(i64::try_from(self.fx.now().0).unwrap_or(i64::MAX))
    }

    /// Asks for the account's record before going on.
    pub(super) fn load(&mut self, resume_only: bool) {
        let Some(e) = self.place.endpoints() else {
            return;
        };
        self.fx.push(Command::Load {
            key: storage_key(&e.account),
        });
        self.link.go(LinkState::Loading(resume_only));
    }

    /// The bare address: asks for the account last used, to continue its open conversation.
    pub(super) fn remember_last(&mut self) {
        if !matches!(self.link.state(), LinkState::Idle) {
            return;
        }
        self.fx.push(Command::Load {
            key: LAST_ACCOUNT_KEY.into(),
        });
        self.link.go(LinkState::Remembering);
    }

    pub(super) fn on_last_loaded(&mut self, value: Option<&str>) {
        if !matches!(self.link.state(), LinkState::Remembering) {
            return;
        }
        self.link.go(LinkState::Idle);
        if let Some(last) = value.and_then(LastAccount::parse) {
            self.connect(&last.account, Some(&last.csds), true);
        }
    }

    /// Puts the account being connected into the page's address, and remembers it as the last used.
    pub(super) fn show_place(&mut self) {
        let Some(e) = self.place.endpoints() else {
            return;
        };
        self.fx.push(Command::Address {
            account: Some(e.account.clone()),
            csds: e.custom_csds(),
        });
        let last = LastAccount {
            account: e.account.clone(),
            csds: e.csds.as_url(),
        };
        self.fx.push(Command::Store {
            key: LAST_ACCOUNT_KEY.into(),
            value: Some(last.encode()),
        });
    }

    pub(super) fn on_loaded(&mut self, key: &str, value: Option<&str>) {
        let LinkState::Loading(resume_only) = *self.link.state() else {
            return;
        };
        let Some(e) = self.place.endpoints() else {
            return;
        };
        if key != storage_key(&e.account) {
            return;
        }
        let record = value
            .and_then(StoredAccount::parse)
            .filter(|r| r.csds == e.csds.as_url());
        if let Some(record) = record {
            self.apply(record);
        }
        let resumable = self.conversation.is_open();
        if resume_only && !resumable {
            self.link.go(LinkState::Idle); // nothing to continue: wait for the user
            return;
        }
        self.show_place(); // going on: the address names it
        self.proceed();
    }

    fn apply(&mut self, record: StoredAccount) {
        let wall = self.wall_clock_ms();
        // An external token can renew an expired identity as the same consumer (PROTOCOL.md §2.3).
        let renewable = record.external.is_some() && !record.authenticated;
        let identity = record.jwt.clone().and_then(|jwt| {
            let claims = jwt_claims(&jwt).ok()?;
            let valid = claims
                .exp
                .is_none_or(|exp| exp.saturating_mul(1000) > wall + EXPIRY_MARGIN_MS);
            valid.then_some(Identity {
                jwt,
                sub: claims.sub,
                authenticated: record.authenticated,
            })
        });
        let keep = identity.is_some() || renewable;
        self.place.restore(&record, identity.filter(|_| keep));
        if let Some(id) = record.conversation_id.filter(|_| keep) {
            self.conversation.open(id);
        }
        self.signin
            .restore(record.connector, record.no_connector, record.external);
    }

    /// "Forget me": disconnect, drop the identity, the conversation and the transcript, and remove the
    /// account's record (the only key lpchat writes for it). Other keys of the page's origin are untouched.
    pub(super) fn forget(&mut self, account: &str) {
        let account = account.trim();
        let mut keys: Vec<String> = [Some(account), self.place.account()]
            .into_iter()
            .flatten()
            .filter(|a| !a.is_empty())
            .map(storage_key)
            .collect();
        keys.dedup(); // the typed account and the connected one are usually the same
        self.disconnect();
        self.link.forget_disconnect();
        for key in keys.into_iter().chain([LAST_ACCOUNT_KEY.into()]) {
            self.fx.push(Command::Store { key, value: None });
        }
        self.fx.push(Command::Address {
            account: None,
            csds: None,
        });
        self.place.forget();
        self.signin.forget();
        self.past = Default::default();
        self.conversation.forget();
        self.outbox.fail_all();
        self.transcript.clear();
        self.screen.set_forgotten(true);
    }

    /// Saves what a reload needs.
    pub(super) fn save(&mut self) {
        let Some(e) = self.place.endpoints() else {
            return;
        };
        let (connector, no_connector) = self.signin.to_store();
        let record = StoredAccount {
            csds: e.csds.as_url(),
            idp: e.idp.clone(),
            ums: e.ums.clone(),
            swift: e.swift.clone(),
            ac_cdn: e.ac_cdn.clone(),
            jwt: self.place.identity().map(|i| i.jwt.clone()),
            conversation_id: self.conversation.open_id().map(str::to_owned),
            authenticated: self.place.identity().is_some_and(|i| i.authenticated),
            connector,
            no_connector,
            external: self.signin.external().map(str::to_owned),
        };
        let key = storage_key(&e.account);
        self.fx.push(Command::Store {
            key,
            value: Some(record.encode()),
        });
    }
}
