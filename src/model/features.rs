//! The model's features: for each token, one value per [`Template`]. A
//! value is a small integer (a word id, a shape, a class), so a token's
//! score for a label is a sum of table entries: no strings, no hashing
//! beyond one word look-up per token.
//!
//! Templates read the token and its neighbours: the word (two each
//! side), its suffix, shape, word class from the lexicons, the cue it is
//! part of, its quote state and position, what the rules claimed of it,
//! and facts about its sentence (a cue before it, after it, a rule claim
//! in it, a quote in it).

use std::collections::HashMap;

use super::vocab::{self, WordTable};
use crate::doc::{Claim, CueClass, Doc, Form, Kind, Span, Token, TokenCue, TokenShape};
use crate::lexicon::{Lexicons, WordHashBuilder, has_lower};

/// The feature templates, in the order their values are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum Template {
    Word,
    WordBefore,
    WordAfter,
    Word2Before,
    Word2After,
    Suffix,
    Shape,
    ShapeBefore,
    ShapeAfter,
    Class,
    ClassBefore,
    ClassAfter,
    Cue,
    CueBefore,
    CueAfter,
    Quote,
    Position,
    Rule,
    RuleBefore,
    RuleAfter,
    Sentence,
    Bias,
}

/// The number of templates.
pub const NT: usize = 22;

impl Template {
    pub const ALL: [Template; NT] = [
        Template::Word,
        Template::WordBefore,
        Template::WordAfter,
        Template::Word2Before,
        Template::Word2After,
        Template::Suffix,
        Template::Shape,
        Template::ShapeBefore,
        Template::ShapeAfter,
        Template::Class,
        Template::ClassBefore,
        Template::ClassAfter,
        Template::Cue,
        Template::CueBefore,
        Template::CueAfter,
        Template::Quote,
        Template::Position,
        Template::Rule,
        Template::RuleBefore,
        Template::RuleAfter,
        Template::Sentence,
        Template::Bias,
    ];

    /// How many values the template takes, given the sizes of the word
    /// and suffix tables.
    pub fn size(self, words: usize, suffixes: usize) -> usize {
        match self {
            // 0 unknown, 1..=words, words + 1 beyond the sequence.
            Template::Word
            | Template::WordBefore
            | Template::WordAfter
            | Template::Word2Before
            | Template::Word2After => words + 2,
            Template::Suffix => suffixes + 1,
            Template::Shape | Template::ShapeBefore | Template::ShapeAfter => TokenShape::COUNT + 1,
            Template::Class | Template::ClassBefore | Template::ClassAfter => CLASSES + 1,
            Template::Cue | Template::CueBefore | Template::CueAfter => CUE_CODES + 1,
            Template::Quote => crate::doc::QuoteState::COUNT,
            Template::Position => Token::POSITIONS,
            Template::Rule | Template::RuleBefore | Template::RuleAfter => RULE_MARKS + 1,
            Template::Sentence => 16,
            Template::Bias => 1,
        }
    }
}

/// Word classes from the lexicons.
pub const CLASSES: usize = 24;

/// The word class of a normalised word: which closed list or lexicon it
/// is in (the first that holds it), 0 for none.
pub fn word_class(lex: &Lexicons, w: &str) -> u8 {
    let mut buf = [0u8; 32];
    let owned;
    let capitalized: &str = if w.is_ascii() && w.len() <= buf.len() {
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf[0] = buf[0].to_ascii_uppercase();
        std::str::from_utf8(&buf[..w.len()]).unwrap_or(w)
    } else {
        let mut c = w.chars();
        owned = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default();
        &owned
    };
    let plural_role = w
        .strip_suffix('s')
        .is_some_and(|s| s.len() > 2 && has_lower(&lex.role_nouns, s));
    let checks: [bool; CLASSES - 1] = [
        !w.chars().any(char::is_alphanumeric),
        lex.pronouns.has(w),
        lex.object_pronouns.has(w),
        lex.reflexives.has(w),
        lex.relatives.has(w),
        lex.determiners.has(w),
        lex.function_words.has(w),
        lex.auxiliaries.has(w),
        has_lower(&lex.role_nouns, w),
        plural_role,
        has_lower(&lex.group_nouns, w),
        has_lower(&lex.anonymous_nouns, w),
        has_lower(&lex.document_nouns, w),
        has_lower(&lex.org_nouns, w),
        lex.org_words.contains(capitalized),
        lex.titles.contains(capitalized),
        lex.first_names.contains_key(capitalized),
        lex.is_calendar_word(capitalized),
        w.split('-').all(|p| lex.number_words.has(p)),
        has_lower(&lex.channel_nouns, w),
        has_lower(&lex.work_nouns, w),
        lex.time_words.has(w),
        lex.outlets.contains(capitalized),
    ];
    checks.iter().position(|&c| c).map_or(0, |i| i as u8 + 1)
}

