use super::{card::link, Card};
use crate::{chat::use_chat, format};
use leptos::prelude::*;
use lpchat_core::{
    links::{pieces, Piece},
    text::fill,
    Author, Delivery, EntryView, FileView, Intent,
};

/// One entry of the transcript, marked with its author: its text (as text and links, never markup), its card
/// or picture, its time and, for the user's own messages, how far it got (Retry when it failed).
#[component]
pub fn Entry(entry: EntryView) -> impl IntoView {
    let t = crate::i18n::t();
    let author = entry.author.as_str();
    let mut class = format!("lp-entry lp-entry--{author}");
    if entry.delivery == Some(Delivery::Failed) {
        class.push_str(" lp-entry--failed");
    }
    if entry.card.is_some() {
        class.push_str(" lp-entry--card");
    }
    let who = match entry.author {
        Author::Consumer => t.you,
        Author::Agent => t.agent,
        Author::System => "",
    };
    let key = entry.key;
    let caption = entry.text.clone();
    view! {
        <li class=class data-author=author>
            {(!who.is_empty())
                .then(|| view! { <span class="lp-visually-hidden">{format!("{who}: ")}</span> })}
            <MessageText text=entry.text />
            {entry.card.map(|card| view! { <Card card=card entry=key /> })}
            {entry.file.map(|file| view! { <Picture file=file caption=caption /> })}
            <span class="lp-entry__meta">
                {entry
                    .timestamp
                    .map(|ts| view! { <time class="lp-entry__time">{format::time(ts)}</time> })}
                {entry.delivery.map(|d| view! { <DeliveryMark delivery=d entry=key /> })}
            </span>
        </li>
    }
}

/// A message's text: its web and e-mail addresses and phone numbers (as the core finds them) are
/// links opened in a new tab, built as elements; everything else is text.
#[component]
fn MessageText(text: String) -> impl IntoView {
    let pieces = pieces(&text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_owned().into_any(),
            Piece::Link { text, href } => link("lp-entry__link", href, text.to_owned()),
        })
        .collect_view();
    view! {
        <span class="lp-entry__text" dir="auto">
            {pieces}
        </span>
    }
}

/// A shared picture: the picture itself (a link to it) once its address is known, else its preview.
#[component]
fn Picture(file: FileView, caption: String) -> impl IntoView {
    let label = fill(crate::i18n::t().open_picture, &[&caption]);
    let image = |src: String| {
        view! { <img class="lp-file__image" src=src alt="" referrerpolicy="no-referrer" /> }
    };
    view! {
        <div class="lp-file">
            {match (file.url, file.preview) {
                (Some(url), _) => {
                    let href = url.clone();
                    view! {
                        <a
                            class="lp-file__link"
                            href=href
                            target="_blank"
                            rel="noopener noreferrer nofollow"
                            aria-label=label
                        >
                            {image(url)}
                        </a>
                    }
                        .into_any()
                }
                (None, Some(preview)) => image(preview).into_any(),
                (None, None) => ().into_any(),
            }}
        </div>
    }
}

/// How far one of the user's messages got, and Retry when it failed.
#[component]
fn DeliveryMark(delivery: Delivery, entry: u64) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let (label, class) = match delivery {
        Delivery::Pending => (t.sending, "lp-entry__delivery"),
        Delivery::Sent => (t.sent, "lp-entry__delivery lp-entry__delivery--sent"),
        Delivery::Delivered => (
            t.delivered,
            "lp-entry__delivery lp-entry__delivery--delivered",
        ),
        Delivery::Read => (t.read, "lp-entry__delivery lp-entry__delivery--read"),
        Delivery::Failed => (t.not_delivered, "lp-entry__delivery"),
    };
    view! {
        <span class=class>
            {label}
            {(delivery == Delivery::Failed)
                .then(|| {
                    view! {
                        " "
                        <button
                            type="button"
                            class="lp-entry__retry"
                            on:click=move |_| chat.run(Intent::Retry(entry))
                        >
                            {t.retry}
                        </button>
                    }
                })}
        </span>
    }
}
