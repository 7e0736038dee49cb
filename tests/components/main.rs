//! Component tests in headless Chromium: the chat renders a fixed view model faithfully and turns
//! user actions into intents. Run by `./scripts/test` (cargo + wasm-bindgen-test-runner) or
//! `wasm-pack test --headless --chrome`. The harness is here; one module per part of the window.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*, task::tick};
use lpchat::{
    chat::{provide_chat, Chat},
    components::ChatView,
};
use lpchat_core::{AgentView, Author, Delivery, EntryView, Intent, Presence, ViewModel};
use std::sync::{Arc, Mutex};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

mod composer;
mod header;
mod transcript;

struct Mounted {
    host: HtmlElement,
    view: RwSignal<ViewModel>,
    intents: Arc<Mutex<Vec<Intent>>>,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.host.remove();
    }
}

fn mount(vm: ViewModel, account: &str, csds: &str) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let view = RwSignal::new(vm);
    let intents = Arc::new(Mutex::new(Vec::new()));
    let recorder = intents.clone();
    let dispatch = Callback::new(move |i: Intent| recorder.lock().unwrap().push(i));
    let (account, csds) = (account.to_owned(), csds.to_owned());
    let handle = mount_to(host.clone(), move || {
        provide_chat(Chat::new(view.into(), dispatch, Callback::new(|_| {})));
        view! { <ChatView initial_account=account.clone() initial_csds=csds.clone() /> }.into_any()
    });
    Mounted {
        host,
        view,
        intents,
        _handle: handle,
    }
}

impl Mounted {
    fn all(&self, css: &str) -> Vec<Element> {
        let list = self.host.query_selector_all(css).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    }

    fn one(&self, css: &str) -> Element {
        self.host
            .query_selector(css)
            .unwrap()
            .unwrap_or_else(|| panic!("no {css}"))
    }

    fn button(&self, name: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            // The accessible name: aria-label when present, else the text.
            .find(|b| {
                b.get_attribute("aria-label")
                    .unwrap_or_else(|| b.text_content().unwrap_or_default())
                    .trim()
                    == name
            })
            .unwrap_or_else(|| panic!("no button {name:?}"))
            .unchecked_into()
    }

    fn disabled(&self, name: &str) -> bool {
        self.button(name).has_attribute("disabled")
    }

    /// Whether a button of that name is on the page and not hidden.
    fn offered(&self, name: &str) -> bool {
        self.all("button").iter().any(|b| {
            b.closest("[hidden]").ok().flatten().is_none()
                && b.get_attribute("aria-label")
                    .unwrap_or_else(|| b.text_content().unwrap_or_default())
                    .trim()
                    == name
        })
    }

    fn intents(&self) -> Vec<Intent> {
        std::mem::take(&mut *self.intents.lock().unwrap())
    }
}

fn entry(key: u64, author: Author, text: &str, delivery: Option<Delivery>) -> EntryView {
    EntryView {
        key,
        author,
        text: text.into(),
        delivery,
        timestamp: None,
        card: None,
        file: None,
    }
}

/// The view before connecting: the form works.
fn not_connected() -> ViewModel {
    ViewModel {
        status: "Not connected".into(),
        can_connect: true,
        can_edit_account: true,
        ..ViewModel::default()
    }
}

fn connected_view() -> ViewModel {
    ViewModel {
        status: "Conversation open".into(),
        presence: Presence::Online,
        folded: true,
        can_download: true,
        can_disconnect: true,
        can_send: true,
        can_end_conversation: true,
        announce: true,
        transcript: vec![
            entry(1, Author::System, "Conversation started", None),
            entry(
                2,
                Author::Consumer,
                "My first message",
                Some(Delivery::Sent),
            ),
            entry(
                3,
                Author::Agent,
                "<b>bold</b> <img src=x onerror=alert(1)>",
                None,
            ),
        ],
        ..ViewModel::default()
    }
}

/// Tells the page the user changed `field` (its value set just before), as typing does.
fn changed(field: &web_sys::EventTarget) {
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn key(target: &HtmlTextAreaElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}
