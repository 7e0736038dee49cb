//! What goes into the session and what comes out of it (what the user asks for is [`Intent`],
//! `intent.rs`).

use crate::intent::Intent;

/// Identifies one HTTP request, so a late answer to an abandoned request is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HttpId(pub(crate) u64);

/// Identifies one WebSocket, so events of an old socket are never taken for the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConnId(pub(crate) u64);

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    /// GET.
    Get,
    /// POST without a body.
    Post,
    /// GET of a JSONP form (PROTOCOL.md §1.1, §2.1), for hosts whose answers a page cannot read across
    /// origins: the driver loads the URL as a script where it cannot reach the page (a sandboxed
    /// frame) and answers status 200 with the JSON its callback ([`crate::JSONP_CALLBACK`]) was
    /// given, `Unreachable` if the script did not load, `Unreadable` if it did not call back.
    Jsonp,
}

/// What an HTTP request returned (any status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    /// The status code.
    pub status: u16,
    /// The body text.
    pub body: String,
}

/// Why an HTTP request got no answer. The driver reports one of these, never words of its own (nor
/// the browser's), so that what the user reads comes from [`crate::text`] in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetError {
    /// No answer: the network is down, the host is unknown or refuses, or the browser withheld the
    /// answer (a CORS refusal looks the same to a page).
    Unreachable,
    /// An answer came, but its body could not be read.
    Unreadable,
    /// The browser could not make the request at all.
    Browser,
    /// The file to upload is no longer available to the page.
    FileGone,
}

/// Everything that can happen to the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The user did something.
    User(Intent),
    /// An HTTP request finished; `Err` is a transport failure (no status).
    HttpDone {
        /// Which request.
        id: HttpId,
        /// The answer.
        result: Result<HttpReply, NetError>,
    },
    /// The socket opened.
    WsOpened {
        /// Which socket.
        conn: ConnId,
    },
    /// A text frame arrived.
    WsFrame {
        /// Which socket.
        conn: ConnId,
        /// The frame.
        text: String,
    },
    /// The socket closed (or failed to open: browsers report that as a close, code 1006).
    WsClosed {
        /// Which socket.
        conn: ConnId,
        /// Close code.
        code: u16,
        /// Close reason.
        reason: String,
    },
    /// The browser went online or offline (`online`/`offline` events).
    Network {
        /// `navigator.onLine` now.
        online: bool,
    },
    /// The page became visible again (a good moment to reconnect without waiting, and what is on
    /// screen counts as read).
    Visible,
    /// The page was hidden (messages arriving now are not read yet).
    Hidden,
    /// The browser's answer to [`Command::AskPermission`]: notifications are allowed.
    Permission {
        /// The user (or the browser) allowed them.
        granted: bool,
    },
    /// The answer to [`Command::Load`].
    Loaded {
        /// The key asked for.
        key: String,
        /// What was stored, if anything.
        value: Option<String>,
    },
    /// The time in `poll_timeout` came; nothing else happened.
    Tick,
}

