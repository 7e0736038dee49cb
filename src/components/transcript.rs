use super::card::card_view;
use crate::format;
use leptos::prelude::*;
use lpchat_core::{text::fill, Author, Delivery, EntryView, Intent, ViewModel};

fn delivery_label(d: Option<Delivery>) -> &'static str {
    let t = crate::i18n::t();
    match d {
        Some(Delivery::Pending) => t.sending,
        Some(Delivery::Sent) => t.sent,
        Some(Delivery::Delivered) => t.delivered,
        Some(Delivery::Read) => t.read,
        Some(Delivery::Failed) => t.not_delivered,
        None => "",
    }
}

fn delivery_class(d: Option<Delivery>) -> &'static str {
    match d {
        Some(Delivery::Sent) => "lp-entry__delivery lp-entry__delivery--sent",
        Some(Delivery::Delivered) => "lp-entry__delivery lp-entry__delivery--delivered",
        Some(Delivery::Read) => "lp-entry__delivery lp-entry__delivery--read",
        _ => "lp-entry__delivery",
    }
}

fn author_label(a: Author) -> &'static str {
    match a {
        Author::Consumer => crate::i18n::t().you,
        Author::Agent => crate::i18n::t().agent,
        Author::System => "",
    }
}

/// A transcript row: an entry, or the date above the first entry of a day.
#[derive(Clone)]
enum Row {
    Day(u64, String),
    Entry(EntryView),
}

impl Row {
    fn key(&self) -> (u64, bool, Option<Delivery>) {
        match self {
            Row::Day(key, _) => (*key, true, None),
            Row::Entry(e) => (e.key, false, e.delivery),
        }
    }
}

/// The entries with a date row wherever the (local) day changes.
fn rows(entries: &[EntryView]) -> Vec<Row> {
    let mut out = Vec::with_capacity(entries.len() + 4);
    let mut day = 0;
    for e in entries {
        if let Some(ts) = e.timestamp {
            // Only the day's number per entry; the words only where a day starts.
            let d = format::day_number(ts);
            if d != day {
                out.push(Row::Day(e.key, format::day(ts)));
                day = d;
            }
        }
        out.push(Row::Entry(e.clone()));
    }
    out
}

fn entry(e: EntryView, dispatch: Callback<Intent>) -> impl IntoView {
    let delivery = delivery_label(e.delivery);
    let delivery_class = delivery_class(e.delivery);
    let failed = e.delivery == Some(Delivery::Failed);
    let key = e.key;
    let who = author_label(e.author);
    let time = e.timestamp.map(format::time).unwrap_or_default();
    let is_card = e.card.is_some();
    let card = e.card.map(|c| card_view(c, key, dispatch));
    view! {
        <li class=format!("lp-entry lp-entry--{}", e.author.as_str()) data-author=e.author.as_str()
            class:lp-entry--failed=failed class:lp-entry--card=is_card>
                        {(!who.is_empty()).then(|| view! { <span class="lp-visually-hidden">{who}": "</span> })}
            <span class="lp-entry__text" dir="auto">{e.text}</span>
            {card}
            <span class="lp-entry__meta">
                {(!time.is_empty()).then(|| view! { <time class="lp-entry__time">{time}</time> })}
                {(!delivery.is_empty()).then(|| view! {
                    <span class=delivery_class>
                        {delivery}
                        {failed.then(|| view! {
                            " "
                            <button type="button" class="lp-entry__retry"
                                on:click=move |_| dispatch.run(Intent::Retry(key))>{crate::i18n::t().retry}</button>
                        })}
                    </span>
                })}
            </span>
        </li>
    }
}

/// The conversation: a live log of entries, each marked with its author, then the agent's typing,
/// the quick replies and, when the user has scrolled up, "New messages". Text is rendered as text.
/// The view follows new entries only while it is at its bottom.
#[component]
pub fn Transcript(
    /// What to show.
    view: Signal<ViewModel>,
    /// Where intents go (Retry, card buttons, quick replies, reading).
    dispatch: Callback<Intent>,
) -> impl IntoView {
    // Memos: each part is made again only when its own value changes (focus stays on its button).
    let earlier = Memo::new(move |_| view.with(|v| v.earlier));
    let t = crate::i18n::t();
    let has_earlier = Memo::new(move |_| earlier.get() > 0);
    let unread = Memo::new(move |_| view.with(|v| v.unread));
    let has_unread = Memo::new(move |_| unread.get() > 0);
    let typing = Memo::new(move |_| view.with(|v| v.agent_typing));
    let scroller = NodeRef::<leptos::html::Div>::new();
    let at_bottom = StoredValue::new(true);
    let to_bottom = move || {
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(el.scroll_height());
        }
    };
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            let bottom = el.scroll_height() - el.scroll_top() - el.client_height() <= 32;
            if bottom != at_bottom.get_value() {
                at_bottom.set_value(bottom);
                dispatch.run(Intent::AtBottom(bottom));
            }
        }
    };
    // After anything new is rendered: stay at the bottom if that is where the user was.
    Effect::new(move |_| {
        view.with(|v| {
            (
                v.transcript.last().map(|e| (e.key, e.delivery)),
                v.agent_typing,
                v.quick_replies.len(),
            )
        });
        if at_bottom.get_value() {
            request_animation_frame(to_bottom);
        }
    });
    view! {
        <div class="lp-scroll" node_ref=scroller on:scroll=on_scroll>
                                    {move || has_earlier.get().then(|| view! {
                <button type="button" class="lp-button lp-earlier" on:click=move |_| dispatch.run(Intent::ShowEarlier)>
                    {move || fill(t.show_earlier, &[&earlier.get().to_string()])}
                </button>
            })}
                        // The log is a wrapper, so the list keeps its list semantics for its items.
            <div class="lp-log" role="log" aria-live="polite" aria-label=t.conversation>
            <ol class="lp-transcript">
                <For
                    each=move || view.with(|v| rows(&v.transcript))
                    key=Row::key
                    children=move |row| match row {
                        Row::Day(_, day) => view! { <li class="lp-day" data-author="day"><span>{day}</span></li> }.into_any(),
                        Row::Entry(e) => entry(e, dispatch).into_any(),
                    }
                                />
            </ol>
            </div>
            <p class="lp-typing" role="status">{move || if typing.get() { t.agent_typing } else { "" }}</p>
            <QuickReplies view=view dispatch=dispatch />
                                    {move || has_unread.get().then(|| view! {
                <button type="button" class="lp-button lp-button--primary lp-new"
                    on:click=move |_| to_bottom()>
                    {move || fill(t.new_messages, &[&unread.get().to_string()])}
                </button>
            })}
        </div>
    }
}

/// The quick replies offered with the newest message: buttons, or links where the reply opens a URL.
#[component]
fn QuickReplies(view: Signal<ViewModel>, dispatch: Callback<Intent>) -> impl IntoView {
    view! {
                <div class="lp-replies" role="group" aria-label=crate::i18n::t().quick_replies>
            {move || view.with(|v| {
                v.quick_replies
                    .iter()
                    .cloned()
                    .enumerate()
                    .map(|(i, r)| match r.link {
                        Some(url) => view! {
                            <a class="lp-reply" href=url target="_blank" rel="noopener noreferrer nofollow" dir="auto">{r.title}</a>
                        }.into_any(),
                        None => view! {
                            <button type="button" class="lp-reply" dir="auto" disabled=r.inert
                                on:click=move |_| dispatch.run(Intent::QuickReply(i))>{r.title}</button>
                        }.into_any(),
                    })
                    .collect_view()
            })}
        </div>
    }
}
