use super::{
    Alert, Composer, ConnectForm, FrameInspector, Header, PastConversations, Rating, Settings,
    Transcript, Typed,
};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::Intent;

/// The chat window: the header (agent, status, menu), the connection form until a connection is in
/// use, the alert region, the frame inspector, past conversations, transcript and composer. Escape
/// closes what is open: the menu, Settings, the frame inspector and a past conversation (and, when
/// nothing was, the panel the app is in on a brand's page).
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
    let typed = Typed::new(initial_account, initial_csds, initial_connector);
    let settings_open = RwSignal::new(false);
    let menu_open = RwSignal::new(false);
    let frames_shown = chat.pick(|v| v.frames_shown);
    let folded = chat.pick(|v| v.folded);
    let editable = chat.pick(|v| v.can_edit_account);
    let past_open = chat.pick(|v| v.past_shown || v.reading.is_some());
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            // Used here: not also the panel's to close (driver::embed).
            if settings_open.get_untracked()
                || menu_open.get_untracked()
                || frames_shown.get_untracked()
                || past_open.get_untracked()
            {
                ev.prevent_default();
            }
            settings_open.set(false);
            menu_open.set(false);
            if frames_shown.get_untracked() {
                chat.run(Intent::ShowFrames(false));
            }
            chat.run(Intent::ShowPast(false));
        }
    };
    view! {
        <main class="lp-chat" on:keydown=on_keydown>
            <Header
                folded=folded
                settings_open=settings_open
                account=typed.account
                menu_open=menu_open
            />
            <ConnectForm
                typed=typed
                folded=folded
                editable=editable
                can_connect=chat.pick(|v| v.can_connect)
            />
            <Settings
                open=settings_open
                shown=Signal::derive(move || !folded.get() || settings_open.get())
                editable=editable.into()
                csds=typed.csds
                auth=typed.auth
                connector=typed.connector
            />
            <Alert alert=chat.pick(|v| v.alert.clone()) />
            <FrameInspector
                shown=frames_shown
                frames=chat.pick(|v| v.frames.clone())
                timeline=chat.read(|v| v.timeline.clone())
            />
            <PastConversations />
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
                can_skip_survey=chat.pick(|v| v.can_skip_survey)
            />
        </main>
    }
}
