//! The user's pictures on their way to the outbox (PROTOCOL.md §5.8): each asks for an upload URL once
//! a socket is ready, is then `PUT` by the driver, and once stored becomes a `hosted/file` message.
//! A failure at any step leaves it failed, for Retry to start again from the first step (a
//! temporary URL may have expired).

use super::effects::Effects;
use crate::{
    io::{Command, ConnId, HttpId},
    pending::Purpose,
};
use lpchat_wire::{HostedFile, ReqId, RequestPayload, UploadFileBody};

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
struct Upload {
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

/// What a picture the user chose is, for [`Uploads::add`].
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    /// The driver's handle.
    pub(crate) file: u64,
    pub(crate) file_type: &'static str,
    pub(crate) size: u64,
    pub(crate) caption: String,
    pub(crate) preview: Option<String>,
}

/// How an upload ended.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Finished {
    /// Stored: the message to publish for entry `key`.
    Stored(u64, HostedFile),
    /// Not stored: entry `key` failed.
    Failed(u64),
}

/// The user's pictures not yet handed to the outbox.
#[derive(Debug, Default)]
pub(crate) struct Uploads(Vec<Upload>);

impl Uploads {
    fn get(&mut self, key: u64) -> Option<&mut Upload> {
        self.0.iter_mut().find(|u| u.key == key)
    }

    /// A picture shown as entry `key` is to be sent.
    pub(crate) fn add(&mut self, key: u64, picture: Picture) {
        self.0.push(Upload {
            key,
            file: picture.file,
            file_type: picture.file_type,
            size: picture.size,
            caption: picture.caption,
            preview: picture.preview,
            stage: Stage::Queued,
        });
    }

    /// Asks on `conn` for an upload URL for every queued picture.
    pub(crate) fn ask(&mut self, fx: &mut Effects, conn: ConnId) {
        for u in self
            .0
            .iter_mut()
            .filter(|u| matches!(u.stage, Stage::Queued))
        {
            fx.request(
                conn,
                Purpose::UploadUrl { entry: u.key },
                RequestPayload::GenerateUrlForUploadFile {
                    body: UploadFileBody {
                        // A string, as in the schema (PROTOCOL.md §5.8, frame 58).
                        file_size: ReqId(u.size.to_string()),
                        file_type: u.file_type.into(),
                    },
                },
            );
            u.stage = Stage::Asking;
        }
    }

    /// Whether entry `key` waits for its upload URL.
    pub(crate) fn asking(&self, key: u64) -> bool {
        self.0
            .iter()
            .any(|u| u.key == key && matches!(u.stage, Stage::Asking))
    }

    /// The upload URL for entry `key` came: the driver puts the file at `url`, to be at `path`.
    pub(crate) fn put(&mut self, fx: &mut Effects, key: u64, url: String, path: String) {
        let id = fx.http_id();
        if let Some(u) = self.get(key) {
            u.stage = Stage::Putting(id, path);
            let file = u.file;
            fx.push(Command::PutFile { id, url, file });
        }
    }

    /// The upload `id` ended (`stored`: the file host took it); `None` if it was not an upload.
    pub(crate) fn finished(&mut self, id: HttpId, stored: bool) -> Option<Finished> {
        let i = self
            .0
            .iter()
            .position(|u| matches!(&u.stage, Stage::Putting(p, _) if *p == id))?;
        let key = self.0[i].key;
        if !stored {
            self.0[i].stage = Stage::Failed;
            return Some(Finished::Failed(key));
        }
        let u = self.0.remove(i);
        let Stage::Putting(_, relative_path) = u.stage else {
            return None;
        };
        let file = HostedFile {
            caption: u.caption,
            relative_path,
            file_type: u.file_type.into(),
            preview: u.preview,
        };
        Some(Finished::Stored(key, file))
    }

    /// Entry `key` failed at its current step; returns whether it was an upload.
    pub(crate) fn fail(&mut self, key: u64) -> bool {
        let Some(u) = self.get(key) else { return false };
        u.stage = Stage::Failed;
        true
    }

    /// Retry of entry `key`: a failed upload starts again; returns whether it was one.
    pub(crate) fn retry(&mut self, key: u64) -> bool {
        match self.get(key) {
            Some(u) if matches!(u.stage, Stage::Failed) => {
                u.stage = Stage::Queued;
                true
            }
            _ => false,
        }
    }

    /// The upload URL request for entry `key` was lost with its socket: asked again once connected.
    pub(crate) fn lost(&mut self, key: u64) {
        if let Some(u) = self.get(key).filter(|u| matches!(u.stage, Stage::Asking)) {
            u.stage = Stage::Queued;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::Timing;

    fn picture() -> Picture {
        Picture {
            file: 9,
            file_type: "PNG",
            size: 100,
            caption: "cat.png".into(),
            preview: None,
        }
    }

    /// Uploads with one picture (entry 1) whose upload URL was asked for on a socket.
    fn asking() -> (Uploads, Effects, ConnId) {
        let (mut u, mut fx) = (
            Uploads::default(),
            Effects::new(Timing::default(), "t".into()),
        );
        let conn = fx.conn_id();
        u.add(1, picture());
        u.ask(&mut fx, conn);
        (u, fx, conn)
    }

    fn commands(fx: &mut Effects) -> Vec<Command> {
        std::iter::from_fn(|| fx.pop()).collect()
    }

    #[test]
    fn a_picture_goes_url_then_put_then_message() {
        let (mut u, mut fx, conn) = asking();
        u.ask(&mut fx, conn);
        let asked = commands(&mut fx);
        assert_eq!(asked.len(), 1, "asked once: {asked:?}");
        assert!(u.asking(1));
        u.put(
            &mut fx,
            1,
            "https://swift.example/x".into(),
            "/x.png".into(),
        );
        let Some(Command::PutFile { id, file: 9, .. }) = fx.pop() else {
            panic!("the driver puts the file")
        };
        assert_eq!(u.finished(HttpId(id.0 + 100), true), None, "not an upload");
        let Some(Finished::Stored(1, file)) = u.finished(id, true) else {
            panic!("stored")
        };
        assert_eq!(
            (file.relative_path.as_str(), file.caption.as_str()),
            ("/x.png", "cat.png")
        );
        assert!(!u.retry(1), "gone once stored");
    }

    #[test]
    fn a_failed_upload_starts_again_from_its_url_and_a_lost_one_is_asked_again() {
        let (mut u, mut fx, conn) = asking();
        u.lost(1);
        assert!(!u.asking(1));
        u.ask(&mut fx, conn);
        assert_eq!(commands(&mut fx).len(), 2, "asked again after the loss");
        u.put(
            &mut fx,
            1,
            "https://swift.example/x".into(),
            "/x.png".into(),
        );
        let Some(Command::PutFile { id, .. }) = fx.pop() else {
            panic!("a put")
        };
        assert_eq!(u.finished(id, false), Some(Finished::Failed(1)));
        assert!(u.retry(1));
        assert!(!u.retry(1), "once");
        u.ask(&mut fx, conn);
        assert_eq!(commands(&mut fx).len(), 1);
        assert!(!u.fail(2), "not an upload");
    }
}
