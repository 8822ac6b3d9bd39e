//! JSON objects written straight from the claims: the same bytes as
//! serialising a [`Record`](super::Record) (whose JSON walks the
//! [`SCHEMA`](super::SCHEMA)) with serde_json, without building the
//! record's owned strings first. This is the one writer that names the
//! columns itself, for speed; a test and the fuzz target hold it to the
//! records' JSON.

use super::CharIndex;
use super::schema::meta_key;
use crate::doc::{Claim, Span};
use crate::ingest::Document;
use crate::lang::text::{bytes_below, bytes_equal};

/// Appends `s` as a JSON string, escaped as serde_json does: `"` and `\`,
/// the short escapes for control characters that have one, `\u00XX` for
/// the others; everything else (all non-ASCII) as is.
pub(super) fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escaped(out, s);
    out.push(b'"');
}

/// Does a byte need escaping in a JSON string?
const ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Could any of the eight bytes of `x` need escaping: one below 0x20, a
/// `"` or a `\`? (The classic SWAR tests "has a byte less than n" and
/// "has a zero byte"; never false when one does.)
fn may_need_escape(x: u64) -> bool {
    (bytes_below(x, 0x20) | bytes_equal(x, b'"') | bytes_equal(x, b'\\')) != 0
}

/// The eight bytes of `b` from `i` as a word, if there are eight.
fn word(b: &[u8], i: usize) -> Option<u64> {
    let w = b.get(i..i + 8)?;
    Some(u64::from_le_bytes(w.try_into().ok()?))
}

/// Appends the inside of [`string`]. Eight bytes at a time over the runs
/// that need no escape (nearly all of a quotation).
fn escaped(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        if word(b, i).is_some_and(|x| !may_need_escape(x)) {
            i += 8;
            continue;
        }
        let c = b[i];
        i += 1;
        if !ESCAPE[c as usize] {
            continue;
        }
        out.extend_from_slice(&b[from..i - 1]);
        let short: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            _ => &[],
        };
        if short.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[(c >> 4) as usize]);
            out.push(HEX[(c & 0xF) as usize]);
        } else {
            out.extend_from_slice(short);
        }
        from = i;
    }
    out.extend_from_slice(&b[from..]);
}

fn number(out: &mut Vec<u8>, n: usize) {
    let mut buf = itoa::Buffer::new();
    out.extend_from_slice(buf.format(n).as_bytes());
}

fn pair(out: &mut Vec<u8>, [a, b]: [usize; 2]) {
    out.push(b'[');
    number(out, a);
    out.push(b',');
    number(out, b);
    out.push(b']');
}

/// Appends `,"k":`, the lead of a column after the first: one copy of a
/// literal made at compile time (the keys are fixed), not four pushes.
macro_rules! key {
    ($out:expr, $k:literal) => {
        $out.extend_from_slice(concat!(",\"", $k, "\":").as_bytes())
    };
}

fn opt_text(out: &mut Vec<u8>, text: &str, s: Option<Span>) {
    match s {
        Some(s) => string(out, &text[s.range()]),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends `s` as a JSON string, or `null`.
fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends one object per claim of `doc` to `out`, each after `lead`
/// and before `end` (JSONL: a line end after; a JSON array's elements: a
/// comma and a line end before).
pub(super) fn rows(doc: &Document, claims: &[Claim], lead: &[u8], end: &[u8], out: &mut Vec<u8>) {
    let text = doc.text.as_str();
    let mut ix = CharIndex::new(text);
    // Metadata keys as the record's map holds them: sorted, the last of
    // equal keys kept.
    let meta: serde_json::Map<String, serde_json::Value> = doc
        .meta
        .iter()
        .map(|(k, v)| (meta_key(k), v.clone()))
        .collect();
    // What every claim of the document opens and closes with, written once.
    let mut head = b"{\"doc_id\":".to_vec();
    string(&mut head, &doc.id);
    key!(head, "claim_id");
    let mut tail = Vec::new();
    for (k, v) in &meta {
        tail.push(b',');
        string(&mut tail, k);
        tail.push(b':');
        serde_json::to_writer(&mut tail, v).expect("a JSON value serialises");
    }
    tail.push(b'}');
    tail.extend_from_slice(end);
    for (i, c) in claims.iter().enumerate() {
        out.extend_from_slice(lead);
        out.extend_from_slice(&head);
        number(out, i);
        key!(out, "kind");
        string(out, c.kind.as_str());
        key!(out, "quote");
        out.push(b'"');
        for (j, s) in c.content.iter().enumerate() {
            if j > 0 {
                out.extend_from_slice(" … ".as_bytes());
            }
            escaped(out, &text[s.range()]);
        }
        out.push(b'"');
        key!(out, "content_spans");
        out.push(b'[');
        for (j, s) in c.content.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            pair(out, ix.span(*s));
        }
        out.push(b']');
        key!(out, "speaker");
        opt_text(out, text, c.speaker);
        key!(out, "speaker_span");
        match c.speaker {
            Some(s) => pair(out, ix.span(s)),
            None => out.extend_from_slice(b"null"),
        }
        key!(out, "speaker_resolved");
        opt_string(out, c.speaker_resolved.as_deref());
        key!(out, "speaker_type");
        string(out, c.speaker_type.as_str());
        key!(out, "cue");
        opt_text(out, text, c.cue);
        key!(out, "cue_span");
        match c.cue {
            Some(s) => pair(out, ix.span(s)),
            None => out.extend_from_slice(b"null"),
        }
        key!(out, "addressee");
        opt_text(out, text, c.addressee);
        key!(out, "channel");
        opt_text(out, text, c.channel);
        key!(out, "via");
        opt_text(out, text, c.via);
        key!(out, "paragraph");
        number(out, c.paragraph);
        key!(out, "sentence");
        number(out, c.sentence);
        key!(out, "confidence");
        serde_json::to_writer(&mut *out, &c.confidence).expect("a number serialises");
        key!(out, "rule");
        string(out, c.rule.name());
        key!(out, "speaker_title");
        opt_string(out, c.speaker_title.as_deref());
        key!(out, "speaker_org");
        opt_string(out, c.speaker_org.as_deref());
        key!(out, "cue_class");
        opt_string(out, c.cue_class.map(|k| k.as_str()));
        key!(out, "anonymity_reason");
        opt_string(out, c.anonymity_reason.as_deref());
        out.extend_from_slice(&tail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_test_agrees_with_the_table() {
        for v in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abc, d;x";
                bytes[at] = v;
                let x = u64::from_le_bytes(bytes);
                assert_eq!(may_need_escape(x), ESCAPE[v as usize], "{v:#x} at {at}");
            }
        }
    }

    #[test]
    fn escapes_as_serde_json_does() {
        for s in [
            "",
            "plain text, long enough for a word or two",
            "\"Yes,\" she said \\ \u{1}\t\n\r\u{8}\u{c}\u{1f} – é",
            "0123456\"",
            "01234567\"89",
        ] {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }
}
