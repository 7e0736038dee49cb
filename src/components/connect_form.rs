use leptos::prelude::*;
use lpchat_core::{Intent, Lang, ViewModel};

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

/// Account number, settings (Domain API origin), Connect and Disconnect.
#[component]
pub fn ConnectForm(
    /// What to show.
    view: Signal<ViewModel>,
    /// Where intents go.
    dispatch: Callback<Intent>,
    /// Prefilled account.
    initial_account: String,
    /// Prefilled Domain API origin.
    initial_csds: String,
) -> impl IntoView {
    let account = RwSignal::new(initial_account);
    let csds = RwSignal::new(initial_csds);
    let auth = RwSignal::new(String::new());
    let locked = move || !view.with(|v| v.can_edit_account);
    let t = crate::i18n::t();
    let can_reconnect = Memo::new(move |_| view.with(|v| v.can_reconnect));
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let csds = csds.get_untracked();
        dispatch.run(Intent::Connect {
            account: account.get_untracked(),
            csds: (!csds.trim().is_empty()).then_some(csds),
            auth_code: Some(auth.get_untracked()).filter(|a| !a.trim().is_empty()),
        });
    };
    view! {
        <form class="lp-connect" on:submit=connect>
            <label class="lp-field">
                <span>{t.account_number}</span>
                <input type="text" inputmode="numeric" autocomplete="off" name="account"
                    prop:value=account on:input:target=move |ev| account.set(ev.target().value())
                    disabled=locked />
            </label>
            <button type="submit" class="lp-button lp-button--primary"
                disabled=move || !view.with(|v| v.can_connect)>{t.connect}</button>
                                    {move || can_reconnect.get().then(|| view! {
                <button type="button" class="lp-button lp-button--primary"
                                        on:click=move |_| dispatch.run(Intent::Reconnect)>{t.reconnect}</button>
            })}
            <button type="button" class="lp-button"
                disabled=move || !view.with(|v| v.can_disconnect)
                on:click=move |_| dispatch.run(Intent::Disconnect)>{t.disconnect}</button>
            <details class="lp-settings">
                <summary>{t.settings}</summary>
                <label class="lp-field">
                    <span>{t.domain_api}</span>
                    <input type="url" autocomplete="off" name="csds" placeholder="https://api.liveperson.net"
                        prop:value=csds on:input:target=move |ev| csds.set(ev.target().value())
                                                disabled=locked />
                </label>
                <label class="lp-field">
                    <span>{t.auth}</span>
                    <input type="password" autocomplete="off" name="auth" placeholder=t.auth_placeholder
                        prop:value=auth on:input:target=move |ev| auth.set(ev.target().value())
                                                disabled=locked />
                </label>
                <button type="button" class="lp-button lp-button--quiet"
                    on:click=move |_| dispatch.run(Intent::Forget { account: account.get_untracked() })>
                    {t.forget_me}
                </button>
                <p class="lp-settings__note">{t.forget_note}</p>
                <label class="lp-field">
                    <span>{t.language}</span>
                    <select name="lang" on:change:target=move |ev| choose_language(&ev.target().value())>
                        {Lang::ALL.map(|l| view! {
                            <option value=l.code() selected=l == crate::i18n::lang()>{l.texts().language_name}</option>
                        })}
                    </select>
                </label>
            </details>
        </form>
    }
}
