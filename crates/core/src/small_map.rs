//! Maps of a handful of entries (a consumer's conversations, a transcript's dialogs, a conversation's
//! agents) kept as lists: a hash map's code costs the bundle more than searching a few entries costs
//! time (docs/DECISIONS.md, "Bundle under issue 16").

/// The value under `key`, made with `init` if there is none yet.
pub(crate) fn entry<'a, V>(
    list: &'a mut Vec<(String, V)>,
    key: &str,
    init: impl FnOnce() -> V,
) -> &'a mut V {
    let at = match list.iter().position(|(k, _)| k == key) {
        Some(at) => at,
        None => {
            list.push((key.to_owned(), init()));
            list.len() - 1
        }
    };
    &mut list[at].1
}

/// The value under `key`, if any.
pub(crate) fn get<'a, V>(list: &'a [(String, V)], key: &str) -> Option<&'a V> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_entry_is_made_once_and_found_again() {
        let mut list = Vec::new();
        *super::entry(&mut list, "a", || 1) += 1;
        *super::entry(&mut list, "b", || 5) += 1;
        *super::entry(&mut list, "a", || 100) += 1;
        assert_eq!(super::get(&list, "a"), Some(&3));
        assert_eq!(super::get(&list, "b"), Some(&6));
        assert_eq!(super::get(&list, "c"), None);
        assert_eq!(list.len(), 2);
    }
}
