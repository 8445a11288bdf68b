//! The assessment framework of one fiscal year, read from a data file: tools and
//! how each is scored, indicators, weights, the rating scale, what each item asks
//! for (its role), and the item that asks for the memo. The one home of the
//! assessment's words: nothing else spells a tool or an item.

use std::collections::{BTreeMap, BTreeSet};

use itamemo_model::reason::Reason;
use itamemo_model::{ItemCode, Score};
use serde::Deserialize;
use toml::Spanned;

use crate::{line_of, LoadError};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_frameworks.rs"));
}

#[derive(Clone, Debug)]
pub struct Framework {
    pub year: u16,
    pub tools: Vec<Tool>,
    pub indicators: Vec<Indicator>,
    pub scale: Vec<Grade>,
    /// The day (C.E.) the NACC put this year's scale in force; a memo dated
    /// before it still aims at the scale of the year before.
    pub scale_in_force_from: Option<(i32, u32, u32)>,
    pub measures_item: MeasuresItem,
    /// What each item asks for, by role ("complaint_channel"): the catalog's item
    /// texts are keyed by role, so that a renumbered item keeps its text.
    pub item_roles: BTreeMap<ItemCode, String>,
    pub roles_confirmed: bool,
    /// The labels of the items scored met or not, in order: worked out once at
    /// load, as every unit's area figures look its unmet items up in them.
    met_or_not: Vec<String>,
}

/// How a tool's items are scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scoring {
    /// Answers on a scale (0/33/67/100 or 0/100): the lowest items are cited.
    Levels,
    /// Each item met or not: every item not met is cited.
    Met,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub code: String,
    pub name: String,
    pub weight: f64,
    /// Parts an export may total separately (the EIT from 2566).
    #[serde(default)]
    pub parts: Vec<String>,
    /// The letter of its items as the memo writes them ("i", "e", "O").
    pub item_letter: String,
    pub scoring: Scoring,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub number: u8,
    pub tool: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The indicator's item codes as a range, "i19-i24".
    pub items: Option<String>,
    #[serde(default = "confirmed")]
    pub items_confirmed: bool,
    #[serde(default = "confirmed")]
    pub confirmed: bool,
}

impl Indicator {
    /// The item codes of `items` ("i19-i24" gives i19 ... i24).
    pub fn item_codes(&self) -> Vec<ItemCode> {
        self.items.as_deref().map(item_range).unwrap_or_default()
    }
}

/// "i19-i24" as the codes it spans; empty when it is not a range of one letter.
fn item_range(range: &str) -> Vec<ItemCode> {
    match range
        .split_once('-')
        .map(|(a, b)| (ItemCode::parse(a), ItemCode::parse(b)))
    {
        Some((Some(first), Some(last))) if first.letter() == last.letter() => (first.number()
            ..=last.number())
            .map(|n| ItemCode::new(first.letter(), n))
            .collect(),
        _ => Vec::new(),
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub label: String,
    pub min: f64,
    /// From 2566 the top labels also need every tool at this mark.
    pub min_each_tool: Option<f64>,
    #[serde(default = "confirmed")]
    pub confirmed: bool,
}

/// The OIT item that asks each unit for this memo in that year's framework.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasuresItem {
    /// The indicator it sits in, where the framework says.
    pub indicator: Option<u8>,
    pub sub_indicator: Option<String>,
    pub sub_indicator_name: Option<String>,
    /// The item's code and title, where known.
    pub code: Option<String>,
    pub name: Option<String>,
    #[serde(default = "confirmed")]
    pub confirmed: bool,
}

fn confirmed() -> bool {
    true
}

/// The file as written, with where the values that are checked stand.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    year: u16,
    tools: Vec<Tool>,
    indicators: Vec<Indicator>,
    scale: Spanned<Vec<Grade>>,
    scale_in_force_from: Option<Spanned<String>>,
    measures_item: Spanned<MeasuresItem>,
    #[serde(default)]
    item_roles: BTreeMap<Spanned<String>, String>,
    #[serde(default = "confirmed")]
    roles_confirmed: bool,
}

