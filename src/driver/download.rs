//! Saves a file the session made (the transcript) through a `blob:` address and a link with
//! `download`, the way a page offers a file without a server.

/// Offers `body` as a file named `name` of type `mime`. Does nothing if the browser refuses.
pub(super) fn save(name: &str, mime: &str, body: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&body.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Some(link) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&link) {
            link.click();
        }
    }
    // The click has started the download; the address is not needed any more.
    let _ = web_sys::Url::revoke_object_url(&url);
}
