use super::{QuickReplies, TranscriptRow};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{text::fill, EntryView, Intent, QuickReplyView};

/// The conversation: a live log of rows (one per entry, and a date wherever the day changes), then
/// the agent's typing, the quick replies and, when the user has scrolled up, "New messages". The
/// view follows new entries only while it is at its bottom.
#[component]
pub fn Transcript(
    /// The newest entries.
    #[prop(into)]
    entries: Signal<Vec<EntryView>>,
    /// How many earlier entries are not shown (the "Show earlier" button).
    #[prop(into)]
    earlier: Signal<usize>,
    /// Agent messages not seen yet (the "New messages" button).
    #[prop(into)]
    unread: Signal<usize>,
    /// The agent is typing.
    #[prop(into)]
    typing: Signal<bool>,
    /// The log announces additions (off while a replayed history goes in, so a screen reader reads
    /// only new messages).
    #[prop(into)]
    announce: Signal<bool>,
    /// Quick replies offered with the newest message.
    #[prop(into)]
    quick_replies: Signal<Vec<QuickReplyView>>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let rows = Memo::new(move |_| entries.with(|e| super::rows::rows(e)));
    let scroller = NodeRef::<leptos::html::Div>::new();
    let at_bottom = StoredValue::new(true);
    let to_bottom = move || {
        // Also run from an animation frame, which may come after the transcript is gone.
        if let Some(el) = scroller.try_get_untracked().flatten() {
            el.set_scroll_top(el.scroll_height());
        }
    };
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            let bottom = el.scroll_height() - el.scroll_top() - el.client_height() <= 32;
            if bottom != at_bottom.get_value() {
                at_bottom.set_value(bottom);
                chat.run(Intent::AtBottom(bottom));
            }
        }
    };
    // After anything new is rendered: stay at the bottom if that is where the user was.
    Effect::new(move |_| {
        entries.with(|e| e.last().map(|e| (e.key, e.delivery)));
        typing.track();
        quick_replies.with(Vec::len);
        if at_bottom.get_value() {
            request_animation_frame(to_bottom);
        }
    });
    view! {
        <div class="lp-scroll" node_ref=scroller on:scroll=on_scroll>
            <CountButton
                class="lp-button lp-earlier"
                words=t.show_earlier
                count=earlier
                press=Callback::new(move |()| chat.run(Intent::ShowEarlier))
            />
            // The log is a wrapper, so the list keeps its list semantics for its items.
            <div
                class="lp-log"
                role="log"
                aria-live=move || if announce.get() { "polite" } else { "off" }
                aria-label=t.conversation
            >
                <ol class="lp-transcript">
                    <For each=move || rows.get() key=|row| row.key() let:row>
                        <TranscriptRow row=row />
                    </For>
                </ol>
            </div>
            <p class="lp-typing" role="status">
                {move || if typing.get() { t.agent_typing } else { "" }}
            </p>
            <QuickReplies
                replies=quick_replies
                label=t.quick_replies
                class="lp-replies"
                item="lp-reply"
                press=Intent::QuickReply
            />
            <CountButton
                class="lp-button lp-button--primary lp-new"
                words=t.new_messages
                count=unread
                press=Callback::new(move |()| to_bottom())
            />
        </div>
    }
}

/// "Show earlier (n)" and "New messages (n)": a button naming a count, on screen while it is not 0.
#[component]
fn CountButton(
    class: &'static str,
    /// Its words, with `{0}` for the count.
    words: &'static str,
    count: Signal<usize>,
    press: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=class
            hidden=move || count.get() == 0
            on:click=move |_| press.run(())
        >
            {move || fill(words, &[&count.get().to_string()])}
        </button>
    }
}
