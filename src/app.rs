//! The top-level component: reads the page's query parameters, starts the driver, renders the chat.

use crate::{components::ChatView, driver};
use leptos::prelude::*;
use lpchat_core::ViewModel;

/// Query parameters the app understands: `?account=<id>&csds=<origin>`.
fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let view = RwSignal::new(lpchat_core::Session::new().view());
    let dispatch = driver::start(view);
    let view: Signal<ViewModel> = view.into();
    view! {
        <ChatView
            view=view
            dispatch=dispatch
            initial_account=query_param("account").unwrap_or_default()
            initial_csds=query_param("csds").unwrap_or_default()
        />
    }
}
