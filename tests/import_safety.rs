//! Spreadsheets that would make an import quietly wrong or exhaust memory: a sheet longer than
//! the importer reads is flagged incomplete and says so first; a damaged workbook is called
//! damaged (not "no hazard log"); parts that would unpack far beyond the file are refused before
//! they are read; hazards that share an id are reported with their rows.

use std::io::{Read, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use hazard_workshop::domain::RiskMatrix;
use hazard_workshop::interchange::xlsx_import::{
    ImportError, ImportLimits, ImportResult, MAX_WHOLE_PART_BYTES, Truncation, import_bytes,
};

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn import(bytes: Vec<u8>, limits: &ImportLimits) -> Result<ImportResult, ImportError> {
    import_bytes(
        bytes,
        Path::new("log.xlsx"),
        &RiskMatrix::dcb0129(),
        now(),
        limits,
    )
}

/// A workbook with one sheet: a hazard log header, then `(row, id, name)` rows.
fn workbook(rows: &[(u32, &str, &str)]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Hazard Log").unwrap();
    for (col, header) in ["Hazard Number", "Hazard Name", "Hazard Description"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    for (row, id, name) in rows {
        sheet.write_string(*row, 0, *id).unwrap();
        sheet.write_string(*row, 1, *name).unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

/// The text of one part of a zip.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The same zip with one part's content replaced.
fn with_part(bytes: &[u8], name: &str, content: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(content.len() > u32::MAX as usize);
        for index in 0..zip.len() {
            let mut file = zip.by_index(index).unwrap();
            let file_name = file.name().unwrap().into_owned();
            writer.start_file(&file_name, options).unwrap();
            if file_name == name {
                writer.write_all(content).unwrap();
            } else {
                std::io::copy(&mut file, &mut writer).unwrap();
            }
        }
        writer.finish().unwrap();
    }
    out
}

fn warnings(result: &ImportResult) -> Vec<String> {
    result
        .report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect()
}

// -------------------------------------------------------------------------------------------
// Incomplete imports.

#[test]
fn a_sheet_longer_than_the_row_limit_is_incomplete_and_the_report_says_so_first() {
    let rows: Vec<(u32, String)> = (1..=30).map(|r| (r, format!("H{r:02}"))).collect();
    let rows: Vec<(u32, &str, &str)> = rows.iter().map(|(r, id)| (*r, id.as_str(), "x")).collect();
    let limits = ImportLimits {
        max_rows: 10,
        ..ImportLimits::default()
    };
    let result = import(workbook(&rows), &limits).unwrap();
    assert!(!result.is_complete());
    assert_eq!(
        result.report.truncated,
        Some(Truncation::Rows { limit: 10 })
    );
    assert_eq!(result.project.hazards.len(), 10);
    let text = result.report.to_text();
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("INCOMPLETE: sheet 'Hazard Log'"),
        "{text}"
    );
    assert!(first.contains("first 10 rows"), "{first}");
    assert!(first.contains("Only rows 2 to 11 were read"), "{first}");
    assert!(first.contains("10 hazards"), "{first}");
}

#[test]
fn a_sheet_within_the_limit_is_complete_and_says_nothing_of_it() {
    let result = import(
        workbook(&[(1, "H01", "x"), (10, "H02", "y")]),
        &ImportLimits {
            max_rows: 10,
            ..ImportLimits::default()
        },
    )
    .unwrap();
    assert!(result.is_complete(), "row 11 is the tenth below the header");
    assert!(!result.report.to_text().contains("INCOMPLETE"));
}

// -------------------------------------------------------------------------------------------
// Damaged workbooks.

/// `bytes` with the first shared-string cell of the sheet pointing past the table's end.
fn with_shared_string_out_of_range(bytes: &[u8], row: u32) -> Vec<u8> {
    let sheet = part(bytes, "xl/worksheets/sheet1.xml");
    let cell = format!("<c r=\"A{}\" t=\"s\"><v>", row + 1);
    let start = sheet.find(&cell).expect("a shared-string cell") + cell.len();
    let end = start + sheet[start..].find("</v>").unwrap();
    let broken = format!("{}9999{}", &sheet[..start], &sheet[end..]);
    with_part(bytes, "xl/worksheets/sheet1.xml", broken.as_bytes())
}

#[test]
fn a_shared_text_out_of_range_in_the_header_says_the_workbook_is_damaged() {
    let bytes = with_shared_string_out_of_range(&workbook(&[(1, "H01", "x")]), 0);
    let error = import(bytes, &ImportLimits::default()).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, ImportError::Damaged { .. }), "{message}");
    assert!(!message.contains("no hazard log"), "{message}");
    assert!(message.contains("“log.xlsx” is damaged"), "{message}");
    assert!(message.contains("sheet 'Hazard Log'"), "{message}");
    assert!(message.contains("shared text"), "{message}");
}

