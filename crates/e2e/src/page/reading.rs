//! Reading the page: the status, the alert, the transcript, waits for what should appear, scripts,
//! the copied trace, storage and screenshots.

use super::{ChatPage, Entry};
use crate::eventually;
use fantoccini::Locator;

impl ChatPage {
    async fn text_of(&self, css: &str) -> String {
        match self.browser.client.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// The `role="status"` text.
    pub async fn status(&self) -> String {
        self.text_of("[role=status]").await
    }

    /// The `role="alert"` text (empty when none).
    pub async fn alert(&self) -> String {
        self.text_of("[role=alert]").await
    }

    /// Waits for the status to read `text`.
    pub async fn wait_status(&self, text: &str) {
        eventually(&format!("status {text:?}"), || async {
            let now = self.status().await;
            (now == text).then_some(())
        })
        .await;
    }

    /// Waits for the alert to contain `part`; returns the whole alert.
    pub async fn wait_alert(&self, part: &str) -> String {
        eventually(&format!("an alert containing {part:?}"), || async {
            let now = self.alert().await;
            now.contains(part).then_some(now)
        })
        .await
    }

    /// The transcript entries (`role="log"` list items).
    pub async fn transcript(&self) -> Vec<Entry> {
        let script = "return Array.from(document.querySelectorAll('[role=log] li.lp-entry')).map(li => ({\
            author: li.dataset.author || '',\
            text: (li.querySelector('.lp-entry__text') || li).textContent,\
            delivery: (li.querySelector('.lp-entry__delivery') || {textContent: ''}).textContent }));";
        let value = self
            .browser
            .client
            .execute(script, vec![])
            .await
            .expect("the script runs");
        serde_json::from_value(value).expect("entries")
    }

    /// The whole transcript: presses "Show earlier messages" until every entry is shown (bounded).
    pub async fn whole_transcript(&self) -> Vec<Entry> {
        for _ in 0..1_000 {
            let more = self
                .script("const b = document.querySelector('.lp-earlier:not([hidden])'); if (b) b.click(); return !!b;")
                .await;
            if more != serde_json::Value::Bool(true) {
                break;
            }
        }
        self.transcript().await
    }

    /// Waits until an entry by `author` with `text` is shown.
    pub async fn wait_entry(&self, author: &str, text: &str) -> Entry {
        eventually(&format!("a {author} entry {text:?}"), || async {
            self.transcript()
                .await
                .into_iter()
                .find(|e| e.author == author && e.text == text)
        })
        .await
    }

    /// Waits until the user's message `text` is shown as sent.
    pub async fn wait_sent(&self, text: &str) {
        eventually(&format!("{text:?} to be sent"), || async {
            let entry = self
                .transcript()
                .await
                .into_iter()
                .find(|e| e.author == "consumer" && e.text == text)?;
            matches!(entry.delivery.as_str(), "Sent" | "Delivered" | "Read").then_some(())
        })
        .await;
    }

    /// Waits until `js` (an expression) is true in the page.
    pub async fn wait_true(&self, what: &str, js: &str) {
        let script = format!("return !!({js});");
        eventually(what, || async {
            self.script(&script).await.as_bool().filter(|b| *b)
        })
        .await;
    }

    /// Runs a script in the page (for checks no user action expresses).
    pub async fn script(&self, js: &str) -> serde_json::Value {
        self.browser
            .client
            .execute(js, vec![])
            .await
            .expect("the script runs")
    }

    /// Runs an asynchronous script in the page: it ends by calling `done(value)`.
    pub async fn script_async(&self, js: &str) -> serde_json::Value {
        let script = format!("const done = arguments[arguments.length - 1]; {js}");
        self.browser
            .client
            .execute_async(&script, vec![])
            .await
            .expect("the script runs")
    }

    /// The session as a trace, as the frame inspector's "Copy as JSON" gives it (the clipboard write
    /// is caught in the page: a headless browser's clipboard is not readable). Opens the inspector
    /// if it is closed.
    pub async fn copied_trace(&self) -> serde_json::Value {
        self.script(
            "window.__lpchatCopied = null; navigator.clipboard.writeText = t => { window.__lpchatCopied = t; return Promise.resolve(); };",
        )
        .await;
        if self
            .script("return !!document.querySelector('.lp-inspector:not([hidden]) .lp-inspector__panel')")
            .await
            != true
        {
            self.click("Frames").await;
        }
        self.click("Copy as JSON").await;
        let text = self.script("return window.__lpchatCopied").await;
        serde_json::from_str(text.as_str().unwrap_or("null")).unwrap_or_default()
    }

    /// What the app keeps in the page's storage for `account`, as JSON (`null` when nothing).
    pub async fn stored_record(&self, account: &str) -> serde_json::Value {
        let key = serde_json::Value::from(lpchat_core::storage_key(account));
        let text = self
            .script(&format!("return localStorage.getItem({key})"))
            .await;
        serde_json::from_str(text.as_str().unwrap_or("null")).unwrap_or_default()
    }

    /// A PNG screenshot.
    pub async fn screenshot(&self) -> Vec<u8> {
        self.browser
            .client
            .screenshot()
            .await
            .expect("a screenshot")
    }
}
