//! How far an .xls sheet's cells reach, measured from the BIFF records before
//! calamine reads the file. calamine reads every sheet when it opens a workbook
//! and lays each out rows x columns from its farthest cell, reserving first what
//! the sheet's DIMENSIONS record claims; one corrupt record (a cell at column
//! 65,000, a claim of four billion rows) asks for more memory than exists, and a
//! failed allocation ends the whole process, not just this file.

use std::io::{Cursor, Read};

use itamemo_model::place::cell_name;
use itamemo_model::reason::Reason;

use crate::workbook::OLE_MAGIC;
use crate::Limits;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
/// Records that start with the row and column of the one cell they hold, as
/// calamine reads them: Number, Label, RString, BoolErr, RK, LabelSst, Formula.
const ONE_CELL: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// What a sheet asks for: the rows and columns its cells span and the cells its
/// DIMENSIONS record claims.
#[derive(Debug, Default, PartialEq)]
pub struct SheetReach {
    pub first: Option<(u32, u32)>,
    pub last: (u32, u32),
    pub claimed_cells: u64,
}

impl SheetReach {
    fn add(&mut self, row: u32, col: u32) {
        let (r0, c0) = self.first.unwrap_or((row, col));
        self.first = Some((r0.min(row), c0.min(col)));
        self.last = (self.last.0.max(row), self.last.1.max(col));
    }

    fn span(&self) -> (u64, u64) {
        match self.first {
            Some((r0, c0)) => (
                u64::from(self.last.0 - r0) + 1,
                u64::from(self.last.1 - c0) + 1,
            ),
            None => (0, 0),
        }
    }
}

/// Refuses a file whose sheets reach or claim past the limits, naming the
/// farthest cell, and a compound file too broken to walk: calamine reads some of
/// those regardless, and what it then reserves cannot be known beforehand (the
/// fuzzer found a truncated one that aborted the run). A file that is not a
/// compound file at all, or has no workbook in it, passes: calamine says why.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<(), Reason> {
    let sheets = match measure(bytes) {
        Ok(Some(sheets)) => sheets,
        Ok(None) => return Ok(()),
        Err(_) if !bytes.starts_with(&OLE_MAGIC) => return Ok(()),
        Err(broken) => {
            return Err(Reason::XlsDamaged {
                detail: broken.to_string(),
            })
        }
    };
    for (number, reach) in sheets.iter().enumerate() {
        let (rows, cols) = reach.span();
        if rows > limits.max_rows as u64 || rows.saturating_mul(cols) > limits.max_cells {
            return Err(Reason::SheetTooFar {
                sheet: Some(format!("ชีตที่ {}", number + 1)),
                cell: cell_name(reach.last.0, reach.last.1),
                rows,
                cols,
                limit_rows: limits.max_rows,
                limit_cells: limits.max_cells,
            });
        }
        if reach.claimed_cells > limits.max_cells {
            return Err(Reason::SheetClaimsTooMany {
                sheet: format!("ชีตที่ {}", number + 1),
                cells: reach.claimed_cells,
                limit_cells: limits.max_cells,
            });
        }
    }
    Ok(())
}

/// The reach of each sheet, in the order the workbook lists them; an error when
/// the bytes are no compound file that can be walked; None when it holds no
/// workbook stream, or the workbook is encrypted (its cell records are then
/// ciphertext).
pub fn measure(bytes: &[u8]) -> Result<Option<Vec<SheetReach>>, std::io::Error> {
    let mut container = cfb::CompoundFile::open(Cursor::new(bytes))?;
    let Ok(mut workbook) = container
        .open_stream("/Workbook")
        .or_else(|_| container.open_stream("/Book"))
    else {
        return Ok(None);
    };
    let mut stream = Vec::new();
    workbook.read_to_end(&mut stream)?;
    Ok(measure_stream(&stream))
}

fn measure_stream(stream: &[u8]) -> Option<Vec<SheetReach>> {
    let mut sheet_starts = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            FILEPASS if data.len() >= 2 && u16_at(data, 0) != 0 => return None,
            BOUNDSHEET if data.len() >= 4 => sheet_starts.push(u32_at(data, 0) as usize),
            EOF => break,
            _ => {}
        }
    }
    Some(
        sheet_starts
            .into_iter()
            .map(|start| measure_sheet(stream.get(start..).unwrap_or_default()))
            .collect(),
    )
}

/// One sheet's substream, skipping what is nested in it (embedded charts), as
/// calamine does.
fn measure_sheet(stream: &[u8]) -> SheetReach {
    let mut reach = SheetReach::default();
    let (mut seen_bof, mut nested) = (false, 0usize);
    for (typ, data) in records(stream) {
        if nested > 0 {
            match typ {
                BOF => nested += 1,
                EOF => nested -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF if seen_bof => nested += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => reach.claimed_cells = reach.claimed_cells.max(claimed_cells(data)),
            MULRK if data.len() >= 6 => {
                let row = u32::from(u16_at(data, 0));
                reach.add(row, u32::from(u16_at(data, 2)));
                reach.add(row, u32::from(u16_at(data, data.len() - 2)));
            }
            t if ONE_CELL.contains(&t) && data.len() >= 4 => {
                reach.add(u32::from(u16_at(data, 0)), u32::from(u16_at(data, 2)));
            }
            _ => {}
        }
    }
    reach
}

/// The cells a DIMENSIONS record claims, read as calamine reads it (BIFF8: rows
/// as 32 bits; a first column past 255 taken as 0).
fn claimed_cells(data: &[u8]) -> u64 {
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (
            u64::from(u16_at(data, 0)),
            u64::from(u16_at(data, 2)),
            u64::from(u16_at(data, 4)),
            u64::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u64::from(u32_at(data, 0)),
            u64::from(u32_at(data, 4)),
            u64::from(u16_at(data, 8)),
            u64::from(u16_at(data, 10)),
        ),
        _ => return 0,
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    let rows = last_row.saturating_sub(first_row);
    let cols = last_col.saturating_sub(first_col);
    rows.max(1).saturating_mul(cols.max(1))
}

/// The records of a BIFF stream as type and data, until the stream ends or a
/// record runs past it.
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let typ = u16_at(stream, 0);
        let len = usize::from(u16_at(stream, 2));
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, data))
    })
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}
