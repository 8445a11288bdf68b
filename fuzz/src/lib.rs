//! What the fuzz targets share: the indicator names of every framework, so that
//! headers written as names are recognised as a run would recognise them.

use std::sync::OnceLock;

use itamemo_ingest::Vocabulary;

fn vocabulary() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| {
        Vocabulary::new(itamemo_analyze::Frameworks::embedded().indicator_names())
    })
}

/// The bytes as a file with this ending, read as a run reads it.
pub fn read(ending: &str, bytes: &[u8]) {
    itamemo_ingest::fuzzing::read(ending, bytes, vocabulary());
}

/// For each target's start: a panic in a reader is caught as a run catches it
/// (that file's failure), so it must not end the fuzzer either: libFuzzer's hook,
/// which aborts, is replaced by a silent one. ITAMEMO_FUZZ_PANICS=1 keeps it, to
/// collect the readers' panics (to report upstream or turn into tests).
pub fn init() {
    if std::env::var_os("ITAMEMO_FUZZ_PANICS").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
}
