//! The frame inspector: every frame sent and received (token redacted), filterable by type and
//! copyable as JSON, with the connection's timeline. Off by default; the "Frames" button opens it.
//!
//! The two lists are built with DOM calls while the panel is open, again only when a frame arrives or
//! the filter changes; a keyed `view!` list cost the bundle 8 KB more (docs/DECISIONS.md).

use super::dom::{add, add_text, Dom};
use crate::format;
use leptos::prelude::*;
use lpchat_core::{frames_as_json, Direction, FrameView, Intent, ViewModel};

fn summary(f: &FrameView) -> String {
    let arrow = match f.direction {
        Direction::Sent => "→",
        Direction::Received => "←",
    };
    let mut s = format!("{arrow} {} ms  {}", f.at_ms, f.type_name);
    if let Some(id) = &f.req_id {
        s.push_str(&format!("  #{id}"));
    }
    if let Some(rtt) = f.round_trip_ms {
        s.push_str(&format!("  ({rtt} ms)"));
    }
    s
}

/// The frames whose type contains `needle` (lower case).
fn matching<'a>(v: &'a ViewModel, needle: &'a str) -> impl Iterator<Item = &'a FrameView> {
    v.frames
        .iter()
        .filter(move |f| f.type_name.to_ascii_lowercase().contains(needle))
}

/// One `<li>` per frame; the frames whose details were open stay open.
fn frames<'a>(
    doc: &web_sys::Document,
    list: &Dom,
    frames: impl Iterator<Item = &'a FrameView>,
) -> Option<()> {
    let mut open = Vec::new();
    let mut item = list.first_element_child();
    while let Some(li) = item {
        if let Some(d) = li.first_element_child().filter(|d| d.has_attribute("open")) {
            open.extend(d.get_attribute("data-key"));
        }
        item = li.next_element_sibling();
    }
    list.set_text_content(None);
    for f in frames {
        let li = add(doc, list, "li", "lp-frame")?;
        let direction = match f.direction {
            Direction::Sent => "sent",
            Direction::Received => "received",
        };
        let _ = li.set_attribute("data-direction", direction);
        let details = add(doc, &li, "details", "")?;
        let key = f.key.to_string();
        if open.contains(&key) {
            let _ = details.set_attribute("open", "");
        }
        let _ = details.set_attribute("data-key", &key);
        add_text(doc, &details, "summary", "", &summary(f))?;
        add_text(
            doc,
            &details,
            "pre",
            "lp-frame__json",
            &format::pretty_json(&f.json),
        )?;
    }
    Some(())
}

/// One `<li>` per connection step, with a bar showing when it happened.
fn timeline(doc: &web_sys::Document, list: &Dom, steps: &[(&'static str, u64)]) -> Option<()> {
    list.set_text_content(None);
    let total = steps.last().map_or(1, |(_, t)| (*t).max(1)).to_string();
    for (name, at) in steps {
        let li = add(doc, list, "li", "lp-timeline__step")?;
        add_text(doc, &li, "span", "lp-timeline__name", name)?;
        let bar = add(doc, &li, "progress", "")?;
        let _ = bar.set_attribute("max", &total);
        let _ = bar.set_attribute("value", &at.to_string());
        add_text(doc, &li, "span", "lp-timeline__at", &format!("{at} ms"))?;
    }
    Some(())
}

/// What the lists show: rebuilt only when this changes.
type Shown = (usize, Option<u64>, Option<u64>, usize, String);

#[component]
pub fn FrameInspector(
    /// What to show.
    view: Signal<ViewModel>,
    /// Where intents go (opening and closing).
    dispatch: Callback<Intent>,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let t = crate::i18n::t();
    let shown = move || view.with(|v| v.frames_shown);
    // A memo: the panel is made when it opens, not again on every update.
    let opened = Memo::new(move |_| shown());

    let copy = move |_| {
        let needle = filter.get_untracked().to_ascii_lowercase();
        let text =
            format::pretty_json(&view.with_untracked(|v| frames_as_json(matching(v, &needle))));
        if let Some(window) = web_sys::window() {
            // The promise's outcome is not needed: nothing depends on the clipboard.
            let _ = window.navigator().clipboard().write_text(&text);
        }
    };
    let panel = move || {
        let steps = NodeRef::<leptos::html::Ol>::new();
        let list = NodeRef::<leptos::html::Ol>::new();
        Effect::new(move |before: Option<Shown>| {
            let (Some(steps), Some(list)) = (steps.get(), list.get()) else {
                return before.unwrap_or_default();
            };
            let needle = filter.get().to_ascii_lowercase();
            view.with(|v| {
                let now: Shown = (
                    v.frames.len(),
                    v.frames.first().map(|f| f.key),
                    v.frames.last().map(|f| f.key),
                    v.timeline.len(),
                    needle.clone(),
                );
                if before.as_ref() != Some(&now) {
                    if let Some(doc) = steps.owner_document() {
                        timeline(&doc, &steps, &v.timeline);
                        frames(&doc, &list, matching(v, &needle));
                    }
                }
                now
            })
        });
        view! {
            <section class="lp-inspector__panel" aria-label=t.frames>
                <div class="lp-inspector__tools">
                    <label class="lp-field">
                        <span>{t.filter_frames}</span>
                        <input type="search" prop:value=filter on:input:target=move |ev| filter.set(ev.target().value()) />
                    </label>
                    <button type="button" class="lp-button" on:click=copy>{t.copy_json}</button>
                </div>
                <h2 class="lp-inspector__heading">{t.timeline}</h2>
                <ol class="lp-timeline" node_ref=steps></ol>
                <ol class="lp-inspector__list" node_ref=list></ol>
            </section>
        }
    };
    view! {
        <div class="lp-inspector">
            <button type="button" class="lp-button lp-inspector__toggle" aria-pressed=move || shown().to_string()
                on:click=move |_| dispatch.run(Intent::ShowFrames(!shown()))>{t.frames}</button>
            {move || opened.get().then(panel)}
        </div>
    }
}
