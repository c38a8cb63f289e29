//! The parts of a zipped workbook, sized before any is unpacked: a workbook whose parts would
//! unpack to far more memory than the file itself is refused with the limit it broke.
//!
//! The sizes are those the zip's directory declares; the zip reader stops with an error at the
//! declared size, so a part cannot unpack to more than is checked here.

use std::io::{Read, Seek};

use super::workbook::{
    EXPANSION_FLOOR_BYTES, MAX_EXPANSION, MAX_UNPACKED_BYTES, MAX_WHOLE_PART_BYTES,
};

/// Why the parts of a workbook are refused, as the end of "… is too large to import: ".
pub(super) fn oversized_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Option<String> {
    let mut total: u128 = 0;
    for index in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(index) else {
            continue;
        };
        let (name, packed, unpacked) = (
            part.name().map(|n| n.into_owned()).unwrap_or_default(),
            part.compressed_size(),
            part.size(),
        );
        total += u128::from(unpacked);
        if !is_sheet(&name) && unpacked > MAX_WHOLE_PART_BYTES {
            return Some(format!(
                "its part “{name}” would unpack to {} MB, and the limit for a part read whole \
                 is {} MB",
                unpacked >> 20,
                MAX_WHOLE_PART_BYTES >> 20
            ));
        }
        if unpacked > EXPANSION_FLOOR_BYTES && unpacked / packed.max(1) > MAX_EXPANSION {
            return Some(format!(
                "its part “{name}” would unpack from {} KB to {} MB, more than {MAX_EXPANSION} \
                 times its packed size (the limit for a part over {} MB); the file is damaged \
                 or made to exhaust memory",
                packed >> 10,
                unpacked >> 20,
                EXPANSION_FLOOR_BYTES >> 20
            ));
        }
    }
    (total > MAX_UNPACKED_BYTES).then(|| {
        format!(
            "its parts would unpack to more than {} GB",
            MAX_UNPACKED_BYTES >> 30
        )
    })
}

/// Worksheets are read row by row, so only the rows the import keeps are held in memory.
fn is_sheet(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("xl/worksheets/") && !name.contains("/_rels/")
}
