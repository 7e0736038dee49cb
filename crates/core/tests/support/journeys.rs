//! The usual ways through the flow, answered as LivePerson answers them: connect, sign in, the
//! socket, the snapshot, an open conversation, and what an earlier visit left in storage.

use super::*;

impl Harness {
    pub fn connect(&mut self) {
        self.user(Intent::Connect {
            account: ACCOUNT.into(),
            csds: Some(CSDS.into()),
            auth_code: None,
            connector: None,
        });
    }

    pub fn domains_body() -> String {
        json!({"baseURIs": [
            {"service": "idp", "account": ACCOUNT, "baseURI": "va.idp.test"},
                        {"service": "asyncMessagingEnt", "account": ACCOUNT, "baseURI": "va.msg.test"},
            {"service": "swift", "account": ACCOUNT, "baseURI": "va.swift.test"},
        ]})
        .to_string()
    }

    /// Through Domain API and signup to an open socket (InitConnection not yet sent).
    pub fn open_socket(&mut self) {
        self.open_socket_with(&Self::domains_body());
    }

    /// The same, with this Domain API answer.
    pub fn open_socket_with(&mut self, domains: &str) {
        self.connect();
        let (id, _) = self.expect_http(HttpMethod::Get);
        self.http_reply(id, 200, domains);
        self.answer_sign_in();
        let (conn, _) = self.expect_open();
        self.input(Input::WsOpened { conn });
    }

    /// Answers the unauthenticated sign-in as an account without a connector flow that allows
    /// `/signup` (with acCdnDomain listed, the connector lookup and `anonymous/authorize` come first).
    pub fn answer_sign_in(&mut self) {
        loop {
            let Some(Command::Http {
                id, method, url, ..
            }) = self.next_command()
            else {
                panic!("expected a sign-in request");
            };
            if url.ends_with("/all-connectors") {
                self.http_reply(id, 200, "[]");
            } else if url.ends_with("/anonymous/authorize") {
                self.http_reply(id, 403, "");
            } else {
                assert!(url.ends_with("/signup"), "{url}");
                assert_eq!(method, HttpMethod::Post);
                return self.http_reply(id, 200, &json!({"jwt": jwt()}).to_string());
            }
        }
    }

    /// Through InitConnection; answers the conversation subscription with `snapshot` changes.
    pub fn ready_with(&mut self, snapshot: Value) {
        self.ready_with_domains(&Self::domains_body(), snapshot);
    }

    /// The same, with this Domain API answer.
    pub fn ready_with_domains(&mut self, domains: &str, snapshot: Value) {
        self.open_socket_with(domains);
        let (init, _) = self.expect_request("InitConnection");
        self.respond(
            &init,
            200,
            Some(json!("Connection initialized successfully")),
        );
        let (sub, _) = self.expect_request("cqm.SubscribeExConversations");
        self.respond(&sub, 200, Some(json!({"subscriptionId": "s1"})));
        self.frame(
            json!({"kind": "notification", "type": "cqm.ExConversationChangeNotification",
            "body": {"subscriptionId": "s1", "changes": snapshot}}),
        );
    }

    /// Connected with no open conversation.
    pub fn ready() -> Self {
        let mut h = Harness::new();
        h.ready_with(json!([]));
        assert_eq!(h.view().status, "Connected");
        h.no_more_commands();
        h
    }

    /// A page load with this consumer's identity stored (which may have conversations), connected and
    /// subscribed to the conversations, the snapshot not yet in.
    pub fn subscribed_with_stored_identity() -> Self {
        let mut h = Harness::with_storage(stored_identity(None));
        h.connect();
        h.open_and_subscribe();
        h
    }

    /// The socket the session asked for opens, InitConnection is accepted and the conversation
    /// subscription acknowledged (the snapshot not yet in).
    pub fn open_and_subscribe(&mut self) {
        let (conn, _) = self.expect_open();
        self.input(Input::WsOpened { conn });
        let (init, _) = self.expect_request("InitConnection");
        self.respond(&init, 200, None);
        let (sub, _) = self.expect_request("cqm.SubscribeExConversations");
        self.respond(&sub, 200, Some(json!({"subscriptionId": "s1"})));
    }

    /// A conversation is open and subscribed.
    pub fn open_conversation() -> Self {
        Harness::new().with_open_conversation()
    }

    /// This page load, connected, with a conversation open and subscribed.
    pub fn with_open_conversation(mut self) -> Self {
        self.ready_with(json!([]));
        self.no_more_commands();
        let mut h = self;
        h.user(Intent::StartConversation);
        let (id, _) = h.expect_request("cm.ConsumerRequestConversation");
        h.respond(&id, 200, Some(json!({"conversationId": CONV})));
        let (id, _) = h.expect_request("ms.SubscribeMessagingEvents");
        h.respond(&id, 200, None);
        assert_eq!(h.view().status, "Conversation open");
        h
    }

    pub fn messages(&mut self, changes: Value) {
        self.frame(json!({"kind": "notification", "type": "ms.MessagingEventNotification", "body": {"changes": changes}}));
    }

    pub fn entries(&self) -> Vec<(String, String)> {
        self.view()
            .transcript
            .into_iter()
            .map(|e| (e.author.as_str().to_owned(), e.text))
            .collect()
    }
}

pub fn conversation_change(state: &str, close_reason: Option<&str>) -> Value {
    let mut details = json!({"participants": [{"id": SUB, "role": "CONSUMER"}], "state": state, "stage": state, "startTs": 1});
    if let Some(r) = close_reason {
        details["closeReason"] = json!(r);
    }
    json!({"type": "UPSERT", "result": {"convId": CONV, "conversationDetails": details}})
}

/// Browser storage holding this consumer's identity and the hosts (as after an earlier visit).
pub fn stored_identity(conversation: Option<&str>) -> std::collections::HashMap<String, String> {
    let record = lpchat_core::StoredAccount {
        csds: CSDS.into(),
        idp: Some("va.idp.test".into()),
        ums: Some("va.msg.test".into()),
        jwt: Some(jwt()),
        conversation_id: conversation.map(Into::into),
        ..Default::default()
    };
    [(lpchat_core::storage_key(ACCOUNT), record.encode())]
        .into_iter()
        .collect()
}

/// A Domain API answer with idp and UMS, and one more service if given.
pub fn domains(extra: Option<(&str, &str)>) -> String {
    let mut services = vec![
        json!({"service": "idp", "account": ACCOUNT, "baseURI": "va.idp.test"}),
        json!({"service": "asyncMessagingEnt", "account": ACCOUNT, "baseURI": "va.msg.test"}),
    ];
    if let Some((service, host)) = extra {
        services.push(json!({"service": service, "account": ACCOUNT, "baseURI": host}));
    }
    json!({ "baseURIs": services }).to_string()
}
