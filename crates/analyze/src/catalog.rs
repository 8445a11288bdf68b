//! The texts a memo takes: findings and recommendations per indicator, the
//! measures, and who signs. A data file, so that an office can edit it.

use serde::Deserialize;

use crate::LoadError;

const DEFAULT_CATALOG: &str = include_str!("../data/catalog.toml");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub indicators: Vec<IndicatorTexts>,
    pub measures: Vec<Measure>,
    pub signers: Vec<SignerChain>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTexts {
    pub number: u8,
    pub weakness: String,
    pub improve: String,
    pub recommendation: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub title: String,
    pub steps: Vec<String>,
    pub responsible: String,
    pub period: Vec<String>,
    pub indicators: Vec<u8>,
    #[serde(default)]
    pub always: bool,
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

impl Catalog {
    pub fn embedded() -> Catalog {
        Catalog::parse("catalog.toml", DEFAULT_CATALOG)
            .unwrap_or_else(|err| panic!("embedded catalog is broken: {err}"))
    }

    pub fn parse(file: &str, text: &str) -> Result<Catalog, LoadError> {
        toml::from_str(text).map_err(|err| LoadError::Toml {
            file: file.to_string(),
            message: err.to_string(),
        })
    }

    pub fn indicator(&self, number: u8) -> Option<&IndicatorTexts> {
        self.indicators.iter().find(|i| i.number == number)
    }

    /// The chain for a unit: the first whose prefix starts its name.
    pub fn signers_for(&self, unit_name: &str) -> Option<&SignerChain> {
        self.signers
            .iter()
            .find(|s| unit_name.starts_with(&s.prefix))
    }
}

/// Resolves a period's year tokens against the memo's fiscal year (B.E.):
/// {M} 2566, {M-1} 2565, {yy} 66, {yy-1} 65.
pub fn resolve_period(text: &str, memo_year: u16) -> String {
    let short = |y: u16| format!("{:02}", y % 100);
    text.replace("{M-1}", &(memo_year - 1).to_string())
        .replace("{M}", &memo_year.to_string())
        .replace("{yy-1}", &short(memo_year - 1))
        .replace("{yy}", &short(memo_year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_catalog_covers_every_indicator_and_seven_measures() {
        let catalog = Catalog::embedded();
        for n in 1..=10 {
            assert!(catalog.indicator(n).is_some(), "indicator {n}");
        }
        assert_eq!(catalog.measures.len(), 7);
        assert_eq!(
            catalog.signers_for("เทศบาลตำบลพะโต๊ะ").unwrap().prefix,
            "เทศบาล"
        );
        assert_eq!(catalog.signers_for("กรมตัวอย่าง").unwrap().prefix, "");
    }

    #[test]
    fn periods_follow_the_memo_year() {
        assert_eq!(
            resolve_period("ต.ค.{yy-1} – มี.ค.{yy}", 2566),
            "ต.ค.65 – มี.ค.66"
        );
        assert_eq!(resolve_period("ตลอดปี {M}", 2566), "ตลอดปี 2566");
        assert_eq!(resolve_period("เม.ย.{M} ({M-1})", 2570), "เม.ย.2570 (2569)");
    }
}
