//! WARC files (web archives, as news crawls are distributed): each
//! `response` (or `resource`) record whose payload is an HTML page or
//! plain text is one document, its id the record's target address. Other
//! records (requests, metadata, images, ...) are skipped and counted. A
//! record cut short at the end of the file is reported, not fatal.

use crate::error::{Error, ErrorKind};
use std::io::{BufRead, Read};

/// One WARC record: its header fields and content.
#[derive(Debug)]
pub struct Record {
    /// Header fields, names in lower case.
    pub fields: Vec<(String, String)>,
    pub content: Vec<u8>,
    /// Byte offset of the record in the (decompressed) file.
    pub offset: u64,
}

impl Record {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Why a record could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum RecordError {
    /// The file ended inside the record.
    Truncated { offset: u64 },
    /// Not a WARC record where one should start, or its header is broken;
    /// the rest of the file cannot be read.
    Malformed { offset: u64, reason: String },
    /// A record larger than the document limit: skipped.
    TooLarge { offset: u64, bytes: u64 },
}

/// Reads records one by one from a (decompressed) WARC stream.
pub struct Reader<R> {
    r: R,
    offset: u64,
    done: bool,
    max: u64,
}

impl<R: BufRead> Reader<R> {
    /// A reader that skips (and reports) records larger than `max` bytes.
    pub fn new(r: R, max: u64) -> Self {
        Reader {
            r,
            offset: 0,
            done: false,
            max,
        }
    }

    fn line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        buf.clear();
        let n = self.r.read_until(b'\n', buf)?;
        self.offset += n as u64;
        Ok(n)
    }

    /// The next record, `None` at the end of the file.
    pub fn next_record(&mut self) -> Option<Result<Record, RecordError>> {
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        // Blank lines between records.
        let start = loop {
            let at = self.offset;
            match self.line(&mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) if buf.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) => break at,
                Err(e) => return Some(Err(self.fail(at, e.to_string()))),
            }
        };
        if !buf.starts_with(b"WARC/") {
            return Some(Err(self.fail(start, "no WARC/ version line".into())));
        }
        let mut fields = Vec::new();
        loop {
            match self.line(&mut buf) {
                Ok(0) => {
                    self.done = true;
                    return Some(Err(RecordError::Truncated { offset: start }));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(self.fail(start, e.to_string()))),
            }
            let l = String::from_utf8_lossy(&buf);
            let l = l.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                fields.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let Some(len) = fields
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.parse::<u64>().ok())
        else {
            return Some(Err(self.fail(start, "no Content-Length".into())));
        };
        if len > self.max {
            let skipped = std::io::copy(&mut (&mut self.r).take(len), &mut std::io::sink());
            self.offset += skipped.as_ref().map_or(0, |n| *n);
            if skipped.is_ok_and(|n| n < len) {
                self.done = true;
                return Some(Err(RecordError::Truncated { offset: start }));
            }
            return Some(Err(RecordError::TooLarge {
                offset: start,
                bytes: len,
            }));
        }
        let mut content = Vec::with_capacity(len as usize);
        match (&mut self.r).take(len).read_to_end(&mut content) {
            Ok(n) => self.offset += n as u64,
            Err(e) => return Some(Err(self.fail(start, e.to_string()))),
        }
        if (content.len() as u64) < len {
            self.done = true;
            return Some(Err(RecordError::Truncated { offset: start }));
        }
        Some(Ok(Record {
            fields,
            content,
            offset: start,
        }))
    }

    fn fail(&mut self, offset: u64, reason: String) -> RecordError {
        self.done = true;
        RecordError::Malformed { offset, reason }
    }
}

/// What an HTTP response in a record holds.
pub struct Payload {
    pub content_type: String,
    pub body: Vec<u8>,
}

/// The payload of a `response` record: the HTTP body after its headers,
/// de-chunked and decompressed as its headers say. A `resource` record's
/// content is the payload itself.
pub fn payload(rec: &Record) -> Result<Payload, Error> {
    let broken = |what: &str| Error::new(ErrorKind::Record, what);
    let kind = rec.field("warc-type").unwrap_or("");
    if kind == "resource" {
        return Ok(Payload {
            content_type: rec.field("content-type").unwrap_or("").to_ascii_lowercase(),
            body: rec.content.clone(),
        });
    }
    let c = &rec.content;
    let split = memchr::memmem::find(c, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| memchr::memmem::find(c, b"\n\n").map(|i| (i, 2)))
        .ok_or_else(|| broken("no HTTP headers in the response"))?;
    let head = String::from_utf8_lossy(&c[..split.0]).to_ascii_lowercase();
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim() == name)
            .map(|(_, v)| v.trim().to_string())
    };
    let mut body = c[split.0 + split.1..].to_vec();
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        body = dechunk(&body).ok_or_else(|| broken("broken chunked encoding"))?;
    }
    match header("content-encoding").as_deref() {
        Some("gzip" | "x-gzip") => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| broken(&format!("gzip body: {e}")).with_source(e))?;
            body = out;
        }
        Some("identity") | None => {}
        Some(other) => {
            let what = format!("body encoded as {other}");
            return Err(Error::new(ErrorKind::Unsupported, what));
        }
    }
    Ok(Payload {
        content_type: header("content-type").unwrap_or_default(),
        body,
    })
}

/// Undoes HTTP chunked transfer encoding.
fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut at = 0;
    loop {
        let nl = memchr::memchr(b'\n', &b[at..])? + at;
        let size_line = std::str::from_utf8(&b[at..nl]).ok()?;
        let size = usize::from_str_radix(size_line.trim().split(';').next()?.trim(), 16).ok()?;
        at = nl + 1;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(at..at + size)?);
        at += size;
        // The CRLF after each chunk.
        while at < b.len() && matches!(b[at], b'\r' | b'\n') {
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, content: &[u8]) -> Vec<u8> {
        let mut v = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
            content.len()
        )
        .into_bytes();
        v.extend_from_slice(content);
        v.extend_from_slice(b"\r\n\r\n");
        v
    }

    #[test]
    fn records_payloads_and_a_truncated_end() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Hi\r\n6\r\n there\r\n0\r\n\r\n";
        let mut file = record("request", "https://a.example/", b"GET / HTTP/1.1\r\n\r\n");
        file.extend(record("response", "https://a.example/", http));
        file.extend(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nHTTP/1.1");
        let mut r = Reader::new(&file[..], 1 << 20);
        let first = r.next_record().unwrap().unwrap();
        assert_eq!(first.field("warc-type"), Some("request"));
        let second = r.next_record().unwrap().unwrap();
        assert_eq!(second.field("warc-target-uri"), Some("https://a.example/"));
        let p = payload(&second).unwrap();
        assert_eq!(p.content_type, "text/html");
        assert_eq!(p.body, b"<p>Hi there");
        assert!(matches!(
            r.next_record(),
            Some(Err(RecordError::Truncated { .. }))
        ));
        assert!(r.next_record().is_none());
    }
}
