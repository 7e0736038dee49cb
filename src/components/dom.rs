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
