//! Every reason in plain Thai, for the officer who reads the screen and the
//! report: what happened, and what to do where there is something to do.

use super::{BadValue, NeededHeader, Note, Orientation, Reason, SpecialFile};

/// What to change when a real file is over a limit.
fn raise_with(flags: &str) -> String {
    format!("(ถ้าเป็นข้อมูลจริง ปรับได้ด้วย {flags})")
}

pub(super) fn reason(reason: &Reason) -> String {
    match reason {
        Reason::NotFound => "ไม่พบไฟล์หรือโฟลเดอร์นี้".to_string(),
        Reason::CannotOpen { os } => format!("เปิดไม่ได้ ({os})"),
        Reason::CannotOpenFolder { os } => format!("เปิดโฟลเดอร์ไม่ได้ ({os})"),
        Reason::BrokenLink => "ลิงก์นี้ชี้ไปยังไฟล์ที่ไม่มีอยู่แล้ว".to_string(),
        Reason::OutputFolder => {
            "โฟลเดอร์ผลลัพธ์ของรอบนี้ (บันทึกและรายงานที่โปรแกรมเขียน) จึงไม่อ่านเป็นข้อมูล".to_string()
        }
        Reason::LinkAboveRoot => {
            "ลิงก์นี้ชี้ย้อนขึ้นไปยังโฟลเดอร์ที่ครอบโฟลเดอร์ที่ให้มา (จะวนอ่านไม่รู้จบ) จึงไม่อ่าน".to_string()
        }
        Reason::SameFileAs { first } => {
            format!("เป็นไฟล์เดียวกับ \"{first}\" ซึ่งอ่านแล้ว (ลิงก์หรือให้มาซ้ำ) จึงไม่อ่านซ้ำ")
        }
        Reason::SameFolderAs { first } => {
            format!("เป็นโฟลเดอร์เดียวกับ \"{first}\" ซึ่งอ่านแล้ว (ลิงก์หรือให้มาซ้ำ) จึงไม่อ่านซ้ำ")
        }
        Reason::NotRegularFile(what) => {
            let what = match what {
                SpecialFile::Fifo => "ท่อส่งข้อมูล (FIFO)",
                SpecialFile::CharDevice => "อุปกรณ์ของระบบ (character device เช่น /dev/zero)",
                SpecialFile::BlockDevice => "อุปกรณ์ของระบบ (block device เช่น ดิสก์ทั้งลูก)",
                SpecialFile::Socket => "ช่องสื่อสารของโปรแกรม (socket)",
                SpecialFile::Other => "สิ่งที่ไม่ใช่ไฟล์ธรรมดา",
            };
            format!("เป็น{what} ไม่ใช่ไฟล์ จึงไม่อ่าน")
        }
        Reason::OwnReport => "รายงานผลการทำงานของ itamemo ไม่ใช่ไฟล์ผลคะแนน".to_string(),
        Reason::SpreadsheetLockFile => {
            "ไฟล์ล็อกชั่วคราวของโปรแกรมตารางคำนวณ ไม่ใช่ข้อมูล".to_string()
        }
        Reason::NotSpreadsheet => "ไม่ใช่ไฟล์ตารางคำนวณ (.xlsx .xls .ods .csv)".to_string(),
        Reason::Archive { ending } => format!(
            "เป็นไฟล์บีบอัด (.{ending}) ซึ่งโปรแกรมไม่ได้เปิดอ่านไฟล์ข้างใน: แตกไฟล์ออกมาก่อน แล้วลากโฟลเดอร์ที่ได้มาวางบนโปรแกรม"
        ),
        Reason::StoppedBeforeFile => {
            "ไม่ได้อ่าน: ผู้ใช้หยุดการทำงาน (Ctrl-C) ก่อนถึงไฟล์นี้".to_string()
        }
        Reason::StoppedDuringFile => {
            "อ่านไม่จบ: ผู้ใช้หยุดการทำงาน (Ctrl-C) ระหว่างอ่านไฟล์นี้".to_string()
        }

        Reason::CannotOpenFile { os } => format!("เปิดไฟล์ไม่ได้ ({os})"),
        Reason::FileTooBig { mb, limit_mb } => format!(
            "ไฟล์ใหญ่ {mb} MB เกินขีดจำกัด {limit_mb} MB จึงไม่ได้อ่าน (ถ้าเป็นไฟล์จริง ปรับได้ด้วย --max-file-mb)"
        ),
        Reason::EmptyFile => "ไฟล์ว่าง (ขนาด 0 ไบต์)".to_string(),
        Reason::UnpacksTooBig { mb, limit_mb } => format!(
            "ไฟล์นี้เมื่อคลายการบีบอัดจะใหญ่ {mb} MB เกินขีดจำกัด {limit_mb} MB (อาจเป็นไฟล์อันตรายแบบ zip bomb) จึงไม่ได้อ่าน (ถ้าเป็นไฟล์จริง ปรับได้ด้วย --max-unpacked-mb)"
        ),
        Reason::PasswordProtected => {
            "ไฟล์ถูกตั้งรหัสผ่าน: เปิดด้วยโปรแกรมตารางคำนวณ เอารหัสผ่านออก แล้วบันทึกใหม่".to_string()
        }
        Reason::OldXlsNamedAs { ending } => format!(
            "เป็นไฟล์ .xls รุ่นเก่าที่ตั้งชื่อเป็น .{ending}: เปลี่ยนนามสกุลเป็น .xls หรือบันทึกใหม่เป็น .xlsx"
        ),
        Reason::NotReadableAs { ending, .. } => format!(
            "ไม่ใช่ไฟล์ .{ending} ที่อ่านได้: ไฟล์อาจเสียหาย หรือเป็นไฟล์ชนิดอื่นที่ตั้งชื่อเป็น .{ending} ลองเปิดด้วยโปรแกรมตารางคำนวณแล้วบันทึกใหม่"
        ),
        Reason::UnknownEnding { ending } => format!("ไม่รู้จักไฟล์ชนิด .{ending}"),
        Reason::NoScoreTable { sheets } => {
            format!("ไม่พบตารางคะแนน ITA ในไฟล์นี้ (ตรวจแล้ว {sheets} ชีต)")
        }
        Reason::CsvCharacters => {
            "อ่านตัวอักษรในไฟล์ .csv ไม่ได้ (ไม่ใช่ UTF-8 หรือ TIS-620/Windows-874)".to_string()
        }
        Reason::CsvUnreadable { .. } => {
            "อ่านไฟล์ .csv ไม่ได้: ไฟล์อาจเสียหาย ลองเปิดด้วยโปรแกรมตารางคำนวณแล้วบันทึกใหม่".to_string()
        }
        Reason::CsvTooBig {
            rows,
            cols,
            limit_cells,
        } => format!(
            "ไฟล์ .csv นี้เป็นตาราง {rows} แถว × {cols} คอลัมน์ เกินขีดจำกัด {limit_cells} เซลล์ จึงไม่ได้อ่าน {}",
            raise_with("--max-cells")
        ),
        Reason::XlsDamaged { .. } => "ไฟล์ .xls นี้เสียหาย โครงสร้างภายในไฟล์ไม่ครบ จึงไม่ได้อ่าน: ถ้าเปิดด้วยโปรแกรมตารางคำนวณได้ ให้บันทึกใหม่ (แนะนำเป็น .xlsx) แล้วลองอีกครั้ง".to_string(),
        Reason::SheetTooFar {
            sheet,
            cell,
            rows,
            cols,
            limit_rows,
            limit_cells,
        } => format!(
            "{}มีข้อมูลไกลถึงเซลล์ {cell} ({rows} แถว × {cols} คอลัมน์) เกินขีดจำกัด {limit_rows} แถว หรือ {limit_cells} เซลล์ จึงไม่ได้อ่าน: ไฟล์อาจเสียหาย หรือมีข้อมูลอยู่ไกล ลบออกแล้วบันทึกใหม่ {}",
            sheet.as_ref().map(|s| format!("{s} ")).unwrap_or_default(),
            raise_with("--max-rows และ --max-cells")
        ),
        Reason::SheetClaimsTooMany {
            sheet,
            cells,
            limit_cells,
        } => format!(
            "{sheet} ระบุขนาดตารางไว้ {cells} เซลล์ เกินขีดจำกัด {limit_cells} เซลล์ จึงไม่ได้อ่านไฟล์นี้: ไฟล์อาจเสียหาย เปิดด้วยโปรแกรมตารางคำนวณแล้วบันทึกใหม่ {}",
            raise_with("--max-cells")
        ),
        Reason::ReadTooLong { seconds } => format!(
            "อ่านไฟล์นี้นานเกิน {seconds} วินาที จึงข้ามไปอ่านไฟล์อื่น: ไฟล์อาจเสียหาย ลองเปิดแล้วบันทึกใหม่ (ถ้าเป็นไฟล์ใหญ่จริง ปรับได้ด้วย --max-file-seconds)"
        ),
        Reason::CannotStartReading { .. } => {
            "เริ่มอ่านไฟล์นี้ไม่ได้ เพราะเครื่องมีหน่วยความจำไม่พอ: ปิดโปรแกรมอื่นแล้วลองอีกครั้ง".to_string()
        }
        Reason::ReaderCrashed { detail: None } => "โปรแกรมขัดข้องขณะอ่านไฟล์นี้".to_string(),
        Reason::ReaderCrashed {
            detail: Some(detail),
        } => format!(
            "โปรแกรมขัดข้องขณะอ่านไฟล์นี้ ({detail}) ไฟล์อื่นอ่านต่อตามปกติ: โปรดส่งไฟล์นี้ให้ผู้ดูแลโปรแกรม"
        ),

        Reason::BadValue { place, value } => format!("{place}: {}", bad_value(value)),
        Reason::TwoValues { what, year, found } => {
            let [first, second] = &**found;
            format!(
                "{what} ปี {year} มีสองค่าไม่ตรงกัน: {} ที่ {} และ {} ที่ {}",
                first.text, first.at, second.text, second.at
            )
        }
        Reason::CodeTwoNames { code, names } => {
            let [first, second] = &**names;
            format!(
                "รหัสหน่วยงาน {code} ใช้กับสองชื่อ: \"{}\" ที่ {} และ \"{}\" ที่ {} จึงไม่เขียนบันทึกจากรหัสนี้ (บันทึกในชื่อหน่วยงานที่ผิดแย่กว่าไม่มีบันทึก): แก้รหัสหรือชื่อให้ถูกแล้วรันใหม่",
                first.text, first.at, second.text, second.at
            )
        }
        Reason::YearsDisagree {
            year,
            figures,
            first,
            second,
        } => format!(
            "คะแนนปี {year} ไม่ตรงกัน ({}) ระหว่าง {first} และ {second}: แก้ให้เหลือชุดเดียวแล้วรันใหม่",
            figures.join(", ")
        ),
        Reason::NoResultForYear { year } => format!(
            "ไม่มีผลการประเมินของปีงบประมาณ {year} ซึ่งเป็นปีที่บันทึกฉบับนี้ต้องวิเคราะห์"
        ),
        Reason::DateAfterFiscalYear {
            date: (y, m, d),
            year,
        } => format!(
            "บันทึกนี้เป็นของปีงบประมาณ {year} ซึ่งสิ้นสุดเมื่อ 30 กันยายน {year} แต่วันที่ของบันทึกคือ {} มาตรการจึงไม่มีเวลาดำเนินการในปีนั้น: ระบุวันที่ของบันทึกด้วย --date (เช่น --date 2023-03-17) หรือในคอลัมน์ \"วันที่\" ของทะเบียนหน่วยงาน",
            crate::thai::to_arabic_digits(&crate::thai::thai_date(*y, *m, *d))
        ),
        Reason::NoFramework { year } => format!(
            "ไม่มีกรอบการประเมินของปีงบประมาณ {year}: ต้องเพิ่มไฟล์ frameworks/{year}.toml"
        ),
        Reason::MissingIndicators {
            year,
            source,
            numbers,
        } => {
            let numbers: Vec<String> = numbers.iter().map(u8::to_string).collect();
            format!(
                "ผลปี {year} ({source}) ไม่มีคะแนนตัวชี้วัดที่ {}",
                numbers.join(", ")
            )
        }
        Reason::MissingOverall { year, source } => {
            format!("ผลปี {year} ({source}) ไม่มีคะแนน ITA ภาพรวม (โปรแกรมไม่คำนวณแทนให้)")
        }
        Reason::MemoNotWritten { file, os } => format!("เขียนไฟล์ {file} ไม่ได้: {os}"),
        Reason::MemoCrashed { detail } => format!(
            "โปรแกรมขัดข้องขณะทำบันทึกของหน่วยงานนี้ ({detail}) หน่วยงานอื่นทำต่อตามปกติ: โปรดแจ้งผู้ดูแลโปรแกรม"
        ),
        Reason::StoppedBeforeUnit => {
            "ไม่ได้ทำ: ผู้ใช้หยุดการทำงาน (Ctrl-C) ก่อนถึงหน่วยงานนี้".to_string()
        }

        Reason::SheetsUnreadable { count } => {
            format!("อ่านไม่ได้ {count} ชีต (คะแนนในชีตนั้นไม่ได้ใช้)")
        }
        Reason::RegisterWithoutTable => {
            "ไฟล์ที่ให้ด้วย --register ไม่มีตารางทะเบียนหน่วยงาน".to_string()
        }
        Reason::NoScoresFound => "ไม่พบผลคะแนน ITA ของหน่วยงานใดในไฟล์ที่ให้มา".to_string(),
        Reason::StoppedBeforeScores => {
            "ผู้ใช้หยุดการทำงาน (Ctrl-C) ก่อนอ่านไฟล์ได้ผลคะแนน".to_string()
        }
        Reason::OutputFolderUnwritable { folder, os } => {
            format!("เขียนลงโฟลเดอร์ผลลัพธ์ {folder} ไม่ได้: {os} (เลือกโฟลเดอร์อื่นด้วย --out)")
        }
        Reason::OutputFolderBusy { folder, holder } => format!(
            "โฟลเดอร์ผลลัพธ์ {folder} กำลังถูกใช้โดย itamemo อีกรอบหนึ่ง ({holder}) จึงไม่เขียนซ้อน: รอให้รอบนั้นเสร็จก่อน หรือเลือกโฟลเดอร์อื่นด้วย --out"
        ),
        Reason::ReportNotWritten { file, os } => format!(
            "เขียนรายงานผลการทำงานไม่ได้ ({file}: {os}) จึงไม่มีรายงานฉบับนี้ในโฟลเดอร์ (ทั้ง .xlsx และ .json)"
        ),
        Reason::SummaryNotWritten { detail } => format!(
            "เขียน itamemo-summary.docx ไม่ได้: {detail} (บันทึกของแต่ละหน่วยงานเขียนไว้แล้ว)"
        ),
        Reason::SummaryCrashed { detail } => format!(
            "โปรแกรมขัดข้องขณะทำบันทึกสรุป ({detail}): โปรดแจ้งผู้ดูแลโปรแกรม (บันทึกของแต่ละหน่วยงานเขียนไว้แล้ว)"
        ),
        Reason::NoLibreOffice => "ทำไฟล์ PDF ไม่ได้ เพราะไม่พบโปรแกรม LibreOffice ในเครื่องนี้: ติดตั้ง LibreOffice (ฟรี) แล้วสั่งใหม่ หรือเปิดไฟล์ .docx ด้วย Word แล้วบันทึกเป็น PDF (ไฟล์บันทึก .docx เขียนไว้ครบแล้ว)".to_string(),
        Reason::PdfNoTempFolder { detail } => {
            format!("ทำไฟล์ PDF ไม่ได้: สร้างโฟลเดอร์ชั่วคราวไม่ได้ ({detail})")
        }
        Reason::PdfCannotStart { detail } => {
            format!("เรียก LibreOffice เพื่อทำไฟล์ PDF ไม่ได้ ({detail})")
        }
        Reason::PdfNotMade { memo } => format!(
            "LibreOffice ไม่ได้ทำไฟล์ PDF ของ {memo} ให้ เปิดไฟล์นี้ด้วย Word หรือ LibreOffice แล้วบันทึกเป็น PDF เอง"
        ),
        Reason::PdfWithoutMemoFont => "เครื่องนี้ไม่มีฟอนต์ TH SarabunPSK ที่บันทึกใช้ LibreOffice จึงพิมพ์ไฟล์ PDF ด้วยฟอนต์อื่นแทน ตัวอักษรกว้างกว่า บรรทัด ตาราง และจำนวนหน้าใน PDF จึงไม่ตรงกับบันทึก: ติดตั้งฟอนต์ TH SarabunPSK แล้วสั่งใหม่ หรือเปิดไฟล์ .docx ด้วย Word แล้วบันทึกเป็น PDF (ไฟล์บันทึก .docx ไม่มีปัญหา)".to_string(),
        Reason::Interrupted => "ผู้ใช้หยุดการทำงาน (Ctrl-C) ก่อนเสร็จ: บันทึกที่เขียนแล้วใช้ได้ หน่วยงานและไฟล์ที่ยังไม่ได้ทำมีสาเหตุกำกับไว้".to_string(),
    }
}

