//! The texts a memo takes: findings and recommendations per indicator and item,
//! the measures, and who signs. A data file, so that an office can write it out
//! (`itamemo catalog`), edit it, and pass it back (`--catalog FILE`); an edited
//! file that is wrong is refused with the line and what is wrong.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use itamemo_model::MemoTexts;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::framework::Known;
use crate::{line_of, Frameworks, LoadError};

/// The catalog shipped inside the program.
pub const DEFAULT_CATALOG: &str = include_str!("../data/catalog.toml");

#[derive(Clone, Debug)]
pub struct Catalog {
    pub texts: MemoTexts,
    pub indicators: Vec<IndicatorTexts>,
    pub measures: Vec<Measure>,
    pub items: Vec<ItemText>,
    pub signers: Vec<SignerChain>,
    pub offices: Vec<Offices>,
}

#[derive(Clone, Debug)]
pub struct IndicatorTexts {
    pub number: u8,
    pub weakness: String,
    pub improve: String,
    pub recommendation: String,
}

/// A measure the memo may propose, and what it answers.
#[derive(Clone, Debug)]
pub struct Measure {
    pub title: String,
    pub steps: Vec<String>,
    /// Offices by their key in [[offices]] ("secretary", "legal"), so that each
    /// kind of unit gets its own offices' names.
    pub responsible: Vec<String>,
    /// How many months it runs from the memo's month; 0: for the rest of the
    /// fiscal year. It ends by August of the memo's year either way.
    pub months: u8,
    /// How it is followed up; {report_month} is the month after it ends.
    pub follow_up: String,
    /// The indicators it answers (where they need work) ...
    pub indicators: Vec<u8>,
    /// ... and the items, by role (where they are not met).
    pub roles: Vec<String>,
    /// Proposed to every unit (the memo's own measures).
    pub always: bool,
}

/// The offices of one kind of unit (the first whose `prefix` starts the unit's
/// name; "" matches any), by key.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offices {
    pub prefix: String,
    pub names: std::collections::BTreeMap<String, String>,
}