/// What the rules claimed of a token: 0 nothing; else the part (content
/// of a direct quote, reported content, speaker, cue), whether it begins
/// that part, and whether the rule is a less reliable one.
pub const RULE_MARKS: usize = 16;

fn rule_mark(part: u8, begins: bool, reliable: bool) -> u8 {
    1 + part * 2 + u8::from(!begins) + if reliable { 0 } else { 8 }
}

/// Marks each token of `doc` with what the claims say of it.
pub fn rule_marks(doc: &Doc, claims: &[Claim], out: &mut Vec<u8>) {
    out.clear();
    out.resize(doc.tokens.len(), 0);
    let mark = |span: Span, part: u8, reliable: bool, out: &mut Vec<u8>| {
        let r = crate::lang::tokens::tokens_in(doc, span);
        for (k, i) in r.enumerate() {
            if out[i] == 0 {
                out[i] = rule_mark(part, k == 0, reliable);
            }
        }
    };
    for c in claims {
        let reliable = c.confidence >= 0.8;
        if let Some(s) = c.cue {
            mark(s, 3, reliable, out);
        }
        if let Some(s) = c.speaker {
            mark(s, 2, reliable, out);
        }
        let part = if c.kind == Kind::Direct { 0 } else { 1 };
        for &s in &c.content {
            mark(s, part, reliable, out);
        }
    }
}

/// Facts about each token's sentence, as a 4-bit value: a cue of the
/// lexicon before the token in its sentence (1), after it (2), a rule
/// claim's content in the sentence (4), a double quote in it (8).
pub fn sentence_facts(doc: &Doc, marks: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.resize(doc.tokens.len(), 0);
    let toks = &doc.tokens;
    let mut i = 0;
    while i < toks.len() {
        let s = toks[i].sentence;
        // One pass over the sentence for its facts, one to write them.
        let (mut j, mut claimed, mut quoted, mut total) = (i, false, false, 0);
        while j < toks.len() && toks[j].sentence == s {
            claimed |= matches!(marks[j] % 8, 1..=4);
            quoted |= toks[j].shape == TokenShape::DoubleQuote;
            total += usize::from(is_cue_start(&toks[j]));
            j += 1;
        }
        let base = if claimed { 4 } else { 0 } | if quoted { 8 } else { 0 };
        // Without branches: a cue before the token, one after it.
        let mut before = 0;
        for (v, t) in out[i..j].iter_mut().zip(&toks[i..j]) {
            let start = usize::from(is_cue_start(t));
            *v = base | u8::from(before > 0) | u8::from(total - before - start > 0) << 1;
            before += start;
        }
        i = j;
    }
}

fn is_cue_start(t: &Token) -> bool {
    t.cue.is_some_and(|c| c.begins)
}

/// The number of distinct [`cue_code`] values.
pub const CUE_CODES: usize = 1 + 3 * 5 * 2;

/// The value of the cue templates for a token in `cue`: 0 outside any
/// cue, else 1 + (class × 5 + form) × 2, plus 1 inside the cue (not its
/// first token).
pub fn cue_code(cue: Option<TokenCue>) -> u8 {
    let Some(c) = cue else { return 0 };
    let class = match c.class {
        CueClass::Speech => 0,
        CueClass::Belief => 1,
        CueClass::AccordingTo => 2,
    };
    let form = match c.form {
        Form::Base => 0,
        Form::ThirdSingular => 1,
        Form::Past => 2,
        Form::Gerund => 3,
        Form::Participle => 4,
    };
    1 + (class * 5 + form) * 2 + u8::from(!c.begins)
}

