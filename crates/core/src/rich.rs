//! Structured content and quick replies (PROTOCOL.md §8), read from the wire into a small model that
//! is safe to render: text stays text, links are allow-listed, images are https only, styles are
//! validated. Anything not understood is left out rather than guessed.

use lpchat_wire::MetadataItem;
use serde_json::Value;

/// Nested layouts deeper than this are not rendered.
const MAX_DEPTH: usize = 6;
/// Elements in one card beyond this are not rendered.
const MAX_ELEMENTS: usize = 60;
/// Quick replies beyond this are not offered.
const MAX_REPLIES: usize = 24;
/// Text in a card element is cut here.
const MAX_TEXT: usize = 2_000;

/// What a button does when pressed.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Send `text` as the consumer, with the click's metadata (PROTOCOL.md §8.3).
    Reply {
        /// The text published.
        text: String,
        /// The click's metadata, sent with the ACTION receipt and the text.
        metadata: Vec<MetadataItem>,
    },
    /// Open an allow-listed URL (`https:`, `http:`, `mailto:`, `tel:`) in a new tab.
    Link(String),
    /// Nothing (an action lpchat does not support, or a refused URL).
    Inert,
}

/// Size of card text (LivePerson's small/medium/large).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextSize {
    /// Small.
    Small,
    /// Medium (default).
    #[default]
    Medium,
    /// Large.
    Large,
}

/// Validated text style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Style {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Size.
    pub size: TextSize,
    /// A `#rgb` or `#rrggbb` colour.
    pub color: Option<String>,
    /// A `#rgb` or `#rrggbb` background colour.
    pub background: Option<String>,
}

/// How the children of a layout are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One under the other.
    Vertical,
    /// Side by side.
    Horizontal,
    /// Cards scrolled sideways.
    Carousel,
}

/// One element of a card.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// Text (never HTML).
    Text {
        /// The text.
        text: String,
        /// Its style.
        style: Style,
    },
    /// A button; `action` indexes [`Card::actions`].
    Button {
        /// Its label.
        title: String,
        /// Index into the card's actions.
        action: usize,
        /// Its style.
        style: Style,
    },
    /// An https image; `action` indexes [`Card::actions`] if it can be clicked.
    Image {
        /// The https URL.
        url: String,
        /// Caption or alternative text.
        caption: String,
        /// Index into the card's actions, if clickable.
        action: Option<usize>,
    },
    /// A map location, shown as a link to a map.
    Map {
        /// The link to open it.
        url: String,
        /// What to call it.
        label: String,
    },
    /// A layout of further elements.
    Group {
        /// How they are arranged.
        layout: Layout,
        /// The elements.
        elements: Vec<Element>,
    },
}

/// A structured-content card, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The root element.
    pub root: Element,
    /// Every action of the card's buttons and images, in order.
    pub actions: Vec<Action>,
}

/// One quick reply.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickReply {
    /// Its label.
    pub title: String,
    /// What it does.
    pub action: Action,
}

/// A URL lpchat will open: `https:`, `http:`, `mailto:` or `tel:`, with no control characters or
/// spaces. Anything else (`javascript:`, `data:`, relative…) is refused.
pub fn allowed_link(uri: &str) -> Option<String> {
    let uri = uri.trim();
    let lower = uri.get(..7).unwrap_or(uri).to_ascii_lowercase();
    let scheme_ok = ["https:", "http:", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s));
    let clean = !uri.chars().any(|c| c.is_control() || c.is_whitespace());
    (scheme_ok && clean && uri.len() <= 2_048).then(|| uri.to_owned())
}

/// An image URL lpchat will load: `https:` only.
pub fn allowed_image(url: &str) -> Option<String> {
    let url = url.trim();
    let https = url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
    (https && allowed_link(url).is_some()).then(|| url.to_owned())
}

fn hex_colour(v: Option<&Value>) -> Option<String> {
    let s = v?.as_str()?.trim();
    let digits = s.strip_prefix('#')?;
    (matches!(digits.len(), 3 | 6) && digits.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| s.to_ascii_lowercase())
}

fn style(v: Option<&Value>) -> Style {
    let Some(v) = v else {
        return Style::default();
    };
    Style {
        bold: v.get("bold").and_then(Value::as_bool).unwrap_or(false),
        italic: v.get("italic").and_then(Value::as_bool).unwrap_or(false),
        size: match v.get("size").and_then(Value::as_str) {
            Some("small") => TextSize::Small,
            Some("large") => TextSize::Large,
            _ => TextSize::Medium,
        },
        color: hex_colour(v.get("color")),
        background: hex_colour(v.get("background-color")),
    }
}

