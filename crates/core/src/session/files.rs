//! Sharing pictures (PROTOCOL.md §5.8). The user's picture: `ms.GenerateURLForUploadFile` → `PUT` of
//! its bytes to the `swift` host (by the driver) → a `hosted/file` publish through the outbox, like a
//! message. Pictures in the conversation: their previews here, their download URLs through
//! [`Downloads`](super::downloads::Downloads).

use super::Session;
use crate::{
    failure::{Failure, FileProblem, HttpFailure, Step},
    files::{checked_preview, file_type, temp_url, MAX_FILE_BYTES},
    io::{Command, ConnId, HttpId, HttpReply, NetError},
    pending::Purpose,
    FileView,
};
use lpchat_wire::{GenerateUrlResult, HostedFile, ReqId, RequestPayload, Response, UploadFileBody};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    /// Waiting for the connection.
    Queued,
    /// Asked for an upload URL.
    Asking,
    /// The driver is uploading; the path the file will have.
    Putting(HttpId, String),
    /// Failed; Retry starts again.
    Failed,
}

#[derive(Debug, Clone)]
pub(crate) struct Upload {
    /// The transcript entry.
    key: u64,
    /// The driver's handle.
    file: u64,
    file_type: &'static str,
    size: u64,
    caption: String,
    preview: Option<String>,
    stage: Stage,
}

/// The user's pictures not yet handed to the outbox.
#[derive(Debug, Default)]
pub(crate) struct Uploads(Vec<Upload>);

impl Uploads {
    fn get(&mut self, key: u64) -> Option<&mut Upload> {
        self.0.iter_mut().find(|u| u.key == key)
    }
}

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
                self.alert = Some(Failure::FileNotSent { name, problem });
                return;
            }
        };
        if self.outbox.is_full() {
            self.alert = Some(Failure::OutboxFull);
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
        self.uploads.0.push(Upload {
            key,
            file,
            file_type,
            size,
            caption: name,
            preview,
            stage: Stage::Queued,
        });
        self.quick_replies.withdraw();
        self.flush();
    }

    /// Pictures can be sent: a conversation is open and the account lists a file host.
    pub(super) fn can_attach(&self) -> bool {
        self.conversation.is_open()
            && self.conversation.survey().is_none()
            && self.endpoints.as_ref().is_some_and(|e| e.swift.is_some())
    }

    /// Asks for an upload URL for every queued picture (called by `flush`, on a ready socket).
    pub(super) fn flush_uploads(&mut self, conn: ConnId) {
        let queued: Vec<(u64, u64, &'static str)> = self
            .uploads
            .0
            .iter()
            .filter(|u| u.stage == Stage::Queued)
            .map(|u| (u.key, u.size, u.file_type))
            .collect();
        for (key, size, file_type) in queued {
            self.fx.request(
                conn,
                Purpose::UploadUrl { entry: key },
                RequestPayload::GenerateUrlForUploadFile {
                    body: UploadFileBody {
                        // A string, as in the schema (PROTOCOL.md §5.8, frame 58).
                        file_size: ReqId(size.to_string()),
                        file_type: file_type.into(),
                    },
                },
            );
            if let Some(u) = self.uploads.get(key) {
                u.stage = Stage::Asking;
            }
        }
    }

    /// Retry of a failed picture: from the start (a temporary URL may have expired).
    pub(super) fn retry_upload(&mut self, key: u64) -> bool {
        let Some(u) = self.uploads.get(key).filter(|u| u.stage == Stage::Failed) else {
            return false;
        };
        u.stage = Stage::Queued;
        self.transcript.set_pending(key);
        self.flush();
        true
    }

    fn upload_failed(&mut self, key: u64, failure: Failure) {
        if let Some(u) = self.uploads.get(key) {
            u.stage = Stage::Failed;
            self.transcript.set_failed(key);
            self.alert = Some(failure);
        }
    }

    /// The upload URL request was lost with the socket: ask again once connected.
    pub(super) fn upload_url_lost(&mut self, key: u64) {
        if let Some(u) = self.uploads.get(key).filter(|u| u.stage == Stage::Asking) {
            u.stage = Stage::Queued;
        }
    }

    /// No answer in time.
    pub(super) fn upload_url_timed_out(&mut self, key: u64) {
        self.upload_failed(key, Failure::TimedOut(Step::Upload));
    }

    pub(super) fn on_upload_url(&mut self, key: u64, resp: &Response) {
        if self.uploads.get(key).map(|u| &u.stage) != Some(&Stage::Asking) {
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
        let id = self.fx.http_id();
        if let Some(u) = self.uploads.get(key) {
            u.stage = Stage::Putting(id, path);
            let file = u.file;
            self.fx.push(Command::PutFile { id, url, file });
        }
    }

    /// The temporary URL a successful GenerateURL answer gives (and the file's path), if it is usable.
    pub(super) fn temp_url_in(&self, resp: &Response) -> Option<(String, String)> {
        let answer =
            GenerateUrlResult::from_value(resp.body.as_ref().filter(|_| resp.is_success())?)?;
        let e = self.endpoints.as_ref()?;
        let url = temp_url(e.csds.secure, e.swift.as_deref()?, &answer)?;
        Some((url, answer.relative_path))
    }

    /// An upload finished; false if `id` was not an upload.
    pub(super) fn on_upload_done(
        &mut self,
        id: HttpId,
        result: &Result<HttpReply, NetError>,
    ) -> bool {
        let Some(i) = self
            .uploads
            .0
            .iter()
            .position(|u| matches!(&u.stage, Stage::Putting(p, _) if *p == id))
        else {
            return false;
        };
        let key = self.uploads.0[i].key;
        match result {
            Ok(reply) if (200..300).contains(&reply.status) => {
                let u = self.uploads.0.remove(i);
                let Stage::Putting(_, relative_path) = u.stage else {
                    return true;
                };
                let external_id = self.fx.external_id();
                self.outbox.push_file(
                    key,
                    external_id,
                    HostedFile {
                        caption: u.caption,
                        relative_path,
                        file_type: u.file_type.into(),
                        preview: u.preview,
                    },
                );
                self.flush();
            }
            Ok(reply) => self.upload_failed(
                key,
                Failure::Http(Step::Upload, HttpFailure::Status(reply.status)),
            ),
            Err(why) => {
                self.upload_failed(key, Failure::Http(Step::Upload, HttpFailure::Network(*why)))
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
