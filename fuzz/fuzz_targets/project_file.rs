//! Any UTF-8 text given to the project file reader: it must return Ok or Err, never panic, and
//! a project it accepts must survive a save/load round trip unchanged.

#![no_main]

use std::path::Path;

use hazard_workshop::storage::project_file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        // Bytes that are not UTF-8 are refused as binary before parsing.
        assert!(project_file::from_bytes(data, Path::new("fuzz.hazlog")).is_err());
        return;
    };
    if let Ok(project) = project_file::from_text(text, Path::new("fuzz.hazlog")) {
        let again = project_file::from_text(&project_file::to_text(&project), Path::new("again"))
            .expect("what was read can be written and read back");
        assert_eq!(again, project);
    }
});
