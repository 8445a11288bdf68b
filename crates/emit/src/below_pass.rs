//! The units below the pass mark as the area's summary and the run report list
//! them: lowest score first, then by place (province, district, name) in Thai
//! dictionary order, then the batch's order. Sorted once, out of memory
//! (`thai_order::in_place_order`), before the summary and the report are
//! written side by side, and gone through by each.

use itamemo_model::outcomes::Spilled;
use itamemo_model::sorted_runs::SortedRecords;
use itamemo_model::{AreaSummary, Outcomes};

use crate::thai_order;

/// The units below the pass mark, sorted (see above).
pub struct BelowPassList {
    sorted: SortedRecords,
}

impl BelowPassList {
    /// The units of `units` (the outcomes `area` was made from) below its pass
    /// mark, put in order.
    pub fn sorted(area: &AreaSummary, units: &Outcomes) -> BelowPassList {
        let below = area
            .below_pass(units)
            .map(|b| (b.overall.hundredths(), b.unit));
        BelowPassList {
            sorted: thai_order::in_place_order(units, below, "หน่วยงานที่ได้คะแนนต่ำกว่าเกณฑ์"),
        }
    }

    /// Where each listed unit's outcome is, in the list's order.
    pub fn units(&self) -> impl Iterator<Item = Spilled> + '_ {
        let mut listed = self.sorted.merged();
        std::iter::from_fn(move || Some(Spilled::from_bytes(listed.next()?.extra)))
    }
}
