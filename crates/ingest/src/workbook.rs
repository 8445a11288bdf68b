//! One file to rows: open it by its ending, read each sheet once, say what happened.

use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};

use calamine::{open_workbook_from_rs, DataRef, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use itamemo_model::reason::{Note, Reason};
use itamemo_model::{FileOutcome, FileStatus, RegisterEntry};
use rayon::prelude::*;

use crate::csv_sheet::read_csv;
use crate::fs_deep;
use crate::grid::{Grid, GridBuilder};
use crate::layout::{read_sheet, Sheet, SheetOutcome};
use crate::packed_rows::PackedRows;
use crate::vocab::Vocabulary;
use crate::walk::{extension_lowercase, refusal_by_kind, Input};
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

pub fn read_input(input: &Input, vocab: &Vocabulary, limits: &Limits) -> FileRead {
    let failed = |status| FileRead::with_status(input, status);
    if let Some(reason) = &input.skip {
        return failed(FileStatus::Skipped(reason.clone()));
    }
    let cannot_open = |err: std::io::Error| {
        failed(FileStatus::Failed(Reason::CannotOpenFile {
            os: thai(&err),
        }))
    };
    let file = match fs_deep::open(&input.path) {
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
    if size == 0 {
        // A size the system does not know (it says 0): the file is read whole,
        // no further than the limit, and its bytes are what the checks see.
        let most = limits.max_file_mb.saturating_mul(1024 * 1024);
        let mut bytes = Vec::new();
        if let Err(err) = file.take(most.saturating_add(1)).read_to_end(&mut bytes) {
            return cannot_open(err);
        }
        return read_bytes(input, &bytes, vocab, limits);
    }
    // Read from the file where it lies, never held whole (a national export's
    // bytes were 170 B a unit, live through the whole reading), and no further
    // than the size checked: a file that grows while it is read is not read past it.
    read_source(
        input,
        &mut BufReader::new(UpTo::new(file, size)),
        vocab,
        limits,
    )
}

/// A file's bytes to rows, as `read_input` reads a file (the fuzz targets' and
/// the tests' way in).
pub fn read_bytes(input: &Input, bytes: &[u8], vocab: &Vocabulary, limits: &Limits) -> FileRead {
    read_source(input, &mut Cursor::new(bytes), vocab, limits)
}

/// What a file is read from: the file itself, or its bytes in memory.
pub(crate) trait Source: Read + Seek + Send {}

impl<T: Read + Seek + Send> Source for T {}

/// A file's content to rows: every check, then the reader its ending names.
fn read_source(
    input: &Input,
    source: &mut dyn Source,
    vocab: &Vocabulary,
    limits: &Limits,
) -> FileRead {
    let failed = |status| FileRead::with_status(input, status);
    let megabytes = |bytes: u64| bytes.div_ceil(1024 * 1024);
    let size = match source.seek(SeekFrom::End(0)) {
        Ok(size) => size,
        Err(err) => return failed(FileStatus::Failed(cannot_read(err))),
    };
    if megabytes(size) > limits.max_file_mb {
        return failed(FileStatus::Failed(Reason::FileTooBig {
            mb: megabytes(size),
            limit_mb: limits.max_file_mb,
        }));
    }
    if size == 0 {
        return failed(FileStatus::Failed(Reason::EmptyFile));
    }
    if let Some(unpacked) = unpacked_size(source) {
        if megabytes(unpacked) > limits.max_unpacked_mb {
            return failed(FileStatus::Failed(Reason::UnpacksTooBig {
                mb: megabytes(unpacked),
                limit_mb: limits.max_unpacked_mb,
            }));
        }
    }
    let ending = extension_lowercase(&input.path);
    // Each sheet is read as soon as its cells are in memory, and they are let go
    // as soon as it is read.
    let file: std::sync::Arc<str> = input.display.as_str().into();
    let read = |name: &str, grid: Result<Grid, Note>| {
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
    };
    let sheets = match read_sheets(&ending, source, limits, &read) {
        Ok(sheets) => sheets,
        Err(reason) => return failed(FileStatus::Failed(reason)),
    };
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
    source: &mut dyn Source,
    limits: &Limits,
    read: &ReadSheet,
) -> Result<ReadSheets, Reason> {
    if ending == "csv" {
        let csv = read_csv(&whole(source).map_err(cannot_read)?, limits.max_cells)?;
        let name = "CSV".to_string();
        let outcome = read(&name, Ok(Grid::from(csv.range)));
        return Ok(ReadSheets {
            outcomes: vec![(name, outcome)],
            notes: csv.note.into_iter().collect(),
        });
    }
    let compound = is_compound_file(source).map_err(cannot_read)?;
    // A compound file (an .xls, or an encrypted package) is read into memory:
    // calamine's .xls reader holds it whole anyway, and the cfb crate's extent
    // check reads it a sector at a time, each from where it lies.
    let mut held;
    let source: &mut dyn Source = if compound || ending == "xls" {
        held = Cursor::new(whole(source).map_err(cannot_read)?);
        &mut held
    } else {
        source
    };
    match ending {
        "ods" => crate::ods_extent::check(source, limits)?,
        "xls" => crate::xls_extent::check(source, compound, limits)?,
        _ => {}
    }
    let mut workbook = open(ending, source, compound)?;
    let names = workbook.sheet_names();
    let outcomes = if let Sheets::Xlsx(mut xlsx) = workbook {
        // The sheets of an .xlsx (a national export has one per year) are read one
        // after the other through the one opening: each sheet's cells are held
        // whole while its rows are found, and two sheets read side by side held
        // two sheets' cells and two copies of the shared strings at once.
        // They are read on a pool thread, as they were side by side: the memory
        // their cells took is then kept by a thread that writes memos next (on
        // the file's own thread, which ends, it was not, and the run's peak at
        // 10,000 units went from 35 MiB to 36-47).
        rayon::scope(|_| {
            names
                .into_iter()
                .map(|name| {
                    let grid = xlsx_grid(&mut xlsx, &name, limits);
                    let outcome = read(&name, grid);
                    (name, outcome)
                })
                .collect()
        })
    } else {
        let loaded: Vec<(String, Result<Grid, Note>)> = names
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
                (name, grid)
            })
            .collect();
        loaded
            .into_par_iter()
            .map(|(name, grid)| {
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

/// An .xlsx sheet read cell by cell, its extent checked before it is laid out in
/// memory: calamine lays a sheet out rows by columns at once, so one value typed
/// at XFD1048576 in a valid 5 KB file would ask for 17 billion cells and abort the
/// run. One pass over the sheet's XML, as calamine's own reading makes.
fn xlsx_grid<'x>(
    xlsx: &'x mut Xlsx<&mut dyn Source>,
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
    xlsb: &mut Xlsb<&mut dyn Source>,
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

fn open<'s>(
    ending: &str,
    source: &'s mut dyn Source,
    compound: bool,
) -> Result<Sheets<&'s mut dyn Source>, Reason> {
    let not_readable = |err: calamine::Error| Reason::NotReadableAs {
        ending: ending.to_string(),
        detail: err.to_string(),
    };
    if compound && is_encrypted_package(source).map_err(cannot_read)? {
        return Err(Reason::PasswordProtected);
    }
    if ending != "xls" && compound {
        return Err(Reason::OldXlsNamedAs {
            ending: ending.to_string(),
        });
    }
    source.rewind().map_err(cannot_read)?;
    match ending {
        "xlsx" | "xlsm" => open_workbook_from_rs::<Xlsx<_>, _>(source)
            .map(Sheets::Xlsx)
            .map_err(|e| not_readable(e.into())),
        "xlsb" => open_workbook_from_rs::<Xlsb<_>, _>(source)
            .map(Sheets::Xlsb)
            .map_err(|e| not_readable(e.into())),
        "xls" => open_workbook_from_rs::<Xls<_>, _>(source)
            .map(Sheets::Xls)
            .map_err(|e| not_readable(e.into())),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(source)
            .map(Sheets::Ods)
            .map_err(|e| not_readable(e.into())),
        other => Err(Reason::UnknownEnding {
            ending: other.to_string(),
        }),
    }
}

/// A file that could not be read on (after it was opened).
fn cannot_read(err: std::io::Error) -> Reason {
    Reason::CannotOpenFile { os: thai(&err) }
}

/// All of the source, in memory.
fn whole(source: &mut dyn Source) -> std::io::Result<Vec<u8>> {
    let size = source.seek(SeekFrom::End(0))?;
    source.rewind()?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    source.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether the source is an OLE2 compound file (by its first eight bytes).
pub(crate) fn is_compound_file(source: &mut dyn Source) -> std::io::Result<bool> {
    source.rewind()?;
    let mut start = Vec::with_capacity(OLE_MAGIC.len());
    source
        .take(OLE_MAGIC.len() as u64)
        .read_to_end(&mut start)?;
    Ok(start == OLE_MAGIC)
}

/// What a zipped workbook unpacks to, by its central directory (nothing is
/// decompressed); `None` for a file that is not a zip archive.
pub(crate) fn unpacked_size(source: &mut dyn Source) -> Option<u64> {
    source.rewind().ok()?;
    let mut archive = zip::ZipArchive::new(source).ok()?;
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
/// whose name the directory stores in UTF-16: looked for in every byte, a block
/// at a time, each block starting with the last one's end.
pub(crate) fn is_encrypted_package(source: &mut dyn Source) -> std::io::Result<bool> {
    let name: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    source.rewind()?;
    let mut block = vec![0u8; 64 * 1024];
    let mut kept = 0;
    loop {
        let got = match source.read(&mut block[kept..]) {
            Ok(0) => return Ok(false),
            Ok(got) => got,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let filled = kept + got;
        if block[..filled]
            .windows(name.len())
            .any(|w| w == name.as_slice())
        {
            return Ok(true);
        }
        kept = filled.min(name.len() - 1);
        block.copy_within(filled - kept..filled, 0);
    }
}

/// A file seen only as far as the size it had when it was checked.
struct UpTo<R> {
    inner: R,
    at: u64,
    end: u64,
}

impl<R> UpTo<R> {
    /// `inner` at its start.
    fn new(inner: R, end: u64) -> UpTo<R> {
        UpTo { inner, at: 0, end }
    }
}

impl<R: Read> Read for UpTo<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = usize::try_from(self.end.saturating_sub(self.at)).unwrap_or(usize::MAX);
        let wanted = buf.len().min(left);
        if wanted == 0 {
            return Ok(0);
        }
        let got = self.inner.read(&mut buf[..wanted])?;
        self.at += got as u64;
        Ok(got)
    }
}

impl<R: Seek> Seek for UpTo<R> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let at = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(by) => self.end.checked_add_signed(by),
            SeekFrom::Current(by) => self.at.checked_add_signed(by),
        }
        .ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "invalid seek to a negative or overflowing position",
            )
        })?;
        self.at = self.inner.seek(SeekFrom::Start(at))?;
        Ok(self.at)
    }
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