impl Framework {
    pub fn parse(file: &str, text: &str) -> Result<Framework, LoadError> {
        let raw: RawFramework = toml::from_str(text).map_err(|err| LoadError::Toml {
            file: file.to_string(),
            message: err.to_string(),
        })?;
        let at = |span: std::ops::Range<usize>, message: String| LoadError::Invalid {
            file: file.to_string(),
            message: format!("บรรทัด {}: {message}", line_of(text, span.start)),
        };
        let whole = |message: String| LoadError::Invalid {
            file: file.to_string(),
            message,
        };
        if raw.scale.get_ref().is_empty() {
            return Err(at(
                raw.scale.span(),
                "scale ว่างอยู่ ต้องมีระดับผลการประเมินอย่างน้อยหนึ่งระดับ เรียงจากสูงลงต่ำ".into(),
            ));
        }
        if raw.scale.get_ref().windows(2).any(|w| w[0].min < w[1].min) {
            return Err(at(raw.scale.span(), "ระดับใน scale ต้องเรียงจากสูงลงต่ำ".into()));
        }
        let scale_in_force_from = match &raw.scale_in_force_from {
            None => None,
            Some(day) => Some(parse_day(day.get_ref()).ok_or_else(|| {
                at(
                    day.span(),
                    format!(
                        "scale_in_force_from \"{}\" ไม่ใช่วันที่แบบ ค.ศ. ปี-เดือน-วัน (เช่น 2023-06-08)",
                        day.get_ref()
                    ),
                )
            })?),
        };
        let weights: f64 = raw.tools.iter().map(|t| t.weight).sum();
        if (weights - 1.0).abs() > 1e-9 {
            return Err(whole(format!("น้ำหนักของเครื่องมือรวมกันได้ {weights} ไม่ใช่ 1")));
        }
        let indicators = raw.indicators;
        for indicator in &indicators {
            let Some(tool) = raw.tools.iter().find(|t| t.code == indicator.tool) else {
                return Err(whole(format!(
                    "ตัวชี้วัดที่ {} อยู่ในเครื่องมือ \"{}\" ซึ่งไฟล์ไม่ได้กำหนดไว้ใน [[tools]]",
                    indicator.number, indicator.tool
                )));
            };
            let codes = indicator.item_codes();
            if indicator.items.is_some() && codes.is_empty() {
                return Err(whole(format!(
                    "ตัวชี้วัดที่ {}: items \"{}\" ไม่ใช่ช่วงของข้อ (เช่น \"i19-i24\")",
                    indicator.number,
                    indicator.items.as_deref().unwrap_or_default()
                )));
            }
            if codes.iter().any(|c| !tool.letters(*c)) {
                return Err(whole(format!(
                    "ตัวชี้วัดที่ {}: ข้อ {} ไม่ใช่ข้อของ {} (item_letter = \"{}\")",
                    indicator.number,
                    indicator.items.as_deref().unwrap_or_default(),
                    tool.code,
                    tool.item_letter
                )));
            }
        }
        let measures_item = raw.measures_item.get_ref().clone();
        if let Some(n) = measures_item.indicator {
            if !indicators.iter().any(|i| i.number == n) {
                return Err(at(
                    raw.measures_item.span(),
                    format!("measures_item อยู่ในตัวชี้วัดที่ {n} ซึ่งไฟล์ไม่ได้กำหนดไว้"),
                ));
            }
        }
        let mut item_roles = BTreeMap::new();
        for (code, role) in raw.item_roles {
            let item =
                ItemCode::parse(code.get_ref()).filter(|c| raw.tools.iter().any(|t| t.letters(*c)));
            let Some(item) = item else {
                return Err(at(
                    code.span(),
                    format!("\"{}\" ไม่ใช่รหัสข้อของเครื่องมือในไฟล์นี้ (เช่น o30)", code.get_ref()),
                ));
            };
            item_roles.insert(item, role);
        }
        let mut framework = Framework {
            year: raw.year,
            tools: raw.tools,
            indicators,
            scale: raw.scale.into_inner(),
            scale_in_force_from,
            measures_item,
            item_roles,
            roles_confirmed: raw.roles_confirmed,
            met_or_not: Vec::new(),
        };
        framework.met_or_not = framework
            .met_or_not_indicators()
            .flat_map(|i| i.item_codes())
            .map(|code| framework.item_label(code))
            .collect();
        Ok(framework)
    }

