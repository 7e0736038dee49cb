//! The app in a panel of a brand's page (embed.js): the header's close control for panel.js to
//! answer, and Escape left to the panel only when it closed nothing of the app's. The messages with
//! the page are panel.js's, tested end to end (crates/e2e/tests/embed.rs).
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*, task::tick};
use lpchat::{
    chat::{provide_chat, Chat},
    components::ChatView,
};
use lpchat_core::ViewModel;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The chat in a fresh element.
fn chat_in(
    view: RwSignal<ViewModel>,
) -> (
    HtmlElement,
    leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = mount_to(host.clone(), move || {
        provide_chat(Chat::new(
            view.into(),
            Callback::new(|_| {}),
            Callback::new(|_| {}),
        ));
        view! { <ChatView initial_account="12345678" initial_csds="" /> }.into_any()
    });
    (host, handle)
}

/// Presses Escape in the chat; returns whether the app used it (`defaultPrevented`).
fn escape(host: &HtmlElement) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let main = host.query_selector("main").unwrap().unwrap();
    main.dispatch_event(&event).unwrap();
    event.default_prevented()
}

#[wasm_bindgen_test]
async fn the_header_has_the_panels_close_control_and_escape_is_the_panels_when_the_app_used_none() {
    let view = RwSignal::new(ViewModel::default());
    let (host, _handle) = chat_in(view);
    tick().await;
    let close = host
        .query_selector("header button[data-lpchat-close]")
        .unwrap()
        .expect("the panel's close control, for panel.js");
    assert_eq!(
        close.get_attribute("aria-label").as_deref(),
        Some("Close the chat")
    );
    assert!(!escape(&host), "nothing open: Escape is left to the panel");
    view.update(|v| v.past_shown = true);
    tick().await;
    assert!(escape(&host), "the past conversations list took it");
    view.update(|v| v.past_shown = false);
    tick().await;
    assert!(!escape(&host), "closed again: the panel's");
    host.remove();
}
