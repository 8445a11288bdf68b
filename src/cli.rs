//! The command line: `itamemo [PATH]... [--out DIR] [--date YYYY-MM-DD] ...`, and
//! `itamemo catalog [FILE]`, which writes the default catalog out for editing.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::{Parser, Subcommand};
use itamemo_analyze::{Analyzer, Catalog, Frameworks};
use itamemo_emit::{Digits, Emblem};
use itamemo_ingest::Limits;
use itamemo_model::Score;

/// Where a run reads when no PATH is given, and writes when no --out is given.
pub const DEFAULT_INPUT: &str = "fixtures";
pub const DEFAULT_OUTPUT: &str = "output";

#[derive(Debug, Parser)]
#[command(
    name = "itamemo",
    version,
    args_conflicts_with_subcommands = true,
    about = "ทำบันทึกมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (DOCX) จากไฟล์ผลคะแนน ITA",
    long_about = "อ่านไฟล์ผลคะแนน ITA (.xlsx .xls .ods .csv) ทุกไฟล์ในโฟลเดอร์ที่ให้ วิเคราะห์ผลปีล่าสุดเทียบกับปีก่อน \
แล้วเขียนบันทึกมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน หนึ่งไฟล์ต่อหนึ่งหน่วยงาน \
พร้อมรายงานผลการทำงาน (itamemo-report.xlsx และ .json) ไว้ข้างบันทึก\n\n\
ใช้ได้สองแบบ:\n\
1. ลากโฟลเดอร์ไฟล์ผลคะแนนมาวางบนโปรแกรม (หรือพิมพ์ itamemo ตามด้วยโฟลเดอร์): \
บันทึกจะอยู่ในโฟลเดอร์ใหม่ข้างโฟลเดอร์นั้น ชื่อ <ชื่อโฟลเดอร์>-memos\n\
\x20  itamemo \"ผล ITA อำเภอพะโต๊ะ\"        เขียนลง \"ผล ITA อำเภอพะโต๊ะ-memos\"\n\
2. สำนักงานอำเภอหรือจังหวัดรันทั้งชุด กำหนดโฟลเดอร์ผลลัพธ์และวันที่เอง:\n\
\x20  itamemo ผลITA/ --out บันทึก/ --date 2023-03-17\n\
\x20  itamemo ผลITA/ --register ทะเบียน.xlsx --emblem ครุฑ.png\n\
\x20  itamemo ผลITA/ --pdf        ทำไฟล์ PDF ไว้ข้างบันทึกด้วย (ต้องมีโปรแกรม LibreOffice)\n\n\
ไม่ระบุไฟล์: อ่าน fixtures/ เขียนลง output/ (ตัวอย่างที่มากับโปรแกรม)\n\
รหัสออก: 0 เขียนครบทุกหน่วยงาน, 1 มีหน่วยงานหรือไฟล์ที่ต้องตรวจ (ที่เหลือเขียนแล้ว), 2 ทำงานไม่ได้"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders of ITA score exports (folders are read with their subfolders)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Folder to write the memos into (default: a new folder beside the first
    /// input, <name>-memos; with no input, output/)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// How many files and memos to work on at once (default: every core)
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,

    /// The memo's date, YYYY-MM-DD (C.E.); default: today
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,

    /// Write numbers with Arabic digits (0-9) instead of Thai digits
    #[arg(long)]
    pub arabic_digits: bool,

    /// The unit register (.xlsx, .ods or .csv): office, document number, who
    /// prepares and who signs; a register beside the exports is found without it
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,

    /// The Garuda emblem as a PNG or JPEG image, printed 1.5 cm high at the top
    /// left of the cover memo
    #[arg(long, value_name = "FILE")]
    pub emblem: Option<PathBuf>,

    /// Strengths score at least this (0-100; default 80, as in the NACC's reference memo)
    #[arg(long, value_name = "N", default_value_t = 80.0)]
    pub threshold: f64,

    /// An edited catalog of findings, recommendations and measures (see `itamemo catalog`)
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// A folder of framework files (2569.toml, ...) for years the program does not know
    #[arg(long, value_name = "DIR")]
    pub frameworks: Option<PathBuf>,

    /// Refuse a file larger than this many megabytes
    #[arg(long, value_name = "MB", default_value_t = Limits::default().max_file_mb)]
    pub max_file_mb: u64,

    /// Refuse a zipped workbook (.xlsx, .ods) that would unpack to more than this
    /// many megabytes (a zip bomb)
    #[arg(long, value_name = "MB", default_value_t = Limits::default().max_unpacked_mb)]
    pub max_unpacked_mb: u64,

    /// Skip a sheet with more rows than this
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_rows)]
    pub max_rows: usize,

    /// Refuse a sheet of more cells (rows times columns) than this
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_cells)]
    pub max_cells: u64,

    /// Give up on a file that takes longer than this many seconds to read
    #[arg(long, value_name = "S", default_value_t = Limits::default().max_file_seconds)]
    pub max_file_seconds: u64,

    /// Print the time each phase took and the peak memory on stderr (for the benchmark)
    #[arg(long, hide = true)]
    pub timings: bool,

    /// Also print each memo to a PDF beside it (needs LibreOffice)
    #[arg(long)]
    pub pdf: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the default catalog (texts and measures) to FILE, to edit and pass back
    /// with --catalog
    Catalog {
        #[arg(default_value = "itamemo-catalog.toml")]
        file: PathBuf,
    },
}

