//! The run report beside the memos: itamemo-report.xlsx (a sheet of units, one of
//! files, one of notes) for people, and itamemo-report.json for scripts.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use itamemo_model::outcomes::Spilled;
use itamemo_model::reason::{Note, Reason};
use itamemo_model::{
    AreaSummary, Change, FileStatus, Outcomes, RunReport, UnitOutcome, Which, YearLine,
};
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DocProperties, ExcelDateTime, Format,
    Workbook, Worksheet, XlsxError,
};
use serde::Serialize;
use serde_json::{json, Value};

use crate::autofit::ColumnWidths;
use crate::files::{write_together, Writer};
use crate::thai_order;
use crate::BelowPassList;

pub const XLSX_NAME: &str = "itamemo-report.xlsx";
pub const JSON_NAME: &str = "itamemo-report.json";

/// Writes both reports into `dir`, the pair or neither: both are written whole
/// to temporary files first (a full disk stops it there, leaving no report), then
/// renamed into place; `date` (C.E. y, m, d) stamps the workbook so that reruns
/// give the same bytes. The error names the report file, not a temporary one.
///
/// Neither is held whole in memory: the workbook's sheets keep their rows in
/// unnamed temporary files in `dir` (rust_xlsxwriter's constant memory mode,
/// the run's only writable folder) until it is packed into its file, and the
/// JSON is written a unit at a time.
/// `below_pass`: the units below the area's pass mark, in the order listed,
/// where the report has an area.
pub fn write_run_report(
    dir: &Path,
    report: &RunReport,
    below_pass: Option<&BelowPassList>,
    date: (i32, u32, u32),
) -> Result<(PathBuf, PathBuf), (String, std::io::Error)> {
    // rust_xlsxwriter panics where it cannot write a sheet's rows to their
    // temporary file (a full disk): the report is not written, the run goes on
    // to say so, and the temporary files are removed as the panic unwinds.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        write_both(dir, report, below_pass, date)
    }))
    .unwrap_or_else(|payload| {
        let payload = itamemo_model::spill::unless_unreadable(payload);
        let said = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err((XLSX_NAME.to_string(), error_in_panic(&said)))
    })
}

/// The system's error a panic's words carry ("... Os { code: 28, kind:
/// StorageFull, ... }"), so that a full disk is said as one; else the words.
fn error_in_panic(said: &str) -> std::io::Error {
    let code = said.split_once("Os { code: ").and_then(|(_, rest)| {
        let digits = rest.split(|c: char| !c.is_ascii_digit()).next()?;
        digits.parse::<i32>().ok()
    });
    match code {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::other(said.to_string()),
    }
}

fn write_both(
    dir: &Path,
    report: &RunReport,
    below_pass: Option<&BelowPassList>,
    date: (i32, u32, u32),
) -> Result<(PathBuf, PathBuf), (String, std::io::Error)> {
    let mut book = workbook(report, date, dir).map_err(|e| (XLSX_NAME.to_string(), io_error(e)))?;
    let xlsx: Writer = Box::new(|file| {
        let mut out = BufWriter::new(file);
        book.save_to_writer(&mut out).map_err(io_error)?;
        out.flush()
    });
    let json: Writer = Box::new(|file| {
        let mut out = BufWriter::new(file);
        write_json(report, below_pass, &mut out)?;
        out.flush()
    });
    let written = write_together(dir, vec![(XLSX_NAME, xlsx), (JSON_NAME, json)])?;
    Ok((written[0].clone(), written[1].clone()))
}

/// The disk's own error where writing failed (a full disk), said as such.
fn io_error(err: XlsxError) -> std::io::Error {
    match err {
        XlsxError::IoError(err) => err,
        XlsxError::TempFileError(_, err) => err,
        err => std::io::Error::other(err),
    }
}

