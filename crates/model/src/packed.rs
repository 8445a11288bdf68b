//! Units held packed between reading and their memos: each unit's name and
//! years in one run of bytes (some 200 bytes where the unit itself held some
//! 900 in a dozen allocations), unpacked by the thread that writes its memo.
//!
//! What many units share is kept once in the batch's `Table`: each place's
//! origin (file and sheet), and the short words units repeat (districts,
//! provinces, grades, item and tool codes). A unit's name is its own, its Thai
//! letters a byte each. What few units have (blockers, notes, a register row)
//! is kept as it is, beside the bytes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::reason::{Note, Reason};
use crate::{Origin, Place, RegisterEntry, Score, UnitName, UnitScores, YearResult, Years};

/// What the packed units of one batch share; needed to unpack any of them.
#[derive(Debug, Default)]
pub struct Table {
    origins: Vec<Arc<Origin>>,
    /// By the origin's address: the table holds each origin, so no address is
    /// reused for another while it is here.
    origin_at: HashMap<usize, u32>,
    words: Vec<Box<str>>,
    word_at: HashMap<Box<str>, u32>,
}

impl Table {
    fn origin(&mut self, origin: &Arc<Origin>) -> u32 {
        let key = Arc::as_ptr(origin) as usize;
        if let Some(&at) = self.origin_at.get(&key) {
            return at;
        }
        let at = self.origins.len() as u32;
        self.origins.push(Arc::clone(origin));
        self.origin_at.insert(key, at);
        at
    }

    fn word(&mut self, word: &str) -> u32 {
        if let Some(&at) = self.word_at.get(word) {
            return at;
        }
        let at = self.words.len() as u32;
        self.words.push(word.into());
        self.word_at.insert(word.into(), at);
        at
    }
}

/// One unit packed: see the module's text. Unpacked with its batch's `Table`.
#[derive(Debug)]
pub struct PackedUnit {
    bytes: Box<[u8]>,
    rare: Option<Box<Rare>>,
}

/// What few units have, kept as it is.
#[derive(Debug)]
struct Rare {
    blockers: Vec<Reason>,
    notes: Vec<Note>,
    register: Option<Box<RegisterEntry>>,
}

/// A batch's units, packed, in the order given.
#[derive(Debug, Default)]
pub struct PackedUnits {
    table: Table,
    units: Vec<PackedUnit>,
}

impl PackedUnits {
    pub fn new() -> PackedUnits {
        PackedUnits::default()
    }

    /// Packs `unit` after those already here (and lets it go).
    pub fn push(&mut self, unit: UnitScores) {
        let packed = pack(&mut self.table, unit);
        self.units.push(packed);
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The units, each unpacked as it is reached.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = UnitScores> + '_ {
        self.units.iter().map(|u| u.unpack(&self.table))
    }

    /// The units as they are packed, for what needs only a few of their fields.
    pub fn packed(&self) -> &[PackedUnit] {
        &self.units
    }

    pub fn table(&self) -> &Table {
        &self.table
    }

    /// The table and the units, to be unpacked one by one where each is used
    /// (and each let go there).
    pub fn into_parts(self) -> (Table, Vec<PackedUnit>) {
        (self.table, self.units)
    }
}

impl FromIterator<UnitScores> for PackedUnits {
    fn from_iter<I: IntoIterator<Item = UnitScores>>(units: I) -> PackedUnits {
        let mut packed = PackedUnits::new();
        for unit in units {
            packed.push(unit);
        }
        packed
    }
}

// The bytes: the years' numbers (a count, then each as two bytes), so that
// they are read without the rest; the name (code, name, district, province);
// then each year: its indicators, items, tools, overall, grade, the grade's
// place and the row's. Counts and numbers are LEB128; an optional number is
// stored plus one, none as 0.

fn pack(table: &mut Table, unit: UnitScores) -> PackedUnit {
    let UnitScores {
        unit,
        years,
        blockers,
        notes,
        register,
    } = unit;
    let mut out = Vec::with_capacity(256);
    put_number(&mut out, years.len() as u32);
    for year in years.keys() {
        out.extend_from_slice(&year.to_le_bytes());
    }
    put_optional_text(&mut out, unit.code.as_deref());
    put_text(&mut out, &unit.name);
    put_number(&mut out, table.word(&unit.district));
    put_number(&mut out, table.word(&unit.province));
    for year in years.values() {
        put_number(&mut out, year.indicators.len() as u32);
        for (&number, score) in &year.indicators {
            out.push(number);
            put_number(&mut out, score.hundredths());
        }
        for scores in [&year.items, &year.tools] {
            put_number(&mut out, scores.len() as u32);
            for (code, score) in scores {
                put_number(&mut out, table.word(code));
                put_number(&mut out, score.hundredths());
            }
        }
        put_number(&mut out, year.overall.map_or(0, |s| s.hundredths() + 1));
        put_number(
            &mut out,
            year.grade.as_deref().map_or(0, |g| table.word(g) + 1),
        );
        match &year.grade_at {
            None => put_number(&mut out, 0),
            Some(place) => {
                put_number(&mut out, table.origin(&place.origin) + 1);
                put_cell(&mut out, place.cell);
            }
        }
        put_number(&mut out, table.origin(&year.source.origin));
        put_cell(&mut out, year.source.cell);
    }
    let rare = (!blockers.is_empty() || !notes.is_empty() || register.is_some()).then(|| {
        Box::new(Rare {
            blockers,
            notes,
            register,
        })
    });
    PackedUnit {
        bytes: out.into_boxed_slice(),
        rare,
    }
}

