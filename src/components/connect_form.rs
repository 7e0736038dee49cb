use super::not;
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
    /// Prefilled unauthenticated connector.
    initial_connector: String,
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
    let connector = RwSignal::new(initial_connector);
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let csds = csds.get_untracked();
        chat.run(Intent::Connect {
            account: account.get_untracked(),
            csds: (!csds.trim().is_empty()).then_some(csds),
            auth_code: Some(auth.get_untracked()).filter(|a| !a.trim().is_empty()),
            connector: Some(connector.get_untracked()).filter(|c| !c.trim().is_empty()),
        });
    };
    view! {
        <form class="lp-connect" on:submit=connect>
            <TextField
                label=t.account_number
                kind="text"
                numeric=true
                name="account"
                value=account
                editable=editable
            />
            <button type="submit" class="lp-button lp-button--primary" disabled=not(can_connect)>
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
                disabled=not(can_disconnect)
                on:click=move |_| chat.run(Intent::Disconnect)
            >
                {t.disconnect}
            </button>
            <Settings
                open=settings_open
                editable=editable
                account=account
                csds=csds
                auth=auth
                connector=connector
            />
        </form>
    }
}

/// The Domain API origin, the brand's token, the unauthenticated connector, Forget me and the
/// language, folded away.
#[component]
fn Settings(
    open: RwSignal<bool>,
    editable: Signal<bool>,
    account: RwSignal<String>,
    csds: RwSignal<String>,
    auth: RwSignal<String>,
    connector: RwSignal<String>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    view! {
        <details
            class="lp-settings"
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

/// One labelled text input of the form, bound to `value`, locked while a connection is in use.
#[component]
fn TextField(
    label: &'static str,
    /// The input's `type`.
    kind: &'static str,
    /// Digits: phones show a number pad (`inputmode="numeric"`).
    #[prop(optional)]
    numeric: bool,
    name: &'static str,
    #[prop(optional)] placeholder: &'static str,
    value: RwSignal<String>,
    editable: Signal<bool>,
) -> impl IntoView {
    view! {
        <label class="lp-field">
            <span>{label}</span>
            <input
                type=kind
                inputmode=numeric.then_some("numeric")
                autocomplete="off"
                name=name
                placeholder=placeholder
                prop:value=value
                on:input:target=move |ev| value.set(ev.target().value())
                disabled=not(editable)
            />
        </label>
    }
}
