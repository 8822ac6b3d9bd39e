//! **resolve** — who a speaker is, within one document.
//!
//! Reads: the claims and the text. Adds: `speaker_resolved` on each claim:
//! a named speaker's name without titles, tags or apposition ("Rep. Jane
//! Roe (D-Ore.)" → "Jane Roe"); a surname alone to the full name used
//! earlier ("Okafor" → "Grace Okafor"); `he`/`she` to the nearest earlier
//! named person who spoke; a relative `who` to the phrase before it.
//! `speaker` stays as written.

use crate::Pipeline;
use crate::attribute::Claim;
use crate::mentions::SpeakerType;
use std::collections::HashMap;

const NAME_PARTICLES: &[&str] = &["al", "bin", "de", "del", "der", "la", "van", "von"];

/// The name inside a speaker phrase: its last run of capitalized words that
/// are not titles, before any apposition or parenthetical.
pub fn name_of(p: &Pipeline, speaker: &str) -> Option<String> {
    let core = speaker.split([',', '(']).next().unwrap_or(speaker);
    let core = match speaker.split(',').nth(1).map(str::trim) {
        // "Her spokesman, Marcus Hale"
        Some(second)
            if !core
                .split_whitespace()
                .any(|w| starts_upper(w) && !is_article(w))
                && second.split_whitespace().all(starts_upper)
                && !second.is_empty() =>
        {
            second
        }
        _ => core,
    };
    // "Prof. Anand Rao of Valley State University": the name is before "of".
    let core = [" of ", " at ", " for ", " from "]
        .iter()
        .filter_map(|prep| crate::text::find(core, prep))
        .min()
        .map(|i| &core[..i])
        .filter(|before| {
            before
                .split_whitespace()
                .any(|w| starts_upper(w) && !matches!(w, "The" | "A" | "An"))
        })
        .unwrap_or(core);
    let words: Vec<&str> = core.split_whitespace().collect();
    let mut end = words.len();
    while end > 0
        && (!starts_upper(words[end - 1]) || crate::mentions::is_calendar_word(words[end - 1]))
    {
        end -= 1;
    }
    let mut start = end;
    while start > 0 {
        let w = words[start - 1];
        let bare = w.trim_end_matches('.');
        let is_title = p.lex.titles.contains(bare) || p.lex.abbreviations.contains(bare);
        let name_like = starts_upper(w)
            && !is_title
            && !is_article(w)
            && !crate::mentions::is_calendar_word(bare);
        if (name_like && bare.len() == w.len())
            || (NAME_PARTICLES.contains(&w) && start < end)
            || is_initial(w)
        {
            start -= 1;
        } else {
            break;
        }
    }
    while start < end && NAME_PARTICLES.contains(&words[start]) {
        start += 1;
    }
    if start == end {
        return None;
    }
    let name = words[start..end].join(" ");
    let name = name.trim_end_matches(['’', '\'', 's']).to_string();
    let name = if words[end - 1].ends_with("’s") || words[end - 1].ends_with("'s") {
        name
    } else {
        words[start..end].join(" ")
    };
    Some(name)
}

/// An organization's or outlet's name: the phrase before any apposition,
/// without a leading article ("The Pacific Reef Alliance" → "Pacific Reef
/// Alliance"); `None` for a common noun phrase ("the union").
fn org_name(surface: &str) -> Option<String> {
    let core = surface.split([',', '(']).next().unwrap_or(surface).trim();
    let core = core
        .strip_prefix("The ")
        .or_else(|| core.strip_prefix("the "))
        .unwrap_or(core);
    core.split_whitespace()
        .any(|w| starts_upper(w) && !is_article(w))
        .then(|| core.to_string())
}

/// Capitalized words that start a noun phrase without naming anyone.
fn is_article(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "Her"
            | "His"
            | "Their"
            | "Its"
            | "Our"
            | "My"
            | "One"
            | "Two"
            | "Several"
            | "Some"
            | "Many"
    )
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