/// A bad value, quoted as the cell shows it.
pub(super) fn bad_value(value: &BadValue) -> String {
    match value {
        BadValue::NotANumber(text) => format!("\"{text}\" ไม่ใช่คะแนน"),
        BadValue::OutOfRange(text) => format!("\"{text}\" อยู่นอกช่วงคะแนน 0-100"),
        BadValue::DateFormatted(text) => format!(
            "เซลล์นี้จัดรูปแบบเป็นวันที่ (ค่าในเซลล์คือ {text}) จึงไม่อ่านเป็นคะแนน: ถ้าเป็นคะแนน ให้เปลี่ยนรูปแบบเซลล์เป็นตัวเลข"
        ),
        BadValue::StrayFraction(points) => {
            format!("\"{points}\" ดูเหมือนสัดส่วน (ร้อยละ) ปนอยู่ในคอลัมน์คะแนนเต็ม 100 จึงไม่อ่านค่านี้")
        }
        BadValue::OverToolWeight {
            points,
            out_of,
            tool,
        } => format!("\"{points}\" เกินคะแนนเต็ม {out_of} ของ {tool}"),
    }
}

impl std::fmt::Display for BadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&bad_value(self))
    }
}

fn orientation(way: Orientation) -> &'static str {
    match way {
        Orientation::UnitsInRows => "หน่วยงานเป็นแถว",
        Orientation::UnitsInColumns => "หน่วยงานเป็นคอลัมน์",
    }
}

