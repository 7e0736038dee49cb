//! The conversation as the user sees it: entries in order, deduplicated by `(dialog, sequence)`, with
//! the user's own messages reconciled between the local echo, the publish answer and the server echo.

use std::collections::HashSet;

/// Who wrote an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Author {
    /// The user of lpchat.
    Consumer,
    /// The brand (agent or bot).
    Agent,
    /// lpchat itself (conversation started, closed…).
    System,
}

impl Author {
    /// `consumer`, `agent`, `system` (the `data-author` attribute).
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Consumer => "consumer",
            Author::Agent => "agent",
            Author::System => "system",
        }
    }
}

/// Delivery state of the user's own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// Shown, not yet acknowledged.
    Pending,
    /// Acknowledged by the server.
    Sent,
    /// Could not be delivered.
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) key: u64,
    pub(crate) author: Author,
    pub(crate) text: String,
    pub(crate) delivery: Option<Delivery>,
    pub(crate) sequence: Option<(String, i64)>,
    pub(crate) timestamp: Option<i64>,
}

#[derive(Debug, Default)]
pub(crate) struct Transcript {
    next_key: u64,
    pub(crate) entries: Vec<Entry>,
    seen: HashSet<(String, i64)>,
}

impl Transcript {
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.seen.clear();
    }

    fn push(&mut self, author: Author, text: String, delivery: Option<Delivery>) -> u64 {
        self.next_key += 1;
        self.entries.push(Entry {
            key: self.next_key,
            author,
            text,
            delivery,
            sequence: None,
            timestamp: None,
        });
        self.next_key
    }

    pub(crate) fn system(&mut self, text: impl Into<String>) {
        self.push(Author::System, text.into(), None);
    }

    /// The user's message, shown at once as pending.
    pub(crate) fn local(&mut self, text: String) -> u64 {
        self.push(Author::Consumer, text, Some(Delivery::Pending))
    }

    fn find(&mut self, key: u64) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.key == key)
    }

    /// The publish was acknowledged with a sequence (if the server gave one).
    pub(crate) fn acknowledged(&mut self, key: u64, dialog: &str, sequence: Option<i64>) {
        let already_echoed = sequence.is_some_and(|s| self.seen.contains(&(dialog.to_owned(), s)));
        if already_echoed {
            // The echo arrived first and was attached to this entry already, or stands on its own.
            if let Some(e) = self.find(key) {
                e.delivery = Some(Delivery::Sent);
            }
            return;
        }
        if let Some(s) = sequence {
            self.seen.insert((dialog.to_owned(), s));
        }
        if let Some(e) = self.find(key) {
            e.delivery = Some(Delivery::Sent);
            e.sequence = sequence.map(|s| (dialog.to_owned(), s));
        }
    }

    pub(crate) fn failed(&mut self, key: u64) {
        if let Some(e) = self.find(key) {
            e.delivery = Some(Delivery::Failed);
        }
    }

    /// A sequenced event from the server. Returns false if it was a duplicate.
    pub(crate) fn remote(
        &mut self,
        author: Author,
        text: String,
        dialog: &str,
        sequence: Option<i64>,
        timestamp: Option<i64>,
    ) -> bool {
        if let Some(s) = sequence {
            if !self.seen.insert((dialog.to_owned(), s)) {
                return false;
            }
        }
        if author == Author::Consumer {
            // Our own echo: attach it to the oldest unsequenced local entry with the same text.
            if let Some(e) = self.entries.iter_mut().find(|e| {
                e.author == Author::Consumer
                    && e.sequence.is_none()
                    && e.delivery.is_some()
                    && e.text == text
            }) {
                e.sequence = sequence.map(|s| (dialog.to_owned(), s));
                e.timestamp = timestamp;
                if e.delivery == Some(Delivery::Pending) {
                    e.delivery = Some(Delivery::Sent);
                }
                return true;
            }
        }
        let key = self.push(author, text, None);
        if let Some(e) = self.find(key) {
            e.sequence = sequence.map(|s| (dialog.to_owned(), s));
            e.timestamp = timestamp;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replayed_event_is_shown_once() {
        let mut t = Transcript::default();
        assert!(t.remote(Author::Agent, "hi".into(), "d", Some(0), None));
        assert!(!t.remote(Author::Agent, "hi".into(), "d", Some(0), None));
        assert!(t.remote(Author::Agent, "hi".into(), "other", Some(0), None));
        assert_eq!(t.entries.len(), 2);
    }

    #[test]
    fn own_message_acknowledged_then_echoed_is_one_entry() {
        let mut t = Transcript::default();
        let k = t.local("hello".into());
        t.acknowledged(k, "d", Some(4));
        assert!(!t.remote(Author::Consumer, "hello".into(), "d", Some(4), None));
        assert_eq!(t.entries.len(), 1);
        assert_eq!(t.entries[0].delivery, Some(Delivery::Sent));
    }

    #[test]
    fn own_message_echoed_before_its_acknowledgement_is_one_entry() {
        let mut t = Transcript::default();
        let k = t.local("hello".into());
        assert!(t.remote(Author::Consumer, "hello".into(), "d", Some(3), None));
        t.acknowledged(k, "d", Some(3));
        assert_eq!(t.entries.len(), 1);
        assert_eq!(t.entries[0].delivery, Some(Delivery::Sent));
    }

    #[test]
    fn own_messages_from_another_device_are_shown() {
        let mut t = Transcript::default();
        assert!(t.remote(Author::Consumer, "from my phone".into(), "d", Some(1), None));
        assert_eq!(t.entries.len(), 1);
        assert_eq!(t.entries[0].delivery, None);
    }
}
