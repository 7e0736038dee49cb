//! The frame inspector: every frame sent and received (token redacted), filterable by type and
//! copyable as JSON, with the connection's timeline. Off by default; the menu's "Frames" opens it.

use super::not;
use crate::format;
use leptos::prelude::*;
use lpchat_core::{frames_as_json, Direction, FrameView};

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

/// The frames whose type contains `needle` (any case).
fn matching(frames: &[FrameView], needle: &str) -> Vec<FrameView> {
    let needle = needle.to_ascii_lowercase();
    frames
        .iter()
        .filter(|f| f.type_name.to_ascii_lowercase().contains(&needle))
        .cloned()
        .collect()
}

/// The panel, on screen while the menu's "Frames" is pressed (its filter is kept while it is closed).
#[component]
pub fn FrameInspector(
    /// The panel is open.
    #[prop(into)]
    shown: Signal<bool>,
    /// Frames sent and received, oldest first (only while open).
    #[prop(into)]
    frames: Signal<Vec<FrameView>>,
    /// The connection's steps, ms after Connect (only while open).
    #[prop(into)]
    timeline: Signal<Vec<(&'static str, u64)>>,
) -> impl IntoView {
    view! {
        <div class="lp-inspector" hidden=not(shown)>
            <Panel frames=frames timeline=timeline />
        </div>
    }
}

#[component]
fn Panel(
    frames: Signal<Vec<FrameView>>,
    timeline: Signal<Vec<(&'static str, u64)>>,
) -> impl IntoView {
    let t = crate::i18n::t();
    let filter = RwSignal::new(String::new());
    let listed = Memo::new(move |_| frames.with(|f| matching(f, &filter.get())));
    let copy = move |_| {
        let text = format::pretty_json(&listed.with_untracked(|f| frames_as_json(f.iter())));
        if let Some(window) = web_sys::window() {
            // The promise's outcome is not needed: nothing depends on the clipboard.
            let _ = window.navigator().clipboard().write_text(&text);
        }
    };
    let steps = move || {
        timeline.with(|steps| {
            let total = steps.last().map_or(1, |(_, at)| (*at).max(1));
            steps
                .iter()
                .map(|(name, at)| (*name, *at, total))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="lp-inspector__panel" aria-label=t.frames>
            <div class="lp-inspector__tools">
                <label class="lp-field">
                    <span>{t.filter_frames}</span>
                    <input
                        type="search"
                        prop:value=filter
                        on:input:target=move |ev| filter.set(ev.target().value())
                    />
                </label>
                <button type="button" class="lp-button" on:click=copy>
                    {t.copy_json}
                </button>
            </div>
            <h2 class="lp-inspector__heading">{t.timeline}</h2>
            <ol class="lp-timeline">
                {move || {
                    steps()
                        .into_iter()
                        .map(|(name, at, total)| {
                            view! {
                                <li class="lp-timeline__step">
                                    <span class="lp-timeline__name">{name}</span>
                                    <progress max=total.to_string() value=at.to_string()></progress>
                                    <span class="lp-timeline__at">{format!("{at} ms")}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <ol class="lp-inspector__list">
                <For each=move || listed.get() key=|f| f.key let:frame>
                    <li
                        class="lp-frame"
                        data-direction=match frame.direction {
                            Direction::Sent => "sent",
                            Direction::Received => "received",
                        }
                    >
                        <details>
                            <summary>{summary(&frame)}</summary>
                            <pre class="lp-frame__json">{format::pretty_json(&frame.json)}</pre>
                        </details>
                    </li>
                </For>
            </ol>
        </section>
    }
}
