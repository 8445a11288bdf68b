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
use std::fs::File;
use std::sync::Arc;

use crate::reason::{Note, Reason};
use crate::spill::{Spill, Stored, Window};
use crate::{
    FigureCells, Origin, Place, RegisterEntry, Score, UnitName, UnitScores, YearResult, Years,
};

/// What the packed units of one batch share; needed to unpack any of them.
#[derive(Debug, Default)]
pub struct Table {
    origins: Vec<Arc<Origin>>,
    /// By the origin's address: the table holds each origin, so no address is
    /// reused for another while it is here.
    origin_at: HashMap<usize, u32, Quick>,
    /// The origin met last, and its index: a sheet's rows come one after another.
    last_origin: Option<(usize, u32)>,
    words: Vec<Box<str>>,
    word_at: HashMap<Box<str>, u32, Quick>,
}

/// The compiler's own hash for the table's keys (addresses, a few short
/// words), none of which comes from an attacker: the standard one, proof
/// against chosen keys, took some 400 instructions a word, four words a unit.
type Quick = rustc_hash::FxBuildHasher;

impl Table {
    fn origin(&mut self, origin: &Arc<Origin>) -> u32 {
        let key = Arc::as_ptr(origin) as usize;
        if let Some((last, at)) = self.last_origin {
            if last == key {
                return at;
            }
        }
        let at = match self.origin_at.get(&key) {
            Some(&at) => at,
            None => {
                let at = self.origins.len() as u32;
                self.origins.push(Arc::clone(origin));
                self.origin_at.insert(key, at);
                at
            }
        };
        self.last_origin = Some((key, at));
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
    /// Where each unit is packed before it is copied to its own room.
    scratch: Vec<u8>,
}

impl PackedUnits {
    pub fn new() -> PackedUnits {
        PackedUnits::default()
    }

    /// Packs `unit` after those already here (and lets it go).
    pub fn push(&mut self, unit: UnitScores) {
        let packed = pack(&mut self.table, &mut self.scratch, unit);
        self.units.push(packed);
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The units, each unpacked as it is reached.
    #[cfg(test)]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = UnitScores> + '_ {
        self.units.iter().map(|u| u.unpack(&self.table))
    }

    /// The units' names, each unpacked as it is reached (their years are not).
    pub fn names(&self) -> impl ExactSizeIterator<Item = UnitName> + '_ {
        self.units.iter().map(|u| u.unit_name(&self.table))
    }

    /// The unit at `at`, unpacked.
    pub fn get(&self, at: usize) -> Option<UnitScores> {
        self.units.get(at).map(|u| u.unpack(&self.table))
    }

    /// The units' register rows (nothing is unpacked).
    #[cfg(test)]
    pub fn registers(&self) -> impl ExactSizeIterator<Item = Option<&RegisterEntry>> + '_ {
        self.units
            .iter()
            .map(|u| u.rare.as_ref().and_then(|rare| rare.register.as_deref()))
    }

    /// The table and the units, to be unpacked one by one where each is used
    /// (and each let go there).
    #[cfg(test)]
    pub fn into_parts(self) -> (Table, Vec<PackedUnit>) {
        (self.table, self.units)
    }
}

/// A batch's units packed as they are made whole, for the run between reading
/// and the memos: their bytes appended to a temporary file (`crate::spill`),
/// each after its length, memory keeping where every `MARK_EVERY`th unit starts
/// (half a byte a unit), the `Table` and the rare parts of the few units that
/// have them. Held in memory as `PackedUnits` holds them, a national batch's
/// units were some 250 bytes each at the memo phase's start, its peak; where
/// each one started was 8 bytes more a unit, still growing with the batch
/// (issue 16). Where the file cannot be written, the bytes are held in memory
/// (`spill`'s chunks) and read back the same.
pub struct UnitSpill {
    table: Table,
    spill: Spill,
    marks: Vec<u64>,
    count: usize,
    rare: Vec<(usize, Box<Rare>)>,
    /// What the units are to the user, for the message when the file fails.
    what: &'static str,
}

/// Where every sixteenth unit starts is kept; a unit between is found from the
/// one marked before it by the lengths before each (at most 15 of them, a few
/// kilobytes a window reads at once).
const MARK_EVERY: usize = 16;

/// A unit's length before its bytes.
const LENGTH: usize = 4;

impl UnitSpill {
    /// Units written to `file` (an unnamed temporary file), or held in memory.
    pub fn new(file: Option<File>) -> UnitSpill {
        UnitSpill {
            table: Table::default(),
            spill: Spill::new(file),
            marks: Vec::new(),
            count: 0,
            rare: Vec::new(),
            what: "ข้อมูลหน่วยงาน",
        }
    }

