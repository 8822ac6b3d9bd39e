//! Words as numbers: a table from normalised word (lower case, digits as
//! `0`) to a dense id, looked up without allocating for short words.

use std::collections::HashMap;

use crate::lexicon::WordHashBuilder;

/// Id 0 stands for every word not in the table.
pub const UNKNOWN: u32 = 0;

/// A word table: ids `1..=len()` in the order the words were added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WordTable {
    ids: HashMap<Box<str>, u32, WordHashBuilder>,
    words: Vec<Box<str>>,
}

/// Appends the normalised form of `w` to `buf`: lower case, every digit
/// `0` ("2016" and "1999" are one word to the model).
pub fn normalise_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.extend(w.bytes().map(|b| {
            if b.is_ascii_digit() {
                '0'
            } else {
                b.to_ascii_lowercase() as char
            }
        }));
    } else {
        for c in w.chars() {
            if c.is_numeric() {
                buf.push('0');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
}

impl WordTable {
    /// A table of `words` (already normalised), ids in their order.
    pub fn new<I: IntoIterator<Item = S>, S: Into<Box<str>>>(words: I) -> Self {
        let mut t = WordTable::default();
        for w in words {
            t.add(w.into());
        }
        t
    }

    fn add(&mut self, w: Box<str>) {
        if !self.ids.contains_key(&w) {
            self.words.push(w.clone());
            self.ids.insert(w, self.words.len() as u32);
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words, in id order (the word of id `k` is `words()[k - 1]`).
    pub fn words(&self) -> &[Box<str>] {
        &self.words
    }

    /// The id of a normalised word, or [`UNKNOWN`].
    pub fn id_of_normalised(&self, w: &str) -> u32 {
        self.ids.get(w).copied().unwrap_or(UNKNOWN)
    }

    /// The id of `w` once normalised; `buf` is scratch space.
    pub fn id(&self, w: &str, buf: &mut String) -> u32 {
        // Already normal: look it up as it is.
        if w.is_ascii()
            && !w
                .bytes()
                .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return self.id_of_normalised(w);
        }
        normalise_into(w, buf);
        self.id_of_normalised(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_normalised_before_look_up() {
        let t = WordTable::new(["said", "0000", "état"]);
        let mut buf = String::new();
        assert_eq!(t.id("said", &mut buf), 1);
        assert_eq!(t.id("SAID", &mut buf), 1);
        assert_eq!(t.id("2016", &mut buf), 2);
        assert_eq!(t.id("État", &mut buf), 3);
        assert_eq!(t.id("told", &mut buf), UNKNOWN);
        assert_eq!(t.words()[0].as_ref(), "said");
    }
}
