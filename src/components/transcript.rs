use leptos::prelude::*;
use lpchat_core::{Delivery, EntryView, Intent, ViewModel};

fn delivery_label(d: Option<Delivery>) -> &'static str {
    match d {
        Some(Delivery::Pending) => "Sending…",
        Some(Delivery::Sent) => "Sent",
        Some(Delivery::Failed) => "Not delivered",
        None => "",
    }
}

fn entry(e: EntryView, dispatch: Callback<Intent>) -> impl IntoView {
    let delivery = delivery_label(e.delivery);
    let failed = e.delivery == Some(Delivery::Failed);
    let key = e.key;
    view! {
        <li class=format!("lp-entry lp-entry--{}", e.author.as_str()) data-author=e.author.as_str()
            class:lp-entry--failed=failed>
            <span class="lp-entry__text">{e.text}</span>
            <Show when=move || !delivery.is_empty()>
                <span class="lp-entry__delivery">
                    {delivery}
                    <Show when=move || failed>
                        " "
                        <button type="button" class="lp-entry__retry"
                            on:click=move |_| dispatch.run(Intent::Retry(key))>"Retry"</button>
                    </Show>
                </span>
            </Show>
        </li>
    }
}

/// The conversation: a live log of entries, each marked with its author. Text is rendered as text.
#[component]
pub fn Transcript(
    /// What to show.
    view: Signal<ViewModel>,
    /// Where intents go (Retry on a failed message).
    dispatch: Callback<Intent>,
) -> impl IntoView {
    let earlier = move || view.with(|v| v.earlier);
    view! {
        <div class="lp-scroll">
        <Show when=move || { earlier() > 0 }>
            <button type="button" class="lp-earlier" on:click=move |_| dispatch.run(Intent::ShowEarlier)>
                "Show earlier messages (" {earlier} ")"
            </button>
        </Show>
        <ol class="lp-transcript" role="log" aria-live="polite" aria-label="Conversation">
            <For
                each=move || view.with(|v| v.transcript.clone())
                key=|e| (e.key, e.delivery)
                children=move |e| entry(e, dispatch)
            />
                </ol>
        </div>
    }
}
