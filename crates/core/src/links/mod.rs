//! Links in plain text: web addresses, e-mail addresses and international phone numbers in a
//! message become links; everything around them stays text. The UI builds each link as an element
//! with the `href` given here, never as markup.
//!
//! What is a link (docs/DECISIONS.md, "Links in messages"): `https://…` and `http://…` (and
//! `www.…`, opened as `https://`), `name@host.tld` (as `mailto:`) and `+` followed by 8 to 15 digits
//! with spaces, dashes, dots or parentheses between them (at most two in a row, as `tel:`). A candidate with
//! anything but printable ASCII in it (a look-alike letter, a direction override, a zero-width
//! space) stays text, as does one longer than [`allowed_link`](crate::rich::allowed_link) allows:
//! what the link shows is what it opens.

/// The longest word read for an address: the longest link allowed (2,048 bytes) and 64 bytes of
/// the punctuation that may follow it. A longer word stays text without being read through, so a
/// hostile message costs at most this much work at each place a link could start.
const LONGEST_WORD: usize = 2_048 + 64;

/// Where a word ends: a space, or a character no address contains unescaped.
fn ends_word(c: char) -> bool {
    c.is_ascii_whitespace() || "<>\"".contains(c)
}

/// A piece of a message's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text, shown as it is.
    Text(&'a str),
    /// A link: what it shows and the allow-listed address it opens.
    Link {
        /// The text as written.
        text: &'a str,
        /// `https:`, `http:`, `mailto:` or `tel:`.
        href: String,
    },
}

/// `text` cut into text and links, in order; no links gives one `Text` (or none, for ""). A link
/// starts a word: after a space or ASCII punctuation, not after a letter (of any script), a digit or
/// one of `@.+-_/`.
#[must_use]
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut plain = 0; // where the text not yet handed out starts
    let mut at = 0;
    let mut word_end = 0; // where the word around `at` ends: found once per word
    while at < text.len() {
        if at >= word_end {
            word_end = text[at..].find(ends_word).map_or(text.len(), |i| at + i);
        }
        let starts_word = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_ascii() && !c.is_ascii_alphanumeric() && !"@.+-_/".contains(c));
        let found = if starts_word && word_end - at <= LONGEST_WORD {
            link_at(&text[at..], &text[at..word_end])
        } else {
            None
        };
        match found {
            Some((len, href)) => {
                if plain < at {
                    out.push(Piece::Text(&text[plain..at]));
                }
                out.push(Piece::Link {
                    text: &text[at..at + len],
                    href,
                });
                at += len;
                plain = at;
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain < text.len() {
        out.push(Piece::Text(&text[plain..]));
    }
    out
}

/// The link that starts `rest` (whose first word is `word`), if one does: its length in bytes and
/// its address.
fn link_at(rest: &str, word: &str) -> Option<(usize, String)> {
    let first = rest.as_bytes().first()?;
    match first {
        b'+' => phone(rest),
        b'h' | b'H' | b'w' | b'W' => {
            let word = candidate(word);
            web(word).or_else(|| email(word))
        }
        _ if first.is_ascii_alphanumeric() => email(candidate(word)),
        _ => None,
    }
}

/// `word` without the punctuation that ends a sentence or closes a bracket opened before it, in
/// one pass from its end.
fn candidate(word: &str) -> &str {
    // Opened minus closed, in what is left of the word.
    let balance = |open: u8, close: u8| {
        word.bytes()
            .map(|b| isize::from(b == open) - isize::from(b == close))
            .sum::<isize>()
    };
    let (mut parens, mut brackets) = (balance(b'(', b')'), balance(b'[', b']'));
    let mut len = word.len();
    while let Some(&last) = word.as_bytes()[..len].last() {
        match last {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' => {}
            // A closing bracket more than those opened before it.
            b')' if parens < 0 => parens += 1,
            b']' if brackets < 0 => brackets += 1,
            _ => break,
        }
        len -= 1;
    }
    &word[..len]
}

/// Printable ASCII only: no look-alike letters, no direction overrides, no zero-width spaces.
fn plain_ascii(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_graphic())
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// `https://…`, `http://…` or `www.…`, with a host after the prefix.
fn web(word: &str) -> Option<(usize, String)> {
    let (prefix, href) = if starts_with_ignore_case(word, "https://") {
        ("https://", word.to_owned())
    } else if starts_with_ignore_case(word, "http://") {
        ("http://", word.to_owned())
    } else if starts_with_ignore_case(word, "www.") {
        ("www.", format!("https://{word}"))
    } else {
        return None;
    };
    let host = word[prefix.len()..]
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_ok = host.contains(|c: char| c.is_ascii_alphanumeric()) && !host.starts_with('.');
    (host_ok && plain_ascii(word))
        .then(|| crate::rich::allowed_link(&href))
        .flatten()
        .map(|href| (word.len(), href))
}

/// `name@host.tld`: a name of letters, digits and `._%+-`, a host of dot-separated labels of
/// letters, digits and `-`, the last one two letters or more.
fn email(word: &str) -> Option<(usize, String)> {
    let (name, host) = word.split_once('@')?;
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b));
    let labels: Vec<&str> = host.split('.').collect();
    let host_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    (name_ok && host_ok)
        .then(|| crate::rich::allowed_link(&format!("mailto:{word}")))
        .flatten()
        .map(|href| (word.len(), href))
}

/// `+` and 8 to 15 digits, with spaces, dashes, dots or parentheses between them (two at most in a
/// row).
fn phone(rest: &str) -> Option<(usize, String)> {
    let mut digits = String::new();
    let mut len = 1; // the '+'
    let mut separators = 0; // in a row: "+1 (555) 123" has two
    for c in rest[1..].chars() {
        if c.is_ascii_digit() {
            if digits.len() > 15 {
                return None; // more digits than a phone number has
            }
            digits.push(c);
            separators = 0;
        } else if " -.()".contains(c) && separators < 2 && !digits.is_empty() {
            separators += 1;
        } else {
            break;
        }
        len += 1;
    }
    // The number ends at its last digit (a closing parenthesis after it belongs to the sentence).
    let text = rest[..len].trim_end_matches([' ', '-', '.', '(', ')']);
    let followed_by_word = rest[text.len()..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii() || c.is_ascii_alphanumeric());
    ((8..=15).contains(&digits.len()) && !followed_by_word)
        .then(|| (text.len(), format!("tel:+{digits}")))
}

#[cfg(test)]
mod tests;
