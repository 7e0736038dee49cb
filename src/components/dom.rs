//! Building DOM by hand, for the parts whose shape is only known at run time (cards, the frame
//! inspector's lists, file previews): one small builder costs the bundle a fraction of a `view!` per
//! shape (docs/DECISIONS.md). Text is always set as `textContent`, never as markup.

/// A DOM element.
pub type Dom = web_sys::Element;

/// Appends a new `<tag class=class>` to `parent`.
pub fn add(doc: &web_sys::Document, parent: &Dom, tag: &str, class: &str) -> Option<Dom> {
    let el = doc.create_element(tag).ok()?;
    el.set_class_name(class);
    parent.append_child(&el).ok()?;
    Some(el)
}

/// Appends a new `<tag class=class>` holding `text` as text.
pub fn add_text(
    doc: &web_sys::Document,
    parent: &Dom,
    tag: &str,
    class: &str,
    text: &str,
) -> Option<Dom> {
    let el = add(doc, parent, tag, class)?;
    el.set_text_content(Some(text));
    Some(el)
}

/// A `<div class=class>` whose content `build` makes with DOM calls when it mounts.
pub fn host(
    class: &'static str,
    build: impl FnOnce(&web_sys::Document, &Dom) + 'static,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let node = NodeRef::<leptos::html::Div>::new();
    node.on_load(move |el| {
        // The element may be reused when the view is made again: start from empty.
        el.set_text_content(None);
        if let Some(doc) = el.owner_document() {
            build(&doc, &el);
        }
    });
    view! { <div class=class node_ref=node></div> }
}

/// Makes `el` a link to an (already allow-listed) URL that opens in a new tab, with no opener,
/// referrer or endorsement.
pub fn link(el: &Dom, url: &str) {
    set(
        el,
        &[
            ("href", url),
            ("target", "_blank"),
            ("rel", "noopener noreferrer nofollow"),
        ],
    );
}

/// Appends an `<img>` of an (already checked) address, sent no referrer.
pub fn add_image(
    doc: &web_sys::Document,
    parent: &Dom,
    class: &str,
    src: &str,
    alt: &str,
) -> Option<Dom> {
    let img = add(doc, parent, "img", class)?;
    set(
        &img,
        &[
            ("src", src),
            ("alt", alt),
            ("referrerpolicy", "no-referrer"),
        ],
    );
    Some(img)
}

/// Sets attributes (failures ignored: a missing attribute only changes the looks).
pub fn set(el: &Dom, attributes: &[(&str, &str)]) {
    for (name, value) in attributes {
        let _ = el.set_attribute(name, value);
    }
}
