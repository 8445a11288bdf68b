//! An .xlsx sheet says how big it is (`<dimension ref="A1:O10001"/>`), but any
//! writer can put anything there: a sheet is read by its cells, whatever the
//! dimension says, and nothing is laid out for what it declares. Workbooks made by
//! rust_xlsxwriter, their dimension rewritten in the zip.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use itamemo_ingest::{ingest, Vocabulary};

/// The system allocator, counting the bytes held and the most held at once.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(held, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A national-style sheet of `units` units (name, district, province, ten
/// indicators, the ITA score), its dimension then made to say `dimension`.
fn workbook(path: &Path, units: u32, dimension: &str) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("ITA 2565").unwrap();
    let mut header = vec!["ชื่อหน่วยงาน".to_string(), "อำเภอ".into(), "จังหวัด".into()];
    header.extend((1..=10).map(|n| format!("ตัวชี้วัดที่ {n}")));
    header.push("คะแนน ITA".into());
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for k in 1..=units {
        sheet
            .write_string(k, 0, format!("เทศบาลตำบลที่ {k}"))
            .unwrap();
        sheet.write_string(k, 1, "เมือง").unwrap();
        sheet.write_string(k, 2, "ชุมพร").unwrap();
        for c in 3..14 {
            sheet.write_number(k, c, f64::from(50 + k % 50)).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    std::fs::write(path, with_dimension(&bytes, dimension)).unwrap();
}

/// The workbook's zip with the first sheet's dimension replaced.
fn with_dimension(xlsx: &[u8], dimension: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut replaced = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(content).unwrap();
            let start = text.find("<dimension ref=\"").expect("a dimension") + 16;
            let end = start + text[start..].find('"').unwrap();
            content = format!("{}{dimension}{}", &text[..start], &text[end..]).into_bytes();
            replaced = true;
        }
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    assert!(replaced, "the sheet's dimension was rewritten");
    out.finish().unwrap().into_inner()
}

/// The units read from `path`, and the most bytes held at once while reading.
fn read(path: &Path) -> (usize, usize) {
    PEAK.store(HELD.load(Ordering::Relaxed), Ordering::Relaxed);
    let before = HELD.load(Ordering::Relaxed);
    let ingested = ingest(&[path.to_path_buf()], &Vocabulary::default());
    let peak = PEAK.load(Ordering::Relaxed) - before;
    for unit in &ingested.units {
        assert!(
            unit.blockers.is_empty(),
            "{}: {:?}",
            unit.unit.name,
            unit.blockers
        );
        assert_eq!(unit.years.len(), 1, "{}", unit.unit.name);
    }
    (ingested.units.len(), peak)
}

// One test, so that no other test's reading counts in its figures.
#[test]
fn a_sheet_is_read_by_its_cells_whatever_its_dimension_says() {
    let dir = tempfile::tempdir().unwrap();
    // Too small: every row still read.
    let small = dir.path().join("small.xlsx");
    workbook(&small, 10_000, "A1:A1");
    let (units, _) = read(&small);
    assert_eq!(units, 10_000);

    // Too big, within the limits (a million rows by 20 columns, 640 MB laid out)
    // and beyond them (the whole grid of a sheet): the units are read, in what
    // the sheet holds rather than what it declares.
    let mut peaks = Vec::new();
    for declared in ["A1:T1000000", "A1:XFD1048576"] {
        let big = dir.path().join("big.xlsx");
        workbook(&big, 200, declared);
        let (units, peak) = read(&big);
        assert_eq!(units, 200, "{declared}");
        peaks.push(peak);
    }
    // The same sheet with its true dimension, for scale.
    let true_size = dir.path().join("true.xlsx");
    workbook(&true_size, 200, "A1:N201");
    let (_, true_peak) = read(&true_size);
    for peak in peaks {
        assert!(
            peak < 2 * true_peak + (1 << 20),
            "{peak} bytes held at once, against {true_peak} for the true dimension"
        );
    }
}
