//! Sending: Connect with what was typed, Enter, the conversation's buttons, Retry, the
//! composer's limit and the rating.

use super::*;

/// Connect as the form sends it (no brand token: the form has no field for one).
fn connect(account: &str, csds: Option<&str>, connector: Option<&str>) -> Intent {
    Intent::Connect {
        account: account.into(),
        csds: csds.map(Into::into),
        auth_code: None,
        connector: connector.map(Into::into),
    }
}

#[wasm_bindgen_test]
async fn connect_sends_the_typed_account_and_the_configured_domain_api() {
    let m = mount(not_connected(), "123", "http://127.0.0.1:8787");
    tick().await;
    let account: HtmlInputElement = m.one("input[name=account]").unchecked_into();
    assert_eq!(account.value(), "123", "prefilled from ?account=");
    account.set_value("12345678");
    changed(&account);
    m.button("Connect").click();
    tick().await;
    assert_eq!(
        m.intents(),
        vec![connect("12345678", Some("http://127.0.0.1:8787"), None)]
    );
    let csds: HtmlInputElement = m.one("input[name=csds]").unchecked_into();
    csds.set_value("  ");
    changed(&csds);
    m.button("Connect").click();
    tick().await;
    assert_eq!(
        m.intents(),
        vec![connect("12345678", None, None)],
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
        vec![connect("12345678", None, Some(" 42 "))],
        "the connector typed under Settings goes with Connect (the core trims and checks it)"
    );
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
