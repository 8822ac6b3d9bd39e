//! The quotation marks of one language, parsed from its `quote_marks.txt`
//! (the format is in the [module doc](super) of the lexicons): each mark's
//! shape, how its role is judged, whether it can be an apostrophe, and the
//! character sets the scan, quotes and sentences stages read. Also the
//! scan's search plan, built once here so that its loop looks nothing up
//! per byte: the lead bytes its two memchr calls look for, and per lead
//! byte the marks that start with it.

/// Whether a mark is of the outer (double) or the nested (single) kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkShape {
    Double,
    Single,
}

/// How the scan judges a mark's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// Always opens («, „).
    Open,
    /// Always closes (»).
    Close,
    /// Opens or closes as the characters on both sides say (").
    Either,
    /// Opens unless a word or a sentence mark before it and a closing
    /// context after it say it closes (“).
    LeansOpen,
    /// Closes unless it stands at a line's start and the context says it
    /// opens (”).
    LeansClose,
}

/// When a mark is an apostrophe rather than a quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apostrophe {
    /// Never.
    Never,
    /// Between two letters or digits ("O’Malley").
    InWord,
    /// In a word, or before a digit with no word before it ("’90s").
    InWordOrBeforeDigit,
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct QuoteMark {
    pub text: &'static str,
    pub shape: MarkShape,
    pub judged: Judged,
    pub apostrophe: Apostrophe,
}

/// The quotation marks of a language.
#[derive(Debug, Clone)]
pub struct QuoteMarks {
    /// The rows, in file order.
    pub marks: Vec<QuoteMark>,
    /// Characters after which a mark may open (`after-open`).
    pub after_open: Vec<char>,
    /// Characters before which a mark may close, and that may follow a
    /// sentence's final period (`before-close`).
    pub before_close: Vec<char>,
    /// Marks that, opening a paragraph, continue a quote left open by the
    /// paragraph before (`continues`).
    pub continues: Vec<&'static str>,
    /// Marks of which two openings in a row mean the first never closed
    /// (`curly`).
    pub curly: Vec<&'static str>,
    /// The lead bytes of the marks, at most three searched at every step
    /// and at most two more searched once until passed; unused places
    /// repeat a used byte.
    pub common: [u8; 3],
    pub rare: [u8; 2],
    /// Per byte, the range of `by_lead` holding the marks that start with
    /// it, longest first (empty for a byte that starts none).
    pub lead: [(u8, u8); 256],
    /// Indexes into `marks`, grouped by lead byte.
    pub by_lead: Vec<u8>,
}

