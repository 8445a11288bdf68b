//! The summary's บันทึกข้อความ form: ส่วนราชการ, ที่ and วันที่, เรื่อง, เรียน, and
//! the signature at the end, laid out as the memos' cover lays them. What is not
//! known (the office where the register does not name one, the number, the
//! addressee, who signs) is a dotted blank to fill by hand, never invented.

use itamemo_model::AreaSummary;

use crate::kit::Kit;
use crate::parts::cover::{number_and_date, office_line};
use crate::words::{fiscal_year, thai_list};
use crate::{proper_names, thai_order};

use super::{Body, Put};

const DOTS: &str = "........................................";

/// From ส่วนราชการ to เรียน, and the opening paragraph.
pub fn head(kit: &Kit, area: &AreaSummary, date_text: &str, out: &mut Body) {
    let office = area.office.as_deref();
    office_line(kit, office.unwrap_or(""), office.is_some(), None).put(out);
    number_and_date(kit, None, date_text).put(out);
    let subject = format!(
        "สรุปผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของหน่วยงานในพื้นที่{} ประจำ{}",
        area_words(&area.places),
        fiscal_year(area.year)
    );
    kit.labelled(
        "เรื่อง",
        &proper_names::places_kept_whole(&subject, place_words(&area.places)),
    )
    .space_before()
    .put(out);
    kit.para(&format!("เรียน  {DOTS}")).space_before().put(out);
    let missing = match area.without_memo.len() {
        0 => String::new(),
        n => format!(" ยังไม่มีบันทึก {n} หน่วยงาน (ดูข้อ 6)"),
    };
    kit.body(&format!(
        "ตามที่หน่วยงานในพื้นที่ได้รับผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำ{} และต้องจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{} บัดนี้ ได้จัดทำบันทึกมาตรการของหน่วยงานในพื้นที่แล้ว {} หน่วยงาน จากที่พบในไฟล์ผลคะแนนทั้งหมด {} หน่วยงาน{missing} จึงขอสรุปผลการประเมินของพื้นที่ โดยใช้ตัวเลขชุดเดียวกับบันทึกของแต่ละหน่วยงาน ดังนี้",
        fiscal_year(area.year),
        fiscal_year(area.memo_year),
        area.units_with_memo,
        area.units_found()
    ))
    .put(out);
}

type Places = std::collections::BTreeMap<String, std::collections::BTreeSet<String>>;

/// Most districts named one by one; past that, counted.
const DISTRICTS_NAMED: usize = 6;

/// Each district and province as `area_words` names it ("อำเภอละแม",
/// "จังหวัดชุมพร"), to be kept whole at a line's end.
fn place_words(places: &Places) -> impl Iterator<Item = String> + '_ {
    places.iter().flat_map(|(province, districts)| {
        let province = (!province.is_empty()).then(|| format!("จังหวัด{province}"));
        districts
            .iter()
            .map(|d| format!("อำเภอ{d}"))
            .chain(province)
    })
}

/// The area, as the files place its units: "อำเภอพะโต๊ะ และอำเภอละแม จังหวัด
/// ชุมพร", or past a few districts " 12 อำเภอ ในจังหวัดชุมพร และจังหวัดระนอง"
/// (after "ในพื้นที่"); empty where the files name no place.
fn area_words(places: &Places) -> String {
    let mut provinces: Vec<(&String, Vec<&String>)> = places
        .iter()
        .map(|(province, districts)| {
            let mut districts: Vec<&String> = districts.iter().collect();
            districts.sort_by(|a, b| thai_order::compare(a, b));
            (province, districts)
        })
        .collect();
    provinces.sort_by(|a, b| thai_order::compare(a.0, b.0));
    let province_words = |p: &str| {
        if p.is_empty() {
            String::new()
        } else {
            format!("จังหวัด{p}")
        }
    };
    let districts: usize = provinces.iter().map(|(_, d)| d.len()).sum();
    if districts > DISTRICTS_NAMED {
        let named: Vec<String> = provinces
            .iter()
            .map(|(p, _)| province_words(p))
            .filter(|w| !w.is_empty())
            .collect();
        return format!(" {districts} อำเภอ ใน{}", thai_list(&named));
    }
    let each: Vec<String> = provinces
        .iter()
        .map(|(province, districts)| {
            let named: Vec<String> = districts.iter().map(|d| format!("อำเภอ{d}")).collect();
            [thai_list(&named), province_words(province)]
                .into_iter()
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    thai_list(&each)
}

/// "จึงเรียนมาเพื่อโปรดทราบ" and a signature block with blanks to write on.
pub fn close(kit: &Kit, out: &mut Body) {
    kit.body("จึงเรียนมาเพื่อโปรดทราบ").keep_next(true).put(out);
    for _ in 0..2 {
        kit.blank().keep_next(true).put(out);
    }
    kit.signature_line(&format!("({DOTS})"))
        .keep_next(true)
        .put(out);
    kit.signature_line(&format!("ตำแหน่ง {DOTS}")).put(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(pairs: &[(&str, &str)]) -> Places {
        let mut places = Places::new();
        for (province, district) in pairs {
            let districts = places.entry(province.to_string()).or_default();
            if !district.is_empty() {
                districts.insert(district.to_string());
            }
        }
        places
    }

    #[test]
    fn the_area_is_named_by_its_districts_or_counted() {
        assert_eq!(
            area_words(&places(&[
                ("ชุมพร", "ละแม"),
                ("ชุมพร", "เมืองชุมพร"),
                ("ชุมพร", "พะโต๊ะ")
            ])),
            "อำเภอพะโต๊ะ อำเภอเมืองชุมพร และอำเภอละแม จังหวัดชุมพร"
        );
        assert_eq!(
            area_words(&places(&[("ระนอง", "กะเปอร์"), ("ชุมพร", "ละแม")])),
            "อำเภอละแม จังหวัดชุมพร และอำเภอกะเปอร์ จังหวัดระนอง"
        );
        let many: Vec<(&str, &str)> = ["ก", "ข", "ค", "ง", "จ", "ฉ", "ช"]
            .into_iter()
            .map(|d| ("ชุมพร", d))
            .chain([("ระนอง", "ละอุ่น")])
            .collect();
        assert_eq!(
            area_words(&places(&many)),
            " 8 อำเภอ ในจังหวัดชุมพร และจังหวัดระนอง"
        );
        assert_eq!(area_words(&places(&[("ชุมพร", "")])), "จังหวัดชุมพร");
        assert_eq!(area_words(&Places::new()), "");
    }
}
