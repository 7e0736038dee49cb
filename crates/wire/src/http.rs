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

/// `POST https://{idp}/api/account/{account}/signup` answers `{"jwt": "…"}`, as does `/authenticate`.
/// The connector flow's two steps answer the same shape named `token` (PROTOCOL.md §2.3); it is read
/// here too, so the bundle carries one decoder for the idp's answers ([`TokenResponse`] writes it).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupResponse {
    /// The token. Never logged: `Debug` redacts it.
    #[serde(alias = "token")]
    pub jwt: String,
}

impl std::fmt::Debug for SignupResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SignupResponse { jwt: <redacted> }")
    }
}

wire_struct! {
    /// `GET https://{acCdnDomain}/api/account/{account}/configuration/le-users/users/{agentPid}` (§5.10).
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct AgentProfile {
        /// Display name.
        nickname: Option<String> = "nickname",
        /// Full name.
        full_name: Option<String> = "fullName",
        /// Picture (shown only over https).
        picture_url: Option<String> = "pictureUrl",
        /// Employee id.
        employee_id: Option<String> = "employeeId",
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

/// The body of `POST https://{idp}/api/account/{account}/anonymous/authorize` (PROTOCOL.md §2.3):
/// empty (`{}`) for a new anonymous consumer, or the previous external token to refresh it; and of
/// `POST https://{idp}/api/account/{account}/app/{connector}/authenticate?v=3.0`, where the external
/// token is required. `Debug` redacts the token.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenRequest {
    /// The external (anonymous) token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

impl std::fmt::Debug for IdTokenRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdTokenRequest { id_token: <redacted> }")
    }
}

/// What both steps of the unauthenticated connector flow answer (§2.3): `{"token": "…"}`, the
/// external token from `anonymous/authorize`, the consumer's identity token from `authenticate?v=3.0`
/// (not `jwt` as `/signup` says). The sandbox writes it; clients read it as a [`SignupResponse`].
/// `Debug` redacts it.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct TokenResponse {
    /// The token.
    pub token: String,
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenResponse { token: <redacted> }")
    }
}

/// `jsMethodName` of the account's unauthenticated messaging connector (§2.3).
pub const UNAUTH_JS_METHOD: &str = "lpTag.taglets.unAuthMessaging.lpUnauthFunction";

/// The account's connectors, `GET https://{acCdnDomain}/api/account/{account}/configuration/le-connectors/all-connectors`
/// (§2.3): LivePerson documents only an entry's id and its `configuration.jsMethodName`. The answer
/// is read as a JSON array of entries whose id may be a number or a string, deleted entries skipped
/// and every other field ignored (docs/DECISIONS.md, "Unauthenticated sign-in"). Both directions
/// live here, read from the parsed JSON: with derived decoders (and a separate `token` answer type) the
/// sign-in cost the bundle about 1 KB more.
pub mod connectors {
    use crate::table::object;
    use serde_json::Value;

    const ID: &str = "id";
    const DELETED: &str = "deleted";
    const CONFIGURATION: &str = "configuration";
    const JS_METHOD_NAME: &str = "jsMethodName";

    /// One entry as the configuration API lists it (the sandbox's answer).
    pub fn entry(id: u64, js_method_name: &str) -> Value {
        let configuration = object([(JS_METHOD_NAME, Value::from(js_method_name))]);
        object([
            (ID, Value::from(id)),
            (DELETED, Value::from(false)),
            (CONFIGURATION, configuration),
        ])
    }

    /// The id of the unauthenticated messaging connector in `answer`, if it lists one.
    pub fn unauthenticated(answer: &Value) -> Option<String> {
        answer.as_array()?.iter().find_map(|c| {
            let method = c.get(CONFIGURATION)?.get(JS_METHOD_NAME)?.as_str()?;
            let deleted = c.get(DELETED).and_then(Value::as_bool) == Some(true);
            let id = match c.get(ID)? {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            (method == super::UNAUTH_JS_METHOD && !deleted).then_some(id)
        })
    }
}

/// The Domain API's JSONP form for one service, `GET https://adminlogin.liveperson.net/csdr/account/{account}/service/{service}/baseURI.lpCsds?version=1.0&cb={fn}`
/// (PROTOCOL.md §1.1, the form LivePerson's older browser clients use where CORS is not allowed): the
/// callback is given `{"ResultSet": {"lpData": [{"lpServer": "host"}]}}`. Only that path is documented;
/// an answer without it means the account does not list the service. Read from the parsed JSON like
/// [`connectors`].
pub mod csdr {
    use crate::table::object;
    use serde_json::Value;

    const RESULT_SET: &str = "ResultSet";
    const LP_DATA: &str = "lpData";
    const LP_SERVER: &str = "lpServer";

    /// The answer for one service's host (the sandbox's).
    pub fn answer(host: &str) -> Value {
        let server = object([(LP_SERVER, Value::from(host))]);
        object([(RESULT_SET, object([(LP_DATA, Value::Array(vec![server]))]))])
    }

    /// The host in `answer`, if it names one.
    pub fn host(answer: &Value) -> Option<&str> {
        answer
            .get(RESULT_SET)?
            .get(LP_DATA)?
            .get(0)?
            .get(LP_SERVER)?
            .as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jsonp_domain_answer_is_read_at_its_documented_path_only() {
        let answer = csdr::answer("va.msg.liveperson.net");
        assert_eq!(csdr::host(&answer), Some("va.msg.liveperson.net"));
        for other in [
            serde_json::json!({}),
            serde_json::json!({"ResultSet": {"lpData": []}}),
            serde_json::json!({"ResultSet": {"lpData": [{"lpServer": 7}]}}),
            serde_json::json!([{"lpServer": "x"}]),
        ] {
            assert_eq!(csdr::host(&other), None, "{other}");
        }
    }
}
