//! The app in a panel of another site's page, opened by `embed.js` (docs/EMBED.md). The messages with
//! that page are `panel.js`'s, which checks who embeds the app before the app starts; the two share
//! the root element. `panel.js` marks it `data-embedded`, and `data-panel-closed` while the panel is
//! closed (a hidden page to the session), and says `lpchat:panel` when that changes; the app writes
//! `data-unread` and `data-typing` for the page's launcher. The header's close control is plain
//! markup (`data-lpchat-close`) that `panel.js` answers.

use lpchat_core::{Input, Intent};
use std::cell::RefCell;

thread_local! {
    /// What the user does, as it were, the first time the panel opens (connect).
    static FIRST_SHOWN: RefCell<Option<Intent>> = const { RefCell::new(None) };
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

fn marked(name: &str) -> bool {
    root().is_some_and(|r| r.has_attribute(name))
}

/// Whether the app is in a panel of a page that `panel.js` checked.
fn embedded() -> bool {
    marked("data-embedded")
}

/// In a panel: keeps `first_shown` for when the panel first opens.
pub fn start(first_shown: Option<Intent>) {
    if !embedded() {
        return;
    }
    FIRST_SHOWN.with(|f| *f.borrow_mut() = first_shown);
    // The panel may be open already (kept open from page to page); the driver told the session
    // whether it is seen when it started.
    if !super::browser_events::unseen() {
        opened();
    }
}

/// Whether a panel hides the app (embedded, and the panel closed).
pub(super) fn closed() -> bool {
    marked("data-panel-closed")
}

/// The user sees the app: the first time, the kept intent goes to the session.
pub(super) fn opened() {
    if let Some(first) = FIRST_SHOWN.with(|f| f.borrow_mut().take()) {
        super::feed(Input::User(first));
    }
}

/// Writes the unread count and whether the agent types for the page's launcher.
pub(super) fn tell(unread: usize, typing: bool) {
    if let Some(root) = root().filter(|r| r.has_attribute("data-embedded")) {
        let _ = root.set_attribute("data-unread", &unread.to_string());
        let _ = root.set_attribute("data-typing", if typing { "true" } else { "false" });
    }
}
