//! Where rendered claims go: the output file (or standard output) as the
//! renderer wrote them (JSONL, CSV, TSV), inside a JSON array's brackets,
//! or into an Excel workbook written when the run completes.

use super::output::Output;
use crate::emit::Format;
use rust_xlsxwriter::{Format as CellFormat, Workbook, XlsxError};
use std::io::{self, Write};

/// Rows a worksheet holds after its header row; more go to another sheet.
const SHEET_ROWS: u32 = 1_048_575;
/// Characters a workbook cell holds; longer cells are cut.
const CELL_CHARS: usize = 32_767;
/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// What the output writer had to change to fit the format.
#[derive(Debug, Default)]
pub struct Changes {
    /// Characters a workbook cannot hold (XML-illegal), removed.
    pub removed_chars: usize,
    /// Cells cut to the workbook's 32,767 characters.
    pub cut_cells: usize,
    /// Worksheets written (a workbook over a million rows has several).
    pub sheets: usize,
}

pub enum Sink {
    /// Bytes as rendered.
    Plain(Output),
    /// JSON lines joined into one array.
    JsonArray { out: Output, first: bool },
    /// A workbook; rows are parsed back from the renderer's cell arrays.
    Xlsx(Box<Sheet>),
    /// Parquet columns built from the rendered JSON lines.
    #[cfg(feature = "parquet")]
    Parquet(Box<super::parquet_sink::ParquetSink<Output>>),
}

pub struct Sheet {
    out: Output,
    book: Workbook,
    columns: Vec<String>,
    widths: Vec<usize>,
    header: CellFormat,
    wrap: CellFormat,
    quote_col: u16,
    /// Data rows in the current sheet.
    row: u32,
    changes: Changes,
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("writing the workbook: {e}"))
}

impl Sink {
    /// A sink for `format` writing to `out`; `columns` are the table's
    /// columns (for a workbook) and `bom` asks for a UTF-8 byte order mark.
    pub fn new(
        format: Format,
        mut out: Output,
        columns: Vec<String>,
        bom: bool,
    ) -> io::Result<Sink> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        Ok(match format {
            Format::Jsonl | Format::Csv | Format::Tsv => Sink::Plain(out),
            Format::Json => {
                out.write_all(b"[")?;
                Sink::JsonArray { out, first: true }
            }
            Format::Xlsx => {
                let quote_col = columns.iter().position(|c| c == "quote").unwrap_or(0) as u16;
                let mut s = Sheet {
                    out,
                    book: Workbook::new(),
                    widths: columns.iter().map(|c| c.chars().count() + 2).collect(),
                    columns,
                    header: CellFormat::new().set_bold(),
                    wrap: CellFormat::new().set_text_wrap(),
                    quote_col,
                    row: 0,
                    changes: Changes::default(),
                };
                s.add_sheet().map_err(xlsx_error)?;
                Sink::Xlsx(Box::new(s))
            }
            #[cfg(feature = "parquet")]
            Format::Parquet => Sink::Parquet(Box::new(super::parquet_sink::ParquetSink::new(
                out, columns,
            ))),
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => {
                return Err(io::Error::other(
                    "this whosaid was built without Parquet output: build it with `cargo install --path . --features parquet` (or write .csv, .jsonl or .xlsx)",
                ));
            }
        })
    }

    /// Writes what the renderer made of one document.
    pub fn write(&mut self, rendered: &[u8]) -> io::Result<()> {
        match self {
            Sink::Plain(out) => out.write_all(rendered),
            Sink::JsonArray { out, first } => {
                for line in rendered.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                    out.write_all(if *first { b"\n" } else { b",\n" })?;
                    out.write_all(line)?;
                    *first = false;
                }
                Ok(())
            }
            #[cfg(feature = "parquet")]
            Sink::Parquet(p) => p.write(rendered),
            Sink::Xlsx(sheet) => {
                for line in rendered.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                    let cells: Vec<String> = serde_json::from_slice(line)
                        .map_err(|e| io::Error::other(format!("a rendered row: {e}")))?;
                    sheet.row(cells).map_err(xlsx_error)?;
                }
                Ok(())
            }
        }
    }

    /// Finishes the output (closing bracket, the workbook's file) and puts
    /// it in place.
    pub fn commit(self) -> io::Result<Changes> {
        match self {
            Sink::Plain(out) => {
                out.commit()?;
                Ok(Changes::default())
            }
            Sink::JsonArray { mut out, first } => {
                out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
                out.commit()?;
                Ok(Changes::default())
            }
            Sink::Xlsx(sheet) => sheet.finish(),
            #[cfg(feature = "parquet")]
            Sink::Parquet(p) => {
                p.finish()?.commit()?;
                Ok(Changes::default())
            }
        }
    }
}

