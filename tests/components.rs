//! Component tests in headless Chromium: the chat renders a fixed view model faithfully and turns
//! user actions into intents. Run by `./scripts/test` (cargo + wasm-bindgen-test-runner) or
//! `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*, task::tick};
use lpchat::{
    chat::{provide_chat, Chat},
    components::ChatView,
};
use lpchat_core::{AgentView, Author, Delivery, EntryView, Intent, Presence, ViewModel};
use std::sync::{Arc, Mutex};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    host: HtmlElement,
    view: RwSignal<ViewModel>,
    intents: Arc<Mutex<Vec<Intent>>>,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.host.remove();
    }
}

fn mount(vm: ViewModel, account: &str, csds: &str) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let view = RwSignal::new(vm);
    let intents = Arc::new(Mutex::new(Vec::new()));
    let recorder = intents.clone();
    let dispatch = Callback::new(move |i: Intent| recorder.lock().unwrap().push(i));
    let (account, csds) = (account.to_owned(), csds.to_owned());
    let handle = mount_to(host.clone(), move || {
        provide_chat(Chat::new(view.into(), dispatch, Callback::new(|_| {})));
        view! { <ChatView initial_account=account.clone() initial_csds=csds.clone() /> }.into_any()
    });
    Mounted {
        host,
        view,
        intents,
        _handle: handle,
    }
}

impl Mounted {
    fn all(&self, css: &str) -> Vec<Element> {
        let list = self.host.query_selector_all(css).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    }

    fn one(&self, css: &str) -> Element {
        self.host
            .query_selector(css)
            .unwrap()
            .unwrap_or_else(|| panic!("no {css}"))
    }

    fn button(&self, name: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            // The accessible name: aria-label when present, else the text.
            .find(|b| {
                b.get_attribute("aria-label")
                    .unwrap_or_else(|| b.text_content().unwrap_or_default())
                    .trim()
                    == name
            })
            .unwrap_or_else(|| panic!("no button {name:?}"))
            .unchecked_into()
    }

    fn disabled(&self, name: &str) -> bool {
        self.button(name).has_attribute("disabled")
    }

    /// Whether a button of that name is on the page and not hidden.
    fn offered(&self, name: &str) -> bool {
        self.all("button").iter().any(|b| {
            b.closest("[hidden]").ok().flatten().is_none()
                && b.get_attribute("aria-label")
                    .unwrap_or_else(|| b.text_content().unwrap_or_default())
                    .trim()
                    == name
        })
    }

    fn intents(&self) -> Vec<Intent> {
        std::mem::take(&mut *self.intents.lock().unwrap())
    }
}

fn entry(key: u64, author: Author, text: &str, delivery: Option<Delivery>) -> EntryView {
    EntryView {
        key,
        author,
        text: text.into(),
        delivery,
        timestamp: None,
        card: None,
        file: None,
    }
}

fn connected_view() -> ViewModel {
    ViewModel {
        status: "Conversation open".into(),
        presence: Presence::Online,
        folded: true,
        can_download: true,
        can_disconnect: true,
        can_send: true,
        can_end_conversation: true,
        announce: true,
        transcript: vec![
            entry(1, Author::System, "Conversation started", None),
            entry(
                2,
                Author::Consumer,
                "My first message",
                Some(Delivery::Sent),
            ),
            entry(
                3,
                Author::Agent,
                "<b>bold</b> <img src=x onerror=alert(1)>",
                None,
            ),
        ],
        ..ViewModel::default()
    }
}

