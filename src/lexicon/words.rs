//! The look-up behind the short closed lists (determiners, auxiliaries,
//! time words): a [`WordList`] holds no words of its own, only the packed
//! keys of a list file, built once when the lexicons are parsed.

/// A short closed list of words (determiners, auxiliaries, prepositions),
/// in lower case and sorted (checked when it is built), looked up ignoring
/// ASCII case. Each word of up to 16 bytes is packed into a `u128`, first
/// byte highest, so that integer order is string order: a look-up is a
/// length-mask test and a binary search over integers, with no allocation.
pub struct WordList {
    keys: Box<[u128]>,
    /// Bit `n` is set when some entry has `n` bytes.
    lengths: u32,
}

/// `w`, lower-cased (ASCII) and packed first byte highest; `None` when
/// longer than 16 bytes.
fn pack(w: &[u8]) -> Option<u128> {
    if w.len() > 16 {
        return None;
    }
    // A fixed-size buffer folded as a whole: the compiler does the sixteen
    // bytes at once, where shifting byte by byte took a loop per word.
    let mut buf = [0u8; 16];
    buf[..w.len()].copy_from_slice(w);
    for b in &mut buf {
        *b = b.to_ascii_lowercase();
    }
    Some(u128::from_be_bytes(buf))
}

/// A word packed for [`WordList::has_key`]: what [`WordList::has`] computes
/// of it before searching.
#[derive(Clone, Copy)]
pub struct Key {
    packed: u128,
    len: usize,
}

impl Key {
    /// `w` packed; `None` when it is longer than any list entry can be.
    #[inline]
    pub fn of(w: &str) -> Option<Key> {
        pack(w.as_bytes()).map(|packed| Key {
            packed,
            len: w.len(),
        })
    }
}

impl WordList {
    /// The list of the lines of `text`. Panics on an entry longer than 16
    /// bytes, one in upper case, or one out of order: the lists are
    /// embedded, so that is a fault of the build (the lexicon tests name
    /// the file).
    pub fn new(text: &str) -> Self {
        let mut keys = Vec::new();
        let mut lengths = 0u32;
        for w in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let b = w.as_bytes();
            let key =
                pack(b).unwrap_or_else(|| panic!("{w:?}: closed-list words have at most 16 bytes"));
            assert!(
                !b.iter().any(u8::is_ascii_uppercase),
                "{w:?}: closed lists are lower case"
            );
            assert!(
                keys.last().is_none_or(|&k| k < key),
                "{w:?}: closed lists are sorted"
            );
            keys.push(key);
            lengths |= 1 << b.len();
        }
        WordList {
            keys: keys.into_boxed_slice(),
            lengths,
        }
    }

    /// The union of lists: every entry of each (for one look-up where a
    /// rule asks whether a word is in any of them).
    pub fn union(lists: &[&str]) -> Self {
        let mut words: Vec<&str> = lists
            .iter()
            .flat_map(|t| t.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        WordList::new(&words.join("\n"))
    }

    /// [`WordList::has`] of a word given as bytes (those of a UTF-8 text).
    #[inline]
    pub fn has_bytes(&self, w: &[u8]) -> bool {
        let n = w.len();
        if n > 16 || (self.lengths >> n) & 1 == 0 {
            return false;
        }
        pack(w).is_some_and(|k| self.keys.binary_search(&k).is_ok())
    }

    /// Is `w` in the list, ignoring ASCII case? (What comparing with
    /// `eq_ignore_ascii_case` against every entry would say.)
    #[inline]
    pub fn has(&self, w: &str) -> bool {
        let n = w.len();
        if n > 16 || (self.lengths >> n) & 1 == 0 {
            return false;
        }
        pack(w.as_bytes()).is_some_and(|k| self.keys.binary_search(&k).is_ok())
    }

    /// Is the word packed in `key` in the list? For a word looked up in
    /// several lists: it is packed once ([`Key::of`]).
    #[inline]
    pub fn has_key(&self, key: Key) -> bool {
        (self.lengths >> key.len) & 1 != 0 && self.keys.binary_search(&key.packed).is_ok()
    }

    /// Is `w` an entry exactly as written (in lower case)?
    #[inline]
    pub fn has_exact(&self, w: &str) -> bool {
        self.has(w) && !w.bytes().any(|b| b.is_ascii_uppercase())
    }

    /// Is `w` an entry written with a capital and the rest in lower case
    /// ("Thursday", not "THURSDAY" or "thursday")?
    #[inline]
    pub fn has_capitalized(&self, w: &str) -> bool {
        // The capital first: one byte rejects most words (lower-case ones,
        // punctuation) before the list is searched.
        w.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
            && self.has(w)
            && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_agree_with_a_linear_scan() {
        const WORDS: [&str; 6] = ["a", "an", "it’s", "of", "the", "whether"];
        let list = WordList::new(&WORDS.join("\n"));
        for w in [
            "a", "A", "The", "THE", "of", "Whether", "x", "", "thee", "é", "ofé", "it’s", "IT’S",
            "it's",
        ] {
            let linear = WORDS.iter().any(|x| x.eq_ignore_ascii_case(w));
            assert_eq!(list.has(w), linear, "{w}");
            assert_eq!(list.has_exact(w), WORDS.contains(&w), "{w}");
        }
    }

    #[test]
    fn capitalized_forms_match_alone() {
        let list = WordList::new("may\nthe");
        assert!(list.has_capitalized("The"));
        assert!(!list.has_capitalized("THE"));
        assert!(!list.has_capitalized("the"));
        assert!(!list.has_capitalized("Tha"));
    }

    #[test]
    #[should_panic(expected = "sorted")]
    fn an_unsorted_list_is_refused() {
        WordList::new("the\na");
    }
}