    pub fn indicator(&self, number: u8) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.number == number)
    }

    /// The labels of the items scored met or not ("O1" ... "O43"), in the
    /// framework's order: where the area's figures count items not met.
    pub fn met_or_not_labels(&self) -> &[String] {
        &self.met_or_not
    }

    pub fn tool(&self, code: &str) -> Option<&Tool> {
        self.tools.iter().find(|t| t.code == code)
    }

    /// Whether `indicator`'s tool scores its items met or not (the OIT).
    pub fn scored_met_or_not(&self, indicator: &Indicator) -> bool {
        self.tool(&indicator.tool)
            .is_some_and(|t| t.scoring == Scoring::Met)
    }

    /// The indicators whose items are scored met or not, in order.
    pub fn met_or_not_indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(|i| self.scored_met_or_not(i))
    }

    /// The tool an item belongs to, by its letter.
    pub fn tool_of_item(&self, item: ItemCode) -> Option<&Tool> {
        self.tools.iter().find(|t| t.letters(item))
    }

    /// An item as this year's memo writes it: "O30", "i20".
    pub fn item_label(&self, item: ItemCode) -> String {
        let letter = self
            .tool_of_item(item)
            .map_or_else(|| item.letter().to_string(), |t| t.item_letter.clone());
        format!("{letter}{}", item.number())
    }

    pub fn role_of(&self, item: ItemCode) -> Option<&str> {
        self.item_roles.get(&item).map(String::as_str)
    }

    /// This year's item with `role`, where the framework names one.
    pub fn item_with_role(&self, role: &str) -> Option<ItemCode> {
        self.item_roles
            .iter()
            .find(|(_, r)| r.as_str() == role)
            .map(|(code, _)| *code)
    }

    /// The mean of each tool's indicator scores, in points.
    pub fn tool_means(&self, scores: &BTreeMap<u8, Score>) -> Vec<(String, f64)> {
        self.tools
            .iter()
            .map(|tool| {
                let values: Vec<f64> = self
                    .indicators
                    .iter()
                    .filter(|i| i.tool == tool.code)
                    .filter_map(|i| scores.get(&i.number))
                    .map(|s| s.points())
                    .collect();
                let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
                (tool.code.clone(), mean)
            })
            .collect()
    }

    /// The overall score the weights give (to check the export's, never to replace it).
    pub fn weighted_overall(&self, scores: &BTreeMap<u8, Score>) -> f64 {
        self.tool_means(scores)
            .iter()
            .zip(&self.tools)
            .map(|((_, mean), tool)| mean * tool.weight)
            .sum()
    }

    /// The grade of an overall score on this year's scale (never empty: a file
    /// with an empty scale is refused when read).
    pub fn grade(&self, overall: Score, scores: &BTreeMap<u8, Score>) -> &Grade {
        let tool_means = self.tool_means(scores);
        let lowest = &self.scale[self.scale.len() - 1];
        self.scale
            .iter()
            .find(|grade| {
                overall.points() >= grade.min
                    && grade
                        .min_each_tool
                        .is_none_or(|min| tool_means.iter().all(|(_, mean)| *mean >= min))
            })
            .unwrap_or(lowest)
    }

    /// The grade above `label`, the aim of next year's measures; `None` at the top.
    pub fn next_grade_up(&self, label: &str) -> Option<&str> {
        let at = self.scale.iter().position(|g| g.label == label)?;
        at.checked_sub(1).map(|up| self.scale[up].label.as_str())
    }
}

impl Tool {
    /// Whether `item` is one of this tool's items (by letter, either case).
    fn letters(&self, item: ItemCode) -> bool {
        self.item_letter
            .chars()
            .next()
            .is_some_and(|l| l.eq_ignore_ascii_case(&item.letter()))
    }
}

