//! The transcript's rows, built with DOM calls and kept by key: a row is made when it first appears
//! and made again only when its key changes (its delivery, or its picture's address arriving); rows
//! that stay are moved, never rebuilt. A keyed `view!` list did the same at several kilobytes more of
//! bundle (docs/DECISIONS.md). Every text is set as `textContent`.

use super::{
    card::card,
    dom::{add, add_image, add_text, link, set, Dom},
};
use crate::format;
use lpchat_core::{text::fill, Author, Delivery, EntryView, FileView};
use std::collections::BTreeMap;

/// A transcript row: an entry, or the date above the first entry of a day.
pub enum Row {
    Day(u64, String),
    Entry(EntryView),
}

/// A row's identity: made again when it changes.
pub type RowKey = (u64, bool, u8, bool);

impl Row {
    fn key(&self) -> RowKey {
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

fn delivery(d: Delivery) -> (&'static str, &'static str) {
    let t = crate::i18n::t();
    match d {
        Delivery::Pending => (t.sending, "lp-entry__delivery"),
        Delivery::Sent => (t.sent, "lp-entry__delivery lp-entry__delivery--sent"),
        Delivery::Delivered => (
            t.delivered,
            "lp-entry__delivery lp-entry__delivery--delivered",
        ),
        Delivery::Read => (t.read, "lp-entry__delivery lp-entry__delivery--read"),
        Delivery::Failed => (t.not_delivered, "lp-entry__delivery"),
    }
}

/// A shared picture: the picture itself (a link to it) once its address is known, else its preview.
fn picture(doc: &web_sys::Document, li: &Dom, f: &FileView, caption: &str) -> Option<()> {
    let holder = add(doc, li, "div", "lp-file")?;
    let parent = match &f.url {
        Some(url) => {
            let a = add(doc, &holder, "a", "lp-file__link")?;
            link(&a, url);
            let label = fill(crate::i18n::t().open_picture, &[caption]);
            set(&a, &[("aria-label", &label)]);
            a
        }
        None => holder,
    };
    let src = f.url.as_ref().or(f.preview.as_ref())?;
    add_image(doc, &parent, "lp-file__image", src, "")?;
    Some(())
}

fn entry(doc: &web_sys::Document, ol: &Dom, e: &EntryView) -> Option<Dom> {
    let t = crate::i18n::t();
    let author = e.author.as_str();
    let mut class = format!("lp-entry lp-entry--{author}");
    if e.delivery == Some(Delivery::Failed) {
        class.push_str(" lp-entry--failed");
    }
    if e.card.is_some() {
        class.push_str(" lp-entry--card");
    }
    let li = add(doc, ol, "li", &class)?;
    set(&li, &[("data-author", author)]);
    let who = match e.author {
        Author::Consumer => t.you,
        Author::Agent => t.agent,
        Author::System => "",
    };
    if !who.is_empty() {
        add_text(doc, &li, "span", "lp-visually-hidden", &format!("{who}: "))?;
    }
    let text = add_text(doc, &li, "span", "lp-entry__text", &e.text)?;
    set(&text, &[("dir", "auto")]);
    if let Some(c) = &e.card {
        card(doc, &li, c, e.key);
    }
    if let Some(f) = &e.file {
        picture(doc, &li, f, &e.text);
    }
    let meta = add(doc, &li, "span", "lp-entry__meta")?;
    if let Some(ts) = e.timestamp {
        add_text(doc, &meta, "time", "lp-entry__time", &format::time(ts))?;
    }
    if let Some(d) = e.delivery {
        let (label, class) = delivery(d);
        let span = add_text(doc, &meta, "span", class, label)?;
        if d == Delivery::Failed {
            let _ = span.append_with_str_1(" ");
            let retry = add_text(doc, &span, "button", "lp-entry__retry", t.retry)?;
            set(
                &retry,
                &[("type", "button"), ("data-retry", &e.key.to_string())],
            );
        }
    }
    Some(li)
}

fn build(doc: &web_sys::Document, ol: &Dom, row: &Row) -> Option<Dom> {
    match row {
        Row::Day(_, day) => {
            let li = add(doc, ol, "li", "lp-day")?;
            set(&li, &[("data-author", "day")]);
            add_text(doc, &li, "span", "", day)?;
            Some(li)
        }
        Row::Entry(e) => entry(doc, ol, e),
    }
}

/// Makes `ol` show `rows` in order: rows already shown (same key) are kept and moved into place,
/// new ones built, the rest removed.
pub fn reconcile(doc: &web_sys::Document, ol: &Dom, rows: &[Row], shown: &mut Vec<(RowKey, Dom)>) {
    let mut old: BTreeMap<RowKey, Dom> = shown.drain(..).collect();
    let mut cursor = ol.first_element_child();
    for row in rows {
        let key = row.key();
        let Some(el) = old.remove(&key).or_else(|| build(doc, ol, row)) else {
            continue;
        };
        if cursor.as_ref() == Some(&el) {
            cursor = el.next_element_sibling();
        } else {
            let before: Option<&web_sys::Node> = cursor.as_ref().map(|c| c.as_ref());
            let _ = ol.insert_before(&el, before);
        }
        shown.push((key, el));
    }
    for el in old.into_values() {
        el.remove();
    }
}