#[wasm_bindgen_test]
async fn the_transcript_marks_authors_and_renders_network_text_as_text() {
    let m = mount(connected_view(), "", "");
    tick().await;
    let items = m.all("[role=log] li");
    let authors: Vec<String> = items
        .iter()
        .map(|li| li.get_attribute("data-author").unwrap())
        .collect();
    assert_eq!(authors, ["system", "consumer", "agent"]);
    assert_eq!(
        m.one("[role=log]").get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    let agent = &items[2];
    assert!(agent
        .text_content()
        .unwrap()
        .contains("<b>bold</b> <img src=x onerror=alert(1)>"));
    assert!(
        agent.query_selector("b").unwrap().is_none(),
        "no element was created from the text"
    );
    assert!(agent.query_selector("img").unwrap().is_none());
    assert!(items[1].text_content().unwrap().contains("Sent"));
    // While a replayed history goes in, the log does not announce.
    m.view.update(|v| v.announce = false);
    tick().await;
    assert_eq!(
        m.one("[role=log]").get_attribute("aria-live").as_deref(),
        Some("off")
    );
}

#[wasm_bindgen_test]
async fn pictures_show_their_preview_then_themselves_and_the_agent_has_a_face() {
    const PREVIEW: &str = "data:image/png;base64,iVBORw0KGgo=";
    let mut vm = connected_view();
    let mut picture = entry(4, Author::Agent, "Our <b>map</b>", None);
    picture.file = Some(lpchat_core::FileView {
        preview: Some(PREVIEW.into()),
        url: None,
    });
    vm.transcript.push(picture);
    vm.agent = Some(lpchat_core::AgentView {
        name: "Nir L.".into(),
        initials: "NL".into(),
        picture: None,
    });
    vm.can_attach = true;
    let m = mount(vm, "", "");
    tick().await;
    let img = m.one(".lp-entry--agent .lp-file__image");
    assert_eq!(img.get_attribute("src").as_deref(), Some(PREVIEW));
    assert!(m.all(".lp-file__link").is_empty(), "no link before the URL");
    assert!(m
        .all(".lp-entry--agent")
        .last()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .contains("Our <b>map</b>"));
    let row = m.one(".lp-entry--agent .lp-file");
    m.view.update(|v| {
        if let Some(f) = v.transcript.last_mut().and_then(|e| e.file.as_mut()) {
            f.url = Some("https://swift.example/v1/a.png?temp_url_sig=s".into());
        }
    });
    tick().await;
    let link = m.one(".lp-file__link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://swift.example/v1/a.png?temp_url_sig=s")
    );
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer nofollow")
    );
    assert_eq!(
        link.get_attribute("aria-label").as_deref(),
        Some("Open the picture Our <b>map</b>")
    );
    assert_eq!(
        m.all(".lp-file__image").len(),
        1,
        "the row was made again, not added to"
    );
    assert!(!row.is_connected(), "the old row is gone");
    let agent = m.one(".lp-agent");
    assert_eq!(
        agent.text_content().as_deref(),
        Some("NLChatting with Nir L.")
    );
    assert!(
        agent.query_selector("img:not([hidden])").unwrap().is_none(),
        "initials without a picture"
    );
    let attach: HtmlElement = m.one("input[type=file]").unchecked_into();
    assert!(!attach.has_attribute("disabled"));
    assert_eq!(
        attach.get_attribute("accept").as_deref(),
        Some("image/jpeg,image/png,image/gif")
    );
}

#[wasm_bindgen_test]
async fn status_alert_and_buttons_follow_the_view_model() {
    let m = mount(
        ViewModel {
            status: "Not connected".into(),
            can_connect: true,
            can_edit_account: true,
            ..Default::default()
        },
        "",
        "",
    );
    tick().await;
    assert_eq!(
        m.one("[role=status]").text_content().unwrap(),
        "Not connected"
    );
    // No failure: nothing in the region (its dismiss button is hidden with it, style/main.css).
    assert_eq!(m.one("[role=alert] span").text_content().unwrap(), "");
    assert!(!m
        .one("[role=alert]")
        .class_list()
        .contains("lp-alert--shown"));
    assert!(!m.disabled("Connect"));
    assert!(m.disabled("Send"), "Send is disabled before connecting");
    for name in ["Disconnect", "Start conversation", "End conversation"] {
        assert!(!m.offered(name), "{name} is not offered before connecting");
    }
    assert_eq!(
        m.one(".lp-dot").get_attribute("data-presence").as_deref(),
        Some("offline")
    );
    m.view.set(connected_view());
    tick().await;
    assert_eq!(
        m.one("[role=status]").text_content().unwrap(),
        "Conversation open"
    );
    assert_eq!(
        m.one(".lp-dot").get_attribute("data-presence").as_deref(),
        Some("online")
    );
    assert!(
        !m.offered("Connect") && m.all(".lp-connect:not([hidden])").is_empty(),
        "the form is folded into the header during the chat"
    );
    assert!(!m.offered("Start conversation"));
    assert!(!m.disabled("Send") && !m.disabled("End conversation") && !m.disabled("Disconnect"));
    m.view.update(|v| v.alert = Some("Looking up the account: the server had a problem (HTTP 500). Press Connect to try again.".into()));
    tick().await;
    assert!(m
        .one("[role=alert]")
        .text_content()
        .unwrap()
        .contains("HTTP 500"));
    m.button("Dismiss").click();
    assert_eq!(m.intents(), vec![Intent::DismissAlert]);
}

