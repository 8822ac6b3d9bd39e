//! **resolve** — who a speaker is, within one document.
//!
//! Reads: the claims (`doc.finished`) and the text. Adds: `doc.claims`,
//! the same with `speaker_resolved` on each claim:
//! a named speaker's name without titles, tags or apposition ("Rep. Jane
//! Roe (D-Ore.)" → "Jane Roe"); a surname alone to the full name used
//! earlier ("Okafor" → "Grace Okafor"); `he`/`she` to the nearest earlier
//! named person who spoke; a relative `who` to the phrase before it.
//! `speaker` stays as written.

use crate::doc::{Claim, Doc, Span, SpeakerType};
use crate::lang::mentions;
use crate::lang::names::{name_of, org_name, starts_upper};
use crate::lang::text::ceil_boundary;
use crate::lexicon::{Lexicons, WordHashBuilder, has_lower};
use std::collections::HashMap;

/// The stage: fills `doc.claims` from `doc.finished`, with
/// `speaker_resolved` on each.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    let mut claims = std::mem::take(&mut doc.claims);
    claims.clone_from(&doc.finished);
    resolve(r.lex(doc), &doc.text, &mut claims);
    doc.claims = claims;
}

/// Fills `speaker_resolved` for every claim of one document.
pub fn resolve(lex: &Lexicons, text: &str, claims: &mut [Claim]) {
    let mut names = Names::default();
    let mut words = Words::new(lex);
    for i in 0..claims.len() {
        let Some(span) = claims[i].speaker else {
            continue;
        };
        let (earlier, rest) = claims.split_at_mut(i);
        let claim = &mut rest[0];
        let recent = &earlier[i.saturating_sub(RECENT)..];
        let surface = &text[span.range()];
        let mut buf = [0u8; LOWER_BUF];
        let owned;
        let lower: &str = match lower_in(&mut buf, surface) {
            Some(l) => l,
            None => {
                owned = surface.to_ascii_lowercase();
                &owned
            }
        };
        let role = lower
            .strip_prefix("the ")
            .filter(|r| !r.contains(' ') && !r.is_empty())
            .filter(|r| has_lower(&lex.role_nouns, r) || has_lower(&lex.org_nouns, r));
        let resolved = if let Some(role) = role {
            role_antecedent(lex, text, role, recent)
        } else if let Some(want) = Gender::of_pronoun(lex, lower) {
            antecedent(lex, &mut words, text, span.start, want, recent)
        } else if lower == "who" {
            relative_antecedent(lex, text, span)
        } else if matches!(
            claim.speaker_type,
            SpeakerType::Organization | SpeakerType::Outlet
        ) {
            org_name(lex, surface)
        } else if claim.speaker_type == SpeakerType::Person && !lex.unresolved_pronouns.has(lower) {
            words
                .name_of(lex, surface)
                .map(|name| names.full(lex, text, span, name))
        } else {
            None
        };
        if let Some(full) = resolved.as_deref() {
            names.learn(full);
        }
        claim.speaker_resolved = resolved;
    }
}

/// Full names met so far in one document, for surnames alone.
#[derive(Default)]
struct Names {
    /// Surname → the first full name of an earlier speaker.
    known: HashMap<String, String, WordHashBuilder>,
    /// Surname → where the text search stopped and what it found.
    searched: HashMap<String, (usize, Option<String>), WordHashBuilder>,
}

/// What one document's words were found to be, kept because the same
/// speakers and the same capitalized words come back claim after claim
/// (each pronoun rereads the text before it): answers are pure functions
/// of the word, so keeping them changes nothing but the time.
struct Words<'t> {
    /// A speaker phrase → [`name_of`] it.
    names: HashMap<&'t str, Option<String>, WordHashBuilder>,
    /// A capitalized word → [`could_be_first_name`] it.
    unknown: HashMap<&'t str, bool, WordHashBuilder>,
    /// Bit `len % 64` of entry `hint(word)`: set for every first name of
    /// the list, so a clear bit proves a word is none (most capitalized
    /// words) without a hash lookup.
    firsts: [u64; 64],
}

impl<'t> Words<'t> {
    fn new(lex: &Lexicons) -> Self {
        let mut firsts = [0u64; 64];
        for name in lex.first_names.keys() {
            firsts[Self::hint(name)] |= 1 << (name.len() % 64);
        }
        Words {
            names: HashMap::default(),
            unknown: HashMap::default(),
            firsts,
        }
    }

    /// Where a word's bit lives: its first two bytes, folded.
    fn hint(w: &str) -> usize {
        let b = w.as_bytes();
        let (x, y) = (
            b.first().copied().unwrap_or(0),
            b.get(1).copied().unwrap_or(0),
        );
        (usize::from(x) * 7 + usize::from(y)) % 64
    }

