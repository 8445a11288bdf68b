//! The memo's parts, in the order memo.md lists them.

pub mod analysis;
pub mod cover;
pub mod measures;
pub mod recommendations;
pub mod results;
pub mod title;
