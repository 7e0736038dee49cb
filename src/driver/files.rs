//! The user's pictures: the driver keeps each chosen `File` (the session only gets its name, size,
//! type and a small preview), uploads its bytes with `PUT` when the session says where, and lets go
//! of it once uploaded.

use lpchat_core::{files::MAX_PREVIEW_CHARS, HttpId, HttpReply, Input, Intent, NetError};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The last id given, and the pictures chosen and not yet uploaded (a few at most).
    static FILES: RefCell<(u64, Vec<(u64, web_sys::File)>)> = RefCell::default();
}

/// The longest side of a preview, in pixels.
const PREVIEW_SIDE: f64 = 160.0;

/// A small JPEG of the picture as a `data:` URL, if the browser can decode it.
async fn preview(file: &web_sys::File) -> Option<String> {
    let window = web_sys::window()?;
    let bitmap = JsFuture::from(window.create_image_bitmap_with_blob(file).ok()?)
        .await
        .ok()?
        .dyn_into::<web_sys::ImageBitmap>()
        .ok()?;
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let scale = (PREVIEW_SIDE / w.max(h)).min(1.0);
    let (pw, ph) = ((w * scale).round().max(1.0), (h * scale).round().max(1.0));
    let canvas = window
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    canvas.set_width(pw as u32);
    canvas.set_height(ph as u32);
    let context = canvas
        .get_context("2d")
        .ok()??
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .ok()?;
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, pw, ph)
        .ok()?;
    let url = canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from_f64(0.7))
        .ok()?;
    (url.len() <= MAX_PREVIEW_CHARS).then_some(url)
}

/// The user chose `file`: keep it, make its preview, and tell the session.
pub fn attach(file: web_sys::File) {
    leptos::task::spawn_local(async move {
        let preview = preview(&file).await;
        let (name, size, mime) = (file.name(), file.size() as u64, file.type_());
        let id = FILES.with(|f| {
            let mut f = f.borrow_mut();
            f.0 += 1;
            let id = f.0;
            f.1.push((id, file));
            id
        });
        super::feed(Input::User(Intent::AttachFile {
            file: id,
            name,
            size,
            mime,
            preview,
        }));
    });
}

/// Uploads the kept file's bytes to `url` and reports the status.
pub(super) fn put(id: HttpId, url: String, file: u64) {
    let kept = FILES.with(|f| {
        f.borrow()
            .1
            .iter()
            .find(|(id, _)| *id == file)
            .map(|(_, b)| b.clone())
    });
    let Some(blob) = kept else {
        return super::feed(Input::HttpDone {
            id,
            result: Err(NetError::FileGone),
        });
    };
    leptos::task::spawn_local(async move {
        let result = match super::http::put(&url, blob) {
            Ok(request) => super::http::send(request).await.map(|r| HttpReply {
                status: r.status(),
                body: String::new(),
            }),
            Err(e) => Err(e),
        };
        if result
            .as_ref()
            .is_ok_and(|r| (200..300).contains(&r.status))
        {
            FILES.with(|f| f.borrow_mut().1.retain(|(id, _)| *id != file));
        }
        super::feed(Input::HttpDone { id, result });
    });
}
