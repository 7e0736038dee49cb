use super::{not, ActionButton, QuickReplies};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{text::fill, Intent, PastView, QuickReplyView};

/// "Sunday, 22 November 2026, 14:05 · Edsger": when a past conversation started and with whom, in
/// the user's locale.
fn label(p: &PastView) -> String {
    let when = p.started.map_or_else(String::new, |ms| {
        format!("{}, {}", crate::format::day(ms), crate::format::time(ms))
    });
    match &p.agent {
        Some(agent) => format!("{when} · {agent}"),
        None => when,
    }
}

/// The consumer's past conversations: the list (opened from the menu; a choice opens one read
/// only), and over the one being read, which it is, why it shows nothing if it does not (on its
/// way, refused), and the way back to the current one.
#[component]
pub fn PastConversations() -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    // Choices as the quick replies are (one kind of button, one kind of memo in the bundle), while
    // the list is open.
    let past = chat.pick(|v| {
        v.past
            .iter()
            .filter(|_| v.past_shown)
            .map(|p| QuickReplyView {
                title: label(p),
                link: None,
                inert: false,
            })
            .collect::<Vec<_>>()
    });
    // What is being read, in words (a string, as the alert is: one kind of memo in the bundle).
    let reading = chat.pick(|v| {
        let t = crate::i18n::t();
        v.reading
            .and_then(|i| v.past.get(i))
            .map(|p| fill(t.reading_past, &[&label(p)]))
    });
    let is_reading = chat.pick(|v| v.reading.is_some());
    view! {
        // Its name is its title on screen too; empty, it is not on screen (style/main.css).
        <QuickReplies
            replies=past
            label=t.past
            class="lp-past"
            item="lp-past__item"
            press=Intent::ReadPast
        />
        <p class="lp-reading" role="status" hidden=not(is_reading.into())>
            <span>{move || reading.get()}</span>
            <ActionButton
                class="lp-button"
                label=t.back_to_chat
                shown=is_reading
                intent=Intent::ShowPast(false)
            />
        </p>
    }
}
