use super::*;

fn links(text: &str) -> Vec<(&str, String)> {
    pieces(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Link { text, href } => Some((text, href)),
            Piece::Text(_) => None,
        })
        .collect()
}

#[test]
fn text_around_a_link_stays_text() {
    assert_eq!(
        pieces("See https://example.com/a?b=1#c, then reply."),
        vec![
            Piece::Text("See "),
            Piece::Link {
                text: "https://example.com/a?b=1#c",
                href: "https://example.com/a?b=1#c".into()
            },
            Piece::Text(", then reply."),
        ]
    );
    assert_eq!(pieces("no links here"), vec![Piece::Text("no links here")]);
    assert!(pieces("").is_empty());
}

#[test]
fn web_mail_and_phone_become_their_schemes() {
    assert_eq!(
        links("www.example.org or HTTP://Example.com/x"),
        [
            ("www.example.org", "https://www.example.org".into()),
            ("HTTP://Example.com/x", "HTTP://Example.com/x".into())
        ]
    );
    assert_eq!(
        links("write to ada.l+chat@mail.example.co.uk."),
        [(
            "ada.l+chat@mail.example.co.uk",
            "mailto:ada.l+chat@mail.example.co.uk".into()
        )]
    );
    assert_eq!(
        links("call +1 (555) 123-4567 or +44 20 7946 0958."),
        [
            ("+1 (555) 123-4567", "tel:+15551234567".into()),
            ("+44 20 7946 0958", "tel:+442079460958".into())
        ]
    );
}

#[test]
fn brackets_and_sentence_ends_are_not_part_of_the_link() {
    assert_eq!(
        links("(see https://en.wikipedia.org/wiki/Rust_(language)) and https://a.example/."),
        [
            (
                "https://en.wikipedia.org/wiki/Rust_(language)",
                "https://en.wikipedia.org/wiki/Rust_(language)".into()
            ),
            ("https://a.example/", "https://a.example/".into())
        ]
    );
}

#[test]
fn numbers_and_words_that_only_look_alike_stay_text() {
    for text in [
        "order 12345678",
        "+123",
        "+1234567890123456789",
        "1+2=3",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)//https://x.example",
        "data:text/html,<script>alert(1)</script>",
        "https://",
        "https://./x",
        "http//example.com",
        "me@localhost",
        "@example.com",
        "a@b.c",
        "version 1.2.3",
        "file.txt",
        "xhttps://example.com",
        "name@example.com@other.example",
    ] {
        assert_eq!(links(text), [], "{text}");
    }
}

#[test]
fn unicode_tricks_and_long_addresses_stay_text() {
    for text in [
        "https://pаypal.example/login", // a Cyrillic а
        "https://example.com/\u{202E}gpj.exe",
        "https://exa\u{200B}mple.com",
        "www.\u{FF45}xample.com",
        "ad\u{0430}@example.com",
    ] {
        assert_eq!(links(text), [], "{text:?}");
    }
    let long = format!("https://example.com/{}", "a".repeat(3_000));
    assert_eq!(links(&long), []);
    let ok = format!("https://example.com/{}", "a".repeat(1_000));
    assert_eq!(links(&ok).len(), 1);
}

#[test]
fn hostile_words_are_text_and_the_words_after_them_are_still_read() {
    // Shapes where every other character could start a link (each is read at most
    // LONGEST_WORD far, and the word's end is found once).
    for hostile in [
        "(a".repeat(5_000),
        format!("(h{}", ")".repeat(9_998)),
        ",a".repeat(5_000),
        "a%".repeat(5_000),
        format!("(+{}", "1 ".repeat(4_999)),
    ] {
        assert_eq!(links(&hostile), [], "{}", &hostile[..20]);
        let then = format!("{hostile} see https://a.example/x.");
        assert_eq!(
            links(&then),
            [("https://a.example/x", "https://a.example/x".into())]
        );
    }
    // A link with more punctuation after it than a word may have stays text.
    let shouted = format!("https://a.example/{}", "!".repeat(3_000));
    assert_eq!(links(&shouted), []);
}
