//! Hosts whose answers a page may not read across origins (PROTOCOL.md §1.4): against a sandbox that
//! sends no CORS headers the app connects through the JSONP forms, and a hostile JSONP answer runs in
//! its sandboxed frame without reaching the app, which ends with a plain-words failure and stays usable.

use lpchat_e2e::{World, ACCOUNT, BASE_PATH};
use std::time::Duration;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

#[tokio::test]
async fn without_cors_the_app_connects_and_chats_through_the_jsonp_forms() {
    let w = World::start_configured(&[], |c| c.cors = false).await;
    w.page.open(&w.app_url()).await;
    // The sandbox really refuses the page a cross-origin read.
    let domain = format!(
        "{}/api/account/{ACCOUNT}/service/baseURI.json?version=1.0",
        w.sandbox.domain_origin()
    );
    let read = w
        .page
        .script_async(&format!(
            "fetch({domain:?}).then(() => done('read'), () => done('refused'))"
        ))
        .await;
    assert_eq!(
        read, "refused",
        "no CORS headers: fetch cannot read the Domain API"
    );
    w.page.click("Connect").await;
    w.page.click("Start conversation").await;
    w.page.wait_status("Conversation open").await;
    let conversation = w.open_conversation_id().await;
    w.page.send_message("Hello through JSONP").await;
    w.page.wait_sent("Hello through JSONP").await;
    w.control.agent_says(&conversation, "Heard you").await;
    w.page.wait_entry("agent", "Heard you").await;
    assert!(
        w.page.stored_record(ACCOUNT).await["jwt"].is_string(),
        "the signup identity from signup.jsonp is kept"
    );
    let frames = w
        .page
        .script("return document.querySelectorAll('iframe').length")
        .await;
    assert_eq!(frames, 0, "every JSONP frame is gone once answered");
    w.stop().await;
}

/// What a hostile Domain API answers to every request: a script that tries to reach the app's page,
/// its storage and its window, posts answers for any request, and calls back twice with a host that
/// is not one. No CORS headers, so the app must use JSONP.
const HOSTILE: &str = r#"
try { parent.document.title = "pwned"; } catch (e) {}
try { parent.localStorage.setItem("pwned", "1"); } catch (e) {}
try { localStorage.setItem("pwned", "1"); } catch (e) {}
try { top.location = "about:blank#pwned"; } catch (e) {}
for (let i = 0; i < 50; i++) parent.postMessage('ok {"ResultSet":{"lpData":[{"lpServer":"evil.example/x"}]}}', "*");
lpchatJsonp({"ResultSet": {"lpData": [{"lpServer": "evil.example/x"}]}});
lpchatJsonp({"ResultSet": {"lpData": [{"lpServer": "evil.example/y"}]}});
"#;

/// Serves [`HOSTILE`] to every request on a loopback port, for as long as the test runs.
async fn hostile_domain_api() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("loopback");
    let origin = format!("http://{}", listener.local_addr().expect("an address"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ =
                    tokio::time::timeout(Duration::from_secs(5), socket.read(&mut request)).await;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{HOSTILE}",
                    HOSTILE.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    origin
}

#[tokio::test]
async fn a_hostile_jsonp_answer_reaches_nothing_of_the_app_and_ends_in_a_plain_failure() {
    let w = World::start().await;
    let csds = hostile_domain_api().await;
    let url = format!(
        "{}{BASE_PATH}?account={ACCOUNT}&csds={csds}",
        w.sandbox.origin()
    );
    w.page.open(&url).await;
    w.page.click("Connect").await;
    let alert = w.page.wait_alert("Looking up the account").await;
    assert!(alert.contains("no usable"), "{alert}");
    let page = w
        .page
        .script(
            "return [document.title, localStorage.getItem('pwned'), location.href.includes('pwned'), \
             document.querySelectorAll('iframe').length]",
        )
        .await;
    assert_eq!(
        page,
        serde_json::json!(["lpchat", null, false, 0]),
        "the script reached nothing of the app"
    );
    assert!(w.page.is_enabled("Connect").await, "the user can try again");
    w.stop().await;
}
