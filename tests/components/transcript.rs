//! The transcript: authors, network text as text, pictures, cards, quick replies, typing, new
//! messages and past conversations.

use super::*;

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
