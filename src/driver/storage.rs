//! The browser's `localStorage`, for the session's `Load` and `Store` commands. Storage that is
//! unavailable (private modes, quotas) reads as empty and ignores writes: lpchat then works as on a
//! first visit.

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub(super) fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

pub(super) fn store(key: &str, value: Option<&str>) {
    let Some(storage) = local_storage() else {
        return;
    };
    let _ = match value {
        Some(v) => storage.set_item(key, v),
        None => storage.remove_item(key),
    };
}
