//! How far the user's messages got: sending, failed, sent (with the server's sequence and time),
//! and the agent's receipts, kept for a message whose sequence is not known yet.

use super::{Author, Delivery, Entry, Transcript, MAX_EARLY_RECEIPTS};

impl Transcript {
    pub(crate) fn set_failed(&mut self, key: u64) {
        if let Some(i) = self.index(key) {
            self.entries[i].delivery = Some(Delivery::Failed);
        }
    }

    pub(crate) fn set_pending(&mut self, key: u64) {
        if let Some(i) = self.index(key) {
            let mut e = self.entries.remove(i);
            e.delivery = Some(Delivery::Pending);
            self.entries.push(e);
        }
    }

    /// The user's message was stored by the server (publish answered, or its echo seen).
    pub(crate) fn confirm(
        &mut self,
        key: u64,
        dialog: &str,
        sequence: Option<i64>,
        timestamp: Option<i64>,
    ) {
        let Some(i) = self.index(key) else { return };
        let mut e = self.entries.remove(i);
        e.delivery = Some(Delivery::Sent);
        if let Some(s) = sequence {
            if let Some(d) = self.take_early_receipt(dialog, s) {
                e.delivery = Some(d);
            }
        }
        if timestamp.is_some() {
            e.timestamp = timestamp; // the server's time wins over the local one
        }
        let at = match (e.sequence.clone(), sequence) {
            (None, Some(s)) => {
                self.seen.insert((dialog.to_owned(), s));
                e.sequence = Some((dialog.to_owned(), s));
                self.position_for(dialog, s)
            }
            (Some((d, s)), _) => self.position_for(&d, s),
            (None, None) => self
                .entries
                .iter()
                .position(Entry::unconfirmed)
                .unwrap_or(self.entries.len()),
        };
        self.entries.insert(at, e);
    }

    /// The receipt that came before the message with this sequence, if one did.
    pub(super) fn take_early_receipt(&mut self, dialog: &str, sequence: i64) -> Option<Delivery> {
        let at = self
            .early_receipts
            .iter()
            .position(|((d, s), _)| d == dialog && *s == sequence)?;
        Some(self.early_receipts.remove(at).1)
    }

    /// The agent's receipt for the user's message with this sequence (applied when the sequence
    /// becomes known, if it is not yet).
    pub(crate) fn receipt(&mut self, dialog: &str, sequence: i64, delivery: Delivery) {
        let found = self.entries.iter_mut().rev().find(|e| {
            e.author == Author::Consumer
                && e.sequence
                    .as_ref()
                    .is_some_and(|(d, s)| d == dialog && *s == sequence)
        });
        match found {
            Some(e) => {
                if e.delivery.is_some_and(|d| d.rank() < delivery.rank()) {
                    e.delivery = Some(delivery);
                }
            }
            None => {
                let early = &mut self.early_receipts;
                match early
                    .iter_mut()
                    .find(|((d, s), _)| d == dialog && *s == sequence)
                {
                    Some((_, slot)) if slot.rank() < delivery.rank() => *slot = delivery,
                    Some(_) => {}
                    None => {
                        if early.len() >= MAX_EARLY_RECEIPTS {
                            early.remove(0);
                        }
                        early.push(((dialog.to_owned(), sequence), delivery));
                    }
                }
            }
        }
    }
}
