//! The writers: one [`ClaimWriter`] per format, each taking one
//! document's claims at a time as the [`Renderer`] prepared them (see
//! [`Batch`]) and writing them to any `io::Write`. Text formats write the
//! bytes the worker threads rendered; a JSON array puts them between
//! brackets; a workbook ([`super::xlsx`]) and Parquet ([`super::parquet`],
//! with the `parquet` feature) lay the records out in cells and columns.

use super::{Batch, Format, Renderer};
use std::io::{self, Write};

/// What a writer had to change to fit the format.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Characters a workbook cannot hold (XML-illegal), removed.
    pub removed_chars: usize,
    /// Cells cut to the workbook's 32,767 characters.
    pub cut_cells: usize,
    /// Worksheets written (a workbook over a million rows has several).
    pub sheets: usize,
}

/// A finished output: the writer's output back, to be put in place, and
/// what had to change.
pub struct Finished<W> {
    pub out: W,
    pub changes: Changes,
}

/// A writer of claims in one format.
pub trait ClaimWriter<W>: Send {
    /// Writes one document's claims.
    fn write(&mut self, batch: &Batch) -> io::Result<()>;
    /// Writes what closes the output (a bracket, a workbook, a footer).
    fn finish(self: Box<Self>) -> io::Result<Finished<W>>;
}

/// The writer of `renderer`'s format on `out`, its header written; `bom`
/// starts the output with a UTF-8 byte order mark.
pub fn writer<W: Write + Send + 'static>(
    renderer: &Renderer,
    mut out: W,
    bom: bool,
) -> io::Result<Box<dyn ClaimWriter<W>>> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    Ok(match renderer.format {
        Format::Jsonl | Format::Csv | Format::Tsv => {
            out.write_all(&renderer.header())?;
            Box::new(Text { out })
        }
        Format::Json => {
            out.write_all(b"[")?;
            Box::new(JsonArray { out, first: true })
        }
        Format::Xlsx => Box::new(super::xlsx::Sheet::new(
            out,
            renderer.columns(),
            renderer.meta_columns.clone(),
        )?),
        #[cfg(feature = "parquet")]
        Format::Parquet => Box::new(super::parquet::Columns::new(
            out,
            renderer.columns(),
            renderer.context,
        )),
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => {
            return Err(io::Error::other(
                "this whosaid was built without Parquet output: build it with `cargo install --path . --features parquet` (or write .csv, .jsonl or .xlsx)",
            ));
        }
    })
}

/// JSONL, CSV and TSV: the rendered bytes, in order.
struct Text<W> {
    out: W,
}

impl<W: Write + Send> ClaimWriter<W> for Text<W> {
    fn write(&mut self, batch: &Batch) -> io::Result<()> {
        self.out.write_all(&batch.text)
    }

    fn finish(self: Box<Self>) -> io::Result<Finished<W>> {
        Ok(Finished {
            out: self.out,
            changes: Changes::default(),
        })
    }
}

/// One JSON array: the rendered elements (each after `,\n`) between
/// brackets, the first one's comma dropped.
struct JsonArray<W> {
    out: W,
    first: bool,
}

impl<W: Write + Send> ClaimWriter<W> for JsonArray<W> {
    fn write(&mut self, batch: &Batch) -> io::Result<()> {
        let mut text = batch.text.as_slice();
        if text.is_empty() {
            return Ok(());
        }
        if self.first {
            text = text.strip_prefix(b",").unwrap_or(text);
            self.first = false;
        }
        self.out.write_all(text)
    }

    fn finish(mut self: Box<Self>) -> io::Result<Finished<W>> {
        self.out
            .write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        Ok(Finished {
            out: self.out,
            changes: Changes::default(),
        })
    }
}
