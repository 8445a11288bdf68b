//! The .xlsb reader, with every check before it, on any bytes: each must end read,
//! failed or skipped with a reason, never a panic or an abort.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: itamemo_fuzz::init(), |bytes: &[u8]| {
    itamemo_fuzz::read("xlsb", bytes);
});
