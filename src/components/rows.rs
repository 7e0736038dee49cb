//! The transcript's rows: an entry, or the date above the first entry of a day. A row's key changes
//! when what it shows changes (its delivery, or its picture's address arriving), so `<For>` makes it
//! again then and only then; rows that stay are moved, never rebuilt.

use super::Entry;
use crate::format;
use leptos::prelude::*;
use lpchat_core::EntryView;

/// A transcript row.
#[derive(Clone, PartialEq)]
pub enum Row {
    /// The day (in the user's words) starting at the entry with this key.
    Day(u64, String),
    /// An entry.
    Entry(EntryView),
}

/// A row's identity: the entry's key, whether it is a day, its delivery and whether its picture's
/// address is known.
pub type RowKey = (u64, bool, u8, bool);

impl Row {
    /// Its identity for keyed rendering.
    pub fn key(&self) -> RowKey {
        match self {
            Row::Day(key, _) => (*key, true, 0, false),
            Row::Entry(e) => (
                e.key,
                false,
                e.delivery.map_or(0, |d| d as u8 + 1),
                e.file.as_ref().is_some_and(|f| f.url.is_some()),
            ),
        }
    }
}

/// The entries with a date row wherever the (local) day changes.
pub fn rows(entries: &[EntryView]) -> Vec<Row> {
    let mut out = Vec::with_capacity(entries.len() + 4);
    let mut day = 0;
    for e in entries {
        if let Some(ts) = e.timestamp {
            // Only the day's number per entry; the words only where a day starts.
            let d = format::day_number(ts);
            if d != day {
                out.push(Row::Day(e.key, format::day(ts)));
                day = d;
            }
        }
        out.push(Row::Entry(e.clone()));
    }
    out
}

/// One row of the transcript.
#[component]
pub fn TranscriptRow(row: Row) -> impl IntoView {
    match row {
        Row::Day(_, day) => view! {
            <li class="lp-day" data-author="day">
                <span>{day}</span>
            </li>
        }
        .into_any(),
        Row::Entry(entry) => view! { <Entry entry=entry /> }.into_any(),
    }
}
