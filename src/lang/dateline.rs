//! Datelines: the place (and agency) that opens a wire story's first
//! paragraph ("WASHINGTON —", "ORLANDO, Fla. —", "Washington (AFP) –").
//!
//! Reads: the text (and its paragraphs) and the wire agencies of the
//! lexicons. Adds: nothing; the sieve skips a dateline at the start of a
//! content ([`skip`]) and the finish stage cuts one from a speaker
//! ([`in_paragraph`]), both with the one test of [`end`]. Guarantees:
//! every offset returned lies on a character boundary of the text,
//! within the stretch asked about.

use crate::doc::Span;
use crate::lang::text::floor_boundary;
use crate::lexicon::Lexicons;

/// The end of the dateline that opens `text[start..limit]`: a dash
/// within its first 60 bytes after a place whose first word is in
/// capitals or that holds a wire agency in brackets ("WASHINGTON —",
/// "ORLANDO, Fla. —", "LORNSVILLE (Wire) —", "Washington (AFP) –").
pub fn end(lex: &Lexicons, text: &str, start: usize, limit: usize) -> Option<usize> {
    let head_end = floor_boundary(text, (start + 60).min(limit));
    let head = &text[start..head_end];
    let (at, dash) = ["\u{2014}", "\u{2013}", " -- ", " - "]
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, d.len())))
        .min()?;
    let place = &head[..at];
    let capitals = place.split_whitespace().next().is_some_and(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !w.chars().any(char::is_lowercase)
    });
    let agency = lex.wire_agencies.iter().any(|a| place.contains(a));
    (capitals || agency).then_some(start + at + dash)
}

/// The end of the dateline that opens `span`'s paragraph, when `span`
/// starts in it.
pub fn in_paragraph(lex: &Lexicons, text: &str, paragraphs: &[Span], span: Span) -> Option<usize> {
    let para = paragraphs
        .iter()
        .find(|p| p.start <= span.start && span.start < p.end)?;
    end(lex, text, para.start, para.end).filter(|&e| span.start < e)
}

/// `pos`, or past the dateline that opens `text[pos..limit]`.
pub fn skip(lex: &Lexicons, text: &str, pos: usize, limit: usize) -> usize {
    end(lex, text, pos, limit).unwrap_or(pos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lang;

    #[test]
    fn datelines_are_told_from_openings_that_are_none() {
        let lex = Lexicons::of(Lang::En);
        for (text, rest) in [
            // The sieve's: a word in capitals before " — ".
            ("WASHINGTON \u{2014} Sen. Roe said", " Sen. Roe said"),
            ("GENEVA \u{2014} Talks resumed", " Talks resumed"),
            (
                "LORNSVILLE (Wire) \u{2014} Officials said",
                " Officials said",
            ),
            // The finish stage's: any dash, a place with its state, an
            // agency in brackets after a place in lower case.
            ("ORLANDO, Fla. \u{2014} The mayor said", " The mayor said"),
            ("Washington (AFP) \u{2013} Trump said", " Trump said"),
            ("WASHINGTON (Reuters) - Officials said", "Officials said"),
            ("NEW YORK -- The city said", "The city said"),
        ] {
            let e = end(lex, text, 0, text.len());
            assert_eq!(e.map(|e| &text[e..]), Some(rest), "{text}");
        }
        for text in [
            "Officials \u{2014} and there were many \u{2014} said",
            "Washington \u{2014} the city \u{2014} said",
            "He said it was over. WASHINGTON \u{2014} no",
            "US \u{2014} two letters are no place",
        ] {
            assert_eq!(end(lex, text, 0, text.len()), None, "{text}");
        }
    }

    #[test]
    fn a_dateline_is_skipped_at_pos_and_cut_from_a_speaker_in_it() {
        let lex = Lexicons::of(Lang::En);
        let text = "Intro.\nGENEVA \u{2014} Talks resumed, officials said.";
        let pos = text.find("GENEVA").unwrap();
        assert_eq!(
            &text[skip(lex, text, pos, text.len())..],
            " Talks resumed, officials said."
        );
        assert_eq!(skip(lex, text, 0, text.len()), 0);
        let paras = [Span::new(0, 6), Span::new(pos, text.len())];
        let geneva = Span::new(pos, pos + 6);
        assert_eq!(in_paragraph(lex, text, &paras, geneva), Some(pos + 10));
        let officials = Span::new(text.find("officials").unwrap(), text.len());
        assert_eq!(in_paragraph(lex, text, &paras, officials), None);
    }
}
