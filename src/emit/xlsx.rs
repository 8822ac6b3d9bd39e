//! The workbook writer: every cell a string (so nothing in it is a
//! formula), the quote column wrapped, a bold frozen header with a filter,
//! columns as wide as their cells (up to [`MAX_WIDTH`]), a new sheet after
//! a million rows, and characters XML forbids removed.

use super::csv_out;
use super::{Batch, Changes, ClaimWriter, Finished};
use rust_xlsxwriter::{Format as CellFormat, Workbook, XlsxError};
use std::io::{self, Write};

/// Rows a worksheet holds after its header row; more go to another sheet.
const SHEET_ROWS: u32 = 1_048_575;
/// Characters a workbook cell holds; longer cells are cut.
const CELL_CHARS: usize = 32_767;
/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// A workbook being written; it goes to the output when finished.
pub struct Sheet<W> {
    out: W,
    book: Workbook,
    columns: Vec<String>,
    /// The kept fields among the columns, whose cells the records carry.
    meta: Vec<String>,
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

impl<W: Write + Send> Sheet<W> {
    /// A workbook of `columns`, the last ones the kept fields `meta`.
    pub fn new(out: W, columns: Vec<String>, meta: Vec<String>) -> io::Result<Sheet<W>> {
        let quote_col = columns.iter().position(|c| c == "quote").unwrap_or(0) as u16;
        let mut s = Sheet {
            out,
            book: Workbook::new(),
            widths: columns.iter().map(|c| c.chars().count() + 2).collect(),
            columns,
            meta,
            header: CellFormat::new().set_bold(),
            wrap: CellFormat::new().set_text_wrap(),
            quote_col,
            row: 0,
            changes: Changes::default(),
        };
        s.add_sheet().map_err(xlsx_error)?;
        Ok(s)
    }

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
}

impl<W: Write + Send> ClaimWriter<W> for Sheet<W> {
    fn write(&mut self, batch: &Batch) -> io::Result<()> {
        for r in &batch.records {
            let cells = csv_out::cells(r, &self.meta, false);
            self.row(cells).map_err(xlsx_error)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Finished<W>> {
        self.finish_sheet().map_err(xlsx_error)?;
        self.book
            .save_to_writer(&mut self.out)
            .map_err(xlsx_error)?;
        Ok(Finished {
            out: self.out,
            changes: self.changes,
        })
    }
}
