//! One file to rows: open it by its ending, read each sheet once, say what happened.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx};
use itamemo_model::{FileOutcome, FileStatus};

use crate::layout::{read_sheet, Sheet, SheetOutcome, YearRow};
use crate::vocab::Vocabulary;
use crate::walk::{extension_lowercase, Input};

pub struct FileRead {
    pub outcome: FileOutcome,
    pub rows: Vec<YearRow>,
}

/// An OLE2 container: an old .xls, or an encrypted (password-protected) OOXML file.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn read_input(input: &Input, vocab: &Vocabulary) -> FileRead {
    let outcome = |status, messages| FileRead {
        outcome: FileOutcome {
            file: input.display.clone(),
            status,
            messages,
        },
        rows: Vec::new(),
    };
    if let Some(reason) = &input.skip {
        return outcome(FileStatus::Skipped(reason.clone()), Vec::new());
    }
    let bytes = match std::fs::read(&input.path) {
        Ok(bytes) => bytes,
        Err(err) => return outcome(FileStatus::Failed(format!("เปิดไฟล์ไม่ได้ ({err})")), vec![]),
    };
    if bytes.is_empty() {
        return outcome(
            FileStatus::Failed("ไฟล์ว่าง (ขนาด 0 ไบต์)".to_string()),
            vec![],
        );
    }
    let ending = extension_lowercase(&input.path);
    let mut workbook = match open(&ending, &bytes) {
        Ok(workbook) => workbook,
        Err(reason) => return outcome(FileStatus::Failed(reason), vec![]),
    };
    let mut rows = Vec::new();
    let mut messages = Vec::new();
    let mut tables = 0;
    let sheet_names = workbook.sheet_names();
    for sheet in &sheet_names {
        let range: Range<Data> = match workbook.worksheet_range(sheet) {
            Ok(range) => range,
            Err(err) => {
                messages.push(format!("ชีต \"{sheet}\": อ่านไม่ได้ ({err})"));
                continue;
            }
        };
        let view = Sheet {
            file: &input.display,
            name: sheet,
            range: &range,
            vocab,
        };
        match read_sheet(&view) {
            SheetOutcome::Table {
                rows: found,
                messages: notes,
            } => {
                tables += 1;
                rows.extend(found);
                messages.extend(notes.into_iter().map(|n| format!("ชีต \"{sheet}\": {n}")));
            }
            SheetOutcome::NoTable(reason) => messages.push(format!("ชีต \"{sheet}\": {reason}")),
        }
    }
    let status = if tables == 0 {
        FileStatus::Failed(format!(
            "ไม่พบตารางคะแนน ITA ในไฟล์นี้ (ตรวจแล้ว {} ชีต)",
            sheet_names.len()
        ))
    } else {
        FileStatus::Read {
            tables,
            rows: rows.len(),
        }
    };
    FileRead {
        outcome: FileOutcome {
            file: input.display.clone(),
            status,
            messages,
        },
        rows,
    }
}

fn open<'a>(ending: &str, bytes: &'a [u8]) -> Result<Sheets<Cursor<&'a [u8]>>, String> {
    let data = Cursor::new(bytes);
    let kind = format!(".{ending}");
    let not_readable = |err: calamine::Error| {
        format!("ไม่ใช่ไฟล์ {kind} ที่อ่านได้: ไฟล์อาจเสียหาย หรือเป็นไฟล์ชนิดอื่นที่ตั้งชื่อเป็น {kind} ({err})")
    };
    if ending != "xls" && bytes.starts_with(&OLE_MAGIC) {
        return Err(format!(
            "ไฟล์ถูกตั้งรหัสผ่าน หรือเป็นไฟล์ .xls รุ่นเก่าที่ตั้งชื่อเป็น {kind}: เปิดด้วยโปรแกรมตารางคำนวณแล้วบันทึกเป็น .xlsx โดยไม่ใส่รหัสผ่าน"
        ));
    }
    match ending {
        "xlsx" | "xlsm" => open_workbook_from_rs::<Xlsx<_>, _>(data)
            .map(Sheets::Xlsx)
            .map_err(|e| not_readable(e.into())),
        "xlsb" => open_workbook_from_rs::<Xlsb<_>, _>(data)
            .map(Sheets::Xlsb)
            .map_err(|e| not_readable(e.into())),
        "xls" => open_workbook_from_rs::<Xls<_>, _>(data)
            .map(Sheets::Xls)
            .map_err(|e| not_readable(e.into())),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(data)
            .map(Sheets::Ods)
            .map_err(|e| not_readable(e.into())),
        other => Err(format!("ไม่รู้จักไฟล์ชนิด .{other}")),
    }
}
