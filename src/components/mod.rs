//! Presentational components: they render a [`ViewModel`](lpchat_core::ViewModel) and dispatch
//! [`Intent`](lpchat_core::Intent)s. They hold only local UI state (what is being typed).

mod card;
mod chat_view;
mod composer;
mod connect_form;
mod dom;
mod entries;
mod frame_inspector;
mod transcript;

pub use chat_view::ChatView;
pub use composer::Composer;
pub use connect_form::ConnectForm;
pub use frame_inspector::FrameInspector;
pub use transcript::Transcript;
