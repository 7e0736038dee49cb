use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{Intent, QuickReplyView};

/// A named group of choices: buttons, or links where a choice opens a URL. The quick replies offered
/// with the newest message are one; the list of past conversations is another. A handful that come
/// and go together, so they are made again as a set when they change (the memo upstream keeps them
/// while they do not).
#[component]
pub fn QuickReplies(
    /// The choices, in the order offered.
    #[prop(into)]
    replies: Signal<Vec<QuickReplyView>>,
    /// The group's name, said by a screen reader.
    label: &'static str,
    /// The group's class.
    class: &'static str,
    /// Each choice's class.
    item: &'static str,
    /// What choosing the one at an index does.
    press: fn(usize) -> Intent,
) -> impl IntoView {
    let chat = use_chat();
    let reply = move |(i, reply): (usize, QuickReplyView)| match reply.link {
        Some(url) => view! {
            <a class=item href=url target="_blank" rel="noopener noreferrer nofollow" dir="auto">
                {reply.title}
            </a>
        }
        .into_any(),
        None => view! {
            <button
                type="button"
                class=item
                dir="auto"
                disabled=reply.inert
                on:click=move |_| chat.run(press(i))
            >
                {reply.title}
            </button>
        }
        .into_any(),
    };
    view! {
        <div class=class role="group" aria-label=label>
            {move || replies.get().into_iter().enumerate().map(reply).collect_view()}
        </div>
    }
}
