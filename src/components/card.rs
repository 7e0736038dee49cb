//! A structured-content card (PROTOCOL.md §8), from the core's already validated model: text as
//! text (`textContent`, never markup), links only as the core allowed them, https images, checked
//! colours (set through the CSS object model, which the page's Content Security Policy permits).
//!
//! Built with DOM calls rather than with `view!`: a card's shape is only known at run time, and one
//! recursive builder costs the bundle a fraction of what a generic view per element kind does
//! (docs/DECISIONS.md). Presses are handled by the transcript's one click listener.

use lpchat_core::rich::{Action, Card, Element, Layout, Style, TextSize};
use wasm_bindgen::JsCast;

use super::dom::{add, add_image, link, Dom};

fn styled(el: &Dom, style: &Style) {
    let mut class = el.class_name();
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
    el.set_class_name(&class);
    if let Some(html) = el.dyn_ref::<web_sys::HtmlElement>() {
        let css = html.style();
        if let Some(c) = &style.color {
            let _ = css.set_property("color", c);
        }
        if let Some(c) = &style.background {
            let _ = css.set_property("background-color", c);
        }
    }
}

/// A button or link for `action` (index `i` into the card's actions).
fn pressable(
    doc: &web_sys::Document,
    parent: &Dom,
    class: &str,
    action: Option<&Action>,
    i: usize,
) -> Option<Dom> {
    let el = match action {
        Some(Action::Link(url)) => {
            let a = add(doc, parent, "a", class)?;
            link(&a, url);
            a
        }
        Some(Action::Reply { .. }) => {
            let b = add(doc, parent, "button", class)?;
            let _ = b.set_attribute("type", "button");
            let _ = b.set_attribute("data-action", &i.to_string());
            b
        }
        _ => {
            let b = add(doc, parent, "button", class)?;
            let _ = b.set_attribute("type", "button");
            let _ = b.set_attribute("disabled", "");
            b
        }
    };
    let _ = el.set_attribute("dir", "auto");
    Some(el)
}

fn build(doc: &web_sys::Document, parent: &Dom, e: &Element, card: &Card) -> Option<()> {
    match e {
        Element::Text { text, style } => {
            let p = add(doc, parent, "p", "lp-card__text")?;
            let _ = p.set_attribute("dir", "auto");
            p.set_text_content(Some(text));
            styled(&p, style);
        }
        Element::Button {
            title,
            action,
            style,
        } => {
            let b = pressable(
                doc,
                parent,
                "lp-card__button",
                card.actions.get(*action),
                *action,
            )?;
            b.set_text_content(Some(title));
            styled(&b, style);
        }
        Element::Image {
            url,
            caption,
            action,
        } => {
            let holder = match action.and_then(|i| card.actions.get(i).map(|a| (i, a))) {
                Some((i, a @ (Action::Link(_) | Action::Reply { .. }))) => {
                    pressable(doc, parent, "lp-card__image-link", Some(a), i)?
                }
                _ => parent.clone(),
            };
            let img = add_image(doc, &holder, "lp-card__image", url, caption)?;
            let _ = img.set_attribute("loading", "lazy");
        }
        Element::Map { url, label } => {
            let a = add(doc, parent, "a", "lp-card__map")?;
            link(&a, url);
            a.set_text_content(Some(if label.is_empty() {
                crate::i18n::t().open_map
            } else {
                label
            }));
        }
        Element::Group { layout, elements } => {
            let class = match layout {
                Layout::Vertical => "lp-card__group lp-card__group--vertical",
                Layout::Horizontal => "lp-card__group lp-card__group--horizontal",
                Layout::Carousel => "lp-card__group lp-card__group--carousel",
            };
            let div = add(doc, parent, "div", class)?;
            for child in elements {
                build(doc, &div, child, card);
            }
        }
    }
    Some(())
}

/// Appends `card` of the entry `entry` to `parent`. Its reply buttons carry `data-action` (the
/// action's index) inside the card's `data-entry`; the transcript's one click listener reads them.
pub fn card(doc: &web_sys::Document, parent: &Dom, card: &Card, entry: u64) -> Option<()> {
    let el = add(doc, parent, "div", "lp-card")?;
    let _ = el.set_attribute("data-entry", &entry.to_string());
    build(doc, &el, &card.root, card)
}
