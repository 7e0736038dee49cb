//! Times and dates in the user's locale (the browser's `Intl`), for display only. The formatters are
//! made once: creating one per call is what makes `toLocaleTimeString` slow.

use wasm_bindgen::JsValue;

fn date(ms: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
}

fn formatter(pairs: &[(&str, &str)]) -> js_sys::Function {
    let options = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    // The browser's own locale for English (it knows en-GB from en-US); the chosen language otherwise.
    let locales = js_sys::Array::new();
    let lang = crate::i18n::lang();
    if lang != lpchat_core::Lang::En {
        locales.push(&JsValue::from_str(lang.code()));
    }
    js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
}

thread_local! {
    static TIME: js_sys::Function = formatter(&[("hour", "numeric"), ("minute", "2-digit")]);
    static DAY: js_sys::Function =
        formatter(&[("weekday", "long"), ("year", "numeric"), ("month", "long"), ("day", "numeric")]);
}

fn apply(f: &js_sys::Function, ms: i64) -> String {
    f.call1(&JsValue::NULL, &date(ms))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// "14:05" or "2:05 PM", as the user's locale writes it.
pub fn time(ms: i64) -> String {
    TIME.with(|f| apply(f, ms))
}

/// The local calendar day of a time, as a number (cheap: no `Intl` call), to compare entries.
pub fn day_number(ms: i64) -> u32 {
    let d = date(ms);
    d.get_full_year() * 512 + d.get_month() * 32 + d.get_date()
}

/// "Sunday, 22 November 2026" or the locale's equivalent.
pub fn day(ms: i64) -> String {
    DAY.with(|f| apply(f, ms))
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
