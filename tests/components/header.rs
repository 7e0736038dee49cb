//! The header and what hangs off it: the status, the alert, the agent, the menu, notifications,
//! and Escape closing what is open.

use super::*;

#[wasm_bindgen_test]
async fn status_alert_and_buttons_follow_the_view_model() {
    let m = mount(not_connected(), "", "");
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
async fn the_header_names_the_agent_and_its_menu_offers_what_works_now() {
    let m = mount(not_connected(), "", "");
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
    let m = mount(not_connected(), "", "");
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