    /// Units held in memory until they fill a chunk (64 KiB), then written to
    /// the file `make_file` makes then: a few units never make a file. `what`
    /// they are to the user (in Thai), should the file not give them back.
    pub fn file_when_full(make_file: fn() -> Option<File>, what: &'static str) -> UnitSpill {
        UnitSpill {
            spill: Spill::file_when_full(make_file),
            what,
            ..UnitSpill::new(None)
        }
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Packs `unit` after those already here (and lets it go).
    pub fn push(&mut self, unit: UnitScores) {
        let table = &mut self.table;
        let mut rare = None;
        let (at, _) = self.spill.append(|out| {
            let start = out.len();
            out.extend_from_slice(&[0; LENGTH]);
            rare = pack_into(table, out, unit);
            let len = u32::try_from(out.len() - start - LENGTH).expect("a unit is under 4 GB");
            out[start..start + LENGTH].copy_from_slice(&len.to_le_bytes());
        });
        if let Some(rare) = rare {
            self.rare.push((self.count, rare));
        }
        if self.count.is_multiple_of(MARK_EVERY) {
            self.marks.push(at);
        }
        self.count += 1;
    }

    /// The units, to be read back.
    pub fn finish(self) -> SpilledUnits {
        SpilledUnits {
            table: self.table,
            marks: self.marks,
            count: self.count,
            end: self.spill.end(),
            rare: self.rare,
            stored: self.spill.finish(),
            what: self.what,
        }
    }
}

/// The units a `UnitSpill` was given, in that order, each read back and
/// unpacked where it is used.
pub struct SpilledUnits {
    table: Table,
    /// Where every `MARK_EVERY`th unit starts.
    marks: Vec<u64>,
    count: usize,
    /// Where the last unit ends.
    end: u64,
    /// The units with a rare part, by their place in the batch.
    rare: Vec<(usize, Box<Rare>)>,
    stored: Stored,
    what: &'static str,
}

/// How much a memo thread reads of the units' file at a time: the units that
/// follow the one it needs (some 200 bytes each), for the next memos of its
/// piece of the batch.
const UNITS_AHEAD: usize = 8 * 1024;

impl SpilledUnits {
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// A reader of the units' file, for one thread: what it last read is kept
    /// for the units that follow.
    pub fn window(&self) -> Window {
        Window::reading(UNITS_AHEAD)
    }

    /// A reader of the units' file that reads `ahead` bytes at a time, or only
    /// the unit asked for where that is longer: for units taken out of order,
    /// where what follows one is seldom the next one needed.
    pub fn window_reading(&self, ahead: usize) -> Window {
        Window::reading(ahead)
    }

    /// The unit at `k`, read back through `window` and unpacked.
    pub fn unpack(&self, k: usize, window: &mut Window) -> UnitScores {
        unpack(self.bytes(k, window), self.rare_of(k), &self.table)
    }

    /// The units' names in turn, each read back as it is reached (their years
    /// are not unpacked).
    pub fn names(&self) -> impl ExactSizeIterator<Item = UnitName> + '_ {
        self.names_in(0..self.len())
    }

    /// The names of the units in `range`, as `names` gives them.
    pub fn names_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl ExactSizeIterator<Item = UnitName> + '_ {
        // Read a chunk at a time, or the range's bytes where they are fewer (a
        // small table's rows among many others').
        let mut alone = Window::reading(0);
        let span = self.start_of(range.end, &mut alone) - self.start_of(range.start, &mut alone);
        let mut window = Window::reading(span.min(crate::spill::CHUNK as u64) as usize);
        range.map(move |k| unit_name(self.bytes(k, &mut window), &self.table))
    }

    /// The units' register rows (nothing is read back).
    pub fn registers(&self) -> impl ExactSizeIterator<Item = Option<&RegisterEntry>> + '_ {
        (0..self.len()).map(|k| self.rare_of(k).and_then(|rare| rare.register.as_deref()))
    }

    /// Whether the units are in a file (else held in memory).
    pub fn in_file(&self) -> bool {
        self.stored.in_file() && self.stored.held.is_empty()
    }

    fn bytes<'w>(&'w self, k: usize, window: &'w mut Window) -> &'w [u8] {
        let at = self.start_of(k, window);
        let len = self.length_at(at, window);
        self.read(window, at + LENGTH as u64, len)
    }

    /// Where unit `k` starts (its length first); the end of the last for `len()`.
    fn start_of(&self, k: usize, window: &mut Window) -> u64 {
        if k >= self.count {
            return self.end;
        }
        let mut at = self.marks[k / MARK_EVERY];
        for _ in 0..k % MARK_EVERY {
            at += (LENGTH + self.length_at(at, window)) as u64;
        }
        at
    }

    /// The length of the unit that starts at `at`.
    fn length_at(&self, at: u64, window: &mut Window) -> usize {
        let bytes = self.read(window, at, LENGTH);
        u32::from_le_bytes(bytes.try_into().expect("four bytes")) as usize
    }

    fn read<'w>(&'w self, window: &'w mut Window, at: u64, len: usize) -> &'w [u8] {
        self.stored
            .bytes(window, at, len)
            .unwrap_or_else(|err| crate::spill::unreadable(self.what, &err))
    }

    fn rare_of(&self, k: usize) -> Option<&Rare> {
        let at = self.rare.binary_search_by_key(&k, |(unit, _)| *unit).ok()?;
        Some(&self.rare[at].1)
    }
}

