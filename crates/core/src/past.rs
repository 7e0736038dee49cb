//! Past conversations: the consumer's closed conversations as the conversation subscription reports
//! them (it asks for CLOSE as well as OPEN, PROTOCOL.md §5.5), newest first, and the one being read.
//! Its history is asked for as an open one's is, with `ms.SubscribeMessagingEvents` from sequence 0,
//! and shown read-only. Whether LivePerson lets a consumer read a closed conversation's events is
//! NOT FOUND in its documentation (docs/DECISIONS.md, "Past conversations"): a refusal, or no answer
//! in time, is said in the conversation's place.
//!
//! A machine of its own: it owns its fields; the session tells it what the server reported and asks
//! it what to request and what to show.

use crate::{text::Texts, transcript::Author, transcript::Transcript, view::PastView};

/// Closed conversations kept for the list (the newest).
pub const MAX_PAST: usize = 20;
/// Keys of the entries read start here, so a keyed list never mistakes one for the current
/// conversation's (whose keys count up from 1), nor one conversation's for another's.
const READ_KEYS: u64 = 1 << 62;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Closed {
    id: String,
    started: Option<i64>,
    /// The ASSIGNED_AGENT participant's id, if the change named one.
    agent: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// To be asked for once connected.
    Wanted,
    Asking,
    Read,
    Refused,
}

#[derive(Debug)]
struct Reading {
    id: String,
    state: State,
    /// Its messages, kept as the current conversation's are (each once, in the server's order).
    transcript: Transcript,
}

/// The list and the conversation being read.
#[derive(Debug, Default)]
pub(crate) struct Past {
    closed: Vec<Closed>,
    /// The list is open.
    shown: bool,
    reading: Option<Reading>,
    /// Counts the conversations opened, for their entries' keys.
    opened: u64,
}

impl Past {
    /// The conversation `id` is closed (a conversation change said so).
    pub(crate) fn closed(&mut self, id: &str, started: Option<i64>, agent: Option<String>) {
        self.closed.retain(|c| c.id != id);
        let at = self
            .closed
            .iter()
            .position(|c| c.started < started)
            .unwrap_or(self.closed.len());
        self.closed.insert(
            at,
            Closed {
                id: id.to_owned(),
                started,
                agent,
            },
        );
        self.closed.truncate(MAX_PAST); // the one being read may be pushed out by newer ones
        self.read_only_listed();
    }

    /// The conversation `id` is not a past one (open again, or deleted from the stream): it is no
    /// longer listed, nor read.
    pub(crate) fn forget(&mut self, id: &str) {
        self.closed.retain(|c| c.id != id);
        self.read_only_listed();
    }

    /// A conversation no longer listed is no longer read.
    fn read_only_listed(&mut self) {
        if self.reading().is_none() {
            self.reading = None;
        }
    }

    /// Opens or closes the list; closing it leaves the conversation being read too.
    pub(crate) fn show(&mut self, shown: bool) {
        self.shown = shown;
        if !shown {
            self.reading = None;
        }
    }

    /// The user chose to read the one at `index` of the list, in the words of `texts`; false if
    /// there is none there.
    pub(crate) fn read(&mut self, index: usize, texts: &'static Texts) -> bool {
        let Some(id) = self.closed.get(index).map(|c| c.id.clone()) else {
            return false;
        };
        self.opened += 1;
        self.shown = false;
        self.reading = Some(Reading {
            id,
            state: State::Wanted,
            transcript: Transcript::keyed_from(texts, READ_KEYS + (self.opened << 32)),
        });
        true
    }

    /// The conversation whose history is to be asked for now, if one is waiting (it is then being
    /// asked for).
    #[must_use]
    pub(crate) fn take_wanted(&mut self) -> Option<String> {
        let r = self.reading.as_mut().filter(|r| r.state == State::Wanted)?;
        r.state = State::Asking;
        Some(r.id.clone())
    }

    /// The answer to the history request: accepted, or refused (said in the conversation's place,
    /// in the words of `t`).
    pub(crate) fn answered(&mut self, accepted: bool, t: &Texts) {
        if let Some(r) = self.reading.as_mut().filter(|r| r.state == State::Asking) {
            r.state = if accepted {
                State::Read
            } else {
                r.transcript.system(t.past_refused);
                State::Refused
            };
        }
    }

    /// The request's socket is gone: asked again once connected.
    pub(crate) fn lost(&mut self) {
        if let Some(r) = self.reading.as_mut().filter(|r| r.state == State::Asking) {
            r.state = State::Wanted;
        }
    }

    /// The dialog being read, if its events are wanted.
    pub(crate) fn dialog(&self) -> Option<&str> {
        self.reading
            .as_ref()
            .filter(|r| r.state != State::Refused)
            .map(|r| r.id.as_str())
    }

    /// A message of the conversation being read, at `sequence` (one already kept is not kept
    /// twice).
    pub(crate) fn message(&mut self, sequence: i64, author: Author, text: String, at: Option<i64>) {
        if let Some(r) = self.reading.as_mut() {
            r.transcript
                .remote(author, text, &r.id, Some(sequence), at, None);
        }
    }