#[wasm_bindgen_test]
async fn connect_sends_the_typed_account_and_the_configured_domain_api() {
    let m = mount(
        ViewModel {
            can_connect: true,
            can_edit_account: true,
            ..Default::default()
        },
        "123",
        "http://127.0.0.1:8787",
    );
    tick().await;
    let account: HtmlInputElement = m.one("input[name=account]").unchecked_into();
    assert_eq!(account.value(), "123", "prefilled from ?account=");
    account.set_value("12345678");
    changed(&account);
    m.button("Connect").click();
    tick().await;
    assert_eq!(
        m.intents(),
        vec![Intent::Connect {
            account: "12345678".into(),
            csds: Some("http://127.0.0.1:8787".into()),
            auth_code: None,
            connector: None
        }]
    );
    let csds: HtmlInputElement = m.one("input[name=csds]").unchecked_into();
    csds.set_value("  ");
    changed(&csds);
    m.button("Connect").click();
    tick().await;
    assert_eq!(
        m.intents(),
        vec![Intent::Connect {
            account: "12345678".into(),
            csds: None,
            auth_code: None,
            connector: None
        }],
        "blank means LivePerson's"
    );
    let connector: HtmlInputElement = m.one("input[name=connector]").unchecked_into();
    assert_eq!(
        connector.get_attribute("inputmode").as_deref(),
        Some("numeric")
    );
    connector.set_value(" 42 ");
    changed(&connector);
    m.button("Connect").click();
    tick().await;
    assert_eq!(
        m.intents(),
        vec![Intent::Connect {
            account: "12345678".into(),
            csds: None,
            auth_code: None,
            connector: Some(" 42 ".into())
        }],
        "the connector typed under Settings goes with Connect (the core trims and checks it)"
    );
}

