//! HTTP requests for the session (Domain API, signup), with the browser's `fetch`.
//!
//! Written against web-sys directly rather than gloo-net: the two calls lpchat makes need a few lines,
//! and gloo-net's request/stream layers cost the bundle several kilobytes (docs/DECISIONS.md).

use leptos::task::spawn_local;
use lpchat_core::{HttpId, HttpMethod, HttpReply, Input};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Performs one request and reports the answer (or why there was none) as an input.
pub(super) fn spawn(id: HttpId, method: HttpMethod, url: String, body: Option<String>) {
    spawn_local(async move {
        let result = fetch(method, &url, body).await;
        super::feed(Input::HttpDone { id, result });
    });
}

fn text_of(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_default()
}

async fn fetch(method: HttpMethod, url: &str, body: Option<String>) -> Result<HttpReply, String> {
    let init = web_sys::RequestInit::new();
    init.set_method(match method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
    });
    if let Some(json) = body {
        let headers = web_sys::Headers::new().map_err(|e| text_of(&e))?;
        headers
            .set("Content-Type", "application/json")
            .map_err(|e| text_of(&e))?;
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&json));
    }
    let response = send(url, &init).await?;
    let status = response.status();
    let text = response.text().map_err(|e| text_of(&e))?;
    let body = JsFuture::from(text)
        .await
        .map_err(|e| format!("the answer could not be read: {}", text_of(&e)))?;
    Ok(HttpReply {
        status,
        body: body.as_string().unwrap_or_default(),
    })
}

/// `fetch(url, init)`: the response (any status), or why there was none, in plain words.
pub(super) async fn send(
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<web_sys::Response, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(|e| plain_network_error(&text_of(&e)))?
        .dyn_into()
        .map_err(|_| "the browser gave no response".to_owned())
}

fn plain_network_error(raw: &str) -> String {
    if raw.contains("Failed to fetch") || raw.contains("NetworkError") {
        crate::i18n::t().no_network.into()
    } else {
        raw.chars().take(160).collect()
    }
}
