//! Pictures in the conversation (PROTOCOL.md §5.8): for each, `ms.GenerateURLForDownloadFile`, then
//! the picture is shown from the temporary URL. A replayed history can hold many pictures, so their
//! requests wait in a queue and go out a few at a time, within the session's in-flight cap: nothing
//! bursts (§9).

use super::{Session, MAX_IN_FLIGHT};
use crate::{files::checked_preview, pending::Purpose, FileView};
use lpchat_wire::{DownloadFileBody, HostedFile, RequestPayload, Response};

/// Download-URL requests in flight at once.
pub(crate) const MAX_DOWNLOADS_IN_FLIGHT: usize = 4;

/// The pictures whose download URL is still to be asked for, and how many requests are out.
#[derive(Debug, Default)]
pub(crate) struct Downloads {
    /// `(entry, path on the file host)`, in the order the pictures arrived.
    /// A few pictures at a time: a list (one kind of queue fewer in the bundle).
    waiting: Vec<(u64, String)>,
    in_flight: usize,
}

impl Session {
    /// A picture arrived in the conversation as entry `key`: show its preview, and ask where the
    /// picture itself can be loaded from when there is room.
    pub(super) fn picture_arrived(&mut self, key: u64, file: &HostedFile) {
        self.transcript.set_file(
            key,
            FileView {
                preview: file.preview.as_deref().and_then(checked_preview),
                url: None,
            },
        );
        if !self.downloads.waiting.iter().any(|(k, _)| *k == key) {
            self.downloads
                .waiting
                .push((key, file.relative_path.clone()));
        }
        self.ask_downloads();
    }

    /// Sends what the queue and the caps allow.
    pub(super) fn ask_downloads(&mut self) {
        let Some(conn) = self.ready_conn() else {
            return;
        };
        while self.downloads.in_flight < MAX_DOWNLOADS_IN_FLIGHT
            && self.pending.len() < MAX_IN_FLIGHT
        {
            if self.downloads.waiting.is_empty() {
                return;
            }
            let (key, relative_path) = self.downloads.waiting.remove(0);
            self.downloads.in_flight += 1;
            self.request(
                conn,
                Purpose::DownloadUrl { entry: key },
                RequestPayload::GenerateUrlForDownloadFile {
                    body: DownloadFileBody { relative_path },
                },
            );
        }
    }

    pub(super) fn on_download_url(&mut self, key: u64, resp: &Response) {
        self.download_ended();
        // Without a URL the preview (or the caption) stays: nothing for the user to do.
        if let Some((url, _)) = self.temp_url_in(resp) {
            self.transcript.set_file_url(key, url);
        }
        self.ask_downloads();
    }

    /// A download-URL request ended without an answer (timed out, or its socket is gone). The
    /// replay after a reconnect brings the picture, and so its request, again.
    pub(super) fn download_ended(&mut self) {
        self.downloads.in_flight = self.downloads.in_flight.saturating_sub(1);
    }
}
