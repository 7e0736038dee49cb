use super::{not, ActionButton};
use crate::chat::use_chat;
use leptos::prelude::*;
use lpchat_core::{text::fill, Intent};

/// The satisfaction rating after a conversation (where the page asks for it): whether the question
/// was answered, then one of five stars, which sends it; or "No, thanks".
#[component]
pub fn Rating(
    /// The rating is offered.
    #[prop(into)]
    shown: Signal<bool>,
) -> impl IntoView {
    let chat = use_chat();
    let t = crate::i18n::t();
    let resolved = RwSignal::new(false);
    let star = move |stars: u8| {
        view! {
            <button
                type="button"
                class="lp-rating__star"
                aria-label=fill(t.rate_stars, &[&stars.to_string()])
                on:click=move |_| {
                    chat.run(Intent::Rate {
                        stars,
                        resolved: resolved.get_untracked(),
                    })
                }
            >
                "★"
            </button>
        }
    };
    view! {
        <section class="lp-rating" aria-label=t.rate_prompt hidden=not(shown)>
            <p class="lp-rating__prompt">{t.rate_prompt}</p>
            <label class="lp-rating__resolved">
                <input
                    type="checkbox"
                    prop:checked=resolved
                    on:change:target=move |ev| resolved.set(ev.target().checked())
                />
                {t.rate_resolved}
            </label>
            <div class="lp-rating__stars" role="group" aria-label=t.rate_prompt>
                {(1..=5).map(star).collect_view()}
            </div>
            <ActionButton
                class="lp-button lp-button--quiet"
                label=t.rate_skip
                shown=shown
                intent=Intent::SkipRating
            />
        </section>
    }
}
