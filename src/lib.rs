//! lpchat: a browser chat client for LivePerson Conversational Cloud.
//!
//! The protocol lives in `lpchat-core`; this crate is the thin shell around it: components that render
//! the core's [`ViewModel`](lpchat_core::ViewModel) and dispatch [`Intent`](lpchat_core::Intent)s
//! through the [`chat::Chat`] handle, and (in the browser) a driver that performs the IO the core asks
//! for.

#[cfg(target_arch = "wasm32")]
mod app;
pub mod chat;
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod driver;
mod format;
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub use app::App;