/// What the memo recommends for an item, by the item's role (its number changes
/// between years; its role does not).
#[derive(Clone, Debug)]
pub struct ItemText {
    pub role: String,
    /// The years this wording is for, where it differs by year; empty: every year.
    pub years: Vec<u16>,
    pub text: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerChain {
    pub prefix: String,
    pub chain: Vec<SignerTemplate>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerTemplate {
    pub opinion: String,
    pub position: String,
}

/// The file as written, with where each value stands, for the error messages.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    texts: RawTexts,
    indicators: Vec<RawIndicator>,
    measures: Vec<RawMeasure>,
    #[serde(default)]
    items: Vec<RawItem>,
    signers: Vec<SignerChain>,
    offices: Vec<Offices>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTexts {
    cover_reason: Spanned<String>,
    cover_request: Spanned<String>,
    recommendations_intro: Spanned<String>,
    measures_intro: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    number: Spanned<u8>,
    weakness: Spanned<String>,
    improve: Spanned<String>,
    recommendation: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    title: Spanned<String>,
    steps: Vec<Spanned<String>>,
    responsible: Vec<Spanned<String>>,
    months: Spanned<u8>,
    follow_up: Spanned<String>,
    #[serde(default)]
    indicators: Vec<Spanned<u8>>,
    #[serde(default)]
    roles: Vec<Spanned<String>>,
    #[serde(default)]
    always: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    role: Spanned<String>,
    #[serde(default)]
    years: Vec<u16>,
    text: Spanned<String>,
}

/// Checks values against what they must be, naming the line of the first wrong one.
struct Checker<'a> {
    file: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn fail<T>(&self, at: &Spanned<T>, message: String) -> LoadError {
        let line = line_of(self.text, at.span().start);
        LoadError::Invalid {
            file: self.file.to_string(),
            message: format!("บรรทัด {line}: {message}"),
        }
    }

    fn text(&self, value: &Spanned<String>, what: &str) -> Result<String, LoadError> {
        if value.get_ref().trim().is_empty() {
            return Err(self.fail(value, format!("{what} ว่างอยู่ ต้องมีข้อความ")));
        }
        Ok(value.get_ref().clone())
    }

    /// A memo sentence whose {placeholders} are all ones the program fills in.
    fn sentence(&self, value: &Spanned<String>, name: &str) -> Result<String, LoadError> {
        let text = self.text(value, name)?;
        let allowed = MemoTexts::PLACEHOLDERS
            .iter()
            .find(|(key, _)| *key == name)
            .map_or(&[][..], |(_, allowed)| *allowed);
        for found in placeholder_token().find_iter(&text) {
            if !allowed.contains(&found.as_str()) {
                return Err(self.fail(
                    value,
                    format!(
                        "{name} มี {} ที่โปรแกรมไม่รู้จัก (ใช้ได้: {})",
                        found.as_str(),
                        allowed.join(" ")
                    ),
                ));
            }
        }
        Ok(text)
    }

    fn indicator(&self, value: &Spanned<u8>, known: &BTreeSet<u8>) -> Result<u8, LoadError> {
        let n = *value.get_ref();
        if !known.contains(&n) {
            return Err(self.fail(value, format!("ไม่มีตัวชี้วัดที่ {n} ในกรอบการประเมิน")));
        }
        Ok(n)
    }

    /// A text whose one placeholder may be `allowed` (a measure's title:
    /// {memo_year}, filled in by the memo; its follow-up: {report_month}).
    fn with_placeholder(
        &self,
        value: &Spanned<String>,
        what: &str,
        allowed: &str,
    ) -> Result<String, LoadError> {
        let text = self.text(value, what)?;
        for found in placeholder_token().find_iter(&text) {
            if found.as_str() != allowed {
                return Err(self.fail(
                    value,
                    format!(
                        "{what} \"{text}\" มี {} ที่ไม่รู้จัก (ใช้ได้: {allowed})",
                        found.as_str()
                    ),
                ));
            }
        }
        Ok(text)
    }

    fn months(&self, value: &Spanned<u8>) -> Result<u8, LoadError> {
        let months = *value.get_ref();
        if months > 12 {
            return Err(self.fail(
                value,
                format!("months = {months}: ใช้ 1 ถึง 12 เดือน หรือ 0 สำหรับตลอดปีงบประมาณ"),
            ));
        }
        Ok(months)
    }

    fn role(&self, value: &Spanned<String>, known: &Known) -> Result<String, LoadError> {
        let role = value.get_ref().trim().to_string();
        if !known.roles.contains(&role) {
            return Err(self.fail(
                value,
                format!(
                    "ไม่มีข้อที่มีบทบาท \"{role}\" ในกรอบการประเมินปีใด (ดู [item_roles] ในไฟล์กรอบการประเมิน)"
                ),
            ));
        }
        Ok(role)
    }

    fn office(&self, value: &Spanned<String>, offices: &[Offices]) -> Result<String, LoadError> {
        let key = value.get_ref().trim().to_string();
        if let Some(kind) = offices.iter().find(|o| !o.names.contains_key(&key)) {
            return Err(self.fail(
                value,
                format!(
                    "ไม่มีหน่วยงานย่อย \"{key}\" ใน [[offices]] ของ \"{}\" (ทุกประเภทหน่วยงานต้องมีชื่อให้ครบ)",
                    kind.prefix
                ),
            ));
        }
        Ok(key)
    }
}

/// The token a follow-up may hold: the month after the measure's period.
/// A {placeholder} in a catalog text, or a brace left open.
fn placeholder_token() -> &'static Regex {
    static TOKEN: OnceLock<Regex> = OnceLock::new();
    TOKEN.get_or_init(|| Regex::new(r"\{[^}]*\}?").expect("token pattern"))
}

const REPORT_MONTH: &str = "{report_month}";
const MEMO_YEAR: &str = itamemo_model::MeasureRow::MEMO_YEAR;

impl Catalog {
    pub fn embedded() -> Catalog {
        Catalog::parse(
            "catalog.toml",
            DEFAULT_CATALOG,
            &Frameworks::embedded().known(),
        )
        .unwrap_or_else(|err| panic!("embedded catalog is broken: {err}"))
    }

