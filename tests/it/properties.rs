//! Any text runs through the pipeline without panicking, and every span it
//! reports is in bounds, on character boundaries and ordered.

use proptest::prelude::*;
use whosaid::{Pipeline, Span};

fn valid(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(Pipeline::new)
}

fn check(text: &str) {
    let claims = pipeline().extract(text);
    let mut last = 0;
    for c in &claims {
        assert!(!c.content.is_empty());
        assert!(c.start() >= last, "claims ordered by content start");
        last = c.start();
        for w in c.content.windows(2) {
            assert!(w[0].end <= w[1].start, "content parts ordered and disjoint");
        }
        for s in c
            .content
            .iter()
            .copied()
            .chain(c.speaker)
            .chain(c.cue)
            .chain(c.addressee)
            .chain(c.channel)
            .chain(c.via)
        {
            assert!(valid(text, s), "span {s:?} invalid in {text:?}");
        }
    }
}

/// Text built from the pieces that drive the stages.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("’".to_string()),
        Just("‘".to_string()),
        Just("''".to_string()),
        Just("«".to_string()),
        Just(" said ".to_string()),
        Just(" according to ".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(": ".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just(" Sen. Jane Roe (D-Ore.) ".to_string()),
        Just(" she ".to_string()),
        Just(" told reporters ".to_string()),
        Just(" in a statement ".to_string()),
        Just(", who said ".to_string()),
        Just(" and said ".to_string()),
        Just("Ça é ’ “ ".to_string()),
        Just(" Twenty-four percent say ".to_string()),
        Just("In a poll, ".to_string()),
        Just("Asked about it, ".to_string()),
        "[a-zA-Z ]{0,12}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn any_string_is_safe(text in "\\PC*") {
        check(&text);
    }

    #[test]
    fn news_shaped_text_is_safe(text in newsy()) {
        check(&text);
    }
}
