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

/// A set kept as a sorted list (the dialog-and-sequence pairs seen or receipted): found by binary
/// search, so a long conversation costs no time worth measuring, and the bundle carries no B-tree
/// for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    /// Adds `x`; false if it was there already.
    pub(crate) fn insert(&mut self, x: T) -> bool {
        match self.0.binary_search(&x) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, x);
                true
            }
        }
    }

    pub(crate) fn contains(&self, x: &T) -> bool {
        self.0.binary_search(x).is_ok()
    }

    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sorted_set_holds_each_once() {
        let mut set = super::SortedSet::default();
        assert!(set.insert(("b".to_owned(), 2)));
        assert!(set.insert(("a".to_owned(), 9)));
        assert!(set.insert(("b".to_owned(), 1)));
        assert!(!set.insert(("a".to_owned(), 9)));
        assert!(set.contains(&("b".to_owned(), 1)));
        assert!(!set.contains(&("c".to_owned(), 1)));
        set.clear();
        assert!(!set.contains(&("a".to_owned(), 9)));
    }

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