    /// The gender of the first name `w` (one word), when it is in the list.
    fn gender(&self, lex: &Lexicons, w: &str) -> Option<Gender> {
        if self.firsts[Self::hint(w)] & (1 << (w.len() % 64)) == 0 {
            return None;
        }
        lex.first_names
            .get(w)
            .map(|&female| if female { Gender::Female } else { Gender::Male })
    }

    /// The gender of a full name's first word.
    fn gender_of(&self, lex: &Lexicons, name: &str) -> Option<Gender> {
        self.gender(lex, name.split_whitespace().next()?)
    }

    fn could_be_first_name(&mut self, lex: &Lexicons, w: &'t str) -> bool {
        *self
            .unknown
            .entry(w)
            .or_insert_with(|| could_be_first_name(lex, w))
    }

    fn name_of(&mut self, lex: &Lexicons, surface: &'t str) -> Option<String> {
        self.names
            .entry(surface)
            .or_insert_with(|| name_of(lex, surface))
            .clone()
    }
}

impl Names {
    /// Remembers a resolved full name by its surname.
    fn learn(&mut self, full: &str) {
        if full.contains(' ') {
            let surname = surname(full);
            // The first full name stays: look before allocating a key.
            if !self.known.contains_key(surname) {
                self.known.insert(surname.to_string(), full.to_string());
            }
        }
    }

    /// `name` as a full name: itself when it has several words, else (a
    /// surname alone) the full name of an earlier speaker, or one used
    /// anywhere in the text before `span`.
    fn full(&mut self, lex: &Lexicons, text: &str, span: Span, name: String) -> String {
        if name.contains(' ') {
            return name;
        }
        if let Some(full) = self.known.get(&name) {
            return full.clone();
        }
        if !self.searched.contains_key(&name) {
            self.searched.insert(name.clone(), (0, None));
        }
        let Some((from, found)) = self.searched.get_mut(&name) else {
            return name;
        };
        if found.is_none() && *from < span.start {
            *found = full_name_in_text(lex, text, *from, span.start, &name);
            *from = span.start;
        }
        found.clone().unwrap_or(name)
    }
}

/// What a relative "who" stands for: the phrase before it ("teachers
/// unions, who said ..."), by its name when it has one.
fn relative_antecedent(lex: &Lexicons, text: &str, who: Span) -> Option<String> {
    let head = text[..who.start]
        .trim_end()
        .trim_end_matches(',')
        .trim_end();
    mentions::before(lex, text, head.len().saturating_sub(200), head.len())
        .map(|m| &text[m.span.range()])
        .and_then(|np| name_of(lex, np).or_else(|| Some(np.to_string())))
}

/// What "the senator" or "the authority" refers to: for an organization
/// noun, the latest earlier organization whose name ends with it
/// ("Harborview Water Authority"), and no other (any other would be a
/// guess); for a role, the latest earlier named person whose phrase names
/// that role, by the word itself or by a title ("Sen. Jane Roe").
fn role_antecedent(lex: &Lexicons, text: &str, role: &str, earlier: &[Claim]) -> Option<String> {
    if has_lower(&lex.org_nouns, role) {
        return earlier.iter().rev().find_map(|c| {
            let name = c.speaker_resolved.as_deref()?;
            let last = surname(name);
            (c.speaker_type == SpeakerType::Organization && last.eq_ignore_ascii_case(role))
                .then(|| name.to_string())
        });
    }
    earlier.iter().rev().find_map(|c| {
        let name = c.speaker_resolved.as_deref()?;
        let surface = &text[c.speaker?.range()];
        let fits = c.speaker_type == SpeakerType::Person
            && name.contains(' ')
            && (surface.to_ascii_lowercase().contains(role)
                || lex
                    .title_roles
                    .iter()
                    .any(|(t, r)| *r == role && surface.split_whitespace().any(|w| w == *t)));
        fits.then(|| name.to_string())
    })
}

/// The last word of a name (all of it when it has one word): what
/// `name.rsplit(' ').next()` gives, by a byte search from the end.
fn surname(name: &str) -> &str {
    name.rfind(' ').map_or(name, |i| &name[i + 1..])
}

/// Speaker phrases up to this long are lowered on the stack.
const LOWER_BUF: usize = 64;

/// `s` in ASCII lower case, written into `buf`, when it fits.
fn lower_in<'b>(buf: &'b mut [u8; LOWER_BUF], s: &str) -> Option<&'b str> {
    let out = buf.get_mut(..s.len())?;
    out.copy_from_slice(s.as_bytes());
    out.make_ascii_lowercase();
    // Lowering ASCII letters keeps UTF-8 valid: this does not fail.
    std::str::from_utf8(out).ok()
}

