//! The list checks: every file of every language sorted (or ranked),
//! in its case, read by a field; and a few look-ups.

use super::*;

/// The lists a language may leave empty.
const MAY_BE_EMPTY: &[&str] = &[
    "subjunctives",
    "reportative_modals",
    "perfect_infinitives",
    "clause_only_verbs",
    "nominative_pronouns",
    "prepositions",
    "oblique_determiners",
    "finite_auxiliaries",
    "subordinators",
    "feminine_endings",
    "source_nouns",
    "impersonal_preps",
    "separable_particles",
    "source_adverbs",
    "source_relatives",
    "addressee_preps",
    "source_preps",
    "source_postpositions",
    "source_noun_preps",
    "source_markers",
    "as_subordinators",
    "expletives",
    "genitive_determiners",
    "name_preps",
    "oblique_articles",
    "gendered_determiners",
    "adjective_endings",
    "infinitive_auxiliaries",
];

#[test]
fn conventions_parse_in_every_language() {
    assert_eq!(Lexicons::of(Lang::En).conventions, Conventions::default());
    let de = Lexicons::of(Lang::De).conventions;
    assert!(de.nested_quotes && de.subjunctive_runs && de.comma_before_clause);
    assert!(Lexicons::of(Lang::En).subjunctives.is_empty());
    assert!(Lexicons::of(Lang::De).subjunctives.contains("sei"));
}

#[test]
fn lists_are_sorted_duplicate_free_and_in_their_case() {
    for lang in Lang::ALL {
        for (name, text, case, ranked) in Files::of(lang).all() {
            let lines: Vec<&str> = text.lines().collect();
            // A language may lack what a list holds (English has no
            // reporting subjunctive): only such lists may be empty.
            assert!(
                !lines.is_empty() || MAY_BE_EMPTY.contains(&name),
                "{lang:?}/{name}: empty"
            );
            for w in lines.windows(2) {
                assert!(
                    ranked || w[0] < w[1],
                    "{lang:?}/{name}: {:?} must sort before {:?}",
                    w[0],
                    w[1]
                );
            }
            let mut seen: Vec<&str> = lines.clone();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), lines.len(), "{lang:?}/{name}: a duplicate");
            for l in &lines {
                assert!(
                    !l.trim().is_empty() && l.trim() == *l,
                    "{lang:?}/{name}: blank or padded line {l:?}"
                );
                if case == Case::Lower {
                    assert!(
                        !l.chars().any(char::is_uppercase),
                        "{lang:?}/{name}: {l:?} is not lower case"
                    );
                }
            }
        }
    }
}

#[test]
fn every_file_in_a_language_folder_is_a_list() {
    for lang in Lang::ALL {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/lexicon")
            .join(Files::folder(lang));
        let names: Vec<&str> = Files::of(lang).all().iter().map(|l| l.0).collect();
        let mut found = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            assert_eq!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt"),
                "{}: not a list file",
                path.display()
            );
            assert!(
                names.contains(&stem),
                "{}: no field of Lexicons reads it",
                path.display()
            );
            found += 1;
        }
        assert_eq!(found, names.len(), "{dir:?}: a list has no file");
    }
}

#[test]
fn verb_lines_have_all_forms() {
    let lex = Lexicons::of(Lang::En);
    for v in lex.cue_verbs.iter().chain(&lex.belief_verbs) {
        assert!(
            (4..=5).contains(&v.forms.len()),
            "{}: want base, 3sg, past, gerund [, participle]",
            v.lemma
        );
    }
}

#[test]
fn title_roles_have_two_columns() {
    for (title, role) in &Lexicons::of(Lang::En).title_roles {
        assert!(!title.is_empty() && !role.contains(' '), "{title} {role}");
    }
}

#[test]
fn calendar_words_are_capitalized_days_and_months() {
    let lex = Lexicons::of(Lang::En);
    assert!(lex.is_calendar_word("Thursday"));
    assert!(lex.is_calendar_word("January"));
    assert!(!lex.is_calendar_word("THURSDAY"));
    assert!(!lex.is_calendar_word("thursday"));
    assert!(!lex.is_calendar_word("May"));
}

#[test]
fn lookup_ignores_case() {
    let lex = Lexicons::of(Lang::En);
    assert!(has_lower(&lex.role_nouns, "Spokesman"));
    assert!(!has_lower(&lex.role_nouns, "table"));
}
