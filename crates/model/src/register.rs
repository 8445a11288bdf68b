//! The unit register: who a unit's memo is from and who signs it, as an office
//! keeps it. What it does not say stays blank in the memo, never invented.

use crate::Place;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    pub name: Option<String>,
    pub position: Option<String>,
}

/// One person in the chain who comments on or signs the memo, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChainPerson {
    /// The heading of their block ("ความเห็นปลัดเทศบาล"), where the register gives it.
    pub heading: Option<String>,
    pub person: Person,
}

/// What the cover memo (and the measures' meeting) says that only the register
/// knows; `None` is a blank to fill by hand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoverDetails {
    /// The ส่วนราชการ line (e.g. "งานนิติการ สำนักปลัด").
    pub office: Option<String>,
    pub phone: Option<String>,
    /// The document number (ที่), e.g. "ขพ 52701/159".
    pub document_number: Option<String>,
    /// The เรียน line.
    pub addressees: Option<String>,
    /// When the executives met on the measures, as the memo should say it.
    pub meeting_date: Option<String>,
    /// The memo's own date (C.E. year, month, day), where the unit gives one:
    /// it comes before --date and today.
    pub date: Option<(i32, u32, u32)>,
    pub preparer: Person,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RegisterEntry {
    pub code: Option<String>,
    pub name: String,
    pub district: String,
    pub province: String,
    pub details: CoverDetails,
    pub chain: Vec<ChainPerson>,
    pub source: Place,
}
