//! Decoding (bytes of any container or encoding → Unicode text + offset map): never panics, and
//! the map stays inside the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = baocao::decode::decode(baocao::Input::Bytes(data)) {
        // Offsets map monotonically into the input (the text of a container maps into its
        // flattened text, which is at most as long as the text itself plus furniture).
        let mut last = 0;
        for (k, _) in d.text.char_indices().step_by(7) {
            let at = d.map.to_input(k);
            assert!(at >= last, "offset map not monotone at {k}");
            last = at;
        }
        let n = baocao::normalise::normalise(&d.text);
        assert_eq!(baocao::normalise::normalise(&n.text).text, n.text, "normalising twice changes nothing");
    }
});
