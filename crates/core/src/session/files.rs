//! Sharing pictures (PROTOCOL.md §5.8). The user's picture: `ms.GenerateURLForUploadFile` → `PUT` of
//! its bytes to the `swift` host (by the driver) → a `hosted/file` publish through the outbox, like a
//! message. Pictures in the conversation: their previews here, their download URLs through
//! [`Downloads`](super::downloads::Downloads).

use super::{
    uploads::{Finished, Picture},
    Session,
};
use crate::{
    failure::{Failure, FileProblem, HttpFailure, Step},
    files::{checked_preview, file_type, temp_url, MAX_FILE_BYTES},
    io::{ConnId, HttpId, HttpReply, NetError},
    FileView,
};
use lpchat_wire::{GenerateUrlResult, HostedFile, Response};

impl Session {
    /// Checks the picture (type, size, a file host), shows it as pending and starts its upload.
    pub(super) fn attach_file(
        &mut self,
        file: u64,
        name: &str,
        size: u64,
        mime: &str,
        preview: Option<String>,
    ) {
        if !self.conversation.is_open() {
            return;
        }
        let name: String = name.trim().chars().take(200).collect();
        let checked = match file_type(mime, &name) {
            None => Err(FileProblem::NotAPicture),
            Some(_) if size == 0 => Err(FileProblem::Empty),
            Some(_) if size > MAX_FILE_BYTES => Err(FileProblem::TooLarge(size)),
            Some(_) if !self.can_attach() => Err(FileProblem::NoFileSharing),
            Some(t) => Ok(t),
        };
        let file_type = match checked {
            Ok(t) => t,
            Err(problem) => {
                self.screen.alert(Failure::FileNotSent { name, problem });
                return;
            }
        };
        if self.outbox.is_full() {
            self.screen.alert(Failure::OutboxFull);
            return;
        }
        let preview = preview.as_deref().and_then(checked_preview);
        let key = self.transcript.local_file(
            name.clone(),
            FileView {
                preview: preview.clone(),
                url: None,
            },
        );
        let caption = name;
        let picture = Picture {
            file,
            file_type,
            size,
            caption,
            preview,
        };
        self.uploads.add(key, picture);
        self.quick_replies.withdraw();
        self.flush();
    }

    /// Pictures can be sent: a conversation is open and the account lists a file host.
    pub(super) fn can_attach(&self) -> bool {
        self.conversation.is_open()
            && self.conversation.survey().is_none()
            && self.place.endpoints().is_some_and(|e| e.swift.is_some())
    }

    /// Asks for an upload URL for every queued picture (called by `flush`, on a ready socket).
    pub(super) fn flush_uploads(&mut self, conn: ConnId) {
        self.uploads.ask(&mut self.fx, conn);
    }

    /// Retry of a failed picture: from the start (a temporary URL may have expired).
    pub(super) fn retry_upload(&mut self, key: u64) -> bool {
        if !self.uploads.retry(key) {
            return false;
        }
        self.transcript.set_pending(key);
        self.flush();
        true
    }

    fn upload_failed(&mut self, key: u64, failure: Failure) {
        if self.uploads.fail(key) {
            self.transcript.set_failed(key);
            self.screen.alert(failure);
        }
    }

    /// The upload URL request was lost with the socket: ask again once connected.
    pub(super) fn upload_url_lost(&mut self, key: u64) {
        self.uploads.lost(key);
    }

    /// No answer in time.
    pub(super) fn upload_url_timed_out(&mut self, key: u64) {
        self.upload_failed(key, Failure::TimedOut(Step::Upload));
    }

    pub(super) fn on_upload_url(&mut self, key: u64, resp: &Response) {
        if !self.uploads.asking(key) {
            return;
        }
        let Some((url, path)) = self.temp_url_in(resp) else {
            let failure = if resp.is_success() {
                Failure::Http(Step::Upload, HttpFailure::Body)
            } else {
                Failure::Rejected {
                    step: Step::Upload,
                    code: resp.code,
                    text: resp.body_text(),
                }
            };
            return self.upload_failed(key, failure);
        };
        self.uploads.put(&mut self.fx, key, url, path);
    }

    /// The temporary URL a successful GenerateURL answer gives (and the file's path), if it is usable.
    pub(super) fn temp_url_in(&self, resp: &Response) -> Option<(String, String)> {
        let answer =
            GenerateUrlResult::from_value(resp.body.as_ref().filter(|_| resp.is_success())?)?;
        let e = self.place.endpoints()?;
        let url = temp_url(e.csds.secure, e.swift.as_deref()?, &answer)?;
        Some((url, answer.relative_path))
    }

    /// An upload finished; false if `id` was not an upload.
    pub(super) fn on_upload_done(
        &mut self,
        id: HttpId,
        result: &Result<HttpReply, NetError>,
    ) -> bool {
        let stored = matches!(result, Ok(reply) if (200..300).contains(&reply.status));
        match self.uploads.finished(id, stored) {
            None => return false,
            Some(Finished::Stored(key, file)) => {
                let external_id = self.fx.external_id();
                self.outbox.push_file(key, external_id, file);
                self.flush();
            }
            Some(Finished::Failed(key)) => {
                let why = match result {
                    Ok(reply) => HttpFailure::Status(reply.status),
                    Err(why) => HttpFailure::Network(*why),
                };
                self.transcript.set_failed(key);
                self.screen.alert(Failure::Http(Step::Upload, why));
            }
        }
        true
    }

    /// A picture arrived in the conversation as entry `key`: show its preview, and ask where the
    /// picture itself can be loaded from when there is room.
    pub(super) fn picture_arrived(&mut self, key: u64, file: &HostedFile) {
        let preview = file.preview.as_deref().and_then(checked_preview);
        self.transcript
            .set_file(key, FileView { preview, url: None });
        self.downloads.arrived(key, &file.relative_path);
        self.ask_downloads();
    }

    /// Asks for the download URLs the caps allow, if connected.
    pub(super) fn ask_downloads(&mut self) {
        if let Some(conn) = self.ready_conn() {
            self.downloads.ask(&mut self.fx, conn);
        }
    }

    pub(super) fn on_download_url(&mut self, key: u64, resp: &Response) {
        self.downloads.ended();
        // Without a URL the preview (or the caption) stays: nothing for the user to do.
        if let Some((url, _)) = self.temp_url_in(resp) {
            self.transcript.set_file_url(key, url);
        }
        self.ask_downloads();
    }
}
