use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{Intent, Lang};

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

/// Account number, Connect, Reconnect, Disconnect, and the settings below them.
#[component]
pub fn ConnectForm(
    /// Prefilled account.
    initial_account: String,
    /// Prefilled Domain API origin.
    initial_csds: String,
    /// Whether Settings is open (Escape closes it).
    settings_open: RwSignal<bool>,
    /// The account and settings may be edited.
    #[prop(into)]
    editable: Signal<bool>,
    /// Connect works.
    #[prop(into)]
    can_connect: Signal<bool>,
    /// Reconnect works (shown only then).
    #[prop(into)]
    can_reconnect: Signal<bool>,
    /// Disconnect works.
    #[prop(into)]
    can_disconnect: Signal<bool>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let account = RwSignal::new(initial_account);
    let csds = RwSignal::new(initial_csds);
    let auth = RwSignal::new(String::new());
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let csds = csds.get_untracked();
        chat.run(Intent::Connect {
            account: account.get_untracked(),
            csds: (!csds.trim().is_empty()).then_some(csds),
            auth_code: Some(auth.get_untracked()).filter(|a| !a.trim().is_empty()),
        });
    };
    view! {
        <form class="lp-connect" on:submit=connect>
            <label class="lp-field">
                <span>{t.account_number}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    name="account"
                    prop:value=account
                    on:input:target=move |ev| account.set(ev.target().value())
                    disabled=move || !editable.get()
                />
            </label>
            <button
                type="submit"
                class="lp-button lp-button--primary"
                disabled=move || !can_connect.get()
            >
                {t.connect}
            </button>
            <Show when=move || can_reconnect.get()>
                <button
                    type="button"
                    class="lp-button lp-button--primary"
                    on:click=move |_| chat.run(Intent::Reconnect)
                >
                    {t.reconnect}
                </button>
            </Show>
            <button
                type="button"
                class="lp-button"
                disabled=move || !can_disconnect.get()
                on:click=move |_| chat.run(Intent::Disconnect)
            >
                {t.disconnect}
            </button>
            <Settings open=settings_open editable=editable account=account csds=csds auth=auth />
        </form>
    }
}

/// The Domain API origin, the brand's token, Forget me and the language, folded away.
#[component]
fn Settings(
    open: RwSignal<bool>,
    editable: Signal<bool>,
    account: RwSignal<String>,
    csds: RwSignal<String>,
    auth: RwSignal<String>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let locked = move || !editable.get();
    view! {
        <details
            class="lp-settings"
            prop:open=open
            on:toggle:target=move |ev| open.set(ev.target().open())
        >
            <summary>{t.settings}</summary>
            <label class="lp-field">
                <span>{t.domain_api}</span>
                <input
                    type="url"
                    autocomplete="off"
                    name="csds"
                    placeholder="https://api.liveperson.net"
                    prop:value=csds
                    on:input:target=move |ev| csds.set(ev.target().value())
                    disabled=locked
                />
            </label>
            <label class="lp-field">
                <span>{t.auth}</span>
                <input
                    type="password"
                    autocomplete="off"
                    name="auth"
                    placeholder=t.auth_placeholder
                    prop:value=auth
                    on:input:target=move |ev| auth.set(ev.target().value())
                    disabled=locked
                />
            </label>
            <button
                type="button"
                class="lp-button lp-button--quiet"
                on:click=move |_| {
                    chat.run(Intent::Forget {
                        account: account.get_untracked(),
                    })
                }
            >
                {t.forget_me}
            </button>
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
        </details>
    }
}