impl QuoteMarks {
    /// Parses a table: one mark a line, five columns separated by spaces
    /// (mark, shape, role, apostrophe, flags). Panics on a malformed line
    /// (the table is compiled in, so a test finds it).
    pub fn parse(text: &'static str) -> Self {
        let mut t = QuoteMarks {
            marks: Vec::new(),
            after_open: Vec::new(),
            before_close: Vec::new(),
            continues: Vec::new(),
            curly: Vec::new(),
            common: [0; 3],
            rare: [0; 2],
            lead: [(0, 0); 256],
            by_lead: Vec::new(),
        };
        let mut leads: Vec<u8> = Vec::new();
        for line in super::lines(text) {
            let cols: Vec<&'static str> = line.split(' ').collect();
            let [mark, shape, judged, apostrophe, flags] = cols[..] else {
                panic!("quote_marks: {line:?}: want mark shape role apostrophe flags");
            };
            let shape = match shape {
                "double" => MarkShape::Double,
                "single" => MarkShape::Single,
                _ => panic!("quote_marks: {line:?}: shape is double or single"),
            };
            let judged = match judged {
                "open" => Judged::Open,
                "close" => Judged::Close,
                "either" => Judged::Either,
                "leans-open" => Judged::LeansOpen,
                "leans-close" => Judged::LeansClose,
                _ => panic!("quote_marks: {line:?}: unknown role"),
            };
            let apostrophe = match apostrophe {
                "-" => Apostrophe::Never,
                "word" => Apostrophe::InWord,
                "word+digit" => Apostrophe::InWordOrBeforeDigit,
                _ => panic!("quote_marks: {line:?}: apostrophe is -, word or word+digit"),
            };
            let one_char = mark.chars().count() == 1;
            for flag in flags.split(',').filter(|&f| f != "-") {
                let c = mark.chars().next().filter(|_| one_char);
                match (flag, c) {
                    ("after-open", Some(c)) => t.after_open.push(c),
                    ("before-close", Some(c)) => t.before_close.push(c),
                    ("continues", _) => t.continues.push(mark),
                    ("curly", _) => t.curly.push(mark),
                    _ => panic!("quote_marks: {line:?}: {flag:?} is no flag of this mark"),
                }
            }
            assert!(
                !mark.is_empty() && t.marks.iter().all(|m| m.text != mark),
                "quote_marks: {line:?}: empty or repeated mark"
            );
            if !leads.contains(&mark.as_bytes()[0]) {
                leads.push(mark.as_bytes()[0]);
            }
            t.marks.push(QuoteMark {
                text: mark,
                shape,
                judged,
                apostrophe,
            });
        }
        assert!(
            (1..=5).contains(&leads.len()) && t.marks.len() < 256,
            "quote_marks: want 1 to 5 lead bytes, under 256 marks"
        );
        for (k, slot) in t.common.iter_mut().chain(t.rare.iter_mut()).enumerate() {
            *slot = leads[k.min(leads.len() - 1)];
        }
        for &b in &leads {
            let start = t.by_lead.len();
            let mut of_b: Vec<u8> = (0..t.marks.len() as u8)
                .filter(|&k| t.marks[k as usize].text.as_bytes()[0] == b)
                .collect();
            of_b.sort_by_key(|&k| std::cmp::Reverse(t.marks[k as usize].text.len()));
            t.by_lead.extend(of_b);
            t.lead[b as usize] = (start as u8, t.by_lead.len() as u8);
        }
        t
    }

    /// The mark that starts at byte `i` of `b`, if any.
    #[inline]
    pub fn at(&self, b: &[u8], i: usize) -> Option<&QuoteMark> {
        let (from, to) = self.lead[b[i] as usize];
        self.by_lead[from as usize..to as usize]
            .iter()
            .map(|&k| &self.marks[k as usize])
            .find(|m| b[i..].starts_with(m.text.as_bytes()))
    }

    /// Does `s` start with a mark that continues a quote across
    /// paragraphs?
    pub fn starts_with_continuation(&self, s: &str) -> bool {
        self.continues.iter().any(|m| s.starts_with(m))
    }

    /// Does `s` start with a curly mark?
    pub fn starts_with_curly(&self, s: &str) -> bool {
        self.curly.iter().any(|m| s.starts_with(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_table_knows_its_marks_and_longest_first() {
        let t = &super::super::Lexicons::of(super::super::Lang::En).quote_marks;
        let at = |s: &str| t.at(s.as_bytes(), 0).map(|m| (m.text, m.shape, m.judged));
        assert_eq!(at("''x"), Some(("''", MarkShape::Double, Judged::Either)));
        assert_eq!(at("'x"), Some(("'", MarkShape::Single, Judged::Either)));
        assert_eq!(at("„x"), Some(("„", MarkShape::Double, Judged::Open)));
        assert_eq!(at("`x"), None);
        assert_eq!(at("—"), None);
        assert_eq!(t.common, [b'"', b'\'', 0xE2]);
        assert_eq!(t.rare, [b'`', 0xC2]);
        assert!(t.starts_with_continuation("«Oui"));
        assert!(!t.starts_with_continuation("„Ja"));
    }

    #[test]
    fn a_german_table_reads_without_code() {
        let t = QuoteMarks::parse(
            "„ double open - after-open,continues,curly\n“ double leans-close - before-close\n» double open - after-open\n« double close - before-close\n",
        );
        assert_eq!(t.marks[1].judged, Judged::LeansClose);
        assert_eq!(t.after_open, vec!['„', '»']);
        assert_eq!(t.rare, [0xC2, 0xC2]);
    }

    #[test]
    #[should_panic(expected = "no flag of this mark")]
    fn a_flag_on_the_wrong_mark_is_refused() {
        QuoteMarks::parse("'' double either - after-open\n");
    }

    #[test]
    #[should_panic(expected = "want mark shape role apostrophe flags")]
    fn a_short_line_is_refused() {
        QuoteMarks::parse("\" double either\n");
    }
}
