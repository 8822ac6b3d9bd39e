//! Words of names: first names and their gender, titles' gender,
//! initials, possessives, acronyms, the words glued before a name and
//! party or nation words; read by [`super::people`] and [`super::phrase`].

use crate::doc::Span;
use crate::lexicon::{Lexicons, has_lower};

/// Is `w` a first name of the lists: its gender (`true`: female).
pub fn given_gender(lex: &Lexicons, w: &str) -> Option<bool> {
    lex.given_names.get(w).copied()
}

/// The gender a title gives ("Mr." male, "Mrs." and "Ms." female).
pub fn title_gender(w: &str) -> Option<bool> {
    match w.trim_end_matches('.') {
        "Mr" => Some(false),
        "Mrs" | "Ms" | "Miss" => Some(true),
        _ => None,
    }
}

/// "J." (an initial).
pub fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

/// `w` without a possessive ending.
pub fn bare(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\''))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

/// The words of `text` with their byte spans: runs of characters that are
/// neither white space nor punctuation other than `.`, `'`, `’` and `-`.
pub fn words(text: &str) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    // Letters of any script, and the odd characters of a garbled name
    // ("SarukhÃ\u{fffd}Â¡n"), but no space, ASCII punctuation or quote mark.
    let is_part = |c: char| {
        c.is_alphanumeric()
            || matches!(c, '.' | '\'' | '’' | '-')
            || !(c.is_whitespace()
                || c.is_ascii()
                || matches!(c, '“' | '”' | '‘' | '—' | '–' | '…' | '«' | '»'))
    };
    for (i, c) in text.char_indices() {
        match (start, is_part(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((Span::new(s, i), &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((Span::new(s, text.len()), &text[s..]));
    }
    // A sentence's last word keeps no period, unless it is an initial.
    for w in &mut out {
        if w.1.ends_with('.') && !is_initial(w.1) && w.1.len() > 1 {
            let cut = w.1.len() - 1;
            w.1 = &w.1[..cut];
            w.0.end -= 1;
        }
    }
    out
}

/// "SVP", "FBI": capitals only (two or more), no person's name.
pub fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

/// Words glued to the front of a name by where it stands, not part of it:
/// a word ending in "-ed", "-ly" or "-ing" that is no first name, a
/// function word or determiner, a title or role, a day or month, or a
/// word of the glue list ("Rival", "Former", "Admiral").
pub fn glued(lex: &Lexicons, w: &str) -> bool {
    let lower = w.to_lowercase();
    let capital: String = w
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .chain(w.chars().skip(1))
        .collect();
    lex.function_words.has(&lower)
        || lex.auxiliaries.has(&lower)
        || lex.determiners.has(&lower)
        || lex.is_capitalized_determiner(w)
        || has_lower(&lex.role_nouns, &lower)
        || lex.titles.contains(w.trim_end_matches('.'))
        || lex.abbreviations.contains(w.trim_end_matches('.'))
        || lex.is_calendar_word(w)
        || lex.name_glue.contains(capital.as_str())
        || is_party(lex, &capital)
        || ((lower.ends_with("ed") || lower.ends_with("ly") || lower.ends_with("ing"))
            && given_gender(lex, w).is_none())
}

/// A party's or a nation's word ("Republican", "Democrats", "Mexican",
/// "Americans").
pub fn is_party(lex: &Lexicons, w: &str) -> bool {
    let singular = w.strip_suffix('s').unwrap_or(w);
    lex.party_words.contains(w)
        || lex.demonyms.contains_key(w)
        || lex.demonyms.contains_key(singular)
}
