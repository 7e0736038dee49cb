use leptos::prelude::*;
use lpchat_core::{text::fill, AgentView};

/// Who the conversation is with: the agent's picture (its initials show through until it loads, or
/// if it cannot) and nickname.
#[component]
pub fn AgentBar(
    /// The assigned agent, once there is one.
    #[prop(into)]
    agent: Signal<Option<AgentView>>,
) -> impl IntoView {
    let t = crate::i18n::t();
    move || {
        agent.get().map(|a| {
            view! {
                <div class="lp-agent">
                    <span class="lp-agent__avatar" aria-hidden="true">
                        {a.initials}
                        {a
                            .picture
                            .map(|src| {
                                view! { <img src=src alt="" referrerpolicy="no-referrer" /> }
                            })}
                    </span>
                    <span dir="auto">{fill(t.chatting_with, &[&a.name])}</span>
                </div>
            }
        })
    }
}
