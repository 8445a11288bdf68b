//! One file to rows: open it by its ending, read each sheet once, say what happened.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::sync::mpsc;

use calamine::{open_workbook_from_rs, DataRef, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use itamemo_model::reason::{Note, Reason};
use itamemo_model::{FileOutcome, FileStatus, RegisterEntry};

use crate::csv_sheet::read_csv;
use crate::fs_deep;
use crate::grid::{Grid, GridBuilder};
use crate::layout::{read_sheet, Sheet, SheetOutcome};
use crate::packed_rows::PackedRows;
use crate::served_file::{self, GivenUp, ServedFile};
use crate::vocab::Vocabulary;
use crate::walk::{extension_lowercase, refusal_by_kind, Input};
use crate::watched_file::{Failure, WatchedFile};
use crate::Limits;
use itamemo_model::os_error::thai;

pub struct FileRead {
    pub outcome: FileOutcome,
    /// Each table's rows as it gave them, packed (moved on to the merge).
    pub rows: Vec<PackedRows>,
    pub register: Vec<RegisterEntry>,
}

/// An OLE2 container: an old .xls, or an encrypted (password-protected) OOXML file.
pub(crate) const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl FileRead {
    /// A file that gave nothing, and why.
    pub fn failed(input: &Input, reason: Reason) -> FileRead {
        FileRead::with_status(input, FileStatus::Failed(reason))
    }

    /// A file not read, and why.
    pub fn skipped(input: &Input, reason: Reason) -> FileRead {
        FileRead::with_status(input, FileStatus::Skipped(reason))
    }

    fn with_status(input: &Input, status: FileStatus) -> FileRead {
        FileRead {
            outcome: FileOutcome {
                file: input.display.clone(),
                status,
                messages: Vec::new(),
            },
            rows: Vec::new(),
            register: Vec::new(),
        }
    }
}

pub fn read_input(
    input: &Input,
    vocab: &Vocabulary,
    limits: &Limits,
    given_up: &GivenUp,
) -> FileRead {
    let failed = |status| FileRead::with_status(input, status);
    if let Some(reason) = &input.skip {
        return failed(FileStatus::Skipped(reason.clone()));
    }
    let megabytes = |bytes: u64| bytes.div_ceil(1024 * 1024);
    let too_big = |bytes: u64| {
        failed(FileStatus::Failed(Reason::FileTooBig {
            mb: megabytes(bytes),
            limit_mb: limits.max_file_mb,
        }))
    };
    let cannot_open = |err: std::io::Error| {
        failed(FileStatus::Failed(Reason::CannotOpenFile {
            os: thai(&err),
        }))
    };
    let mut file = match fs_deep::open(&input.path) {
        Ok(file) => file,
        Err(err) => return cannot_open(err),
    };
    // The walk refused what is not a regular file; this is for one put in a
    // file's place since.
    match fs_deep::kind_of(&file) {
        Ok(kind) => {
            if let Some(reason) = refusal_by_kind(kind) {
                return failed(FileStatus::Skipped(reason));
            }
        }
        Err(err) => return cannot_open(err),
    }
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if megabytes(size) > limits.max_file_mb {
        return too_big(size);
    }
    let ending = extension_lowercase(&input.path);
    if matches!(ending.as_str(), "xlsx" | "xlsm") {
        match starts_as_zip(&mut file) {
            Ok(true) => {
                return read_zipped_workbook(input, &ending, file, size, vocab, limits, given_up)
            }
            Ok(false) => {}
            Err(err) => return cannot_open(err),
        }
    }
    // Read no more than the limit whatever the size said: a file that grows
    // while it is read, or one whose size the system does not know, stops there.
    let most = limits.max_file_mb.saturating_mul(1024 * 1024);
    let mut bytes = Vec::with_capacity(size.min(most) as usize);
    if let Err(err) = file.take(most.saturating_add(1)).read_to_end(&mut bytes) {
        return cannot_open(err);
    }
    if bytes.len() as u64 > most {
        return too_big(bytes.len() as u64);
    }
    read_bytes(input, &bytes, vocab, limits)
}

/// Whether the file begins as a zip archive (an .xlsx does), read from its
/// start and put back there.
fn starts_as_zip(file: &mut File) -> std::io::Result<bool> {
    let mut magic = [0u8; 4];
    let zipped = match file.read_exact(&mut magic) {
        Ok(()) => magic == *b"PK\x03\x04",
        // Shorter than a zip's signature.
        Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => false,
        Err(err) => return Err(err),
    };
    file.seek(SeekFrom::Start(0))?;
    Ok(zipped)
}

/// An .xlsx read from its file (`watched_file`), not its bytes held whole (170
/// bytes a unit): this thread does the reads and a pool thread the rest
/// (`served_file`). A read that failed anywhere, or was not answered in time,
/// fails the file, as when its bytes were read whole.
fn read_zipped_workbook(
    input: &Input,
    ending: &str,
    file: File,
    size: u64,
    vocab: &Vocabulary,
    limits: &Limits,
    given_up: &GivenUp,
) -> FileRead {
    let failure = Failure::default();
    let watched = WatchedFile::new(file, size, failure.clone(), &input.display);
    let (asks, to_serve) = mpsc::channel();
    let (answer, answers) = mpsc::channel();
    let mut served = ServedFile::new(asks, answers, size, given_up.clone(), failure.clone());
    let (done, outcome) = mpsc::channel();
    rayon::in_place_scope(|scope| {
        scope.spawn(|_| {
            // The check reads the entries' headers alone, without a buffer's
            // worth after each. The buffer is std's 8 KiB: with 64 KiB (and
            // the served file's answer as large) the memo phase that followed
            // on the same thread held 0.3 MB more.
            let checked = unpacked_within_limits(&mut served, limits).and_then(|()| {
                let reader = BufReader::new(served);
                let mut xlsx = Xlsx::new(reader).map_err(|e| not_readable(ending, e.into()))?;
                let names = xlsx.sheet_names();
                Ok(xlsx_sheets(
                    &mut xlsx,
                    names,
                    limits,
                    &sheet_reader(input, vocab, limits),
                ))
            });
            let _ = done.send(checked);
        });
        // Until the pool thread lets go of its end of the file.
        served_file::serve(watched, to_serve, answer);
    });
    let checked = outcome
        .recv()
        .expect("the pool thread's outcome, or its panic carried here");
    if let Some(err) = failure.take() {
        return FileRead::failed(input, Reason::CannotOpenFile { os: thai(&err) });
    }
    match checked {
        Ok(outcomes) => file_read(
            input,
            ReadSheets {
                outcomes,
                notes: Vec::new(),
            },
        ),
        Err(reason) => FileRead::failed(input, reason),
    }
}

/// A file's bytes to rows: every check, then the reader its ending names.
pub fn read_bytes(input: &Input, bytes: &[u8], vocab: &Vocabulary, limits: &Limits) -> FileRead {
    if bytes.is_empty() {
        return FileRead::failed(input, Reason::EmptyFile);
    }
    if let Err(reason) = unpacked_within_limits(Cursor::new(bytes), limits) {
        return FileRead::failed(input, reason);
    }
    let ending = extension_lowercase(&input.path);
    match read_sheets(&ending, bytes, limits, &sheet_reader(input, vocab, limits)) {
        Ok(sheets) => file_read(input, sheets),
        Err(reason) => FileRead::failed(input, reason),
    }
}

/// What is done with each sheet as soon as its cells are in memory (they are
/// let go as soon as it is read): its rows found, within the limit on rows.
fn sheet_reader<'r>(
    input: &Input,
    vocab: &'r Vocabulary,
    limits: &'r Limits,
) -> impl Fn(&str, Result<Grid, Note>) -> Result<SheetOutcome, Note> + Sync + 'r {
    let file: std::sync::Arc<str> = input.display.as_str().into();
    move |name: &str, grid: Result<Grid, Note>| {
        let grid = grid?;
        if grid.height() > limits.max_rows {
            return Err(Note::SheetTooManyRows {
                rows: grid.height(),
                limit_rows: limits.max_rows,
            });
        }
        Ok(read_sheet(&Sheet {
            file: file.clone(),
            name: name.into(),
            range: &grid,
            vocab,
        }))
    }
}

