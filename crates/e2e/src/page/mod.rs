//! The page object: the chat as a user sees it, found by accessible names and roles (the UI contract).
//! Here: tabs, navigation, buttons and fields; what the page shows is read in `reading.rs`.

mod reading;

use crate::{eventually, Browser};
use fantoccini::{elements::Element, Locator};

/// One transcript entry as rendered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Entry {
    /// `consumer`, `agent`, `system`.
    pub author: String,
    /// The message text.
    pub text: String,
    /// The delivery label, if any.
    pub delivery: String,
}

/// The chat page.
pub struct ChatPage {
    pub(crate) browser: Browser,
}

fn quoted(s: &str) -> String {
    assert!(!s.contains('\''), "names in locators have no quotes");
    format!("'{s}'")
}

impl ChatPage {
    pub fn new(browser: Browser) -> Self {
        ChatPage { browser }
    }

    /// Closes the browser.
    pub async fn close(self) {
        self.browser.close().await;
    }

    /// The tab the page is in now.
    pub async fn tab(&self) -> fantoccini::wd::WindowHandle {
        self.browser.client.window().await.expect("the current tab")
    }

    /// Opens a new tab of the same browser (the same storage) and works in it from now on.
    pub async fn open_tab(&self) -> fantoccini::wd::WindowHandle {
        let tab = self
            .browser
            .client
            .new_window(true)
            .await
            .expect("a new tab")
            .handle;
        self.switch_to(&tab).await;
        tab
    }

    /// Works in `tab` from now on.
    pub async fn switch_to(&self, tab: &fantoccini::wd::WindowHandle) {
        self.browser
            .client
            .switch_to_window(tab.clone())
            .await
            .expect("the tab is there");
    }

    /// Closes the current tab; the page then works in `then`.
    pub async fn close_tab(&self, then: &fantoccini::wd::WindowHandle) {
        self.browser
            .client
            .close_window()
            .await
            .expect("the tab closes");
        self.switch_to(then).await;
    }

    /// Runs a DevTools command in this browser ([`Browser::cdp`]).
    pub async fn cdp(&self, cmd: &'static str, params: serde_json::Value) -> serde_json::Value {
        self.browser.cdp(cmd, params).await
    }

    /// Navigates, without waiting for the app (what shows before it starts).
    pub async fn navigate(&self, url: &str) {
        self.browser.client.goto(url).await.expect("the page loads");
    }

    /// Navigates and waits for the app to render.
    pub async fn open(&self, url: &str) {
        self.navigate(url).await;
        self.rendered().await;
    }

    /// Waits until the app has rendered (its header's menu, in whatever language; the static first
    /// screen has none).
    pub(crate) async fn rendered(&self) {
        self.find(
            "the app to render",
            "//main[contains(@class,'lp-chat')]//details[contains(@class,'lp-menu')]".into(),
        )
        .await;
    }

    async fn find(&self, what: &str, xpath: String) -> Element {
        let client = &self.browser.client;
        eventually(what, || {
            let xpath = xpath.clone();
            async move { client.find(Locator::XPath(&xpath)).await.ok() }
        })
        .await
    }

    /// Reloads the page and waits for the app to render again.
    pub async fn reload(&self) {
        self.browser
            .client
            .refresh()
            .await
            .expect("the page reloads");
        self.rendered().await;
    }

    /// A button by its accessible name (its `aria-label`, else its text).
    pub async fn button(&self, name: &str) -> Element {
        let name = quoted(name);
        self.find(
            &format!("button {name}"),
            format!(
                "//button[@aria-label={name} or (not(@aria-label) and normalize-space(.)={name})]"
            ),
        )
        .await
    }

    /// Waits until the button is on screen and enabled, then clicks it: a button of the header's
    /// menu is clicked as a user does, by opening the menu first.
    pub async fn click(&self, name: &str) {
        let button = self.button(name).await;
        let arg = serde_json::to_value(&button).expect("an element is a script argument");
        let in_closed_menu = self
            .browser
            .client
            .execute(
                "return arguments[0].closest('details.lp-menu:not([open])') !== null",
                vec![arg],
            )
            .await
            .expect("the script runs");
        if in_closed_menu == serde_json::Value::Bool(true) {
            self.find(
                "the menu",
                "//details[contains(@class,'lp-menu')]/summary".into(),
            )
            .await
            .click()
            .await
            .expect("the menu opens");
        }
        eventually(&format!("button {name:?} to be shown and enabled"), || {
            let b = button.clone();
            async move { usable(&b).await.then_some(()) }
        })
        .await;
        button.click().await.expect("the button takes the click");
    }

    /// Whether a button is on screen now (enabled or not; a button the app hides, or one in the
    /// closed menu, is not).
    pub async fn is_shown(&self, name: &str) -> bool {
        self.button(name)
            .await
            .is_displayed()
            .await
            .unwrap_or_else(|e| panic!("whether button {name:?} is displayed: {e}"))
    }

    /// Whether a button is on screen and enabled now (a button the app hides is not; a WebDriver
    /// error is an error, not "disabled").
    pub async fn is_enabled(&self, name: &str) -> bool {
        usable(&self.button(name).await).await
    }

    /// A text box by its label.
    pub async fn textbox(&self, label: &str) -> Element {
        let l = quoted(label);
        self.find(
            &format!("text box labelled {label:?}"),
            format!(
                "//label[normalize-space(.)={l}]//*[self::input or self::textarea] | //*[@id=//label[normalize-space(.)={l}]/@for]"
            ),
        )
        .await
    }

    /// Replaces a text box's content.
    pub async fn fill(&self, label: &str, text: &str) {
        let input = self.textbox(label).await;
        input.clear().await.expect("the text box clears");
        input
            .send_keys(text)
            .await
            .expect("the text box takes keys");
    }

    /// Chooses a file in the composer's file input (what the file chooser would do).
    pub async fn attach(&self, path: &std::path::Path) {
        let input = self
            .find("the file input", "//input[@type='file']".into())
            .await;
        input
            .send_keys(&path.to_string_lossy())
            .await
            .expect("the file input takes the path");
    }

    /// Types a message and presses Enter.
    pub async fn send_message(&self, text: &str) {
        self.send_message_in("Message", text).await;
    }

    /// The same, with the message box found by its label in the page's language.
    pub async fn send_message_in(&self, label: &str, text: &str) {
        let input = self.textbox(label).await;
        eventually("the message box to be enabled", || {
            let i = input.clone();
            async move { i.is_enabled().await.ok().filter(|e| *e) }
        })
        .await;
        input
            .send_keys(&format!("{text}\u{E007}"))
            .await
            .expect("the message box takes keys");
    }
}

/// Whether `button` is displayed and enabled (a WebDriver error is an error).
async fn usable(button: &Element) -> bool {
    let shown = button
        .is_displayed()
        .await
        .unwrap_or_else(|e| panic!("whether a button is displayed: {e}"));
    shown
        && button
            .is_enabled()
            .await
            .unwrap_or_else(|e| panic!("whether a button is enabled: {e}"))
}
