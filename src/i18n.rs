//! The interface's language, chosen once when the page loads (`?lang=`, else the browser's
//! languages); every string comes from `lpchat_core::text`.

use lpchat_core::{Lang, Texts};
use std::cell::Cell;

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Sets the language for the page's life.
pub fn set(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The language in use.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// The strings in use.
pub fn t() -> &'static Texts {
    lang().texts()
}