/// Byte offset of the first `needle` in `hay`: a scan for its first byte
/// and a comparison at each (names are short and their capital is rare,
/// where a general searcher's set-up costs more than the search).
fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return Some(0);
    };
    memchr::memchr_iter(first, h).find(|&i| h[i + 1..].starts_with(rest))
}

/// Byte offset of the last `needle` in `hay`, as [`find`] finds the first.
fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return Some(h.len());
    };
    memchr::memrchr_iter(first, h).find(|&i| h[i + 1..].starts_with(rest))
}

/// How far back, in bytes, a pronoun looks for a name.
const ANTECEDENT_WINDOW: usize = 2000;

/// How many earlier claims a pronoun looks back through.
const RECENT: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

impl Gender {
    /// The gender a pronoun (in lower case) asks for: "he", "she".
    fn of_pronoun(lex: &Lexicons, lower: &str) -> Option<Gender> {
        if lex.male_pronouns.has_exact(lower) {
            Some(Gender::Male)
        } else if lex.female_pronouns.has_exact(lower) {
            Some(Gender::Female)
        } else {
            None
        }
    }
}

/// Does any of the eight bytes of `x` lie in `A`..=`Z`? (The classic SWAR
/// "byte strictly between m and n" test, exact for ASCII bounds.)
fn has_ascii_upper(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F * ONES;
    const HIGH: u64 = 0x80 * ONES;
    let y = x & LOW7;
    let below_n = (0x7F + b'Z' as u64 + 1) * ONES - y; // high bit: y < 'Z' + 1
    let above_m = y + (0x7F - (b'A' as u64 - 1)) * ONES; // high bit: y > 'A' - 1
    below_n & !x & above_m & HIGH != 0
}

/// The person `he` / `she` at byte `pos` most likely points to: the nearest
/// earlier mention, within a few paragraphs, of either a full name whose
/// first name has that gender or an earlier speaker of compatible gender.
fn antecedent<'t>(
    lex: &Lexicons,
    words: &mut Words<'t>,
    text: &'t str,
    pos: usize,
    want: Gender,
    earlier: &[Claim],
) -> Option<String> {
    let from = ceil_boundary(text, pos.saturating_sub(ANTECEDENT_WINDOW));
    let hay = &text[from..pos];
    let mut best: Option<(usize, String)> = None;
    // Full names with a first name of the wanted gender: the nearest one.
    // First names are ASCII, so a byte scan for capitalized words will do.
    let b = hay.as_bytes();
    let is_part = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'\'' | b'-');
    let word_end = |from: usize| from + b[from..].iter().take_while(|&&c| is_part(c)).count();
    // The first name at `i`, a middle initial maybe, and the surname.
    let full_name_at = |i: usize, first: &str| {
        let mut name = first.to_string();
        let mut at = i + first.len();
        for _ in 0..2 {
            let next_start = at + b[at..].iter().take_while(|&&c| c == b' ').count();
            if next_start == at || next_start >= b.len() || !b[next_start].is_ascii_uppercase() {
                break;
            }
            let next = &hay[next_start..word_end(next_start)];
            let bare = next.trim_end_matches(['.', ',']);
            // "Hillary Clinton's": the name without the possessive.
            let bare = bare
                .strip_suffix("'s")
                .or_else(|| bare.strip_suffix("’s"))
                .unwrap_or(bare);
            name.push(' ');
            name.push_str(bare);
            at = next_start + next.len();
            if !(bare.len() == 1 && next.ends_with('.')) {
                break;
            }
        }
        name
    };
    let mut unknown: Option<String> = None;
    let mut i = b.len();
    while i > 0 {
        // Eight bytes at a time back over text with no capital letter.
        if i >= 8 && !has_ascii_upper(u64::from_le_bytes(b[i - 8..i].try_into().expect("8"))) {
            i -= 8;
            continue;
        }
        i -= 1;
        let starts_word =
            b[i].is_ascii_uppercase() && (i == 0 || !is_part(b[i - 1]) && b[i - 1] < 0x80);
        if !starts_word {
            continue;
        }
        let first = &hay[i..word_end(i)];
        // One word (no spaces): its own first word.
        let gender = words.gender(lex, first);
        if gender.is_some_and(|g| g != want) {
            continue;
        }
        if gender.is_none() {
            // A first name the list does not know ("Aurelio Vantini"): the
            // last resort, if nothing better turns up.
            if unknown.is_none() && words.could_be_first_name(lex, first) {
                unknown = Some(full_name_at(i, first)).filter(|n| n.contains(' '));
            }
            continue;
        }
        let name = full_name_at(i, first);
        if name.contains(' ') {
            best = Some((i, name));
            break;
        }
    }
    // Earlier speakers, by the last place their surname appears.
    let mut seen: Vec<&str> = Vec::new();
    for c in earlier.iter().rev() {
        let Some(n) = c.speaker_resolved.as_deref().filter(|n| n.contains(' ')) else {
            continue;
        };
        if seen.contains(&n)
            || c.speaker_type != SpeakerType::Person
            || words.gender_of(lex, n).is_some_and(|g| g != want)
        {
            continue;
        }
        seen.push(n);
        let surname = surname(n);
        // Only a place after the best so far can win: search there.
        let from = best.as_ref().map_or(0, |(b, _)| ceil_boundary(hay, b + 1));
        if let Some(at) = rfind(&hay[from..], surname) {
            best = Some((from + at, n.to_string()));
        }
    }
    best.map(|(_, n)| n).or_else(|| {
        // No gendered name nearby: the latest earlier named speaker not known
        // to be of the other gender.
        earlier
            .iter()
            .rev()
            .filter(|c| c.speaker_type == SpeakerType::Person)
            .filter_map(|c| c.speaker_resolved.as_deref())
            .find(|n| n.contains(' ') && words.gender_of(lex, n).is_none_or(|g| g == want))
            .map(str::to_string)
            .or(unknown)
    })
}

