//! What lpchat keeps in the browser's storage, per account, so a reload continues the same consumer and
//! conversation without a new signup (PROTOCOL.md §2.1, §9): the Domain API origin it belongs to, the
//! discovered hosts, the identity token and the open conversation. One record per account, under a key
//! of lpchat's own. The session asks the driver to load and store it (`Command::Load`, `Command::Store`).

use serde::{Deserialize, Serialize};

/// The storage key of an account's record.
pub fn storage_key(account: &str) -> String {
    format!("lpchat.v1.account.{account}")
}

/// The storage key of the account last used in this browser ([`LastAccount`]).
pub const LAST_ACCOUNT_KEY: &str = "lpchat.v1.last";

/// The account last used in this browser, so the bare address continues it after a reload. Stored
/// as one line of text, the account and its Domain API origin separated by a space (neither holds
/// one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastAccount {
    /// The account number.
    pub account: String,
    /// Its Domain API origin.
    pub csds: String,
}

impl LastAccount {
    /// Reads what was stored; anything else counts as nothing stored.
    pub fn parse(text: &str) -> Option<Self> {
        let (account, csds) = text.split_once(' ')?;
        Some(LastAccount {
            account: account.into(),
            csds: csds.into(),
        })
    }

    /// The text stored.
    pub fn encode(&self) -> String {
        format!("{} {}", self.account, self.csds)
    }
}

/// One account's record.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredAccount {
    /// The Domain API origin the rest belongs to.
    pub csds: String,
    /// The `idp` host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp: Option<String>,
    /// The `asyncMessagingEnt` host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ums: Option<String>,
    /// The consumer's identity token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt: Option<String>,
    /// `swift` host (shared files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swift: Option<String>,
    /// `acCdnDomain` host (agent profiles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ac_cdn: Option<String>,
    /// The open conversation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// The token came from the brand's sign-in (`/authenticate`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub authenticated: bool,
    /// The account's unauthenticated connector (PROTOCOL.md §2.3), once it worked or was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connector: Option<String>,
    /// The account has no unauthenticated connector: sign in with `/signup` straight away.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_connector: bool,
    /// The external token of `anonymous/authorize`, to refresh the identity (§2.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<String>,
}

impl std::fmt::Debug for StoredAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredAccount")
            .field("csds", &self.csds)
            .field("idp", &self.idp)
            .field("ums", &self.ums)
            .field("jwt", &self.jwt.as_ref().map(|_| "<redacted>"))
            .field("conversation_id", &self.conversation_id)
            .field("authenticated", &self.authenticated)
            .field("connector", &self.connector)
            .field("no_connector", &self.no_connector)
            .field("external", &self.external.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl StoredAccount {
    /// Reads a stored record; anything unreadable counts as nothing stored.
    pub fn parse(text: &str) -> Option<Self> {
        lpchat_wire::from_json(text).ok()
    }

    /// The JSON stored.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
