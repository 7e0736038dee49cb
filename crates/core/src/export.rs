//! "Download transcript": the conversation as plain text and as JSON. Each entry gives its author,
//! its time (UTC) and its text; a picture is named by its file name, never by its address (a signed,
//! temporary URL). Nothing else leaves: no token, no identity, no frames.

use crate::transcript::Entry;
use serde::Serialize;

/// The two forms of a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line an entry: `[2026-12-02 09:41 UTC] Agent: Hello`.
    Text,
    /// `{"account", "exported", "entries": [{"author", "time", "text", "file"}]}`.
    Json,
}

impl Format {
    /// The file's extension and MIME type.
    #[must_use]
    pub fn file_type(self) -> (&'static str, &'static str) {
        match self {
            Format::Text => ("txt", "text/plain;charset=utf-8"),
            Format::Json => ("json", "application/json"),
        }
    }
}

/// `2026-12-02T09:41:07Z` for a time in epoch milliseconds (a civil date from its day number).
#[must_use]
pub fn utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil, for the proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A picture's file name: the last part of its address' path, else its caption.
fn file_name(entry: &Entry) -> Option<String> {
    let file = entry.file.as_ref()?;
    let from_url = file.url.as_deref().and_then(|url| {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        path.rsplit('/').next().filter(|n| !n.is_empty())
    });
    Some(from_url.map_or_else(|| entry.text.clone(), str::to_owned))
}

/// The author as a reader sees it.
fn who(entry: &Entry, t: &crate::Texts) -> &'static str {
    match entry.author {
        crate::Author::Consumer => t.you,
        crate::Author::Agent => t.agent,
        crate::Author::System => "lpchat",
    }
}

/// The entries as text, one line each (a card by its text, if it has any).
#[must_use]
pub(crate) fn text(entries: &[Entry], t: &crate::Texts) -> String {
    let mut out = String::new();
    for e in entries {
        let time = e.timestamp.map(utc).unwrap_or_default();
        // "2026-12-02T09:41:07Z" → "2026-12-02 09:41 UTC"
        let when = time
            .get(..16)
            .map(|t| format!("[{} UTC] ", t.replace('T', " ")))
            .unwrap_or_default();
        let body = match file_name(e) {
            Some(name) if e.text.is_empty() || e.text == name => format!("({name})"),
            Some(name) => format!("{} ({name})", e.text),
            None => e.text.clone(),
        };
        out.push_str(&format!("{when}{}: {body}\n", who(e, t)));
    }
    out
}

/// The JSON download.
#[derive(Serialize)]
struct Export<'a> {
    account: &'a str,
    exported: Option<String>,
    entries: Vec<Saved<'a>>,
}

/// One entry of the JSON download.
#[derive(Serialize)]
struct Saved<'a> {
    author: &'static str,
    time: Option<String>,
    text: &'a str,
    file: Option<String>,
}

/// The entries as JSON.
#[must_use]
pub(crate) fn json(entries: &[Entry], account: &str, now: Option<i64>) -> String {
    let export = Export {
        account,
        exported: now.map(utc),
        entries: entries
            .iter()
            .map(|e| Saved {
                author: e.author.as_str(),
                time: e.timestamp.map(utc),
                text: &e.text,
                file: file_name(e),
            })
            .collect(),
    };
    serde_json::to_string(&export).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn times_are_utc_dates() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_796_173_267_000), "2026-12-02T01:01:07Z");
        assert_eq!(utc(-1_000), "1969-12-31T23:59:59Z");
    }
}
