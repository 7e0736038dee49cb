//! JSONP answers (PROTOCOL.md §1.1, §2.1): `callback(json);` as JavaScript, for pages that load the
//! Domain API or the idp as a script where CORS does not let them read an answer.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use serde_json::Value;

/// The longest callback name served.
const MAX_CALLBACK: usize = 64;

/// Whether `name` is a plain JavaScript name (dots allowed, as in `lpTag.cb`): nothing else is ever
/// written before the answer.
fn plain(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.'))
        && name.len() <= MAX_CALLBACK
}

/// `callback(answer);`, or 400 without a plain callback name.
pub(crate) fn answer(callback: Option<&str>, answer: &Value) -> Response {
    match callback.filter(|c| plain(c)) {
        Some(callback) => (
            [(header::CONTENT_TYPE, "application/javascript")],
            format!("{callback}({answer});"),
        )
            .into_response(),
        None => (StatusCode::BAD_REQUEST, "a plain callback name is required").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn only_plain_names_are_callbacks() {
        assert!(plain("lpchatJsonp"));
        assert!(plain("lpTag.cb_1"));
        for bad in ["", "1a", "a(b)", "a;alert(1)", "a b", &"a".repeat(65)] {
            assert!(!plain(bad), "{bad}");
        }
    }
}
