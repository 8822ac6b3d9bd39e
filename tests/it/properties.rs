//! Any text runs through the pipeline without panicking, and every span it
//! reports is in bounds, on character boundaries and ordered.

use proptest::prelude::*;
use whosaid::Pipeline;

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(Pipeline::new)
}

fn check(text: &str) {
    let claims = pipeline().extract(text);
    if let Err(e) = whosaid::doc::check_claims(text, &claims) {
        panic!("{e} in {text:?}");
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
