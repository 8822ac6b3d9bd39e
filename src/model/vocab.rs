//! Words as numbers: a table from normalised word (lower case, digits as
//! `0`) to a dense id, looked up without allocating.
//!
//! The table is built once, at model load, for one look-up per token:
//! open addressing over a flat array of slots (hash tag, id, where the
//! word is and its length), the words' bytes end to end in one arena of
//! 8-byte chunks. A hit reads one slot and a chunk or two of the arena;
//! an ASCII word is normalised eight bytes at a time into a stack buffer,
//! the chunks that are hashed and compared.

/// Id 0 stands for every word not in the table.
pub const UNKNOWN: u32 = 0;

/// Words at most this long (in bytes) are normalised on the stack.
const SHORT: usize = 64;

/// The top bit of every byte of a chunk.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// A word table: ids `1..=len()` in the order the words were added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WordTable {
    words: Vec<Box<str>>,
    /// Every word's bytes as little-endian 8-byte chunks (the last one
    /// zero-padded), end to end.
    arena: Vec<u64>,
    /// Open addressing with linear probing, a power of two at most half
    /// full.
    slots: Vec<Slot>,
}

/// A word's slot: the high half of its hash, its id ([`UNKNOWN`] for an
/// empty slot), its first chunk in the arena and its length in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Slot {
    tag: u32,
    id: u32,
    at: u32,
    len: u32,
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

