//! The model a card is read into: elements, layouts, styles and actions, each already checked.

use lpchat_wire::MetadataItem;

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
