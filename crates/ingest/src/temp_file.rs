//! The unnamed temporary files a run holds what it has read in, out of memory
//! (issue 16): a big table's rows while its file is read, every table's rows
//! from then until the merge (`packed_rows::RowStore`), the units until their
//! memos, the outcomes until the report. Each is gone with the run, whatever
//! way it ends. The fault switches (`fault_injection`) make them fail here,
//! for the tests.

use std::fs::File;
use std::path::Path;

use crate::fault_injection;

/// An unnamed temporary file in `dir`, or none where one cannot be made there.
pub fn temp_file_in(dir: &Path) -> Option<File> {
    if fault_injection::spill_unreadable() {
        return itamemo_model::spill::unreadable_file_in(dir);
    }
    if fault_injection::spill_refused() {
        // A file that refuses every write: opened for reading alone.
        return std::env::current_exe().and_then(File::open).ok();
    }
    tempfile::tempfile_in(dir).ok()
}

/// Where a table's rows go once they fill a chunk: the system's temporary
/// folder, since the output folder is made only after reading.
pub(crate) fn for_rows() -> Option<File> {
    temp_file_in(&std::env::temp_dir())
}
