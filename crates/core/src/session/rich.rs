//! Quick replies and card buttons: what a press sends (PROTOCOL.md §8.3, frames 37 and 39).

use super::Session;
use crate::rich::Action;

impl Session {
    /// A `publishText` press: the ACTION receipt for the message that carried the button, then the
    /// text as the user's message; both with the click's metadata at the request's top level.
    fn act(&mut self, dialog: &str, sequence: Option<i64>, action: Action) {
        let Action::Reply { text, metadata } = action else {
            return; // links are opened by the browser; inert buttons do nothing
        };
        if !self.conversation.is_open() {
            return;
        }
        if let Some(s) = sequence {
            self.publish_action(dialog, s, metadata.clone());
        }
        self.send_text_with(text, metadata);
    }

    pub(super) fn on_quick_reply(&mut self, index: usize) {
        if let Some((dialog, sequence, action)) = self.quick_replies.press(index) {
            self.act(&dialog, sequence, action);
        }
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
            None => match self.conversation.open_dialog() {
                Some(d) => (d, None),
                None => return,
            },
        };
        self.act(&dialog, sequence, action);
    }
}
