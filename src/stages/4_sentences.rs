//! **sentences** — each paragraph cut into sentences.
//!
//! Reads: the text, the paragraphs and the quote spans. Adds:
//! [`Sentence`] spans within paragraphs.
//! Guarantees: sentences are trimmed, non-empty, ordered and disjoint;
//! every sentence lies inside its paragraph and every non-space character
//! of a paragraph lies in exactly one sentence. A sentence never ends
//! inside a quote (`"We won. We'll win again," she said.` is one
//! sentence), nor after a news abbreviation (Rep., Sen., Gov., U.S.,
//! D-Mass., Jan., No.) or an initial. This is why sentences come after
//! quotes, and quotes after paragraphs.

use crate::doc::{Doc, Quote, Sentence, Span};
use crate::lang::text::trim;
use crate::lexicon::Lexicons;

/// The stage: fills `doc.sentences`.
pub fn run(r: &super::Resources, doc: &mut Doc) {
    sentences(
        &doc.text,
        &doc.paragraphs,
        &doc.quotes,
        r.lex(doc),
        &mut doc.sentences,
    );
}

/// Can `c` follow a sentence's final mark inside the sentence: a closing
/// bracket, or a quotation mark that may close?
fn is_closer(lex: &Lexicons, c: char) -> bool {
    matches!(c, ')' | ']') || lex.quote_marks.before_close.contains(&c)
}

/// The word just before byte `pos` (letters, digits, periods and hyphens).
fn word_before(text: &str, pos: usize) -> &str {
    let head = &text[..pos];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..pos]
}

fn is_abbreviation(lex: &Lexicons, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // "D-Mass." / "R-Tex.": the state part decides. (A byte search: `-`
    // is ASCII, and `rsplit` with a char pattern sets up a searcher.)
    let last = word
        .as_bytes()
        .iter()
        .rposition(|&b| b == b'-')
        .map_or(word, |k| &word[k + 1..]);
    let mut chars = last.chars();
    let first = chars.next();
    // Initials ("J.") and dotted abbreviations ("U.S", "a.m", "D.C"), told
    // before the lexicon is asked: they need no hashing.
    (first.is_some_and(char::is_uppercase) && chars.next().is_none())
        || last.as_bytes().contains(&b'.')
        || lex.abbreviations.contains(last)
}

/// Splits each paragraph into sentences, replacing the contents of `out`.
/// `quotes` must be sorted by start.
pub fn sentences(
    text: &str,
    paragraphs: &[Span],
    quotes: &[Quote],
    lex: &Lexicons,
    out: &mut Vec<Sentence>,
) {
    out.clear();
    let bytes = text.as_bytes();
    let mut qi = 0;
    for (pi, &para) in paragraphs.iter().enumerate() {
        let mut start = para.start;
        let mut i = para.start;
        // One iterator over the paragraph's terminators (a memchr3 call per
        // terminator redid its set-up each time); those inside a run already
        // read are passed over.
        for off in memchr::memchr3_iter(b'.', b'!', b'?', &bytes[para.start..para.end]) {
            let p = para.start + off;
            if p < i {
                continue;
            }
            i = p + 1;
            // Extend over more terminators and closing quotes/brackets.
            let mut e = p + 1;
            while let Some(c) = text[e..para.end].chars().next() {
                if matches!(c, '.' | '!' | '?') || is_closer(lex, c) {
                    e += c.len_utf8();
                } else {
                    break;
                }
            }
            i = i.max(e);
            if e >= para.end {
                break;
            }
            let rest = &text[e..para.end];
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                continue; // "3.5", "U.S.-led": no space after
            }
            let next = trimmed.chars().next();
            let starts_sentence = next.is_some_and(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '(' | '[' | '—' | '–')
                    || lex.quote_marks.after_open.contains(&c)
            });
            if !starts_sentence {
                continue;
            }
            if bytes[p] == b'.' && e == p + 1 && is_abbreviation(lex, word_before(text, p)) {
                continue;
            }
            while qi < quotes.len() && quotes[qi].span.end <= e {
                qi += 1;
            }
            if quotes[qi..]
                .iter()
                .take_while(|q| q.span.start < e)
                .any(|q| q.span.start < e && e < q.span.end)
            {
                continue;
            }
            out.push(Sentence {
                span: trim(text, Span::new(start, e)),
                paragraph: pi,
            });
            start = e;
        }
        let last = trim(text, Span::new(start, para.end));
        if !last.is_empty() {
            out.push(Sentence {
                span: last,
                paragraph: pi,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        let lex = Lexicons::of(crate::lexicon::Lang::En);
        let mut marks = Vec::new();
        super::super::scan::scan(s, &mut marks);
        let mut ps = Vec::new();
        super::super::paragraphs::paragraphs(s, &mut ps);
        let mut qs = Vec::new();
        super::super::quotes::pair(s, &marks, &ps, &mut qs);
        let mut v = Vec::new();
        sentences(s, &ps, &qs, lex, &mut v);
        v.iter().map(|x| &s[x.span.range()]).collect()
    }

    macro_rules! s {
        ($name:ident, $text:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(sents($text), $expected as Vec<&str>);
            }
        };
    }

    s!(plain, "One. Two! Three?", vec!["One.", "Two!", "Three?"]);
    s!(
        news_abbreviations,
        "Sen. Jane Roe (D-Mass.) spoke in the U.S. Capitol on Jan. 5. Then she left.",
        vec![
            "Sen. Jane Roe (D-Mass.) spoke in the U.S. Capitol on Jan. 5.",
            "Then she left."
        ]
    );
    s!(
        initials,
        "John F. Kennedy spoke. He left.",
        vec!["John F. Kennedy spoke.", "He left."]
    );
    s!(
        quote_keeps_attribution,
        "\"We won. We will win again,\" she said. Next.",
        vec!["\"We won. We will win again,\" she said.", "Next."]
    );
    s!(
        break_after_closing_quote,
        "She said: “We won.” Then she left.",
        vec!["She said: “We won.”", "Then she left."]
    );
    s!(
        decimal,
        "It grew 3.5 percent. Good.",
        vec!["It grew 3.5 percent.", "Good."]
    );
    s!(
        lowercase_after_period,
        "the U.S. economy grew.",
        vec!["the U.S. economy grew."]
    );
}
