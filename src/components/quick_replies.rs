use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{Intent, QuickReplyView};

/// The quick replies offered with the newest message: buttons, or links where the reply opens a URL.
/// A handful that come and go together, so they are made again as a set when the offer changes
/// (the memo upstream keeps them while it does not).
#[component]
pub fn QuickReplies(
    /// The replies, in the order offered.
    #[prop(into)]
    replies: Signal<Vec<QuickReplyView>>,
) -> impl IntoView {
    let chat = use_chat();
    let reply = move |(i, reply): (usize, QuickReplyView)| match reply.link {
        Some(url) => view! {
            <a
                class="lp-reply"
                href=url
                target="_blank"
                rel="noopener noreferrer nofollow"
                dir="auto"
            >
                {reply.title}
            </a>
        }
        .into_any(),
        None => view! {
            <button
                type="button"
                class="lp-reply"
                dir="auto"
                disabled=reply.inert
                on:click=move |_| chat.run(Intent::QuickReply(i))
            >
                {reply.title}
            </button>
        }
        .into_any(),
    };
    view! {
        <div class="lp-replies" role="group" aria-label=crate::i18n::t().quick_replies>
            {move || replies.get().into_iter().enumerate().map(reply).collect_view()}
        </div>
    }
}
