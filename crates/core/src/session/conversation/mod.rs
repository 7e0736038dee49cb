//! The conversation: whether one is open and which dialog is followed (the main one, or the
//! post-conversation survey, PROTOCOL.md §6.2), the wait for the snapshot after subscribing, the wait
//! for the replay after a reconnect with uncertain messages, the wait for the close to be confirmed,
//! and how far the history has been seen. It survives reconnects: once open, it is resubscribed from
//! the last sequence seen. What is sent for each step is the session's (`outgoing.rs`,
//! `following.rs`, `responses.rs`, `notifications.rs`).

mod snapshot;

pub(crate) use snapshot::{Missed, Snapshot};

use crate::time::Millis;

/// Where the conversation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Not known yet (before the first snapshot of this identity).
    Unknown,
    /// Waiting for the conversation snapshot.
    Looking(Snapshot),
    None,
    Requesting,
    Open(String),
    Closing(String),
    Closed,
}

/// After resubscribing with uncertain messages, nothing new is published until the replay shows
/// which of them arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replay {
    None,
    /// The subscription is not acknowledged yet.
    Subscribing,
    /// Acknowledged: the replay is taken as complete by then.
    Until(Millis),
}

/// What a new socket resubscribes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resume {
    pub(crate) conversation: String,
    pub(crate) dialog: String,
    pub(crate) from_seq: i64,
}

#[derive(Debug)]
pub(crate) struct Conversation {
    phase: Phase,
    /// The post-conversation survey dialog, while it runs.
    survey: Option<String>,
    replay: Replay,
    /// The main dialog's close was accepted; the conversation change should follow by then.
    close_wait: Option<Millis>,
    /// Highest sequence seen in the followed dialog.
    last_seq: Option<i64>,
    /// A messages subscription is waiting for its history.
    awaiting_history: bool,
    /// The newest `metaDataLastUpdateTs` applied, per conversation.
    stamps: Vec<(String, i64)>,
    /// The identity was issued by signup just now: it cannot have conversations yet.
    fresh_identity: bool,
}

impl Default for Conversation {
    fn default() -> Self {
        Conversation {
            phase: Phase::Unknown,
            survey: None,
            replay: Replay::None,
            close_wait: None,
            last_seq: None,
            awaiting_history: false,
            stamps: Vec::new(),
            fresh_identity: false,
        }
    }
}

impl Conversation {
    pub(crate) fn phase(&self) -> &Phase {
        &self.phase
    }

    /// Moves to `phase` (the steps whose bookkeeping is more than that have methods of their own).
    pub(crate) fn go(&mut self, phase: Phase) {
        self.phase = phase;
    }

    pub(crate) fn is_open(&self) -> bool {
        matches!(self.phase, Phase::Open(_))
    }

    /// The conversation that is open or closing.
    pub(crate) fn open_id(&self) -> Option<&str> {
        match &self.phase {
            Phase::Open(id) | Phase::Closing(id) => Some(id),
            _ => None,
        }
    }

    /// The dialog messages go to and come from: the survey while it runs, else MAIN (whose id is the
    /// conversation's).
    pub(crate) fn open_dialog(&self) -> Option<String> {
        let conversation = self.open_id()?;
        Some(self.survey.as_deref().unwrap_or(conversation).to_owned())
    }

    /// The survey dialog, while it runs.
    pub(crate) fn survey(&self) -> Option<&str> {
        self.survey.as_deref()
    }

    /// Conversation `id` is open (found, started or stored): followed from its start.
    pub(crate) fn open(&mut self, id: String) {
        self.phase = Phase::Open(id);
        self.survey = None;
        self.last_seq = None;
    }

    /// A conversation is being asked for.
    pub(crate) fn requesting(&mut self) {
        self.phase = Phase::Requesting;
        self.last_seq = None;
    }

    /// Nothing is known any more (another account, or another identity).
    pub(crate) fn forget(&mut self) {
        self.phase = Phase::Unknown;
        self.survey = None;
        self.last_seq = None;
    }

    /// Whether a conversation was open or on its way (for "the identity was renewed").
    pub(crate) fn had_one(&self) -> bool {
        matches!(
            self.phase,
            Phase::Open(_) | Phase::Closing(_) | Phase::Requesting
        )
    }

    /// The current conversation closed (`id`: if the report names one, it must be this one).
    /// Returns its id and whether a survey ran; `None` if nothing open was closed.
    pub(crate) fn closed(&mut self, id: Option<&str>) -> Option<(String, bool)> {
        let current = self.open_id()?.to_owned();
        if id.is_some_and(|id| id != current) {
            return None;
        }
        self.phase = Phase::Closed;
        let surveyed = self.survey.take().is_some();
        self.close_wait = None;
        self.replay = Replay::None;
        Some((current, surveyed))
    }

    /// Whether `survey` is the survey dialog already followed.
    pub(crate) fn follows_survey(&self, survey: &str) -> bool {
        self.survey.as_deref() == Some(survey)
    }

