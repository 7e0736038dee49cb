//! The browser's online/offline events and page visibility, as session inputs.

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
        if document.hidden() {
            super::feed(Input::Hidden);
        }
        let doc = document.clone();
        let listener = Closure::<dyn FnMut()>::new(move || {
            super::feed(if doc.hidden() {
                Input::Hidden
            } else {
                Input::Visible
            });
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
        listener.forget();
    }
}
