//! A structured-content card (PROTOCOL.md §8), from the core's already validated model: text as
//! text (never markup), links only as the core allowed them, https images, checked colours (set
//! through the CSS object model, which the page's Content Security Policy permits).
//!
//! A card is an untrusted tree whose shape is only known at run time, so this one component renders
//! it recursively, element by element; each button carries its own handler.

use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{
    rich::{Action, Card as CardModel, Element, Layout, Style, TextSize},
    Intent,
};
use std::sync::Arc;

/// A card of the transcript entry `entry`; its reply buttons send `Intent::CardAction`.
#[component]
pub fn Card(card: Arc<CardModel>, entry: u64) -> impl IntoView {
    view! { <div class="lp-card">{element(&card.root, &card, entry)}</div> }
}

/// `base` and the style's classes.
fn classes(base: &str, style: &Style) -> String {
    let mut class = base.to_owned();
    for (on, name) in [
        (style.bold, " lp-card--bold"),
        (style.italic, " lp-card--italic"),
        (style.size == TextSize::Small, " lp-card__text--small"),
        (style.size == TextSize::Large, " lp-card__text--large"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    class
}

/// What pressing an element does: open a link, send the card action `index`, or nothing.
fn pressable(
    class: String,
    style: Style,
    action: Option<&Action>,
    index: usize,
    entry: u64,
    content: AnyView,
) -> AnyView {
    let (color, background) = (style.color, style.background);
    match action {
        Some(Action::Link(url)) => view! {
            <a
                class=class
                href=url.clone()
                target="_blank"
                rel="noopener noreferrer nofollow"
                dir="auto"
                style:color=color
                style:background-color=background
            >
                {content}
            </a>
        }
        .into_any(),
        // A reply, or an action lpchat does not support (shown, disabled): one kind of button.
        _ => {
            let works = matches!(action, Some(Action::Reply { .. }));
            let chat = use_chat();
            let press = move |_| {
                if works {
                    chat.run(Intent::CardAction {
                        entry,
                        action: index,
                    })
                }
            };
            view! {
                <button
                    type="button"
                    class=class
                    dir="auto"
                    disabled=!works
                    style:color=color
                    style:background-color=background
                    on:click=press
                >
                    {content}
                </button>
            }
            .into_any()
        }
    }
}

/// A link to an allow-listed address, opened in a new tab with no opener and no referrer (a card's
/// map, or an address in a message's text).
pub(super) fn link(class: &'static str, href: String, text: String) -> AnyView {
    view! {
        <a class=class href=href target="_blank" rel="noopener noreferrer nofollow">
            {text}
        </a>
    }
    .into_any()
}

fn element(e: &Element, card: &Arc<CardModel>, entry: u64) -> AnyView {
    match e {
        Element::Text { text, style } => view! {
            <p
                class=classes("lp-card__text", style)
                dir="auto"
                style:color=style.color.clone()
                style:background-color=style.background.clone()
            >
                {text.clone()}
            </p>
        }
        .into_any(),
        Element::Button {
            title,
            action,
            style,
        } => pressable(
            classes("lp-card__button", style),
            style.clone(),
            card.actions.get(*action),
            *action,
            entry,
            title.clone().into_any(),
        ),
        Element::Image {
            url,
            caption,
            action,
        } => {
            let image = view! {
                <img
                    class="lp-card__image"
                    src=url.clone()
                    alt=caption.clone()
                    referrerpolicy="no-referrer"
                    loading="lazy"
                />
            }
            .into_any();
            match action.and_then(|i| card.actions.get(i).map(|a| (i, a))) {
                Some((i, a @ (Action::Link(_) | Action::Reply { .. }))) => pressable(
                    "lp-card__image-link".into(),
                    Style::default(),
                    Some(a),
                    i,
                    entry,
                    image,
                ),
                _ => image,
            }
        }
        Element::Map { url, label } => {
            let label = if label.is_empty() {
                crate::i18n::t().open_map.to_owned()
            } else {
                label.clone()
            };
            link("lp-card__map", url.clone(), label)
        }
        Element::Group { layout, elements } => {
            let class = match layout {
                Layout::Vertical => "lp-card__group lp-card__group--vertical",
                Layout::Horizontal => "lp-card__group lp-card__group--horizontal",
                Layout::Carousel => "lp-card__group lp-card__group--carousel",
            };
            let children = elements
                .iter()
                .map(|child| element(child, card, entry))
                .collect_view();
            view! { <div class=class>{children}</div> }.into_any()
        }
    }
}
