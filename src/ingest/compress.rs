//! Compressed inputs, recognised by their first bytes (not their name):
//! gzip (`flate2`, multi-member files included) and zstd (`ruzstd`, pure
//! Rust), decompressed as they are read, so memory stays flat whatever
//! the file's size.

use std::io::{self, BufRead, BufReader, Read};

/// How an input is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// The compression whose magic number `head` starts with.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "uncompressed",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// A reader of what `r` holds, decompressed if it starts with a gzip or
/// zstd magic number. `size`, when known, is the input's length: the read
/// buffer is made no larger (a buffer is zeroed when first filled, and
/// most articles are a few kilobytes, against 64 KiB).
pub fn decompressed(
    r: Box<dyn Read + Send>,
    size: Option<u64>,
) -> io::Result<(Box<dyn BufRead + Send>, Compression)> {
    const MAX: usize = 1 << 16;
    let capacity = size.map_or(MAX, |n| {
        usize::try_from(n).map_or(MAX, |n| n.saturating_add(1).clamp(64, MAX))
    });
    let mut buf = BufReader::with_capacity(capacity, r);
    let kind = Compression::sniff(buf.fill_buf()?);
    let out: Box<dyn BufRead + Send> = match kind {
        Compression::None => Box::new(buf),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(buf),
        )),
        Compression::Zstd => {
            let d = ruzstd::decoding::StreamingDecoder::new(buf)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
            Box::new(BufReader::with_capacity(1 << 16, d))
        }
    };
    Ok((out, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(bytes: Vec<u8>) -> (String, Compression) {
        let (mut r, kind) = decompressed(Box::new(io::Cursor::new(bytes)), None).unwrap();
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        (s, kind)
    }

    #[test]
    fn gzip_and_plain_by_content() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"\"Yes,\" Roe said.").unwrap();
        let bytes = gz.finish().unwrap();
        assert_eq!(
            read_all(bytes),
            ("\"Yes,\" Roe said.".into(), Compression::Gzip)
        );
        assert_eq!(
            read_all(b"plain".to_vec()),
            ("plain".into(), Compression::None)
        );
    }

    #[test]
    fn zstd_by_content() {
        let bytes = ruzstd::encoding::compress_to_vec(
            &b"\"Yes,\" Roe said."[..],
            ruzstd::encoding::CompressionLevel::Fastest,
        );
        assert_eq!(
            read_all(bytes),
            ("\"Yes,\" Roe said.".into(), Compression::Zstd)
        );
    }
}