/// A zipped workbook that unpacks to more than the limit is refused before
/// anything is unpacked.
fn unpacked_within_limits(reader: impl Read + Seek, limits: &Limits) -> Result<(), Reason> {
    let megabytes = |bytes: u64| bytes.div_ceil(1024 * 1024);
    match unpacked_size(reader) {
        Some(unpacked) if megabytes(unpacked) > limits.max_unpacked_mb => {
            Err(Reason::UnpacksTooBig {
                mb: megabytes(unpacked),
                limit_mb: limits.max_unpacked_mb,
            })
        }
        _ => Ok(()),
    }
}

/// The file's outcome from what became of each of its sheets.
fn file_read(input: &Input, sheets: ReadSheets) -> FileRead {
    let sheet_count = sheets.outcomes.len();
    let mut rows = Vec::new();
    let mut register = Vec::new();
    let mut messages = sheets.notes;
    let (mut tables, mut unreadable_sheets) = (0, 0);
    let in_sheet = |name: &str, note: Note| Note::InSheet {
        sheet: name.to_string(),
        note: Box::new(note),
    };
    // Taken in the sheets' order, so the messages read the same.
    for (name, outcome) in sheets.outcomes {
        match outcome {
            Err(unreadable) => {
                unreadable_sheets += 1;
                messages.push(in_sheet(&name, unreadable));
            }
            Ok(SheetOutcome::Table {
                rows: found,
                messages: notes,
            }) => {
                tables += 1;
                rows.push(found);
                messages.extend(sheet_messages(&name, notes));
            }
            Ok(SheetOutcome::Register {
                entries,
                messages: notes,
            }) => {
                tables += 1;
                register.extend(entries);
                messages.extend(sheet_messages(&name, notes));
            }
            Ok(SheetOutcome::NoTable(note)) => messages.push(in_sheet(&name, note)),
        }
    }
    let status = if tables == 0 {
        FileStatus::Failed(Reason::NoScoreTable {
            sheets: sheet_count,
        })
    } else {
        FileStatus::Read {
            tables,
            rows: rows.iter().map(PackedRows::len).sum(),
            register_rows: register.len(),
            unreadable_sheets,
        }
    };
    FileRead {
        outcome: FileOutcome {
            file: input.display.clone(),
            status,
            messages,
        },
        rows,
        register,
    }
}