/// Tells the page the user changed `field` (its value set just before), as typing does.
fn changed(field: &web_sys::EventTarget) {
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn key(target: &HtmlTextAreaElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn enter_sends_the_message_and_shift_enter_does_not() {
    let m = mount(connected_view(), "", "");
    tick().await;
    let label = m
        .all("label")
        .into_iter()
        .find(|l| l.text_content().unwrap().trim() == "Message")
        .expect("a Message label");
    let textarea: HtmlTextAreaElement = m
        .one(&format!("#{}", label.get_attribute("for").unwrap()))
        .unchecked_into();
    textarea.set_value("hello there");
    changed(&textarea);
    assert_eq!(m.intents(), vec![Intent::Typing], "typing is reported");
    key(&textarea, "Enter", true);
    assert_eq!(m.intents(), vec![]);
    key(&textarea, "Enter", false);
    tick().await;
    assert_eq!(m.intents(), vec![Intent::SendText("hello there".into())]);
    assert_eq!(textarea.value(), "", "the box is cleared after sending");
    key(&textarea, "Enter", false);
    assert_eq!(m.intents(), vec![], "an empty box sends nothing");
}

#[wasm_bindgen_test]
async fn conversation_buttons_dispatch_their_intents() {
    let m = mount(
        ViewModel {
            can_start_conversation: true,
            can_disconnect: true,
            ..Default::default()
        },
        "",
        "",
    );
    tick().await;
    m.button("Start conversation").click();
    m.button("Disconnect").click();
    m.view.set(connected_view());
    tick().await;
    m.button("End conversation").click();
    assert_eq!(
        m.intents(),
        vec![
            Intent::StartConversation,
            Intent::Disconnect,
            Intent::EndConversation
        ]
    );
}

#[wasm_bindgen_test]
async fn a_failed_message_offers_retry_and_a_lost_connection_offers_reconnect() {
    let mut vm = connected_view();
    vm.transcript.push(entry(
        4,
        Author::Consumer,
        "did not go",
        Some(Delivery::Failed),
    ));
    vm.can_reconnect = true;
    let m = mount(vm, "", "");
    tick().await;
    let failed = m.all("[role=log] li").pop().unwrap();
    assert!(failed.text_content().unwrap().contains("Not delivered"));
    m.button("Retry").click();
    m.button("Reconnect").click();
    assert_eq!(m.intents(), vec![Intent::Retry(4), Intent::Reconnect]);
    m.view.update(|v| v.can_reconnect = false);
    tick().await;
    assert!(!m.offered("Reconnect"), "shown only when it works");
}

#[wasm_bindgen_test]
async fn the_composer_limits_and_counts_characters_and_forget_me_dispatches() {
    let m = mount(connected_view(), "12345678", "");
    tick().await;
    let textarea: HtmlTextAreaElement = m.one("textarea").unchecked_into();
    assert_eq!(textarea.max_length(), lpchat_core::MAX_MESSAGE_CHARS as i32);
    textarea.set_value("héllo");
    changed(&textarea);
    tick().await;
    assert_eq!(
        m.one("#lp-message-count").text_content().unwrap(),
        format!("5 / {}", lpchat_core::MAX_MESSAGE_CHARS)
    );
    assert_eq!(m.intents(), vec![Intent::Typing]);
    m.button("Forget me").click();
    assert_eq!(
        m.intents(),
        vec![Intent::Forget {
            account: "12345678".into()
        }]
    );
}

fn card_entry(key: u64, content: serde_json::Value) -> EntryView {
    EntryView {
        card: lpchat_core::rich::card(&content).map(Arc::new),
        ..entry(key, Author::Agent, "", None)
    }
}

#[wasm_bindgen_test]
async fn a_card_renders_text_as_text_only_allowed_links_and_https_images() {
    let mut vm = connected_view();
    vm.transcript.push(card_entry(
        9,
        serde_json::json!({"type": "vertical", "elements": [
            {"type": "text", "text": "<img src=x onerror=alert(1)> Pick one", "style": {"bold": true, "color": "#c00"}},
            {"type": "image", "url": "https://images.example/a.png", "caption": "A product"},
            {"type": "image", "url": "http://images.example/insecure.png"},
            {"type": "image", "url": "data:image/svg+xml,<svg onload=alert(1)>"},
            {"type": "button", "title": "Buy", "click": {"actions": [{"type": "publishText", "text": "buy"}]}},
            {"type": "button", "title": "Docs", "click": {"actions": [{"type": "link", "uri": "https://docs.example/x"}]}},
            {"type": "button", "title": "Evil", "click": {"actions": [{"type": "link", "uri": "javascript:alert(1)"}]}}
        ]}),
    ));
    let m = mount(vm, "", "");
    tick().await;
    let card = m.one(".lp-card");
    assert!(card
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)> Pick one"));
    let images = m.all(".lp-card img");
    assert_eq!(images.len(), 1, "only the https image");
    assert_eq!(
        images[0].get_attribute("src").as_deref(),
        Some("https://images.example/a.png")
    );
    assert_eq!(images[0].get_attribute("alt").as_deref(), Some("A product"));
    let text: HtmlElement = m.one(".lp-card__text").unchecked_into();
    assert_eq!(
        text.style().get_property_value("color").unwrap(),
        "rgb(204, 0, 0)"
    );
    let links = m.all(".lp-card a");
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].get_attribute("href").as_deref(),
        Some("https://docs.example/x")
    );
    assert_eq!(
        links[0].get_attribute("rel").as_deref(),
        Some("noopener noreferrer nofollow")
    );
    assert!(m.disabled("Evil"), "a refused link is an inert button");
    assert!(m.all("a[href^=javascript]").is_empty());
    m.button("Buy").click();
    assert_eq!(
        m.intents(),
        [Intent::CardAction {
            entry: 9,
            action: 0
        }]
    );
}

