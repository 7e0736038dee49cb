//! Requests in flight on the current socket, each with a deadline. Responses are matched by `reqId`
//! only; an unknown or late `reqId` matches nothing. Each request is kept as it was sent, so that one
//! answered 429 can be sent again (`throttle.rs`).

use crate::time::Millis;
use lpchat_wire::{MetadataItem, ReqId, RequestPayload};

/// What a request was for, so its answer can be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Purpose {
    Init,
    SubscribeConversations,
    RequestConversation,
    SubscribeMessages,
    Publish {
        entry: u64,
    },
    /// Ending the conversation; `survey`: skipping the survey (Stage) rather than closing MAIN.
    Close {
        survey: bool,
    },
    Keepalive,
    /// An upload URL for the user's file shown as this entry.
    UploadUrl {
        entry: u64,
    },
    /// A download URL for the file shown as this entry.
    DownloadUrl {
        entry: u64,
    },
    /// A chat state or receipt: answers and losses do not matter.
    Signal,
    /// The satisfaction rating of a closed conversation.
    Rating,
    /// The history of a past conversation being read.
    PastHistory,
}

/// A request as sent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sent {
    pub(crate) purpose: Purpose,
    pub(crate) payload: RequestPayload,
    pub(crate) metadata: Vec<MetadataItem>,
    /// How long it may wait for its answer (its deadline is this after it is sent).
    pub(crate) timeout_ms: u64,
    /// How many times it was answered 429 and sent again.
    pub(crate) throttled: u32,
}

/// The requests in flight, in the order they were sent (at most a few dozen: a list costs the bundle
/// less than a hash map, and searching it costs no time worth measuring).
#[derive(Debug, Default)]
pub(crate) struct Pending {
    next: u64,
    list: Vec<(ReqId, Sent, Millis)>,
}

impl Pending {
    /// A fresh id (unique for the life of the session, so never reused across sockets).
    pub(crate) fn next_id(&mut self) -> ReqId {
        self.next += 1;
        ReqId(self.next.to_string())
    }

    /// `sent` is in flight under `id` until `deadline`.
    pub(crate) fn insert(&mut self, id: ReqId, sent: Sent, deadline: Millis) {
        self.list.push((id, sent, deadline));
    }

    /// The request answered by `id`, as it was sent.
    pub(crate) fn take_sent(&mut self, id: &ReqId) -> Option<Sent> {
        let at = self.list.iter().position(|(i, ..)| i == id)?;
        Some(self.list.remove(at).1)
    }

    /// Removes and returns everything whose deadline has passed, oldest first (by deadline, then in
    /// the order sent).
    pub(crate) fn expired(&mut self, now: Millis) -> Vec<Purpose> {
        let mut out = Vec::new();
        while let Some(at) = (0..self.list.len())
            .filter(|&i| self.list[i].2 <= now)
            .min_by_key(|&i| self.list[i].2)
        {
            out.push(self.list.remove(at).1.purpose);
        }
        out
    }

    /// Fails everything (the socket is gone), in the order sent.
    pub(crate) fn drain(&mut self) -> Vec<Purpose> {
        self.list.drain(..).map(|(_, s, _)| s.purpose).collect()
    }

    /// How many requests are in flight.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    pub(crate) fn next_deadline(&self) -> Option<Millis> {
        self.list.iter().map(|(.., d)| *d).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A request for `purpose` (what it asks for does not matter here).
    pub(crate) fn sent(purpose: Purpose) -> Sent {
        Sent {
            purpose,
            payload: RequestPayload::GetClock {},
            metadata: Vec::new(),
            timeout_ms: 10_000,
            throttled: 0,
        }
    }

    #[test]
    fn ids_are_unique_strings_and_answers_match_once() {
        let mut p = Pending::default();
        let (a, b) = (p.next_id(), p.next_id());
        p.insert(a.clone(), sent(Purpose::Init), Millis(10));
        p.insert(b.clone(), sent(Purpose::Close { survey: false }), Millis(5));
        assert_ne!(a, b);
        assert_eq!(p.next_deadline(), Some(Millis(5)));
        assert_eq!(p.take_sent(&a).map(|s| s.purpose), Some(Purpose::Init));
        assert_eq!(
            p.take_sent(&a).map(|s| s.purpose),
            None,
            "a second answer to the same id matches nothing"
        );
        assert_eq!(p.take_sent(&ReqId::from("999")).map(|s| s.purpose), None);
    }

    #[test]
    fn expiry_takes_only_what_is_due() {
        let mut p = Pending::default();
        for (purpose, deadline) in [(Purpose::Init, 10), (Purpose::Close { survey: false }, 20)] {
            let id = p.next_id();
            p.insert(id, sent(purpose), Millis(deadline));
        }
        assert_eq!(p.expired(Millis(9)), vec![]);
        assert_eq!(p.expired(Millis(10)), vec![Purpose::Init]);
        assert_eq!(p.next_deadline(), Some(Millis(20)));
        assert_eq!(p.drain(), vec![Purpose::Close { survey: false }]);
        assert_eq!(p.next_deadline(), None);
    }
}
