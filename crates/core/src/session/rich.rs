//! Quick replies and card buttons: what a press sends (PROTOCOL.md §8.3, frames 37 and 39).

use super::{Conversation, Session};
use crate::rich::{Action, QuickReply};

/// Quick replies offered with an agent message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Offer {
    /// The dialog and sequence of the message that offered them (for the ACTION receipt).
    pub(crate) dialog: String,
    pub(crate) sequence: Option<i64>,
    pub(crate) replies: Vec<QuickReply>,
}

impl Session {
    /// A `publishText` press: the ACTION receipt for the message that carried the button, then the
    /// text as the user's message; both with the click's metadata at the request's top level.
    fn act(&mut self, dialog: &str, sequence: Option<i64>, action: Action) {
        let Action::Reply { text, metadata } = action else {
            return; // links are opened by the browser; inert buttons do nothing
        };
        if !matches!(self.conversation, Conversation::Open(_)) {
            return;
        }
        if let Some(s) = sequence {
            self.publish_action(dialog, s, metadata.clone());
        }
        self.send_text_with(text, metadata);
    }

    pub(super) fn on_quick_reply(&mut self, index: usize) {
        let Some(offer) = self.offer.take() else {
            return;
        };
        let Some(reply) = offer.replies.get(index).cloned() else {
            self.offer = Some(offer);
            return;
        };
        self.act(&offer.dialog, offer.sequence, reply.action);
    }

    pub(super) fn on_card_action(&mut self, entry: u64, index: usize) {
        let Some((card, sequence)) = self.transcript.card(entry) else {
            return;
        };
        let Some(action) = card.actions.get(index).cloned() else {
            return;
        };
        let (dialog, sequence) = match sequence {
            Some((d, s)) => (d, Some(s)),
            None => match self.open_dialog() {
                Some(d) => (d, None),
                None => return,
            },
        };
        self.act(&dialog, sequence, action);
    }
}
