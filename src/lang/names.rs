//! The name inside a speaker phrase: "Rep. Jane Roe (D-Ore.)" → "Jane
//! Roe", "The Pacific Reef Alliance" → "Pacific Reef Alliance".

use super::mentions::core_phrase;
use crate::lexicon::Lexicons;

/// The name inside a speaker phrase: the last run of capitalized words
/// that are not titles in its [`core_phrase`], before a prepositional
/// modifier ("of Valley State University").
pub fn name_of(lex: &Lexicons, speaker: &str) -> Option<String> {
    let core = core_phrase(lex, speaker);
    // "Prof. Anand Rao of Valley State University": the name is before "of".
    // (Searchers built once: one per look-up was most of the cost here.)
    let core = lex
        .name_modifier_prep_finders
        .iter()
        .filter_map(|prep| prep.find(core.as_bytes()))
        .min()
        .map(|i| &core[..i])
        .filter(|before| {
            before
                .split_whitespace()
                .any(|w| starts_upper(w) && !lex.articles.has_capitalized(w))
        })
        .unwrap_or(core);
    let words: Vec<&str> = core.split_whitespace().collect();
    let mut end = words.len();
    while end > 0 && (!starts_upper(words[end - 1]) || lex.is_calendar_word(words[end - 1])) {
        end -= 1;
    }
    // "Sanders's campaign manager": the person is not the one named.
    if end > 0 && end < words.len() && is_possessive(words[end - 1]) {
        return None;
    }
    let mut start = end;
    while start > 0 {
        let w = words[start - 1];
        let bare = w.trim_end_matches('.');
        let is_title = lex.titles.contains(bare) || lex.abbreviations.contains(bare);
        let name_like = starts_upper(w)
            && !is_title
            && !lex.is_capitalized_determiner(w)
            && !lex.is_calendar_word(bare);
        if (name_like && bare.len() == w.len())
            || (lex.name_particles.has_exact(w) && start < end)
            || is_initial(w)
        {
            start -= 1;
        } else {
            break;
        }
    }
    while start < end && lex.name_particles.has_exact(words[start]) {
        start += 1;
    }
    if start == end {
        return None;
    }
    let name = words[start..end].join(" ");
    // "Jane Ross's spokesman": the possessive ending, not every final s.
    let name = match name.strip_suffix("’s").or_else(|| name.strip_suffix("'s")) {
        Some(bare) => bare.to_string(),
        None => name,
    };
    Some(name)
}

/// An organization's or outlet's name: the phrase before any apposition,
/// without a leading article ("The Pacific Reef Alliance" → "Pacific Reef
/// Alliance"); `None` for a common noun phrase ("the union").
pub fn org_name(lex: &Lexicons, surface: &str) -> Option<String> {
    let core = surface.split([',', '(']).next().unwrap_or(surface).trim();
    let core = core
        .strip_prefix("The ")
        .or_else(|| core.strip_prefix("the "))
        .unwrap_or(core);
    core.split_whitespace()
        .any(|w| starts_upper(w) && !lex.is_capitalized_determiner(w))
        .then(|| core.to_string())
}

pub fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "Roe's", "Roe’s": a name that owns what follows it.
fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        assert_eq!(
            name_of(lex, "Rep. Jane Roe (D-Ore.)").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            name_of(lex, "Jane Roe, a spokeswoman for the agency").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            name_of(lex, "former California Gov. Jerry Brown").as_deref(),
            Some("Jerry Brown")
        );
        assert_eq!(
            name_of(lex, "Deputy Minister Lena Park").as_deref(),
            Some("Lena Park")
        );
        assert_eq!(
            name_of(lex, "John F. Kennedy").as_deref(),
            Some("John F. Kennedy")
        );
        assert_eq!(name_of(lex, "the spokesman"), None);
        assert_eq!(name_of(lex, "a summary presented Thursday"), None);
        assert_eq!(
            name_of(lex, "Her spokesman, Marcus Hale").as_deref(),
            Some("Marcus Hale")
        );
        assert_eq!(
            name_of(lex, "Prof. Anand Rao of Valley State University").as_deref(),
            Some("Anand Rao")
        );
        assert_eq!(
            org_name(lex, "The Pacific Reef Alliance").as_deref(),
            Some("Pacific Reef Alliance")
        );
        assert_eq!(org_name(lex, "the union"), None);
    }

    #[test]
    fn possessives_lose_their_ending_only() {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        assert_eq!(name_of(lex, "Jane Ross's").as_deref(), Some("Jane Ross"));
        assert_eq!(name_of(lex, "Jane Roe’s").as_deref(), Some("Jane Roe"));
        assert_eq!(
            name_of(lex, "Bernie Sanders").as_deref(),
            Some("Bernie Sanders")
        );
        assert_eq!(name_of(lex, "Sanders's campaign manager"), None);
        assert_eq!(
            name_of(lex, "Sanders's campaign manager, Jeff Weaver").as_deref(),
            Some("Jeff Weaver")
        );
    }
}
