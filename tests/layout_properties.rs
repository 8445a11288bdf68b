//! The table reader over generated layouts: a generator composes score tables
//! from the features of shared/spec/inputs.md ("A score table is a grid: read it
//! by meaning"): units as rows or columns; a header band of one to three lines
//! with years and tools merged over their positions and key headers merged down
//! or not; the year in the sheet's name, a title, a header group, a cell per
//! line, or lines under a unit's merged cells; the unit under one of its labels,
//! provinces as units, or one unit named in a title; tool totals as means or
//! weighted points; titles, notes, averages and rank lines; Thai or Arabic
//! digits; text or number cells; xlsx, ods or csv. Each must read to exactly
//! the scores it was made from, as the tidy export of the same scores does (the
//! second test). Thousands of combinations from a fixed seed; a combination that
//! cannot work by design is skipped by `impossible`, which says why.
//!
//! The files are written by the real writers (rust_xlsxwriter, spreadsheet-ods,
//! csv) and read by ingest itself, not by the binary, to keep thousands of cases
//! fast: the memo is a function of these scores, and tests/layouts.rs runs the
//! binary on the fixtures of each new shape. ITAMEMO_LAYOUT_CASES sets how many
//! cases, ITAMEMO_LAYOUT_KEEP=DIR keeps their files to look at.

mod common;
mod fixture_writers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fixture_writers::grid::{write_ods, write_xlsx, Cell, GridSheet};
use itamemo_ingest::{ingest, Vocabulary};
use itamemo_model::thai::to_thai_digits;
use itamemo_model::{FileStatus, Ingested};

