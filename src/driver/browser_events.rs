//! The browser's online/offline events and page visibility (with the panel's, when embedded), as
//! session inputs.

use lpchat_core::Input;
use wasm_bindgen::{closure::Closure, JsCast};

/// Forwards `online`, `offline` and the page being shown or hidden, for the life of the page.
pub(super) fn forward() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if !window.navigator().on_line() {
        super::feed(Input::Network { online: false });
    }
    for (event, online) in [("online", true), ("offline", false)] {
        let listener = Closure::<dyn FnMut()>::new(move || {
            super::feed(Input::Network { online });
        });
        let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        listener.forget(); // lives as long as the page
    }
    if let Some(document) = window.document() {
        if unseen() {
            super::feed(Input::Hidden);
        }
        let listener = Closure::<dyn FnMut()>::new(attention);
        // `lpchat:panel`: panel.js, when the panel the app is in opens or closes (driver::embed).
        for event in ["visibilitychange", "lpchat:panel"] {
            let _ =
                document.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
        listener.forget();
    }
}

/// Whether the user cannot see the app: the page is hidden or, in a panel of another site's page,
/// the panel is closed.
pub(super) fn unseen() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.hidden())
        || super::embed::closed()
}

/// Tells the session whether the user can see the app ([`unseen`]).
fn attention() {
    let hidden = unseen();
    super::feed(if hidden {
        Input::Hidden
    } else {
        Input::Visible
    });
    if !hidden {
        super::embed::opened();
    }
}
