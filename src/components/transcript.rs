use super::entries::{reconcile, rows, RowKey};
use leptos::prelude::*;
use lpchat_core::{text::fill, Intent, ViewModel};
use wasm_bindgen::JsCast;

/// What a click in the log asks for: Retry on a failed message, or a card's button.
fn pressed(ev: &web_sys::MouseEvent) -> Option<Intent> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let attribute = |selector: &str, name: &str| -> Option<u64> {
        target
            .closest(selector)
            .ok()??
            .get_attribute(name)?
            .parse()
            .ok()
    };
    if let Some(key) = attribute("[data-retry]", "data-retry") {
        return Some(Intent::Retry(key));
    }
    let action = attribute("[data-action]", "data-action")?;
    let entry = attribute("[data-entry]", "data-entry")?;
    Some(Intent::CardAction {
        entry,
        action: action as usize,
    })
}

/// The conversation: a live log of entries, each marked with its author, then the agent's typing,
/// the quick replies and, when the user has scrolled up, "New messages". Text is rendered as text.
/// The view follows new entries only while it is at its bottom.
#[component]
pub fn Transcript(
    /// What to show.
    view: Signal<ViewModel>,
    /// Where intents go (Retry, card buttons, quick replies, reading).
    dispatch: Callback<Intent>,
) -> impl IntoView {
    // Memos: each part is made again only when its own value changes (focus stays on its button).
    let earlier = Memo::new(move |_| view.with(|v| v.earlier));
    let t = crate::i18n::t();
    let has_earlier = Memo::new(move |_| earlier.get() > 0);
    let unread = Memo::new(move |_| view.with(|v| v.unread));
    let has_unread = Memo::new(move |_| unread.get() > 0);
    let typing = Memo::new(move |_| view.with(|v| v.agent_typing));
    // Off while a replayed history goes in, so a screen reader reads only new messages.
    let live = Memo::new(move |_| {
        if view.with(|v| v.announce) {
            "polite"
        } else {
            "off"
        }
    });
    let scroller = NodeRef::<leptos::html::Div>::new();
    let list = NodeRef::<leptos::html::Ol>::new();
    let shown = StoredValue::new_local(Vec::<(RowKey, web_sys::Element)>::new());
    // The rows follow the view model (see `entries`).
    Effect::new(move |_| {
        let Some(ol) = list.get() else { return };
        let Some(doc) = ol.owner_document() else {
            return;
        };
        view.with(|v| {
            shown.update_value(|shown| reconcile(&doc, &ol, &rows(&v.transcript), shown))
        });
    });
    let at_bottom = StoredValue::new(true);
    let to_bottom = move || {
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(el.scroll_height());
        }
    };
    let on_scroll = move |_| {
        if let Some(el) = scroller.get_untracked() {
            let bottom = el.scroll_height() - el.scroll_top() - el.client_height() <= 32;
            if bottom != at_bottom.get_value() {
                at_bottom.set_value(bottom);
                dispatch.run(Intent::AtBottom(bottom));
            }
        }
    };
    // After anything new is rendered: stay at the bottom if that is where the user was.
    Effect::new(move |_| {
        view.with(|v| {
            (
                v.transcript.last().map(|e| (e.key, e.delivery)),
                v.agent_typing,
                v.quick_replies.len(),
            )
        });
        if at_bottom.get_value() {
            request_animation_frame(to_bottom);
        }
    });
    view! {
        <div class="lp-scroll" node_ref=scroller on:scroll=on_scroll>
                                    {move || has_earlier.get().then(|| view! {
                <button type="button" class="lp-button lp-earlier" on:click=move |_| dispatch.run(Intent::ShowEarlier)>
                    {move || fill(t.show_earlier, &[&earlier.get().to_string()])}
                </button>
            })}
                        // The log is a wrapper, so the list keeps its list semantics for its items.
            <div class="lp-log" role="log" aria-live=live aria-label=t.conversation>
            <ol class="lp-transcript" node_ref=list on:click=move |ev| {
                if let Some(intent) = pressed(&ev) {
                    dispatch.run(intent);
                }
            }></ol>
            </div>
            <p class="lp-typing" role="status">{move || if typing.get() { t.agent_typing } else { "" }}</p>
            <QuickReplies view=view dispatch=dispatch />
                                    {move || has_unread.get().then(|| view! {
                <button type="button" class="lp-button lp-button--primary lp-new"
                    on:click=move |_| to_bottom()>
                    {move || fill(t.new_messages, &[&unread.get().to_string()])}
                </button>
            })}
        </div>
    }
}

/// The quick replies offered with the newest message: buttons, or links where the reply opens a URL.
#[component]
fn QuickReplies(view: Signal<ViewModel>, dispatch: Callback<Intent>) -> impl IntoView {
    view! {
                <div class="lp-replies" role="group" aria-label=crate::i18n::t().quick_replies>
            {move || view.with(|v| {
                v.quick_replies
                    .iter()
                    .cloned()
                    .enumerate()
                    .map(|(i, r)| match r.link {
                        Some(url) => view! {
                            <a class="lp-reply" href=url target="_blank" rel="noopener noreferrer nofollow" dir="auto">{r.title}</a>
                        }.into_any(),
                        None => view! {
                            <button type="button" class="lp-reply" dir="auto" disabled=r.inert
                                on:click=move |_| dispatch.run(Intent::QuickReply(i))>{r.title}</button>
                        }.into_any(),
                    })
                    .collect_view()
            })}
        </div>
    }
}
