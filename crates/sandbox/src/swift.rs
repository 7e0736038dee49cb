//! The `swift` host (PROTOCOL.md §5.8): temporary URLs signed per file and per method, valid for one
//! minute (LivePerson's default); a `PUT` with a valid upload URL stores the bytes (201), a `GET`
//! with a valid download URL returns them; anything else is 401, as Swift answers an invalid or
//! expired temporary URL. The sandbox keeps the files in memory.

use crate::{world::now_ms, AppState, World};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use lpchat_wire::{GenerateUrlResult, ReqId, TempUrlParams};
use serde::Deserialize;
use std::collections::BTreeMap;

/// How long a temporary URL works.
pub const URL_LIFETIME_SECS: i64 = 60;
/// The largest file accepted (3 MB).
pub const MAX_FILE_BYTES: u64 = 3 * 1024 * 1024;
/// The picture the agent console sends.
pub(crate) const PICTURE: &[u8] = include_bytes!("../assets/picture.png");
/// Every sandbox agent's profile picture.
pub(crate) const AGENT_PHOTO: &[u8] = include_bytes!("../assets/agent-photo.png");

#[derive(Debug, Clone)]
struct Grant {
    path: String,
    upload: bool,
    expires: i64,
}

/// Files and the temporary URLs that reach them.
#[derive(Debug, Default)]
pub(crate) struct Store {
    files: BTreeMap<String, Vec<u8>>,
    grants: BTreeMap<String, Grant>,
}

/// `?temp_url_sig=…&temp_url_expires=…`.
#[derive(Debug, Deserialize)]
pub(crate) struct TempQuery {
    #[serde(default)]
    temp_url_sig: String,
    #[serde(default)]
    temp_url_expires: String,
}

/// The content type of a stored file, by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        _ => "image/jpeg",
    }
}

impl World {
    fn grant(&self, path: String, upload: bool, now_secs: i64) -> GenerateUrlResult {
        let sig = uuid::Uuid::new_v4().simple().to_string();
        let expires = now_secs + URL_LIFETIME_SECS;
        self.lock().files.grants.insert(
            sig.clone(),
            Grant {
                path: path.clone(),
                upload,
                expires,
            },
        );
        GenerateUrlResult {
            relative_path: path,
            query_params: TempUrlParams {
                temp_url_sig: sig,
                temp_url_expires: ReqId(expires.to_string()),
            },
        }
    }

    /// `ms.GenerateURLForUploadFile`: JPG/JPEG/PNG/GIF up to 3 MB, else why not.
    pub(crate) fn grant_upload(
        &self,
        account: &str,
        file_type: &str,
        size: &str,
        now_secs: i64,
    ) -> Result<GenerateUrlResult, &'static str> {
        let ext = match file_type.to_ascii_uppercase().as_str() {
            "JPG" | "JPEG" => "jpg",
            "PNG" => "png",
            "GIF" => "gif",
            _ => return Err("Unsupported file type"),
        };
        let size: u64 = size.trim().parse().map_err(|_| "Invalid file size")?;
        if size == 0 || size > MAX_FILE_BYTES {
            return Err("The file size is over the limit");
        }
        let name = uuid::Uuid::new_v4().simple().to_string();
        let path = format!("/v1/AUTH_async-images/{account}/{name}.{ext}");
        Ok(self.grant(path, true, now_secs))
    }

    /// `ms.GenerateURLForDownloadFile` for a stored file.
    pub(crate) fn grant_download(&self, path: &str, now_secs: i64) -> Option<GenerateUrlResult> {
        if !self.lock().files.files.contains_key(path) {
            return None;
        }
        Some(self.grant(path.to_owned(), false, now_secs))
    }

    fn allowed(&self, path: &str, q: &TempQuery, upload: bool, now_secs: i64) -> bool {
        let inner = self.lock();
        inner.files.grants.get(&q.temp_url_sig).is_some_and(|g| {
            g.path == path
                && g.upload == upload
                && q.temp_url_expires == g.expires.to_string()
                && now_secs <= g.expires
        })
    }

    /// A stored file's bytes (control API, tests).
    pub fn stored_file(&self, path: &str) -> Option<Vec<u8>> {
        self.lock().files.files.get(path).cloned()
    }

    /// Stores the agent console's picture under a new path in the account of `conversation` and
    /// returns the path and the conversation's agent (None: no such conversation).
    pub(crate) fn store_agent_picture(&self, conversation: &str) -> Option<(String, String)> {
        let mut inner = self.lock();
        let conv = Self::find(&mut inner, conversation, None).ok()?;
        let name = uuid::Uuid::new_v4().simple().to_string();
        let path = format!("/v1/AUTH_async-images/{}/{name}.png", conv.account);
        let agent = conv.agent_id.clone();
        inner.files.files.insert(path.clone(), PICTURE.to_vec());
        Some((path, agent))
    }
}