/// The longest sequence the model labels, in tokens: a longer paragraph
/// is cut at sentence ends (or, for a sentence longer than this, inside
/// it), so that the work stays linear on any input.
pub const MAX_SEQUENCE: usize = 400;

/// The sequences the model labels: the tokens of each paragraph, cut
/// into pieces of at most [`MAX_SEQUENCE`] tokens, at a sentence end where
/// one is near.
pub fn sequences(doc: &Doc, out: &mut Vec<std::ops::Range<usize>>) {
    out.clear();
    let toks = &doc.tokens;
    let mut i = 0;
    while i < toks.len() {
        let p = toks[i].paragraph;
        let mut end = i;
        while end < toks.len() && toks[end].paragraph == p {
            end += 1;
        }
        let mut start = i;
        while end - start > MAX_SEQUENCE {
            // The last sentence start within reach, else a hard cut.
            let cut = (start + 1..=start + MAX_SEQUENCE)
                .rev()
                .find(|&k| toks[k].position & Token::SENTENCE_START != 0)
                .unwrap_or(start + MAX_SEQUENCE);
            out.push(start..cut);
            start = cut;
        }
        out.push(start..end);
        i = end;
    }
}

/// The per-document inputs of [`encode`] (and of
/// [`super::Model::emissions_of`]): a word id, suffix id, word class,
/// shape and cue code for each token, the rule marks and the sentence
/// facts. Kept from one document to the next (its buffers are reused).
#[derive(Debug, Default)]
pub struct DocInputs {
    pub words: Vec<u32>,
    pub suffixes: Vec<u32>,
    pub classes: Vec<u8>,
    /// Each token's small values, read together: see [`Packed`].
    pub packed: Vec<Packed>,
    pub marks: Vec<u8>,
    pub facts: Vec<u8>,
    buf: String,
    norm: String,
    /// The class of each unknown word met in the documents of the
    /// lexicons `unknown_of` (the address of their lists): the same names
    /// come back, and a class costs some twenty set look-ups. Kept from
    /// one document to the next while their lexicons are the same, and
    /// emptied when it holds [`UNKNOWN_CACHE`] words.
    unknown: HashMap<Box<str>, u8, WordHashBuilder>,
    unknown_of: usize,
}

/// The most unknown words whose classes a thread keeps.
const UNKNOWN_CACHE: usize = 1 << 16;

/// A token's values of the templates that read a byte: shape, word
/// class, cue code, rule mark, quote state, position bits and sentence
/// facts (the fields' order), then 0.
pub type Packed = [u8; 8];

/// The [`Packed`] fields, by index.
pub const P_SHAPE: usize = 0;
pub const P_CLASS: usize = 1;
pub const P_CUE: usize = 2;
pub const P_RULE: usize = 3;
pub const P_QUOTE: usize = 4;
pub const P_POSITION: usize = 5;
pub const P_FACTS: usize = 6;

/// The [`Packed`] values of a neighbour beyond the sequence (the fields
/// read of neighbours only: shape, class, cue, rule).
pub const BEYOND: Packed = [
    TokenShape::COUNT as u8,
    CLASSES as u8,
    CUE_CODES as u8,
    RULE_MARKS as u8,
    0,
    0,
    0,
    0,
];

/// What the encoder needs of the model: its word and suffix tables and
/// the class of each known word.
pub struct Lookup<'a> {
    pub words: &'a WordTable,
    pub suffixes: &'a WordTable,
    /// The class of word id `k` at `word_classes[k]` (0 for unknown).
    pub word_classes: &'a [u8],
    /// The suffix id of word id `k` at `word_suffixes[k]`.
    pub word_suffixes: &'a [u32],
    pub lex: &'a Lexicons,
}