impl Default for SpilledUnits {
    fn default() -> SpilledUnits {
        UnitSpill::new(None).finish()
    }
}

impl std::fmt::Debug for SpilledUnits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpilledUnits")
            .field("units", &self.len())
            .field("in_file", &self.in_file())
            .finish()
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

// The bytes: the years' numbers (a count, then each as two bytes); the name (code, name, district, province);
// then each year: its indicators, items, tools, overall, grade, the grade's
// place, the places of its figures off the row (0 for none, else 1, the
// overall's place and each tool's code and place) and the row's place. Counts and numbers are LEB128; an optional number is
// stored plus one, none as 0.

fn pack(table: &mut Table, out: &mut Vec<u8>, unit: UnitScores) -> PackedUnit {
    out.clear();
    let rare = pack_into(table, out, unit);
    PackedUnit {
        bytes: Box::from(&out[..]),
        rare,
    }
}

/// Packs `unit` after the bytes `out` holds: what it has of the rare, kept as it is.
fn pack_into(table: &mut Table, out: &mut Vec<u8>, unit: UnitScores) -> Option<Box<Rare>> {
    let UnitScores {
        unit,
        years,
        blockers,
        notes,
        register,
    } = unit;
    put_number(out, years.len() as u32);
    for year in years.keys() {
        out.extend_from_slice(&year.to_le_bytes());
    }
    put_optional_text(out, unit.code.as_deref());
    put_text(out, &unit.name);
    put_number(out, table.word(&unit.district));
    put_number(out, table.word(&unit.province));
    for year in years.values() {
        put_number(out, year.indicators.len() as u32);
        for (&number, score) in &year.indicators {
            out.push(number);
            put_number(out, score.hundredths());
        }
        for scores in [&year.items, &year.tools] {
            put_number(out, scores.len() as u32);
            for (code, score) in scores {
                put_number(out, table.word(code));
                put_number(out, score.hundredths());
            }
        }
        put_number(out, year.overall.map_or(0, |s| s.hundredths() + 1));
        put_number(out, year.grade.as_deref().map_or(0, |g| table.word(g) + 1));
        put_optional_place(table, out, year.grade_at.as_ref());
        match year.figures_at.as_deref() {
            None => put_number(out, 0),
            Some(cells) => {
                put_number(out, 1);
                put_optional_place(table, out, cells.overall.as_ref());
                put_number(out, cells.tools.len() as u32);
                for (code, place) in &cells.tools {
                    put_number(out, table.word(code));
                    put_optional_place(table, out, Some(place));
                }
            }
        }
        put_number(out, table.origin(&year.source.origin));
        put_cell(out, year.source.cell);
    }
    (!blockers.is_empty() || !notes.is_empty() || register.is_some()).then(|| {
        Box::new(Rare {
            blockers,
            notes,
            register,
        })
    })
}

impl PackedUnit {
    /// The unit as it was packed.
    pub fn unpack(&self, table: &Table) -> UnitScores {
        unpack(&self.bytes, self.rare.as_deref(), table)
    }

    /// The unit's name alone, its years left packed.
    pub fn unit_name(&self, table: &Table) -> UnitName {
        unit_name(&self.bytes, table)
    }

    /// How many bytes the unit takes packed, beside what it shares.
    #[cfg(test)]
    pub fn size(&self) -> usize {
        std::mem::size_of::<PackedUnit>() + self.bytes.len()
    }
}