/// Fills `speaker_resolved` for every claim of one document.
pub fn resolve(p: &Pipeline, text: &str, claims: &mut [Claim]) {
    // Surname → the first full name of an earlier speaker.
    let mut known: HashMap<String, String> = HashMap::new();
    // Surname → where the text search stopped and what it found.
    let mut searched: HashMap<String, (usize, Option<String>)> = HashMap::new();
    for i in 0..claims.len() {
        let Some(span) = claims[i].speaker else {
            continue;
        };
        let surface = &text[span.range()];
        let lower = surface.to_ascii_lowercase();
        let role = lower
            .strip_prefix("the ")
            .filter(|r| !r.contains(' ') && !r.is_empty());
        let resolved = if let Some(role) = role.filter(|r| {
            crate::lexicon::has_lower(&p.lex.role_nouns, r)
                || crate::lexicon::has_lower(&p.lex.org_nouns, r)
        }) {
            let recent = &claims[i.saturating_sub(RECENT)..i];
            role_antecedent(p, text, role, recent)
        } else if matches!(lower.as_str(), "he" | "she") {
            let want = if lower == "he" {
                Gender::Male
            } else {
                Gender::Female
            };
            let recent = &claims[i.saturating_sub(RECENT)..i];
            antecedent(p, text, span.start, want, recent)
        } else if lower == "who" {
            // "teachers unions, who said ...": the phrase "who" stands for.
            let head = text[..span.start]
                .trim_end()
                .trim_end_matches(',')
                .trim_end();
            crate::mentions::before(p, text, head.len().saturating_sub(200), head.len())
                .map(|m| &text[m.span.range()])
                .and_then(|np| name_of(p, np).or_else(|| Some(np.to_string())))
        } else if matches!(
            claims[i].speaker_type,
            SpeakerType::Organization | SpeakerType::Outlet
        ) {
            org_name(surface)
        } else if claims[i].speaker_type == SpeakerType::Person
            && !matches!(lower.as_str(), "i" | "we" | "they" | "it" | "you")
        {
            name_of(p, surface).map(|name| {
                if name.contains(' ') {
                    return name;
                }
                // A surname alone: the full name used earlier, by a speaker
                // or anywhere in the text before.
                if let Some(full) = known.get(&name) {
                    return full.clone();
                }
                let (from, found) = searched.entry(name.clone()).or_insert((0, None));
                if found.is_none() && *from < span.start {
                    *found = full_name_in_text(p, text, *from, span.start, &name);
                    *from = span.start;
                }
                found.clone().unwrap_or(name)
            })
        } else {
            None
        };
        if let Some(full) = resolved.as_deref().filter(|n| n.contains(' ')) {
            let surname = full.rsplit(' ').next().unwrap_or(full);
            known
                .entry(surname.to_string())
                .or_insert_with(|| full.to_string());
        }
        claims[i].speaker_resolved = resolved;
    }
}

/// Titles that name a role: "Sen. Jane Roe" is the senator.
const TITLE_ROLES: &[(&str, &str)] = &[
    ("Gov.", "governor"),
    ("Governor", "governor"),
    ("Judge", "judge"),
    ("Mayor", "mayor"),
    ("President", "president"),
    ("Rep.", "congressman"),
    ("Rep.", "congresswoman"),
    ("Rep.", "representative"),
    ("Secretary", "secretary"),
    ("Sen.", "senator"),
    ("Senator", "senator"),
    ("Sheriff", "sheriff"),
];

