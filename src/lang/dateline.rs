//! Datelines: the place (and agency) that opens a wire story's first
//! paragraph ("WASHINGTON —", "ORLANDO, Fla. —", "Washington (AFP) –").
//!
//! Reads: the text, its paragraphs and the wire agencies of the
//! lexicons. Adds: nothing; the sieve skips a
//! dateline at the start of a content ([`skip`]) and the finish stage
//! cuts one from a speaker ([`in_paragraph`]). Guarantees: every offset
//! returned lies on a character boundary of the text, at or after the
//! one asked about. The two differ, each as its caller measured it: the
//! sieve's looks for " — " after a word in capitals within 40 bytes of
//! any sentence start; the finish stage's for any dash after a place in
//! capitals or an agency in brackets within 60 bytes of a paragraph
//! start.

use crate::doc::Span;
use crate::lang::text::{find, floor_boundary};
use crate::lexicon::Lexicons;

/// The end of the dateline that opens `span`'s paragraph, when `span`
/// starts in it: a dash within the paragraph's first 60 bytes after a
/// place in capitals or an agency in brackets ("WASHINGTON —", "ORLANDO,
/// Fla. —", "Washington (AFP) –").
pub fn in_paragraph(lex: &Lexicons, text: &str, paragraphs: &[Span], span: Span) -> Option<usize> {
    // Paragraphs are ordered and disjoint: the first ending after the
    // start is the only one that can hold it.
    let para = paragraphs
        .get(paragraphs.partition_point(|p| p.end <= span.start))
        .filter(|p| p.start <= span.start)?;
    let head_end = floor_boundary(text, (para.start + 60).min(para.end));
    let head = &text[para.start..head_end];
    // Every dash looked for holds a '-' or the lead byte of '—' and '–'
    // (0xE2): most paragraphs open without either, and one scan says so.
    memchr::memchr2(b'-', 0xE2, head.as_bytes())?;
    let (at, dash) = ["\u{2014}", "\u{2013}", " -- ", " - "]
        .iter()
        .filter_map(|d| find(head, d).map(|i| (i, d.len())))
        .min()?;
    let place = &head[..at];
    let capitals = place.split(',').next().is_some_and(|p| {
        p.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !p.chars().any(|c| c.is_lowercase())
    });
    let agency = lex.wire_agencies.iter().any(|a| place.contains(a));
    let end = para.start + at + dash;
    ((capitals || agency) && span.start < end).then_some(end)
}

/// Skips a wire dateline ("LORNSVILLE (Wire) — ", "GENEVA — ") at `pos`.
pub fn skip(text: &str, pos: usize, limit: usize) -> usize {
    let s = &text[pos..limit];
    let Some(i) = find(s, " — ").filter(|&i| i <= 40) else {
        return pos;
    };
    let caps = s[..i]
        .split_whitespace()
        .next()
        .is_some_and(|w| w.len() >= 3 && w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()));
    if caps { pos + i + " — ".len() } else { pos }
}
