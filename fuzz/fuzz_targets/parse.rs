//! Whole `parse` (bytes of any kind → Report): never panics; every span is inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = baocao::Options { name: None, text: true, exports: true };
    if let Ok(r) = baocao::parse(baocao::Input::Bytes(data), &opts) {
        let units = r.text.as_deref().map_or(0, |t| t.encode_utf16().count() as u32);
        for d in &r.diagnostics {
            if let Some(s) = d.span {
                assert!(s.start <= s.end && s.end <= units);
            }
        }
        let _ = baocao::to_json(&r);
    }
});
