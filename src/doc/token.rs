//! The tokens of a document as the features stage describes them: shape,
//! quote state and the cue each is part of, facts that need no model.

use super::{CueClass, Form, Span};

/// What a token is, by its characters alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum TokenShape {
    #[default]
    Lower,
    Capitalized,
    AllCaps,
    Digits,
    /// Letters with digits or inner punctuation ("D-Ore", "U.S", "46-year-old").
    Mixed,
    Comma,
    Period,
    Colon,
    Semicolon,
    Dash,
    DoubleQuote,
    SingleQuote,
    OpenBracket,
    CloseBracket,
    QuestionOrBang,
    OtherPunct,
}

impl TokenShape {
    pub const COUNT: usize = 16;
}

/// Where a token stands with respect to quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum QuoteState {
    #[default]
    Outside,
    /// Inside a double quote.
    Inside,
    /// The opening mark of a double quote.
    Opening,
    /// The closing mark of a double quote.
    Closing,
    /// Inside a single quote that no double quote holds.
    InsideSingle,
}

impl QuoteState {
    pub const COUNT: usize = 5;
}

/// The cue a token is part of: its lexicon entry's class and form, and
/// whether the token is the cue's first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenCue {
    pub class: CueClass,
    pub form: Form,
    pub begins: bool,
}

/// A token of the document and the facts about it that need no model
/// (the features stage): its shape, its place in sentence and paragraph,
/// its quote state and the cue it is part of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// A word (letters, digits, inner joiners) rather than punctuation.
    pub word: bool,
    pub shape: TokenShape,
    pub quote: QuoteState,
    /// The cue the token is part of, if any.
    pub cue: Option<TokenCue>,
    /// [`Token::SENTENCE_START`] and the other position bits.
    pub position: u8,
    pub sentence: u32,
    pub paragraph: u32,
}

impl Token {
    pub const SENTENCE_START: u8 = 1;
    pub const SENTENCE_END: u8 = 2;
    pub const PARAGRAPH_START: u8 = 4;
    pub const AFTER_COMMA: u8 = 8;
    /// The number of distinct `position` values.
    pub const POSITIONS: usize = 16;
}
