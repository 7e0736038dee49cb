//! HTTP bodies: the Domain API (CSDS) and idp signup (PROTOCOL.md §1, §2).

use serde::{Deserialize, Serialize};

/// `GET {csds}/api/account/{account}/service/baseURI.json?version=1.0`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainApiResponse {
    /// One entry per service.
    #[serde(rename = "baseURIs", deserialize_with = "crate::one_or_many")]
    pub base_uris: Vec<BaseUri>,
}

/// One service's host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseUri {
    /// Service name, case-sensitive (`idp`, `asyncMessagingEnt`, …).
    pub service: String,
    /// The account, as echoed by the service.
    #[serde(default)]
    pub account: Option<String>,
    /// Host only: no scheme, no path.
    #[serde(rename = "baseURI")]
    pub base_uri: String,
}

impl DomainApiResponse {
    /// The host of a service, if listed.
    pub fn host(&self, service: &str) -> Option<&str> {
        self.base_uris
            .iter()
            .find(|b| b.service == service)
            .map(|b| b.base_uri.as_str())
    }
}

/// `POST https://{idp}/api/account/{account}/signup` answers `{"jwt": "…"}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupResponse {
    /// The consumer's identity token. Never logged: `Debug` redacts it.
    pub jwt: String,
}

impl std::fmt::Debug for SignupResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SignupResponse { jwt: <redacted> }")
    }
}

/// `GET https://{acCdnDomain}/api/account/{account}/configuration/le-users/users/{agentPid}` (§5.10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentProfile {
    /// Display name.
    #[serde(default)]
    pub nickname: Option<String>,
    /// Full name.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Picture (shown only over https).
    #[serde(default)]
    pub picture_url: Option<String>,
    /// Employee id.
    #[serde(default)]
    pub employee_id: Option<String>,
}

impl AgentProfile {
    /// Decoded by hand from the answer's JSON (cheaper in the bundle than the derived decoder).
    pub fn from_value(v: &serde_json::Value) -> Self {
        let text = |k: &str| {
            v.get(k)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        AgentProfile {
            nickname: text("nickname"),
            full_name: text("fullName"),
            picture_url: text("pictureUrl"),
            employee_id: text("employeeId"),
        }
    }
}

/// `POST https://{idp}/api/account/{account}/authenticate` body (PROTOCOL.md §2.2): the brand's token
/// (implicit flow) or authorization code (code flow). The answer is a [`SignupResponse`] (`jwt`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticateRequest {
    /// The external token or code. `Debug` redacts it.
    pub auth_code: String,
}

impl std::fmt::Debug for AuthenticateRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuthenticateRequest { auth_code: <redacted> }")
    }
}
