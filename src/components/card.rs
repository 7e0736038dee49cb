//! A structured-content card (PROTOCOL.md §8), from the core's already validated model: text as
//! text, links only as the core allowed them, https images, checked colours (set through the CSS
//! object model, which the page's Content Security Policy permits; no `style` attribute).

use leptos::prelude::*;
use lpchat_core::{
    rich::{Action, Card, Element, Layout, Style, TextSize},
    Intent,
};
use std::sync::Arc;

fn size_class(s: TextSize) -> &'static str {
    match s {
        TextSize::Small => "lp-card__text lp-card__text--small",
        TextSize::Medium => "lp-card__text",
        TextSize::Large => "lp-card__text lp-card__text--large",
    }
}

fn layout_class(l: Layout) -> &'static str {
    match l {
        Layout::Vertical => "lp-card__group lp-card__group--vertical",
        Layout::Horizontal => "lp-card__group lp-card__group--horizontal",
        Layout::Carousel => "lp-card__group lp-card__group--carousel",
    }
}

/// A press on something with `action`: links are real links; replies dispatch; the rest is inert.
fn button(
    title: String,
    style: Style,
    action: Option<&Action>,
    press: impl Fn() + 'static,
) -> AnyView {
    match action {
        Some(Action::Link(url)) => view! {
            <a class="lp-card__button" href=url.clone() target="_blank" rel="noopener noreferrer nofollow"
                dir="auto" class:lp-card__button--bold=style.bold>{title}</a>
        }
        .into_any(),
        Some(Action::Reply { .. }) => view! {
            <button type="button" class="lp-card__button" dir="auto" class:lp-card__button--bold=style.bold
                on:click=move |_| press()>{title}</button>
        }
        .into_any(),
        _ => view! {
            <button type="button" class="lp-card__button" dir="auto" disabled=true>{title}</button>
        }
        .into_any(),
    }
}

fn element(e: &Element, card: &Arc<Card>, entry: u64, dispatch: Callback<Intent>) -> AnyView {
    match e {
        Element::Text { text, style } => view! {
            <p class=size_class(style.size) dir="auto"
                class:lp-card__text--bold=style.bold class:lp-card__text--italic=style.italic
                style:color=style.color.clone() style:background-color=style.background.clone()>
                {text.clone()}
            </p>
        }
        .into_any(),
        Element::Button {
            title,
            action,
            style,
        } => {
            let index = *action;
            button(
                title.clone(),
                style.clone(),
                card.actions.get(index),
                move || {
                    dispatch.run(Intent::CardAction {
                        entry,
                        action: index,
                    })
                },
            )
        }
        Element::Image {
            url,
            caption,
            action,
        } => {
            let img = view! { <img class="lp-card__image" src=url.clone() alt=caption.clone() loading="lazy" referrerpolicy="no-referrer" /> };
            match action.and_then(|i| card.actions.get(i)) {
                                Some(Action::Link(href)) => view! {
                    <a class="lp-card__image-link" href=href.clone() target="_blank" rel="noopener noreferrer nofollow">{img}</a>
                }
                .into_any(),
                _ => img.into_any(),
            }
        }
        Element::Map { url, label } => {
            let label = if label.is_empty() {
                "Open the map".to_owned()
            } else {
                label.clone()
            };
            view! {
                <a class="lp-card__map" href=url.clone() target="_blank" rel="noopener noreferrer nofollow" dir="auto">{label}</a>
            }
            .into_any()
        }
        Element::Group { layout, elements } => {
            let children: Vec<AnyView> = elements
                .iter()
                .map(|c| element(c, card, entry, dispatch))
                .collect();
            view! { <div class=layout_class(*layout)>{children}</div> }.into_any()
        }
    }
}

/// Renders `card` of the entry `entry`.
pub fn card_view(card: Arc<Card>, entry: u64, dispatch: Callback<Intent>) -> impl IntoView {
    let root = element(&card.root, &card, entry, dispatch);
    view! { <div class="lp-card">{root}</div> }
}
