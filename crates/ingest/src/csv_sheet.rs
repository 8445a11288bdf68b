//! A CSV file as one sheet: the text of every cell, decoded as UTF-8 or, failing
//! that, as Thai Windows text (Windows-874, which Excel writes on Thai Windows).

use calamine::{Data, Range};
use itamemo_model::reason::{Note, Reason};

pub struct CsvSheet {
    pub range: Range<Data>,
    /// Said about the file when its text was not UTF-8.
    pub note: Option<Note>,
}

pub fn read_csv(bytes: &[u8], max_cells: u64) -> Result<CsvSheet, Reason> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, note) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::WINDOWS_874.decode(bytes);
            if had_errors {
                return Err(Reason::CsvCharacters);
            }
            (text.into_owned(), Some(Note::CsvReadAsWindows874))
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Reason::CsvUnreadable {
            detail: e.to_string(),
        })?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.is_empty() || width == 0 {
        return Ok(CsvSheet {
            range: Range::empty(),
            note,
        });
    }
    if rows.len() as u64 * width as u64 > max_cells {
        return Err(Reason::CsvTooBig {
            rows: rows.len(),
            cols: width,
            limit_cells: max_cells,
        });
    }
    let mut range = Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
    for (r, row) in rows.into_iter().enumerate() {
        for (c, value) in row.into_iter().enumerate() {
            if !value.is_empty() {
                range.set_value((r as u32, c as u32), Data::String(value));
            }
        }
    }
    Ok(CsvSheet { range, note })
}

/// Comma, semicolon or tab: whichever one of the first lines has most of (a title
/// line above the table has none, so the first line alone is not enough); a comma
/// where none has any.
fn sniff_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(20).collect();
    let most = |d: u8| {
        head.iter()
            .map(|line| line.bytes().filter(|b| *b == d).count())
            .max()
            .unwrap_or(0)
    };
    // max_by_key keeps the last of equals: the comma, listed last, wins a tie.
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| most(*d))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_and_thai_windows_text() {
        let sheet = read_csv(
            "ชื่อหน่วยงาน,ตัวชี้วัดที่ 1\nเทศบาลตำบลพะโต๊ะ,๘๘.๕๙\n".as_bytes(),
            1000,
        )
        .unwrap();
        assert_eq!(sheet.range.get((1, 1)), Some(&Data::String("๘๘.๕๙".into())));
        assert!(sheet.note.is_none());
        let (tis, _, _) = encoding_rs::WINDOWS_874.encode("ชื่อหน่วยงาน;คะแนน\nก;1\n");
        let sheet = read_csv(&tis, 1000).unwrap();
        assert_eq!(
            sheet.range.get((0, 0)),
            Some(&Data::String("ชื่อหน่วยงาน".into()))
        );
        assert_eq!(sheet.note, Some(Note::CsvReadAsWindows874));
    }

    #[test]
    fn a_title_line_above_the_table_does_not_hide_its_commas() {
        let text = "รายงานผลการประเมิน ITA อำเภอทดลอง\n\nชื่อหน่วยงาน,ตัวชี้วัดที่ 1\nทต.ทดลอง,88.59\n";
        let sheet = read_csv(text.as_bytes(), 1000).unwrap();
        // The blank line is no record: the data is the third row.
        assert_eq!(sheet.range.get((2, 1)), Some(&Data::String("88.59".into())));
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("title only"), b',');
    }
}
