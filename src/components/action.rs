use super::not;
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::Intent;

/// A button that tells the session `intent`, on screen while `shown`. Every such button (Reconnect,
/// Start conversation, Skip survey, No thanks) is this one component, so the bundle carries its
/// code once.
#[component]
pub fn ActionButton(
    /// Its classes.
    class: &'static str,
    /// Its words.
    label: &'static str,
    /// It is on screen (and works).
    #[prop(into)]
    shown: Signal<bool>,
    /// What pressing it does.
    intent: Intent,
) -> impl IntoView {
    let chat = use_chat();
    view! {
        <button
            type="button"
            class=class
            hidden=not(shown)
            on:click=move |_| chat.run(intent.clone())
        >
            {label}
        </button>
    }
}