/// What "the senator" or "the authority" refers to: the latest earlier
/// speaker whose phrase names that role (by the word itself or by a title,
/// "Sen. Jane Roe"), or, for an organization noun, the latest earlier
/// organization whose name ends with it ("Harborview Water Authority").
fn role_antecedent(p: &Pipeline, text: &str, role: &str, earlier: &[Claim]) -> Option<String> {
    let org = crate::lexicon::has_lower(&p.lex.org_nouns, role);
    if org {
        // "the authority": an organization named "... Authority" first.
        let named = earlier.iter().rev().find_map(|c| {
            let name = c.speaker_resolved.as_deref()?;
            let last = name.rsplit(' ').next()?;
            (c.speaker_type == SpeakerType::Organization && last.eq_ignore_ascii_case(role))
                .then(|| name.to_string())
        });
        // Any other organization would be a guess.
        return named;
    }
    earlier.iter().rev().find_map(|c| {
        let name = c.speaker_resolved.as_deref()?;
        let surface = &text[c.speaker?.range()];
        let fits = if org {
            c.speaker_type == SpeakerType::Organization
        } else {
            c.speaker_type == SpeakerType::Person
                && name.contains(' ')
                && (surface.to_ascii_lowercase().contains(role)
                    || TITLE_ROLES
                        .iter()
                        .any(|(t, r)| *r == role && surface.split_whitespace().any(|w| w == *t)))
        };
        fits.then(|| name.to_string())
    })
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

fn gender_of(p: &Pipeline, name: &str) -> Option<Gender> {
    let first = name.split_whitespace().next()?;
    p.lex
        .first_names
        .get(first)
        .map(|&female| if female { Gender::Female } else { Gender::Male })
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
fn antecedent(
    p: &Pipeline,
    text: &str,
    pos: usize,
    want: Gender,
    earlier: &[Claim],
) -> Option<String> {
    let from = crate::text::ceil_boundary(text, pos.saturating_sub(ANTECEDENT_WINDOW));
    let hay = &text[from..pos];
    let mut best: Option<(usize, String)> = None;
    // Full names with a first name of the wanted gender: the nearest one.
    // First names are ASCII, so a byte scan for capitalized words will do.
    let b = hay.as_bytes();
    let is_part = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'\'' | b'-');
    let word_end = |from: usize| from + b[from..].iter().take_while(|&&c| is_part(c)).count();
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
        if gender_of(p, first) != Some(want) {
            continue;
        }
        // The first name, a middle initial maybe, and the surname.
        let mut name = first.to_string();
        let mut at = i + first.len();
        for _ in 0..2 {
            let next_start = at + b[at..].iter().take_while(|&&c| c == b' ').count();
            if next_start == at || next_start >= b.len() || !b[next_start].is_ascii_uppercase() {
                break;
            }
            let next = &hay[next_start..word_end(next_start)];
            let bare = next.trim_end_matches(['.', ',']);
            name.push(' ');
            name.push_str(bare);
            at = next_start + next.len();
            if !(bare.len() == 1 && next.ends_with('.')) {
                break;
            }
        }
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
            || gender_of(p, n).is_some_and(|g| g != want)
        {
            continue;
        }
        seen.push(n);
        let surname = n.rsplit(' ').next().unwrap_or(n);
        // Only a place after the best so far can win: search there.
        let from = best
            .as_ref()
            .map_or(0, |(b, _)| crate::text::ceil_boundary(hay, b + 1));
        if let Some(at) = crate::text::rfind(&hay[from..], surname) {
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
            .find(|n| n.contains(' ') && gender_of(p, n).is_none_or(|g| g == want))
            .map(str::to_string)
    })
}

/// The first "Firstname Surname" in `text[from..to]` ending in `surname`.
fn full_name_in_text(
    p: &Pipeline,
    text: &str,
    from: usize,
    to: usize,
    surname: &str,
) -> Option<String> {
    let hay = &text[..to];
    let mut from = from;
    while let Some(i) = crate::text::find(&hay[from..], surname) {
        let at = from + i;
        from = at + surname.len();
        let after_ok = text[from..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let Some(head) = text[..at].strip_suffix(' ') else {
            continue;
        };
        let window = crate::text::ceil_boundary(head, head.len().saturating_sub(40));
        let prev_start = head[window..]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(window, |(j, c)| window + j + c.len_utf8());
        let prev = &head[prev_start..];
        let prev_bare = prev.trim_end_matches('.');
        if after_ok
            && starts_upper(prev)
            && !crate::mentions::is_function_word(prev)
            && !is_article(prev)
            && prev
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '-')
            && !p.lex.titles.contains(prev_bare)
            && !p.lex.abbreviations.contains(prev_bare)
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
    fn names() {
        let p = Pipeline::new();
        assert_eq!(
            name_of(&p, "Rep. Jane Roe (D-Ore.)").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            name_of(&p, "Jane Roe, a spokeswoman for the agency").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            name_of(&p, "former California Gov. Jerry Brown").as_deref(),
            Some("Jerry Brown")
        );
        assert_eq!(
            name_of(&p, "Deputy Minister Lena Park").as_deref(),
            Some("Lena Park")
        );
        assert_eq!(
            name_of(&p, "John F. Kennedy").as_deref(),
            Some("John F. Kennedy")
        );
        assert_eq!(name_of(&p, "the spokesman"), None);
        assert_eq!(name_of(&p, "a summary presented Thursday"), None);
        assert_eq!(
            name_of(&p, "Her spokesman, Marcus Hale").as_deref(),
            Some("Marcus Hale")
        );
        assert_eq!(
            name_of(&p, "Prof. Anand Rao of Valley State University").as_deref(),
            Some("Anand Rao")
        );
        assert_eq!(
            org_name("The Pacific Reef Alliance").as_deref(),
            Some("Pacific Reef Alliance")
        );
        assert_eq!(org_name("the union"), None);
    }

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
    fn pronouns_and_surnames() {
        let p = Pipeline::new();
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
        let p = Pipeline::new();
        let text = "\"Maybe,\" Zorblat Reed said. \"Yes,\" Élodie Ñúñez said. \
                    Mary Smith nodded and Ñúñez smiled. \"No,\" she said.";
        let claims = p.extract(text);
        let last = claims.last().and_then(|c| c.speaker_resolved.as_deref());
        assert!(last.is_some(), "{claims:?}");
    }
}
