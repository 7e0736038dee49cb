//! The conversation as the user sees it: entries deduplicated by `(dialog, sequence)` and kept in the
//! server's order; the user's own messages stay at the bottom until the server gives them a sequence.

use crate::small_map::SortedSet;

/// The transcript keeps at most this many entries; older ones are dropped (with a note).
pub const MAX_TRANSCRIPT_ENTRIES: usize = 20_000;
/// Receipts kept for messages not (yet) in the transcript; beyond this, the oldest are dropped (a
/// receipt that comes before its message is rare: replays are in sequence order).
const MAX_EARLY_RECEIPTS: usize = 1_000;

/// The view shows the newest this-many entries; "Show earlier messages" adds this many more. Keeps
/// rendering and each update independent of the conversation's length.
pub const TRANSCRIPT_WINDOW: usize = 100;

/// Text longer than the composer's limit is shown shortened, with its length (`note`: the template).
fn shortened(text: String, note: &str) -> String {
    let limit = crate::session::MAX_MESSAGE_CHARS;
    let count = text.chars().count();
    if count <= limit {
        return text;
    }
    let mut s: String = text.chars().take(limit).collect();
    s.push_str(&crate::text::fill(note, &[&count.to_string()]));
    s
}

/// A card shared between the transcript and the views made of it.
pub(crate) type SharedCard = std::sync::Arc<crate::rich::Card>;

mod delivery;
mod entry;

pub(crate) use entry::Entry;
pub use entry::{Author, Delivery};

#[derive(Debug, Default)]
pub(crate) struct Transcript {
    next_key: u64,
    /// Entries dropped from the top to stay within the limit.
    dropped: usize,
    entries: Vec<Entry>,
    seen: SortedSet<(String, i64)>,
    /// Entries shown beyond the window because the user asked for earlier ones. While it is not zero,
    /// new entries extend the view instead of pushing old ones out of it (the user is reading back).
    extra: usize,
    /// The newest sequence placed, per dialog.
    newest: Vec<(String, i64)>,
    /// The wall-clock time (epoch ms) of the entries made now, if the driver gave a clock: lpchat's own
    /// notes and the user's messages until the server's time replaces it.
    wall_now: Option<i64>,
    /// The interface's strings (None: English).
    texts: Option<&'static crate::Texts>,
    /// The agent's receipts for sequences not (yet) known to be the user's messages, the latest
    /// [`MAX_EARLY_RECEIPTS`]: a list, searched like the entries are for every receipt.
    early_receipts: Vec<((String, i64), Delivery)>,
}

impl Transcript {
    pub(crate) fn with_texts(texts: &'static crate::Texts) -> Self {
        Transcript {
            texts: Some(texts),
            ..Transcript::default()
        }
    }

    /// A transcript whose entries' keys start after `first_key` (one shown instead of another must
    /// not share keys with it).
    pub(crate) fn keyed_from(texts: &'static crate::Texts, first_key: u64) -> Self {
        Transcript {
            next_key: first_key,
            ..Transcript::with_texts(texts)
        }
    }

    /// Every entry kept, oldest first.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many entries were dropped from the top to stay within the limit.
    pub(crate) fn dropped(&self) -> usize {
        self.dropped
    }

    /// The wall-clock time (epoch ms) now, if the driver gave a clock.
    pub(crate) fn wall_now(&self) -> Option<i64> {
        self.wall_now
    }

    /// The wall-clock time (epoch ms) of what happens now.
    pub(crate) fn set_wall_now(&mut self, epoch_ms: i64) {
        self.wall_now = Some(epoch_ms);
    }

    pub(crate) fn clear(&mut self) {
        self.dropped = 0;
        self.extra = 0;
        self.entries.clear();
        self.seen.clear();
        self.newest.clear();
        self.early_receipts.clear();
    }

    fn new_entry(&mut self, author: Author, text: String, delivery: Option<Delivery>) -> Entry {
        self.next_key += 1;
        if self.extra > 0 {
            self.extra += 1;
        }
        if self.entries.len() >= MAX_TRANSCRIPT_ENTRIES {
            // Drop the oldest tenth at once, so a long conversation does not pay this on every message.
            let drop = MAX_TRANSCRIPT_ENTRIES / 10;
            self.entries.drain(..drop);
            self.dropped += drop;
        }
        let note = self.texts.unwrap_or(&crate::text::EN).shortened;
        let text = shortened(text, note);
        Entry {
            key: self.next_key,
            author,
            text,
            delivery,
            sequence: None,
            timestamp: self.wall_now,
            card: None,
            file: None,
        }
    }

