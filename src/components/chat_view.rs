use super::{
    dom::{add_image, add_text, host, set},
    Composer, ConnectForm, FrameInspector, Transcript,
};
use leptos::prelude::*;
use lpchat_core::{text::fill, Intent, ViewModel};

/// The chat window: connection form, status and alert regions, transcript and composer.
#[component]
pub fn ChatView(
    /// What to show (from the core).
    view: Signal<ViewModel>,
    /// Where user intents go.
    dispatch: Callback<Intent>,
    /// Prefilled account number (`?account=`).
    #[prop(into)]
    initial_account: String,
    /// Prefilled Domain API origin (`?csds=`); empty means LivePerson's.
    #[prop(into)]
    initial_csds: String,
) -> impl IntoView {
    let status = move || view.with(|v| v.status.clone());
    let t = crate::i18n::t();
    let alert = move || view.with(|v| v.alert.clone().unwrap_or_default());
    let has_alert = Memo::new(move |_| view.with(|v| v.alert.is_some()));
    let agent = Memo::new(move |_| view.with(|v| v.agent.clone()));
    view! {
                <main class="lp-chat" on:keydown=move |ev: leptos::ev::KeyboardEvent| {
            // Escape closes what is open: Settings and the frame inspector.
            if ev.key() == "Escape" {
                if let Some(open) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".lp-settings[open]").ok().flatten())
                {
                    let _ = open.remove_attribute("open");
                }
                if view.with_untracked(|v| v.frames_shown) {
                    dispatch.run(Intent::ShowFrames(false));
                }
            }
        }>
            <header class="lp-chat__header">
                <h1 class="lp-chat__title">"lpchat"</h1>
                <ConnectForm view=view dispatch=dispatch initial_account=initial_account initial_csds=initial_csds />
            </header>
            <p class="lp-status" role="status">{status}</p>
            <div class="lp-alert" role="alert" class:lp-alert--shown=move || has_alert.get()>
                <span>{alert}</span>
                                                {move || has_alert.get().then(|| view! {
                    <button type="button" class="lp-alert__dismiss" aria-label=t.dismiss
                        on:click=move |_| dispatch.run(Intent::DismissAlert)>"×"</button>
                })}
            </div>
                                    {move || agent.get().map(|a| host("lp-agent", move |doc, el| {
                // The initials show through if the picture cannot be loaded.
                if let Some(avatar) = add_text(doc, el, "span", "lp-agent__avatar", &a.initials) {
                    set(&avatar, &[("aria-hidden", "true")]);
                                        if let Some(p) = &a.picture {
                        add_image(doc, &avatar, "", p, "");
                    }
                }
                if let Some(name) = add_text(doc, el, "span", "", &fill(t.chatting_with, &[&a.name])) {
                    set(&name, &[("dir", "auto")]);
                }
            }))}
            <FrameInspector view=view dispatch=dispatch />
            <Transcript view=view dispatch=dispatch />
            <Composer view=view dispatch=dispatch />
        </main>
    }
}