/// "2023-06-08" as (2023, 6, 8).
fn parse_day(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts
        .next()?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let day = parts
        .next()?
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    Some((year, month, day))
}

/// The framework a memo is written under: its own year's, or, where that year
/// has no file yet, the newest the program knows standing in for it.
#[derive(Clone, Copy, Debug)]
pub struct MemoFramework<'a> {
    pub framework: &'a Framework,
    /// The memo's year, when the framework is a stand-in for it.
    pub standing_in_for: Option<u16>,
}

/// Every framework the program knows, by fiscal year.
#[derive(Clone, Debug)]
pub struct Frameworks {
    by_year: BTreeMap<u16, Framework>,
}

impl Frameworks {
    pub fn embedded() -> Frameworks {
        let by_year = embedded::EMBEDDED
            .iter()
            .map(|(file, text)| {
                let framework = Framework::parse(file, text)
                    .unwrap_or_else(|err| panic!("embedded framework is broken: {err}"));
                (framework.year, framework)
            })
            .collect();
        Frameworks { by_year }
    }

    /// The embedded frameworks, with every `*.toml` in `dir` added (a file for a
    /// year the program has replaces its own).
    pub fn embedded_and(dir: &std::path::Path) -> Result<Frameworks, LoadError> {
        let mut frameworks = Frameworks::embedded();
        let entries = std::fs::read_dir(dir).map_err(|e| LoadError::Invalid {
            file: dir.display().to_string(),
            message: format!("อ่านโฟลเดอร์ไม่ได้ ({e})"),
        })?;
        let mut files: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for path in files {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| LoadError::Invalid {
                file: shown.clone(),
                message: e.to_string(),
            })?;
            let framework = Framework::parse(&shown, &text)?;
            frameworks.by_year.insert(framework.year, framework);
        }
        Ok(frameworks)
    }

    pub fn get(&self, year: u16) -> Result<&Framework, Reason> {
        self.by_year.get(&year).ok_or(Reason::NoFramework { year })
    }

    /// The framework of the memo's year, or the newest known one standing in.
    pub fn for_memo(&self, memo_year: u16) -> MemoFramework<'_> {
        match self.by_year.get(&memo_year) {
            Some(framework) => MemoFramework {
                framework,
                standing_in_for: None,
            },
            None => MemoFramework {
                framework: self
                    .by_year
                    .values()
                    .next_back()
                    .expect("the program ships frameworks"),
                standing_in_for: Some(memo_year),
            },
        }
    }

    /// The framework whose scale the measures aim at: the memo's, unless the memo
    /// is dated before that scale came into force (the reference memo, dated 17
    /// March 2566, aims at AA though 2566 had its new labels by June).
    pub fn aim_scale<'a>(
        &'a self,
        memo: &'a Framework,
        memo_date: (i32, u32, u32),
    ) -> &'a Framework {
        match memo.scale_in_force_from {
            Some(from) if memo_date < from => self
                .by_year
                .range(..memo.year)
                .next_back()
                .map_or(memo, |(_, earlier)| earlier),
            _ => memo,
        }
    }

    /// Every indicator name and alias of every year, for reading headers by name.
    pub fn indicator_names(&self) -> Vec<(u8, String)> {
        self.by_year
            .values()
            .flat_map(|f| &f.indicators)
            .flat_map(|i| {
                std::iter::once(&i.name)
                    .chain(&i.aliases)
                    .map(move |name| (i.number, name.clone()))
            })
            .collect()
    }

    /// What a catalog may name: every indicator number and item role of any year.
    pub fn known(&self) -> Known {
        Known {
            indicators: self
                .by_year
                .values()
                .flat_map(|f| f.indicators.iter().map(|i| i.number))
                .collect(),
            roles: self
                .by_year
                .values()
                .flat_map(|f| f.item_roles.values().cloned())
                .collect(),
        }
    }

    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.by_year.keys().copied()
    }
}

/// The indicator numbers and item roles the frameworks define.
#[derive(Clone, Debug, Default)]
pub struct Known {
    pub indicators: BTreeSet<u8>,
    pub roles: BTreeSet<String>,
}

#[cfg(test)]
mod tests;
