use leptos::prelude::*;
use lpchat_core::{Intent, ViewModel};

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
                <span>"Account number"</span>
                <input type="text" inputmode="numeric" autocomplete="off" name="account"
                    prop:value=account on:input:target=move |ev| account.set(ev.target().value())
                    disabled=locked />
            </label>
            <button type="submit" class="lp-button lp-button--primary"
                disabled=move || !view.with(|v| v.can_connect)>"Connect"</button>
                                    {move || can_reconnect.get().then(|| view! {
                <button type="button" class="lp-button lp-button--primary"
                                        on:click=move |_| dispatch.run(Intent::Reconnect)>"Reconnect"</button>
            })}
            <button type="button" class="lp-button"
                disabled=move || !view.with(|v| v.can_disconnect)
                on:click=move |_| dispatch.run(Intent::Disconnect)>"Disconnect"</button>
            <details class="lp-settings">
                <summary>"Settings"</summary>
                <label class="lp-field">
                    <span>"Domain API"</span>
                    <input type="url" autocomplete="off" name="csds" placeholder="https://api.liveperson.net"
                        prop:value=csds on:input:target=move |ev| csds.set(ev.target().value())
                                                disabled=locked />
                </label>
                <label class="lp-field">
                    <span>"Authentication token or code"</span>
                    <input type="password" autocomplete="off" name="auth" placeholder="empty: an anonymous visitor"
                        prop:value=auth on:input:target=move |ev| auth.set(ev.target().value())
                                                disabled=locked />
                </label>
                <button type="button" class="lp-button lp-button--quiet"
                    on:click=move |_| dispatch.run(Intent::Forget { account: account.get_untracked() })>
                    "Forget me"
                </button>
                <p class="lp-settings__note">"Forget me disconnects and removes what lpchat keeps in this browser for this account."</p>
            </details>
        </form>
    }
}
