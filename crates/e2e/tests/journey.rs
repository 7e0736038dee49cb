//! User journeys: the release build, served under a sub-path, against the sandbox.

use lpchat_e2e::{eventually, World, ACCOUNT};

#[tokio::test]
async fn consumer_and_agent_hold_a_conversation() {
    let w = World::start().await;
    w.page.open(&w.app_url()).await;
    w.page.click("Connect").await;
    w.page.wait_status("Connected").await;
    assert!(
        w.page.is_enabled("Start conversation").await,
        "the explicit start stays"
    );
    // Typing to start: the first message requests the conversation and follows it, no extra click.
    w.page.send_message("My first message").await;
    w.page.wait_status("Conversation open").await;
    let conversation = eventually("the agent to receive the message", || async {
        w.control.conversations().await.into_iter().find(|c| {
            c.messages
                .iter()
                .any(|m| m.role == "CONSUMER" && m.text == "My first message")
        })
    })
    .await;
    assert_eq!(conversation.account, ACCOUNT);
    // The form is folded into the header during the chat: no Connect, no Disconnect on screen
    // (Disconnect and End conversation wait in the menu).
    assert!(
        !w.page.is_shown("Connect").await,
        "Connect is not on screen"
    );
    assert!(!w.page.is_shown("Disconnect").await, "nor Disconnect");
    let mine = w.page.wait_entry("consumer", "My first message").await;
    w.page.wait_sent("My first message").await;
    assert_eq!(mine.author, "consumer");

    assert_eq!(
        w.control
            .agent_says(&conversation.id, "Hello, how can I help?")
            .await,
        200
    );
    w.page.wait_entry("agent", "Hello, how can I help?").await;

    w.page.click("End conversation").await;
    w.page.wait_status("Conversation closed").await;
    w.page
        .wait_entry("system", "You ended the conversation")
        .await;
    let closed = w.control.conversations().await;
    assert_eq!(closed[0].state, "CLOSE");
    assert_eq!(closed[0].close_reason.as_deref(), Some("CONSUMER"));
    let consumer_entries = w
        .page
        .transcript()
        .await
        .into_iter()
        .filter(|e| e.author == "consumer")
        .count();
    assert_eq!(
        consumer_entries, 1,
        "the server's echo of my message is not shown twice"
    );
    w.stop().await;
}

#[tokio::test]
async fn the_agent_closing_the_conversation_is_shown() {
    let w = World::start().await;
    let id = w.open_conversation(&w.app_url()).await;
    assert_eq!(w.control.agent_closes(&id).await, 204);
    w.page.wait_status("Conversation closed").await;
    w.page
        .wait_entry("system", "The agent ended the conversation")
        .await;
    assert!(
        w.page.is_enabled("Start conversation").await,
        "a new conversation can be started"
    );
    assert!(w.page.is_enabled("Send").await, "or started by writing");
    w.stop().await;
}