/// What the session asks the driver to do. `Debug` hides stored values and frames carrying the token.
#[derive(Clone, PartialEq, Eq)]
pub enum Command {
    /// Perform an HTTP request and answer with [`Input::HttpDone`].
    Http {
        /// Echo in the answer.
        id: HttpId,
        /// GET or POST.
        method: HttpMethod,
        /// Absolute URL.
        url: String,
        /// A JSON body (sent with `Content-Type: application/json`); it may hold a secret.
        body: Option<String>,
    },
    /// Open a WebSocket; answer with [`Input::WsOpened`], frames and [`Input::WsClosed`].
    OpenSocket {
        /// Echo in every event of this socket.
        conn: ConnId,
        /// Absolute `ws:`/`wss:` URL.
        url: String,
    },
    /// Send a text frame.
    Send {
        /// On this socket.
        conn: ConnId,
        /// The frame.
        text: String,
    },
    /// Read a stored value and answer with [`Input::Loaded`] (browser storage: synchronously).
    Load {
        /// The key.
        key: String,
    },
    /// Store a value (`None`: remove the key).
    Store {
        /// The key.
        key: String,
        /// The value; it may hold the identity token, so it is never logged.
        value: Option<String>,
    },
    /// A step of the flow happened now: the driver records it with the User Timing API as
    /// `lpchat:<name>` (`performance.mark`).
    Mark {
        /// `connect`, `domains`, `identity`, `socket-open`, `signed-in`, `ready`, `conversation-open`,
        /// `history`, `send`, `sent`, `message`.
        name: &'static str,
    },
    /// Upload the bytes of the file kept under `file` with `PUT url` and answer with
    /// [`Input::HttpDone`] (its body is not needed).
    PutFile {
        /// Echo in the answer.
        id: HttpId,
        /// The temporary upload URL on the `swift` host (it carries a signature: not logged).
        url: String,
        /// The driver's handle from [`Intent::AttachFile`].
        file: u64,
    },
    /// Show this account (and its Domain API origin, `None` for LivePerson's) in the page's address
    /// without loading anything (`history.replaceState`), so it can be bookmarked; `account: None`
    /// takes both out.
    Address {
        /// `?account=`.
        account: Option<String>,
        /// `?csds=`.
        csds: Option<String>,
    },
    /// Ask the browser for permission to show notifications (now, while the user's click lasts);
    /// answer with [`Input::Permission`].
    AskPermission,
    /// Show a desktop notification and play the short sound.
    Notify {
        /// Who wrote (the agent's name).
        title: String,
        /// What they wrote (the start of it).
        body: String,
    },
    /// Save `body` as a file named `name` of type `mime` (the transcript the user asked for).
    Download {
        /// The file's name.
        name: String,
        /// Its MIME type.
        mime: &'static str,
        /// What it holds.
        body: String,
    },
    /// Close the socket; no further events of it are wanted.
    CloseSocket {
        /// Which socket.
        conn: ConnId,
        /// Close code (1000 normal).
        code: u16,
    },
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Command::Http {
                id,
                method,
                url,
                body,
            } => {
                let body = if body.is_some() { "<redacted>" } else { "None" };
                write!(
                    f,
                    "Http {{ id: {id:?}, method: {method:?}, url: {url:?}, body: {body} }}"
                )
            }
            Command::OpenSocket { conn, url } => {
                write!(f, "OpenSocket {{ conn: {conn:?}, url: {url:?} }}")
            }
            Command::Send { conn, text } if text.contains("\"jwt\"") => {
                write!(
                    f,
                    "Send {{ conn: {conn:?}, text: <{} bytes with the token> }}",
                    text.len()
                )
            }
            Command::Send { conn, text } => write!(f, "Send {{ conn: {conn:?}, text: {text:?} }}"),
            Command::Load { key } => write!(f, "Load {{ key: {key:?} }}"),
            Command::Mark { name } => write!(f, "Mark {{ name: {name:?} }}"),
            Command::Store { key, value } => {
                write!(
                    f,
                    "Store {{ key: {key:?}, value: {} }}",
                    if value.is_some() {
                        "<redacted>"
                    } else {
                        "None"
                    }
                )
            }
            Command::PutFile { id, file, .. } => {
                write!(f, "PutFile {{ id: {id:?}, file: {file}, url: <signed> }}")
            }
            Command::CloseSocket { conn, code } => {
                write!(f, "CloseSocket {{ conn: {conn:?}, code: {code} }}")
            }
            Command::Address { account, csds } => {
                write!(f, "Address {{ account: {account:?}, csds: {csds:?} }}")
            }
            Command::AskPermission => write!(f, "AskPermission"),
            Command::Notify { title, body } => write!(
                f,
                "Notify {{ title: {title:?}, body: <{} bytes> }}",
                body.len()
            ),
            Command::Download { name, mime, body } => write!(
                f,
                "Download {{ name: {name:?}, mime: {mime:?}, body: <{} bytes> }}",
                body.len()
            ),
        }
    }
}