/// [`normal_ascii`] of each byte of a chunk of ASCII bytes (top bits
/// clear), at once.
#[inline]
fn normal8(x: u64) -> u64 {
    const fn every(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    // The top bit of each byte of x + (0x80 - lo) says whether the byte
    // is at least `lo`: a byte below 0x80 plus at most 0x80 does not
    // carry into the next.
    let at_least = |lo: u8| x.wrapping_add(every(0x80 - lo)) & HIGH;
    let upper = at_least(b'A') & !at_least(b'Z' + 1);
    let digit = at_least(b'0') & !at_least(b'9' + 1);
    // 0x80 >> 2 is 0x20, the case bit; a digit's byte becomes '0'.
    let lower = x | (upper >> 2);
    let digits = (digit >> 7) * 0xFF;
    (lower & !digits) | (every(b'0') & digits)
}

/// Writes `b` as little-endian chunks (the last zero-padded), each
/// through `f`, into `out`; returns how many.
#[inline]
fn chunks_into(b: &[u8], out: &mut [u64], mut f: impl FnMut(u64) -> u64) -> usize {
    let mut full = b.chunks_exact(8);
    let mut m = 0;
    for (o, c) in out.iter_mut().zip(&mut full) {
        *o = f(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        m += 1;
    }
    let rest = full.remainder();
    if !rest.is_empty() {
        let x = rest
            .iter()
            .rev()
            .fold(0u64, |x, &c| (x << 8) | u64::from(c));
        out[m] = f(x);
        m += 1;
    }
    m
}

/// The 8 bytes of `b` from `at` as a little-endian chunk (`at + 8` is
/// within `b`).
#[inline]
fn load(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

/// A 64-bit hash of a key of `len` bytes given as chunks: multiply and
/// rotate per chunk, then a final mix so that the low bits (the slot)
/// and the high bits (the tag) both depend on every byte.
#[inline]
fn hash(chunks: &[u64], len: usize) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (len as u64).wrapping_mul(K);
    for &x in chunks {
        h = (h ^ x).wrapping_mul(K).rotate_left(31);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(K);
    h ^ (h >> 32)
}

impl WordTable {
    /// A table of `words` (already normalised), ids in their order; a
    /// repeated word keeps its first id.
    pub fn new<I: IntoIterator<Item = S>, S: Into<Box<str>>>(words: I) -> Self {
        let mut t = WordTable::default();
        for w in words {
            let w: Box<str> = w.into();
            let b = w.as_bytes();
            let mut chunks = vec![0u64; b.len().div_ceil(8)];
            chunks_into(b, &mut chunks, |x| x);
            if t.find(&chunks, b.len()) != UNKNOWN {
                continue;
            }
            let slot = Slot {
                tag: 0,
                id: t.words.len() as u32 + 1,
                at: t.arena.len() as u32,
                len: b.len() as u32,
            };
            t.arena.extend_from_slice(&chunks);
            t.words.push(w);
            t.grow_if_full();
            t.place(slot);
        }
        t
    }

    /// The chunks of the word of `s`.
    #[inline]
    fn chunks_of(&self, s: Slot) -> &[u64] {
        let at = s.at as usize;
        &self.arena[at..at + (s.len as usize).div_ceil(8)]
    }

    /// Doubles the slots (and re-places every word in them) when one
    /// more word would fill more than half.
    fn grow_if_full(&mut self) {
        if self.words.len() * 2 <= self.slots.len() {
            return;
        }
        let n = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); n]);
        for s in old.into_iter().filter(|s| s.id != UNKNOWN) {
            self.place(s);
        }
    }

    /// Puts `s` in the first free slot of its word's probe sequence.
    fn place(&mut self, mut s: Slot) {
        let h = hash(self.chunks_of(s), s.len as usize);
        s.tag = (h >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i].id != UNKNOWN {
            i = (i + 1) & mask;
        }
        self.slots[i] = s;
    }

    /// The id of the normalised word of `len` bytes whose chunks are
    /// `key`, or [`UNKNOWN`].
    #[inline]
    fn find(&self, key: &[u64], len: usize) -> u32 {
        self.probe(hash(key, len), len, |s| {
            self.chunks_of(s).iter().zip(key).all(|(a, b)| a == b)
        })
    }

    /// The id in the first slot of hash `h`'s probe sequence that holds a
    /// word of `len` bytes with `h`'s tag for which `same` holds, or
    /// [`UNKNOWN`] at the first empty slot.
    #[inline(always)]
    fn probe(&self, h: u64, len: usize, same: impl Fn(Slot) -> bool) -> u32 {
        if self.slots.is_empty() {
            return UNKNOWN;
        }
        let tag = (h >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = self.slots[i];
            if s.id == UNKNOWN {
                return UNKNOWN;
            }
            if s.tag == tag && s.len as usize == len && same(s) {
                return s.id;
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of the normalised word `b`, or [`UNKNOWN`].
    fn find_bytes(&self, b: &[u8]) -> u32 {
        if b.len() <= SHORT {
            let mut k = [0u64; SHORT / 8];
            let m = chunks_into(b, &mut k, |x| x);
            return self.find(&k[..m], b.len());
        }
        let mut k = vec![0u64; b.len().div_ceil(8)];
        chunks_into(b, &mut k, |x| x);
        self.find(&k, b.len())
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
        self.find_bytes(w.as_bytes())
    }

    /// The id of `w` once normalised; `buf` is scratch space (used only
    /// for long or non-ASCII words).
    pub fn id(&self, w: &str, buf: &mut String) -> u32 {
        self.id_in(w, 0..w.len(), buf)
    }

    /// The id of the word at `at` in `text` once normalised: as
    /// [`WordTable::id`] of `&text[at]`, but a word of at most 16 bytes
    /// is read as one or two 8-byte loads from the text around it (the
    /// bytes outside the word masked or shifted away), without a copy.
    #[inline]
    pub fn id_in(&self, text: &str, at: std::ops::Range<usize>, buf: &mut String) -> u32 {
        let b = text.as_bytes();
        let (s, e) = (at.start, at.end);
        let len = e.saturating_sub(s);
        // Eight bytes must lie on one side of the word: from its start,
        // or ending at its end (a word near both ends of a short text
        // has neither and takes the slow path).
        let loadable = s + 8 <= b.len() || e >= 8;
        if len > 0 && len <= 16 && e <= b.len() && loadable {
            // Chunks of the word: the first from its start (or the 8
            // bytes ending at its end, near the end of the text), a
            // second one ending at its end.
            let (x0, x1) = if len <= 8 {
                let x = if s + 8 <= b.len() {
                    load(b, s) & (u64::MAX >> (64 - 8 * len))
                } else {
                    load(b, e - 8) >> (8 * (8 - len))
                };
                (x, 0)
            } else {
                (load(b, s), load(b, e - 8) >> (8 * (16 - len)))
            };
            if (x0 | x1) & HIGH == 0 {
                let (x0, x1) = (normal8(x0), normal8(x1));
                return if len <= 8 {
                    self.find1(x0, len)
                } else {
                    self.find2(x0, x1, len)
                };
            }
        }
        self.id_slow(&text[at], buf)
    }

    /// The id of the normalised word of `len` (at most 8) bytes whose
    /// chunk is `x` ([`WordTable::find`] for one chunk).
    #[inline]
    fn find1(&self, x: u64, len: usize) -> u32 {
        self.probe(hash(&[x], len), len, |s| {
            self.arena.get(s.at as usize) == Some(&x)
        })
    }

    /// [`WordTable::find`] for two chunks (a word of 9 to 16 bytes).
    #[inline]
    fn find2(&self, x0: u64, x1: u64, len: usize) -> u32 {
        self.probe(hash(&[x0, x1], len), len, |s| {
            self.arena.get(s.at as usize..s.at as usize + 2) == Some(&[x0, x1][..])
        })
    }

    /// [`WordTable::id`] the long way: chunk by chunk, or through `buf`
    /// for a non-ASCII word.
    fn id_slow(&self, w: &str, buf: &mut String) -> u32 {
        let b = w.as_bytes();
        if b.len() <= SHORT {
            // Normalise as if ASCII, and check that it was.
            let mut k = [0u64; SHORT / 8];
            let mut raw = 0u64;
            let m = chunks_into(b, &mut k, |x| {
                raw |= x;
                normal8(x)
            });
            if raw & HIGH == 0 {
                return self.find(&k[..m], b.len());
            }
        }
        normalise_into(w, buf);
        self.find_bytes(buf.as_bytes())
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
    fn eight_bytes_at_once_normalise_as_one_at_a_time() {
        for b in 0u8..0x80 {
            for at in [0, 3, 7] {
                let x = normal8(u64::from(b) << (8 * at) | 0x41 << (8 * ((at + 1) % 8)));
                assert_eq!((x >> (8 * at)) as u8, normal_ascii(b), "byte {b:#x}");
            }
        }
    }

    #[test]
    fn every_stretch_of_a_short_text_reads_as_its_copy() {
        // Texts of 8 to 20 bytes, where a word can have fewer than eight
        // bytes both before its end and after its start.
        let t = WordTable::new(["a", "ab", "b", "said", "x0"]);
        for text in ["ab b said", "Ab B Said x1", "b said ab b ab x9 a"] {
            for s in 0..text.len() {
                for e in s + 1..=text.len() {
                    let mut buf = String::new();
                    normalise_into(&text[s..e], &mut buf);
                    let want = t.id_of_normalised(&buf);
                    assert_eq!(
                        t.id_in(text, s..e, &mut String::new()),
                        want,
                        "{text:?} {s}..{e}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_word_of_a_large_table_is_found() {
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}x")).collect();
        let t = WordTable::new(words.iter().map(|w| w.as_str()).chain(["w7x"]));
        assert_eq!(t.len(), 5000);
        for (k, w) in words.iter().enumerate() {
            assert_eq!(t.id_of_normalised(w), k as u32 + 1);
        }
        // Words read from inside a text, at its start and end too, of one
        // chunk and of two.
        let t2 = WordTable::new(["w0x", "said", "abcdefghijk", "tail"]);
        let text = "W7x SAID abcdefghijK, w12345678901234567x tail";
        let mut buf = String::new();
        for w in text.split([' ', ',']).filter(|w| !w.is_empty()) {
            let at = text.find(w).map(|s| s..s + w.len()).unwrap_or_default();
            normalise_into(w, &mut buf);
            let want = t2.id_of_normalised(&buf);
            assert_eq!(t2.id_in(text, at, &mut String::new()), want, "{w}");
        }
        assert_eq!(t2.id_in(text, text.len() - 4..text.len(), &mut buf), 4);
        assert_eq!(t2.id_in(text, 9..20, &mut buf), 3);
        let long = "a".repeat(100);
        assert_eq!(t.id(&long, &mut String::new()), UNKNOWN);
        assert_eq!(WordTable::default().id("said", &mut String::new()), UNKNOWN);
        assert_eq!(
            WordTable::new([long.as_str()]).id(&long.to_uppercase(), &mut String::new()),
            1
        );
    }
}