#[cfg(test)]
mod source_tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn repo(relative: &str) -> Vec<u8> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        std::fs::read(root.join(relative)).unwrap()
    }

    /// Everything a read gives, as text (without the addresses the tables key
    /// their origins by).
    fn said(read: &FileRead) -> String {
        let text = format!("{:?}\n{:?}\n{:?}", read.outcome, read.rows, read.register);
        let mut out = String::new();
        for word in text.split_inclusive(|c: char| !c.is_ascii_digit()) {
            let digits = word.trim_end_matches(|c: char| !c.is_ascii_digit());
            out.push_str(if digits.len() >= 10 {
                &word[digits.len()..]
            } else {
                word
            });
        }
        out
    }

    /// The same content read from bytes and from a file gives the same outcome,
    /// rows and messages.
    fn same_from_file_and_bytes(name: &str, bytes: &[u8], limits: &Limits) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let input = Input {
            path: PathBuf::from(&path),
            display: name.to_string(),
            skip: None,
        };
        let vocab = Vocabulary::default();
        // A reader's panic (calamine checks its arithmetic in tests) as a run
        // catches it.
        let caught = |read: &dyn Fn() -> FileRead| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
                .map(|read| said(&read))
                .unwrap_or_else(|panic| format!("panic: {}", crate::panic_message(&*panic)))
        };
        let from_file = caught(&|| read_input(&input, &vocab, limits));
        let from_bytes = caught(&|| read_bytes(&input, bytes, &vocab, limits));
        assert_eq!(from_file, from_bytes, "{name}");
        from_file
    }

    fn zipped(entry: &str, content: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(entry, options).unwrap();
        std::io::Write::write_all(&mut zip, content).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_file_read_where_it_lies_reads_as_its_bytes_do() {
        let limits = Limits::default();
        let good = repo("fixtures/chumphon-ita-2564-2565.xlsx");
        let ods = repo("fixtures/chumphon-ita-2564-2565.ods");
        let xls = repo("tests/data/fuzz-xls-dimensions.xls");
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("good.xlsx", good.clone(), "Read"),
            ("good.xlsm", good.clone(), "Read"),
            ("good.xlsb", good.clone(), "NotReadableAs"),
            ("good.ods", ods.clone(), "Read"),
            ("register.xlsx", repo("fixtures/unit-register.xlsx"), "Read"),
            ("provinces.ods", repo("tests/data/provinces.ods"), "Read"),
            ("empty.xlsx", Vec::new(), "EmptyFile"),
            ("empty.csv", Vec::new(), "EmptyFile"),
            (
                "truncated.xlsx",
                good[..good.len() / 2].to_vec(),
                "NotReadableAs",
            ),
            (
                "truncated.ods",
                ods[..ods.len() / 2].to_vec(),
                "NotReadableAs",
            ),
            (
                "text.xlsx",
                b"this is a text file".to_vec(),
                "NotReadableAs",
            ),
            (
                "zip.xlsx",
                zipped("a.txt", b"not a workbook"),
                "NotReadableAs",
            ),
            (
                "locked.xlsx",
                repo("tests/data/password-protected.xlsx"),
                "PasswordProtected",
            ),
            ("old.xlsx", xls.clone(), "OldXlsNamedAs"),
            ("old.ods", xls.clone(), "OldXlsNamedAs"),
            ("old.xls", xls, ""),
            (
                "truncated.xls",
                repo("tests/data/fuzz-truncated-fat.xls"),
                "XlsDamaged",
            ),
            (
                "slice.xls",
                repo("tests/data/fuzz-cfb-slice.xls"),
                "XlsDamaged",
            ),
            (
                "column.xlsx",
                repo("tests/data/fuzz-xlsx-column-overflow.xlsx"),
                "",
            ),
            ("text.xls", b"not a compound file".to_vec(), "NotReadableAs"),
            (
                "scores.csv",
                "รหัส,ชื่อ\n1,อบต.ก\n".as_bytes().to_vec(),
                "NoScoreTable",
            ),
        ];
        for (name, bytes, expected) in cases {
            let said = same_from_file_and_bytes(name, &bytes, &limits);
            assert!(said.contains(expected), "{name}: {said}");
        }
    }

    #[test]
    fn the_size_limits_read_the_same_from_a_file() {
        let good = repo("fixtures/chumphon-ita-2564-2565.xlsx");
        let small_file = Limits {
            max_file_mb: 0,
            ..Limits::default()
        };
        let said = same_from_file_and_bytes("big.xlsx", &good, &small_file);
        assert!(said.contains("FileTooBig { mb: 1, limit_mb: 0 }"), "{said}");
        let bomb = zipped("xl/sharedStrings.xml", &vec![b' '; 3 * 1024 * 1024]);
        let small_unpacked = Limits {
            max_unpacked_mb: 2,
            ..Limits::default()
        };
        let said = same_from_file_and_bytes("bomb.xlsx", &bomb, &small_unpacked);
        assert!(
            said.contains("UnpacksTooBig { mb: 3, limit_mb: 2 }"),
            "{said}"
        );
    }

    /// A file whose size the system does not know (procfs says 0) is read for
    /// what it holds, not called empty.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_says_it_is_empty_is_read_for_what_it_holds() {
        let input = Input {
            path: PathBuf::from("/proc/self/status"),
            display: "status".to_string(),
            skip: None,
        };
        let read = read_input(&input, &Vocabulary::default(), &Limits::default());
        assert_eq!(
            format!("{:?}", read.outcome.status),
            r#"Failed(UnknownEnding { ending: "" })"#
        );
    }

    #[test]
    fn the_encryption_name_is_found_across_blocks() {
        let name: Vec<u8> = "EncryptionInfo"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        for at in [0, 100, 64 * 1024 - 13, 64 * 1024 - 1, 64 * 1024, 200_000] {
            let mut bytes = vec![0u8; at];
            bytes.extend(&name);
            bytes.extend(vec![0u8; 70_000]);
            assert!(
                is_encrypted_package(&mut Cursor::new(&bytes)).unwrap(),
                "{at}"
            );
            bytes.remove(at + 5);
            assert!(
                !is_encrypted_package(&mut Cursor::new(&bytes)).unwrap(),
                "{at}"
            );
        }
    }

    #[test]
    fn a_file_is_seen_only_as_far_as_its_checked_size() {
        let mut source = UpTo::new(Cursor::new(b"0123456789".to_vec()), 6);
        assert_eq!(source.seek(SeekFrom::End(-2)).unwrap(), 4);
        let mut rest = Vec::new();
        source.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"45");
        assert_eq!(source.seek(SeekFrom::Current(-3)).unwrap(), 3);
        assert!(source.seek(SeekFrom::Current(-4)).is_err());
        source.rewind().unwrap();
        rest.clear();
        source.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"012345");
    }
}