/// A sheet's messages, named by the sheet; a sheet of thousands of odd rows gives
/// the first few and a count, not a report nobody can read.
fn sheet_messages(sheet: &str, notes: Vec<Note>) -> Vec<Note> {
    const SHOWN: usize = 20;
    let hidden = notes.len().saturating_sub(SHOWN);
    let in_sheet = |note: Note| Note::InSheet {
        sheet: sheet.to_string(),
        note: Box::new(note),
    };
    let mut out: Vec<Note> = notes.into_iter().take(SHOWN).map(in_sheet).collect();
    if hidden > 0 {
        out.push(in_sheet(Note::MoreLikeThese { count: hidden }));
    }
    out
}

/// Each sheet's name and what became of it, in the file's order.
struct ReadSheets {
    outcomes: Vec<(String, Result<SheetOutcome, Note>)>,
    notes: Vec<Note>,
}

/// What `read_sheets` does with a sheet once its cells are in memory.
type ReadSheet<'r> = dyn Fn(&str, Result<Grid, Note>) -> Result<SheetOutcome, Note> + Sync + 'r;

/// Every sheet of the file, each loaded once and given to `read`.
fn read_sheets(
    ending: &str,
    bytes: &[u8],
    limits: &Limits,
    read: &ReadSheet,
) -> Result<ReadSheets, Reason> {
    if ending == "csv" {
        let csv = read_csv(bytes, limits.max_cells)?;
        let name = "CSV".to_string();
        let outcome = read(&name, Ok(Grid::from(csv.range)));
        return Ok(ReadSheets {
            outcomes: vec![(name, outcome)],
            notes: csv.note.into_iter().collect(),
        });
    }
    match ending {
        "ods" => crate::ods_extent::check(bytes, limits)?,
        "xls" => crate::xls_extent::check(bytes, limits)?,
        _ => {}
    }
    let mut workbook = open(ending, bytes)?;
    let names = workbook.sheet_names();
    let outcomes = if let Sheets::Xlsx(mut xlsx) = workbook {
        xlsx_sheets(&mut xlsx, names, limits, read)
    } else {
        // One after the other, on this thread: no pool thread may wait in a
        // join while files are read, as it would take on queued work meanwhile,
        // a hung .xlsx's among them, and its own file would wait with it
        // (`served_file`).
        names
            .into_iter()
            .map(|name| {
                let grid = match &mut workbook {
                    Sheets::Xlsb(xlsb) => xlsb_grid(xlsb, &name, limits),
                    other => other.worksheet_range(&name).map(Grid::from).map_err(|e| {
                        Note::SheetUnreadable {
                            detail: e.to_string(),
                        }
                    }),
                };
                let outcome = read(&name, grid);
                (name, outcome)
            })
            .collect()
    };
    Ok(ReadSheets {
        outcomes,
        notes: Vec::new(),
    })
}