/// Can `w`, capitalized, be a first name the name list lacks: not a word
/// of a closed list, a title, a day or an organization word?
fn could_be_first_name(lex: &Lexicons, w: &str) -> bool {
    w.len() > 1
        && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        && !mentions::is_function_word(lex, w)
        && !lex.is_capitalized_determiner(w)
        && !lex.pronouns.has(w)
        && !lex.is_calendar_word(w)
        && !lex.titles.contains(w)
        && !lex.org_words.contains(w)
}

/// The first "Firstname Surname" in `text[from..to]` ending in `surname`.
fn full_name_in_text(
    lex: &Lexicons,
    text: &str,
    from: usize,
    to: usize,
    surname: &str,
) -> Option<String> {
    let hay = &text[..to];
    let mut from = from;
    while let Some(i) = find(&hay[from..], surname) {
        let at = from + i;
        from = at + surname.len();
        let after_ok = text[from..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let Some(head) = text[..at].strip_suffix(' ') else {
            continue;
        };
        let window = ceil_boundary(head, head.len().saturating_sub(40));
        let prev_start = head[window..]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(window, |(j, c)| window + j + c.len_utf8());
        let prev = &head[prev_start..];
        let prev_bare = prev.trim_end_matches('.');
        if after_ok
            && starts_upper(prev)
            && !mentions::is_function_word(lex, prev)
            && !lex.is_capitalized_determiner(prev)
            && prev
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '-')
            && !lex.titles.contains(prev_bare)
            && !lex.abbreviations.contains(prev_bare)
            && prev_bare.len() == prev.len()
        {
            return Some(format!("{prev} {surname}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_letter_test_agrees_with_bytes() {
        for v in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abc, 1;\n";
                bytes[at] = v;
                let x = u64::from_le_bytes(bytes[..8].try_into().unwrap());
                assert_eq!(has_ascii_upper(x), v.is_ascii_uppercase(), "{v:#x} at {at}");
            }
        }
    }

    #[test]
    fn searches_agree_with_memmem() {
        let hay = "Okafor met Ann Okafor; OkaforX. Ñúñez and Ñ, O";
        for needle in ["Okafor", "O", "Ñúñez", "Ñ", "", "x", "Okafor;", ", O", "zz"] {
            let (h, n) = (hay.as_bytes(), needle.as_bytes());
            assert_eq!(find(hay, needle), memchr::memmem::find(h, n), "{needle:?}");
            assert_eq!(
                rfind(hay, needle),
                memchr::memmem::rfind(h, n),
                "{needle:?}"
            );
        }
    }

    #[test]
    fn pronouns_and_surnames() {
        let p = crate::Pipeline::rules_only();
        let text =
            "Grace Okafor runs the council. \"We will vote,\" Okafor said. \"Soon,\" she added.";
        let claims = p.extract(text);
        let resolved: Vec<_> = claims
            .iter()
            .map(|c| c.speaker_resolved.as_deref())
            .collect();
        assert_eq!(resolved, vec![Some("Grace Okafor"), Some("Grace Okafor")]);
    }

    #[test]
    fn pronoun_after_non_ascii_surnames() {
        // The surname search resumes just after the nearest name found;
        // that must stay on a character boundary.
        let p = crate::Pipeline::rules_only();
        let text = "\"Maybe,\" Zorblat Reed said. \"Yes,\" Élodie Ñúñez said. \
                    Mary Smith nodded and Ñúñez smiled. \"No,\" she said.";
        let claims = p.extract(text);
        let last = claims.last().and_then(|c| c.speaker_resolved.as_deref());
        assert!(last.is_some(), "{claims:?}");
    }
}