    /// Reads a catalog; `known` are the indicators and item roles the frameworks define.
    pub fn parse(file: &str, text: &str, known: &Known) -> Result<Catalog, LoadError> {
        let raw: RawCatalog = toml::from_str(text).map_err(|err| LoadError::Toml {
            file: file.to_string(),
            message: err.to_string(),
        })?;
        let check = Checker { file, text };
        let texts = MemoTexts {
            cover_reason: check.sentence(&raw.texts.cover_reason, "cover_reason")?,
            cover_request: check.sentence(&raw.texts.cover_request, "cover_request")?,
            recommendations_intro: check
                .sentence(&raw.texts.recommendations_intro, "recommendations_intro")?,
            measures_intro: check.sentence(&raw.texts.measures_intro, "measures_intro")?,
        };
        let mut indicators = Vec::new();
        let mut seen = BTreeSet::new();
        for i in &raw.indicators {
            let number = check.indicator(&i.number, &known.indicators)?;
            if !seen.insert(number) {
                return Err(check.fail(&i.number, format!("ตัวชี้วัดที่ {number} มีซ้ำสองครั้ง")));
            }
            indicators.push(IndicatorTexts {
                number,
                weakness: check.text(&i.weakness, "weakness")?,
                improve: check.text(&i.improve, "improve")?,
                recommendation: check.text(&i.recommendation, "recommendation")?,
            });
        }
        let mut measures = Vec::new();
        for m in &raw.measures {
            measures.push(Measure {
                title: check.with_placeholder(&m.title, "title", MEMO_YEAR)?,
                steps: m
                    .steps
                    .iter()
                    .map(|s| check.text(s, "steps"))
                    .collect::<Result<_, _>>()?,
                responsible: m
                    .responsible
                    .iter()
                    .map(|o| check.office(o, &raw.offices))
                    .collect::<Result<_, _>>()?,
                months: check.months(&m.months)?,
                follow_up: check.with_placeholder(&m.follow_up, "follow_up", REPORT_MONTH)?,
                indicators: m
                    .indicators
                    .iter()
                    .map(|n| check.indicator(n, &known.indicators))
                    .collect::<Result<_, _>>()?,
                roles: m
                    .roles
                    .iter()
                    .map(|r| check.role(r, known))
                    .collect::<Result<_, _>>()?,
                always: m.always,
            });
        }
        let mut items: Vec<ItemText> = Vec::new();
        for item in &raw.items {
            let role = check.role(&item.role, known)?;
            let clash = items.iter().any(|i| {
                i.role == role
                    && (i.years.is_empty()
                        || item.years.is_empty()
                        || i.years.iter().any(|y| item.years.contains(y)))
            });
            if clash {
                return Err(check.fail(
                    &item.role,
                    format!("ข้อความของบทบาท \"{role}\" มีซ้ำสำหรับปีเดียวกัน"),
                ));
            }
            items.push(ItemText {
                role,
                years: item.years.clone(),
                text: check.text(&item.text, "text")?,
            });
        }
        Ok(Catalog {
            texts,
            indicators,
            measures,
            items,
            signers: raw.signers,
            offices: raw.offices,
        })
    }

    pub fn indicator(&self, number: u8) -> Option<&IndicatorTexts> {
        self.indicators.iter().find(|i| i.number == number)
    }

    /// The text for the item with `role` in the framework of `year`: the wording
    /// for that year where there is one, else the role's wording for every year.
    pub fn item(&self, role: &str, year: u16) -> Option<&str> {
        let of_role = || self.items.iter().filter(move |i| i.role == role);
        of_role()
            .find(|i| i.years.contains(&year))
            .or_else(|| of_role().find(|i| i.years.is_empty()))
            .map(|i| i.text.as_str())
    }

    /// The offices of a unit's kind: the first whose prefix starts its name.
    pub fn offices_for(&self, unit_name: &str) -> Option<&Offices> {
        self.offices
            .iter()
            .find(|o| unit_name.starts_with(&o.prefix))
    }

