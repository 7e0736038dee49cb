//! Desktop notifications and their sound (the user turned them on in Settings).

use lpchat_core::Input;

/// Asks the browser's permission (from within the user's click); the answer comes back as an
/// input. `Err` with the input at once where the browser has no notifications.
pub(super) fn ask() -> Result<(), Input> {
    let Ok(promise) = web_sys::Notification::request_permission() else {
        return Err(Input::Permission { granted: false });
    };
    // A callback rather than a future: asked once in a while, it needs no task of its own.
    let answered = wasm_bindgen::closure::Closure::once(move |answer: wasm_bindgen::JsValue| {
        let granted = answer.as_string().as_deref() == Some("granted");
        super::feed(Input::Permission { granted });
    });
    let _ = promise.then(&answered);
    // Kept until called: one small closure for each time the user turns notifications on.
    answered.forget();
    Ok(())
}

/// Shows one notification (a newer one replaces it) and plays the short sound.
pub(super) fn show(title: &str, body: &str) {
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_icon("favicon.svg");
    options.set_tag("lpchat");
    let _ = web_sys::Notification::new_with_options(title, &options);
    if let Ok(sound) = web_sys::HtmlAudioElement::new_with_src("notify.wav") {
        // Refused (no sound allowed yet): the notification says it all the same.
        let _ = sound.play();
    }
}