/// The indicators a unit's memo asks it to improve: those that fell or are
/// below the threshold, then those with items not met that the export does not
/// name, said as the memo says them.
fn to_improve(u: &UnitOutcome) -> String {
    let weak = u.weak().map(|n| n.to_string());
    let unnamed = u.unmet_unnamed().map(|n| format!("{n} (ยังมีข้อที่ไม่ผ่าน)"));
    weak.chain(unnamed).collect::<Vec<_>>().join(", ")
}

fn change_words(change: Option<Change>) -> String {
    match change {
        Some(Change::Up(d)) => format!("เพิ่มขึ้น {}", d.magnitude_text()),
        Some(Change::Down(d)) => format!("ลดลง {}", d.magnitude_text()),
        Some(Change::Same) => "คงที่".to_string(),
        None => String::new(),
    }
}

fn status_words(status: &FileStatus) -> (&'static str, String) {
    match status {
        FileStatus::Read { .. } => ("อ่านแล้ว", String::new()),
        FileStatus::Failed(reason) => ("อ่านไม่ได้", reason.to_string()),
        FileStatus::Skipped(reason) => ("ข้าม", reason.to_string()),
    }
}

fn workbook(report: &RunReport, date: (i32, u32, u32), dir: &Path) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let (y, m, d) = date;
    let stamp = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&stamp));
    // Level 2 rather than the default 6: a national batch's report (10,000
    // units) is saved in a fraction of the time, 875 KB rather than 690 KB.
    // Level 1's fixed codes would make it 1.2 MB.
    book.set_zip_compression_level(2);
    // The sheets' rows wait in the output folder, the one folder the run may
    // write to (the system's temporary folder may be small, or in memory).
    book.set_tempdir(dir)?;
    let bold = Format::new().set_bold();

    let mut units = Sheet::new(
        book.add_worksheet_with_constant_memory()?
            .set_name("หน่วยงาน")?,
    );
    units.header(
        &bold,
        &[
            "รหัส",
            "หน่วยงาน",
            "อำเภอ",
            "จังหวัด",
            "ปีก่อน",
            "คะแนน ITA ปีก่อน",
            "ระดับปีก่อน",
            "ปีล่าสุด",
            "คะแนน ITA ปีล่าสุด",
            "ระดับปีล่าสุด",
            "การเปลี่ยนแปลง",
            "ตัวชี้วัดที่ต้องปรับปรุง",
            "ไฟล์บันทึก",
            "สาเหตุที่ไม่ได้เขียนบันทึก",
        ],
    )?;
    // By district, then name, in Thai dictionary order: as an office reads its area.
    // The units' outcomes are read back one at a time (see `Outcomes`), in
    // that order sorted out of memory.
    let order = thai_order::in_place_order(
        &report.units,
        report.units.spilled().map(|at| (0, at)),
        "ลำดับหน่วยงานในรายงาน",
    );
    let mut order = order.merged();
    let mut row = 0;
    while let Some(record) = order.next() {
        row += 1;
        let u = &report.units.read(Spilled::from_bytes(record.extra));
        units.put(row, 0, u.code().unwrap_or(""))?;
        units.put(row, 1, u.name())?;
        units.put(row, 2, u.district())?;
        units.put(row, 3, u.province())?;
        let previous = u.previous.as_ref().map(|y| (y, u.grade(Which::Previous)));
        year_cells(&mut units, row, 4, previous)?;
        let current = u.current.as_ref().map(|y| (y, u.grade(Which::Current)));
        year_cells(&mut units, row, 7, current)?;
        units.put(row, 10, change_words(u.change))?;
        units.put(row, 11, to_improve(u))?;
        match u.memo() {
            Ok(file) => units.put(row, 12, file)?,
            Err(reasons) => units.put(row, 13, lines(reasons))?,
        };
    }
    let units = units.fitted()?;
    for_print(units, report.units.len(), 14)?;
    // Units below the pass mark in the year analysed, in a light red.
    if !report.units.is_empty() {
        let below = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::LessThan(PASS_MARK))
            .set_format(Format::new().set_background_color(Color::RGB(0xF8CBAD)));
        units.add_conditional_format(1, 8, report.units.len() as u32, 8, &below)?;
    }

    if let Some(area) = &report.area {
        indicators_sheet(book.add_worksheet_with_constant_memory()?, area, &bold)?;
    }

    let mut files = Sheet::new(book.add_worksheet_with_constant_memory()?.set_name("ไฟล์")?);
    files.header(
        &bold,
        &[
            "ไฟล์",
            "ผล",
            "ตาราง",
            "แถวคะแนน",
            "แถวทะเบียน",
            "ชีตที่อ่านไม่ได้",
            "สาเหตุ",
            "ข้อความ",
        ],
    )?;
    for (k, f) in report.files.iter().enumerate() {
        let row = k as u32 + 1;
        let (word, reason) = status_words(&f.status);
        files.put(row, 0, &f.file)?;
        files.put(row, 1, word)?;
        if let FileStatus::Read {
            tables,
            rows,
            register_rows,
            unreadable_sheets,
        } = f.status
        {
            files.number(row, 2, tables as f64)?;
            files.number(row, 3, rows as f64)?;
            files.number(row, 4, register_rows as f64)?;
            files.number(row, 5, unreadable_sheets as f64)?;
        }
        files.put(row, 6, reason)?;
        files.put(row, 7, texts(&f.messages).join("\n"))?;
    }
    for_print(files.fitted()?, report.files.len(), 8)?;

    let mut notes = Sheet::new(
        book.add_worksheet_with_constant_memory()?
            .set_name("หมายเหตุ")?,
    );
    notes.header(&bold, &["เรื่อง", "หมายเหตุ"])?;
    let stopped = report.interrupted.then_some(Reason::Interrupted);
    let run_notes = report
        .fatal
        .iter()
        .chain(&stopped)
        .map(Reason::to_string)
        .chain(report.notes.iter().map(Note::to_string))
        .map(|n| ("ทั้งชุด".to_string(), n));
    // Only the units with notes are read back.
    let with_notes = report.units.spilled().filter(|at| at.has_notes());
    let unit_notes = with_notes.map(|at| report.units.read(at)).flat_map(|u| {
        let name = u.name().to_string();
        u.notes
            .into_vec()
            .into_iter()
            .map(move |n| (name.clone(), n.to_string()))
    });
    let mut rows = 0;
    for (row, (about, note)) in (1..).zip(run_notes.chain(unit_notes)) {
        notes.put(row, 0, about)?;
        notes.put(row, 1, note)?;
        rows = row as usize;
    }
    for_print(notes.fitted()?, rows, 2)?;
    Ok(book)
}

