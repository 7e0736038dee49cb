//! Links in messages: addresses, e-mail addresses and phone numbers from either side become links
//! built as elements (allow-listed schemes, a new tab, no opener, no referrer); text around them
//! stays text, and look-alikes stay text.

use lpchat_e2e::World;
use serde_json::json;

/// Every link in the transcript: the text of its entry, what it shows, where it goes, how.
const LINKS: &str = "return Array.from(document.querySelectorAll('[role=log] li.lp-entry:not([data-author=system])')).map(li => \
    [li.querySelector('.lp-entry__text').textContent, \
     Array.from(li.querySelectorAll('a')).map(a => [a.textContent, a.getAttribute('href'), a.target, a.rel])]) \
    .filter(([text]) => text.length > 0 && text.length < 2000);";

#[tokio::test]
async fn addresses_in_messages_are_links_and_look_alikes_stay_text() {
    let w = World::start().await;
    let conversation = w.open_conversation(&w.app_url()).await;
    let agent = [
        "Track it at https://track.example/parcel?id=7, or mail help@brand.example.",
        "Call +1 (555) 123-4567 (any time)",
        "javascript:window.__lpchat_pwned=1 https://javascript:alert(1)@x",
        "<a href=\"https://evil.example\">click</a>",
        "https://pаypal.example/login with a Cyrillic а",
        "https://example.com/\u{202E}gpj.exe",
        "https://exa\u{200B}mple.com/zero-width",
    ];
    for text in agent {
        assert_eq!(w.control.agent_says(&conversation, text).await, 200);
    }
    let long = format!("https://long.example/{}", "a".repeat(3_000));
    assert_eq!(w.control.agent_says(&conversation, &long).await, 200);
    w.page
        .send_message("Thanks, see www.lpchat.example too")
        .await;
    w.page.wait_sent("Thanks, see www.lpchat.example too").await;
    for text in agent {
        w.page.wait_entry("agent", text).await; // the whole text, exactly as sent
    }
    let links = w.page.script(LINKS).await;
    let link =
        |text: &str, href: &str| json!([text, href, "_blank", "noopener noreferrer nofollow"]);
    let expected = json!([
        [
            "Track it at https://track.example/parcel?id=7, or mail help@brand.example.",
            [
                link(
                    "https://track.example/parcel?id=7",
                    "https://track.example/parcel?id=7"
                ),
                link("help@brand.example", "mailto:help@brand.example"),
            ]
        ],
        [
            "Call +1 (555) 123-4567 (any time)",
            [link("+1 (555) 123-4567", "tel:+15551234567")]
        ],
        // An https link whose host is "javascript" opens a web page, not a script.
        [
            "javascript:window.__lpchat_pwned=1 https://javascript:alert(1)@x",
            [link(
                "https://javascript:alert(1)@x",
                "https://javascript:alert(1)@x"
            ),]
        ],
        // The address in the markup is a link showing exactly what it opens; the markup is text.
        [
            "<a href=\"https://evil.example\">click</a>",
            [link("https://evil.example", "https://evil.example"),]
        ],
        ["https://pаypal.example/login with a Cyrillic а", []],
        ["https://example.com/\u{202E}gpj.exe", []],
        ["https://exa\u{200B}mple.com/zero-width", []],
        [
            "Thanks, see www.lpchat.example too",
            [link("www.lpchat.example", "https://www.lpchat.example"),]
        ],
    ]);
    assert_eq!(links, expected);
    let long_links = w
        .page
        .script("return document.querySelectorAll('[role=log] a[href^=\"https://long\"]').length")
        .await;
    assert_eq!(long_links, 0, "a 3,000-character address stays text");
    let pwned = w
        .page
        .script("return window.__lpchat_pwned === undefined")
        .await;
    assert_eq!(pwned, true);
    w.stop().await;
}
