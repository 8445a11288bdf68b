//! Domain types shared by the three stages (ingest -> analyze -> emit), and the
//! Thai text rules all of them need. Nothing here reads files or writes documents.

pub mod area;
pub mod diagnostic;
pub mod findings;
pub mod fiscal;
pub mod item;
pub mod os_error;
pub mod outcomes;
pub mod packed;
pub mod place;
pub mod reason;
pub mod register;
pub mod run;
pub mod score;
pub mod sorted_runs;
pub mod spill;
pub mod thai;
pub mod unit;

pub use area::*;
pub use findings::*;
pub use item::ItemCode;
pub use outcomes::{OutcomeSpill, Outcomes};
pub use place::{Origin, Place};
pub use register::*;
pub use run::*;
pub use score::Score;
pub use unit::*;
