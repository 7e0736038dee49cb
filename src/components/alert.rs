use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::Intent;

/// The last failure in plain words, announced as an alert, with a button to dismiss it. The region
/// stays in the page (empty) so screen readers announce what appears in it.
#[component]
pub fn Alert(
    /// The failure's words, if there is one.
    #[prop(into)]
    alert: Signal<Option<String>>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let shown = Memo::new(move |_| alert.with(Option::is_some));
    view! {
        <div class="lp-alert" role="alert" class:lp-alert--shown=shown>
            <span>{move || alert.get().unwrap_or_default()}</span>
            // Hidden with the region while there is nothing to dismiss (style/main.css).
            <button
                type="button"
                class="lp-alert__dismiss"
                aria-label=t.dismiss
                on:click=move |_| chat.run(Intent::DismissAlert)
            >
                "×"
            </button>
        </div>
    }
}
