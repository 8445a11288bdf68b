//! The assessment framework of one fiscal year, read from a data file: tools,
//! indicators, weights, the rating scale and the item that asks for the memo.

use std::collections::BTreeMap;

use itamemo_model::Score;
use serde::Deserialize;

use crate::LoadError;

/// The framework files shipped inside the program, by fiscal year.
const EMBEDDED: [(&str, &str); 5] = [
    ("2564.toml", include_str!("../data/frameworks/2564.toml")),
    ("2565.toml", include_str!("../data/frameworks/2565.toml")),
    ("2566.toml", include_str!("../data/frameworks/2566.toml")),
    ("2567.toml", include_str!("../data/frameworks/2567.toml")),
    ("2568.toml", include_str!("../data/frameworks/2568.toml")),
];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub year: u16,
    pub tools: Vec<Tool>,
    pub indicators: Vec<Indicator>,
    pub scale: Vec<Grade>,
    pub measures_item: MeasuresItem,
    #[serde(default)]
    pub oit_items: OitItems,
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
    /// The item codes of `items` ("i19-i24" gives i19 ... i24), lowercase.
    pub fn item_codes(&self) -> Vec<String> {
        let Some(range) = &self.items else {
            return Vec::new();
        };
        let parse = |code: &str| -> Option<(char, u16)> {
            let mut chars = code.trim().chars();
            let prefix = chars.next()?.to_ascii_lowercase();
            Some((prefix, chars.as_str().parse().ok()?))
        };
        match range.split_once('-').map(|(a, b)| (parse(a), parse(b))) {
            Some((Some((p, first)), Some((q, last)))) if p == q => {
                (first..=last).map(|n| format!("{p}{n}")).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// OIT items the memo names, by what they ask for (renumbered in 2566 and 2568).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OitItems {
    pub guideline: Option<String>,
    pub complaint_channel: Option<String>,
    pub statistics: Option<String>,
    pub risk_assessment: Option<String>,
    pub measures: Option<String>,
    pub carried_out: Option<String>,
    #[serde(default = "confirmed")]
    pub confirmed: bool,
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

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasuresItem {
    pub indicator: u8,
    pub sub_indicator: Option<String>,
    pub sub_indicator_name: Option<String>,
    pub code: Option<String>,
    #[serde(default = "confirmed")]
    pub confirmed: bool,
}

fn confirmed() -> bool {
    true
}

impl Framework {
    pub fn parse(file: &str, text: &str) -> Result<Framework, LoadError> {
        let framework: Framework = toml::from_str(text).map_err(|err| LoadError::Toml {
            file: file.to_string(),
            message: err.to_string(),
        })?;
        framework.check(file)?;
        Ok(framework)
    }

    fn check(&self, file: &str) -> Result<(), LoadError> {
        let invalid = |message: String| LoadError::Invalid {
            file: file.to_string(),
            message,
        };
        for indicator in &self.indicators {
            if !self.tools.iter().any(|t| t.code == indicator.tool) {
                return Err(invalid(format!(
                    "indicator {} names tool {:?}, which the file does not define",
                    indicator.number, indicator.tool
                )));
            }
        }
        let weights: f64 = self.tools.iter().map(|t| t.weight).sum();
        if (weights - 1.0).abs() > 1e-9 {
            return Err(invalid(format!("tool weights add up to {weights}, not 1")));
        }
        if self.scale.windows(2).any(|w| w[0].min < w[1].min) {
            return Err(invalid(
                "the scale must run from the highest grade down".into(),
            ));
        }
        if !self
            .indicators
            .iter()
            .any(|i| i.number == self.measures_item.indicator)
        {
            return Err(invalid(
                "measures_item names an indicator the file does not define".into(),
            ));
        }
        Ok(())
    }

    pub fn indicator(&self, number: u8) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.number == number)
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

    /// The grade of an overall score on this year's scale.
    pub fn grade(&self, overall: Score, scores: &BTreeMap<u8, Score>) -> &Grade {
        let tool_means = self.tool_means(scores);
        self.scale
            .iter()
            .find(|grade| {
                overall.points() >= grade.min
                    && grade
                        .min_each_tool
                        .is_none_or(|min| tool_means.iter().all(|(_, mean)| *mean >= min))
            })
            .unwrap_or_else(|| self.scale.last().expect("a scale has grades"))
    }

    /// The grade above `label`, the aim of next year's measures; `None` at the top.
    pub fn next_grade_up(&self, label: &str) -> Option<&str> {
        let at = self.scale.iter().position(|g| g.label == label)?;
        at.checked_sub(1).map(|up| self.scale[up].label.as_str())
    }
}

/// Every framework the program knows, by fiscal year.
#[derive(Clone, Debug)]
pub struct Frameworks {
    by_year: BTreeMap<u16, Framework>,
}

impl Frameworks {
    pub fn embedded() -> Frameworks {
        let by_year = EMBEDDED
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
            message: format!("cannot read the folder ({e})"),
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

    pub fn get(&self, year: u16) -> Result<&Framework, String> {
        self.by_year.get(&year).ok_or_else(|| {
            format!("ไม่มีกรอบการประเมินของปีงบประมาณ {year}: ต้องเพิ่มไฟล์ frameworks/{year}.toml")
        })
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

    /// Every indicator number any year defines (what a catalog may name).
    pub fn indicator_numbers(&self) -> std::collections::BTreeSet<u8> {
        self.by_year
            .values()
            .flat_map(|f| f.indicators.iter().map(|i| i.number))
            .collect()
    }

    pub fn years(&self) -> impl Iterator<Item = u16> + '_ {
        self.by_year.keys().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(values: [f64; 10]) -> BTreeMap<u8, Score> {
        (1..=10)
            .zip(values)
            .map(|(n, v)| (n, Score::from_points(v).unwrap()))
            .collect()
    }

    #[test]
    fn every_embedded_framework_loads_with_ten_indicators() {
        let frameworks = Frameworks::embedded();
        assert_eq!(
            frameworks.years().collect::<Vec<_>>(),
            vec![2564, 2565, 2566, 2567, 2568]
        );
        for year in 2564..=2568 {
            let f = frameworks.get(year).unwrap();
            assert_eq!(f.indicators.len(), 10);
            assert_eq!(f.indicator(4).unwrap().name, "การใช้ทรัพย์สินของราชการ");
        }
        for year in 2564..=2567 {
            let code = frameworks.get(year).unwrap().measures_item.code.clone();
            assert_eq!(code.as_deref(), Some("O42"), "{year}");
        }
        let f68 = frameworks.get(2568).unwrap();
        assert_eq!(f68.measures_item.code, None, "not confirmed, so not named");
        let channel = |year| {
            frameworks
                .get(year)
                .unwrap()
                .oit_items
                .complaint_channel
                .clone()
        };
        assert_eq!(channel(2565).as_deref(), Some("o30"));
        assert_eq!(channel(2566).as_deref(), Some("o28"));
        assert_eq!(channel(2568).as_deref(), Some("o18"));
        let f65 = frameworks.get(2565).unwrap();
        assert_eq!(
            f65.indicator(4).unwrap().item_codes(),
            ["i19", "i20", "i21", "i22", "i23", "i24"]
        );
        assert_eq!(f65.indicator(9).unwrap().item_codes().len(), 33);
        let missing = frameworks.get(2569).unwrap_err();
        assert!(missing.contains("frameworks/2569.toml"), "{missing}");
    }

    #[test]
    fn weights_give_the_reference_overall() {
        let f = Frameworks::embedded().get(2565).unwrap().clone();
        let s = scores([
            90.14, 80.06, 80.70, 73.75, 78.93, 82.59, 77.33, 77.41, 96.0, 100.0,
        ]);
        assert!((f.weighted_overall(&s) - 87.15).abs() < 0.01);
    }

    #[test]
    fn letter_grades_up_to_2565_and_labels_from_2566() {
        let frameworks = Frameworks::embedded();
        let f65 = frameworks.get(2565).unwrap();
        let s = scores([90.0; 10]);
        let at = |p: f64| Score::from_points(p).unwrap();
        assert_eq!(f65.grade(at(87.15), &s).label, "A");
        assert_eq!(f65.grade(at(95.0), &s).label, "AA");
        assert_eq!(f65.grade(at(84.99), &s).label, "B");
        assert_eq!(f65.grade(at(49.99), &s).label, "F");
        assert_eq!(f65.next_grade_up("A"), Some("AA"));
        assert_eq!(f65.next_grade_up("AA"), None);
        let f66 = frameworks.get(2566).unwrap();
        let uneven = scores([80.0, 80.0, 80.0, 80.0, 80.0, 95.0, 95.0, 95.0, 100.0, 100.0]);
        assert_eq!(f66.grade(at(90.0), &uneven).label, "ผ่าน");
        assert_eq!(f66.grade(at(90.0), &s).label, "ผ่านดี");
        assert_eq!(f66.next_grade_up("ผ่าน"), Some("ผ่านดี"));
    }
}
