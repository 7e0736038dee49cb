use super::*;
use serde_json::json;

#[test]
fn only_allowed_schemes_are_links() {
    for ok in [
        "https://example.com/a?b=c",
        "http://example.com",
        "mailto:a@b.c",
        "tel:+123",
        "HTTPS://X.COM",
    ] {
        assert!(allowed_link(ok).is_some(), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "//evil.com",
        "/relative",
        "https://a.com/\u{0}x",
        "https://a b",
    ] {
        assert_eq!(allowed_link(bad), None, "{bad}");
    }
    assert_eq!(allowed_image("http://x.com/a.png"), None);
    assert!(allowed_image("https://x.com/a.png").is_some());
}

#[test]
fn a_card_keeps_text_as_text_and_refuses_bad_urls_and_styles() {
    let c = card(&json!({"type": "vertical", "elements": [
        {"type": "text", "text": "<b>Hi</b>", "style": {"bold": true, "color": "red; background: url(x)", "background-color": "#ABC", "size": "large"}},
        {"type": "image", "url": "http://insecure/x.png"},
        {"type": "image", "url": "https://ok/x.png", "caption": "cap"},
        {"type": "button", "title": "Go", "click": {"actions": [{"type": "link", "uri": "javascript:alert(1)"}]}},
        {"type": "button", "title": "Site", "click": {"actions": [{"type": "link", "uri": "https://a.com", "web": {"uri": "https://web.a.com"}}]}},
        {"type": "button", "title": "Yes", "click": {"metadata": [{"type": "ExternalId", "id": "q1"}], "actions": [{"type": "publishText", "text": "yes"}]}},
        {"type": "map", "la": 32.1, "lo": 34.8, "tooltip": "Office"},
        {"type": "mystery"}
    ]}))
    .unwrap();
    let Element::Group { layout, elements } = &c.root else {
        panic!("a group")
    };
    assert_eq!(*layout, Layout::Vertical);
    assert_eq!(
        elements.len(),
        6,
        "the insecure image and the unknown element are left out"
    );
    assert!(
        matches!(&elements[0], Element::Text { text, style } if text == "<b>Hi</b>" && style.bold && style.color.is_none() && style.background.as_deref() == Some("#abc") && style.size == TextSize::Large)
    );
    assert_eq!(c.actions[0], Action::Inert);
    assert_eq!(c.actions[1], Action::Link("https://web.a.com".into()));
    assert!(
        matches!(&c.actions[2], Action::Reply { text, metadata } if text == "yes" && metadata[0].as_external_id() == Some("q1"))
    );
    assert!(
        matches!(&elements[5], Element::Map { url, .. } if url == "https://www.google.com/maps/search/?api=1&query=32.1,34.8")
    );
}

#[test]
fn deep_or_huge_cards_are_cut() {
    let mut v = json!({"type": "text", "text": "leaf"});
    for _ in 0..50 {
        v = json!({"type": "vertical", "elements": [v]});
    }
    // How deep the kept layouts go, and whether the leaf at depth 50 survived.
    fn depth(e: &Element) -> (usize, bool) {
        match e {
            Element::Group { elements, .. } => elements
                .iter()
                .map(depth)
                .fold((1, false), |(d, leaf), (cd, cl)| {
                    (d.max(cd + 1), leaf || cl)
                }),
            Element::Text { text, .. } => (1, text == "leaf"),
            _ => (1, false),
        }
    }
    let deep = card(&v).expect("the card is kept, cut to its first levels");
    let (levels, leaf) = depth(&deep.root);
    assert!(levels <= MAX_DEPTH + 1, "{levels} levels kept");
    assert!(levels > 1, "the first levels are kept");
    assert!(!leaf, "the part below the depth limit is cut");
    let many: Vec<_> = (0..1_000)
        .map(|i| json!({"type": "text", "text": i.to_string()}))
        .collect();
    let c = card(&json!({"type": "vertical", "elements": many})).unwrap();
    let Element::Group { elements, .. } = c.root else {
        panic!("the root stays a layout")
    };
    assert!(
        !elements.is_empty() && elements.len() <= MAX_ELEMENTS,
        "{} kept",
        elements.len()
    );
    assert!(
        matches!(&elements[0], Element::Text { text, .. } if text == "0"),
        "the first ones are kept"
    );
}

#[test]
fn quick_replies_become_replies() {
    let q = quick_replies(
        &json!({"type": "quickReplies", "itemsPerRow": 8, "replies": [
            {"type": "button", "title": "1", "click": {"actions": [{"type": "publishText", "text": "1"}], "metadata": [{"type": "Answer", "questionId": "q", "id": "a", "provider": "AC"}]}},
            {"type": "button", "title": "", "click": {"actions": [{"type": "publishText", "text": "x"}]}},
            {"type": "button", "title": "no click"}
        ]}),
    );
    assert_eq!(q.len(), 1);
    assert!(
        matches!(&q[0].action, Action::Reply { text, metadata } if text == "1" && metadata[0].kind == "Answer")
    );
}
