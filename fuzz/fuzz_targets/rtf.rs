//! The .rtf reader alone (bytes → container model): errors are fine, panics and hangs are not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = baocao::decode::rtf::read(data) {
        let _ = baocao::decode::flatten::flatten(&doc);
    }
});
