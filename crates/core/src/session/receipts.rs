//! Receipts the user sends (PROTOCOL.md §6.1): ACCEPT for each agent message when it arrives, READ
//! once it has been shown (the page visible, the transcript at its bottom), each batched by
//! `sequenceList` after `receipt_batch`. Messages the user's own earlier receipts (seen in a replay)
//! already cover are not receipted again. Whether they can go now is the session's to decide; until
//! then they wait here.

use crate::{small_map::SortedSet, time::Millis};
use lpchat_wire::AcceptStatus;
use std::time::Duration;

/// A message: its dialog and sequence.
type Key = (String, i64);

#[derive(Debug)]
pub(crate) struct Receipts {
    /// Agent messages that still need ACCEPT, and READ.
    to_accept: Vec<Key>,
    unread: Vec<Key>,
    to_read: Vec<Key>,
    /// Sent already (by this page or, as the replay shows, an earlier one).
    accepted: SortedSet<Key>,
    read: SortedSet<Key>,
    /// Receipts go out then.
    flush_at: Option<Millis>,
    /// The page is visible.
    visible: bool,
    /// The transcript is scrolled to its bottom.
    at_bottom: bool,
}

impl Default for Receipts {
    fn default() -> Self {
        Receipts {
            to_accept: Vec::new(),
            unread: Vec::new(),
            to_read: Vec::new(),
            accepted: SortedSet::default(),
            read: SortedSet::default(),
            flush_at: None,
            visible: true,
            at_bottom: true,
        }
    }
}

impl Receipts {
    /// Agent messages not yet shown to the user.
    pub(crate) fn unread(&self) -> usize {
        self.unread.len()
    }

    pub(crate) fn visible(&self) -> bool {
        self.visible
    }

    /// The page was shown or hidden, or the transcript scrolled to or away from its bottom.
    pub(crate) fn attention(&mut self, visible: Option<bool>, at_bottom: Option<bool>) {
        self.visible = visible.unwrap_or(self.visible);
        self.at_bottom = at_bottom.unwrap_or(self.at_bottom);
    }

    /// What is on screen at `now` counts as seen, unless `covered` (another conversation is read).
    pub(crate) fn see(&mut self, now: Millis, batch: Duration, covered: bool) {
        if self.visible && self.at_bottom && !covered && !self.unread.is_empty() {
            let unread = std::mem::take(&mut self.unread);
            self.to_read.extend(unread);
            self.schedule(now, batch);
        }
    }

    fn schedule(&mut self, now: Millis, batch: Duration) {
        self.flush_at.get_or_insert(now.after(batch));
    }

    /// An agent message arrived at `now`. Returns whether it is new to the user (not read before).
    pub(crate) fn agent_message(&mut self, now: Millis, batch: Duration, key: Key) -> bool {
        if !self.accepted.contains(&key) {
            self.to_accept.push(key.clone());
        }
        let new = !self.read.contains(&key);
        if new {
            self.unread.push(key);
        }
        self.schedule(now, batch);
        new
    }

    /// The user's own receipt (from this page or an earlier one, replayed): not to be sent again.
    pub(crate) fn own(&mut self, status: AcceptStatus, key: Key) {
        if matches!(status, AcceptStatus::Accept | AcceptStatus::Read) {
            self.accepted.insert(key.clone());
        }
        if status == AcceptStatus::Read {
            self.unread.retain(|k| *k != key);
            self.read.insert(key);
        }
    }

    /// Whether the batch is due at `now` (asked once: it is then taken with [`Self::take`]).
    #[must_use]
    pub(crate) fn due(&mut self, now: Millis) -> bool {
        let due = self.flush_at.is_some_and(|t| t <= now);
        if due {
            self.flush_at = None;
        }
        due
    }

    /// The receipts to send now, one per status and dialog, ACCEPT first.
    #[must_use]
    pub(crate) fn take(&mut self) -> Vec<(AcceptStatus, String, Vec<i64>)> {
        let mut out = Vec::new();
        for status in [AcceptStatus::Accept, AcceptStatus::Read] {
            let (list, done) = match status {
                AcceptStatus::Accept => (std::mem::take(&mut self.to_accept), &mut self.accepted),
                _ => (std::mem::take(&mut self.to_read), &mut self.read),
            };
            let mut by_dialog: Vec<(String, Vec<i64>)> = Vec::new();
            for (dialog, s) in list {
                if done.insert((dialog.clone(), s)) {
                    crate::small_map::entry(&mut by_dialog, &dialog, Vec::new).push(s);
                }
            }
            out.extend(by_dialog.into_iter().map(|(d, seqs)| (status, d, seqs)));
        }
        out
    }