/// The unit `packed` and `rare` were packed from.
fn unpack(packed: &[u8], rare: Option<&Rare>, table: &Table) -> UnitScores {
    let mut bytes = Reader(packed);
    let count = bytes.number() as usize;
    let (numbers, rest) = bytes.0.split_at(2 * count);
    bytes.0 = rest;
    let unit = bytes.name(table);
    let mut years = Vec::with_capacity(count);
    for two in numbers.chunks_exact(2) {
        let year = u16::from_le_bytes([two[0], two[1]]);
        // Collected, not inserted one by one: in order already, the map is
        // built from them without a search for each.
        let indicators = (0..bytes.number())
            .map(|_| (bytes.byte(), bytes.score()))
            .collect();
        let mut by_code = || -> BTreeMap<String, Score> {
            (0..bytes.number())
                .map(|_| (String::from(bytes.word(table)), bytes.score()))
                .collect()
        };
        let items = by_code();
        let tools = by_code();
        let overall = bytes.number().checked_sub(1).map(score);
        let grade = bytes
            .number()
            .checked_sub(1)
            .map(|at| Box::from(&*table.words[at as usize]));
        let grade_at = bytes.optional_place(table);
        let figures_at = (bytes.number() == 1).then(|| {
            let overall = bytes.optional_place(table);
            let tools = (0..bytes.number())
                .map(|_| {
                    let code = String::from(bytes.word(table));
                    let place = bytes.optional_place(table).expect("a tool's cell");
                    (code, place)
                })
                .collect();
            Box::new(FigureCells { overall, tools })
        });
        let origin = bytes.number();
        let source = bytes.place(table, origin);
        years.push(YearResult {
            year,
            indicators,
            items,
            tools,
            overall,
            grade,
            grade_at,
            figures_at,
            source,
        });
    }
    debug_assert!(bytes.0.is_empty(), "a packed unit read to its end");
    let (blockers, notes, register) = match rare {
        None => (Vec::new(), Vec::new(), None),
        Some(rare) => (
            rare.blockers.clone(),
            rare.notes.clone(),
            rare.register.clone(),
        ),
    };
    UnitScores {
        unit,
        // Packed from a `Years`: oldest first, one a year.
        years: Years(years),
        blockers,
        notes,
        register,
    }
}

/// The name of the unit `packed` was packed from, its years left packed.
fn unit_name(packed: &[u8], table: &Table) -> UnitName {
    let mut bytes = Reader(packed);
    let count = bytes.number() as usize;
    bytes.0 = &bytes.0[2 * count..];
    bytes.name(table)
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

/// A place: its origin plus one (0 for none), then its cell.
fn put_optional_place(table: &mut Table, out: &mut Vec<u8>, place: Option<&Place>) {
    match place {
        None => put_number(out, 0),
        Some(place) => {
            put_number(out, table.origin(&place.origin) + 1);
            put_cell(out, place.cell);
        }
    }
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
    let bytes = text.as_bytes();
    let start = out.len();
    // The packed length, a byte while under 128 (as a unit's name is).
    out.push(0);
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            out.push(b);
            at += 1;
            continue;
        }
        // U+0E00 + x is E0, B8 + x / 64, 80 + x % 64 in UTF-8.
        if b == 0xe0 && matches!(bytes[at + 1], 0xb8 | 0xb9) {
            let x = ((bytes[at + 1] - 0xb8) << 6) | (bytes[at + 2] & 0x3f);
            if x != 0 {
                out.push(0x80 | x);
                at += 3;
                continue;
            }
        }
        let width = utf8_width(b);
        out.push(0x80);
        out.extend_from_slice(&bytes[at..at + width]);
        at += width;
    }
    let len = out.len() - start - 1;
    if len < 0x80 {
        out[start] = len as u8;
    } else {
        let mut number = Vec::new();
        put_number(&mut number, len as u32);
        out.splice(start..start + 1, number);
    }
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

    #[inline]
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
        // Room for each packed byte's UTF-8 as a Thai letter's (three bytes):
        // the most any takes.
        let mut text = Vec::with_capacity(3 * len);
        let mut at = 0;
        while at < packed.len() {
            let b = packed[at];
            at += 1;
            if b < 0x80 {
                text.push(b);
            } else if b > 0x80 {
                // U+0E00 + x is E0, B8 + x / 64, 80 + x % 64 in UTF-8.
                let x = b & 0x7f;
                text.push(0xe0);
                text.push(0xb8 + (x >> 6));
                text.push(0x80 | (x & 0x3f));
            } else {
                // The character's own UTF-8 follows.
                let width = utf8_width(packed[at]);
                text.extend_from_slice(&packed[at..at + width]);
                at += width;
            }
        }
        debug_assert!(std::str::from_utf8(&text).is_ok());
        // SAFETY: `put_text` alone made `packed`, from a `str`: each byte under
        // 0x80 is an ASCII character, each over it a Thai letter (spelled
        // above), and each 0x80 stands before a whole character's UTF-8, copied
        // as it is. (Checked by `from_utf8`, some 700 instructions a unit.)
        unsafe { String::from_utf8_unchecked(text) }
    }

    fn name(&mut self, table: &Table) -> UnitName {
        let code = (self.number() == 1).then(|| self.text());
        let name = self.text();
        let district = String::from(self.word(table));
        let province = String::from(self.word(table));
        UnitName {
            code,
            name,
            district,
            province,
        }
    }

    fn optional_place(&mut self, table: &Table) -> Option<Place> {
        let origin = self.number().checked_sub(1)?;
        Some(self.place(table, origin))
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