#[wasm_bindgen_test]
async fn quick_replies_typing_and_new_messages_follow_the_view_model() {
    let mut vm = connected_view();
    vm.quick_replies = vec![
        lpchat_core::QuickReplyView {
            title: "Yes".into(),
            link: None,
            inert: false,
        },
        lpchat_core::QuickReplyView {
            title: "Help".into(),
            link: Some("https://help.example".into()),
            inert: false,
        },
    ];
    vm.agent_typing = true;
    vm.unread = 2;
    let m = mount(vm, "", "");
    tick().await;
    assert!(m
        .one(".lp-typing")
        .text_content()
        .unwrap()
        .contains("Agent is typing…"));
    assert_eq!(
        m.one(".lp-replies").get_attribute("aria-label").as_deref(),
        Some("Quick replies")
    );
    assert_eq!(
        m.one(".lp-replies a").get_attribute("href").as_deref(),
        Some("https://help.example")
    );
    m.button("New messages (2)");
    m.button("Yes").click();
    assert_eq!(m.intents(), [Intent::QuickReply(0)]);
    m.view.update(|v| {
        v.quick_replies.clear();
        v.agent_typing = false;
        v.unread = 0;
    });
    tick().await;
    assert!(m.all(".lp-reply").is_empty());
    assert!(!m
        .one(".lp-typing")
        .text_content()
        .unwrap()
        .contains("typing"));
    assert!(m.all(".lp-new:not([hidden])").is_empty());
}

#[wasm_bindgen_test]
async fn escape_closes_the_settings_and_the_frame_inspector() {
    let mut vm = connected_view();
    vm.frames_shown = true;
    let m = mount(vm, "", "");
    tick().await;
    assert!(
        m.all(".lp-settings:not([hidden])").is_empty(),
        "folded away with the form"
    );
    m.button("Settings").click();
    tick().await;
    assert!(
        m.one(".lp-settings").has_attribute("open"),
        "the menu opens Settings"
    );
    let menu: web_sys::HtmlDetailsElement = m.one(".lp-menu").unchecked_into();
    menu.set_open(true);
    let textarea: HtmlTextAreaElement = m.one("textarea").unchecked_into();
    key(&textarea, "Escape", false);
    tick().await;
    assert!(
        m.all(".lp-settings:not([hidden])").is_empty(),
        "Settings closed"
    );
    assert!(!menu.open(), "the menu closed");
    // And a past conversation is left (nothing for the session to do when none is open).
    assert_eq!(
        m.intents(),
        [Intent::ShowFrames(false), Intent::ShowPast(false)]
    );
}

#[wasm_bindgen_test]
async fn the_rating_sends_the_stars_with_the_answered_box_and_can_be_declined() {
    let m = mount(
        ViewModel {
            can_rate: true,
            ..Default::default()
        },
        "",
        "",
    );
    tick().await;
    assert_eq!(
        m.one(".lp-rating").get_attribute("aria-label").as_deref(),
        Some("How satisfied are you with this conversation?")
    );
    let answered: HtmlInputElement = m.one(".lp-rating input[type=checkbox]").unchecked_into();
    answered.set_checked(true);
    answered
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    m.button("4 of 5").click();
    m.button("No, thanks").click();
    assert_eq!(
        m.intents(),
        [
            Intent::Rate {
                stars: 4,
                resolved: true
            },
            Intent::SkipRating
        ]
    );
    m.view.update(|v| v.can_rate = false);
    tick().await;
    assert!(
        m.all(".lp-rating:not([hidden])").is_empty(),
        "shown only when offered"
    );
}

