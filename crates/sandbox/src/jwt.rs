//! Consumer tokens: three-part HS256 JWTs with a fresh UUID `sub`, signed with a per-process key.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use lpchat_wire::JwtClaims;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Issues and verifies tokens.
pub struct Signer {
    key: [u8; 32],
}

/// Why a token was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not a token we issued.
    Invalid,
    /// Issued for another account.
    WrongAccount,
    /// Past `exp`.
    Expired,
}

impl Signer {
    /// A signer with a random key.
    pub fn new() -> Self {
        let mut key = [0u8; 32];
        key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
        Signer { key }
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC accepts keys of any length.
        <HmacSha256 as Mac>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!())
    }

    /// A token for a new consumer of `account`, valid for `lifetime_s`.
    pub fn issue(&self, account: &str, now_s: i64, lifetime_s: i64) -> (String, String) {
        let sub = uuid::Uuid::new_v4().to_string();
        (self.issue_for(account, &sub, now_s, lifetime_s), sub)
    }

    /// A token for a given subject.
    pub fn issue_for(&self, account: &str, sub: &str, now_s: i64, lifetime_s: i64) -> String {
        let sub = sub.to_owned();
        let claims = JwtClaims {
            sub: sub.clone(),
            exp: Some(now_s + lifetime_s),
            iat: Some(now_s),
            aud: Some(format!("acc:{account}")),
            iss: Some("https://idp.sandbox.lpchat".into()),
        };
        let header = serde_json::json!({"kid": "sandbox", "typ": "JWT", "alg": "HS256"});
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap_or_default())
        );
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{sig}")
    }

    /// The claims of a valid token for `account`.
    pub fn verify(&self, token: &str, account: &str, now_s: i64) -> Result<JwtClaims, TokenError> {
        let claims = self.signed_claims(token, account)?;
        if claims.exp.is_none_or(|exp| exp <= now_s) {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }

    /// The claims of a token for `account` this signer issued at most `max_age_s` ago, expired or
    /// not: what a refresh accepts (PROTOCOL.md §2.3, "allowed for 730 hours").
    pub fn verify_refreshable(
        &self,
        token: &str,
        account: &str,
        now_s: i64,
        max_age_s: i64,
    ) -> Result<JwtClaims, TokenError> {
        let claims = self.signed_claims(token, account)?;
        if claims.iat.is_none_or(|iat| now_s - iat > max_age_s) {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }

    fn signed_claims(&self, token: &str, account: &str) -> Result<JwtClaims, TokenError> {
        let (signing_input, sig) = token.rsplit_once('.').ok_or(TokenError::Invalid)?;
        let sig = URL_SAFE_NO_PAD
            .decode(sig)
            .map_err(|_| TokenError::Invalid)?;
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        mac.verify_slice(&sig).map_err(|_| TokenError::Invalid)?;
        let claims = lpchat_wire::jwt_claims(token).map_err(|_| TokenError::Invalid)?;
        if claims.aud.as_deref() != Some(&format!("acc:{account}")) {
            return Err(TokenError::WrongAccount);
        }
        Ok(claims)
    }
}

impl Default for Signer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_and_tampered_ones_do_not() {
        let s = Signer::new();
        let (jwt, sub) = s.issue("123", 1000, 60);
        assert_eq!(s.verify(&jwt, "123", 1000).map(|c| c.sub), Ok(sub));
        assert_eq!(s.verify(&jwt, "124", 1000), Err(TokenError::WrongAccount));
        assert_eq!(s.verify(&jwt, "123", 1060), Err(TokenError::Expired));
        let mut forged = jwt.clone();
        forged.push('A');
        assert_eq!(s.verify(&forged, "123", 1000), Err(TokenError::Invalid));
        assert_eq!(
            Signer::new().verify(&jwt, "123", 1000),
            Err(TokenError::Invalid)
        );
        assert_eq!(s.verify("a.b", "123", 1000), Err(TokenError::Invalid));
        assert!(
            s.verify_refreshable(&jwt, "123", 1060, 100).is_ok(),
            "expired but refreshable"
        );
        assert_eq!(
            s.verify_refreshable(&jwt, "123", 1101, 100),
            Err(TokenError::Expired)
        );
    }
}