/// How many readable combinations are tried (`ITAMEMO_LAYOUT_CASES` for more).
const CASES: usize = 2000;
const SEED: u64 = 13;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Orientation {
    /// Units as rows.
    Rows,
    /// Units as columns (a provincial report sorted by score).
    Columns,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum YearAt {
    SheetName,
    Title,
    /// Merged over its group of positions in the header band.
    HeaderGroup,
    /// A year cell on every line.
    Column,
    /// A line per year under the unit's merged cells, newest first or last.
    LinesUnderMergedUnit,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Identity {
    /// A name column under this header.
    Name(&'static str),
    /// Provinces as units, under "จังหวัด".
    Province,
    /// One unit per sheet, named in a title; its years are its lines.
    Title,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tools {
    None,
    /// 0-100 means of their indicators.
    Means,
    /// Weighted points: IIT out of 30, EIT out of 30, OIT out of 40.
    Points,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Xlsx,
    Ods,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    /// A line per unit (and year).
    Wide,
    /// A line per unit, year and indicator or item.
    Long,
}

#[derive(Clone, Copy, Debug)]
struct Features {
    shape: Shape,
    orientation: Orientation,
    /// A band line of tools (IIT, EIT, OIT) merged over their indicators.
    tool_groups: bool,
    /// Key headers merged down over the whole band (else written in its last line).
    keys_merged_down: bool,
    year_at: YearAt,
    identity: Identity,
    tools: Tools,
    title: bool,
    notes: bool,
    averages: bool,
    rank: bool,
    codes: bool,
    items: bool,
    grade: bool,
    thai_digits: bool,
    text_cells: bool,
    format: Format,
}

/// Why a combination cannot work by design, or `None` when it must read.
fn impossible(f: &Features) -> Option<&'static str> {
    use YearAt::*;
    if f.format == Format::Csv && matches!(f.year_at, SheetName | Title) {
        return Some("a CSV file is one sheet: a sheet (or a title) per year needs a workbook");
    }
    if f.format == Format::Csv && f.identity == Identity::Title {
        return Some("a CSV file is one sheet: one unit per sheet needs a workbook per unit");
    }
    if f.identity == Identity::Title && f.year_at != Column {
        return Some(
            "a one-unit report has its years as its lines: with the year elsewhere the one line could be anything's",
        );
    }
    if f.shape == Shape::Long {
        if f.orientation == Orientation::Columns {
            return Some("a long table has a line per score: across, it would be thousands of columns nobody types");
        }
        if f.tool_groups || matches!(f.year_at, HeaderGroup | LinesUnderMergedUnit) {
            return Some("a long table has no groups of score columns to merge a header over");
        }
        if f.identity != Identity::Name("ชื่อหน่วยงาน") {
            return Some(
                "a long table names its unit on every line under ชื่อหน่วยงาน: a province column there is the unit's province",
            );
        }
    }
    None
}

const NAME_LABELS: [&str; 4] = ["ชื่อหน่วยงาน", "หน่วยงาน", "ชื่อ อปท.", "องค์กรปกครองส่วนท้องถิ่น"];
const KINDS: [&str; 3] = ["เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "เทศบาลเมือง"];
const PLACES: [&str; 12] = [
    "ปากน้ำ",
    "ท่าแซะ",
    "วังไผ่",
    "นาโพธิ์",
    "บางหมาก",
    "ทุ่งคา",
    "หาดทรายรี",
    "ละแม",
    "สวี",
    "ทุ่งตะโก",
    "หลังสวน",
    "ปะทิว",
];
const PROVINCES: [&str; 6] = ["ชุมพร", "ระนอง", "พังงา", "กระบี่", "ตรัง", "สตูล"];
const YEARS: [u16; 2] = [2564, 2565];
const TOOLS: [(&str, usize, usize, f64); 3] = [
    ("IIT", 0, 5, 30.0),
    ("EIT", 5, 8, 30.0),
    ("OIT", 8, 10, 40.0),
];
const ITEMS: [&str; 4] = ["i3", "i20", "e6", "o30"];

fn draw(rng: &mut fastrand::Rng) -> Features {
    let pick = |rng: &mut fastrand::Rng, n: usize| rng.usize(..n);
    Features {
        shape: if rng.u8(..5) == 0 {
            Shape::Long
        } else {
            Shape::Wide
        },
        orientation: if rng.bool() {
            Orientation::Rows
        } else {
            Orientation::Columns
        },
        tool_groups: rng.bool(),
        keys_merged_down: rng.bool(),
        year_at: [
            YearAt::SheetName,
            YearAt::Title,
            YearAt::HeaderGroup,
            YearAt::Column,
            YearAt::LinesUnderMergedUnit,
        ][pick(rng, 5)],
        identity: match pick(rng, 6) {
            0..=3 => Identity::Name(NAME_LABELS[pick(rng, 4)]),
            4 => Identity::Province,
            _ => Identity::Title,
        },
        tools: [Tools::None, Tools::Means, Tools::Points][pick(rng, 3)],
        title: rng.bool(),
        notes: rng.bool(),
        averages: rng.bool(),
        rank: rng.bool(),
        codes: rng.bool(),
        items: rng.u8(..4) == 0,
        grade: rng.bool(),
        thai_digits: rng.bool(),
        text_cells: rng.bool(),
        format: [Format::Xlsx, Format::Ods, Format::Csv][pick(rng, 3)],
    }
}

/// The scores a table is made from: what reading it must give back.
#[derive(Clone, Debug)]
struct TruthYear {
    year: u16,
    indicators: [f64; 10],
    items: Vec<(&'static str, f64)>,
    overall: f64,
    grade: &'static str,
}

#[derive(Clone, Debug)]
struct TruthUnit {
    code: String,
    /// The cell that names it (a province alone where the units are provinces).
    label: String,
    district: String,
    province: String,
    years: Vec<TruthYear>,
}

impl TruthUnit {
    fn year(&self, year: u16) -> Option<&TruthYear> {
        self.years.iter().find(|y| y.year == year)
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn tool_mean(y: &TruthYear, tool: usize) -> f64 {
    let (_, from, to, _) = TOOLS[tool];
    y.indicators[from..to].iter().sum::<f64>() / (to - from) as f64
}

fn truth(rng: &mut fastrand::Rng, f: &Features) -> Vec<TruthUnit> {
    let count = if f.identity == Identity::Title {
        rng.usize(1..=3)
    } else {
        rng.usize(1..=5)
    };
    let mut places = PLACES.to_vec();
    rng.shuffle(&mut places);
    let mut provinces = PROVINCES.to_vec();
    rng.shuffle(&mut provinces);
    (0..count)
        .map(|k| {
            let province = provinces[k % provinces.len()].to_string();
            let label = match f.identity {
                Identity::Province => province.clone(),
                _ => format!("{}{}", KINDS[rng.usize(..KINDS.len())], places[k]),
            };
            // Every unit is assessed in the later year; some in the earlier too.
            let assessed: Vec<u16> = YEARS
                .iter()
                .copied()
                .filter(|&y| y == YEARS[1] || rng.u8(..4) != 0)
                .collect();
            let years = assessed
                .into_iter()
                .map(|year| {
                    let indicators: [f64; 10] =
                        std::array::from_fn(|_| f64::from(rng.u32(4000..=10000)) / 100.0);
                    let mut y = TruthYear {
                        year,
                        indicators,
                        items: Vec::new(),
                        overall: 0.0,
                        grade: ["A", "B", "AA", "C"][rng.usize(..4)],
                    };
                    y.overall = round2(
                        (0..3)
                            .map(|t| tool_mean(&y, t) * TOOLS[t].3 / 100.0)
                            .sum::<f64>(),
                    );
                    if f.items {
                        y.items = ITEMS
                            .iter()
                            .map(|code| (*code, f64::from(rng.u32(1000..=10000)) / 100.0))
                            .collect();
                    }
                    y
                })
                .collect();
            TruthUnit {
                code: format!("5{:06}", rng.u32(..1_000_000)),
                label,
                district: if f.identity == Identity::Province {
                    String::new()
                } else {
                    places[(k + 6) % places.len()].to_string()
                },
                province,
                years,
            }
        })
        .collect()
}

/// How a case types its words and values.
struct Typist<'f>(&'f Features);

impl Typist<'_> {
    fn digits(&self, s: &str) -> String {
        if self.0.thai_digits {
            to_thai_digits(s)
        } else {
            s.to_string()
        }
    }

    fn text(&self, s: &str) -> Cell {
        Cell::Text(self.digits(s))
    }

    fn value(&self, v: f64) -> Cell {
        if self.0.text_cells {
            Cell::Text(self.digits(&format!("{v:.2}")))
        } else {
            Cell::Number(v)
        }
    }
}

/// What a position holds for a unit's year.
type Value = Box<dyn Fn(&TruthUnit, Option<&TruthYear>, &Typist) -> Cell>;

/// A position of the table: its header words, the groups over it, and its value
/// on a unit's year.
struct Position {
    header: String,
    year_group: Option<u16>,
    tool_group: Option<&'static str>,
    /// One of the cells that name the unit (merged down over its years' lines).
    unit_key: bool,
    /// A score (an averages line has a value here).
    score: bool,
    value: Value,
}

fn key(header: &str, value: impl Fn(&TruthUnit, &Typist) -> Cell + 'static) -> Position {
    Position {
        header: header.to_string(),
        year_group: None,
        tool_group: None,
        unit_key: true,
        score: false,
        value: Box::new(move |u, _, t| value(u, t)),
    }
}

/// A unit's year where it belongs to the group (every year, without one).
fn of_group(y: Option<&TruthYear>, group: Option<u16>) -> Option<&TruthYear> {
    y.filter(|y| group.is_none_or(|g| g == y.year))
}

/// The score positions of one year (or of every year, when `year_group` is None).
fn score_positions(f: &Features, year_group: Option<u16>) -> Vec<Position> {
    let score = |header: String, tool_group: Option<&'static str>, value: Value| Position {
        header,
        year_group,
        tool_group,
        unit_key: false,
        score: true,
        value,
    };
    let mut out = Vec::new();
    for n in 0..10 {
        let tool = TOOLS
            .iter()
            .find(|(_, a, b, _)| (*a..*b).contains(&n))
            .unwrap()
            .0;
        out.push(score(
            format!("ตัวชี้วัดที่ {}", n + 1),
            f.tool_groups.then_some(tool),
            Box::new(move |_, y, t| {
                of_group(y, year_group).map_or(Cell::Empty, |y| t.value(y.indicators[n]))
            }),
        ));
    }
    if f.items {
        for (i, code) in ITEMS.iter().enumerate() {
            out.push(score(
                code.to_string(),
                None,
                Box::new(move |_, y, t| {
                    of_group(y, year_group).map_or(Cell::Empty, |y| t.value(y.items[i].1))
                }),
            ));
        }
    }
    for (k, (code, _, _, weight)) in TOOLS.iter().enumerate() {
        let header = match f.tools {
            Tools::None => continue,
            Tools::Means => format!("คะแนน {code}"),
            Tools::Points => format!("{code} ({weight:.0} คะแนน)"),
        };
        let points = f.tools == Tools::Points;
        out.push(score(
            header,
            None,
            Box::new(move |_, y, t| {
                of_group(y, year_group).map_or(Cell::Empty, |y| {
                    let mean = tool_mean(y, k);
                    t.value(round2(if points { mean * weight / 100.0 } else { mean }))
                })
            }),
        ));
    }
    out.push(score(
        "คะแนน ITA".into(),
        None,
        Box::new(move |_, y, t| {
            of_group(y, year_group).map_or(Cell::Empty, |y| t.value(y.overall))
        }),
    ));
    if f.grade {
        let mut grade = score(
            "ระดับ".into(),
            None,
            Box::new(move |_, y, _| {
                of_group(y, year_group).map_or(Cell::Empty, |y| Cell::Text(y.grade.into()))
            }),
        );
        grade.score = false;
        out.push(grade);
    }
    out
}

/// The positions of a wide table, keys first.
fn wide_positions(f: &Features) -> Vec<Position> {
    let mut out = Vec::new();
    if f.rank && f.identity != Identity::Title {
        out.push(key("ลำดับ", |_, t| t.text("1")));
    }
    if f.codes && f.identity != Identity::Title {
        out.push(key("รหัสหน่วยงาน", |u, t| {
            t.text(&u.code)
        }));
    }
    match f.identity {
        Identity::Name(label) => {
            out.push(key(label, |u, _| Cell::Text(u.label.clone())));
            out.push(key("อำเภอ", |u, _| {
                Cell::Text(u.district.clone())
            }));
            out.push(key("จังหวัด", |u, _| {
                Cell::Text(u.province.clone())
            }));
        }
        Identity::Province => out.push(key("จังหวัด", |u, _| {
            Cell::Text(u.label.clone())
        })),
        Identity::Title => {}
    }
    if matches!(f.year_at, YearAt::Column | YearAt::LinesUnderMergedUnit) {
        let header = if f.identity == Identity::Title {
            "ตัวชี้วัด"
        } else {
            "ปีงบประมาณ"
        };
        out.push(Position {
            header: header.into(),
            year_group: None,
            tool_group: None,
            unit_key: false,
            score: false,
            value: Box::new(|_, y, t| t.text(&format!("ปีงบประมาณ {}", y.unwrap().year))),
        });
    }
    if f.year_at == YearAt::HeaderGroup {
        for year in YEARS {
            out.extend(score_positions(f, Some(year)));
        }
    } else {
        out.extend(score_positions(f, None));
    }
    out
}

/// A block of text over `rows` x `cols` cells (a plain cell when 1 x 1).
fn block(text: String, rows: u16, cols: u16) -> Cell {
    if rows == 1 && cols == 1 {
        Cell::Text(text)
    } else {
        Cell::Block { text, rows, cols }
    }
}

/// The header band: a line of years merged over their groups, a line of tools
/// merged over their indicators, and the headers; a header without a group over
/// it is merged down over the band, or written in its last line.
fn band(f: &Features, positions: &[Position]) -> Vec<Vec<Cell>> {
    let t = Typist(f);
    type Label = fn(&Position) -> Option<String>;
    let mut groups: Vec<Label> = Vec::new();
    if f.year_at == YearAt::HeaderGroup {
        groups.push(|p| p.year_group.map(|y| format!("ปีงบประมาณ {y}")));
    }
    if f.tool_groups {
        groups.push(|p| p.tool_group.map(|tool| format!("แบบวัด {tool}")));
    }
    let depth = groups.len() + 1;
    let mut lines: Vec<Vec<Cell>> = (0..depth).map(|_| Vec::new()).collect();
    for (p, position) in positions.iter().enumerate() {
        // The group lines over a position are always the first ones.
        let grouped = groups
            .iter()
            .take_while(|label| label(position).is_some())
            .count();
        for (g, label) in groups.iter().enumerate().take(grouped) {
            let mine = label(position);
            let starts = p == 0 || label(&positions[p - 1]) != mine;
            lines[g].push(if starts {
                let span = positions[p..]
                    .iter()
                    .take_while(|q| label(q) == mine)
                    .count();
                block(t.digits(&mine.unwrap()), 1, span as u16)
            } else {
                Cell::Empty
            });
        }
        let header = t.digits(&position.header);
        let rows = (depth - grouped) as u16;
        if f.keys_merged_down {
            lines[grouped].push(block(header, rows, 1));
            for line in lines.iter_mut().skip(grouped + 1) {
                line.push(Cell::Empty);
            }
        } else {
            for line in lines.iter_mut().take(depth - 1).skip(grouped) {
                line.push(Cell::Empty);
            }
            lines[depth - 1].push(Cell::Text(header));
        }
    }
    lines
}

/// The header band and the lines of a wide table, as rows (units down).
fn wide_grid(f: &Features, units: &[&TruthUnit], sheet_year: Option<u16>) -> Vec<Vec<Cell>> {
    let t = Typist(f);
    let positions = wide_positions(f);
    let mut lines = band(f, &positions);
    let per_year_lines = matches!(f.year_at, YearAt::Column | YearAt::LinesUnderMergedUnit);
    let merged_units = f.year_at == YearAt::LinesUnderMergedUnit;
    for unit in units {
        let mut years: Vec<&TruthYear> = match sheet_year {
            Some(year) => unit.year(year).into_iter().collect(),
            None => unit.years.iter().collect(),
        };
        // Newest first or last: both occur.
        if f.rank {
            years.reverse();
        }
        if per_year_lines {
            for (k, y) in years.iter().enumerate() {
                let line = positions
                    .iter()
                    .map(|p| match ((p.value)(unit, Some(y), &t), k) {
                        (Cell::Text(text), 0) if merged_units && p.unit_key => {
                            block(text, years.len() as u16, 1)
                        }
                        (_, _) if merged_units && p.unit_key => Cell::Empty,
                        (cell, _) => cell,
                    })
                    .collect();
                lines.push(line);
            }
        } else {
            let line = positions
                .iter()
                .map(|p| {
                    let year = match p.year_group {
                        Some(group) => unit.year(group),
                        None => years.first().copied(),
                    };
                    (p.value)(unit, year, &t)
                })
                .collect();
            lines.push(line);
        }
    }
    if f.averages && f.identity != Identity::Title {
        let names = positions
            .iter()
            .position(|p| p.header == "จังหวัด" || NAME_LABELS.contains(&p.header.as_str()))
            .unwrap();
        let line = positions
            .iter()
            .enumerate()
            .map(|(i, p)| match (i == names, p.score) {
                (true, _) => Cell::Text("ค่าเฉลี่ย".into()),
                (_, true) => t.value(77.77),
                _ => Cell::Empty,
            })
            .collect();
        lines.push(line);
    }
    lines
}

/// The header and lines of a long table.
fn long_grid(f: &Features, units: &[&TruthUnit], sheet_year: Option<u16>) -> Vec<Vec<Cell>> {
    let t = Typist(f);
    let year_column = f.year_at == YearAt::Column;
    let mut header: Vec<Cell> = ["ชื่อหน่วยงาน", "อำเภอ", "จังหวัด"]
        .map(|h| Cell::Text(h.into()))
        .into();
    if f.codes {
        header.insert(0, Cell::Text("รหัสหน่วยงาน".into()));
    }
    if year_column {
        header.push(t.text("ปีงบประมาณ"));
    }
    header.extend([Cell::Text("ตัวชี้วัด".into()), Cell::Text("คะแนน".into())]);
    let mut lines = vec![header];
    for unit in units {
        for y in unit
            .years
            .iter()
            .filter(|y| sheet_year.is_none_or(|s| s == y.year))
        {
            let mut labelled: Vec<(String, Cell)> = (0..10)
                .map(|n| {
                    (
                        t.digits(&format!("ตัวชี้วัดที่ {}", n + 1)),
                        t.value(y.indicators[n]),
                    )
                })
                .collect();
            labelled.extend(
                y.items
                    .iter()
                    .map(|(code, v)| (code.to_string(), t.value(*v))),
            );
            for (k, (code, _, _, weight)) in TOOLS.iter().enumerate() {
                let mean = tool_mean(y, k);
                match f.tools {
                    Tools::None => {}
                    Tools::Means => labelled.push((format!("คะแนน {code}"), t.value(round2(mean)))),
                    Tools::Points => labelled.push((
                        format!("{code} ({weight:.0} คะแนน)"),
                        t.value(round2(mean * weight / 100.0)),
                    )),
                }
            }
            labelled.push(("คะแนน ITA".into(), t.value(y.overall)));
            if f.grade {
                labelled.push(("ระดับ".into(), Cell::Text(y.grade.into())));
            }
            for (label, value) in labelled {
                let mut line = Vec::new();
                if f.codes {
                    line.push(t.text(&unit.code));
                }
                line.extend([
                    Cell::Text(unit.label.clone()),
                    Cell::Text(unit.district.clone()),
                    Cell::Text(unit.province.clone()),
                ]);
                if year_column {
                    line.push(t.text(&y.year.to_string()));
                }
                line.extend([Cell::Text(label), value]);
                lines.push(line);
            }
        }
    }
    if f.averages {
        let mut line: Vec<Cell> = lines[0].iter().map(|_| Cell::Empty).collect();
        line[usize::from(f.codes)] = Cell::Text("ค่าเฉลี่ย".into());
        let width = line.len();
        line[width - 2] = Cell::Text("คะแนน ITA".into());
        line[width - 1] = t.value(77.77);
        lines.push(line);
    }
    lines
}

/// Rows to columns: a cell at (r, c) goes to (c, r), a merge across to one down.
fn transpose(grid: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    let mut out: Vec<Vec<Cell>> = (0..width).map(|_| Vec::new()).collect();
    for row in grid {
        let mut cells = row.into_iter();
        for line in out.iter_mut() {
            line.push(match cells.next() {
                Some(Cell::Block { text, rows, cols }) => block(text, cols, rows),
                Some(Cell::Merged { text, span }) => block(text, span, 1),
                Some(cell) => cell,
                None => Cell::Empty,
            });
        }
    }
    out
}

/// The sheets of a case: titles and notes around the table, transposed or not.
fn sheets(f: &Features, units: &[TruthUnit]) -> Vec<GridSheet> {
    let t = Typist(f);
    let every: Vec<&TruthUnit> = units.iter().collect();
    let table = |units: &[&TruthUnit], year: Option<u16>| match f.shape {
        Shape::Wide => wide_grid(f, units, year),
        Shape::Long => long_grid(f, units, year),
    };
    let mut out: Vec<(String, Option<String>, Vec<Vec<Cell>>)> = Vec::new();
    match (f.identity, f.year_at) {
        (Identity::Title, _) => {
            for (k, unit) in units.iter().enumerate() {
                let title = format!(
                    "ผลการประเมิน ITA ของ{} อำเภอ{} จังหวัด{}",
                    unit.label, unit.district, unit.province
                );
                out.push((
                    format!("หน่วยงาน {}", k + 1),
                    Some(title),
                    table(&[unit], None),
                ));
            }
        }
        (_, YearAt::SheetName | YearAt::Title) => {
            for (k, year) in YEARS.iter().enumerate() {
                let assessed: Vec<&TruthUnit> = every
                    .iter()
                    .copied()
                    .filter(|u| u.year(*year).is_some())
                    .collect();
                if assessed.is_empty() {
                    continue;
                }
                let (name, title) = if f.year_at == YearAt::SheetName {
                    (
                        t.digits(&format!("ITA {year}")),
                        f.title
                            .then(|| "ผลการประเมินคุณธรรมและความโปร่งใส".to_string()),
                    )
                } else {
                    (
                        format!("Sheet{}", k + 1),
                        Some(format!("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year}")),
                    )
                };
                out.push((name, title, table(&assessed, Some(*year))));
            }
        }
        _ => out.push((
            "ผล ITA".into(),
            f.title
                .then(|| "สรุปผลการประเมินคุณธรรมและความโปร่งใส".to_string()),
            table(&every, None),
        )),
    }
    out.into_iter()
        .map(|(name, title, grid)| {
            let grid = match f.orientation {
                Orientation::Rows => grid,
                Orientation::Columns => transpose(grid),
            };
            let width = grid.iter().map(Vec::len).max().unwrap_or(1) as u16;
            let mut rows = Vec::new();
            if let Some(title) = title {
                rows.push(vec![block(t.digits(&title), 1, width)]);
                rows.push(vec![]);
            }
            rows.extend(grid);
            if f.notes {
                rows.push(vec![]);
                rows.push(vec![Cell::Text("หมายเหตุ: ข้อมูลจากระบบ ITAS".into())]);
            }
            GridSheet { name, rows }
        })
        .collect()
}

fn write_csv(path: &Path, sheet: &GridSheet) {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut writer = csv::Writer::from_path(path).unwrap();
    for row in &sheet.rows {
        let fields: Vec<String> = (0..width)
            .map(|c| match row.get(c) {
                Some(Cell::Text(t)) => t.clone(),
                Some(Cell::Number(v)) => v.to_string(),
                Some(Cell::Block { text, .. } | Cell::Merged { text, .. }) => text.clone(),
                _ => String::new(),
            })
            .collect();
        writer.write_record(&fields).unwrap();
    }
    writer.flush().unwrap();
}

fn write_case(dir: &Path, f: &Features, sheets: &[GridSheet]) {
    match f.format {
        Format::Xlsx => write_xlsx(&dir.join("case.xlsx"), sheets),
        Format::Ods => write_ods(&dir.join("case.ods"), sheets),
        Format::Csv => write_csv(&dir.join("case.csv"), &sheets[0]),
    }
}

/// What reading the case gave, against what it was made from; `Err` says how
/// they differ.
fn compare(f: &Features, units: &[TruthUnit], read: &Ingested) -> Result<(), String> {
    for file in &read.files {
        if !matches!(file.status, FileStatus::Read { .. }) {
            return Err(format!("{:?}: {:?}", file.status, file.messages));
        }
    }
    if read.units.len() != units.len() {
        let names: Vec<&str> = read.units.iter().map(|u| u.unit.name.as_str()).collect();
        return Err(format!(
            "{} units read, {} made: {names:?}\n{:?}",
            read.units.len(),
            units.len(),
            read.files
        ));
    }
    for unit in units {
        let name = match f.identity {
            Identity::Province => format!("จังหวัด{}", unit.label),
            _ => unit.label.clone(),
        };
        let got = read
            .units
            .iter()
            .find(|u| u.unit.name == name)
            .ok_or_else(|| format!("{name} not read"))?;
        if !got.blockers.is_empty() {
            return Err(format!("{name}: {:?}", got.blockers));
        }
        if got.unit.province != unit.province || got.unit.district != unit.district {
            return Err(format!("{name}: read as {:?}", got.unit));
        }
        let with_code = f.codes && f.identity != Identity::Title;
        if with_code && got.unit.code.as_deref() != Some(unit.code.as_str()) {
            return Err(format!("{name}: code {:?}", got.unit.code));
        }
        let years: Vec<u16> = got.years.keys().collect();
        let made: Vec<u16> = unit.years.iter().map(|y| y.year).collect();
        if years != made {
            return Err(format!("{name}: years {years:?}, made {made:?}"));
        }
        for y in &unit.years {
            let r = &got.years[y.year];
            let hundredths = |v: f64| (v * 100.0).round() as u32;
            let indicators: BTreeMap<u8, u32> = r
                .indicators
                .iter()
                .map(|(n, s)| (*n, s.hundredths()))
                .collect();
            let want: BTreeMap<u8, u32> = (0..10)
                .map(|n| (n as u8 + 1, hundredths(y.indicators[n])))
                .collect();
            if indicators != want {
                return Err(format!(
                    "{name} {}: indicators {indicators:?}, made {want:?}",
                    y.year
                ));
            }
            if r.overall.map(|s| s.hundredths()) != Some(hundredths(y.overall)) {
                return Err(format!(
                    "{name} {}: overall {:?}, made {}",
                    y.year, r.overall, y.overall
                ));
            }
            let items: Vec<(String, u32)> = r
                .items
                .iter()
                .map(|(c, s)| (c.clone(), s.hundredths()))
                .collect();
            let mut want_items: Vec<(String, u32)> = y
                .items
                .iter()
                .map(|(c, v)| (c.to_string(), hundredths(*v)))
                .collect();
            want_items.sort();
            if items != want_items {
                return Err(format!(
                    "{name} {}: items {items:?}, made {want_items:?}",
                    y.year
                ));
            }
            let grade: Option<Box<str>> = f.grade.then(|| y.grade.into());
            if r.grade != grade {
                return Err(format!("{name} {}: grade {:?}", y.year, r.grade));
            }
            // Tool totals check the indicators: as means they are the means, as
            // weighted points they read as the means they stand for.
            for (k, (code, _, _, _)) in TOOLS.iter().enumerate() {
                let given = r.tools.get(*code).map(|s| s.points());
                match (f.tools, given) {
                    (Tools::None, None) => {}
                    (Tools::Means | Tools::Points, Some(points))
                        if (points - tool_mean(y, k)).abs() <= 0.05 => {}
                    _ => {
                        return Err(format!(
                            "{name} {}: {code} {given:?}, mean {:.2}",
                            y.year,
                            tool_mean(y, k)
                        ))
                    }
                }
            }
        }
    }
    Ok(())
}

/// A fresh folder for a case (and the guard that removes it); under
/// ITAMEMO_LAYOUT_KEEP, a folder there that is kept, to look at.
fn case_dir(case: usize) -> (PathBuf, Option<tempfile::TempDir>) {
    match std::env::var_os("ITAMEMO_LAYOUT_KEEP") {
        Some(keep) => {
            let dir = Path::new(&keep).join(format!("case-{case}"));
            std::fs::create_dir_all(&dir).unwrap();
            (dir, None)
        }
        None => {
            let temp = tempfile::tempdir().unwrap();
            (temp.path().to_path_buf(), Some(temp))
        }
    }
}

fn cases() -> usize {
    std::env::var("ITAMEMO_LAYOUT_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES)
}

#[test]
fn every_composed_layout_reads_to_the_scores_it_was_made_from() {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut tried = 0;
    while tried < cases() {
        let f = draw(&mut rng);
        if let Some(reason) = impossible(&f) {
            *skipped.entry(reason).or_default() += 1;
            continue;
        }
        tried += 1;
        let units = truth(&mut rng, &f);
        let (dir, _guard) = case_dir(tried);
        write_case(&dir, &f, &sheets(&f, &units));
        let read = ingest(std::slice::from_ref(&dir), &Vocabulary::default());
        if let Err(why) = compare(&f, &units, &read) {
            if failures.len() < 5 {
                failures.push(format!("case {tried} {f:?}:\n  {why}"));
            } else {
                failures.push(String::new());
            }
        }
    }
    eprintln!("{tried} layouts read; skipped by design: {skipped:#?}");
    assert!(
        failures.is_empty(),
        "{} of {tried} layouts misread; the first:\n{}",
        failures.len(),
        failures
            .iter()
            .filter(|f| !f.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The tidy export (a sheet per year, a row per unit, the header in the first
/// row) reads to the scores it was made from: what every layout is held to.
#[test]
fn the_tidy_export_reads_to_its_scores() {
    let mut rng = fastrand::Rng::with_seed(SEED + 1);
    let tidy = Features {
        shape: Shape::Wide,
        orientation: Orientation::Rows,
        tool_groups: false,
        keys_merged_down: false,
        year_at: YearAt::SheetName,
        identity: Identity::Name("ชื่อหน่วยงาน"),
        tools: Tools::None,
        title: false,
        notes: false,
        averages: false,
        rank: false,
        codes: false,
        items: false,
        grade: true,
        thai_digits: false,
        text_cells: false,
        format: Format::Xlsx,
    };
    for _ in 0..20 {
        let units = truth(&mut rng, &tidy);
        let dir = tempfile::tempdir().unwrap();
        write_case(dir.path(), &tidy, &sheets(&tidy, &units));
        let read = ingest(&[dir.path().to_path_buf()], &Vocabulary::default());
        compare(&tidy, &units, &read).unwrap();
    }
}
