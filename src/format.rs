//! Times and dates in the user's locale (the browser's `Intl`), for display only.

use wasm_bindgen::JsValue;

fn date(ms: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o.into()
}

/// "14:05" or "2:05 PM", as the user's locale writes it.
pub fn time(ms: i64) -> String {
    date(ms)
        .to_locale_time_string_with_options(
            "default",
            &options(&[("hour", "numeric"), ("minute", "2-digit")]),
        )
        .into()
}

/// "Sunday, 22 November 2026" or the locale's equivalent.
pub fn day(ms: i64) -> String {
    date(ms)
        .to_locale_date_string(
            "default",
            &options(&[
                ("weekday", "long"),
                ("year", "numeric"),
                ("month", "long"),
                ("day", "numeric"),
            ]),
        )
        .into()
}

/// JSON text indented by the browser's `JSON` (the text itself if it is not JSON).
pub fn pretty_json(text: &str) -> String {
    js_sys::JSON::parse(text)
        .ok()
        .and_then(|v| {
            js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from(2))
                .ok()
        })
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| text.to_owned())
}