#[wasm_bindgen_test]
async fn the_header_names_the_agent_and_its_menu_offers_what_works_now() {
    let m = mount(
        ViewModel {
            status: "Not connected".into(),
            can_connect: true,
            can_edit_account: true,
            ..Default::default()
        },
        "",
        "",
    );
    tick().await;
    assert_eq!(m.one("h1").text_content().as_deref(), Some("lpchat"));
    let items = |m: &Mounted| -> Vec<String> {
        m.all(".lp-menu__item:not([hidden])")
            .iter()
            .map(|b| b.text_content().unwrap_or_default())
            .collect()
    };
    assert_eq!(items(&m), ["Frames", "Forget me"], "before connecting");
    assert!(m
        .one(".lp-settings")
        .text_content()
        .unwrap()
        .contains("Domain API"));
    let mut vm = connected_view();
    vm.agent = Some(AgentView {
        name: "Edsger".into(),
        initials: "E".into(),
        picture: None,
    });
    m.view.set(vm);
    tick().await;
    assert_eq!(m.one("h1").text_content().as_deref(), Some("Edsger"));
    assert_eq!(
        items(&m),
        [
            "End conversation",
            "Download transcript",
            "Download as JSON",
            "Frames",
            "Settings",
            "Disconnect",
            "Forget me"
        ]
    );
    let menu: web_sys::HtmlDetailsElement = m.one(".lp-menu").unchecked_into();
    menu.set_open(true);
    tick().await;
    m.button("Frames").click();
    tick().await;
    assert!(!menu.open(), "a choice closes the menu");
    assert_eq!(m.intents(), [Intent::ShowFrames(true)]);
}

#[wasm_bindgen_test]
async fn the_notifications_box_asks_for_them_and_says_when_the_browser_blocks_them() {
    let m = mount(
        ViewModel {
            can_connect: true,
            can_edit_account: true,
            ..Default::default()
        },
        "",
        "",
    );
    tick().await;
    let checkbox: HtmlInputElement = m.one("input[name=notify]").unchecked_into();
    assert!(!checkbox.checked());
    checkbox.click();
    assert_eq!(m.intents(), [Intent::Notifications(true)]);
    let blocked = |m: &Mounted| {
        m.all(".lp-settings__note:not([hidden])").iter().any(|p| {
            p.text_content()
                .unwrap_or_default()
                .contains("blocks notifications")
        })
    };
    assert!(!blocked(&m));
    m.view
        .update(|v| v.notifications = lpchat_core::Notifications::Blocked);
    tick().await;
    assert!(blocked(&m), "the refusal is said");
    assert!(!checkbox.checked());
    m.view
        .update(|v| v.notifications = lpchat_core::Notifications::On);
    tick().await;
    assert!(checkbox.checked() && !blocked(&m));
}

#[wasm_bindgen_test]
async fn past_conversations_are_listed_with_date_and_agent_and_one_is_read_with_a_way_back() {
    let past = vec![
        lpchat_core::PastView {
            id: "c2".into(),
            started: Some(1_796_173_267_000),
            agent: Some("Edsger".into()),
        },
        lpchat_core::PastView {
            id: "c1".into(),
            started: Some(1_700_000_000_000),
            agent: None,
        },
    ];
    let m = mount(
        ViewModel {
            past: past.clone(),
            ..Default::default()
        },
        "",
        "",
    );
    tick().await;
    assert!(
        m.all(".lp-past__item").is_empty(),
        "listed only once asked for"
    );
    m.view.update(|v| v.past_shown = true);
    tick().await;
    let items = m.all(".lp-past__item");
    assert_eq!(items.len(), 2);
    let first = items[0].text_content().unwrap_or_default();
    assert!(
        first.contains("2026") && first.ends_with(" · Edsger"),
        "{first}"
    );
    assert!(!items[1].text_content().unwrap_or_default().contains(" · "));
    assert_eq!(
        m.one(".lp-past").get_attribute("aria-label").as_deref(),
        Some("Past conversations")
    );
    items[1].unchecked_ref::<HtmlElement>().click();
    assert_eq!(m.intents(), [Intent::ReadPast(1)]);
    m.view.update(|v| {
        v.past_shown = false;
        v.reading = Some(0);
    });
    tick().await;
    assert!(m.all(".lp-past__item").is_empty());
    let bar = m.one(".lp-reading").text_content().unwrap_or_default();
    assert!(bar.contains(&first) && bar.contains("read only"), "{bar}");
    m.button("Back to chat").click();
    assert_eq!(m.intents(), [Intent::ShowPast(false)]);
}
