//! The wait for the conversation snapshot: the first notification of the conversations
//! subscription says which conversation is open, if any. Unless a frame could not be read meanwhile
//! (it may have been the snapshot), its absence by the deadline means none is.

use super::{Conversation, Phase};
use crate::time::Millis;

/// Subscriptions made again when the snapshot may have been a frame that could not be read.
const MAX_SNAPSHOT_RETRIES: u8 = 2;

/// The wait for the conversation snapshot (the first notification of the conversation subscription).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Snapshot {
    /// Once the subscription is acknowledged: the snapshot is due by then.
    pub(super) deadline: Option<Millis>,
    /// A frame that could not be read came meanwhile: it may have been the snapshot, so its
    /// absence proves nothing.
    pub(super) unread_frame: bool,
    /// Subscriptions made again because of that.
    pub(super) retries: u8,
}

/// What a snapshot that did not come in time means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missed {
    /// Every frame was read: no conversation is open.
    NoConversation,
    /// A frame could not be read and may have been it: ask for the conversations again.
    LookAgain,
    /// Asked again [`MAX_SNAPSHOT_RETRIES`] times: lpchat cannot know (the phase is unknown).
    Unknowable,
}

impl Conversation {
    pub(crate) fn looking(&self) -> bool {
        matches!(self.phase, Phase::Looking(_))
    }

    /// The conversations subscription was acknowledged: the snapshot is due by `deadline`.
    pub(crate) fn snapshot_by(&mut self, deadline: Millis) {
        if let Phase::Looking(s) = &mut self.phase {
            s.deadline = Some(deadline);
        }
    }

    /// A frame could not be read: while the snapshot is awaited, it may have been the snapshot.
    pub(crate) fn frame_unread(&mut self) {
        if let Phase::Looking(s) = &mut self.phase {
            s.unread_frame = true;
        }
    }

    /// Whether a snapshot just applied showed no open conversation: still looking, with every frame
    /// read (after an unreadable one, that frame may have been the real snapshot).
    pub(crate) fn snapshot_shows_none(&self) -> bool {
        matches!(self.phase, Phase::Looking(s) if !s.unread_frame)
    }

    /// The snapshot that did not come by its deadline, if that is now, and what follows: with every
    /// frame read, no conversation is open; after a frame that could not be read, the absence means
    /// nothing, so the conversations are asked for again, at most [`MAX_SNAPSHOT_RETRIES`] times.
    #[must_use]
    pub(crate) fn snapshot_missed(&mut self, now: Millis) -> Option<Missed> {
        let Phase::Looking(s) = self.phase else {
            return None;
        };
        if s.deadline.is_none_or(|d| d > now) {
            return None;
        }
        Some(if !s.unread_frame {
            Missed::NoConversation
        } else if s.retries >= MAX_SNAPSHOT_RETRIES {
            self.phase = Phase::Unknown;
            Missed::Unknowable
        } else {
            self.phase = Phase::Looking(Snapshot {
                retries: s.retries + 1,
                ..Snapshot::default()
            });
            Missed::LookAgain
        })
    }
}
