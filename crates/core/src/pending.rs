//! Requests in flight on the current socket, each with a deadline. Responses are matched by `reqId`
//! only; an unknown or late `reqId` matches nothing. Each request is kept as it was sent, so that one
//! answered 429 can be sent again (`throttle.rs`).

use crate::time::Millis;
use lpchat_wire::{MetadataItem, ReqId, RequestPayload};
use std::collections::HashMap;

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

#[derive(Debug, Default)]
pub(crate) struct Pending {
    next: u64,
    map: HashMap<ReqId, (Sent, Millis)>,
}

impl Pending {
    /// A fresh id (unique for the life of the session, so never reused across sockets).
    pub(crate) fn insert(&mut self, sent: Sent, deadline: Millis) -> ReqId {
        self.next += 1;
        let id = ReqId(self.next.to_string());
        self.map.insert(id.clone(), (sent, deadline));
        id
    }

    pub(crate) fn take(&mut self, id: &ReqId) -> Option<Purpose> {
        self.take_sent(id).map(|s| s.purpose)
    }

    /// The request answered by `id`, as it was sent.
    pub(crate) fn take_sent(&mut self, id: &ReqId) -> Option<Sent> {
        self.map.remove(id).map(|(s, _)| s)
    }

    /// Removes and returns everything whose deadline has passed, oldest first.
    pub(crate) fn expired(&mut self, now: Millis) -> Vec<Purpose> {
        let mut due: Vec<(ReqId, Millis)> = self
            .map
            .iter()
            .filter(|(_, (_, d))| *d <= now)
            .map(|(id, (_, d))| (id.clone(), *d))
            .collect();
        // Oldest first. Rarely more than a few are due at once, so repeatedly taking the oldest is
        // enough (and keeps a general sort out of the WebAssembly bundle).
        let order = |(id, d): &(ReqId, Millis)| (*d, id.0.parse::<u64>().unwrap_or(0));
        let mut out = Vec::with_capacity(due.len());
        while let Some(i) = (0..due.len()).min_by_key(|&i| order(&due[i])) {
            let (id, _) = due.swap_remove(i);
            out.extend(self.take(&id));
        }
        out
    }

    /// Fails everything (the socket is gone).
    pub(crate) fn drain(&mut self) -> Vec<Purpose> {
        self.map.drain().map(|(_, (s, _))| s.purpose).collect()
    }

    /// How many requests are in flight.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    pub(crate) fn next_deadline(&self) -> Option<Millis> {
        self.map.values().map(|(_, d)| *d).min()
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
        let a = p.insert(sent(Purpose::Init), Millis(10));
        let b = p.insert(sent(Purpose::Close { survey: false }), Millis(5));
        assert_ne!(a, b);
        assert_eq!(p.next_deadline(), Some(Millis(5)));
        assert_eq!(p.take(&a), Some(Purpose::Init));
        assert_eq!(
            p.take(&a),
            None,
            "a second answer to the same id matches nothing"
        );
        assert_eq!(p.take(&ReqId::from("999")), None);
    }

    #[test]
    fn expiry_takes_only_what_is_due() {
        let mut p = Pending::default();
        p.insert(sent(Purpose::Init), Millis(10));
        p.insert(sent(Purpose::Close { survey: false }), Millis(20));
        assert_eq!(p.expired(Millis(9)), vec![]);
        assert_eq!(p.expired(Millis(10)), vec![Purpose::Init]);
        assert_eq!(p.next_deadline(), Some(Millis(20)));
        assert_eq!(p.drain(), vec![Purpose::Close { survey: false }]);
        assert_eq!(p.next_deadline(), None);
    }
}