    /// The main dialog closed and `survey` opened. Returns the conversation whose survey is now to
    /// be followed from its start (`None`: no conversation of ours is open).
    pub(crate) fn survey_started(&mut self, survey: String) -> Option<String> {
        self.survey = Some(survey);
        if let Phase::Closing(id) = &self.phase {
            self.phase = Phase::Open(id.clone()); // our close of MAIN led here
        }
        let Phase::Open(conversation) = &self.phase else {
            return None;
        };
        self.close_wait = None;
        self.last_seq = None;
        self.replay = Replay::None;
        Some(conversation.clone())
    }

    // ----- a new socket --------------------------------------------------------------------------

    /// The identity was issued just now (`true`: by signup, so it has no conversations yet).
    pub(crate) fn fresh_identity(&mut self, fresh: bool) {
        self.fresh_identity = fresh;
    }

    /// A socket is ready: what was open is resumed (from the last sequence seen, waiting for the
    /// replay if some messages are `uncertain`); else a fresh identity has nothing, and anyone else
    /// looks for the snapshot.
    pub(crate) fn reconnected(&mut self, uncertain: bool) -> Option<Resume> {
        let fresh = std::mem::take(&mut self.fresh_identity);
        match &self.phase {
            Phase::Open(id) | Phase::Closing(id) => {
                let id = id.clone();
                self.phase = Phase::Open(id.clone());
                if uncertain {
                    self.replay = Replay::Subscribing;
                }
                // During a survey its dialog is the one followed (subscriptions belong to one socket).
                let dialog = self.survey.clone().unwrap_or_else(|| id.clone());
                let from_seq = self.last_seq.map_or(0, |s| s + 1);
                return Some(Resume {
                    conversation: id,
                    dialog,
                    from_seq,
                });
            }
            Phase::Unknown if fresh => self.phase = Phase::None,
            _ => self.phase = Phase::Looking(Snapshot::default()),
        }
        None
    }

    /// Whether a conversation change is older than one already applied to conversation `id`
    /// (updates can arrive out of order, PROTOCOL.md §9); if not, it is the newest now.
    pub(crate) fn stale(&mut self, id: &str, stamp: Option<i64>) -> bool {
        let Some(ts) = stamp else { return false };
        let seen = crate::small_map::entry(&mut self.stamps, id, || ts);
        if ts < *seen {
            return true;
        }
        *seen = ts;
        false
    }

    // ----- the history and the replay -----------------------------------------------------------

    /// A messages subscription was sent: its history is awaited.
    pub(crate) fn await_history(&mut self) {
        self.awaiting_history = true;
    }

    /// Events arrived; returns whether they are the history of the last subscription.
    pub(crate) fn history_arrived(&mut self) -> bool {
        std::mem::take(&mut self.awaiting_history)
    }

    pub(crate) fn note_sequence(&mut self, sequence: Option<i64>) {
        if let Some(s) = sequence {
            self.last_seq = Some(self.last_seq.map_or(s, |l| l.max(s)));
        }
    }

    /// The socket is gone: its replay will not come (the next socket waits anew).
    pub(crate) fn socket_gone(&mut self) {
        self.replay = Replay::None;
    }

    /// Whether new publishes wait for the replay.
    pub(crate) fn awaiting_replay(&self) -> bool {
        !matches!(self.replay, Replay::None)
    }

    /// The messages subscription was acknowledged: the replay is complete by `deadline` at the latest.
    pub(crate) fn replay_by(&mut self, deadline: Millis) {
        if matches!(self.replay, Replay::Subscribing) {
            self.replay = Replay::Until(deadline);
        }
    }

    /// Whether the replay's grace is over at `now`.
    pub(crate) fn replay_overdue(&self, now: Millis) -> bool {
        matches!(self.replay, Replay::Until(d) if d <= now)
    }

    /// The replay came (or will not): returns whether it was awaited.
    pub(crate) fn replay_done(&mut self) -> bool {
        !matches!(
            std::mem::replace(&mut self.replay, Replay::None),
            Replay::None
        )
    }

    // ----- closing --------------------------------------------------------------------------------

    /// The close of the main dialog was accepted: its conversation change is due by `deadline`.
    pub(crate) fn close_by(&mut self, deadline: Millis) {
        if matches!(self.phase, Phase::Closing(_)) {
            self.close_wait = Some(deadline);
        }
    }

    /// Whether the accepted close's conversation change is overdue at `now` (asked once).
    #[must_use]
    pub(crate) fn close_overdue(&mut self, now: Millis) -> bool {
        let overdue = self.close_wait.is_some_and(|d| d <= now);
        if overdue {
            self.close_wait = None;
        }
        overdue
    }

    /// The next moment something here is due.
    pub(crate) fn next_deadline(&self) -> Option<Millis> {
        let snapshot = match &self.phase {
            Phase::Looking(s) => s.deadline,
            _ => None,
        };
        let replay = match self.replay {
            Replay::Until(d) => Some(d),
            _ => None,
        };
        [snapshot, replay, self.close_wait]
            .into_iter()
            .flatten()
            .min()
    }
}

#[cfg(test)]
mod tests;
