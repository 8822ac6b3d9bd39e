//! **mentions** — speaker candidates.
//!
//! Reads: the text around a cue. Adds: a [`Mention`](crate::doc::Mention)
//! — the noun phrase that ends just before a cue ([`before`]: "Rep. Jane
//! Roe (D-Ore.) said", "Jane Roe, a spokeswoman for the agency, said", "a
//! senior official told"), starts just after it ([`after`]: "said the
//! spokesman") or is the subject of its sentence ([`subject`]: "She shook
//! her head and said"), typed by [`classify`] as person, outlet
//! (gazetteer), organization, group, anonymous or unknown.
//! Guarantees: a mention lies within the bounds it was given, starts and
//! ends on a word or closing bracket, and contains a name, a pronoun or a
//! known role/group/document noun at its head.
//!
//! One file per finder: [`before`](mod@before), [`after`](mod@after),
//! [`subject`](mod@subject) (with the test for opening words), and
//! [`classify`](mod@classify); the word tests they share are here. Every
//! word they test comes from the document's [`Lexicons`].

mod after;
mod before;
mod classify;
mod subject;

pub use after::after;
pub use before::before;
pub use classify::{classify, core_phrase};
pub use subject::{is_coordinated, is_opener, subject};

use super::text::is_capitalized;
use crate::lexicon::{Lexicons, has_lower};

pub(super) fn is_nounish(lex: &Lexicons, w: &str) -> bool {
    let known = |w: &str| has_lower(&lex.nounish, w);
    // Plurals of role nouns: "senators", "strategists", "attorneys".
    known(w) || w.strip_suffix('s').is_some_and(|s| s.len() > 2 && known(s))
}

/// "Twenty-four", "forty": a number written out.
pub(super) fn is_number_word(lex: &Lexicons, w: &str) -> bool {
    w.split('-').all(|part| lex.number_words.has(part))
}

/// A time word between a speaker and its cue: "later", "Thursday"; a
/// capitalized one only if it is a day ("Rex Early said" names a person).
pub(super) fn is_time_word(lex: &Lexicons, w: &str) -> bool {
    lex.time_words.has(w) && (!is_capitalized(w) || lex.is_calendar_word(w))
}

/// Prepositions, conjunctions and other words that never belong to a
/// speaker phrase.
pub fn is_function_word(lex: &Lexicons, w: &str) -> bool {
    lex.function_words.has(w) || lex.auxiliaries.has(w)
}

pub(super) fn is_name_word(lex: &Lexicons, w: &str) -> bool {
    lex.is_name_word(w)
}
