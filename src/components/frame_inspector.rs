use crate::format;
use leptos::prelude::*;
use lpchat_core::{frames_as_json, Direction, FrameView, Intent, ViewModel};

fn row(f: FrameView) -> impl IntoView {
    let arrow = match f.direction {
        Direction::Sent => "→",
        Direction::Received => "←",
    };
    let direction = match f.direction {
        Direction::Sent => "sent",
        Direction::Received => "received",
    };
    let mut summary = format!("{arrow} {} ms  {}", f.at_ms, f.type_name);
    if let Some(id) = &f.req_id {
        summary.push_str(&format!("  #{id}"));
    }
    if let Some(rtt) = f.round_trip_ms {
        summary.push_str(&format!("  ({rtt} ms)"));
    }
    view! {
        <li class="lp-frame" data-direction=direction>
            <details>
                <summary>{summary}</summary>
                                <pre class="lp-frame__json">{format::pretty_json(&f.json)}</pre>
            </details>
        </li>
    }
}

/// The frame inspector: every frame sent and received (token redacted), filterable by type and
/// copyable as JSON. Off by default; the "Frames" button opens it.
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
    let visible = move || {
        let needle = filter.get().to_ascii_lowercase();
        view.with(|v| {
            v.frames
                .iter()
                .filter(|f| f.type_name.to_ascii_lowercase().contains(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let copy = move |_| {
        let text = format::pretty_json(&frames_as_json(&visible()));
        if let Some(window) = web_sys::window() {
            // The promise's outcome is not needed: nothing depends on the clipboard.
            let _ = window.navigator().clipboard().write_text(&text);
        }
    };
    view! {
        <div class="lp-inspector">
            <button type="button" class="lp-button lp-inspector__toggle" aria-pressed=move || shown().to_string()
                on:click=move |_| dispatch.run(Intent::ShowFrames(!shown()))>{t.frames}</button>
                        {move || opened.get().then(|| view! {
                <section class="lp-inspector__panel" aria-label=t.frames>
                    <div class="lp-inspector__tools">
                        <label class="lp-field">
                            <span>{t.filter_frames}</span>
                            <input type="search" prop:value=filter on:input:target=move |ev| filter.set(ev.target().value()) />
                        </label>
                        <button type="button" class="lp-button" on:click=copy>{t.copy_json}</button>
                    </div>
                                                                <h2 class="lp-inspector__heading">{t.timeline}</h2>
                        <ol class="lp-timeline">
                            {move || {
                                view.with(|v| {
                                    let total = v.timeline.last().map_or(1, |(_, t)| (*t).max(1));
                                    v.timeline
                                        .iter()
                                        .map(|(name, at)| {
                                            let (name, at) = (*name, *at);
                                            view! {
                                                <li class="lp-timeline__step">
                                                    <span class="lp-timeline__name">{name}</span>
                                                    <progress max=total.to_string() value=at.to_string()></progress>
                                                    <span class="lp-timeline__at">{format!("{at} ms")}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()
                                })
                            }}
                                                </ol>
                    <ol class="lp-inspector__list">
                        <For each=visible key=|f| (f.key, f.answered_by) children=row />
                    </ol>
                </section>
            })}
        </div>
    }
}
