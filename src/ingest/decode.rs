//! Bytes to text: UTF-8 (a BOM is dropped), else Windows-1252, with a
//! warning; binary content is refused.

/// Windows-1252 for 0x80..=0x9F; the five unassigned bytes map to the C1
/// controls of the same value, as web browsers do.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// What decoding did to a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Utf8(String),
    /// Not valid UTF-8: read as Windows-1252.
    Cp1252(String),
}

/// Why a document could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "binary content (NUL bytes), not text"),
        }
    }
}

impl std::error::Error for DecodeError {}

pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let nuls = memchr::memchr_iter(0, &bytes).take(64).count();
    // UTF-16 text and binary files are full of NULs; text has none.
    if nuls > 0 && (nuls >= 64 || nuls * 1000 > bytes.len()) {
        return Err(DecodeError::Binary);
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Decoded::Utf8(s)),
        Err(e) => {
            let b = e.into_bytes();
            Ok(Decoded::Cp1252(
                b.iter()
                    .map(|&x| match x {
                        0x80..=0x9F => CP1252_HIGH[(x - 0x80) as usize],
                        _ => x as char,
                    })
                    .collect(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFhi".to_vec()),
            Ok(Decoded::Utf8("hi".into()))
        );
    }

    #[test]
    fn cp1252_curly_quotes() {
        assert_eq!(
            decode(b"\x93Hi,\x94 she said".to_vec()),
            Ok(Decoded::Cp1252("“Hi,” she said".into()))
        );
    }

    #[test]
    fn binary() {
        assert_eq!(decode(vec![0u8; 100]), Err(DecodeError::Binary));
    }
}
