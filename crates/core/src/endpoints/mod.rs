//! Where to connect: the Domain API origin, the discovered hosts, and the URLs built from them.
//! URLs are assembled only from validated parts: a scheme we chose, a host of allowed characters,
//! an account of digits.

use crate::failure::{Failure, Problem};

/// LivePerson's Domain API (PROTOCOL.md §1).
pub const DEFAULT_CSDS: &str = "https://api.liveperson.net";

/// Where LivePerson's browser clients load the Domain API as JSONP (PROTOCOL.md §1.1), used when the
/// Domain API is LivePerson's own.
pub const JSONP_CSDS: &str = "https://adminlogin.liveperson.net";

/// The JavaScript function a JSONP answer calls (`cb=` / `callback=` in the URLs built here); the
/// app's JSONP frame (`jsonp.js`) defines it.
pub const JSONP_CALLBACK: &str = "lpchatJsonp";

/// A validated origin: `https://host[:port]`, or `http://` for a loopback host only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// True for https/wss.
    pub secure: bool,
    /// `host[:port]`, lower-case.
    pub authority: String,
}

impl Origin {
    /// Parses what the user typed (or the query parameter). A trailing slash is tolerated; a path is not.
    pub fn parse(text: &str) -> Result<Origin, Failure> {
        let text = text.trim().trim_end_matches('/');
        let lower = text.to_ascii_lowercase();
        let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = lower.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(Failure::InvalidCsds(Problem::CsdsScheme));
        };
        if !valid_authority(rest) {
            return Err(Failure::InvalidCsds(Problem::CsdsOrigin));
        }
        if !secure && !is_loopback(rest) {
            return Err(Failure::InvalidCsds(Problem::CsdsHttp));
        }
        Ok(Origin {
            secure,
            authority: rest.to_owned(),
        })
    }

    /// Whether this is this computer (localhost, 127.0.0.0/8, [::1]).
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.authority)
    }

    /// As text: `https://host`.
    pub fn as_url(&self) -> String {
        format!(
            "{}://{}",
            if self.secure { "https" } else { "http" },
            self.authority
        )
    }
}