/// A sheet written row by row, its columns as wide as autofit would make them.
struct Sheet<'a> {
    sheet: &'a mut Worksheet,
    widths: ColumnWidths,
}

impl<'a> Sheet<'a> {
    fn new(sheet: &'a mut Worksheet) -> Sheet<'a> {
        Sheet {
            sheet,
            widths: ColumnWidths::default(),
        }
    }

    /// Excel keeps a cell to 32,767 characters; a longer text (a unit's name
    /// from a CSV, say) is cut, with a mark, rather than losing the whole report.
    fn put(&mut self, row: u32, col: u16, text: impl AsRef<str>) -> Result<(), XlsxError> {
        const MAX: usize = 32_000;
        let text = text.as_ref();
        match text.char_indices().nth(MAX) {
            None => self.text(row, col, text, None),
            Some((cut, _)) => self.text(row, col, &format!("{}…", &text[..cut]), None),
        }
    }

    fn text(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        format: Option<&Format>,
    ) -> Result<(), XlsxError> {
        self.widths.text(col, text);
        match format {
            Some(format) => self
                .sheet
                .write_string_with_format(row, col, text, format)?,
            None => self.sheet.write_string(row, col, text)?,
        };
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, number: f64) -> Result<(), XlsxError> {
        self.widths.number(col, number);
        self.sheet.write_number(row, col, number)?;
        Ok(())
    }

    /// The titles in bold on the first row, which stays in view.
    fn header(&mut self, bold: &Format, titles: &[&str]) -> Result<(), XlsxError> {
        for (c, title) in (0..).zip(titles) {
            self.text(0, c, title, Some(bold))?;
        }
        self.sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }

    /// The sheet, its columns set to their widths.
    fn fitted(self) -> Result<&'a mut Worksheet, XlsxError> {
        for (col, pixels) in self.widths.columns() {
            self.sheet.set_column_width_pixels(col, pixels)?;
        }
        Ok(self.sheet)
    }
}

