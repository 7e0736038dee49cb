//! One row of the transcript: who wrote it, what it says, and how far the user's own message got.

/// Who wrote an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Author {
    /// The user of lpchat.
    Consumer,
    /// The brand (agent or bot).
    Agent,
    /// lpchat itself (conversation started, closed…).
    System,
}

impl Author {
    /// `consumer`, `agent`, `system` (the `data-author` attribute).
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Consumer => "consumer",
            Author::Agent => "agent",
            Author::System => "system",
        }
    }
}

/// Delivery state of the user's own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// Shown, not yet acknowledged (queued while disconnected, or in flight).
    Pending,
    /// Acknowledged by the server.
    Sent,
    /// Could not be delivered; the user may retry.
    Failed,
    /// The agent's side received it (AcceptStatus ACCEPT).
    Delivered,
    /// The agent read it (AcceptStatus READ).
    Read,
}

impl Delivery {
    /// Receipts only move forward: sent → delivered → read.
    pub(super) fn rank(self) -> u8 {
        match self {
            Delivery::Pending | Delivery::Failed => 0,
            Delivery::Sent => 1,
            Delivery::Delivered => 2,
            Delivery::Read => 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub(crate) key: u64,
    pub(crate) author: Author,
    pub(crate) text: String,
    pub(crate) delivery: Option<Delivery>,
    pub(crate) sequence: Option<(String, i64)>,
    pub(crate) timestamp: Option<i64>,
    /// Structured content, if the entry is a card.
    pub(crate) card: Option<std::sync::Arc<crate::rich::Card>>,
    /// A shared picture, if the entry is a file.
    pub(crate) file: Option<crate::FileView>,
}

impl Entry {
    pub(super) fn unconfirmed(&self) -> bool {
        matches!(self.delivery, Some(Delivery::Pending | Delivery::Failed))
            && self.sequence.is_none()
    }
}
