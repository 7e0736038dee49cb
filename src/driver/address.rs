//! The page's address, made to name the account the session continues (`history.replaceState`:
//! nothing loads, a bookmark or a reload finds the same account). The other query parameters stay.

use wasm_bindgen::JsValue;

/// Sets (or, `None`, removes) `?account=` and `?csds=` in the page's address.
pub(super) fn show(account: Option<&str>, csds: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    for (name, value) in [("account", account), ("csds", csds)] {
        match value {
            Some(v) => params.set(name, v),
            None => params.delete(name),
        }
    }
    // A relative "?…" keeps the path (and a bare path drops an empty query).
    let query = String::from(params.to_string());
    let url = match query.as_str() {
        "" => window.location().pathname().unwrap_or_default(),
        q => String::from("?") + q,
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
