//! Words of names: first names and their gender, titles' gender,
//! initials, possessives, acronyms, the words glued before a name and
//! party or nation words; read by [`super::people`] and [`super::phrase`].

use crate::doc::Span;
use crate::lang::text::ascii_upper_bits;
use crate::lexicon::{Lexicons, has_lower};

/// Does `hay` in lower case hold `lower` (`hay.to_lowercase().contains(lower)`,
/// without the allocation when `hay` is ASCII)?
pub fn contains_lower(hay: &str, lower: &str) -> bool {
    if !hay.is_ascii() {
        return hay.to_lowercase().contains(lower);
    }
    let (h, n) = (hay.as_bytes(), lower.as_bytes());
    n.is_empty()
        || h.windows(n.len())
            .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

/// Does `hay` in lower case end with `lower` (as [`contains_lower`])?
pub fn ends_with_lower(hay: &str, lower: &str) -> bool {
    if !hay.is_ascii() {
        return hay.to_lowercase().ends_with(lower);
    }
    let (h, n) = (hay.as_bytes(), lower.as_bytes());
    h.len() >= n.len()
        && h[h.len() - n.len()..]
            .iter()
            .zip(n)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
}

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

/// The capitalized words of `text` with their byte spans, in order: runs
/// of letters of any script (and the odd characters of a garbled name,
/// "SarukhÃ\u{fffd}Â¡n"), periods, apostrophes and hyphens that start
/// with an upper-case letter. A word's last period goes unless the word
/// is an initial ("J."). Only capitalized words can be names, so the
/// others are skipped unread: one pass over the bytes, decoding only
/// where a byte is not ASCII.
pub fn words(text: &str) -> Vec<(Span, &str)> {
    let b = text.as_bytes();
    let ascii_part = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'\'' | b'-');
    let part = |c: char| {
        c.is_alphanumeric()
            || matches!(c, '.' | '\'' | '’' | '-')
            || !(c.is_whitespace()
                || c.is_ascii()
                || matches!(c, '“' | '”' | '‘' | '—' | '–' | '…' | '«' | '»'))
    };
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    // Is the character before byte `i` part of a word?
    let part_before = |i: usize| {
        text[..i].chars().next_back().is_some_and(|c| {
            if c.is_ascii() {
                ascii_part(c as u8)
            } else {
                part(c)
            }
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time over text with no capital and no
        // character outside ASCII (most of it), to the first that is one.
        if i + 8 <= b.len() {
            let x = u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
            let stops = ascii_upper_bits(x) | (x & 0x8080_8080_8080_8080);
            if stops == 0 {
                i += 8;
                continue;
            }
            i += (stops.trailing_zeros() / 8) as usize;
        }
        let c = b[i];
        let (upper, len) = if c < 0x80 {
            (c.is_ascii_uppercase(), 1)
        } else {
            let ch = char_at(i);
            (ch.is_uppercase(), ch.len_utf8())
        };
        if !upper || part_before(i) {
            i += len;
            continue;
        }
        // A capitalized word: read to its end.
        let start = i;
        let mut j = i + len;
        while j < b.len() {
            let c = b[j];
            let (p, l) = if c < 0x80 {
                (ascii_part(c), 1)
            } else {
                let ch = char_at(j);
                (part(ch), ch.len_utf8())
            };
            if !p {
                break;
            }
            j += l;
        }
        let mut end = j;
        let w = &text[start..end];
        if w.ends_with('.') && w.len() > 1 && !is_initial(w) {
            end -= 1;
        }
        out.push((Span::new(start, end), &text[start..end]));
        i = j;
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
    // The word lists fold ASCII case themselves; only a word in lower case
    // is capitalized for the lists written with capitals.
    let capital = if w.starts_with(|c: char| c.is_lowercase()) {
        let mut c = String::with_capacity(w.len());
        c.extend(w.chars().take(1).flat_map(char::to_uppercase));
        c.push_str(&w[w.chars().next().map_or(0, char::len_utf8)..]);
        std::borrow::Cow::Owned(c)
    } else {
        std::borrow::Cow::Borrowed(w)
    };
    let suffixed = |s: &str| {
        let b = s.as_bytes();
        let ends = |x: &[u8]| b.len() >= x.len() && b[b.len() - x.len()..].eq_ignore_ascii_case(x);
        ends(b"ed") || ends(b"ly") || ends(b"ing")
    };
    lex.function_words.has(w)
        || lex.auxiliaries.has(w)
        || lex.determiners.has(w)
        || lex.is_capitalized_determiner(w)
        || has_lower(&lex.role_nouns, w)
        || lex.titles.contains(w.trim_end_matches('.'))
        || lex.abbreviations.contains(w.trim_end_matches('.'))
        || lex.is_calendar_word(w)
        || lex.name_glue.contains(capital.as_ref())
        || is_party(lex, &capital)
        || (suffixed(w) && given_gender(lex, w).is_none())
}

/// A party's or a nation's word ("Republican", "Democrats", "Mexican",
/// "Americans").
pub fn is_party(lex: &Lexicons, w: &str) -> bool {
    let singular = w.strip_suffix('s').unwrap_or(w);
    lex.party_words.contains(w)
        || lex.demonyms.contains_key(w)
        || lex.demonyms.contains_key(singular)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_capitalized_ones() {
        let text = "met Ann O’Neil, Élodie Ñúñez and J. R. Lee of the N.A.A.C.P. today. Done.";
        let ws: Vec<&str> = words(text).into_iter().map(|w| w.1).collect();
        assert_eq!(
            ws,
            [
                "Ann",
                "O’Neil",
                "Élodie",
                "Ñúñez",
                "J.",
                "R.",
                "Lee",
                "N.A.A.C.P",
                "Done"
            ]
        );
        for (span, w) in words(text) {
            assert_eq!(&text[span.range()], w);
        }
    }
}
