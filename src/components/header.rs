use super::{ActionButton, Menu};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{text::fill, AgentView, Intent};

/// The chat window's header: who the conversation is with (the agent's picture and name, else
/// "lpchat"), the status in words with its dot, Reconnect while it works, and the menu.
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
    let agent = chat.pick(|v| v.agent.clone());
    let presence = chat.pick(|v| v.presence);
    view! {
        <header class="lp-chat__header">
            {move || agent.get().map(|a| view! { <Avatar agent=a /> })} <div class="lp-chat__who">
                <h1 class="lp-chat__title" dir="auto">
                    {move || agent.get().map_or_else(|| "lpchat".to_owned(), |a| a.name)}
                </h1>
                <p class="lp-status" role="status">
                    <span
                        class="lp-dot"
                        aria-hidden="true"
                        data-presence=move || presence.get().name()
                    ></span>
                    {chat.pick(|v| v.status.clone())}
                </p>
            </div>
            <ActionButton
                class="lp-button lp-button--primary"
                label=t.reconnect
                shown=chat.pick(|v| v.can_reconnect)
                intent=Intent::Reconnect
            /> <Menu folded=folded settings_open=settings_open account=account open=menu_open />
        </header>
    }
}

/// The agent's picture (its initials show through until it loads, or if it cannot); its name is
/// the header's title, said once more to a screen reader as "Chatting with …".
#[component]
fn Avatar(agent: AgentView) -> impl IntoView {
    let t = crate::i18n::t();
    view! {
        <span class="lp-agent">
            <span class="lp-agent__avatar" aria-hidden="true">
                {agent.initials}
                {agent
                    .picture
                    .map(|src| view! { <img src=src alt="" referrerpolicy="no-referrer" /> })}
            </span>
            <span class="lp-visually-hidden" dir="auto">
                {fill(t.chatting_with, &[&agent.name])}
            </span>
        </span>
    }
}
