//! The consumer's unconfirmed messages, in the order typed. A message is queued until the socket and
//! conversation are ready, in flight until its publish is answered, uncertain if the socket dropped
//! while it was in flight (it may or may not have been stored), and failed if the server refused it.
//! An uncertain message is resent only after the replayed history has been checked for it, by its
//! `ExternalId` metadata where the server echoes it, else by its text and order among the user's events
//! newer than the last one the server confirmed (LivePerson's documents show no echo of request
//! metadata): delivered exactly once, and "ok", "ok" stays two messages.

use lpchat_wire::ReqId;
use std::collections::VecDeque;

/// At most this many unconfirmed messages; more are refused with a message.
pub(crate) const MAX_UNCONFIRMED: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OutState {
    Queued,
    InFlight(ReqId),
    Uncertain,
    Failed,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutMsg {
    pub(crate) key: u64,
    pub(crate) text: String,
    pub(crate) external_id: String,
    /// Metadata sent with it besides the ExternalId (a card's or quick reply's click metadata).
    pub(crate) metadata: Vec<lpchat_wire::MetadataItem>,
    /// An uploaded picture to publish (`hosted/file`) instead of the text (its caption).
    pub(crate) file: Option<lpchat_wire::HostedFile>,
    pub(crate) state: OutState,
}

#[derive(Debug, Default)]
pub(crate) struct Outbox {
    msgs: VecDeque<OutMsg>,
    /// The highest sequence the server gave one of these messages when confirming it: an event at or
    /// below it cannot be one still unconfirmed (they were all sent after it).
    confirmed_seq: Option<i64>,
}

impl Outbox {
    pub(crate) fn is_full(&self) -> bool {
        self.msgs.len() >= MAX_UNCONFIRMED
    }

    pub(crate) fn push(
        &mut self,
        key: u64,
        text: String,
        external_id: String,
        metadata: Vec<lpchat_wire::MetadataItem>,
    ) {
        self.msgs.push_back(OutMsg {
            key,
            text,
            external_id,
            metadata,
            file: None,
            state: OutState::Queued,
        });
    }

    /// An uploaded picture, published like a message.
    pub(crate) fn push_file(
        &mut self,
        key: u64,
        external_id: String,
        file: lpchat_wire::HostedFile,
    ) {
        self.msgs.push_back(OutMsg {
            key,
            text: file.caption.clone(),
            external_id,
            metadata: Vec::new(),
            file: Some(file),
            state: OutState::Queued,
        });
    }

    /// Whether some message waits for the replay check.
    pub(crate) fn has_uncertain(&self) -> bool {
        self.msgs.iter().any(|m| m.state == OutState::Uncertain)
    }

    /// A message waits to be sent for the first time or again.
    pub(crate) fn has_queued(&self) -> bool {
        self.msgs.iter().any(|m| m.state == OutState::Queued)
    }

    /// Whether a message is on its way (sent, not answered) or waits for the replay check.
    pub(crate) fn sending(&self) -> bool {
        self.msgs
            .iter()
            .any(|m| matches!(m.state, OutState::InFlight(_) | OutState::Uncertain))
    }

    /// The first queued message (to send now).
    pub(crate) fn next_queued(&self) -> Option<OutMsg> {
        self.msgs
            .iter()
            .find(|m| m.state == OutState::Queued)
            .cloned()
    }

    /// The queued messages in order.
    #[cfg(test)]
    fn queued(&self) -> Vec<OutMsg> {
        self.msgs
            .iter()
            .filter(|m| m.state == OutState::Queued)
            .cloned()
            .collect()
    }

    pub(crate) fn set_in_flight(&mut self, key: u64, req: ReqId) {
        if let Some(m) = self.msgs.iter_mut().find(|m| m.key == key) {
            m.state = OutState::InFlight(req);
        }
    }

    /// The publish was answered with success (at `sequence`, if the answer says): confirmed.
    pub(crate) fn confirmed(&mut self, key: u64, sequence: Option<i64>) -> Option<OutMsg> {
        let i = self.msgs.iter().position(|m| m.key == key)?;
        if let Some(s) = sequence {
            self.confirmed_seq = Some(self.confirmed_seq.map_or(s, |c| c.max(s)));
        }
        self.msgs.remove(i)
    }

    /// The server refused it (or it timed out): the user may retry.
    pub(crate) fn failed(&mut self, key: u64) {
        if let Some(m) = self.msgs.iter_mut().find(|m| m.key == key) {
            m.state = OutState::Failed;
        }
    }

    /// Retry a failed message: it goes to the back of the queue.
    pub(crate) fn retry(&mut self, key: u64) -> bool {
        let Some(i) = self
            .msgs
            .iter()
            .position(|m| m.key == key && m.state == OutState::Failed)
        else {
            return false;
        };
        if let Some(mut m) = self.msgs.remove(i) {
            m.state = OutState::Queued;
            self.msgs.push_back(m);
        }
        true
    }

    /// The socket dropped: what was in flight may or may not have been stored.
    pub(crate) fn socket_lost(&mut self) {
        for m in &mut self.msgs {
            if matches!(m.state, OutState::InFlight(_)) {
                m.state = OutState::Uncertain;
            }
        }
    }

    /// An own message (at `sequence`) seen in the conversation: the unconfirmed message it is, if any.
    /// By its ExternalId where the event carries one; else the oldest sent, unconfirmed message with the
    /// same text, and only if the event is newer than every confirmed message.
    pub(crate) fn echoed(
        &mut self,
        external_id: Option<&str>,
        text: &str,
        sequence: Option<i64>,
    ) -> Option<OutMsg> {
        let pending = |m: &OutMsg| matches!(m.state, OutState::InFlight(_) | OutState::Uncertain);
        let i = match external_id {
            Some(id) => self
                .msgs
                .iter()
                .position(|m| pending(m) && m.external_id == id),
            None => {
                let newer = match (sequence, self.confirmed_seq) {
                    (Some(s), Some(c)) => s > c,
                    _ => true,
                };
                if !newer {
                    return None;
                }
                self.msgs.iter().position(|m| pending(m) && m.text == text)
            }
        }?;
        self.msgs.remove(i)
    }

    /// The replay has been checked: what it did not contain is sent again.
    pub(crate) fn replay_checked(&mut self) {
        for m in &mut self.msgs {
            if m.state == OutState::Uncertain {
                m.state = OutState::Queued;
            }
        }
    }

    /// The conversation the queued messages waited for was not opened: they fail, and stay to be
    /// retried.
    pub(crate) fn fail_queued(&mut self) -> Vec<u64> {
        let mut keys = Vec::new();
        for m in self.msgs.iter_mut().filter(|m| m.state == OutState::Queued) {
            m.state = OutState::Failed;
            keys.push(m.key);
        }
        keys
    }

    /// Whether this message failed and can be sent again.
    pub(crate) fn is_failed(&self, key: u64) -> bool {
        self.msgs
            .iter()
            .any(|m| m.key == key && m.state == OutState::Failed)
    }

    /// The conversation is gone: nothing unconfirmed can be delivered any more.
    pub(crate) fn fail_all(&mut self) -> Vec<u64> {
        self.confirmed_seq = None; // a next dialog (a survey) counts its sequences anew
        self.msgs.drain(..).map(|m| m.key).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outbox() -> Outbox {
        let mut o = Outbox::default();
        o.push(1, "a".into(), "x-1".into(), Vec::new());
        o.push(2, "b".into(), "x-2".into(), Vec::new());
        o
    }

    #[test]
    fn messages_go_out_in_order_and_leave_when_confirmed() {
        let mut o = outbox();
        assert_eq!(
            o.queued().iter().map(|m| m.key).collect::<Vec<_>>(),
            vec![1, 2]
        );
        o.set_in_flight(1, ReqId::from("7"));
        assert_eq!(o.queued().len(), 1);
        assert_eq!(o.confirmed(1, Some(4)).map(|m| m.text), Some("a".into()));
        assert_eq!(o.confirmed(1, None), None);
    }

    #[test]
    fn an_uncertain_message_found_in_the_replay_is_not_resent() {
        let mut o = outbox();
        o.set_in_flight(1, ReqId::from("7"));
        o.set_in_flight(2, ReqId::from("8"));
        o.socket_lost();
        assert!(o.has_uncertain());
        assert_eq!(o.echoed(Some("x-1"), "a", Some(3)).map(|m| m.key), Some(1));
        o.replay_checked();
        assert_eq!(
            o.queued().iter().map(|m| m.key).collect::<Vec<_>>(),
            vec![2],
            "only the lost one is resent"
        );
    }

    #[test]
    fn without_echoed_metadata_the_text_decides() {
        let mut o = outbox();
        o.set_in_flight(2, ReqId::from("8"));
        o.socket_lost();
        assert_eq!(
            o.echoed(None, "a", None),
            None,
            "a queued message was never sent, so it cannot be echoed"
        );
        assert_eq!(o.echoed(None, "b", None).map(|m| m.key), Some(2));
    }

    #[test]
    fn without_metadata_an_event_no_newer_than_a_confirmation_is_not_an_unconfirmed_message() {
        let mut o = Outbox::default();
        o.push(1, "ok".into(), "x-1".into(), Vec::new());
        o.push(2, "ok".into(), "x-2".into(), Vec::new());
        o.set_in_flight(1, ReqId::from("7"));
        o.set_in_flight(2, ReqId::from("8"));
        assert!(o.confirmed(1, Some(5)).is_some());
        assert_eq!(
            o.echoed(None, "ok", Some(5)),
            None,
            "the echo of the first ok"
        );
        assert_eq!(o.echoed(None, "ok", Some(6)).map(|m| m.key), Some(2));
    }

    #[test]
    fn failed_messages_can_be_retried_at_the_back() {
        let mut o = outbox();
        o.set_in_flight(1, ReqId::from("7"));
        o.failed(1);
        assert!(!o.retry(2), "only failed messages are retried");
        assert!(o.retry(1));
        assert_eq!(
            o.queued().iter().map(|m| m.key).collect::<Vec<_>>(),
            vec![2, 1]
        );
        assert_eq!(o.fail_all(), vec![2, 1]);
        assert!(!o.has_uncertain());
    }
}
