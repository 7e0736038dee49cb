use super::{not, TextField};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{Intent, Lang, Notifications};

/// Reloads the page in another language (`?lang=`): the language is chosen once per page load.
fn choose_language(code: &str) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let search = location.search().unwrap_or_default();
    if let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) {
        params.set("lang", code);
        let _ = location.set_search(&String::from(params.to_string()));
    }
}

/// The Domain API origin, the brand's token, the unauthenticated connector, the language and the
/// desktop notifications (asked for only when ticked), folded
/// away under the form (and opened from the menu once the form is folded into the header).
#[component]
pub fn Settings(
    /// Whether it is open (Escape closes it).
    open: RwSignal<bool>,
    /// Whether it is on screen (under the form, or opened from the menu once the form is folded).
    shown: Signal<bool>,
    /// The fields may be edited (not while a connection is in use).
    editable: Signal<bool>,
    csds: RwSignal<String>,
    auth: RwSignal<String>,
    connector: RwSignal<String>,
) -> impl IntoView {
    let t = crate::i18n::t();
    let chat = use_chat();
    // Two yes-or-no questions, as every other memo of the view's switches is.
    let notify =
        chat.pick(|v| matches!(v.notifications, Notifications::On | Notifications::Asking));
    let blocked = chat.pick(|v| v.notifications == Notifications::Blocked);
    view! {
        <details
            class="lp-settings"
            hidden=not(shown)
            prop:open=open
            on:toggle:target=move |ev| open.set(ev.target().open())
        >
            <summary>{t.settings}</summary>
            <TextField
                label=t.domain_api
                kind="url"
                name="csds"
                placeholder="https://api.liveperson.net"
                value=csds
                editable=editable
            />
            <TextField
                label=t.auth
                kind="password"
                name="auth"
                placeholder=t.auth_placeholder
                value=auth
                editable=editable
            />
            <TextField
                label=t.connector
                kind="text"
                numeric=true
                name="connector"
                placeholder=t.connector_placeholder
                value=connector
                editable=editable
            />
            <p class="lp-settings__note">{t.forget_note}</p>
            <label class="lp-field">
                <span>{t.language}</span>
                <select
                    name="lang"
                    on:change:target=move |ev| choose_language(&ev.target().value())
                >
                    {Lang::ALL
                        .map(|l| {
                            view! {
                                <option value=l.code() selected=l == crate::i18n::lang()>
                                    {l.texts().language_name}
                                </option>
                            }
                        })}
                </select>
            </label>
            <label class="lp-check">
                <input
                    type="checkbox"
                    name="notify"
                    prop:checked=notify
                    on:change:target=move |ev| {
                        chat.run(Intent::Notifications(ev.target().checked()));
                        ev.target().set_checked(notify.get_untracked());
                    }
                />
                {t.notify}
            </label>
            <p class="lp-settings__note" hidden=not(blocked.into())>
                {t.notify_blocked}
            </p>
        </details>
    }
}
