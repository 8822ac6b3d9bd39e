//! German constructions the English rules cannot read, each tried only
//! on German documents:
//!
//! - `Laut X VERB CONTENT.` · `Nach Angaben X VERB CONTENT.` · `X zufolge
//!   VERB CONTENT.`: the source-first sentence, whose source ends where the
//!   finite verb stands second (no comma marks it, as in English);
//! - `CONTENT, so X.`: "so" and a speaker phrase close the sentence
//!   (`„Q“, so der Sprecher.`);
//! - `ADVERB VERB X, CONTENT.`: verb second, the subject after the cue
//!   when something else opens the sentence ("Dazu sagte Hartmann, man
//!   werde das prüfen").

use super::Sieve;
use crate::doc::{Claim, CueClass, Mention, Rule, Span};
use crate::lang::mentions;
use crate::lang::text::trim;
use crate::lexicon::Lang;

/// The most words a source phrase holds.
const MAX_SOURCE_WORDS: usize = 12;

/// The words of `text[span]` with their spans.
fn words(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let s = &text[span.range()];
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let word_char = c.is_alphanumeric() || c == '-' || c == '.' && start.is_some();
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                let w = s[b..i].trim_end_matches('.');
                out.push(Span::new(span.start + b, span.start + b + w.len()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where the finite verb after a source phrase starting at `from` stands:
/// the first lower-case word after a capitalized one (the phrase's noun)
/// that is no function word ("Laut einem Bericht der Zeitung *sollen*
/// ..."; "einem neuen Bericht": "neuen" follows no capital).
fn finite_verb(sv: &Sieve, from: usize, end: usize) -> Option<Span> {
    let text = sv.text();
    let ws = words(text, Span::new(from, end));
    let capital = |w: Span| text[w.range()].starts_with(char::is_uppercase);
    for (k, &w) in ws.iter().enumerate().skip(1) {
        let s = &text[w.range()];
        if k > MAX_SOURCE_WORDS {
            return None;
        }
        // A comma before it closes an apposition: the verb may follow.
        let after_comma = text[ws[k - 1].end..w.start].contains(',');
        if !capital(w)
            && (capital(ws[k - 1]) || after_comma)
            && s.starts_with(char::is_alphabetic)
            && !sv.lex.function_words.has(s)
            && !sv.lex.determiners.has(s)
            && !sv.lex.articles.has(s)
        {
            return Some(w);
        }
    }
    None
}

/// The speaker mention of `span`, typed.
fn mention(sv: &Sieve, span: Span) -> Mention {
    Mention {
        span,
        kind: mentions::classify(sv.lex, sv.text(), span),
        weak: false,
    }
}

/// `Laut X VERB CONTENT.`, `Nach Angaben X VERB ...`, `X zufolge VERB ...`.
pub(super) fn according_to(sv: &Sieve, sent: Span) -> Option<Claim> {
    if sv.doc.lang != Lang::De {
        return None;
    }
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let cues = sv.doc.cues_starting_in(sent);
    let cue = cues
        .iter()
        .find(|c| c.entry.class == CueClass::AccordingTo)?;
    let postposition = text[cue.span.range()].eq_ignore_ascii_case("zufolge");
    let (source, rest_from) = if postposition {
        // "Dem Bericht zufolge ist ...": the source opens the sentence.
        let source = trim(text, Span::new(sent.start, cue.span.start));
        (source, cue.span.end)
    } else {
        if cue.span.start != sent.start {
            return None;
        }
        let verb = finite_verb(sv, cue.span.end, end)?;
        let source = trim(text, Span::new(cue.span.end, verb.start));
        (source, verb.start)
    };
    let source = trim_comma(text, source);
    let source_words = words(text, source).len();
    if source.is_empty() || source_words > MAX_SOURCE_WORDS {
        return None;
    }
    let content = trim(text, Span::new(rest_from, end));
    if words(text, content).len() < 3 {
        return None;
    }
    Some(sv.reported(
        vec![content],
        Some(mention(sv, source)),
        Some(cue.span),
        Rule::AccordingToClause,
    ))
}

/// `span` without a comma at either end.
fn trim_comma(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start_matches([',', ' ']).len();
    let t = s
        .trim_start_matches([',', ' '])
        .trim_end_matches([',', ' ']);
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// `CONTENT, so X.`: the speaker phrase after ", so" runs to the end of
/// the sentence and opens with an article or a capital.
pub(super) fn so_speaker(sv: &Sieve, sent: Span) -> Option<Claim> {
    if sv.doc.lang != Lang::De {
        return None;
    }
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let s = &text[sent.start..end];
    let at = s.rfind(", so ")?;
    let cue = Span::new(sent.start + at + 2, sent.start + at + 4);
    let source = trim(text, Span::new(cue.end, end));
    let ws = words(text, source);
    let first = &text[ws.first()?.range()];
    if ws.len() > MAX_SOURCE_WORDS
        || !(first.starts_with(char::is_uppercase) || sv.lex.articles.has(first))
    {
        return None;
    }
    let content = trim(text, Span::new(sent.start, sent.start + at));
    if words(text, content).len() < 3 {
        return None;
    }
    let mut c = sv.reported(
        vec![content],
        Some(mention(sv, source)),
        Some(cue),
        Rule::SoSpeaker,
    );
    c.kind = sv.doc.kind_of(&c.content);
    Some(c)
}

/// `ADVERB VERB X, CONTENT.`: the cue is the sentence's second part,
/// after a word that names no one (`openers`) or a time phrase, and the
/// speaker phrase between the cue and the next comma.
pub(super) fn inverted_clause(sv: &Sieve, sent: Span) -> Option<Claim> {
    if sv.doc.lang != Lang::De {
        return None;
    }
    let text = sv.text();
    let sent = trim(text, sent);
    let end = sv.content_end(sent);
    let cues = sv.doc.cues_starting_in(sent);
    let cue = cues.iter().find(|c| c.entry.is_finite_report())?;
    let before = words(text, Span::new(sent.start, cue.span.start));
    let opener = match before.as_slice() {
        [w] => sv.lex.openers.has(&text[w.range()]),
        // "Am Montag", "Am späten Abend": a time phrase.
        [w, ..] if before.len() <= 4 => {
            sv.lex.adjunct_openers.has(&text[w.range()])
                && before.iter().any(|w| {
                    let s = &text[w.range()];
                    sv.lex.time_words.has(s) || sv.lex.is_calendar_word(s)
                })
        }
        _ => false,
    };
    if !opener {
        return None;
    }
    let comma = text[cue.span.end..end].find(',')? + cue.span.end;
    let source = trim(text, Span::new(cue.span.end, comma));
    let ws = words(text, source);
    let first = &text[ws.first()?.range()];
    if ws.len() > MAX_SOURCE_WORDS
        || !(first.starts_with(char::is_uppercase) || sv.lex.articles.has(first))
    {
        return None;
    }
    let content = trim(text, Span::new(comma + 1, end));
    if words(text, content).len() < 3 {
        return None;
    }
    Some(sv.reported(
        vec![content],
        Some(mention(sv, source)),
        Some(cue.span),
        Rule::SpeakerCueClause,
    ))
}

#[cfg(test)]
mod tests {
    use crate::doc::{Doc, Rule};
    use crate::lexicon::Lang;
    use crate::stages::{Resources, STAGES};

    /// The sieve's claims of a German `text`: (content, speaker, rule).
    fn claims(text: &str) -> Vec<(String, String, Rule)> {
        let res = Resources::rules_only();
        let mut doc = Doc::new(text);
        doc.lang = Lang::De;
        for s in STAGES.iter().take_while(|s| s.name != "model") {
            (s.run)(&res, &mut doc);
        }
        doc.rule_claims
            .iter()
            .map(|c| {
                let content: Vec<&str> = c.content.iter().map(|p| &text[p.range()]).collect();
                let speaker = c.speaker.map_or("", |s| &text[s.range()]);
                (content.join(" | "), speaker.to_string(), c.rule)
            })
            .collect()
    }

    #[test]
    fn source_first_sentences() {
        let got = claims(
            "Laut einem Bericht der Landeszeitung sollen die Kosten bei drei Millionen Euro liegen.",
        );
        assert_eq!(
            got,
            [(
                "sollen die Kosten bei drei Millionen Euro liegen".into(),
                "einem Bericht der Landeszeitung".into(),
                Rule::AccordingToClause
            )]
        );
        let got = claims("Dem Gutachten zufolge ist die Brücke nicht mehr sicher.");
        assert_eq!(got[0].0, "ist die Brücke nicht mehr sicher");
        assert_eq!(got[0].1, "Dem Gutachten");
        let got = claims("Nach Angaben der Feuerwehr wurden zwei Menschen leicht verletzt.");
        assert_eq!(got[0].1, "der Feuerwehr");
        // An adjective after the article is no verb.
        let got = claims("Laut einer neuen Umfrage verliert die Partei weiter an Zustimmung.");
        assert_eq!(got[0].1, "einer neuen Umfrage");
    }

    #[test]
    fn so_and_a_speaker_close_the_sentence() {
        let got = claims("„Wir halten an dem Termin fest“, so die Sprecherin des Verbands.");
        assert_eq!(
            got,
            [(
                "„Wir halten an dem Termin fest“".into(),
                "die Sprecherin des Verbands".into(),
                Rule::SoSpeaker
            )]
        );
        // "so" that is no attribution: no article or name follows.
        assert!(claims("Es regnete stark, so dass das Spiel ausfiel.").is_empty());
    }

    #[test]
    fn verb_second_puts_the_speaker_after_the_cue() {
        let got = claims("Dazu sagte Hartmann, man werde den Antrag sorgfältig prüfen.");
        assert_eq!(
            got,
            [(
                "man werde den Antrag sorgfältig prüfen".into(),
                "Hartmann".into(),
                Rule::SpeakerCueClause
            )]
        );
        let got = claims("Am Montag erklärte die Ministerin, die Mittel seien bereits verplant.");
        assert_eq!(got[0].1, "die Ministerin");
        // A name opening the sentence is its speaker, not an adverb.
        let got = claims("Hartmann sagte, man werde den Antrag sorgfältig prüfen.");
        assert_eq!(got[0].1, "Hartmann");
    }

    #[test]
    fn english_documents_are_left_to_the_english_rules() {
        let res = Resources::rules_only();
        let text = "Laut einem Bericht der Landeszeitung sollen die Kosten bei drei Millionen Euro liegen.";
        let mut doc = Doc::new(text);
        doc.lang = Lang::En;
        for s in STAGES.iter().take_while(|s| s.name != "model") {
            (s.run)(&res, &mut doc);
        }
        assert!(doc.rule_claims.is_empty());
    }
}
