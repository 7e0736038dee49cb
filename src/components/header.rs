use super::{ActionButton, Menu};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{text::fill, Intent};

/// The chat window's header: who the conversation is with (the agent's picture, its initials
/// showing through until it loads or if it cannot, and the name, said once more to a screen reader
/// as "Chatting with …"; else "lpchat"), the status in words with its dot, Reconnect while it
/// works, the menu, and in a panel of a brand's page (embed.js) the control that closes it.
#[component]
pub fn Header(
    /// The form is folded into this header (the menu then opens Settings).
    #[prop(into)]
    folded: Signal<bool>,
    /// Whether Settings is open.
    settings_open: RwSignal<bool>,
    /// The account typed in the form (what Forget me forgets).
    account: RwSignal<String>,
    /// Whether the menu is open.
    menu_open: RwSignal<bool>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    // The agent in parts, each a string as the alert is (one kind of memo in the bundle); the
    // avatar is always there, hidden without an agent.
    let name = chat.pick(|v| v.agent.as_ref().map(|a| a.name.clone()));
    let initials = chat.pick(|v| v.agent.as_ref().map(|a| a.initials.clone()));
    let picture = chat.pick(|v| v.agent.as_ref().and_then(|a| a.picture.clone()));
    // In words, as the status is.
    let presence = chat.pick(|v| v.presence.name().to_owned());
    view! {
        <header class="lp-chat__header">
            <span class="lp-agent" hidden=move || name.with(Option::is_none)>
                <span class="lp-agent__avatar" aria-hidden="true">
                    {initials}
                    <img
                        src=picture
                        alt=""
                        referrerpolicy="no-referrer"
                        hidden=move || picture.with(Option::is_none)
                    />
                </span>
                <span class="lp-visually-hidden" dir="auto">
                    {move || name.get().map(|n| fill(t.chatting_with, &[&n]))}
                </span>
            </span>
            <div class="lp-chat__who">
                <h1 class="lp-chat__title" dir="auto">
                    {move || name.get().unwrap_or_else(|| "lpchat".to_owned())}
                </h1>
                <p class="lp-status" role="status">
                    <span class="lp-dot" aria-hidden="true" data-presence=presence></span>
                    {chat.pick(|v| v.status.clone())}
                </p>
            </div>
            <ActionButton
                class="lp-button lp-button--primary"
                label=t.reconnect
                shown=chat.pick(|v| v.can_reconnect)
                intent=Intent::Reconnect
            />
            <Menu folded=folded settings_open=settings_open account=account open=menu_open />
            // In a panel of a brand's page: its close control, which panel.js answers (shown by
            // style/main.css only there).
            <button
                type="button"
                class="lp-button lp-close"
                data-lpchat-close
                aria-label=t.close_chat
            >
                "×"
            </button>
        </header>
    }
}