fn text_of(v: Option<&Value>) -> String {
    v.and_then(Value::as_str)
        .unwrap_or_default()
        .chars()
        .take(MAX_TEXT)
        .collect()
}

fn metadata(v: Option<&Value>) -> Vec<MetadataItem> {
    v.and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| serde_json::from_value(i.clone()).ok())
                .take(10)
                .collect()
        })
        .unwrap_or_default()
}

/// The first supported action of a `click` (at most four are allowed, §8.2).
fn action(click: Option<&Value>) -> Option<Action> {
    let click = click?;
    let meta = metadata(click.get("metadata"));
    let actions = click.get("actions")?.as_array()?;
    let first = actions.iter().take(4).find_map(|a| {
        Some(match a.get("type")?.as_str()? {
            "publishText" => Action::Reply {
                text: text_of(a.get("text")),
                metadata: meta.clone(),
            },
            "link" => {
                let web = a.get("web").and_then(|w| w.get("uri"));
                let uri = web.or(a.get("uri")).and_then(Value::as_str)?;
                allowed_link(uri).map_or(Action::Inert, Action::Link)
            }
            "navigate" => map_url(a).map_or(Action::Inert, Action::Link),
            _ => return None,
        })
    });
    Some(first.unwrap_or(Action::Inert))
}

/// A latitude or longitude as written in the frame (a number, or a string of one), checked to be a
/// plain decimal within ±180. Kept as text: no float formatting or parsing is compiled in for this.
fn coordinate(v: Option<&Value>) -> Option<String> {
    let v = v?;
    let text = match v {
        Value::Number(n) if n.as_f64().is_some_and(|x| x.abs() <= 180.0) => v.to_string(),
        Value::String(s) => s.trim().to_owned(),
        _ => return None,
    };
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let plain = |s: &str| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit());
    let in_range = whole.len() < 3 || (whole.len() == 3 && whole <= "180");
    (plain(whole) && plain(fraction) && in_range).then_some(text)
}

/// LivePerson's renderer opens navigate actions and maps on Google Maps (§8.2).
fn map_url(v: &Value) -> Option<String> {
    let (la, lo) = (coordinate(v.get("la"))?, coordinate(v.get("lo"))?);
    Some(format!(
        "https://www.google.com/maps/search/?api=1&query={la},{lo}"
    ))
}

struct Reader {
    actions: Vec<Action>,
    count: usize,
}

impl Reader {
    fn push(&mut self, action: Action) -> usize {
        self.actions.push(action);
        self.actions.len() - 1
    }

    fn element(&mut self, v: &Value, depth: usize) -> Option<Element> {
        self.count += 1;
        if depth > MAX_DEPTH || self.count > MAX_ELEMENTS {
            return None;
        }
        let kind = v.get("type")?.as_str()?;
        Some(match kind {
            "text" => Element::Text {
                text: text_of(v.get("text")),
                style: style(v.get("style")),
            },
            "button" => {
                let action = action(v.get("click")).unwrap_or(Action::Inert);
                Element::Button {
                    title: text_of(v.get("title")),
                    action: self.push(action),
                    style: style(v.get("style")),
                }
            }
            "image" => {
                let url = allowed_image(v.get("url")?.as_str()?)?;
                let action = action(v.get("click")).map(|a| self.push(a));
                let caption = text_of(v.get("caption").or(v.get("tooltip")));
                Element::Image {
                    url,
                    caption,
                    action,
                }
            }
            "map" => Element::Map {
                url: map_url(v)?,
                label: text_of(v.get("tooltip")),
            },
            "vertical" | "horizontal" | "carousel" => Element::Group {
                layout: match kind {
                    "vertical" => Layout::Vertical,
                    "horizontal" => Layout::Horizontal,
                    _ => Layout::Carousel,
                },
                elements: v
                    .get("elements")?
                    .as_array()?
                    .iter()
                    .filter_map(|e| self.element(e, depth + 1))
                    .collect(),
            },
            _ => return None,
        })
    }
}

/// A RichContentEvent's `content` as a card, or None if nothing in it can be shown.
pub fn card(content: &Value) -> Option<Card> {
    let mut r = Reader {
        actions: Vec::new(),
        count: 0,
    };
    let root = r.element(content, 0)?;
    Some(Card {
        root,
        actions: r.actions,
    })
}

/// The replies of a `quickReplies` object.
pub fn quick_replies(v: &Value) -> Vec<QuickReply> {
    let Some(replies) = v.get("replies").and_then(Value::as_array) else {
        return Vec::new();
    };
    replies
        .iter()
        .take(MAX_REPLIES)
        .filter_map(|r| {
            let title = text_of(r.get("title"));
            let action = action(r.get("click"))?;
            (!title.trim().is_empty()).then_some(QuickReply { title, action })
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
}