/// The pass mark nationally: units below it are coloured in the units sheet.
const PASS_MARK: f64 = itamemo_model::PASS_MARK.hundredths() as f64 / 100.0;

/// The sheet name of the area's figures by indicator.
pub const INDICATORS_SHEET: &str = "สรุปรายตัวชี้วัด";

/// The area's figures by indicator, as the summary memo gives them: how many
/// units need work on each, and the area's mean against the year before. The
/// first row is the overall ITA score.
fn indicators_sheet(
    sheet: &mut Worksheet,
    area: &AreaSummary,
    bold: &Format,
) -> Result<(), XlsxError> {
    let mut sheet = Sheet::new(sheet.set_name(INDICATORS_SHEET)?);
    let (year, previous) = (area.year, area.previous_year);
    sheet.header(
        bold,
        &[
            "ตัวชี้วัดที่",
            "ตัวชี้วัด",
            "หน่วยงานที่ต้องปรับปรุง",
            "ร้อยละของหน่วยงานที่มีบันทึก",
            &format!("คะแนนเฉลี่ยปี {previous}"),
            &format!("หน่วยงานที่มีผลปี {previous}"),
            &format!("คะแนนเฉลี่ยปี {year}"),
            &format!("หน่วยงานที่มีผลปี {year}"),
            "การเปลี่ยนแปลง",
        ],
    )?;
    let mean_cells = |sheet: &mut Sheet,
                      row: u32,
                      previous: Option<itamemo_model::Score>,
                      previous_units: usize,
                      current: itamemo_model::Score,
                      change: Option<Change>|
     -> Result<(), XlsxError> {
        if let Some(p) = previous {
            sheet.number(row, 4, p.points())?;
        }
        sheet.number(row, 5, previous_units as f64)?;
        sheet.number(row, 6, current.points())?;
        sheet.number(row, 7, area.units_with_memo as f64)?;
        sheet.put(row, 8, change_words(change))
    };
    sheet.put(1, 1, "คะแนน ITA ภาพรวม")?;
    mean_cells(
        &mut sheet,
        1,
        area.overall_previous_mean,
        area.overall_previous_units,
        area.overall_mean,
        area.overall_change(),
    )?;
    for (row, i) in (2..).zip(&area.indicators) {
        sheet.number(row, 0, f64::from(i.number))?;
        sheet.put(row, 1, &i.name)?;
        sheet.number(row, 2, i.weak_units as f64)?;
        sheet.number(row, 3, area.share(i.weak_units).points())?;
        mean_cells(
            &mut sheet,
            row,
            i.previous_mean,
            i.previous_units,
            i.mean,
            i.change(),
        )?;
    }
    for_print(sheet.fitted()?, area.indicators.len() + 1, 9)
}

/// A sheet as an office prints and reads it: landscape, one page wide, the header
/// row on every page, a filter on the table's `columns`.
fn for_print(sheet: &mut Worksheet, rows: usize, columns: u16) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.autofilter(0, 0, rows as u32, columns - 1)?;
    Ok(())
}

fn year_cells(
    sheet: &mut Sheet,
    row: u32,
    col: u16,
    year: Option<(&YearLine, Option<&str>)>,
) -> Result<(), XlsxError> {
    let Some((year, grade)) = year else {
        return Ok(());
    };
    sheet.number(row, col, f64::from(year.year))?;
    if let Some(overall) = year.overall {
        sheet.number(row, col + 1, overall.points())?;
    }
    if let Some(grade) = grade {
        sheet.put(row, col + 2, grade)?;
    }
    Ok(())
}