/// Said when there is nothing to read: no PATH, and no examples folder here.
const NOTHING_GIVEN: &str = "ไม่ได้ระบุไฟล์ผลคะแนน: ลากโฟลเดอร์ (หรือไฟล์) ผลคะแนน ITA มาวางบนโปรแกรม \
หรือพิมพ์ itamemo ตามด้วยโฟลเดอร์ เช่น itamemo \"ผล ITA อำเภอพะโต๊ะ\" (itamemo --help แสดงวิธีใช้ทั้งหมด)";

/// A path as the officer knows it. On Windows: whole, with its drive letter and
/// backslashes (`D:\ผล ITA\บันทึก`, not `บันทึก/` as typed), as Explorer shows it; every
/// path printed about the run starts from these. Elsewhere: as given.
fn shown(path: PathBuf) -> PathBuf {
    if cfg!(windows) {
        std::path::absolute(&path).unwrap_or(path)
    } else {
        path
    }
}

/// What a run needs, checked.
pub struct Settings {
    pub analyzer: Analyzer,
    pub limits: Limits,
    pub jobs: Option<usize>,
    pub timings: bool,
    /// Print each memo to a PDF beside it, through LibreOffice.
    pub pdf: bool,
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub date: NaiveDate,
    pub digits: Digits,
    pub register: Option<PathBuf>,
    /// The emblem's PNG bytes, read and checked before the run.
    pub emblem: Option<Emblem>,
}

impl Args {
    pub fn settings(self) -> Result<Settings, String> {
        let date = match &self.date {
            None => chrono::Local::now().date_naive(),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                format!("วันที่ \"{text}\" ไม่ถูกต้อง: ใช้รูปแบบ ปี ค.ศ.-เดือน-วัน เช่น --date 2023-03-17")
            })?,
        };
        if date.year() < 1900 {
            return Err(format!(
                "วันที่ \"{date}\" ไม่ถูกต้อง: ใช้ปี ค.ศ. เช่น 2023 (ไม่ใช่ พ.ศ.)"
            ));
        }
        if self.jobs == Some(0) {
            return Err("--jobs ต้องเป็นจำนวนตั้งแต่ 1 ขึ้นไป".to_string());
        }
        if self.paths.is_empty() && !std::path::Path::new(DEFAULT_INPUT).is_dir() {
            // Double-clicked, or run without a folder away from the examples.
            return Err(NOTHING_GIVEN.to_string());
        }
        let out = shown(self.out.unwrap_or_else(|| default_out(&self.paths)));
        let inputs = if self.paths.is_empty() {
            vec![PathBuf::from(DEFAULT_INPUT)]
        } else {
            self.paths.into_iter().map(shown).collect()
        };
        let emblem = match &self.emblem {
            None => None,
            Some(path) => Some(Emblem::read(path)?),
        };
        let analyzer = analyzer(
            self.threshold,
            self.frameworks.as_deref(),
            self.catalog.as_deref(),
        )?;
        Ok(Settings {
            analyzer,
            limits: Limits {
                max_file_mb: self.max_file_mb,
                max_unpacked_mb: self.max_unpacked_mb,
                max_rows: self.max_rows,
                max_cells: self.max_cells,
                max_file_seconds: self.max_file_seconds,
            },
            register: self.register.map(shown),
            emblem,
            inputs,
            out,
            jobs: self.jobs,
            timings: self.timings,
            pdf: self.pdf,
            date,
            digits: if self.arabic_digits {
                Digits::Arabic
            } else {
                Digits::Thai
            },
        })
    }
}

/// The analysis as the options ask: frameworks (with a user's folder), catalog
/// (a user's edited file), threshold. Errors name the file and line.
fn analyzer(
    threshold: f64,
    frameworks: Option<&std::path::Path>,
    catalog: Option<&std::path::Path>,
) -> Result<Analyzer, String> {
    let threshold = Score::from_points(threshold)
        .ok_or_else(|| format!("--threshold {threshold} ไม่ถูกต้อง: ใช้คะแนน 0 ถึง 100"))?;
    let frameworks = match frameworks {
        None => Frameworks::embedded(),
        Some(dir) => {
            Frameworks::embedded_and(dir).map_err(|e| format!("อ่านกรอบการประเมินไม่ได้: {e}"))?
        }
    };
    let catalog = match catalog {
        None => Catalog::embedded(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("เปิด catalog {} ไม่ได้ ({e})", path.display()))?;
            Catalog::parse(&path.display().to_string(), &text, &frameworks.known())
                .map_err(|e| format!("catalog ใช้ไม่ได้: {e}"))?
        }
    };
    Ok(Analyzer {
        frameworks,
        catalog,
        threshold,
    })
}

/// Where memos go when --out is not given: output/ for the default run; beside
/// the first input otherwise, in "<name>-memos", never inside an input folder so
/// that a rerun does not read its own output.
fn default_out(paths: &[PathBuf]) -> PathBuf {
    let Some(first) = paths.first() else {
        return PathBuf::from(DEFAULT_OUTPUT);
    };
    let absolute = std::path::absolute(first).unwrap_or_else(|_| first.clone());
    let name = if absolute.is_dir() {
        absolute.file_name()
    } else {
        absolute.file_stem()
    }
    .map(|n| n.to_string_lossy().to_string())
    .filter(|n| !n.is_empty())
    .unwrap_or_else(|| "itamemo".to_string());
    let beside = absolute.parent().map(PathBuf::from).unwrap_or_default();
    beside.join(format!("{name}-memos"))
}
