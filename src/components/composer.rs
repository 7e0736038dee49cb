use leptos::prelude::*;
use lpchat_core::{Intent, ViewModel, MAX_MESSAGE_CHARS};

/// The message box, Send, End conversation and (during a survey) Skip survey. Enter sends;
/// Shift+Enter is a new line. Each keystroke tells the session the user is typing.
#[component]
pub fn Composer(
    /// What to show.
    view: Signal<ViewModel>,
    /// Where intents go.
    dispatch: Callback<Intent>,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let t = crate::i18n::t();
    let can_send = move || view.with(|v| v.can_send);
    let can_attach = move || view.with(|v| v.can_attach);
    // Memos, so the button is made once when it appears, not again on every update.
    let can_skip = Memo::new(move |_| view.with(|v| v.can_skip_survey));
    let send = move || {
        let text = draft.get_untracked();
        if can_send() && !text.trim().is_empty() {
            dispatch.run(Intent::SendText(text));
            draft.set(String::new());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            send();
        }
    };
    view! {
        <div class="lp-actions">
            <button type="button" class="lp-button"
                disabled=move || !view.with(|v| v.can_start_conversation)
                on:click=move |_| dispatch.run(Intent::StartConversation)>{t.start_conversation}</button>
            <button type="button" class="lp-button"
                disabled=move || !view.with(|v| v.can_end_conversation)
                                on:click=move |_| dispatch.run(Intent::EndConversation)>{t.end_conversation}</button>
                                    {move || can_skip.get().then(|| view! {
                <button type="button" class="lp-button"
                    on:click=move |_| dispatch.run(Intent::SkipSurvey)>{t.skip_survey}</button>
            })}
        </div>
        <form class="lp-composer" on:submit=move |ev| { ev.prevent_default(); send(); }>
            <label class="lp-composer__label" for="lp-message">{t.message}</label>
            <textarea id="lp-message" class="lp-composer__input" rows="2" placeholder=t.type_a_message
                prop:value=draft on:input:target=move |ev| {
                    draft.set(ev.target().value());
                    dispatch.run(Intent::Typing);
                }
                on:keydown=on_key disabled=move || !can_send()
                maxlength=MAX_MESSAGE_CHARS.to_string() aria-describedby="lp-message-count"></textarea>
            <span id="lp-message-count" class="lp-composer__count" aria-live="off">
                {move || format!("{} / {MAX_MESSAGE_CHARS}", draft.with(|d| d.chars().count()))}
            </span>
                        <label class="lp-button lp-attach" class:lp-attach--off=move || !can_attach()>

                <span class="lp-visually-hidden">{t.attach}</span>
                <input type="file" class="lp-attach__input" accept="image/jpeg,image/png,image/gif"
                    disabled=move || !can_attach()
                    on:change:target=move |ev| {
                        let input = ev.target();
                        if let Some(file) = input.files().and_then(|list| list.get(0)) {
                                                        // The driver keeps the file (it exists only in the browser build).
                            #[cfg(target_arch = "wasm32")]
                            crate::driver::attach_file(file);
                            #[cfg(not(target_arch = "wasm32"))]
                            let _ = file;
                        }
                        input.set_value(""); // the same picture can be chosen again
                    } />
            </label>
            <button type="submit" class="lp-button lp-button--primary" disabled=move || !can_send()>{t.send}</button>
        </form>
    }
}
