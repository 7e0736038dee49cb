//! The view model: everything the UI shows, already decided. The UI has no `if` about protocol state.

use crate::transcript::{Author, Delivery};

/// One transcript entry as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryView {
    /// Stable key for keyed rendering.
    pub key: u64,
    /// Who wrote it.
    pub author: Author,
    /// The text (plain text, never HTML).
    pub text: String,
    /// For the user's own messages; `Failed` ones can be retried with `Intent::Retry(key)`.
    pub delivery: Option<Delivery>,
    /// Server time, epoch ms, if known.
    pub timestamp: Option<i64>,
    /// A structured-content card to render (its buttons: `Intent::CardAction`).
    pub card: Option<std::sync::Arc<crate::rich::Card>>,
    /// A shared picture (the text is its caption).
    pub file: Option<FileView>,
}

/// A shared picture as shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileView {
    /// A small `data:` picture that came with it (checked: base64 PNG, JPEG or GIF).
    pub preview: Option<String>,
    /// The picture itself on the `swift` host (a temporary URL, checked), once known.
    pub url: Option<String>,
}

/// The agent the conversation is with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentView {
    /// Nickname from the agent's public profile, else "Agent".
    pub name: String,
    /// One or two letters for the avatar when there is no picture.
    pub initials: String,
    /// The profile picture (https, or http on this computer), if any.
    pub picture: Option<String>,
}

/// A quick reply as offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickReplyView {
    /// Its label.
    pub title: String,
    /// For a link reply: the allow-listed URL to open (otherwise press it: `Intent::QuickReply`).
    pub link: Option<String>,
    /// It does nothing lpchat supports (shown, but disabled).
    pub inert: bool,
}

/// Whether lpchat is connected, for the dot beside the status (the status says it in words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Presence {
    /// Not connected: before Connect, after Disconnect, offline, or given up.
    #[default]
    Offline,
    /// Setting up the connection, or waiting to try again.
    Connecting,
    /// Connected to LivePerson.
    Online,
}

impl Presence {
    /// Its name for the stylesheet (`data-presence`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Offline => "offline",
            Self::Connecting => "connecting",
            Self::Online => "online",
        }
    }
}

/// What the UI shows now.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewModel {
    /// What is happening now ("Fetching domains…", "Conversation open").
    pub status: String,
    /// Connected, connecting or not: the status dot.
    pub presence: Presence,
    /// The connection form is folded into the header: a connection is being set up or in use (or
    /// waits to be tried again). Before the first Connect, after Disconnect and once lpchat gave up,
    /// the form is on screen.
    pub folded: bool,
    /// The account the session is for (empty before the first Connect or resume).
    pub account: String,
    /// Its Domain API origin; empty for LivePerson's.
    pub csds: String,
    /// The last failure in plain words: which step, why, what to do.
    pub alert: Option<String>,
    /// The Connect button works.
    pub can_connect: bool,
    /// The Reconnect button works (lpchat gave up, or is waiting to retry).
    pub can_reconnect: bool,
    /// The Disconnect button works.
    pub can_disconnect: bool,
    /// The Start conversation button works.
    pub can_start_conversation: bool,
    /// The composer and Send work.
    pub can_send: bool,
    /// The End conversation button works (closes the main dialog; a survey may follow).
    pub can_end_conversation: bool,
    /// The Skip survey button works (during the post-conversation survey).
    pub can_skip_survey: bool,
    /// The satisfaction rating is offered (`Intent::Rate`, `Intent::SkipRating`): a conversation
    /// closed without a survey, and the page asked for ratings (`?csat=1`).
    pub can_rate: bool,
    /// Desktop notifications, as the user chose them in Settings (and the browser allowed).
    pub notifications: crate::Notifications,
    /// "Download transcript" works (`Intent::Download`): there is something to save.
    pub can_download: bool,
    /// The agent is typing.
    pub agent_typing: bool,
    /// Who the conversation is with, once an agent is assigned.
    pub agent: Option<AgentView>,
    /// Pictures can be attached now (`Intent::AttachFile`): a conversation is open and the account
    /// has a file host.
    pub can_attach: bool,
    /// The transcript announces additions (its live region is on): off while a replayed history or
    /// earlier entries are being put in, so a screen reader reads only new messages.
    pub announce: bool,
    /// Agent messages the user has not seen yet (arrived while scrolled up or while the page was
    /// hidden): the "New messages" button.
    pub unread: usize,
    /// Quick replies offered with the newest message.
    pub quick_replies: Vec<QuickReplyView>,
    /// The account and settings may be edited.
    pub can_edit_account: bool,
    /// The newest entries of the transcript (a window, so long conversations stay fast).
    pub transcript: Vec<EntryView>,
    /// How many earlier entries are not shown; `Intent::ShowEarlier` shows more of them.
    pub earlier: usize,
    /// The frame inspector is open.
    pub frames_shown: bool,
    /// Frames sent and received, oldest first (only while the inspector is open).
    pub frames: Vec<crate::FrameView>,
    /// The steps of the last connection and when they happened, ms after Connect (only while the
    /// inspector is open).
    pub timeline: Vec<(&'static str, u64)>,
    /// The consumer's closed conversations, newest first (`Intent::ReadPast` opens one).
    pub past: Vec<PastView>,
    /// The list of past conversations is open (`Intent::ShowPast`).
    pub past_shown: bool,
    /// The past conversation being read (its index in `past`): the transcript is its messages, read
    /// only, and nothing can be sent until `Intent::ShowPast(false)`.
    pub reading: Option<usize>,
}

/// A closed conversation as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastView {
    /// Its id (`Intent::ReadPast`).
    pub id: String,
    /// When it started, epoch ms, if the server said.
    pub started: Option<i64>,
    /// Its agent's name, once their profile is known.
    pub agent: Option<String>,
}
