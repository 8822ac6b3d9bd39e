//! Quotation marks as the scan stage finds them, the quotes they pair
//! into, and the sentences the sentences stage cuts.

use super::Span;

/// The family a quotation mark belongs to: marks only pair within a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `"`, `“`, `”`, `„`, `«`, `»` and the typewriter pair `''` / ``` `` ```.
    Double,
    /// `'`, `‘`, `’`, `‚`, `‹`, `›`.
    Single,
}

/// What the context says about a quotation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Open,
    Close,
    /// Straight marks with no telling context (`a"b`).
    Either,
}

/// A quotation mark (not an apostrophe), found by the scan stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub pos: usize,
    pub len: u8,
    pub shape: Shape,
    pub role: Role,
}

impl Mark {
    pub fn end(&self) -> usize {
        self.pos + self.len as usize
    }
}

/// A quotation: opening mark through closing mark, marks included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the end of the closing mark (or of the
    /// paragraph when unbalanced).
    pub span: Span,
    /// Paragraph index where the quote opens.
    pub paragraph: usize,
    pub shape: Shape,
    /// No closing mark was found.
    pub unbalanced: bool,
    /// Number of paragraphs the quote runs through (1 for most).
    pub paragraphs: u32,
}

impl Quote {
    /// The text between the marks.
    pub fn inner(&self, text: &str) -> Span {
        let s = &text[self.span.range()];
        let open = s.chars().next().map_or(0, char::len_utf8);
        let open = if s.starts_with("''") || s.starts_with("``") {
            2
        } else {
            open
        };
        if self.unbalanced {
            return Span::new(self.span.start + open, self.span.end);
        }
        let close = s.chars().next_back().map_or(0, char::len_utf8);
        let close = if s.ends_with("''") { 2 } else { close };
        Span::new(
            self.span.start + open,
            (self.span.end - close).max(self.span.start + open),
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}