    /// The chain for a unit: the first whose prefix starts its name.
    pub fn signers_for(&self, unit_name: &str) -> Option<&SignerChain> {
        self.signers
            .iter()
            .find(|s| unit_name.starts_with(&s.prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Frameworks::embedded().known()
    }

    #[test]
    fn default_catalog_answers_every_indicator_and_item_role() {
        let catalog = Catalog::embedded();
        for n in 1..=10 {
            assert!(catalog.indicator(n).is_some(), "indicator {n}");
            assert!(
                catalog.measures.iter().any(|m| m.indicators.contains(&n)),
                "a measure answers indicator {n}"
            );
        }
        assert_eq!(
            catalog
                .offices_for("องค์การบริหารส่วนตำบลปากทรง")
                .unwrap()
                .names["legal"],
            "งานกฎหมายและคดี สำนักปลัด"
        );
        assert_eq!(
            catalog.offices_for("เทศบาลตำบลละแม").unwrap().names["legal"],
            "งานนิติการ สำนักปลัด"
        );
        assert_eq!(
            catalog.signers_for("เทศบาลตำบลพะโต๊ะ").unwrap().prefix,
            "เทศบาล"
        );
        assert_eq!(catalog.signers_for("กรมตัวอย่าง").unwrap().prefix, "");
        assert!(catalog
            .item("complaint_channel", 2565)
            .unwrap()
            .contains("ออนไลน์"));
        assert!(catalog.item("complaint_channel", 2569).is_some());
    }

    #[test]
    fn every_item_of_every_shipped_year_has_a_sentence_of_its_own() {
        let catalog = Catalog::embedded();
        let frameworks = Frameworks::embedded();
        for year in frameworks.years() {
            let framework = frameworks.get(year).unwrap();
            let mut seen: std::collections::BTreeMap<&str, String> = Default::default();
            for indicator in &framework.indicators {
                for code in indicator.item_codes() {
                    let role = framework
                        .role_of(code)
                        .unwrap_or_else(|| panic!("{year}: {code} has no role"));
                    let text = catalog
                        .item(role, year)
                        .unwrap_or_else(|| panic!("{year}: {code} ({role}) has no text"));
                    if let Some(other) = seen.insert(text, code.to_string()) {
                        panic!("{year}: {code} and {other} share a sentence");
                    }
                }
            }
        }
    }

    fn broken(from: &str, to: &str) -> String {
        assert!(
            DEFAULT_CATALOG.contains(from),
            "the default catalog has {from:?}"
        );
        let edited = DEFAULT_CATALOG.replacen(from, to, 1);
        Catalog::parse("mine.toml", &edited, &known())
            .unwrap_err()
            .to_string()
    }

    fn line_of(needle: &str) -> usize {
        DEFAULT_CATALOG[..DEFAULT_CATALOG.find(needle).unwrap()]
            .matches('\n')
            .count()
            + 1
    }

    #[test]
    fn a_broken_catalog_names_the_line_and_what_is_wrong() {
        let line = line_of("number = 10");
        assert_eq!(
            broken("number = 10", "number = 11"),
            format!("mine.toml: บรรทัด {line}: ไม่มีตัวชี้วัดที่ 11 ในกรอบการประเมิน")
        );
        let line = line_of("ภายในเดือน {report_month}\"");
        assert_eq!(
            broken("ภายในเดือน {report_month}\"", "ภายในเดือน {M}\""),
            format!("mine.toml: บรรทัด {line}: follow_up \"เผยแพร่รายงานผลการดำเนินการบนเว็บไซต์หลักภายในเดือน {{M}}\" มี {{M}} ที่ไม่รู้จัก (ใช้ได้: {{report_month}})")
        );
        let line = line_of("ภายในหน่วยงานประจำ{memo_year}\"");
        assert_eq!(
            broken("ภายในหน่วยงานประจำ{memo_year}\"", "ภายในหน่วยงานประจำ{M}\""),
            format!("mine.toml: บรรทัด {line}: title \"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานประจำ{{M}}\" มี {{M}} ที่ไม่รู้จัก (ใช้ได้: {{memo_year}})")
        );
        let line = line_of("responsible = [\"secretary\", \"planning\"]");
        assert_eq!(
            broken("responsible = [\"secretary\", \"planning\"]", "responsible = [\"secretary\", \"lawyers\"]"),
            format!("mine.toml: บรรทัด {line}: ไม่มีหน่วยงานย่อย \"lawyers\" ใน [[offices]] ของ \"เทศบาล\" (ทุกประเภทหน่วยงานต้องมีชื่อให้ครบ)")
        );
        let line = line_of("roles = [\"measures_report\"]");
        assert!(
            broken("roles = [\"measures_report\"]", "roles = [\"report\"]")
                .starts_with(&format!("mine.toml: บรรทัด {line}: ไม่มีข้อที่มีบทบาท \"report\""))
        );
        let first_text = "weakness = \"บุคลากรบางส่วนยังเห็นว่าการปฏิบัติงาน";
        let message = broken(first_text, "weakness = \"\" # \"");
        assert!(
            message.contains(&format!("บรรทัด {}: weakness ว่างอยู่", line_of(first_text))),
            "{message}"
        );
        let message = broken(
            "recommendation = \"จัดทำและเผยแพร่คู่มือ",
            "recommendations = \"จัดทำและเผยแพร่คู่มือ",
        );
        assert!(
            message.contains("line"),
            "a TOML error says where: {message}"
        );
    }

    #[test]
    fn memo_sentences_take_only_the_placeholders_the_program_fills() {
        let line = line_of("{aim} ดังนี้");
        assert_eq!(
            broken("{aim} ดังนี้", "{goal} ดังนี้"),
            format!(
                "mine.toml: บรรทัด {line}: measures_intro มี {{goal}} ที่โปรแกรมไม่รู้จัก (ใช้ได้: {{unit}} {{meeting_date}} {{result}} {{aim}})"
            )
        );
        let catalog = Catalog::embedded();
        assert!(catalog.texts.cover_request.contains("{measures_item}"));
    }
}