/// The suffix of a normalised word: its last three characters, for
/// words of more than three.
pub fn suffix(w: &str) -> Option<&str> {
    let n = w.chars().count();
    (n > 3).then(|| {
        let start = w.char_indices().nth(n - 3).map_or(0, |(i, _)| i);
        &w[start..]
    })
}

impl DocInputs {
    /// Fills the inputs for `doc`, whose claims are the rules'.
    pub fn fill(&mut self, doc: &Doc, claims: &[Claim], lk: &Lookup) {
        self.words.clear();
        self.suffixes.clear();
        self.classes.clear();
        self.packed.clear();
        let lex_id = lk.lex as *const Lexicons as usize;
        if self.unknown_of != lex_id || self.unknown.len() >= UNKNOWN_CACHE {
            self.unknown.clear();
            self.unknown_of = lex_id;
        }
        for t in &doc.tokens {
            let id = lk.words.id_in(&doc.text, t.span.range(), &mut self.buf);
            self.words.push(id);
            if id != vocab::UNKNOWN {
                self.classes.push(lk.word_classes[id as usize]);
                self.suffixes.push(if t.word {
                    lk.word_suffixes[id as usize]
                } else {
                    0
                });
                continue;
            }
            // An unknown word: its class and suffix from its letters.
            // (Its text is cut out only here: a known word's is not read.)
            let w = &doc.text[t.span.range()];
            vocab::normalise_into(w, &mut self.norm);
            let class = match self.unknown.get(self.norm.as_str()) {
                Some(&c) => c,
                None => {
                    let c = word_class(lk.lex, &self.norm);
                    self.unknown.insert(self.norm.as_str().into(), c);
                    c
                }
            };
            self.classes.push(class);
            let suf = if t.word {
                suffix(&self.norm).map_or(0, |s| lk.suffixes.id_of_normalised(s))
            } else {
                0
            };
            self.suffixes.push(suf);
        }
        rule_marks(doc, claims, &mut self.marks);
        sentence_facts(doc, &self.marks, &mut self.facts);
        self.packed
            .extend(doc.tokens.iter().enumerate().map(|(i, t)| {
                [
                    t.shape as u8,
                    self.classes[i],
                    cue_code(t.cue),
                    self.marks[i],
                    t.quote as u8,
                    t.position,
                    self.facts[i],
                    0,
                ]
            }));
    }
}

/// Appends the template values of tokens `range` of `doc` to `out` (NT
/// values per token). Neighbours outside `range` count as beyond the
/// sequence.
pub fn encode(
    doc: &Doc,
    inp: &DocInputs,
    range: std::ops::Range<usize>,
    vocab_size: usize,
    out: &mut Vec<u32>,
) {
    let beyond_word = vocab_size as u32 + 1;
    let (lo, hi) = (range.start, range.end);
    let at =
        |k: isize| -> Option<usize> { (k >= lo as isize && k < hi as isize).then_some(k as usize) };
    for i in range.clone() {
        let t = &doc.tokens[i];
        let ii = i as isize;
        let word = |d: isize| at(ii + d).map_or(beyond_word, |k| inp.words[k]);
        let shape =
            |d: isize| at(ii + d).map_or(TokenShape::COUNT as u32, |k| doc.tokens[k].shape as u32);
        let class = |d: isize| at(ii + d).map_or(CLASSES as u32, |k| inp.classes[k] as u32);
        let cue =
            |d: isize| at(ii + d).map_or(CUE_CODES as u32, |k| cue_code(doc.tokens[k].cue) as u32);
        let rule = |d: isize| at(ii + d).map_or(RULE_MARKS as u32, |k| inp.marks[k] as u32);
        out.extend_from_slice(&[
            word(0),
            word(-1),
            word(1),
            word(-2),
            word(2),
            inp.suffixes[i],
            shape(0),
            shape(-1),
            shape(1),
            class(0),
            class(-1),
            class(1),
            cue(0),
            cue(-1),
            cue(1),
            t.quote as u32,
            t.position as u32,
            rule(0),
            rule(-1),
            rule(1),
            inp.facts[i] as u32,
            0,
        ]);
    }
}
