//! Shared files (PROTOCOL.md §5.8): which pictures may be sent, which previews may be shown, and the
//! temporary URLs on the `swift` host, assembled only from checked parts.

/// The largest file LivePerson accepts (3 MB).
pub const MAX_FILE_BYTES: u64 = 3 * 1024 * 1024;
/// The largest preview kept or sent (LivePerson: under 30 KB).
pub const MAX_PREVIEW_CHARS: usize = 30_000;

/// The upload's `fileType` for a picture lpchat may send (JPG, PNG, GIF), from its MIME type, or
/// from its name's extension when the browser gave no type.
pub fn file_type(mime: &str, name: &str) -> Option<&'static str> {
    let by_mime = match mime.to_ascii_lowercase().as_str() {
        "image/jpeg" | "image/jpg" => Some("JPG"),
        "image/png" => Some("PNG"),
        "image/gif" => Some("GIF"),
        "" => None,
        _ => return None,
    };
    by_mime.or_else(|| {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some("JPG"),
            "png" => Some("PNG"),
            "gif" => Some("GIF"),
            _ => None,
        }
    })
}

/// A preview that may be shown and sent: a `data:` URL of a PNG, JPEG or GIF in base64, small.
pub fn checked_preview(preview: &str) -> Option<String> {
    let data = ["png", "jpeg", "jpg", "gif"]
        .iter()
        .find_map(|t| preview.strip_prefix(&format!("data:image/{t};base64,")))?;
    let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
    (preview.len() <= MAX_PREVIEW_CHARS && !data.is_empty() && data.chars().all(base64))
        .then(|| preview.to_owned())
}

/// `1.4` for 1,468,006 bytes: megabytes with one decimal (integer arithmetic: no float formatting
/// in the bundle).
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `{scheme}://{swift}{relativePath}?temp_url_sig=…&temp_url_expires=…`, if the path is a plain
/// absolute path (no other host, query, fragment or `..`): a server's answer can only point into the
/// `swift` host lpchat already trusts.
pub fn temp_url(
    secure: bool,
    swift: &str,
    answer: &lpchat_wire::GenerateUrlResult,
) -> Option<String> {
    let path = &answer.relative_path;
    let plain = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 1024
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~' | '%'))
        && !path.split('/').any(|segment| segment == "..");
    let scheme = if secure { "https" } else { "http" };
    let q = &answer.query_params;
    plain.then(|| {
        format!(
            "{scheme}://{swift}{path}?temp_url_sig={}&temp_url_expires={}",
            encode(&q.temp_url_sig),
            encode(&q.temp_url_expires.0)
        )
    })
}

/// A picture address from the network that may be shown: https, or http on this computer only.
pub fn checked_picture(url: &str) -> Option<String> {
    let url = url.trim();
    let (secure, rest) = if let Some(r) = url.strip_prefix("https://") {
        (true, r)
    } else {
        (false, url.strip_prefix("http://")?)
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let origin = format!("{}://{authority}", if secure { "https" } else { "http" });
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\'));
    (clean && crate::Origin::parse(&origin).is_ok()).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lpchat_wire::{GenerateUrlResult, ReqId, TempUrlParams};

    fn answer(path: &str) -> GenerateUrlResult {
        GenerateUrlResult {
            relative_path: path.into(),
            query_params: TempUrlParams {
                temp_url_sig: "a+b/c".into(),
                temp_url_expires: ReqId("1474973420".into()),
            },
        }
    }

    #[test]
    fn only_jpg_png_and_gif_are_sent() {
        assert_eq!(file_type("image/jpeg", "x"), Some("JPG"));
        assert_eq!(file_type("image/png", "x.gif"), Some("PNG"));
        assert_eq!(file_type("", "Cat.JPEG"), Some("JPG"));
        assert_eq!(file_type("", "cat.gif"), Some("GIF"));
        assert_eq!(file_type("image/svg+xml", "x.png"), None, "the type wins");
        assert_eq!(file_type("application/pdf", "x.pdf"), None);
        assert_eq!(file_type("", "x.exe"), None);
        assert_eq!(file_type("", "noextension"), None);
    }

    #[test]
    fn previews_are_small_base64_pictures() {
        assert!(checked_preview("data:image/png;base64,iVBORw0KGgo=").is_some());
        assert!(checked_preview("data:image/jpeg;base64,/9j/4AAQ").is_some());
        assert!(checked_preview("data:image/svg+xml;base64,PHN2Zz4=").is_none());
        assert!(checked_preview("data:text/html;base64,PHNjcmlwdD4=").is_none());
        assert!(checked_preview("https://evil.example/x.png").is_none());
        assert!(checked_preview("data:image/png;base64,\"><script>").is_none());
        let big = format!("data:image/png;base64,{}", "A".repeat(MAX_PREVIEW_CHARS));
        assert!(checked_preview(&big).is_none());
    }

    #[test]
    fn sizes_are_said_in_megabytes_with_one_decimal() {
        assert_eq!(megabytes(MAX_FILE_BYTES), "3.0");
        assert_eq!(megabytes(MAX_FILE_BYTES + 1), "3.1");
        assert_eq!(megabytes(1), "0.1");
    }

    #[test]
    fn temporary_urls_stay_on_the_swift_host() {
        assert_eq!(
            temp_url(true, "va.objectstorage.liveperson.net", &answer("/v1/AUTH_async-images/123/a.png")).as_deref(),
            Some("https://va.objectstorage.liveperson.net/v1/AUTH_async-images/123/a.png?temp_url_sig=a%2Bb%2Fc&temp_url_expires=1474973420")
        );
        assert!(temp_url(false, "127.0.0.1:9", &answer("/x.png"))
            .is_some_and(|u| u.starts_with("http://127.0.0.1:9/x.png?")));
        for bad in [
            "//evil.com/x",
            "@evil.com/x",
            "x.png",
            "/a/../../x",
            "/a?b",
            "/a#b",
            "/a b",
            "/a\\b",
        ] {
            assert_eq!(temp_url(true, "h", &answer(bad)), None, "{bad}");
        }
    }

    #[test]
    fn pictures_are_https_or_this_computer() {
        assert!(checked_picture("https://s-media.example.com/a.jpg").is_some());
        assert!(checked_picture("http://127.0.0.1:8787/p.png").is_some());
        assert!(checked_picture("http://example.com/a.jpg").is_none());
        assert!(checked_picture("javascript:alert(1)").is_none());
        assert!(checked_picture("data:image/png;base64,AAAA").is_none());
        assert!(checked_picture("https://a.com/\"onerror=x").is_none());
        assert!(checked_picture("https://user@evil.com/a").is_none());
    }
}
