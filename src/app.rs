//! The top-level component: reads the page's query parameters, starts the driver, renders the chat.

use crate::{
    chat::{provide_chat, Chat},
    components::ChatView,
    driver,
};
use leptos::prelude::*;
use lpchat_core::{Lang, Origin, Timing};

/// Query parameters the app understands:
/// `?account=<id>&csds=<origin>&connector=<id>&skill=<id>&csat=1&timing=fast&lang=` (and
/// `embed=<origin>`, which panel.js reads).
fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// `timing=fast` divides every interval by 10 (keepalive 3 s, first reconnect after 50–100 ms). It is
/// for tests and demonstrations, so it is honoured only against a sandbox on this computer: short
/// intervals against LivePerson could get the client throttled (PROTOCOL.md §9).
fn timing(csds: &str) -> Timing {
    let local = Origin::parse(csds).is_ok_and(|o| o.is_loopback());
    if local && query_param("timing").as_deref() == Some("fast") {
        Timing::scaled_down(10)
    } else {
        Timing::default()
    }
}

/// `?lang=en|he`, else the first of the browser's languages lpchat speaks; the page's `lang` and `dir`
/// follow, so a right-to-left language mirrors the layout.
fn choose_language() {
    let asked = query_param("lang");
    let browser: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default();
    let lang = Lang::from_tags(asked.iter().chain(browser.iter()).map(String::as_str));
    crate::i18n::set(lang);
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    choose_language();
    let csds = query_param("csds").unwrap_or_default();
    // The driver publishes the session's first view as it starts, before anything renders.
    let view = RwSignal::new(lpchat_core::ViewModel::default());
    let csat = query_param("csat").as_deref() == Some("1");
    let dispatch = driver::start(view, timing(&csds), query_param("skill"), csat);
    let account = query_param("account").unwrap_or_default();
    // Continue this account's open conversation after a reload, or the last account's at the bare
    // address (the session decides; nothing happens if there is none).
    dispatch.run(lpchat_core::Intent::Resume {
        account: (!account.is_empty()).then(|| account.clone()),
        csds: (!csds.is_empty()).then(|| csds.clone()),
    });
    // The account the session continues (at the bare address, the last one) fills the form.
    let (account, csds) = view.with_untracked(|v| {
        if v.account.is_empty() {
            (account, csds)
        } else {
            (v.account.clone(), v.csds.clone())
        }
    });
    provide_chat(Chat::new(
        view.into(),
        dispatch,
        Callback::new(driver::attach_file),
    ));
    let connector = query_param("connector").unwrap_or_default();
    // In a panel of a brand's page (embed.js): the account is the page's, so the app connects when
    // the panel first opens (unless it already continues a conversation).
    let connect = (view.with_untracked(|v| v.can_connect) && !account.is_empty()).then(|| {
        lpchat_core::Intent::Connect {
            account: account.clone(),
            csds: (!csds.is_empty()).then(|| csds.clone()),
            auth_code: None,
            connector: (!connector.is_empty()).then(|| connector.clone()),
        }
    });
    driver::embed::start(connect);
    view! { <ChatView initial_account=account initial_csds=csds initial_connector=connector /> }
}
