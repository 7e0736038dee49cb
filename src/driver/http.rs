//! HTTP requests for the session (Domain API, signup), with the browser's `fetch`.
//!
//! Written against web-sys directly rather than gloo-net: the two calls lpchat makes need a few lines,
//! and gloo-net's request/stream layers cost the bundle several kilobytes (docs/DECISIONS.md).

use leptos::task::spawn_local;
use lpchat_core::{HttpId, HttpMethod, HttpReply, Input, NetError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Performs one request and reports the answer (or why there was none) as an input.
pub(super) fn spawn(id: HttpId, method: HttpMethod, url: String, body: Option<String>) {
    spawn_local(async move {
        let result = fetch(method, &url, body).await;
        super::feed(Input::HttpDone { id, result });
    });
}

async fn fetch(method: HttpMethod, url: &str, body: Option<String>) -> Result<HttpReply, NetError> {
    let init = web_sys::RequestInit::new();
    init.set_method(match method {
        HttpMethod::Get => "GET",
        HttpMethod::Post => "POST",
    });
    if let Some(json) = body {
        let headers = web_sys::Headers::new().map_err(|_| NetError::Browser)?;
        headers
            .set("Content-Type", "application/json")
            .map_err(|_| NetError::Browser)?;
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&json));
    }
    let response = send(url, &init).await?;
    let status = response.status();
    let text = response.text().map_err(|_| NetError::Unreadable)?;
    let body = JsFuture::from(text)
        .await
        .map_err(|_| NetError::Unreadable)?;
    Ok(HttpReply {
        status,
        body: body.as_string().unwrap_or_default(),
    })
}

/// `fetch(url, init)`: the response (any status), or why there was none. The browser's own words
/// are not passed on: a page cannot tell a network failure from a CORS refusal, and the user reads
/// the session's words, in their language.
pub(super) async fn send(
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<web_sys::Response, NetError> {
    let window = web_sys::window().ok_or(NetError::Browser)?;
    JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(|_| NetError::Unreachable)?
        .dyn_into()
        .map_err(|_| NetError::Browser)
}
