//! Language data: reporting verbs, titles, abbreviations, gazetteers. Each
//! list is a plain text file beside this module, one entry per line, sorted
//! and free of duplicates (a test checks), embedded at compile time.
//! Short closed lists that the rules are written around (determiners,
//! auxiliaries, time words) are in [`words`].

pub mod words;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, non-cryptographic hasher for short words (the Fx hash of the
/// Rust compiler): the lexicons are fixed data, so flooding is no concern.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        for chunk in bytes.chunks(8) {
            let mut v = [0u8; 8];
            v[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(v)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`WordHasher`]s.
pub type WordHashBuilder = BuildHasherDefault<WordHasher>;

/// A set of words from a lexicon file.
pub type WordSet = HashSet<&'static str, WordHashBuilder>;

/// A verb with its inflections, from a line `base 3sg past gerund [participle]`.
#[derive(Debug, Clone)]
pub struct Verb {
    pub lemma: &'static str,
    pub forms: Vec<&'static str>,
}

/// The embedded lists, by file name, for tests and tooling.
pub const FILES: &[(&str, &str)] = &[
    ("abbreviations.txt", include_str!("en/abbreviations.txt")),
    ("addressee_verbs.txt", include_str!("en/addressee_verbs.txt")),
    ("anonymous_nouns.txt", include_str!("en/anonymous_nouns.txt")),
    ("belief_verbs.txt", include_str!("en/belief_verbs.txt")),
    ("channel_nouns.txt", include_str!("en/channel_nouns.txt")),
    ("colon_labels.txt", include_str!("en/colon_labels.txt")),
    ("cue_phrases.txt", include_str!("en/cue_phrases.txt")),
    ("cue_verbs.txt", include_str!("en/cue_verbs.txt")),
    ("document_nouns.txt", include_str!("en/document_nouns.txt")),
    ("female_names.txt", include_str!("en/female_names.txt")),
    ("group_nouns.txt", include_str!("en/group_nouns.txt")),
    ("male_names.txt", include_str!("en/male_names.txt")),
    ("naming_verbs.txt", include_str!("en/naming_verbs.txt")),
    ("org_nouns.txt", include_str!("en/org_nouns.txt")),
    ("org_words.txt", include_str!("en/org_words.txt")),
    ("outlet_words.txt", include_str!("en/outlet_words.txt")),
    ("outlets.txt", include_str!("en/outlets.txt")),
    ("quote_only_verbs.txt", include_str!("en/quote_only_verbs.txt")),
    ("role_nouns.txt", include_str!("en/role_nouns.txt")),
    ("titles.txt", include_str!("en/titles.txt")),
    ("work_nouns.txt", include_str!("en/work_nouns.txt")),
];

fn file(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("lexicon file {name} is not embedded"))
}

fn lines(name: &str) -> impl Iterator<Item = &'static str> {
    file(name).lines().map(str::trim).filter(|l| !l.is_empty())
}

fn set(name: &str) -> WordSet {
    lines(name).collect()
}

fn verbs(name: &str) -> Vec<Verb> {
    lines(name)
        .map(|l| {
            let forms: Vec<&'static str> = l.split_whitespace().collect();
            Verb {
                lemma: forms[0],
                forms,
            }
        })
        .collect()
}

/// All word lists, loaded once per [`crate::Pipeline`] and read by every
/// stage.
pub struct Lexicons {
    pub cue_verbs: Vec<Verb>,
    pub belief_verbs: Vec<Verb>,
    /// Multiword reporting expressions ("made clear", "pointed out").
    pub cue_phrases: Vec<&'static str>,
    pub addressee_verbs: WordSet,
    /// Verbs whose quoted part names or describes ("called it “shameful”"):
    /// the content ends with the quote.
    pub naming_verbs: WordSet,
    /// Verbs that introduce quotations but not reported clauses ("he
    /// continued: “...”" but not "he continues to ...").
    pub quote_only_verbs: WordSet,
    /// Labels that stand before a colon without being speakers ("Q:",
    /// "Breaking:", "The Latest:").
    pub colon_labels: WordSet,
    /// Kinds of works whose titles stand in quotes ("the song “Blue
    /// Harbor”"): a quote right after one is a title, not speech.
    pub work_nouns: WordSet,
    pub abbreviations: WordSet,
    pub titles: WordSet,
    pub role_nouns: WordSet,
    pub group_nouns: WordSet,
    pub anonymous_nouns: WordSet,
    pub document_nouns: WordSet,
    pub channel_nouns: WordSet,
    pub org_words: WordSet,
    /// `org_words` in lower case, for look-ups that ignore case.
    pub org_words_lower: HashSet<String, WordHashBuilder>,
    /// Lower-case nouns naming organizations ("the office", "the union").
    pub org_nouns: WordSet,
    pub outlets: WordSet,
    /// Last words of the names of papers and broadcasters ("Gazette").
    pub outlet_words: WordSet,
    /// Role, group, anonymous, document and organization nouns together:
    /// the nouns that can head a speaker phrase.
    pub nounish: WordSet,
    /// Common first names, for the gender of `he` / `she`: `true` for a
    /// female name (a name on both lists counts as female).
    pub first_names: std::collections::HashMap<&'static str, bool, WordHashBuilder>,
}