/// Reasons one to a line, for a cell.
fn lines(reasons: &[Reason]) -> String {
    texts(reasons).join("\n")
}

fn texts<T: std::fmt::Display>(said: &[T]) -> Vec<String> {
    said.iter().map(T::to_string).collect()
}

fn note_ids(notes: &[Note]) -> Vec<&'static str> {
    notes.iter().map(Note::id).collect()
}

fn ids(reasons: &[Reason]) -> Vec<&'static str> {
    reasons.iter().map(Reason::id).collect()
}

/// The report as JSON into `out`, a unit at a time: a national batch's report
/// is held neither as a tree nor as text.
fn write_json(
    report: &RunReport,
    below_pass: Option<&BelowPassList>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|f| {
            let (word, reason) = status_words(&f.status);
            let (reason_id, reason_detail) = match &f.status {
                FileStatus::Failed(reason) | FileStatus::Skipped(reason) => {
                    (Some(reason.id()), reason.detail())
                }
                FileStatus::Read { .. } => (None, None),
            };
            let (tables, rows, register_rows, unreadable_sheets) = match f.status {
                FileStatus::Read {
                    tables,
                    rows,
                    register_rows,
                    unreadable_sheets,
                } => (tables, rows, register_rows, unreadable_sheets),
                _ => (0, 0, 0, 0),
            };
            json!({
                "file": f.file, "status": word, "reason": reason, "reason_id": reason_id,
                "reason_detail": reason_detail,
                "tables": tables,
                "rows": rows, "register_rows": register_rows,
                "unreadable_sheets": unreadable_sheets, "messages": texts(&f.messages),
                "message_ids": note_ids(&f.messages),
            })
        })
        .collect();
    out.write_all(b"{\n\"memo_year\": ")?;
    serde_json::to_writer(&mut *out, &report.memo_year)?;
    out.write_all(b",\n\"fatal\": ")?;
    serde_json::to_writer(&mut *out, &report.fatal.as_ref().map(Reason::to_string))?;
    out.write_all(b",\n\"interrupted\": ")?;
    serde_json::to_writer(&mut *out, &report.interrupted)?;
    // Written as each is made: a batch whose every unit has no memo (a date
    // after the fiscal year) has one a unit.
    let diagnostics = report.diagnostics.iter().map(|d| {
        json!({
            "kind": d.kind.id(), "severity": d.severity().id(),
            "place": d.place, "message": d.message,
            "reason": d.reason.as_ref().map(Reason::id),
        })
    });
    out.write_all(b",\n\"diagnostics\": ")?;
    write_list(out, diagnostics)?;
    out.write_all(b",\n\"files\": ")?;
    serde_json::to_writer(&mut *out, &files)?;
    out.write_all(b",\n\"units\": [")?;
    for (k, u) in report.units.iter().enumerate() {
        out.write_all(if k == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &UnitEntry::of(&u))?;
    }
    out.write_all(b"\n],\n\"area\": ")?;
    match &report.area {
        Some(area) => {
            // Sorted here where the caller has not (it sorts once for the summary too).
            let sorted;
            let below = match below_pass {
                Some(below) => below,
                None => {
                    sorted = BelowPassList::sorted(area, &report.units);
                    &sorted
                }
            };
            write_area_json(area, &report.units, below, out)?
        }
        None => out.write_all(b"null")?,
    }
    out.write_all(b",\n\"notes\": ")?;
    serde_json::to_writer(&mut *out, &texts(&report.notes))?;
    out.write_all(b",\n\"note_ids\": ")?;
    serde_json::to_writer(&mut *out, &note_ids(&report.notes))?;
    out.write_all(b"\n}\n")?;
    Ok(())
}

