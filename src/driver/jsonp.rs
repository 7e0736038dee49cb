//! JSONP, for hosts whose answers the page cannot read across origins (the session decides when:
//! `HttpMethod::Jsonp`). The script is loaded in a sandboxed frame of its own (`jsonp.html` and
//! `jsonp.js`: an opaque origin with no access to this page, its storage or its token, and a
//! Content Security Policy that allows scripts from LivePerson's hosts only), which posts back the
//! callback's argument as JSON text. Only a message from that very frame, naming its request, counts;
//! the text is then read like any other answer.

use lpchat_core::{HttpId, HttpReply, Input, NetError};
use std::cell::RefCell;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{HtmlIFrameElement, MessageEvent};

thread_local! {
    /// The frames waiting for their answer, one request each.
    static FRAMES: RefCell<Vec<(HttpId, HtmlIFrameElement)>> = const { RefCell::new(Vec::new()) };
}

/// Loads `url` as JSONP in a new hidden frame; its answer arrives as the session's input.
pub(super) fn load(id: HttpId, url: &str) {
    match frame(url) {
        Some(frame) => FRAMES.with(|f| f.borrow_mut().push((id, frame))),
        None => super::feed(Input::HttpDone {
            id,
            result: Err(NetError::Browser),
        }),
    }
}

fn frame(url: &str) -> Option<HtmlIFrameElement> {
    let document = web_sys::window()?.document()?;
    let frame: HtmlIFrameElement = document.create_element("iframe").ok()?.dyn_into().ok()?;
    // The session's URLs are built from checked parts: nothing in them needs escaping in a fragment.
    let src = format!("jsonp.html#{url}");
    for (name, value) in [("sandbox", "allow-scripts"), ("hidden", ""), ("src", &src)] {
        frame.set_attribute(name, value).ok()?;
    }
    document.body()?.append_child(&frame).ok()?;
    Some(frame)
}

/// Listens for the frames' answers, for the life of the page.
pub(super) fn listen() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        if let Some((id, result)) = answer(&event) {
            super::feed(Input::HttpDone { id, result });
        }
    });
    let _ = window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// `"ok {json}"`, `"silent"` (loaded, never called back) or `"unloaded"` (not loaded), from one of
/// the frames: the answer to its request. The frame is gone after its first message.
fn answer(event: &MessageEvent) -> Option<(HttpId, Result<HttpReply, NetError>)> {
    let text = event.data().as_string()?;
    let source = event.source().map(JsValue::from);
    let (id, frame) = FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        let at = f
            .iter()
            .position(|(_, frame)| frame.content_window().map(JsValue::from) == source)?;
        Some(f.remove(at))
    })?;
    frame.remove();
    let result = match text.strip_prefix("ok ") {
        Some(json) => Ok(HttpReply {
            status: 200,
            body: json.to_owned(),
        }),
        None if text == "unloaded" => Err(NetError::Unreachable),
        None => Err(NetError::Unreadable),
    };
    Some((id, result))
}
