use super::not;
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::Intent;

/// What the form holds: the account and the settings typed under it.
#[derive(Clone, Copy)]
pub struct Typed {
    pub account: RwSignal<String>,
    pub csds: RwSignal<String>,
    pub auth: RwSignal<String>,
    pub connector: RwSignal<String>,
}

impl Typed {
    /// Filled with what the page was opened with (or what the session resumed).
    pub fn new(account: String, csds: String, connector: String) -> Self {
        Typed {
            account: RwSignal::new(account),
            csds: RwSignal::new(csds),
            auth: RwSignal::new(String::new()),
            connector: RwSignal::new(connector),
        }
    }
}

/// The account number and Connect (the settings are below it, in [`Settings`](super::Settings)).
#[component]
pub fn ConnectForm(
    typed: Typed,
    /// The account may be edited.
    #[prop(into)]
    editable: Signal<bool>,
    /// A connection is in use: the form is folded into the header.
    #[prop(into)]
    folded: Signal<bool>,
    /// Connect works.
    #[prop(into)]
    can_connect: Signal<bool>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let csds = typed.csds.get_untracked();
        chat.run(Intent::Connect {
            account: typed.account.get_untracked(),
            csds: (!csds.trim().is_empty()).then_some(csds),
            auth_code: Some(typed.auth.get_untracked()).filter(|a| !a.trim().is_empty()),
            connector: Some(typed.connector.get_untracked()).filter(|c| !c.trim().is_empty()),
        });
    };
    view! {
        <form class="lp-connect" hidden=folded on:submit=connect>
            <TextField
                label=t.account_number
                kind="text"
                numeric=true
                name="account"
                value=typed.account
                editable=editable
            />
            <button type="submit" class="lp-button lp-button--primary" disabled=not(can_connect)>
                {t.connect}
            </button>
        </form>
    }
}

/// One labelled text input, bound to `value`, locked while a connection is in use.
#[component]
pub fn TextField(
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
