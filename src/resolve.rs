//! **resolve** — who a speaker is, within one document.
//!
//! Reads: the claims and the text. Adds: `speaker_resolved` on each claim:
//! a named speaker's name without titles, tags or apposition ("Rep. Jane
//! Roe (D-Ore.)" → "Jane Roe"); a surname alone to the full name used
//! earlier ("Okafor" → "Grace Okafor"); `he`/`she` to the nearest earlier
//! named person who spoke. `speaker` stays as written.

use crate::Pipeline;
use crate::attribute::Claim;
use crate::mentions::SpeakerType;

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
                .any(|w| starts_upper(w) && !matches!(w, "The" | "A" | "An" | "Her" | "His" | "Their" | "Its" | "Our" | "My")) && second.split_whitespace().all(starts_upper) && !second.is_empty() => second,
        _ => core,
    };
    let words: Vec<&str> = core.split_whitespace().collect();
    let mut end = words.len();
    while end > 0 && !starts_upper(words[end - 1]) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 {
        let w = words[start - 1];
        let bare = w.trim_end_matches('.');
        let is_title = p.lex.titles.contains(bare) || p.lex.abbreviations.contains(bare);
        if (starts_upper(w) && !is_title && bare.len() == w.len())
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
    if start == end || matches!(words[start], "The" | "A" | "An") && end - start == 1 {
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

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

/// Fills `speaker_resolved` for every claim of one document.
pub fn resolve(p: &Pipeline, text: &str, claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let Some(span) = claims[i].speaker else {
            continue;
        };
        let surface = &text[span.range()];
        let lower = surface.to_ascii_lowercase();
        let resolved = if matches!(lower.as_str(), "he" | "she") {
            claims[..i]
                .iter()
                .rev()
                .find(|c| {
                    c.speaker_type == SpeakerType::Person
                        && c.speaker_resolved
                            .as_deref()
                            .is_some_and(|n| n.contains(' '))
                })
                .and_then(|c| c.speaker_resolved.clone())
        } else if matches!(
            claims[i].speaker_type,
            SpeakerType::Person | SpeakerType::Organization | SpeakerType::Outlet
        ) {
            name_of(p, surface).map(|name| {
                if name.contains(' ') {
                    return name;
                }
                // A surname alone: the full name used earlier, by a speaker
                // or anywhere in the text before.
                let earlier = claims[..i]
                    .iter()
                    .filter_map(|c| c.speaker_resolved.as_deref())
                    .find(|n| n.ends_with(&format!(" {name}")))
                    .map(str::to_string);
                earlier
                    .or_else(|| full_name_in_text(p, &text[..span.start], &name))
                    .unwrap_or(name)
            })
        } else {
            None
        };
        claims[i].speaker_resolved = resolved;
    }
}

/// The first "Firstname Surname" in `text` ending in `surname`.
fn full_name_in_text(p: &Pipeline, text: &str, surname: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = text[from..].find(surname) {
        let at = from + i;
        from = at + surname.len();
        let after_ok = text[from..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let head = text[..at].strip_suffix(' ')?;
        let prev_start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(j, c)| j + c.len_utf8());
        let prev = &head[prev_start..];
        let prev_bare = prev.trim_end_matches('.');
        if after_ok
            && starts_upper(prev)
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
        assert_eq!(name_of(&p, "Her spokesman, Marcus Hale").as_deref(), Some("Marcus Hale"));
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
}