/// `host[:port]` of letters, digits, dots and dashes, or a bracketed IPv6 loopback.
fn valid_authority(s: &str) -> bool {
    if s == "[::1]" || s.starts_with("[::1]:") {
        return s.len() == 5 || s[6..].chars().all(|c| c.is_ascii_digit()) && s.len() <= 11;
    }
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !host.starts_with(['.', '-']);
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

fn is_loopback(authority: &str) -> bool {
    let host = if authority.starts_with("[::1]") {
        "[::1]"
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    // 127.0.0.0/8: four decimal octets, the first 127.
    let octets: Vec<&str> = host.split('.').collect();
    host == "localhost"
        || host == "[::1]"
        || octets.len() == 4
            && octets[0] == "127"
            && octets
                .iter()
                .all(|o| o.bytes().all(|b| b.is_ascii_digit()) && o.parse::<u8>().is_ok())
}

/// Checks the account number: digits only, at most 20.
pub fn validate_account(text: &str) -> Result<String, Failure> {
    let account = text.trim();
    if account.is_empty() {
        return Err(Failure::InvalidAccount(Problem::AccountEmpty));
    }
    if !account.chars().all(|c| c.is_ascii_digit()) || account.len() > 20 {
        return Err(Failure::InvalidAccount(Problem::AccountDigits));
    }
    Ok(account.to_owned())
}

/// The hosts lpchat talks to for one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The account.
    pub account: String,
    /// Domain API origin; decides the scheme of everything else.
    pub csds: Origin,
    /// `idp` host.
    pub idp: Option<String>,
    /// `asyncMessagingEnt` host.
    pub ums: Option<String>,
    /// `swift` host (shared files), if the account lists one.
    pub swift: Option<String>,
    /// `acCdnDomain` host (agents' public profiles), if the account lists one.
    pub ac_cdn: Option<String>,
}

impl Endpoints {
    /// Before discovery.
    pub fn new(account: String, csds: Origin) -> Self {
        Endpoints {
            account,
            csds,
            idp: None,
            ums: None,
            swift: None,
            ac_cdn: None,
        }
    }

    /// Accepts a discovered host if it is a plain `host[:port]` (and loopback when the csds is).
    pub fn checked_host(&self, host: &str) -> Option<String> {
        let host = host.trim().to_ascii_lowercase();
        (valid_authority(&host) && (self.csds.secure || is_loopback(&host))).then_some(host)
    }

    /// `GET {csds}/api/account/{account}/service/baseURI.json?version=1.0`.
    pub fn domain_api_url(&self) -> String {
        format!(
            "{}/api/account/{}/service/baseURI.json?version=1.0",
            self.csds.as_url(),
            self.account
        )
    }

    /// The Domain API origin when it is not LivePerson's.
    pub fn custom_csds(&self) -> Option<String> {
        Some(self.csds.as_url()).filter(|c| c != DEFAULT_CSDS)
    }

    /// `GET https://adminlogin.liveperson.net/csdr/account/{account}/service/{service}/baseURI.lpCsds?version=1.0&cb=…`
    /// (the configured Domain API's own host when it is not LivePerson's): one service, as JSONP.
    pub fn csdr_jsonp_url(&self, service: &str) -> String {
        let csds = self.custom_csds().unwrap_or_else(|| JSONP_CSDS.to_owned());
        format!(
            "{csds}/csdr/account/{}/service/{service}/baseURI.lpCsds?version=1.0&cb={JSONP_CALLBACK}",
            self.account
        )
    }

    /// `GET https://{idp}/api/account/{account}/signup.jsonp?callback=…` (§2.1).
    pub fn signup_jsonp_url(&self, idp: &str) -> String {
        self.account_url(idp, &format!("signup.jsonp?callback={JSONP_CALLBACK}"))
    }

    /// `{scheme}://{host}/api/account/{account}/{path}`, the scheme following the Domain API's.
    fn account_url(&self, host: &str, path: &str) -> String {
        let scheme = if self.csds.secure { "https" } else { "http" };
        format!("{scheme}://{host}/api/account/{}/{path}", self.account)
    }

    /// `POST https://{idp}/api/account/{account}/signup`.
    pub fn signup_url(&self, idp: &str) -> String {
        self.account_url(idp, "signup")
    }

    /// `POST https://{idp}/api/account/{account}/authenticate` (PROTOCOL.md §2.2).
    pub fn authenticate_url(&self, idp: &str) -> String {
        self.account_url(idp, "authenticate")
    }

    /// `POST https://{idp}/api/account/{account}/anonymous/authorize` (§2.3, step 1).
    pub fn anonymous_authorize_url(&self, idp: &str) -> String {
        self.account_url(idp, "anonymous/authorize")
    }

    /// `POST https://{idp}/api/account/{account}/app/{connector}/authenticate?v=3.0` (§2.3, step 2);
    /// the connector id is digits (checked where it enters).
    pub fn connector_authenticate_url(&self, idp: &str, connector: &str) -> String {
        self.account_url(idp, &format!("app/{connector}/authenticate?v=3.0"))
    }

    /// `GET https://{acCdnDomain}/api/account/{account}/configuration/le-connectors/all-connectors`
    /// (§2.3), if the account has that host.
    pub fn connectors_url(&self) -> Option<String> {
        let host = self.ac_cdn.as_deref()?;
        Some(self.account_url(host, "configuration/le-connectors/all-connectors"))
    }

    /// `https://{acCdnDomain}/api/account/{account}/configuration/le-users/users/{agent}` (§5.10), if
    /// the account has that host and the agent id is plain (letters, digits, `.`, `-`, `_`).
    pub fn agent_profile_url(&self, agent: &str) -> Option<String> {
        let host = self.ac_cdn.as_deref()?;
        let plain = !agent.is_empty()
            && agent.len() <= 128
            && agent
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        plain.then(|| self.account_url(host, &format!("configuration/le-users/users/{agent}")))
    }

    /// `wss://{ums}/ws_api/account/{account}/messaging/consumer?v=3`.
    pub fn socket_url(&self, ums: &str) -> String {
        let scheme = if self.csds.secure { "wss" } else { "ws" };
        format!(
            "{scheme}://{ums}/ws_api/account/{}/messaging/consumer?v=3",
            self.account
        )
    }
}

#[cfg(test)]
mod tests;
