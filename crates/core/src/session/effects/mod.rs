//! What the session's machines ask of the driver, in the order asked: the command queue, the requests
//! in flight on the socket (each with its deadline, and those answered 429 waiting to go again), the
//! ids that pair a command with its outcome, the inspector's log of all of it, the connection's
//! timeline, and the clock as last fed. The machines decide; this only queues, numbers and logs.

use crate::{
    frames::FrameLog,
    io::{Command, ConnId, HttpId, HttpMethod, HttpReply, NetError},
    pending::{Pending, Purpose, Sent},
    throttle::{Throttle, MAX_THROTTLED},
    time::Millis,
    timing::Timing,
};
use lpchat_wire::{trace::FrameView, Inbound, MetadataItem, ReqId, Request, RequestPayload};
use std::{collections::VecDeque, time::Duration};

/// Steps kept in one connection's timeline.
const MAX_TIMELINE: usize = 64;

/// The session's side of the driving contract (see the crate docs).
#[derive(Debug)]
pub(crate) struct Effects {
    now: Millis,
    timing: Timing,
    commands: VecDeque<Command>,
    pending: Pending,
    /// Requests answered 429, waiting to be sent again.
    throttle: Throttle,
    frame_log: FrameLog,
    /// The last id given to a socket, an HTTP request or a message.
    next_id: u64,
    /// Starts every message's `ExternalId` (random per session).
    id_prefix: String,
    /// Steps of the current connection (`Command::Mark`), for the timeline.
    timeline: Vec<(&'static str, Millis)>,
}

impl Effects {
    pub(crate) fn new(timing: Timing, id_prefix: String) -> Self {
        Effects {
            now: Millis(0),
            timing,
            commands: VecDeque::new(),
            pending: Pending::default(),
            throttle: Throttle::default(),
            frame_log: FrameLog::default(),
            next_id: 0,
            id_prefix,
            timeline: Vec::new(),
        }
    }

    // ----- the clock and the intervals -----------------------------------------------------------

    /// The time of the input being handled (never earlier than a previous one).
    pub(crate) fn now(&self) -> Millis {
        self.now
    }

    /// An input happened at `now`; an earlier `now` than the last is taken as the last.
    pub(crate) fn advance(&mut self, now: Millis) {
        self.now = self.now.max(now);
    }

    pub(crate) fn timing(&self) -> &Timing {
        &self.timing
    }

    /// `d` from now.
    pub(crate) fn after(&self, d: Duration) -> Millis {
        self.now.after(d)
    }

    // ----- commands ------------------------------------------------------------------------------

    pub(crate) fn push(&mut self, command: Command) {
        self.commands.push_back(command);
    }

    /// The next command for the driver; an HTTP request is logged as it leaves.
    pub(crate) fn pop(&mut self) -> Option<Command> {
        let command = self.commands.pop_front()?;
        if let Command::Http {
            id,
            method,
            url,
            body,
        } = &command
        {
            self.frame_log
                .http_sent(self.now, *id, *method, url, body.as_deref());
        }
        Some(command)
    }

    /// Records a step of the flow (a User Timing mark, and the connection's timeline).
    pub(crate) fn mark(&mut self, name: &'static str) {
        if self.timeline.len() < MAX_TIMELINE {
            self.timeline.push((name, self.now));
        }
        self.commands.push_back(Command::Mark { name });
    }

    /// A new connection: its timeline starts empty.
    pub(crate) fn clear_timeline(&mut self) {
        self.timeline.clear();
    }