/// The sheets of an .xlsx (a national export has one per year), read one after
/// the other through the one opening: each sheet's cells are held whole while
/// its rows are found, and two sheets read side by side held two sheets' cells
/// and two copies of the shared strings at once.
fn xlsx_sheets<RS: Read + Seek>(
    xlsx: &mut Xlsx<RS>,
    names: Vec<String>,
    limits: &Limits,
    read: &ReadSheet,
) -> Vec<(String, Result<SheetOutcome, Note>)> {
    names
        .into_iter()
        .map(|name| {
            let grid = xlsx_grid(xlsx, &name, limits);
            let outcome = read(&name, grid);
            (name, outcome)
        })
        .collect()
}

/// An .xlsx sheet read cell by cell, its extent checked before it is laid out in
/// memory: calamine lays a sheet out rows by columns at once, so one value typed
/// at XFD1048576 in a valid 5 KB file would ask for 17 billion cells and abort the
/// run. One pass over the sheet's XML, as calamine's own reading makes.
fn xlsx_grid<'x, RS: Read + Seek>(
    xlsx: &'x mut Xlsx<RS>,
    name: &str,
    limits: &Limits,
) -> Result<Grid<'x>, Note> {
    let unreadable = |e: calamine::XlsxError| Note::SheetUnreadable {
        detail: e.to_string(),
    };
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(unreadable)?;
    grid_within_limits(|| reader.next_cell().map_err(unreadable), limits)
}

/// The same for an .xlsb sheet (its records, as the .xlsx's XML), holding its
/// shared strings itself: the sheets of an .xlsb are all loaded before any is read.
fn xlsb_grid(
    xlsb: &mut Xlsb<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Grid<'static>, Note> {
    let unreadable = |e: calamine::XlsbError| Note::SheetUnreadable {
        detail: e.to_string(),
    };
    let mut reader = xlsb.worksheet_cells_reader(name).map_err(unreadable)?;
    grid_within_limits(|| reader.next_cell().map_err(unreadable), limits).map(Grid::into_owned)
}

/// The cells `next_cell` gives, laid out as they come, each checked against the
/// limits before it takes any room.
fn grid_within_limits<'a>(
    mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, Note>,
    limits: &Limits,
) -> Result<Grid<'a>, Note> {
    let mut grid = GridBuilder::new();
    let (mut last_row, mut last_col) = (0u32, 0u32);
    while let Some(cell) = next_cell()? {
        let (row, col) = cell.get_position();
        (last_row, last_col) = (last_row.max(row), last_col.max(col));
        let (rows, cols) = (u64::from(last_row) + 1, u64::from(last_col) + 1);
        if rows > limits.max_rows as u64 || rows * cols > limits.max_cells {
            return Err(Note::SheetRefused(Reason::SheetTooFar {
                sheet: None,
                cell: itamemo_model::place::cell_name(row, col),
                rows,
                cols,
                limit_rows: limits.max_rows,
                limit_cells: limits.max_cells,
            }));
        }
        grid.push_ref((row, col), cell.get_value());
    }
    Ok(grid.build())
}

