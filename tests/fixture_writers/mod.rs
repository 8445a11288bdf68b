//! The layouts of fixtures/, each described once and written as .xlsx and .ods.

// Each test crate uses only some of the layouts.
#![allow(dead_code)]

pub mod grid;
pub mod layouts;
pub mod nacc_shapes;
