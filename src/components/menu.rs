use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{export::Format, Intent};

/// The header's menu: End conversation, the transcript's downloads, past conversations and
/// Disconnect while they work, the frame inspector, Settings (once the form is folded away) and Forget me. A choice closes it;
/// so does Escape.
#[component]
pub fn Menu(
    /// The form is folded into the header: Settings is opened from here.
    #[prop(into)]
    folded: Signal<bool>,
    /// Whether Settings is open.
    settings_open: RwSignal<bool>,
    /// The account typed in the form (what Forget me forgets).
    account: RwSignal<String>,
    /// Whether the menu is open (Escape closes it).
    open: RwSignal<bool>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let frames_shown = chat.pick(|v| v.frames_shown);
    let can_end = chat.pick(|v| v.can_end_conversation);
    let can_disconnect = chat.pick(|v| v.can_disconnect);
    let can_download = chat.pick(|v| v.can_download);
    let has_past = chat.pick(|v| !v.past.is_empty());
    let past_shown = chat.pick(|v| v.past_shown);
    // One kind of button for every item, so the bundle carries its code once.
    let offered = move |item: Item| match item {
        Item::End => can_end.get(),
        Item::Settings => folded.get(),
        Item::Disconnect => can_disconnect.get(),
        Item::Text | Item::Json => can_download.get(),
        Item::Past => has_past.get(),
        Item::Frames | Item::Forget => true,
    };
    let on = move |item: Item| match item {
        Item::Frames => Some(frames_shown.get()),
        Item::Settings => Some(settings_open.get()),
        Item::Past => Some(past_shown.get()),
        _ => None,
    };
    let choose = move |item: Item| match item {
        Item::End => chat.run(Intent::EndConversation),
        Item::Frames => chat.run(Intent::ShowFrames(!frames_shown.get_untracked())),
        Item::Settings => settings_open.update(|o| *o = !*o),
        Item::Text => chat.run(Intent::Download(Format::Text)),
        Item::Json => chat.run(Intent::Download(Format::Json)),
        Item::Past => chat.run(Intent::ShowPast(!past_shown.get_untracked())),
        Item::Disconnect => chat.run(Intent::Disconnect),
        Item::Forget => chat.run(Intent::Forget {
            account: account.get_untracked(),
        }),
    };
    let items = [
        (Item::End, t.end_conversation),
        (Item::Text, t.download_text),
        (Item::Json, t.download_json),
        (Item::Past, t.past),
        (Item::Frames, t.frames),
        (Item::Settings, t.settings),
        (Item::Disconnect, t.disconnect),
        (Item::Forget, t.forget_me),
    ]
    .map(|(item, label)| {
        view! {
            <button
                type="button"
                class="lp-menu__item"
                hidden=move || !offered(item)
                aria-pressed=move || on(item).map(|on| on.to_string())
                on:click=move |_| choose(item)
            >
                {label}
            </button>
        }
    });
    view! {
        <details
            class="lp-menu"
            prop:open=open
            on:toggle:target=move |ev| open.set(ev.target().open())
        >
            <summary class="lp-button lp-menu__button">{t.menu}</summary>
            <div class="lp-menu__items" on:click=move |_| open.set(false)>
                {items}
            </div>
        </details>
    }
}

/// What the menu offers.
#[derive(Clone, Copy)]
enum Item {
    End,
    Text,
    Json,
    Past,
    Frames,
    Settings,
    Disconnect,
    Forget,
}
