//! HTTP requests for the session (Domain API, idp, agent profiles, uploads), with gloo-net's `fetch`.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::task::spawn_local;
use lpchat_core::{HttpId, HttpMethod, HttpReply, Input, NetError};

/// Performs one request and reports the answer (or why there was none) as an input.
pub(super) fn spawn(id: HttpId, method: HttpMethod, url: String, body: Option<String>) {
    spawn_local(async move {
        let result = fetch(method, &url, body).await;
        super::feed(Input::HttpDone { id, result });
    });
}

async fn fetch(method: HttpMethod, url: &str, body: Option<String>) -> Result<HttpReply, NetError> {
    let builder = match method {
        HttpMethod::Get | HttpMethod::Jsonp => Request::get(url),
        HttpMethod::Post => Request::post(url),
    };
    let response = match body {
        Some(json) => {
            send(
                builder
                    .header("Content-Type", "application/json")
                    .body(json)
                    .map_err(|_| NetError::Browser)?,
            )
            .await?
        }
        None => send(builder.build().map_err(|_| NetError::Browser)?).await?,
    };
    let status = response.status();
    let body = response.text().await.map_err(|_| NetError::Unreadable)?;
    Ok(HttpReply { status, body })
}

/// Sends a built request: the response (any status), or why there was none. The browser's own words
/// are not passed on: a page cannot tell a network failure from a CORS refusal, and the user reads
/// the session's words, in their language.
pub(super) async fn send(request: Request) -> Result<Response, NetError> {
    request.send().await.map_err(|_| NetError::Unreachable)
}

/// `PUT` of a picture's bytes.
pub(super) fn put(url: &str, blob: web_sys::File) -> Result<Request, NetError> {
    RequestBuilder::new(url)
        .method(gloo_net::http::Method::PUT)
        .body(blob)
        .map_err(|_| NetError::Browser)
}
