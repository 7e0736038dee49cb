use super::{not, ActionButton};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{Intent, MAX_MESSAGE_CHARS};

/// Start conversation while it works, Skip survey during a survey (End conversation is in the
/// menu), the message box, the picture button and Send. Enter sends; Shift+Enter is a new line. Each keystroke tells the session
/// the user is typing.
#[component]
pub fn Composer(
    /// The message box and Send work.
    #[prop(into)]
    can_send: Signal<bool>,
    /// A picture can be attached.
    #[prop(into)]
    can_attach: Signal<bool>,
    /// Start conversation works.
    #[prop(into)]
    can_start: Signal<bool>,
    /// A survey is running and can be skipped.
    #[prop(into)]
    can_skip_survey: Signal<bool>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let draft = RwSignal::new(String::new());
    let send = move || {
        let text = draft.get_untracked();
        if can_send.get_untracked() && !text.trim().is_empty() {
            chat.run(Intent::SendText(text));
            draft.set(String::new());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            send();
        }
    };
    let on_file = move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
        let input = ev.target();
        if let Some(file) = input.files().and_then(|list| list.get(0)) {
            chat.attach(file);
        }
        input.set_value(""); // the same picture can be chosen again
    };
    view! {
        <div class="lp-actions">
            <ActionButton
                class="lp-button"
                label=t.start_conversation
                shown=can_start
                intent=Intent::StartConversation
            />
            <ActionButton
                class="lp-button"
                label=t.skip_survey
                shown=can_skip_survey
                intent=Intent::SkipSurvey
            />
        </div>
        <form
            class="lp-composer"
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
        >
            <label class="lp-composer__label" for="lp-message">
                {t.message}
            </label>
            <textarea
                id="lp-message"
                class="lp-composer__input"
                rows="2"
                placeholder=t.type_a_message
                prop:value=draft
                on:input:target=move |ev| {
                    draft.set(ev.target().value());
                    chat.run(Intent::Typing);
                }
                on:keydown=on_key
                disabled=not(can_send)
                maxlength=MAX_MESSAGE_CHARS.to_string()
                aria-describedby="lp-message-count"
            ></textarea>
            <span id="lp-message-count" class="lp-composer__count" aria-live="off">
                {move || format!("{} / {MAX_MESSAGE_CHARS}", draft.with(|d| d.chars().count()))}
            </span>
            <label class="lp-button lp-attach" class:lp-attach--off=not(can_attach)>
                <span class="lp-visually-hidden">{t.attach}</span>
                <input
                    type="file"
                    class="lp-attach__input"
                    accept="image/jpeg,image/png,image/gif"
                    disabled=not(can_attach)
                    on:change:target=on_file
                />
            </label>
            <button
                type="submit"
                class="lp-button lp-button--primary"
                disabled=not(can_send)
            >
                {t.send}
            </button>
        </form>
    }
}
