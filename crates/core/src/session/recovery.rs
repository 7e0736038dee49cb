//! When things go wrong: deadlines, dead sockets, refused identities, and reconnecting with backoff.

use super::{link::Renewal, HttpStep, LinkState, Session};
use crate::{
    failure::{Failure, Step},
    io::Command,
    pending::Purpose,
};
use lpchat_wire::RequestPayload;

/// Close code lpchat uses for a socket it gave up on (no keepalive answer).
const CLOSE_DEAD: u16 = 4000;

impl Session {
    /// The server refused the identity: drop it, and (if this page had a conversation) say that a new
    /// signup identity cannot see it (PROTOCOL.md §2.1), then connect again with a fresh one.
    pub(super) fn identity_refused(&mut self, code: u16) {
        if self.place.identity_refused() {
            // Only the brand can issue a new token (PROTOCOL.md §2.2): ask the user for one rather
            // than silently becoming an anonymous consumer.
            self.save();
            return self.fail(Failure::SignInExpired { code });
        }
        // A connector identity is renewed as the same consumer with its external token (PROTOCOL.md
        // §2.3): its conversation stays. A signup identity cannot be renewed (§2.4).
        let renewable = self.signin.external().is_some();
        if !renewable {
            self.conversation_lost_with_identity(code);
        }
        self.save();
        if !self.link.established() && !renewable {
            return self.fail(Failure::Unauthorized { code });
        }
        self.drop_socket(1000);
        let problem = crate::text::fill(self.t.identity_refused, &[&code.to_string()]);
        self.link.problem(problem);
        match self.link.renew(self.fx.now(), self.fx.timing()) {
            Renewal::Now => self.sign_in(),
            Renewal::Later => {}
            Renewal::Spent => self.give_up(),
        }
    }

    /// Stored hosts that do not work are looked up again, once (they can change, PROTOCOL.md §1.1).
    pub(super) fn retry_with_fresh_hosts(&mut self) -> bool {
        if !self.place.drop_stored_hosts() {
            return false;
        }
        self.fetch(HttpStep::Domains, 0);
        true
    }

    pub(super) fn schedule_reconnect(&mut self) {
        if !self.link.reconnect_later(self.fx.now(), self.fx.timing()) {
            self.give_up();
        }
    }

    pub(super) fn give_up(&mut self) {
        let last = self.link.give_up();
        self.screen.alert(Failure::GaveUp {
            attempts: self.fx.timing().reconnect_attempts,
            last,
        });
    }

    pub(super) fn reconnect_now(&mut self) {
        if self.place.identity().is_some() {
            self.open_socket();
        } else if self.place.code().is_some() {
            self.fetch(HttpStep::Authenticate, 0);
        } else {
            self.sign_in();
        }
    }

    /// Lets the current socket go: closes it if there is one (with `code`), forgets its requests, and
    /// leaves the link idle for the caller to move on.
    pub(super) fn drop_socket(&mut self, code: u16) {
        if let Some(conn) = self.conn() {
            self.fx.push(Command::CloseSocket { conn, code });
        }
        self.socket_gone();
        self.link.go(LinkState::Idle);
    }

    /// Drops a socket that stopped working and schedules the next attempt.
    fn reconnect_after(&mut self, code: u16, problem: &str) {
        self.drop_socket(code);
        self.link.problem(problem.into());
        self.schedule_reconnect();
    }

    /// The socket is gone (closed, failed or given up): pending requests fail, in-flight messages
    /// become uncertain.
    pub(super) fn socket_gone(&mut self) {
        for purpose in self.fx.lose_requests() {
            self.request_lost(purpose);
        }
        self.outbox.socket_lost();
        self.link.socket_gone();
        self.conversation.socket_gone();
    }

    /// Ends the attempt: closes the socket if any and shows the failure.
    pub(super) fn fail(&mut self, failure: Failure) {
        self.drop_socket(1000);
        self.screen.alert(failure);
    }

    pub(super) fn expire(&mut self) {
        let now = self.fx.now();
        if self.fx.throttle_due() {
            self.resend_throttled();
            self.flush(); // what waited behind the throttle
        }
        self.screen.expire(now);
        for purpose in self.fx.expired() {
            // No answer to a keepalive, or to a publish on a socket that looks alive: the socket is
            // dead. An unanswered publish becomes uncertain and is reconciled after reconnecting,
            // rather than failed (which would leave the user to guess whether it arrived).
            if matches!(purpose, Purpose::Keepalive | Purpose::Publish { .. }) {
                return self.socket_dead();
            }
            if purpose == Purpose::Init {
                if self.link.established() {
                    return self.socket_dead();
                }
                return self.fail(Failure::TimedOut(Step::Authentication));
            }
            self.request_timed_out(purpose);
        }
        match *self.link.state() {
            LinkState::Opening(_, deadline) if deadline <= now => {
                if self.link.established() {
                    self.reconnect_after(1000, self.t.not_open_in_time);
                } else {
                    self.drop_socket(1000);
                    if !self.retry_with_fresh_hosts() {
                        self.fail(Failure::TimedOut(Step::Socket));
                    }
                }
            }
            LinkState::HttpWait(step, at, attempt) if at <= now => self.fetch(step, attempt),
            LinkState::Backoff(at) if at <= now => self.reconnect_now(),
            _ => {}
        }
        if let Some(conn) = self.link.keepalive_due(now) {
            let deadline = self.fx.after(self.fx.timing().keepalive_timeout);
            self.fx.mark("keepalive");
            self.fx.request_until(
                conn,
                Purpose::Keepalive,
                RequestPayload::GetClock {},
                Vec::new(),
                deadline,
            );
        }
        self.expire_conversation();
        self.expire_signals();
    }

    /// A keepalive went unanswered: the socket is dead even if the browser says it is open.
    pub(super) fn socket_dead(&mut self) {
        self.fx.mark("silent");
        self.reconnect_after(CLOSE_DEAD, self.t.server_silent);
    }
}
