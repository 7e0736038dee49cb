//! Connecting and the socket: where to connect, opening it, InitConnection, its frames and its
//! close (the state is [`Link`](super::link::Link)'s; the HTTP steps before the socket are `http.rs`'s,
//! renewing and reconnecting `recovery.rs`'s).

use super::{place::Next, HttpStep, LinkState, Session};
use crate::{
    endpoints::{validate_account, Endpoints, Origin, DEFAULT_CSDS},
    failure::{Failure, Step},
    io::{Command, ConnId},
    pending::Purpose,
};
use lpchat_wire::{decode_inbound, ConsumerAuthentication, Header, Inbound, RequestPayload};

/// The closes that cost the identity: LivePerson's own consumer transport treats exactly these as
/// authentication failures (PROTOCOL.md §3.5). 1011 is a server error: the same identity reconnects
/// and continues its conversation, like every other close.
const AUTH_CLOSE_CODES: [u16; 3] = [4401, 4407, 1008];

impl Session {
    /// Connect (or, with `resume_only`, continue a stored open conversation and otherwise do nothing).
    pub(super) fn connect(&mut self, account: &str, csds: Option<&str>, resume_only: bool) {
        if !self.link.can_connect() {
            return;
        }
        let parsed = validate_account(account).and_then(|account| {
            let csds = csds
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .unwrap_or(DEFAULT_CSDS);
            Ok((account, Origin::parse(csds)?))
        });
        let (account, csds) = match parsed {
            Ok(v) => v,
            Err(_) if resume_only => return,
            Err(failure) => return self.screen.alert(failure),
        };
        if self.place.go_to(Endpoints::new(account, csds)) {
            self.conversation.forget();
            self.transcript.clear();
            self.fail_unsent();
            self.signin.forget(); // what was known belongs to the other account
            self.jsonp = Default::default();
            self.past = Default::default();
        }
        self.fx.clear_timeline(); // the timeline is of the current connection
        self.fx.mark("connect");
        self.link.user_connects();
        self.screen.set_forgotten(false);
        if self.place.identity().is_some() {
            self.show_place();
            self.proceed();
        } else {
            self.load(resume_only);
        }
    }

    /// Goes on from what is known: a socket if there is an identity and a host, else signup, else discovery.
    pub(super) fn proceed(&mut self) {
        match self.place.next() {
            Next::Socket => self.open_socket(),
            Next::Authenticate => self.fetch(HttpStep::Authenticate, 0),
            Next::SignIn => self.sign_in(),
            Next::Discover => self.fetch(HttpStep::Domains, 0),
        }
    }

    pub(super) fn disconnect(&mut self) {
        self.drop_socket(1000);
        self.link.user_disconnects();
    }

    pub(super) fn reconnect_by_user(&mut self) {
        if self.link.user_reconnects() {
            self.reconnect_now();
        }
    }

    pub(super) fn on_network(&mut self, online: bool) {
        if self.link.network(online) {
            self.reconnect_now();
        }
    }

    pub(super) fn on_visible(&mut self) {
        if self.link.shown() {
            self.reconnect_now();
        }
    }

    // ----- socket -------------------------------------------------------------------------------

    pub(super) fn open_socket(&mut self) {
        let Some(url) = self
            .place
            .endpoints()
            .and_then(|e| e.ums.as_deref().map(|u| e.socket_url(u)))
        else {
            return self.fetch(HttpStep::Domains, 0);
        };
        let conn = self.fx.conn_id();
        self.fx.push(Command::OpenSocket { conn, url });
        self.link.go(LinkState::Opening(
            conn,
            self.fx.after(self.fx.timing().open_timeout),
        ));
    }

    pub(super) fn on_open(&mut self, conn: ConnId) {
        if !matches!(self.link.state(), LinkState::Opening(c, _) if *c == conn) {
            return;
        }
        self.fx.log_socket_opened(conn);
        self.fx.mark("socket-open");
        let Some(identity) = self.place.identity() else {
            return;
        };
        let headers = vec![
            Header::ClientProperties(crate::client::client_properties(&self.user_agent)),
            Header::ConsumerAuthentication(ConsumerAuthentication {
                jwt: identity.jwt.clone(),
            }),
        ];
        self.link.go(LinkState::Initializing(conn));
        self.fx.request(
            conn,
            Purpose::Init,
            RequestPayload::InitConnection { headers },
        );
    }

    pub(super) fn on_frame(&mut self, conn: ConnId, text: &str) {
        if self.conn() != Some(conn) {
            return;
        }
        if text.len() > super::MAX_INBOUND_FRAME_BYTES {
            // Defined behaviour for oversized frames: not read, noted in the inspector, the rest goes on.
            self.fx.log_too_large(conn, text);
            return self.conversation.frame_unread();
        }
        let decoded = decode_inbound(text);
        self.fx.log_received(conn, text, decoded.as_ref().ok());
        match decoded {
            Ok(Inbound::Response(resp)) => {
                // Too many requests: the same request again later, while retries remain.
                if let Some(sent) = self.fx.answered(&resp.req_id, resp.code) {
                    self.on_response(conn, sent.purpose, &resp);
                }
            }
            Ok(Inbound::Notification(n)) => {
                if self.ready_conn() == Some(conn) {
                    self.on_notification(conn, n);
                }
            }
            // Not ours to understand (the frame inspector shows it), but it may have mattered.
            Err(_) => self.conversation.frame_unread(),
        }
    }

    /// InitConnection was answered.
    pub(super) fn on_init(&mut self, conn: ConnId, code: i64, text: Option<String>) {
        if (200..300).contains(&code) {
            self.link.ready(conn, self.fx.now(), self.fx.timing());
            self.place.hosts_worked();
            self.fx.mark("signed-in");
            self.subscribe_conversations(conn);
            self.conversation_after_connect(conn);
            self.ask_downloads(); // what waited for the connection
        } else if code == 401 || code == 403 {
            self.identity_refused(code as u16);
        } else {
            self.fail(Failure::Rejected {
                step: Step::Authentication,
                code,
                text,
            });
        }
    }

    pub(super) fn on_keepalive_answer(&mut self) {
        self.link
            .keepalive_answered(self.fx.now(), self.fx.timing());
    }

    pub(super) fn on_closed(&mut self, conn: ConnId, code: u16, reason: &str) {
        if self.conn() != Some(conn) {
            return;
        }
        self.fx.log_socket_closed(conn, code, reason);
        self.socket_gone();
        self.link.go(LinkState::Idle); // the socket is already closed: nothing to close below
        if AUTH_CLOSE_CODES.contains(&code) {
            return self.identity_refused(code);
        }
        if !self.link.established() {
            if self.retry_with_fresh_hosts() {
                return;
            }
            return self.fail(Failure::SocketClosed {
                code,
                reason: reason.to_owned(),
            });
        }
        self.link.problem(
            Failure::SocketClosed {
                code,
                reason: reason.to_owned(),
            }
            .short(self.t),
        );
        self.schedule_reconnect();
    }
}