impl Lexicons {
    pub fn load() -> Self {
        let nounish = [
            "role_nouns.txt",
            "group_nouns.txt",
            "anonymous_nouns.txt",
            "document_nouns.txt",
            "org_nouns.txt",
        ]
        .into_iter()
        .flat_map(lines)
        .collect();
        Lexicons {
            nounish,
            cue_verbs: verbs("cue_verbs.txt"),
            belief_verbs: verbs("belief_verbs.txt"),
            cue_phrases: lines("cue_phrases.txt").collect(),
            addressee_verbs: set("addressee_verbs.txt"),
            naming_verbs: set("naming_verbs.txt"),
            quote_only_verbs: set("quote_only_verbs.txt"),
            colon_labels: set("colon_labels.txt"),
            work_nouns: set("work_nouns.txt"),
            abbreviations: set("abbreviations.txt"),
            titles: set("titles.txt"),
            role_nouns: set("role_nouns.txt"),
            group_nouns: set("group_nouns.txt"),
            anonymous_nouns: set("anonymous_nouns.txt"),
            document_nouns: set("document_nouns.txt"),
            channel_nouns: set("channel_nouns.txt"),
            org_words: set("org_words.txt"),
            org_words_lower: lines("org_words.txt")
                .map(str::to_ascii_lowercase)
                .collect(),
            org_nouns: set("org_nouns.txt"),
            outlets: set("outlets.txt"),
            outlet_words: set("outlet_words.txt"),
            first_names: lines("male_names.txt")
                .map(|n| (n, false))
                .chain(lines("female_names.txt").map(|n| (n, true)))
                .collect(),
        }
    }
}

/// A short closed list of words (determiners, auxiliaries, prepositions),
/// in lower case and sorted (checked when the constant is built), looked
/// up ignoring ASCII case. Each word of up to 16 bytes is packed into a
/// `u128`, first byte highest, so that integer order is string order: a
/// look-up is a length-mask test and a binary search over integers. The
/// lists are code, not lexicon files: the rules are written around them.
pub struct WordList<const N: usize> {
    keys: [u128; N],
    /// Bit `n` is set when some entry has `n` bytes.
    lengths: u32,
}

/// `w`, lower-cased (ASCII) and packed first byte highest; `None` when
/// longer than 16 bytes.
const fn pack(w: &[u8]) -> Option<u128> {
    if w.len() > 16 {
        return None;
    }
    let mut key = 0u128;
    let mut i = 0;
    while i < w.len() {
        key |= (w[i].to_ascii_lowercase() as u128) << (8 * (15 - i));
        i += 1;
    }
    Some(key)
}

impl<const N: usize> WordList<N> {
    pub const fn new(words: [&'static str; N]) -> Self {
        let mut keys = [0u128; N];
        let mut lengths = 0u32;
        let mut i = 0;
        while i < N {
            let b = words[i].as_bytes();
            let Some(key) = pack(b) else {
                panic!("closed-list words have at most 16 bytes");
            };
            let mut j = 0;
            while j < b.len() {
                assert!(!b[j].is_ascii_uppercase(), "closed lists are lower case");
                j += 1;
            }
            assert!(i == 0 || keys[i - 1] < key, "closed lists are sorted");
            keys[i] = key;
            lengths |= 1 << b.len();
            i += 1;
        }
        WordList { keys, lengths }
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
}

/// Looks `word` up in a set of lower-case entries without allocating for
/// short ASCII words.
pub fn has_lower<S>(set: &HashSet<S, WordHashBuilder>, word: &str) -> bool
where
    S: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    let b = word.as_bytes();
    if !b.iter().any(|c| c.is_ascii_uppercase()) && b.is_ascii() {
        return set.contains(word); // already lower case
    }
    if b.len() <= 32 && b.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII in, ASCII out.
        let lower = std::str::from_utf8(&buf[..b.len()]).unwrap_or_default();
        set.contains(lower)
    } else {
        set.contains(word.to_lowercase().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_duplicate_free() {
        for (name, text) in FILES {
            let lines: Vec<&str> = text.lines().collect();
            for w in lines.windows(2) {
                assert!(
                    w[0] < w[1],
                    "{name}: {:?} must sort before {:?}",
                    w[0],
                    w[1]
                );
            }
            assert!(
                lines.iter().all(|l| !l.trim().is_empty()),
                "{name}: blank line"
            );
        }
    }

    #[test]
    fn verb_lines_have_all_forms() {
        let lex = Lexicons::load();
        for v in lex.cue_verbs.iter().chain(&lex.belief_verbs) {
            assert!(
                (4..=5).contains(&v.forms.len()),
                "{}: want base, 3sg, past, gerund [, participle]",
                v.lemma
            );
        }
    }

    #[test]
    fn word_lists_agree_with_a_linear_scan() {
        const WORDS: [&str; 5] = ["a", "an", "of", "the", "whether"];
        const L: WordList<5> = WordList::new(WORDS);
        for w in [
            "a", "A", "The", "THE", "of", "Whether", "x", "", "thee", "é", "ofé",
        ] {
            let linear = WORDS.iter().any(|x| x.eq_ignore_ascii_case(w));
            assert_eq!(L.has(w), linear, "{w}");
        }
    }

    #[test]
    fn lookup_ignores_case() {
        let lex = Lexicons::load();
        assert!(has_lower(&lex.role_nouns, "Spokesman"));
        assert!(!has_lower(&lex.role_nouns, "table"));
    }
}
