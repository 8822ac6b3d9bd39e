//! Words as numbers: a table from normalised word (lower case, digits as
//! `0`) to a dense id, looked up without allocating.
//!
//! The table is built once, at model load, for one look-up per token:
//! open addressing over a flat array of (hash tag, id) slots, the words'
//! bytes end to end in one arena. A hit reads one slot and one stretch of
//! the arena; an ASCII word is normalised on the fly into a stack buffer.

/// Id 0 stands for every word not in the table.
pub const UNKNOWN: u32 = 0;

/// Words at most this long (in bytes) are normalised on the stack.
const SHORT: usize = 64;

/// A word table: ids `1..=len()` in the order the words were added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WordTable {
    words: Vec<Box<str>>,
    /// Every word's bytes, end to end: word `k` is
    /// `arena[ends[k - 1]..ends[k]]` (`ends[0]` is 0).
    arena: Vec<u8>,
    ends: Vec<u32>,
    /// Open addressing with linear probing, a power of two at most half
    /// full: (the high half of the word's hash, its id), id 0 when empty.
    slots: Vec<(u32, u32)>,
}

/// Appends the normalised form of `w` to `buf`: lower case, every digit
/// `0` ("2016" and "1999" are one word to the model).
pub fn normalise_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.extend(w.bytes().map(|b| normal_ascii(b) as char));
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

/// The normal form of an ASCII byte (what [`normalise_into`] makes it).
#[inline]
fn normal_ascii(b: u8) -> u8 {
    if b.is_ascii_digit() {
        b'0'
    } else {
        b.to_ascii_lowercase()
    }
}

/// A 64-bit hash of a key: eight bytes at a time, multiply and rotate,
/// then a final mix so that the low bits (the slot) and the high bits
/// (the tag) both depend on every byte.
#[inline]
fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (key.len() as u64).wrapping_mul(K);
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h ^ x).wrapping_mul(K).rotate_left(31);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut t = [0u8; 8];
        t[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(t)).wrapping_mul(K).rotate_left(31);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(K);
    h ^ (h >> 32)
}

impl WordTable {
    /// A table of `words` (already normalised), ids in their order; a
    /// repeated word keeps its first id.
    pub fn new<I: IntoIterator<Item = S>, S: Into<Box<str>>>(words: I) -> Self {
        let mut t = WordTable {
            ends: vec![0],
            ..WordTable::default()
        };
        for w in words {
            let w: Box<str> = w.into();
            if t.find(w.as_bytes()) == UNKNOWN {
                t.arena.extend_from_slice(w.as_bytes());
                t.ends.push(t.arena.len() as u32);
                t.words.push(w);
                t.grow_if_full();
                t.place(t.words.len() as u32);
            }
        }
        t
    }

    /// Doubles the slots (and re-places every word) when adding one more
    /// word would fill more than half of them.
    fn grow_if_full(&mut self) {
        if self.words.len() * 2 <= self.slots.len() {
            return;
        }
        let n = (self.slots.len() * 2).max(16);
        self.slots = vec![(0, UNKNOWN); n];
        for id in 1..self.words.len() as u32 {
            self.place(id);
        }
    }

    /// Puts word `id` in the first free slot of its probe sequence.
    fn place(&mut self, id: u32) {
        let h = hash(self.bytes_of(id));
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i].1 != UNKNOWN {
            i = (i + 1) & mask;
        }
        self.slots[i] = ((h >> 32) as u32, id);
    }

    /// The bytes of word `id` (1-based).
    #[inline]
    fn bytes_of(&self, id: u32) -> &[u8] {
        let k = id as usize;
        &self.arena[self.ends[k - 1] as usize..self.ends[k] as usize]
    }

    /// The id of the normalised word `key`, or [`UNKNOWN`].
    #[inline]
    fn find(&self, key: &[u8]) -> u32 {
        if self.slots.is_empty() {
            return UNKNOWN;
        }
        let h = hash(key);
        let tag = (h >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let (t, id) = self.slots[i];
            if id == UNKNOWN {
                return UNKNOWN;
            }
            if t == tag && self.bytes_of(id) == key {
                return id;
            }
            i = (i + 1) & mask;
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
        self.find(w.as_bytes())
    }

    /// The id of `w` once normalised; `buf` is scratch space (used only
    /// for long or non-ASCII words).
    pub fn id(&self, w: &str, buf: &mut String) -> u32 {
        let b = w.as_bytes();
        if b.len() <= SHORT {
            // Normalise as if ASCII, and check that it was.
            let mut k = [0u8; SHORT];
            let mut any = 0u8;
            for (d, &c) in k.iter_mut().zip(b) {
                any |= c;
                *d = normal_ascii(c);
            }
            if any.is_ascii() {
                return self.find(&k[..b.len()]);
            }
        }
        normalise_into(w, buf);
        self.find(buf.as_bytes())
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

    #[test]
    fn every_word_of_a_large_table_is_found() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}x")).collect();
        let t = WordTable::new(words.iter().map(|w| w.as_str()).chain(["w7x"]));
        assert_eq!(t.len(), 5000);
        for (k, w) in words.iter().enumerate() {
            assert_eq!(t.id_of_normalised(w), k as u32 + 1);
        }
        let long = "a".repeat(100);
        assert_eq!(t.id(&long, &mut String::new()), UNKNOWN);
        assert_eq!(WordTable::default().id("said", &mut String::new()), UNKNOWN);
        assert_eq!(
            WordTable::new([long.as_str()]).id(&long.to_uppercase(), &mut String::new()),
            1
        );
    }
}