    pub(crate) fn next_deadline(&self) -> Option<Millis> {
        self.flush_at
    }

    /// A new conversation or identity: nothing carries over but the page's attention.
    pub(crate) fn reset(&mut self) {
        *self = Receipts {
            visible: self.visible,
            at_bottom: self.at_bottom,
            ..Receipts::default()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BATCH: Duration = Duration::from_millis(300);

    fn key(s: i64) -> Key {
        ("d1".to_owned(), s)
    }

    #[test]
    fn an_agent_message_is_accepted_and_read_in_batches() {
        let mut r = Receipts::default();
        assert!(r.agent_message(Millis(0), BATCH, key(1)));
        assert!(r.agent_message(Millis(10), BATCH, key(2)));
        assert_eq!(
            r.next_deadline(),
            Some(Millis(300)),
            "the first one sets the batch"
        );
        assert!(!r.due(Millis(299)));
        assert!(r.due(Millis(300)));
        assert_eq!(
            r.take(),
            vec![(AcceptStatus::Accept, "d1".into(), vec![1, 2])]
        );
        r.see(Millis(400), BATCH, false);
        assert_eq!(r.unread(), 0);
        assert!(r.due(Millis(700)));
        assert_eq!(
            r.take(),
            vec![(AcceptStatus::Read, "d1".into(), vec![1, 2])]
        );
        assert!(r.take().is_empty(), "each receipt once");
    }

    #[test]
    fn nothing_is_read_while_hidden_scrolled_up_or_covered() {
        let mut r = Receipts::default();
        let _ = r.agent_message(Millis(0), BATCH, key(1));
        r.attention(Some(false), None);
        r.see(Millis(1), BATCH, false);
        r.attention(Some(true), Some(false));
        r.see(Millis(2), BATCH, false);
        r.attention(None, Some(true));
        r.see(Millis(3), BATCH, true);
        assert_eq!(r.unread(), 1);
        r.see(Millis(4), BATCH, false);
        assert_eq!(r.unread(), 0);
    }

    #[test]
    fn the_users_own_earlier_receipts_are_not_sent_again() {
        let mut r = Receipts::default();
        r.own(AcceptStatus::Read, key(1));
        assert!(!r.agent_message(Millis(0), BATCH, key(1)), "already read");
        assert!(r.agent_message(Millis(0), BATCH, key(2)));
        assert!(r.due(Millis(300)));
        assert_eq!(r.take(), vec![(AcceptStatus::Accept, "d1".into(), vec![2])]);
    }

    #[test]
    fn a_receipt_the_user_sent_from_elsewhere_meanwhile_is_not_sent_again() {
        let mut r = Receipts::default();
        assert!(r.agent_message(Millis(0), BATCH, key(1)));
        r.own(AcceptStatus::Accept, key(1)); // the user's other tab accepted it before the batch
        assert!(r.take().is_empty());
    }

    #[test]
    fn receipts_go_one_per_dialog() {
        let mut r = Receipts::default();
        let _ = r.agent_message(Millis(0), BATCH, key(1));
        let _ = r.agent_message(Millis(0), BATCH, ("survey".into(), 1));
        let _ = r.agent_message(Millis(0), BATCH, key(2));
        assert_eq!(
            r.take(),
            vec![
                (AcceptStatus::Accept, "d1".into(), vec![1, 2]),
                (AcceptStatus::Accept, "survey".into(), vec![1]),
            ]
        );
    }

    #[test]
    fn a_reset_keeps_only_the_attention() {
        let mut r = Receipts::default();
        let _ = r.agent_message(Millis(0), BATCH, key(1));
        r.attention(Some(false), None);
        r.reset();
        assert_eq!(
            (r.unread(), r.next_deadline(), r.visible()),
            (0, None, false)
        );
    }
}