    /// Where a sequenced entry goes: before the first later entry of its dialog, or before the
    /// unconfirmed messages at the bottom. The usual case (newer than everything of its dialog) is
    /// found from the end without scanning the transcript.
    fn position_for(&mut self, dialog: &str, seq: i64) -> usize {
        let newest = crate::small_map::entry(&mut self.newest, dialog, || seq);
        if seq >= *newest {
            *newest = seq;
            let tail = self
                .entries
                .iter()
                .rev()
                .take_while(|e| e.unconfirmed())
                .count();
            return self.entries.len() - tail;
        }
        self.entries
            .iter()
            .position(|e| {
                e.unconfirmed()
                    || e.sequence
                        .as_ref()
                        .is_some_and(|(d, s)| d == dialog && *s > seq)
            })
            .unwrap_or(self.entries.len())
    }

    pub(crate) fn system(&mut self, text: impl Into<String>) {
        let e = self.new_entry(Author::System, text.into(), None);
        // Before the unconfirmed messages, which are the newest.
        let at = self
            .entries
            .iter()
            .position(Entry::unconfirmed)
            .unwrap_or(self.entries.len());
        self.entries.insert(at, e);
    }

    /// The user's message, shown at once as pending at the bottom.
    pub(crate) fn local(&mut self, text: String) -> u64 {
        let e = self.new_entry(Author::Consumer, text, Some(Delivery::Pending));
        let key = e.key;
        self.entries.push(e);
        key
    }

    /// The user's picture, shown at once as pending at the bottom.
    pub(crate) fn local_file(&mut self, caption: String, file: crate::FileView) -> u64 {
        let key = self.local(caption);
        self.set_file(key, file);
        key
    }

    /// Makes the entry a shared picture.
    pub(crate) fn set_file(&mut self, key: u64, file: crate::FileView) {
        if let Some(i) = self.index(key) {
            self.entries[i].file = Some(file);
        }
    }

    /// The picture's temporary URL is known.
    pub(crate) fn set_file_url(&mut self, key: u64, url: String) {
        if let Some(f) = self.index(key).and_then(|i| self.entries[i].file.as_mut()) {
            f.url = Some(url);
        }
    }

    /// Whether the event at `sequence` of `dialog` is already in the transcript.
    pub(crate) fn knows(&self, dialog: &str, sequence: i64) -> bool {
        self.seen.contains(&(dialog.to_owned(), sequence))
    }

    /// Entries being changed are almost always the newest: searched from the end.
    fn index(&self, key: u64) -> Option<usize> {
        self.entries.iter().rposition(|e| e.key == key)
    }

    /// The entries the view shows (the newest ones).
    pub(crate) fn shown(&self) -> &[Entry] {
        let n = self.entries.len().min(TRANSCRIPT_WINDOW + self.extra);
        &self.entries[self.entries.len() - n..]
    }

    /// Entries kept but not shown, above the shown ones.
    pub(crate) fn earlier(&self) -> usize {
        self.entries.len() - self.shown().len()
    }

    /// Show up to one window more of the earlier entries.
    pub(crate) fn show_earlier(&mut self) {
        let more = self.earlier().min(TRANSCRIPT_WINDOW);
        self.extra += more;
    }

    /// The card of an entry, with where it came from.
    pub(crate) fn card(&self, key: u64) -> Option<(SharedCard, Option<(String, i64)>)> {
        let e = &self.entries[self.index(key)?];
        Some((e.card.clone()?, e.sequence.clone()))
    }

    /// A sequenced event from the server. Returns the new entry's key, or None if it was a duplicate.
    pub(crate) fn remote(
        &mut self,
        author: Author,
        text: String,
        dialog: &str,
        sequence: Option<i64>,
        timestamp: Option<i64>,
        card: Option<std::sync::Arc<crate::rich::Card>>,
    ) -> Option<u64> {
        // The user's messages from before (a replay) were stored: sent, or better if receipted.
        let delivery = (author == Author::Consumer).then_some(Delivery::Sent);
        let mut e = self.new_entry(author, text, delivery);
        e.timestamp = timestamp.or(e.timestamp);
        e.card = card;
        let at = match sequence {
            Some(s) => {
                if !self.seen.insert((dialog.to_owned(), s)) {
                    return None;
                }
                if let Some(d) = self.take_early_receipt(dialog, s) {
                    e.delivery = e.delivery.map(|_| d);
                }
                e.sequence = Some((dialog.to_owned(), s));
                self.position_for(dialog, s)
            }
            None => self
                .entries
                .iter()
                .position(Entry::unconfirmed)
                .unwrap_or(self.entries.len()),
        };
        let key = e.key;
        self.entries.insert(at, e);
        Some(key)
    }
}

#[cfg(test)]
mod tests;
