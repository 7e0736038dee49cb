//! HTTP requests for the session (Domain API, signup).

use futures::channel::mpsc::UnboundedSender;
use gloo_net::http::Request;
use leptos::task::spawn_local;
use lpchat_core::{HttpId, HttpMethod, HttpReply, Input};

/// Performs one request and reports the answer (or why there was none) as an input.
pub(super) fn spawn(
    id: HttpId,
    method: HttpMethod,
    url: String,
    body: Option<String>,
    tx: UnboundedSender<Input>,
) {
    spawn_local(async move {
        let builder = match method {
            HttpMethod::Get => Request::get(&url),
            HttpMethod::Post => Request::post(&url),
        };
        let sent = match body {
            Some(json) => match builder
                .header("Content-Type", "application/json")
                .body(json)
            {
                Ok(request) => request.send().await,
                Err(e) => Err(e),
            },
            None => builder.send().await,
        };
        let result = match sent {
            Ok(response) => {
                let status = response.status();
                match response.text().await {
                    Ok(body) => Ok(HttpReply { status, body }),
                    Err(e) => Err(format!("the answer could not be read: {e}")),
                }
            }
            Err(e) => Err(plain_network_error(&e.to_string())),
        };
        let _ = tx.unbounded_send(Input::HttpDone { id, result });
    });
}

/// Browsers report every network, DNS and CORS failure as the same TypeError.
fn plain_network_error(raw: &str) -> String {
    if raw.contains("Failed to fetch") || raw.contains("NetworkError") {
        "no answer: check the address and your network".into()
    } else {
        raw.chars().take(160).collect()
    }
}