fn open<'a>(ending: &str, bytes: &'a [u8]) -> Result<Sheets<Cursor<&'a [u8]>>, Reason> {
    let data = Cursor::new(bytes);
    if bytes.starts_with(&OLE_MAGIC) && is_encrypted_package(bytes) {
        return Err(Reason::PasswordProtected);
    }
    if ending != "xls" && bytes.starts_with(&OLE_MAGIC) {
        return Err(Reason::OldXlsNamedAs {
            ending: ending.to_string(),
        });
    }
    match ending {
        "xlsx" | "xlsm" => open_workbook_from_rs::<Xlsx<_>, _>(data)
            .map(Sheets::Xlsx)
            .map_err(|e| not_readable(ending, e.into())),
        "xlsb" => open_workbook_from_rs::<Xlsb<_>, _>(data)
            .map(Sheets::Xlsb)
            .map_err(|e| not_readable(ending, e.into())),
        "xls" => open_workbook_from_rs::<Xls<_>, _>(data)
            .map(Sheets::Xls)
            .map_err(|e| not_readable(ending, e.into())),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(data)
            .map(Sheets::Ods)
            .map_err(|e| not_readable(ending, e.into())),
        other => Err(Reason::UnknownEnding {
            ending: other.to_string(),
        }),
    }
}

/// calamine could not open the file as its ending says it is.
fn not_readable(ending: &str, err: calamine::Error) -> Reason {
    Reason::NotReadableAs {
        ending: ending.to_string(),
        detail: err.to_string(),
    }
}

/// What a zipped workbook unpacks to, by its central directory (nothing is
/// decompressed); `None` for a file that is not a zip archive.
pub(crate) fn unpacked_size(reader: impl Read + Seek) -> Option<u64> {
    let mut archive = zip::ZipArchive::new(reader).ok()?;
    // The total the central directory declares for every entry.
    if let Some(total) = archive.decompressed_size() {
        return Some(u64::try_from(total).unwrap_or(u64::MAX));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).ok()?;
        total = total.saturating_add(entry.size());
    }
    Some(total)
}

/// An encrypted OOXML package is an OLE2 file with an "EncryptionInfo" stream,
/// whose name the directory stores in UTF-16.
pub(crate) fn is_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

#[cfg(test)]
mod reach_tests {
    use super::*;

    fn cells(
        at: &[(u32, u32)],
    ) -> impl FnMut() -> Result<Option<calamine::Cell<DataRef<'static>>>, Note> {
        let mut queue: Vec<_> = at
            .iter()
            .rev()
            .map(|&pos| calamine::Cell::new(pos, DataRef::Float(1.0)))
            .collect();
        move || Ok(queue.pop())
    }

    #[test]
    fn a_sheet_within_the_limits_is_laid_out_from_its_cells() {
        let range = grid_within_limits(cells(&[(0, 0), (5, 3)]), &Limits::default()).unwrap();
        assert_eq!(
            (range.start(), range.height(), range.width()),
            (Some((0, 0)), 6, 4)
        );
        assert_eq!(range.get(5, 3), crate::cell::Value::Float(1.0));
    }

    #[test]
    fn a_far_cell_is_refused_with_its_name_before_anything_is_laid_out() {
        let limits = Limits {
            max_cells: 20,
            ..Limits::default()
        };
        let refusal = grid_within_limits(cells(&[(0, 0), (5, 3)]), &limits).unwrap_err();
        assert_eq!(refusal.id(), "sheet_too_far");
        let refusal = refusal.to_string();
        assert!(refusal.contains("เซลล์ D6 (6 แถว × 4 คอลัมน์)"), "{refusal}");
        assert!(refusal.contains("--max-cells"), "{refusal}");
    }
}