impl Sheet {
    fn add_sheet(&mut self) -> Result<(), XlsxError> {
        self.changes.sheets += 1;
        let name = match self.changes.sheets {
            1 => "claims".to_string(),
            n => format!("claims {n}"),
        };
        let ws = self.book.add_worksheet_with_constant_memory()?;
        ws.set_name(name)?;
        for (c, name) in self.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, name, &self.header)?;
        }
        ws.set_freeze_panes(1, 0)?;
        self.row = 0;
        Ok(())
    }

    /// One claim's row; every cell a string, so nothing in it is a formula.
    fn row(&mut self, cells: Vec<String>) -> Result<(), XlsxError> {
        if self.row == SHEET_ROWS {
            self.finish_sheet()?;
            self.add_sheet()?;
        }
        self.row += 1;
        let last = self.book.worksheets_mut().len() - 1;
        for (c, cell) in cells.into_iter().enumerate() {
            let cell = self.clean(cell);
            if let Some(w) = self.widths.get_mut(c) {
                *w = (*w).max(cell.chars().count().min(MAX_WIDTH));
            }
            if cell.is_empty() {
                continue;
            }
            let ws = &mut self.book.worksheets_mut()[last];
            if c as u16 == self.quote_col {
                ws.write_string_with_format(self.row, c as u16, cell, &self.wrap)?;
            } else {
                ws.write_string(self.row, c as u16, cell)?;
            }
        }
        Ok(())
    }

    /// A cell as a workbook can hold it: characters XML forbids removed,
    /// cut to the cell limit.
    fn clean(&mut self, cell: String) -> String {
        let illegal = |c: char| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
        };
        let mut cell = if cell.contains(illegal) {
            let before = cell.chars().count();
            let kept: String = cell.chars().filter(|&c| !illegal(c)).collect();
            self.changes.removed_chars += before - kept.chars().count();
            kept
        } else {
            cell
        };
        if cell.len() > CELL_CHARS
            && let Some((cut, _)) = cell.char_indices().nth(CELL_CHARS)
        {
            cell.truncate(cut);
            self.changes.cut_cells += 1;
        }
        cell
    }

    /// Column widths and the filter of the current sheet.
    fn finish_sheet(&mut self) -> Result<(), XlsxError> {
        let last_col = self.columns.len().saturating_sub(1) as u16;
        let rows = self.row;
        let widths = self.widths.clone();
        let quote_col = self.quote_col;
        let ws = self.book.worksheets_mut().last_mut().expect("a sheet");
        for (c, w) in widths.into_iter().enumerate() {
            let w = if c as u16 == quote_col { MAX_WIDTH } else { w };
            ws.set_column_width(c as u16, w as f64)?;
        }
        ws.autofilter(0, 0, rows, last_col)?;
        Ok(())
    }

    fn finish(mut self) -> io::Result<Changes> {
        self.finish_sheet().map_err(xlsx_error)?;
        self.book
            .save_to_writer(&mut self.out)
            .map_err(xlsx_error)?;
        self.out.commit()?;
        Ok(self.changes)
    }
}
