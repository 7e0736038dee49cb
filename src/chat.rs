//! The chat handle every component reaches through context: what to show (the core's view model)
//! and where to send what the user does, the chosen picture included. No component calls the driver.

use leptos::prelude::*;
use lpchat_core::{Intent, ViewModel};

/// The view and the dispatchers, provided once by the app (or by a test) with [`provide_chat`].
#[derive(Clone, Copy)]
pub struct Chat {
    view: Signal<ViewModel>,
    dispatch: Callback<Intent>,
    attach: Callback<web_sys::File>,
}

impl Chat {
    /// A handle over `view` that sends intents to `dispatch` and chosen pictures to `attach`.
    pub fn new(
        view: Signal<ViewModel>,
        dispatch: Callback<Intent>,
        attach: Callback<web_sys::File>,
    ) -> Self {
        Chat {
            view,
            dispatch,
            attach,
        }
    }

    /// Tells the session what the user did.
    pub fn run(&self, intent: Intent) {
        self.dispatch.run(intent);
    }

    /// Hands a picture the user chose to the driver, which keeps it and tells the session.
    pub fn attach(&self, file: web_sys::File) {
        self.attach.run(file);
    }

    /// One part of the view, read afresh whenever the view changes: for a part only an open panel
    /// shows (the inspector's timeline), whose memo's code would cost the bundle more than reading it
    /// costs time.
    pub fn read<T>(&self, part: fn(&ViewModel) -> T) -> Signal<T>
    where
        T: Send + Sync + 'static,
    {
        let view = self.view;
        Signal::derive(move || view.with(part))
    }

    /// One part of the view, made again only when that part changes. (A function rather than a
    /// closure: every part of one type then shares one memo's code in the bundle.)
    pub fn pick<T>(&self, part: fn(&ViewModel) -> T) -> Memo<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let view = self.view;
        Memo::new(move |_| view.with(part))
    }
}

/// Makes `chat` the handle of every component below.
pub fn provide_chat(chat: Chat) {
    provide_context(chat);
}

/// The handle provided above (the app provides it before rendering anything).
pub fn use_chat() -> Chat {
    expect_context::<Chat>()
}