/// One unit's line of the report's .json, serialised as it stands: a national
/// batch's 10,000 lines are not each built as a tree of maps first. The fields
/// are in the order of their names, as the tree (a sorted map) wrote them
/// before, so the file is the same.
#[derive(Serialize)]
struct UnitEntry<'a> {
    change: String,
    code: Option<&'a str>,
    current: Option<YearEntry<'a>>,
    district: &'a str,
    memo: Option<&'a str>,
    name: &'a str,
    needs_work: Vec<u8>,
    note_ids: Vec<&'static str>,
    notes: Vec<String>,
    previous: Option<YearEntry<'a>>,
    province: &'a str,
    reason_ids: Option<Vec<&'static str>>,
    reasons: Option<Vec<String>>,
    unmet_items_unnamed: Vec<u8>,
}

/// One year's result in a unit's line, its fields in the order of their names.
#[derive(Serialize)]
struct YearEntry<'a> {
    grade: Option<&'a str>,
    overall: Option<f64>,
    year: u16,
}

impl<'a> UnitEntry<'a> {
    fn of(u: &'a UnitOutcome) -> UnitEntry<'a> {
        let year = |y: &Option<YearLine>, which| {
            y.as_ref().map(|y| YearEntry {
                grade: u.grade(which),
                overall: y.overall.map(|s| s.points()),
                year: y.year,
            })
        };
        UnitEntry {
            change: change_words(u.change),
            code: u.code(),
            current: year(&u.current, Which::Current),
            district: u.district(),
            memo: u.memo().ok(),
            name: u.name(),
            needs_work: u.weak().collect(),
            note_ids: note_ids(&u.notes),
            notes: texts(&u.notes),
            previous: year(&u.previous, Which::Previous),
            province: u.province(),
            reason_ids: u.memo().err().map(ids),
            reasons: u.memo().err().map(texts),
            unmet_items_unnamed: u.unmet_unnamed().collect(),
        }
    }
}

/// The area's figures for scripts, as the summary memo gives them, into `out`:
/// the object `area_json` describes, its keys in the order serde_json gives
/// them, with its two lists of units (thousands in a national batch) written a
/// unit at a time rather than held as a tree.
fn write_area_json(
    area: &AreaSummary,
    units: &Outcomes,
    below_pass: &BelowPassList,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let Value::Object(fields) = area_json(area) else {
        unreachable!("area_json makes an object")
    };
    out.write_all(b"{")?;
    for (k, (key, value)) in fields.iter().enumerate() {
        if k > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, key)?;
        out.write_all(b":")?;
        match key.as_str() {
            BELOW_PASS_MARK => write_list(
                out,
                below_pass
                    .units()
                    .map(|at| below_pass_json(&units.read(at))),
            )?,
            WITHOUT_MEMO => write_list(out, area.without_memo.iter().map(without_memo_json))?,
            _ => serde_json::to_writer(&mut *out, value)?,
        }
    }
    out.write_all(b"}")
}

const BELOW_PASS_MARK: &str = "below_pass_mark";
const WITHOUT_MEMO: &str = "without_memo";

/// A JSON array of `items`, each made as it is written.
fn write_list(out: &mut impl Write, items: impl Iterator<Item = Value>) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (k, item) in items.enumerate() {
        if k > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &item)?;
    }
    out.write_all(b"]")
}

/// The area's figures but its two lists of units, whose places it keeps (as
/// `null`) for `write_area_json`.
fn area_json(area: &AreaSummary) -> Value {
    json!({
        "year": area.year,
        "units_found": area.units_found(),
        "units_with_memo": area.units_with_memo,
        "overall_mean": area.overall_mean.points(),
        "levels": area.levels.iter().map(|l| json!({"level": l.label, "units": l.count})).collect::<Vec<_>>(),
        BELOW_PASS_MARK: null,
        "indicators": area.indicators.iter().map(|i| json!({
            "number": i.number, "name": i.name, "units_needing_work": i.weak_units,
            "mean": i.mean.points(), "previous_mean": i.previous_mean.map(|p| p.points()),
            "paired_mean": i.paired_mean.map(|p| p.points()),
        })).collect::<Vec<_>>(),
        "unmet_items": area.unmet_items.iter().map(|i| json!({"item": i.label, "units": i.units})).collect::<Vec<_>>(),
        "units_unmet_items_unnamed": area.units_unmet_unnamed,
        WITHOUT_MEMO: null,
    })
}

