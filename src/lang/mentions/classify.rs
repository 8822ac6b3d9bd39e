//! **classify** — the type of a speaker phrase.
//!
//! Reads: the phrase's text. Gives: its [`SpeakerType`] from its core
//! ([`core_phrase`]: the phrase before an apposition, or the name after a
//! role) and the core's head: a pronoun by its person, an outlet by the
//! gazetteer or its last word, anonymous, group, organization, document
//! (unknown) or role nouns, else a person when a name or title is in it.
//! Guarantees: one type for every phrase, `Unknown` when nothing tells.

use super::is_name_word;
use crate::doc::{Span, SpeakerType};
use crate::lang::text::{is_capitalized, more_words_than};
use crate::lexicon::{Lexicons, WordHashBuilder, has_lower};

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The core of a speaker phrase: the phrase before any apposition or
/// parenthetical ("Jane Roe" of "Jane Roe, a spokeswoman for the agency"),
/// or the name after a role that names nobody itself ("Marcus Hale" of
/// "Her spokesman, Marcus Hale", of "Trump's attorney, Alan Garten").
pub fn core_phrase<'a>(lex: &Lexicons, s: &'a str) -> &'a str {
    let first = s.split([',', '(']).next().unwrap_or(s).trim();
    let Some(second) = s.split(',').nth(1).map(str::trim) else {
        return first;
    };
    let names_someone = |w: &str| {
        is_name_word(lex, w) && !lex.determiners.has(w) && !w.ends_with("'s") && !w.ends_with("’s")
    };
    let second_is_a_name = !second.is_empty() && second.split_whitespace().all(is_capitalized);
    if second_is_a_name && !first.split_whitespace().any(names_someone) {
        second
    } else {
        first
    }
}

/// Is `core` the name of a news outlet: a known one ("The Washington
/// Post", "the AP", "Murdoch's Fox News"), or capitalized words ending in
/// a word that names papers and broadcasters ("the Riverside Gazette")?
/// A known outlet's name after a first name is a person's ("Tom Fox").
fn is_outlet(lex: &Lexicons, core: &str) -> bool {
    let starts = std::iter::once(0).chain(core.match_indices(' ').map(|(i, _)| i + 1));
    for start in starts {
        let before = core[..start].trim_end();
        let owner = before.is_empty()
            || before.eq_ignore_ascii_case("the")
            || before.ends_with("'s")
            || before.ends_with("’s");
        if owner && lex.outlets.contains(&core[start..]) {
            return true;
        }
    }
    // Two or more words, all capitalized but a leading "the", the last
    // an outlet word; read in one pass, without collecting the words.
    let mut words = core.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if !first.eq_ignore_ascii_case("the") && !is_capitalized(first) {
        return false;
    }
    let mut last = None;
    for w in words {
        if !is_capitalized(w) {
            return false;
        }
        last = Some(w);
    }
    last.is_some_and(|w| lex.outlet_words.contains(w))
}

thread_local! {
    /// Types of phrases already classified on this thread, with the
    /// lexicons they were classified by: the same phrases ("he", "the
    /// spokesman", a name) come back cue after cue and article after
    /// article, and typing one costs some thousand instructions.
    static TYPES: RefCell<Memo> = RefCell::new(Memo::default());
}

/// A memo of phrase types for one set of lexicons.
#[derive(Default)]
struct Memo {
    /// The address of the lexicons the types are of.
    lex: usize,
    types: HashMap<Box<str>, SpeakerType, WordHashBuilder>,
}

/// Phrases kept at most: the memo is cleared when it reaches this many,
/// which bounds its memory on any input.
const MEMO_LIMIT: usize = 1 << 16;

/// The type of the speaker phrase `span`. The type depends on the
/// phrase's text alone, so it is remembered by that text.
pub fn classify(lex: &Lexicons, text: &str, span: Span) -> SpeakerType {
    let s = &text[span.range()];
    TYPES.with(|m| {
        let mut m = m.borrow_mut();
        let id = lex as *const Lexicons as usize;
        if m.lex != id || m.types.len() >= MEMO_LIMIT {
            m.lex = id;
            m.types.clear();
        }
        if let Some(&t) = m.types.get(s) {
            return t;
        }
        let t = classify_phrase(lex, s);
        m.types.insert(s.into(), t);
        t
    })
}

/// `w` in lower case, as [`has_lower`] looks it up: borrowed when it
/// already is.
fn fold(w: &str) -> Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Does `s` say "anonymity" or "anonymously"? One search for their
/// common start, with a searcher built once.
fn mentions_anonymity(s: &str) -> bool {
    static ANONYM: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("anonym"));
    ANONYM.find_iter(s.as_bytes()).any(|i| {
        let rest = &s.as_bytes()[i + "anonym".len()..];
        rest.starts_with(b"ity") || rest.starts_with(b"ously")
    })
}

/// The type of the speaker phrase `s`.
fn classify_phrase(lex: &Lexicons, s: &str) -> SpeakerType {
    let mut core = core_phrase(lex, s);
    // "a spokesman for the campaign", "Prof. Anand Rao of Valley State
    // University": the head comes before the modifier.
    for finder in &lex.modifier_prep_finders {
        if let Some(i) = finder.find(core.as_bytes()) {
            let before = &core[..i];
            let last = before.rsplit(' ').next().unwrap_or(before);
            let org_name = lex.org_words.contains(last);
            if !org_name && (!is_capitalized(last) || more_words_than(before, 1)) {
                core = before;
            }
        }
    }
    let words: Vec<&str> = core
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let Some(&head) = words.last() else {
        return SpeakerType::Unknown;
    };
    if words.len() == 1 && lex.pronouns.has(head) {
        return if lex.person_pronouns.has(head) {
            SpeakerType::Person
        } else if lex.group_pronouns.has(head) {
            SpeakerType::Group
        } else {
            SpeakerType::Unknown
        };
    }
    if is_outlet(lex, core) {
        return SpeakerType::Outlet;
    }
    if mentions_anonymity(s) {
        return SpeakerType::Anonymous;
    }
    let indefinite = lex.indefinites.has(words[0]);
    let has_name = words
        .iter()
        .skip(1)
        .any(|w| is_name_word(lex, w) && !lex.org_words.contains(w))
        || (is_name_word(lex, words[0])
            && !lex.org_words.contains(words[0])
            && !lex.determiners.has(words[0]));
    // The head folded once for the lists below (what `has_lower` folds
    // it to each time).
    let lower = fold(head);
    let lower = lower.as_ref();
    if lex.anonymous_nouns.contains(lower) && (indefinite || !has_name) {
        return SpeakerType::Anonymous;
    }
    let plural_role = head
        .strip_suffix('s')
        .is_some_and(|h| h.len() > 2 && has_lower(&lex.role_nouns, h));
    let share = head == "percent"
        || s.ends_with('%')
        || (head.chars().all(|c| c.is_ascii_digit()) && words.len() >= 3);
    if lex.group_nouns.contains(lower) || plural_role || share {
        return SpeakerType::Group;
    }
    // (The entries are ASCII: a word with other characters is none of them.)
    let org_head =
        (head.is_ascii() && lex.org_words_lower.contains(lower)) || lex.org_nouns.contains(lower);

    if org_head || words.iter().any(|w| lex.org_words.contains(w)) {
        return SpeakerType::Organization;
    }
    if lex.document_nouns.contains(lower) {
        return SpeakerType::Unknown;
    }
    if lex.role_nouns.contains(lower) || words.iter().any(|w| lex.titles.contains(w)) || has_name {
        return SpeakerType::Person;
    }
    SpeakerType::Unknown
}
