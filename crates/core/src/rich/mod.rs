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

mod model;

pub use model::{Action, Card, Element, Layout, QuickReply, Style, TextSize};

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
mod tests;