/// A unit below the pass mark, from its outcome.
fn below_pass_json(unit: &UnitOutcome) -> Value {
    let area = unit.area.as_ref();
    json!({
        "code": unit.code(), "name": unit.name(), "district": unit.district(),
        "province": unit.province(), "overall": area.map(|a| a.overall.points()),
        "previous": area.and_then(|a| a.previous_overall).map(|p| p.points()),
    })
}

fn without_memo_json(u: &itamemo_model::UnitWithoutMemo) -> Value {
    json!({
        "name": u.unit.name, "district": u.unit.district, "reasons": texts(&u.reasons),
        "reason_ids": ids(&u.reasons),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two panics rust_xlsxwriter gives where its rows cannot be written, as
    /// seen on a full disk (a 136 KB tmpfs): both carry the system's error.
    #[test]
    fn a_full_disk_in_a_panic_is_said_as_one() {
        for said in [
            "Couldn't write to xml file: Os { code: 28, kind: StorageFull, message: \"No space left on device\" }",
            "called `Result::unwrap()` on an `Err` value: Os { code: 28, kind: StorageFull, message: \"No space left on device\" }",
        ] {
            let err = error_in_panic(said);
            assert_eq!(err.kind(), std::io::ErrorKind::StorageFull, "{said}");
            assert!(itamemo_model::os_error::thai(&err).starts_with("ดิสก์เต็ม"));
        }
        let other = error_in_panic("index out of bounds");
        assert_eq!(other.kind(), std::io::ErrorKind::Other);
        assert_eq!(other.to_string(), "index out of bounds");
    }
    use itamemo_model::UnitName;
    use std::io::Read;

    /// The area written a unit at a time is serde_json's text of the whole
    /// tree, for lists of units with and without codes, years before and
    /// reasons, and names that need escaping.
    #[test]
    fn the_area_written_unit_by_unit_is_the_whole_tree_s_text() {
        use itamemo_model::Score;
        let mut rng = fastrand::Rng::with_seed(16_11);
        let names = ["เทศบาลตำบลบางมะพร้าว", "อบต. \"ท่าแซะ\"", "a\\b\n", ""];
        let mut name = || names[rng.usize(..names.len())].to_string() + &rng.u32(..).to_string();
        let score = |points: f64| Score::from_points(points).unwrap();
        for (below, without) in [(0, 0), (1, 0), (0, 2), (300, 40)] {
            let unit = |name: String, code: bool| UnitName {
                code: code.then(|| "6440102".to_string()),
                name,
                district: "ปะทิว".to_string(),
                province: "ชุมพร".to_string(),
            };
            // The units below the mark, with their scores.
            let units: Vec<UnitOutcome> = (0..below)
                .map(|k| {
                    let mut outcome =
                        UnitOutcome::new(&unit(name(), k % 2 == 0), [None, None], Ok("x.docx"));
                    outcome.area = Some(itamemo_model::AreaUnit {
                        overall: score(60.0 + (k % 25) as f64),
                        level: 0,
                        previous_overall: (k % 3 != 0).then(|| score(70.5)),
                        change: None,
                        indicators: Default::default(),
                        indicator_count: 0,
                        memo_date: (2023, 3, 17),
                        unmet: Default::default(),
                        unmet_unnamed: false,
                    });
                    outcome
                })
                .collect();
            let area = AreaSummary {
                memo_year: 2566,
                year: 2565,
                previous_year: 2564,
                pass_mark: score(85.0),
                threshold: score(85.0),
                office: None,
                units_with_memo: below + 5,
                levels: vec![itamemo_model::LevelCount {
                    label: "A".to_string(),
                    count: 5,
                }],
                units_below_pass: below,
                indicators: Vec::new(),
                overall_mean: score(80.25),
                overall_previous_mean: None,
                overall_previous_units: 0,
                overall_paired_mean: None,
                highest: score(99.0),
                lowest: score(60.0),
                median: score(80.0),
                bands: Vec::new(),
                without_memo: (0..without)
                    .map(|k| itamemo_model::UnitWithoutMemo {
                        unit: unit(name(), false),
                        reasons: (0..k % 3)
                            .map(|_| Reason::MemoCrashed {
                                detail: "\"x\"".to_string(),
                            })
                            .collect(),
                    })
                    .collect(),
                unmet_items: vec![itamemo_model::ItemAcross {
                    label: "O30".to_string(),
                    units: 3,
                }],
                units_unmet_unnamed: 0,
                places: Default::default(),
            };
            let units = Outcomes::from(units);
            let mut tree = area_json(&area);
            let listed = BelowPassList::sorted(&area, &units);
            let mut below_pass = Vec::new();
            for at in listed.units() {
                let outcome = units.read(at);
                assert!(outcome.area.is_some_and(|a| a.overall < area.pass_mark));
                below_pass.push(below_pass_json(&outcome));
            }
            assert_eq!(below_pass.len(), below);
            tree[BELOW_PASS_MARK] = below_pass.into();
            tree[WITHOUT_MEMO] = area.without_memo.iter().map(without_memo_json).collect();
            let mut written = Vec::new();
            write_area_json(&area, &units, &listed, &mut written).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                serde_json::to_string(&tree).unwrap(),
                "{below} below the pass mark, {without} without a memo"
            );
        }
    }

    fn unit(name: &str, district: &str) -> UnitOutcome {
        let unit = UnitName {
            code: None,
            name: name.to_string(),
            district: district.to_string(),
            province: "ชุมพร".to_string(),
        };
        UnitOutcome::new(&unit, [None, None], Ok(&format!("{name}.docx")))
    }

    /// Each column's width in characters, as the units sheet saved it.
    fn units_sheet_widths(xlsx: &Path) -> Vec<(u16, f64)> {
        let file = std::fs::File::open(xlsx).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml.split("<col ")
            .skip(1)
            .map(|col| {
                let attribute = |name: &str| {
                    let at = col.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    col[at..at + col[at..].find('"').unwrap()].to_string()
                };
                (
                    attribute("min").parse().unwrap(),
                    attribute("width").parse().unwrap(),
                )
            })
            .collect()
    }

    /// The sheets are written row by row, where autofit would see only the last
    /// row: a long name in the first row still sets its column's width, and
    /// nothing of the sheets' rows is left in the folder.
    #[test]
    fn a_long_name_in_the_first_row_widens_its_column() {
        let long = "องค์การบริหารส่วนตำบลบางสน".repeat(3);
        let report = RunReport {
            memo_year: Some(2566),
            units: vec![unit("เทศบาลตำบลละแม", "ละแม"), unit(&long, "กะเปอร์")].into(),
            ..RunReport::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let (xlsx, json) = write_run_report(dir.path(), &report, None, (2023, 3, 17)).unwrap();
        let widths = units_sheet_widths(&xlsx);
        let name_width = widths.iter().find(|(col, _)| *col == 2).unwrap().1;
        // Thai letters and marks are 8 pixels each, Excel's character 7.
        let letters = long.chars().count() as f64;
        assert!(
            name_width > letters && name_width < letters * 8.0 / 7.0 + 2.0,
            "{name_width} for {letters} letters: {widths:?}"
        );
        let file_width = widths.iter().find(|(col, _)| *col == 13).unwrap().1;
        assert!(file_width > name_width, "its file name is longer");
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        left.sort();
        assert_eq!(left, [json, xlsx]);
    }
}
