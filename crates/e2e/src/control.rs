//! A client for the sandbox's control API (what the agent console uses).

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request};
use hyper_util::{client::legacy::Client, rt::TokioExecutor};
use lpchat_sandbox::{AgentMessage, ConversationView};

/// Control API client.
pub struct Control {
    origin: String,
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
}

impl Control {
    /// For the sandbox at `origin`.
    pub fn new(origin: String) -> Self {
        Control {
            origin,
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    async fn call(&self, method: Method, path: &str, body: Option<String>) -> (u16, Vec<u8>) {
        let request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.origin))
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .expect("a valid request");
        let response = tokio::time::timeout(crate::WAIT, self.client.request(request))
            .await
            .expect("the control API answers in time")
            .expect("the control API answers");
        let status = response.status().as_u16();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        (status, bytes.to_vec())
    }

    /// Every conversation.
    pub async fn conversations(&self) -> Vec<ConversationView> {
        let (status, body) = self.call(Method::GET, "/control/conversations", None).await;
        assert_eq!(status, 200);
        serde_json::from_slice(&body).expect("the control API returns conversations")
    }

    /// The agent says `text`; returns the HTTP status.
    pub async fn agent_says(&self, conversation: &str, text: &str) -> u16 {
        let body = serde_json::to_string(&AgentMessage { text: text.into() }).ok();
        self.call(
            Method::POST,
            &format!("/control/conversations/{conversation}/messages"),
            body,
        )
        .await
        .0
    }

    /// The agent closes the conversation; returns the HTTP status.
    pub async fn agent_closes(&self, conversation: &str) -> u16 {
        self.call(
            Method::POST,
            &format!("/control/conversations/{conversation}/close"),
            None,
        )
        .await
        .0
    }
}