/// `PUT /v1/…?temp_url_sig=…&temp_url_expires=…`: the upload.
pub(crate) async fn put(
    Path(rest): Path<String>,
    Query(q): Query<TempQuery>,
    State(state): State<AppState>,
    body: Bytes,
) -> Response {
    state.delay().await;
    let path = format!("/v1/{rest}");
    if !state.world.allowed(&path, &q, true, now_ms() / 1000) {
        return (StatusCode::UNAUTHORIZED, "Temp URL invalid").into_response();
    }
    if body.len() as u64 > MAX_FILE_BYTES {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    state.world.lock().files.files.insert(path, body.to_vec());
    StatusCode::CREATED.into_response()
}

/// `GET /v1/…?temp_url_sig=…&temp_url_expires=…`: the download.
pub(crate) async fn get(
    Path(rest): Path<String>,
    Query(q): Query<TempQuery>,
    State(state): State<AppState>,
) -> Response {
    state.delay().await;
    let path = format!("/v1/{rest}");
    if !state.world.allowed(&path, &q, false, now_ms() / 1000) {
        return (StatusCode::UNAUTHORIZED, "Temp URL invalid").into_response();
    }
    match state.world.stored_file(&path) {
        Some(bytes) => ([(header::CONTENT_TYPE, content_type(&path))], bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(g: &GenerateUrlResult) -> TempQuery {
        TempQuery {
            temp_url_sig: g.query_params.temp_url_sig.clone(),
            temp_url_expires: g.query_params.temp_url_expires.0.clone(),
        }
    }

    #[test]
    fn only_pictures_up_to_three_megabytes_get_an_upload_url() {
        let w = World::new();
        assert!(w.grant_upload("1", "PNG", "1024", 0).is_ok());
        assert!(w.grant_upload("1", "jpeg", "1024", 0).is_ok());
        assert!(w.grant_upload("1", "PDF", "1024", 0).is_err());
        assert!(w.grant_upload("1", "PNG", "3145729", 0).is_err());
        assert!(w.grant_upload("1", "PNG", "0", 0).is_err());
        assert!(w.grant_upload("1", "PNG", "many", 0).is_err());
    }

    #[test]
    fn a_temporary_url_works_for_its_path_and_method_until_it_expires() {
        let w = World::new();
        let g = w.grant_upload("1", "PNG", "10", 1000).unwrap();
        let path = g.relative_path.clone();
        assert!(w.allowed(&path, &query(&g), true, 1000));
        assert!(w.allowed(&path, &query(&g), true, 1000 + URL_LIFETIME_SECS));
        assert!(
            !w.allowed(&path, &query(&g), true, 1001 + URL_LIFETIME_SECS),
            "expired"
        );
        assert!(
            !w.allowed(&path, &query(&g), false, 1000),
            "not for downloads"
        );
        assert!(
            !w.allowed("/v1/other.png", &query(&g), true, 1000),
            "not for another path"
        );
        let mut forged = query(&g);
        forged.temp_url_expires = (2000 + URL_LIFETIME_SECS).to_string();
        assert!(
            !w.allowed(&path, &forged, true, 1000),
            "the expiry is signed"
        );
        assert!(
            w.grant_download(&path, 1000).is_none(),
            "nothing stored yet"
        );
        let conversation = w.open_conversation("1", "consumer", false, None).unwrap();
        let (stored, _) = w.store_agent_picture(&conversation).unwrap();
        let d = w.grant_download(&stored, 1000).unwrap();
        assert!(w.allowed(&stored, &query(&d), false, 1000));
        assert!(
            !w.allowed(&stored, &query(&d), true, 1000),
            "not for uploads"
        );
    }
}
