//! Desktop notifications, by the user's choice: a short one (and a sound) for each agent message
//! that arrives while the page is hidden. Permission is asked only when the user turns them on.

use super::Session;
use crate::Command;

/// The most of a message a notification shows.
const NOTIFICATION_CHARS: usize = 120;

/// Whether agent messages are announced outside the page.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Notifications {
    /// Not asked for.
    #[default]
    Off,
    /// Turned on; the browser is asking the user for permission.
    Asking,
    /// Turned on and allowed.
    On,
    /// Turned on, but the browser (or the user) refused them.
    Blocked,
}

impl Session {
    /// The user turned notifications on (the driver asks the browser now, in the user's click) or
    /// off.
    pub(super) fn choose_notifications(&mut self, on: bool) {
        self.notifications = if on {
            self.fx.push(Command::AskPermission);
            Notifications::Asking
        } else {
            Notifications::Off
        };
    }

    /// The browser's answer to [`Command::AskPermission`].
    pub(super) fn on_permission(&mut self, granted: bool) {
        if self.notifications == Notifications::Asking {
            self.notifications = if granted {
                Notifications::On
            } else {
                Notifications::Blocked
            };
        }
    }

    /// An agent message arrived: announced if notifications are on, the page is hidden and it is not
    /// a replayed history.
    pub(super) fn announce(&mut self, text: Option<&str>) {
        if self.notifications != Notifications::On
            || self.receipts.visible()
            || self.screen.is_quiet()
        {
            return;
        }
        let title = self
            .agents
            .view(self.t.agent)
            .map_or_else(|| self.t.new_message.to_owned(), |a| a.name);
        let text = text.unwrap_or(self.t.new_message);
        let mut body: String = text.chars().take(NOTIFICATION_CHARS).collect();
        if body.len() < text.len() {
            body.push('…');
        }
        self.fx.push(Command::Notify { title, body });
    }
}
