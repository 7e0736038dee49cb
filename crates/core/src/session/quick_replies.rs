//! Quick replies (PROTOCOL.md §8.3): offered with an agent message, they belong to the newest
//! message alone, so a newer one from either side ends them, as does the user writing or the
//! conversation ending. A replayed older message does not bring them back.

use crate::rich::{Action, QuickReply};

/// Quick replies offered with an agent message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Offer {
    /// The dialog and sequence of the message that offered them (for the ACTION receipt).
    pub(crate) dialog: String,
    pub(crate) sequence: Option<i64>,
    pub(crate) replies: Vec<QuickReply>,
}

#[derive(Debug, Default)]
pub(crate) struct QuickReplies {
    /// The newest message (either side) seen.
    newest: Option<(String, i64)>,
    offer: Option<Offer>,
}

impl QuickReplies {
    /// A message arrived with the quick replies it offers (none for the user's own).
    pub(crate) fn message(
        &mut self,
        dialog: &str,
        sequence: Option<i64>,
        replies: Vec<QuickReply>,
    ) {
        let newer = match (&self.newest, sequence) {
            (Some((d, newest)), Some(s)) => d != dialog || s > *newest,
            _ => true,
        };
        if !newer {
            return;
        }
        if let Some(s) = sequence {
            self.newest = Some((dialog.to_owned(), s));
        }
        self.offer = (!replies.is_empty()).then(|| Offer {
            dialog: dialog.to_owned(),
            sequence,
            replies,
        });
    }

    /// What is offered now.
    pub(crate) fn offer(&self) -> Option<&Offer> {
        self.offer.as_ref()
    }

    /// The user wrote, or the conversation ended: the offer is gone.
    pub(crate) fn withdraw(&mut self) {
        self.offer = None;
    }

    /// The user pressed reply `index`: the message it answers and what it does. The offer ends
    /// with it; an index that is not offered changes nothing.
    pub(crate) fn press(&mut self, index: usize) -> Option<(String, Option<i64>, Action)> {
        let reply = self.offer.as_ref()?.replies.get(index)?.action.clone();
        let offer = self.offer.take()?;
        Some((offer.dialog, offer.sequence, reply))
    }

    /// A new conversation: nothing carries over.
    pub(crate) fn reset(&mut self) {
        *self = QuickReplies::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replies(texts: &[&str]) -> Vec<QuickReply> {
        texts
            .iter()
            .map(|t| QuickReply {
                title: (*t).into(),
                action: Action::Reply {
                    text: (*t).into(),
                    metadata: Vec::new(),
                },
            })
            .collect()
    }

    #[test]
    fn a_newer_message_from_either_side_ends_the_offer() {
        let mut q = QuickReplies::default();
        q.message("d", Some(3), replies(&["Yes", "No"]));
        assert_eq!(q.offer().map(|o| o.replies.len()), Some(2));
        q.message("d", Some(2), Vec::new());
        assert!(
            q.offer().is_some(),
            "an older message (a replay) changes nothing"
        );
        q.message("d", Some(4), Vec::new());
        assert!(q.offer().is_none(), "a newer one ends it");
    }

    #[test]
    fn a_press_ends_the_offer_and_a_wrong_index_changes_nothing() {
        let mut q = QuickReplies::default();
        q.message("d", Some(1), replies(&["Yes"]));
        assert_eq!(q.press(5), None);
        assert!(q.offer().is_some());
        let (dialog, sequence, action) = q.press(0).expect("offered");
        assert_eq!((dialog.as_str(), sequence), ("d", Some(1)));
        assert!(matches!(action, Action::Reply { text, .. } if text == "Yes"));
        assert!(q.offer().is_none());
    }

    #[test]
    fn a_reset_forgets_the_newest_message() {
        let mut q = QuickReplies::default();
        q.message("d", Some(9), Vec::new());
        q.reset();
        q.message("d", Some(1), replies(&["Yes"]));
        assert!(
            q.offer().is_some(),
            "a new conversation counts from the start"
        );
    }
}