    pub(crate) fn timeline(&self) -> &[(&'static str, Millis)] {
        &self.timeline
    }

    // ----- ids -----------------------------------------------------------------------------------

    fn bump(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// An id for a new socket.
    pub(crate) fn conn_id(&mut self) -> ConnId {
        ConnId(self.bump())
    }

    /// An id for an HTTP request the caller queues itself.
    pub(crate) fn http_id(&mut self) -> HttpId {
        HttpId(self.bump())
    }

    /// A message's `ExternalId`: unique for the session, so a replay can tell it again.
    pub(crate) fn external_id(&mut self) -> String {
        let n = self.bump();
        format!("{}-{n}", self.id_prefix)
    }

    /// Asks for an HTTP request; its answer comes back under the id returned.
    pub(crate) fn http(&mut self, method: HttpMethod, url: String, body: Option<String>) -> HttpId {
        let id = self.http_id();
        self.commands.push_back(Command::Http {
            id,
            method,
            url,
            body,
        });
        id
    }

    // ----- requests on the socket ----------------------------------------------------------------

    /// Sends a request on `conn` with the default deadline; returns its id.
    pub(crate) fn request(
        &mut self,
        conn: ConnId,
        purpose: Purpose,
        payload: RequestPayload,
    ) -> ReqId {
        let deadline = self.after(self.timing.request_timeout);
        self.request_until(conn, purpose, payload, Vec::new(), deadline)
    }

    /// Sends a request on `conn` that must be answered by `deadline`.
    pub(crate) fn request_until(
        &mut self,
        conn: ConnId,
        purpose: Purpose,
        payload: RequestPayload,
        metadata: Vec<MetadataItem>,
        deadline: Millis,
    ) -> ReqId {
        let sent = Sent {
            purpose,
            payload,
            metadata,
            timeout_ms: deadline.0.saturating_sub(self.now.0),
            throttled: 0,
        };
        self.send(conn, sent)
    }

    /// Sends `sent` with a fresh id and its deadline from now.
    fn send(&mut self, conn: ConnId, mut sent: Sent) -> ReqId {
        let deadline = Millis(self.now.0 + sent.timeout_ms);
        let id = self.pending.next_id();
        let request = Request::new(id.clone(), sent.payload).with_metadata(sent.metadata);
        self.frame_log.sent(conn, self.now, &request);
        self.commands.push_back(Command::Send {
            conn,
            text: request.encode(),
        });
        // Kept as sent (a 429 sends it again), without a copy.
        (sent.payload, sent.metadata) = (request.payload, request.metadata);
        self.pending.insert(id.clone(), sent, deadline);
        id
    }

    /// The request a response with `code` answers, to be applied; `None` if it matches nothing, or
    /// if it was answered 429 and will be sent again later (until it had its share of 429s: then
    /// the answer stands).
    pub(crate) fn answered(&mut self, id: &ReqId, code: i64) -> Option<Sent> {
        let sent = self.pending.take_sent(id)?;
        if code != 429 || sent.throttled >= MAX_THROTTLED {
            return Some(sent);
        }
        self.throttle.hold(self.now, sent);
        None
    }

    /// Whether the throttle has something due now.
    pub(crate) fn throttle_due(&self) -> bool {
        self.throttle
            .next_deadline()
            .is_some_and(|at| at <= self.now)
    }

    /// Sends again on `conn` what the throttle lets go now, telling `resent` each one's purpose and
    /// new id.
    pub(crate) fn resend_throttled(
        &mut self,
        conn: ConnId,
        mut resent: impl FnMut(Purpose, ReqId),
    ) {
        for mut sent in self.throttle.due(self.now) {
            sent.throttled += 1;
            let purpose = sent.purpose.clone();
            resent(purpose, self.send(conn, sent));
        }
    }

    /// Whether new publishes wait because the server asked for a pause.
    pub(crate) fn holding(&self) -> bool {
        self.throttle.holding(self.now)
    }

    /// Requests in flight.
    pub(crate) fn in_flight(&self) -> usize {
        self.pending.len()
    }

    /// The requests whose deadline has passed, oldest deadline first.
    pub(crate) fn expired(&mut self) -> Vec<Purpose> {
        self.pending.expired(self.now)
    }

    /// The socket is gone: every request in flight or waiting is lost, in the order sent.
    pub(crate) fn lose_requests(&mut self) -> Vec<Purpose> {
        let mut lost = self.pending.drain();
        lost.extend(self.throttle.drain());
        lost
    }

    /// The next request deadline or throttle release.
    pub(crate) fn next_deadline(&self) -> Option<Millis> {
        [self.pending.next_deadline(), self.throttle.next_deadline()]
            .into_iter()
            .flatten()
            .min()
    }

    // ----- the inspector's log -------------------------------------------------------------------

    pub(crate) fn log_socket_opened(&mut self, conn: ConnId) {
        self.frame_log.socket_opened(conn, self.now);
    }

    pub(crate) fn log_socket_closed(&mut self, conn: ConnId, code: u16, reason: &str) {
        self.frame_log.socket_closed(conn, self.now, code, reason);
    }

    pub(crate) fn log_too_large(&mut self, conn: ConnId, text: &str) {
        self.frame_log.too_large(conn, self.now, text);
    }

    pub(crate) fn log_received(&mut self, conn: ConnId, text: &str, decoded: Option<&Inbound>) {
        self.frame_log.received(conn, self.now, text, decoded);
    }

    pub(crate) fn log_http_received(&mut self, id: HttpId, result: &Result<HttpReply, NetError>) {
        self.frame_log.http_received(self.now, id, result);
    }

    pub(crate) fn frame_views(&self) -> Vec<FrameView> {
        self.frame_log.views()
    }
}

#[cfg(test)]
mod tests;
