//! The checks made on a zipped workbook (.xlsx, .ods) before any reader sees it:
//! the unpacked size from the central directory, and an .ods's sheet reach from
//! content.xml's repeat counts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: itamemo_fuzz::init(), |bytes: &[u8]| {
    let _ = itamemo_ingest::fuzzing::unpacked_size(bytes);
    let _ = itamemo_ingest::fuzzing::ods_extent(bytes);
});