    pub(crate) fn shown(&self) -> bool {
        self.shown
    }

    /// The list, newest first, with each agent's name as `name` gives it.
    pub(crate) fn list(&self, name: impl Fn(&str) -> Option<String>) -> Vec<PastView> {
        self.closed
            .iter()
            .map(|c| PastView {
                id: c.id.clone(),
                started: c.started,
                agent: c.agent.as_deref().and_then(&name),
            })
            .collect()
    }

    /// The agents of the list (whose names are worth asking for once it is open).
    pub(crate) fn agents(&self) -> impl Iterator<Item = &str> {
        self.closed.iter().filter_map(|c| c.agent.as_deref())
    }

    /// The place in the list of the conversation being read (always listed: see `forget`).
    pub(crate) fn reading(&self) -> Option<usize> {
        let id = &self.reading.as_ref()?.id;
        self.closed.iter().position(|c| c.id == *id)
    }

    /// The messages of the conversation being read.
    pub(crate) fn transcript(&mut self) -> Option<&mut Transcript> {
        self.reading.as_mut().map(|r| &mut r.transcript)
    }

    /// The same, to show.
    pub(crate) fn read_transcript(&self) -> Option<&Transcript> {
        self.reading.as_ref().map(|r| &r.transcript)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::EN;

    fn texts(p: &mut Past) -> Vec<String> {
        p.transcript()
            .map(|t| t.entries().iter().map(|e| e.text.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_list_is_newest_first_once_each_and_bounded() {
        let mut p = Past::default();
        p.closed("a", Some(1), None);
        p.closed("c", Some(3), Some("agent-1".into()));
        p.closed("b", Some(2), None);
        p.closed("a", Some(1), Some("agent-2".into())); // told again: kept once, updated
        let ids: Vec<String> = p.list(|_| None).into_iter().map(|v| v.id).collect();
        assert_eq!(ids, ["c", "b", "a"]);
        let names = p.list(|a| Some(a.to_uppercase()));
        assert_eq!(names[2].agent.as_deref(), Some("AGENT-2"));
        p.forget("b");
        assert_eq!(p.list(|_| None).len(), 2);
        for i in 0..MAX_PAST as i64 + 5 {
            p.closed(&format!("x{i}"), Some(100 + i), None);
        }
        let list = p.list(|_| None);
        assert_eq!(list.len(), MAX_PAST);
        assert_eq!(list[0].id, format!("x{}", MAX_PAST + 4), "the newest kept");
    }

    #[test]
    fn a_conversation_read_is_asked_for_once_and_each_message_kept_once() {
        let mut p = Past::default();
        assert!(!p.read(0, &EN), "only a listed conversation opens");
        p.closed("a", Some(1), None);
        p.show(true);
        assert!(p.read(0, &EN));
        assert!(!p.shown(), "the list gives way to the conversation");
        assert_eq!(p.take_wanted().as_deref(), Some("a"));
        assert_eq!(p.take_wanted(), None, "asked once");
        p.lost();
        assert_eq!(
            p.take_wanted().as_deref(),
            Some("a"),
            "asked again after a lost socket"
        );
        p.answered(true, &EN);
        assert!(texts(&mut p).is_empty());
        p.message(1, Author::Agent, "second".into(), Some(20));
        p.message(0, Author::Consumer, "first".into(), Some(10));
        p.message(1, Author::Agent, "second".into(), Some(20)); // replayed again
        assert_eq!(texts(&mut p), ["first", "second"]);
        let keys: Vec<u64> = p
            .transcript()
            .map(|t| t.entries().iter().map(|e| e.key).collect())
            .unwrap_or_default();
        assert!(
            keys.iter().all(|k| *k > READ_KEYS),
            "keys of their own: {keys:?}"
        );
        p.show(false);
        assert!(
            p.transcript().is_none(),
            "leaving it shows the current conversation"
        );
        assert_eq!(p.dialog(), None);
    }

    #[test]
    fn a_refused_history_says_so_and_takes_no_events() {
        let mut p = Past::default();
        p.closed("a", Some(1), None);
        assert!(p.read(0, &EN));
        let _ = p.take_wanted();
        p.answered(false, &EN);
        assert_eq!(p.dialog(), None);
        assert_eq!(texts(&mut p), [EN.past_refused]);
    }

    #[test]
    fn two_conversations_read_one_after_the_other_share_no_key() {
        let mut p = Past::default();
        p.closed("a", Some(1), None);
        p.closed("b", Some(2), None);
        assert!(p.read(1, &EN)); // "b" started later: it is first
        p.message(0, Author::Agent, "in a".into(), None);
        let first = p.transcript().map(|t| t.entries()[0].key);
        assert!(p.read(0, &EN));
        p.message(0, Author::Agent, "in b".into(), None);
        let second = p.transcript().map(|t| t.entries()[0].key);
        assert_ne!(first, second);
    }
}
