//! Reading the claims of a consumer JWT (PROTOCOL.md §2.1). The signature is the server's business;
//! the client only needs `sub` (its consumer id) and `exp`.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};

/// The claims lpchat reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwtClaims {
    /// The consumer id.
    pub sub: String,
    /// Expiry, epoch seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    /// Issued at, epoch seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    /// `acc:{account}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
    /// The issuer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
}

/// Why a token could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    /// Not three dot-separated parts.
    #[error("the token does not have three parts")]
    Shape,
    /// The payload is not base64url.
    #[error("the token payload is not base64url")]
    Base64,
    /// The payload is not a JSON object with a `sub`.
    #[error("the token payload has no consumer id")]
    Claims,
}

/// Decodes the payload of a JWT without verifying it.
pub fn jwt_claims(token: &str) -> Result<JwtClaims, JwtError> {
    let mut parts = token.split('.');
    let (Some(_), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Shape);
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| JwtError::Base64)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| JwtError::Claims)?;
    // Read by hand from a JSON value: cheaper in the bundle than the derived decoder.
    let v: serde_json::Value = serde_json::from_str(text).map_err(|_| JwtError::Claims)?;
    let text = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let number = |k: &str| v.get(k).and_then(serde_json::Value::as_i64);
    let sub = text("sub")
        .filter(|s| !s.is_empty())
        .ok_or(JwtError::Claims)?;
    Ok(JwtClaims {
        sub,
        exp: number("exp"),
        iat: number("iat"),
        aud: text("aud"),
        iss: text("iss"),
    })
}