impl PackedUnit {
    /// The unit as it was packed.
    pub fn unpack(&self, table: &Table) -> UnitScores {
        let mut bytes = Reader(&self.bytes);
        let count = bytes.number();
        let mut numbers = Vec::with_capacity(count as usize);
        for _ in 0..count {
            numbers.push(bytes.year());
        }
        let unit = bytes.name(table);
        let mut years = Years::new();
        for year in numbers {
            let mut indicators = BTreeMap::new();
            for _ in 0..bytes.number() {
                let number = bytes.byte();
                indicators.insert(number, bytes.score());
            }
            let mut codes = [BTreeMap::new(), BTreeMap::new()];
            for scores in &mut codes {
                for _ in 0..bytes.number() {
                    let code = bytes.word(table).to_string();
                    scores.insert(code, bytes.score());
                }
            }
            let [items, tools] = codes;
            let overall = bytes.number().checked_sub(1).map(score);
            let grade = bytes
                .number()
                .checked_sub(1)
                .map(|at| table.words[at as usize].to_string());
            let grade_at = bytes
                .number()
                .checked_sub(1)
                .map(|origin| bytes.place(table, origin));
            let origin = bytes.number();
            let source = bytes.place(table, origin);
            years.insert(YearResult {
                year,
                indicators,
                items,
                tools,
                overall,
                grade,
                grade_at,
                source,
            });
        }
        debug_assert!(bytes.0.is_empty(), "a packed unit read to its end");
        let (blockers, notes, register) = match &self.rare {
            None => (Vec::new(), Vec::new(), None),
            Some(rare) => (
                rare.blockers.clone(),
                rare.notes.clone(),
                rare.register.clone(),
            ),
        };
        UnitScores {
            unit,
            years,
            blockers,
            notes,
            register,
        }
    }

    /// The unit's name, without unpacking its years.
    pub fn name(&self, table: &Table) -> UnitName {
        let mut bytes = Reader(&self.bytes);
        let count = bytes.number();
        bytes.0 = &bytes.0[2 * count as usize..];
        bytes.name(table)
    }

    /// The years the unit has results for, oldest first.
    pub fn years(&self) -> impl DoubleEndedIterator<Item = u16> + '_ {
        let mut bytes = Reader(&self.bytes);
        let count = bytes.number() as usize;
        bytes.0[..2 * count]
            .chunks_exact(2)
            .map(|two| u16::from_le_bytes([two[0], two[1]]))
    }

    /// The unit's row of the unit register, where it has one.
    pub fn register(&self) -> Option<&RegisterEntry> {
        self.rare.as_ref()?.register.as_deref()
    }

    /// How many bytes the unit takes packed, beside what it shares.
    pub fn size(&self) -> usize {
        std::mem::size_of::<PackedUnit>() + self.bytes.len()
    }
}

fn score(hundredths: u32) -> Score {
    Score::from_hundredths(hundredths).expect("a packed score is a score")
}

fn put_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_cell(out: &mut Vec<u8>, cell: Option<(u32, u32)>) {
    match cell {
        None => put_number(out, 0),
        Some((row, col)) => {
            // A row past u32::MAX - 1 is not met (limits stop far before).
            put_number(out, row.checked_add(1).expect("a row a sheet can hold"));
            put_number(out, col);
        }
    }
}

/// Thai letters (U+0E01 to U+0E7F) a byte each, 0x81 to 0xFF; ASCII as it is;
/// any other character 0x80 and then its UTF-8.
fn put_text(out: &mut Vec<u8>, text: &str) {
    let mut packed = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c as u32 {
            n @ 0..=0x7f => packed.push(n as u8),
            n @ 0x0e01..=0x0e7f => packed.push((n - 0x0e00) as u8 | 0x80),
            _ => {
                packed.push(0x80);
                packed.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
    }
    put_number(out, packed.len() as u32);
    out.extend_from_slice(&packed);
}

fn put_optional_text(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => put_number(out, 0),
        Some(text) => {
            put_number(out, 1);
            put_text(out, text);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let (&first, rest) = self.0.split_first().expect("a packed unit whole");
        self.0 = rest;
        first
    }

    fn number(&mut self) -> u32 {
        let mut n = 0u32;
        let mut shift = 0;
        loop {
            let b = self.byte();
            n |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    fn year(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    fn score(&mut self) -> Score {
        score(self.number())
    }

    fn word<'t>(&mut self, table: &'t Table) -> &'t str {
        &table.words[self.number() as usize]
    }

    fn text(&mut self) -> String {
        let len = self.number() as usize;
        let (packed, rest) = self.0.split_at(len);
        self.0 = rest;
        let mut text = String::with_capacity(len + len / 2);
        let mut at = 0;
        while at < packed.len() {
            let b = packed[at];
            at += 1;
            match b {
                0..=0x7f => text.push(b as char),
                0x80 => {
                    let width = utf8_width(packed[at]);
                    let c = std::str::from_utf8(&packed[at..at + width])
                        .expect("a packed character is UTF-8");
                    text.push_str(c);
                    at += width;
                }
                _ => {
                    text.push(char::from_u32(0x0e00 + u32::from(b & 0x7f)).expect("a Thai letter"))
                }
            }
        }
        text
    }

    fn name(&mut self, table: &Table) -> UnitName {
        let code = (self.number() == 1).then(|| self.text());
        let name = self.text();
        let district = self.word(table).to_string();
        let province = self.word(table).to_string();
        UnitName {
            code,
            name,
            district,
            province,
        }
    }

    fn place(&mut self, table: &Table, origin: u32) -> Place {
        let cell = self.number().checked_sub(1).map(|row| (row, self.number()));
        Place {
            origin: Arc::clone(&table.origins[origin as usize]),
            cell,
        }
    }
}

/// The bytes of the UTF-8 character `lead` starts.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    }
}

#[cfg(test)]
mod tests;
