//! The indicator names a header may use instead of a number ("การใช้งบประมาณ"),
//! given by the caller from the frameworks, so that ingest needs no framework.

use crate::header::squash;

#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    /// Squashed name (see `squash`) to indicator number.
    names: Vec<(String, u8)>,
}

impl Vocabulary {
    pub fn new<I, S>(indicators: I) -> Vocabulary
    where
        I: IntoIterator<Item = (u8, S)>,
        S: AsRef<str>,
    {
        let mut names: Vec<(String, u8)> = indicators
            .into_iter()
            .map(|(n, name)| (squash(name.as_ref()), n))
            .filter(|(name, _)| !name.is_empty())
            .collect();
        names.sort();
        names.dedup();
        Vocabulary { names }
    }

    /// The indicator a squashed text names exactly.
    pub fn indicator_named(&self, squashed: &str) -> Option<u8> {
        self.names
            .iter()
            .find(|(name, _)| name == squashed)
            .map(|(_, n)| *n)
    }
}
