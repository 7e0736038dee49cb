//! The components: each renders the part of the core's [`ViewModel`](lpchat_core::ViewModel) it is
//! given and sends what the user does through the [`Chat`](crate::chat::Chat) handle in context.
//! They hold only local UI state (what is being typed, whether Settings is open).

mod action;
mod alert;
mod card;
mod chat_view;
mod composer;
mod connect_form;
mod entry;
mod frame_inspector;
mod header;
mod menu;
mod past;
mod quick_replies;
mod rating;
mod rows;
mod settings;
mod transcript;

pub use action::ActionButton;
pub use alert::Alert;
pub use card::Card;
pub use chat_view::ChatView;
pub use composer::Composer;
pub use connect_form::{ConnectForm, TextField, Typed};
pub use entry::Entry;
pub use frame_inspector::FrameInspector;
pub use header::Header;
pub use menu::Menu;
pub use past::PastConversations;
pub use quick_replies::QuickReplies;
pub use rating::Rating;
pub use rows::{Row, TranscriptRow};
pub use settings::Settings;
pub use transcript::Transcript;

use leptos::prelude::{Get, Signal};

/// `disabled=not(can_send)`: true while `can` is false. One function, so every such attribute shares
/// one closure type (and its code in the bundle).
pub(crate) fn not(can: Signal<bool>) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    move || !can.get()
}
