//! The checks made on a compound file (.xls, or an encrypted OOXML package) before
//! calamine sees it: the cfb crate walks its directory, and the BIFF records give
//! each sheet's reach.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: itamemo_fuzz::init(), |bytes: &[u8]| {
    let _ = itamemo_ingest::fuzzing::compound_file(bytes);
});
