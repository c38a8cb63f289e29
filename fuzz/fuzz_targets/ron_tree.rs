//! Any UTF-8 text given to the migration tree parser: Ok or Err, never a panic, and printing a
//! parsed tree gives text that parses to the same tree.

#![no_main]

use hazard_workshop::storage::ron_tree;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(document) = ron_tree::parse(text) {
        let printed = ron_tree::print(&document);
        assert_eq!(ron_tree::parse(&printed).as_ref(), Ok(&document), "{printed}");
    }
});
