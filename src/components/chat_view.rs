use super::{AgentBar, Alert, Composer, ConnectForm, FrameInspector, Rating, Transcript};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::Intent;

/// The chat window: connection form, status and alert regions, agent, transcript and composer.
/// Escape closes what is open: Settings and the frame inspector.
#[component]
pub fn ChatView(
    /// Prefilled account number (`?account=`).
    #[prop(into)]
    initial_account: String,
    /// Prefilled Domain API origin (`?csds=`); empty means LivePerson's.
    #[prop(into)]
    initial_csds: String,
    /// Prefilled unauthenticated connector (`?connector=`); empty means looked up.
    #[prop(optional, into)]
    initial_connector: String,
) -> impl IntoView {
    let chat = use_chat();
    let settings_open = RwSignal::new(false);
    let frames_shown = chat.pick(|v| v.frames_shown);
    let status = chat.pick(|v| v.status.clone());
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            settings_open.set(false);
            if frames_shown.get_untracked() {
                chat.run(Intent::ShowFrames(false));
            }
        }
    };
    view! {
        <main class="lp-chat" on:keydown=on_keydown>
            <header class="lp-chat__header">
                <h1 class="lp-chat__title">"lpchat"</h1>
                <ConnectForm
                    initial_account=initial_account
                    initial_csds=initial_csds
                    initial_connector=initial_connector
                    settings_open=settings_open
                    editable=chat.pick(|v| v.can_edit_account)
                    can_connect=chat.pick(|v| v.can_connect)
                    can_reconnect=chat.pick(|v| v.can_reconnect)
                    can_disconnect=chat.pick(|v| v.can_disconnect)
                />
            </header>
            <p class="lp-status" role="status">
                {status}
            </p>
            <Alert alert=chat.pick(|v| v.alert.clone()) />
            <AgentBar agent=chat.pick(|v| v.agent.clone()) />
            <FrameInspector
                shown=frames_shown
                frames=chat.pick(|v| v.frames.clone())
                timeline=chat.pick(|v| v.timeline.clone())
            />
            <Transcript
                entries=chat.pick(|v| v.transcript.clone())
                earlier=chat.pick(|v| v.earlier)
                unread=chat.pick(|v| v.unread)
                typing=chat.pick(|v| v.agent_typing)
                announce=chat.pick(|v| v.announce)
                quick_replies=chat.pick(|v| v.quick_replies.clone())
            />
            <Rating shown=chat.pick(|v| v.can_rate) />
            <Composer
                can_send=chat.pick(|v| v.can_send)
                can_attach=chat.pick(|v| v.can_attach)
                can_start=chat.pick(|v| v.can_start_conversation)
                can_end=chat.pick(|v| v.can_end_conversation)
                can_skip_survey=chat.pick(|v| v.can_skip_survey)
            />
        </main>
    }
}
