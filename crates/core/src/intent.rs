//! What the user asks for: the one input the interface makes.

/// What the user asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// Connect to an account. `csds` is the Domain API origin as typed (None: LivePerson's).
    Connect {
        /// The account number as typed.
        account: String,
        /// The Domain API origin as typed, if overridden.
        csds: Option<String>,
        /// A brand token or authorization code for an authenticated identity (None: unauthenticated).
        auth_code: Option<String>,
        /// The account's unauthenticated connector as typed (None or empty: looked up, PROTOCOL.md §2.3).
        connector: Option<String>,
    },
    /// At page load: continue the stored open conversation of this account, if there is one
    /// (otherwise nothing happens).
    Resume {
        /// The account number (from the page's address); `None`: the account last used in this
        /// browser, if any (the bare address), with the Domain API it was used with.
        account: Option<String>,
        /// The Domain API origin as given, if overridden (used with `account` only).
        csds: Option<String>,
    },
    /// Close the socket.
    Disconnect,
    /// Try to connect again now (after lpchat gave up, or instead of waiting).
    Reconnect,
    /// Ask for a new conversation.
    StartConversation,
    /// Send a text message.
    SendText(String),
    /// Send a failed message again (by its transcript key).
    Retry(u64),
    /// Close the conversation.
    EndConversation,
    /// Disconnect and remove everything lpchat keeps in this browser for the account (and only that).
    Forget {
        /// The account number as typed.
        account: String,
    },
    /// Hide the current alert.
    DismissAlert,
    /// Open or close the frame inspector (the view then carries the frames).
    ShowFrames(bool),
    /// Show more of the earlier transcript entries (see `ViewModel::earlier`).
    ShowEarlier,
    /// The user typed in the composer (sent on each input; the session decides what to publish).
    Typing,
    /// The transcript is (true) or is no longer (false) scrolled to its bottom.
    AtBottom(bool),
    /// The user chose the quick reply at this index of `ViewModel::quick_replies`.
    QuickReply(usize),
    /// The user pressed a card's button (or image) with this action index of its entry's card.
    CardAction {
        /// The entry's key.
        entry: u64,
        /// Index into the card's actions.
        action: usize,
    },
    /// Close the whole conversation during the post-conversation survey.
    SkipSurvey,
    /// Rate the conversation just closed (1–5), saying whether the question was answered.
    Rate {
        /// 1 to 5.
        stars: u8,
        /// The question was answered.
        resolved: bool,
    },
    /// Decline to rate it.
    SkipRating,
    /// Open (true) or close the list of past conversations; closing it also leaves the one being
    /// read for the current conversation.
    ShowPast(bool),
    /// Read the past conversation at this index of `ViewModel::past`, read only.
    ReadPast(usize),
    /// Save the conversation as a file ([`Command::Download`]).
    Download(crate::export::Format),
    /// Turn desktop notifications (and their sound) on or off; on asks the browser's permission
    /// ([`Command::AskPermission`]), so send it from the user's click.
    Notifications(bool),
    /// The user chose a picture to send. The driver keeps the file itself under `file` (its bytes
    /// never pass through the session) and made `preview`, a small `data:` picture, if it could.
    AttachFile {
        /// The driver's handle of the file ([`Command::PutFile`] names it).
        file: u64,
        /// The file's name (the caption).
        name: String,
        /// Its size in bytes.
        size: u64,
        /// Its MIME type as the browser reported it (may be empty).
        mime: String,
        /// A small preview (`data:image/…;base64,…`), if one could be made.
        preview: Option<String>,
    },
}
