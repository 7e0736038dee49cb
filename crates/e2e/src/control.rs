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

    /// The id of the open conversation, once the sandbox has it.
    pub async fn open_conversation_id(&self) -> String {
        crate::eventually("the conversation at the agent", || async {
            self.conversations()
                .await
                .into_iter()
                .find(|c| c.state == "OPEN")
                .map(|c| c.id)
        })
        .await
    }

    /// The agent says `text`; returns the HTTP status.
    pub async fn agent_says(&self, conversation: &str, text: &str) -> u16 {
        self.agent_says_many(conversation, text, None).await
    }

    /// The agent sends `count` messages at once ("text 1" … "text N"); returns the HTTP status.
    pub async fn agent_says_many(&self, conversation: &str, text: &str, count: Option<u32>) -> u16 {
        let body = serde_json::to_string(&AgentMessage {
            text: text.into(),
            count,
        })
        .ok();
        self.call(
            Method::POST,
            &format!("/control/conversations/{conversation}/messages"),
            body,
        )
        .await
        .0
    }

    /// The agent publishes any event (typing, a card, quick replies); returns the HTTP status.
    pub async fn agent_event(&self, conversation: &str, event: serde_json::Value) -> u16 {
        let body = serde_json::to_string(&lpchat_sandbox::AgentEvent { event }).ok();
        self.call(
            Method::POST,
            &format!("/control/conversations/{conversation}/events"),
            body,
        )
        .await
        .0
    }

    /// The agent receipts (`ACCEPT` or `READ`) the consumer's messages; returns the HTTP status.
    pub async fn agent_receipts(&self, conversation: &str, status: &str) -> u16 {
        let body = serde_json::to_string(&lpchat_sandbox::AgentReceipts {
            status: status.into(),
        })
        .ok();
        self.call(
            Method::POST,
            &format!("/control/conversations/{conversation}/receipts"),
            body,
        )
        .await
        .0
    }

    /// Another agent takes the conversation over; returns the HTTP status.
    pub async fn transfer(&self, conversation: &str) -> u16 {
        self.call(
            Method::POST,
            &format!("/control/conversations/{conversation}/transfer"),
            None,
        )
        .await
        .0
    }

    /// The agent shares the sandbox's picture; returns the HTTP status.
    pub async fn agent_picture(&self, conversation: &str) -> u16 {
        self.call(
            Method::POST,
            &format!("/control/conversations/{conversation}/picture"),
            Some("{}".into()),
        )
        .await
        .0
    }

    /// The bytes stored at `path` on the sandbox's swift host, if any.
    pub async fn file(&self, path: &str) -> Option<Vec<u8>> {
        let query: String = path
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        let (status, body) = self
            .call(Method::GET, &format!("/control/file?path={query}"), None)
            .await;
        (status == 200).then_some(body)
    }

    /// One conversation as the sandbox has it.
    pub async fn conversation(&self, id: &str) -> Option<lpchat_sandbox::ConversationView> {
        self.conversations().await.into_iter().find(|c| c.id == id)
    }

    /// How many messages the consumer wrote in the sandbox's one conversation (it fails if there is
    /// none or more than one).
    pub async fn consumer_messages_in_the_one_conversation(&self) -> usize {
        let all = self.conversations().await;
        assert_eq!(all.len(), 1, "exactly one conversation: {all:?}");
        all[0]
            .messages
            .iter()
            .filter(|m| m.role == "CONSUMER")
            .count()
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

impl Control {
    /// Replaces the sandbox's fault plan.
    pub async fn set_faults(&self, plan: &lpchat_sandbox::FaultPlan) {
        let body = serde_json::to_string(plan).ok();
        assert_eq!(
            self.call(Method::POST, "/control/faults", body).await.0,
            204
        );
    }

    /// What the fault plan has done so far.
    pub async fn fault_stats(&self) -> lpchat_sandbox::FaultStats {
        let (status, body) = self.call(Method::GET, "/control/faults", None).await;
        assert_eq!(status, 200);
        let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        serde_json::from_value(value["stats"].clone()).expect("fault stats")
    }

    /// Closes every consumer socket with `code`.
    pub async fn close_sockets(&self, code: u16) {
        let body = serde_json::to_string(&lpchat_sandbox::CloseSockets { code }).ok();
        assert_eq!(
            self.call(Method::POST, "/control/sockets/close", body)
                .await
                .0,
            204
        );
    }

    /// Every token issued so far is refused as expired.
    pub async fn expire_tokens(&self) {
        assert_eq!(
            self.call(Method::POST, "/control/tokens/expire", None)
                .await
                .0,
            204
        );
    }
}

impl Control {
    /// Turns post-conversation surveys on or off.
    pub async fn set_surveys(&self, enabled: bool) {
        let body = serde_json::to_string(&lpchat_sandbox::Surveys { enabled }).ok();
        assert_eq!(
            self.call(Method::POST, "/control/surveys", body).await.0,
            204
        );
    }
}

impl Control {
    /// A token from the sandbox's brand sign-in for `user`.
    pub async fn brand_token(&self, user: &str) -> String {
        let body = serde_json::to_string(&lpchat_sandbox::BrandUser {
            user: user.into(),
            account: crate::ACCOUNT.into(),
        })
        .ok();
        let (status, body) = self.call(Method::POST, "/control/brand-token", body).await;
        assert_eq!(status, 200);
        let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        value["token"].as_str().expect("a token").to_owned()
    }
}

impl Control {
    /// Sends a text frame, as is, to every signed-in consumer socket.
    pub async fn send_raw(&self, text: &str) {
        let body = serde_json::to_string(&lpchat_sandbox::RawFrame { text: text.into() }).ok();
        assert_eq!(
            self.call(Method::POST, "/control/sockets/send", body)
                .await
                .0,
            204
        );
    }
}