#[tokio::test]
async fn disconnecting_and_connecting_again_continues_the_conversation_without_gaps_or_duplicates()
{
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.send_message("Before the break").await;
    w.page.wait_sent("Before the break").await;
    w.page.click("Disconnect").await;
    w.page.wait_status("Disconnected").await;
    assert_eq!(
        w.control
            .agent_says(&conversation, "Said while you were away")
            .await,
        200
    );
    w.page.click("Connect").await;
    w.page.wait_status("Conversation open").await;
    w.page.wait_entry("agent", "Said while you were away").await;
    let texts: Vec<String> = w
        .page
        .transcript()
        .await
        .into_iter()
        .filter(|e| e.author != "system")
        .map(|e| e.text)
        .collect();
    assert_eq!(
        texts,
        ["Before the break", "Said while you were away"],
        "nothing lost, nothing twice"
    );
    assert_eq!(
        w.control.conversations().await.len(),
        1,
        "no second conversation was requested"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_non_numeric_account_is_refused_before_any_request() {
    let w = World::start().await;
    w.page.open(&w.app_url()).await;
    w.page.fill("Account number", "abc").await;
    w.page.click("Connect").await;
    let alert = w.page.wait_alert("Account number").await;
    assert!(alert.contains("digits"), "{alert}");
    assert_eq!(w.page.status().await, "Not connected");
    assert!(w.control.conversations().await.is_empty());
    w.stop().await;
}

#[tokio::test]
async fn an_unreachable_domain_api_is_explained() {
    let w = World::start().await;
    // A loopback port with nothing listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!(
        "{}/lpchat/?account={ACCOUNT}&csds=http://127.0.0.1:{port}",
        w.sandbox.origin()
    );
    w.page.open(&url).await;
    w.page.click("Connect").await;
    let alert = w.page.wait_alert("Looking up the account").await;
    assert!(alert.contains("could not be reached"), "{alert}");
    assert!(w.page.is_enabled("Connect").await, "the user can try again");
    w.stop().await;
}

#[tokio::test]
async fn a_reload_continues_the_same_consumer_and_conversation_without_a_click() {
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    w.page.send_message("Before the reload").await;
    w.page.wait_sent("Before the reload").await;
    w.page.reload().await;
    w.page.wait_status("Conversation open").await;
    w.page.wait_entry("consumer", "Before the reload").await;
    assert_eq!(
        w.control.agent_says(&conversation, "Welcome back").await,
        200
    );
    w.page.wait_entry("agent", "Welcome back").await;
    let texts: Vec<String> = w
        .page
        .transcript()
        .await
        .into_iter()
        .filter(|e| e.author != "system")
        .map(|e| e.text)
        .collect();
    assert_eq!(texts, ["Before the reload", "Welcome back"]);
    let all = w.control.conversations().await;
    assert_eq!(all.len(), 1, "the same conversation, not a new one");
    let stored: String = serde_json::from_value(
        w.page
            .script("return JSON.stringify(Object.keys(localStorage).sort())")
            .await,
    )
    .unwrap();
    assert_eq!(
        stored, "[\"lpchat.v1.account.12345678\",\"lpchat.v1.last\"]",
        "the account's record and the account last used, under keys of our own"
    );
    w.stop().await;
}

#[tokio::test]
async fn the_frame_inspector_shows_init_connection_with_the_token_redacted() {
    let w = World::start().await;
    w.open_conversation(&w.app_url()).await;
    w.page.click("Frames").await;
    let frames = eventually("the inspector to list frames", || async {
        let v = w
            .page
            .script("return Array.from(document.querySelectorAll('section[aria-label=Frames] .lp-frame')).map(li => ({summary: li.querySelector('summary').textContent, json: li.querySelector('pre').textContent, direction: li.dataset.direction}))")
            .await;
        let frames: Vec<serde_json::Value> = serde_json::from_value(v).ok()?;
        (frames.len() >= 6).then_some(frames)
    })
    .await;
    let init = frames
        .iter()
        .find(|f| f["summary"].as_str().unwrap().contains("InitConnection"))
        .expect("InitConnection is listed");
    assert_eq!(init["direction"], "sent");
    let json = init["json"].as_str().unwrap();
    assert!(json.contains("<redacted>"), "{json}");
    // ClientProperties from the real browser (headless Chromium on Linux), pictures declared.
    for property in [
        r#""deviceFamily": "DESKTOP""#,
        r#""os": "LINUX""#,
        r#""browser": "CHROME""#,
        r#""browserVersion": ""#,
        r#""PHOTO_SHARING""#,
    ] {
        assert!(json.contains(property), "{property} in {json}");
    }
    let stored = w.page.stored_record(ACCOUNT).await;
    let jwt = stored["jwt"].as_str().expect("the identity is stored");
    assert!(
        !json.contains(jwt)
            && !frames
                .iter()
                .any(|f| f["json"].as_str().unwrap().contains(jwt)),
        "the token is never shown"
    );
    let answered = frames
        .iter()
        .any(|f| f["direction"] == "received" && f["summary"].as_str().unwrap().contains(" ms)"));
    assert!(answered, "responses carry their round-trip time");
    let marks = w.page.script("return performance.getEntriesByType('mark').map(m => m.name).filter(n => n.startsWith('lpchat:'))").await;
    let marks: Vec<String> = serde_json::from_value(marks).unwrap();
    for step in [
        "lpchat:connect",
        "lpchat:domains",
        "lpchat:identity",
        "lpchat:socket-open",
        "lpchat:signed-in",
        "lpchat:ready",
        "lpchat:conversation-open",
    ] {
        assert!(marks.iter().any(|m| m == step), "{step} in {marks:?}");
    }
    let timeline = w.page.script("return Array.from(document.querySelectorAll('.lp-timeline__name')).map(e => e.textContent)").await;
    assert_eq!(
        timeline[0], "connect",
        "the connection timeline is shown: {timeline}"
    );
    w.page.fill("Filter frames by type", "PublishEvent").await;
    w.page.send_message("filtered").await;
    eventually("only publishes to be listed", || async {
        let n = w.page.script("return Array.from(document.querySelectorAll('section[aria-label=Frames] summary')).map(s => s.textContent)").await;
        let summaries: Vec<String> = serde_json::from_value(n).ok()?;
        (!summaries.is_empty() && summaries.iter().all(|s| s.contains("PublishEvent"))).then_some(())
    })
    .await;
    // "Copy as JSON" puts the listed (filtered) frames on the clipboard as a JSON array, token-free.
    // The page's clipboard is replaced by a recorder: headless Chromium has no clipboard to read.
    w.page
        .script("window.__copied = null; navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); };")
        .await;
    w.page.click("Copy as JSON").await;
    let copied = eventually("the frames to be copied", || async {
        w.page
            .script("return window.__copied")
            .await
            .as_str()
            .map(str::to_owned)
    })
    .await;
    let copied: Vec<serde_json::Value> =
        serde_json::from_str(&copied).unwrap_or_else(|e| panic!("JSON ({e}): {copied}"));
    assert!(!copied.is_empty(), "the listed frames are copied");
    let text = serde_json::to_string(&copied).unwrap_or_default();
    assert!(
        text.contains("PublishEvent") && text.contains("filtered"),
        "{text}"
    );
    assert!(
        !text.contains("InitConnection") && !text.contains(jwt),
        "only the filtered frames, and never the token: {text}"
    );
    w.stop().await;
}

#[tokio::test]
async fn after_the_agent_closes_a_survey_is_answered_and_the_conversation_ends() {
    let w = World::start().await;
    w.control.set_surveys(true).await;
    let conversation = w.open_conversation(&w.app_url()).await;
    assert_eq!(
        w.control.agent_says(&conversation, "Anything else?").await,
        200
    );
    w.page.wait_entry("agent", "Anything else?").await;
    assert_eq!(w.control.agent_closes(&conversation).await, 204);
    w.page.wait_status("Post-conversation survey").await;
    w.page
        .wait_entry(
            "agent",
            "How satisfied are you with this conversation? Answer 1 to 5.",
        )
        .await;
    w.page.send_message("5").await;
    w.page
        .wait_entry("agent", "Thank you for your feedback.")
        .await;
    w.page.wait_status("Conversation closed").await;
    let c = w
        .control
        .conversations()
        .await
        .into_iter()
        .find(|c| c.id == conversation)
        .unwrap();
    assert_eq!(c.stage, "CLOSE");
    assert!(
        c.survey
            .iter()
            .any(|m| m.role == "CONSUMER" && m.text == "5"),
        "the answer went to the survey dialog"
    );
    assert!(
        c.messages.iter().all(|m| m.text != "5"),
        "not to the closed main dialog"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_brand_signed_in_consumer_finds_their_conversation_in_another_browser_session() {
    let w = World::start().await;
    let token = w.control.brand_token("alice").await;
    let sign_in = || async {
        w.page
            .script("document.querySelector('details.lp-settings').open = true")
            .await;
        w.page.fill("Authentication token or code", &token).await;
        w.page.click("Connect").await;
    };
    w.page.open(&w.app_url()).await;
    sign_in().await;
    w.page.click("Start conversation").await;
    w.page.wait_status("Conversation open").await;
    w.page.send_message("Hello, I am Alice").await;
    w.page.wait_sent("Hello, I am Alice").await;
    // Another browser session: nothing stored, the same brand sign-in.
    w.page.script("localStorage.clear()").await;
    w.page.reload().await;
    sign_in().await;
    w.page.wait_status("Conversation open").await;
    w.page
        .wait_entry("system", "Continuing your open conversation")
        .await;
    w.page.wait_entry("consumer", "Hello, I am Alice").await;
    let all = w.control.conversations().await;
    assert_eq!(
        all.len(),
        1,
        "the same conversation, found again by the same identity"
    );
    assert_eq!(all[0].consumer_id.len(), 64);
    let stored = w
        .page
        .script("return localStorage.getItem('lpchat.v1.account.12345678')")
        .await;
    assert!(
        !stored.as_str().unwrap_or_default().contains(&token),
        "the brand token is not stored"
    );
    w.stop().await;
}

#[tokio::test]
async fn a_skill_in_the_address_routes_the_conversation_and_a_bad_one_is_explained() {
    let w = World::start().await;
    w.page.open(&format!("{}&skill=sales", w.app_url())).await;
    w.page.wait_alert("“sales”").await;
    w.page.open(&format!("{}&skill=4242", w.app_url())).await;
    let id = {
        w.page.click("Connect").await;
        w.page.click("Start conversation").await;
        w.page.wait_status("Conversation open").await;
        w.open_conversation_id().await
    };
    let routed = w
        .control
        .conversations()
        .await
        .into_iter()
        .find(|c| c.id == id)
        .and_then(|c| c.skill_id);
    assert_eq!(routed.as_deref(), Some("4242"));
    w.stop().await;
}

#[tokio::test]
async fn where_the_page_asks_the_consumer_rates_the_closed_conversation() {
    let w = World::start().await;
    let id = w
        .open_conversation(&format!("{}&csat=1", w.app_url()))
        .await;
    assert_eq!(w.control.agent_closes(&id).await, 204);
    w.page
        .wait_true(
            "the rating",
            "document.querySelector('.lp-rating:not([hidden]) input[type=checkbox]')",
        )
        .await;
    w.page
        .script("document.querySelector('.lp-rating input[type=checkbox]').click(); return true;")
        .await;
    w.page.click("5 of 5").await;
    w.page
        .wait_entry("system", "Thank you for your rating")
        .await;
    let rated = w.control.conversation(&id).await.expect("the conversation");
    assert_eq!((rated.csat, rated.csat_resolved), (Some(5), Some(true)));
    w.stop().await;
}