#[test]
fn a_shared_text_out_of_range_below_the_header_names_the_last_cell_read() {
    let bytes = with_shared_string_out_of_range(
        &workbook(&[(1, "H01", "x"), (30, "H02", "y"), (31, "H03", "z")]),
        30,
    );
    let message = import(bytes, &ImportLimits::default())
        .unwrap_err()
        .to_string();
    assert!(message.contains("is damaged"), "{message}");
    assert!(message.contains("past cell B2"), "{message}");
    assert!(!message.contains("Cell string index"), "{message}");
}

#[test]
fn a_damaged_sheet_beside_the_hazard_log_is_reported_and_the_log_imported() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Read me").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Hazard Log").unwrap();
    for (col, header) in ["Hazard Number", "Hazard Name", "Hazard Description"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "H01").unwrap();
    let bytes = with_shared_string_out_of_range(&book.save_to_buffer().unwrap(), 0);
    let result = import(bytes, &ImportLimits::default()).unwrap();
    assert_eq!(result.project.hazards.len(), 1);
    let warnings = warnings(&result);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("sheet 'Notes' cannot be read")
                && w.contains("nothing in it was imported")),
        "{warnings:?}"
    );
}

// -------------------------------------------------------------------------------------------
// Memory: parts are sized before they are read.

#[test]
fn a_shared_text_that_unpacks_far_beyond_its_size_is_refused_before_it_is_read() {
    let bytes = workbook(&[(1, "H01", "PLACEHOLDER")]);
    let strings = part(&bytes, "xl/sharedStrings.xml");
    // 80 MB of one letter packs to well under 1 MB.
    let huge = strings.replace("PLACEHOLDER", &"a".repeat(80 << 20));
    let bomb = with_part(&bytes, "xl/sharedStrings.xml", huge.as_bytes());
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let error = import(bomb, &ImportLimits::default()).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, ImportError::TooLarge { .. }), "{message}");
    assert!(message.contains("xl/sharedStrings.xml"), "{message}");
    assert!(message.contains("more than 100 times"), "{message}");
}

/// Sets the unpacked size the zip's central directory declares for `name`.
fn declare_unpacked_size(bytes: &mut [u8], name: &str, size: u32) {
    let mut at = 0;
    while let Some(offset) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + offset;
        let name_len = u16::from_le_bytes([bytes[entry + 28], bytes[entry + 29]]) as usize;
        if &bytes[entry + 46..entry + 46 + name_len] == name.as_bytes() {
            bytes[entry + 24..entry + 28].copy_from_slice(&size.to_le_bytes());
            return;
        }
        at = entry + 4;
    }
    panic!("{name} is not in the zip");
}

#[test]
fn a_shared_text_declared_at_1_9_gb_is_refused_naming_the_limit() {
    let mut bytes = workbook(&[(1, "H01", "x")]);
    declare_unpacked_size(&mut bytes, "xl/sharedStrings.xml", 1_900_000_000);
    let error = import(bytes, &ImportLimits::default()).unwrap_err();
    let message = error.to_string();
    assert!(matches!(error, ImportError::TooLarge { .. }), "{message}");
    assert!(message.contains("xl/sharedStrings.xml"), "{message}");
    assert!(
        message.contains(&format!("{} MB", MAX_WHOLE_PART_BYTES >> 20)),
        "the message names the limit: {message}"
    );
}

// -------------------------------------------------------------------------------------------
// Shared ids.

#[test]
fn hazards_sharing_an_id_are_kept_apart_and_reported_with_their_rows() {
    let bytes = workbook(&[
        (1, "H01", "First"),
        (2, "H02", "Second"),
        (3, "h01 ", "Third"),
        (5, "H01", "Fourth"),
    ]);
    let result = import(bytes, &ImportLimits::default()).unwrap();
    assert_eq!(result.project.hazards.len(), 4, "each is kept");
    let warnings = warnings(&result);
    let shared: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("have the id"))
        .collect();
    assert_eq!(shared.len(), 1, "{warnings:?}");
    assert_eq!(
        shared[0],
        "'Hazard Log'!A4: 3 hazards have the id H01 (rows 2, 4 and 6); each was imported as a \
         separate hazard with that id: give each its own id"
    );
}
