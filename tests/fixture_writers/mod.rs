//! The layouts of fixtures/, each described once and written as .xlsx and .ods.

pub mod grid;
pub mod layouts;