fn quoted_list(texts: &[String]) -> String {
    texts
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn note(note: &Note) -> String {
    match note {
        Note::InSheet { sheet, note } => {
            // A note that gives its cell already names the sheet ("ไฟล์, ชีต
            // "CSV", เซลล์ E2"): said once, not twice.
            let said = note.to_string();
            if said.contains(&format!("ชีต \"{sheet}\"")) {
                said
            } else {
                format!("ชีต \"{sheet}\": {said}")
            }
        }
        Note::MoreLikeThese { count } => format!("และข้อความทำนองเดียวกันอีก {count} ข้อความ"),
        Note::EmptySheet => "ชีตว่าง".to_string(),
        Note::NoHeaderRow => "ไม่พบตารางคะแนน ITA: ไม่มีแถวหัวตารางที่มีทั้ง \"ชื่อหน่วยงาน\" และ \"ตัวชี้วัดที่ ...\" หรือ \"คะแนน ITA\"".to_string(),
        Note::HeaderWithoutRows { found } => format!(
            "ดูเหมือนตารางคะแนนแต่อ่านไม่ได้: พบ {} แต่ไม่พบแถวของหน่วยงานใต้หัวตาราง",
            quoted_list(found)
        ),
        Note::HeaderIncomplete { found, missing } => {
            let missing: Vec<&str> = missing
                .iter()
                .map(|m| match m {
                    NeededHeader::UnitName => "\"ชื่อหน่วยงาน\"",
                    NeededHeader::Scores => {
                        "\"ตัวชี้วัดที่ 1\" ถึง \"ตัวชี้วัดที่ 10\" หรือ \"คะแนน ITA\""
                    }
                })
                .collect();
            format!(
                "ดูเหมือนตารางคะแนนแต่อ่านหัวคอลัมน์ไม่ครบ: พบ {} แต่ไม่พบ {}",
                quoted_list(found),
                missing.join(" และ ")
            )
        }
        Note::ReadTwoWays {
            taken,
            taken_count,
            other,
            other_count,
        } => format!(
            "ชีตนี้อ่านได้สองแบบ: แบบ{} อ่านคะแนนได้ {taken_count} ค่า แบบ{} ได้ {other_count} ค่า จึงใช้แบบ{}",
            orientation(*taken),
            orientation(*other),
            orientation(*taken)
        ),
        Note::SheetUnreadable { detail } => format!("อ่านไม่ได้ ({detail})"),
        Note::SheetTooManyRows { rows, limit_rows } => format!(
            "มี {rows} แถว เกินขีดจำกัด {limit_rows} แถว จึงไม่ได้อ่านชีตนี้ {}",
            raise_with("--max-rows")
        ),
        Note::SheetRefused(reason) => reason.to_string(),
        Note::CsvReadAsWindows874 => {
            "ไฟล์ .csv นี้บันทึกเป็นภาษาไทยแบบ Windows-874 (TIS-620) จึงอ่านด้วยรหัสนั้น".to_string()
        }
        Note::DuplicateHeader { place, header } => {
            format!("{place}: หัว \"{header}\" ซ้ำกับที่มีก่อนหน้า จึงใช้อันแรก")
        }
        Note::UnknownRegisterColumns { unknown, known } => format!(
            "ทะเบียนหน่วยงาน: ไม่รู้จักคอลัมน์ {} จึงไม่ได้ใช้ (ที่ใช้ได้: {})",
            quoted_list(unknown),
            quoted_list(known)
        ),
        Note::SingleUnitWithoutName => "พบตารางคะแนนแบบรายงานของหน่วยงานเดียว แต่ไม่พบชื่อหน่วยงานในหัวเรื่องเหนือตารางหรือในชื่อชีต".to_string(),
        Note::TableWithoutYear => "พบตารางคะแนนแต่ไม่ทราบว่าเป็นปีงบประมาณใด: ใส่ปีไว้ในชื่อชีต ในหัวเรื่องเหนือตาราง หรือในคอลัมน์ \"ปีงบประมาณ\"".to_string(),
        Note::LongTableWithoutYear => "พบตารางคะแนนแบบแถวละตัวชี้วัด แต่ไม่ทราบปีงบประมาณ: เพิ่มคอลัมน์ \"ปีงบประมาณ\"".to_string(),
        Note::ChristianEra {
            year,
            buddhist,
            at,
            first,
        } => {
            let read = format!("ปี {year} เป็นปี ค.ศ. จึงอ่านเป็นปีงบประมาณ พ.ศ. {buddhist}");
            match first {
                true => format!("{read} (ครั้งแรกที่ {at})"),
                false => format!("{at}: {read}"),
            }
        }
        Note::FractionColumn { header, year } => format!(
            "คอลัมน์ \"{header}\"{} เก็บเป็นสัดส่วน (เช่น 0.8715 = 87.15%) จึงคูณ 100",
            year.map(|y| format!(" ปี {y}")).unwrap_or_default()
        ),
        Note::FractionValues => {
            "คอลัมน์คะแนนเก็บเป็นสัดส่วน (เช่น 0.8715 = 87.15%) จึงคูณ 100".to_string()
        }
        Note::LineWithoutScores { line, name } => {
            format!("{line} (\"{name}\") ไม่มีคะแนนใด ๆ จึงไม่นับเป็นหน่วยงาน")
        }
        Note::UnknownLabel { place, label } => {
            format!("{place}: ไม่รู้จัก \"{label}\" ว่าเป็นตัวชี้วัดหรือข้อใด จึงข้ามแถวนี้")
        }
        Note::NotAYear { place, text } => {
            format!("{place}: \"{text}\" ไม่ใช่ปีงบประมาณ จึงข้ามแถวนี้")
        }
        Note::SameScoresTwice { year, places } => {
            let more = match places.len() {
                0..=2 => String::new(),
                n => format!(" และอีก {} ที่", n - 2),
            };
            format!(
                "คะแนนปี {year} ชุดเดียวกันพบทั้งที่ {} และ {}{more} จึงรวมเป็นชุดเดียว",
                places.first().map_or("", String::as_str),
                places.get(1).map_or("", String::as_str)
            )
        }
        Note::RegisterNamesNoUnit { source, name } => format!(
            "ทะเบียนหน่วยงาน ({source}): ไม่พบผลคะแนนของ \"{name}\" ในไฟล์ที่ให้มา จึงไม่ได้ใช้แถวนี้"
        ),
        Note::RegisterNamesUnitTwice { source, name } => {
            format!("ทะเบียนหน่วยงาน ({source}): \"{name}\" มีในทะเบียนแล้ว จึงใช้แถวแรก")
        }
        Note::StandInFramework { year, stand_in } => format!(
            "ยังไม่มีกรอบการประเมินของปีงบประมาณ {year} จึงเขียนบันทึกตามกรอบของปี {stand_in} แทน และเว้นข้อของแบบตรวจ OIT ที่บันทึกตอบไว้ให้กรอกเอง: เมื่อสำนักงาน ป.ป.ช. ประกาศกรอบของปี {year} แล้ว ให้เพิ่มไฟล์ {year}.toml ในโฟลเดอร์ที่ส่งให้ --frameworks"
        ),
        Note::PreviousYearNotUsed { reason, year } => {
            format!("{reason} จึงเขียนบันทึกโดยไม่เปรียบเทียบกับปี {year}")
        }
        Note::OverallDiffers {
            year,
            source,
            overall,
            weighted,
        } => format!(
            "ผลปี {year} ({source}): คะแนน ITA {overall} ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัดตามน้ำหนัก ({weighted:.2}) ควรตรวจตัวเลขที่คัดลอกมา"
        ),
        Note::ToolDiffers {
            year,
            source,
            tool,
            given,
            mean,
        } => format!(
            "ผลปี {year} ({source}): คะแนน {tool} ในไฟล์ {given} ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัดของ {tool} ({mean:.2})"
        ),
        Note::MetShareDiffers {
            year,
            source,
            indicator,
            score,
            met,
            items,
            share,
        } => format!(
            "ผลปี {year} ({source}): ตัวชี้วัดที่ {indicator} ได้ {score} คะแนน แต่ในไฟล์ผ่าน {met} จาก {items} ข้อ ซึ่งคิดเป็น {share:.2} คะแนน ควรตรวจคะแนนรายข้อที่คัดลอกมา (บันทึกอ้างข้อที่ยังไม่ผ่านตามไฟล์)"
        ),
        Note::GradeDiffers {
            year,
            source,
            written,
            overall,
            grade,
        } => format!(
            "ผลปี {year} ({source}): ระดับในไฟล์ \"{written}\" ไม่ตรงกับคะแนน {overall} ซึ่งเป็นระดับ {grade} ตามเกณฑ์ของปีนั้น บันทึกใช้ระดับ {grade}"
        ),
        Note::NoMeasureForIndicator { indicator } => {
            format!("{indicator} ต้องปรับปรุง แต่ catalog ไม่มีมาตรการที่ตอบตัวชี้วัดนี้")
        }
        Note::RegisterWithoutTable { file } => format!(
            "ไฟล์ทะเบียน {file} ไม่มีตารางทะเบียนหน่วยงาน (ต้องมีคอลัมน์ \"ชื่อหน่วยงาน\" หรือ \"รหัสหน่วยงาน\" กับคอลัมน์ เช่น \"ส่วนราชการ\" \"ที่\" \"ผู้จัดทำ\" \"ผู้ลงนาม 1\") บันทึกจึงเว้นช่องว่างไว้ให้กรอกเอง"
        ),
        Note::EarlierMemoKept { file } => format!(
            "ไฟล์ {file} ในโฟลเดอร์ผลลัพธ์เป็นบันทึกจากรอบก่อน รอบนี้ไม่ได้ทำบันทึกใหม่ให้หน่วยงานนี้ จึงยังไม่ควรนำไฟล์นั้นไปใช้"
        ),
        Note::NoSummaryWithoutMemos => {
            "ไม่ได้ทำบันทึกสรุปของพื้นที่ เพราะไม่มีหน่วยงานใดได้บันทึก".to_string()
        }
        Note::Run(reason) => reason.to_string(),
        Note::RegisterDateUnreadable { place, text } => format!(
            "ทะเบียนหน่วยงาน {place}: \"{text}\" ไม่ใช่วันที่ที่อ่านได้ (ใช้ เช่น 17 มีนาคม 2566 หรือ 17/3/2566) จึงใช้วันที่ของรอบนี้แทน"
        ),
        Note::LeftoversRemoved { count } => format!(
            "ลบไฟล์ชั่วคราว {count} ไฟล์ที่ค้างในโฟลเดอร์ผลลัพธ์จากรอบก่อนที่ถูกหยุดกลางคัน"
        ),
        Note::NoMeasureForItem { item } => {
            format!("ข้อ {item} ยังไม่ผ่าน แต่ catalog ไม่มีมาตรการที่ตอบข้อนี้")
        }
    }
}
