//! Tolerant, honest header matching, as a user's own log would need it: typos, stray suffixes,
//! other words for a field and group captions map when unambiguous, each named in the report;
//! an ambiguous header and a hidden column are kept as extra fields, and named. Rows that look
//! like a slip in the source are imported as written and named with their cells.

use chrono::{DateTime, Utc};
use hazard_workshop::domain::{Project, Severity};
use hazard_workshop::interchange::ImportResult;
use hazard_workshop::interchange::xlsx_import::import_workbook_at;
use rust_xlsxwriter::Workbook;

fn import_sheet(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> ImportResult {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.xlsx");
    let mut book = Workbook::new();
    build(book.add_worksheet().set_name("Log").unwrap());
    book.save(&path).unwrap();
    import_workbook_at(
        &path,
        &Project::default().matrix,
        DateTime::<Utc>::UNIX_EPOCH,
    )
    .unwrap()
}

fn warnings(result: &ImportResult) -> Vec<String> {
    result
        .report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect()
}

fn assert_has(lines: &[String], expected: &str) {
    assert!(
        lines.iter().any(|l| l == expected),
        "missing: {expected}\nin: {lines:#?}"
    );
}

#[test]
fn loose_headers_map_and_are_named_and_strangers_are_kept() {
    let result = import_sheet(|sheet| {
        let captions = ["", "", "", "Initial Risk", "", "Actions", "", "", ""];
        let leaves = [
            "Hazard No.",
            "Hazzard Descripton",
            "Patient Safety Impact",
            "Severity",
            "Likelyhood (1-5)",
            "Summary",
            "Actionz",
            "Status*",
            "Internal ref",
        ];
        for (col, (caption, leaf)) in captions.iter().zip(leaves).enumerate() {
            sheet.write_string(0, col as u16, *caption).unwrap();
            sheet.write_string(1, col as u16, leaf).unwrap();
        }
        sheet
            .merge_range(0, 3, 0, 4, "Initial Risk", &rust_xlsxwriter::Format::new())
            .unwrap();
        let row = [
            "H1",
            "Wrong patient shown",
            "Wrong drug given",
            "Major",
            "Low",
            "Review the banner",
            "open question",
            "Open",
            "REF-7",
        ];
        for (col, value) in row.iter().enumerate() {
            sheet.write_string(2, col as u16, *value).unwrap();
        }
        sheet.set_column_hidden(8).unwrap();
    });
    let lines = warnings(&result);
    assert_has(
        &lines,
        "'Log'!B2: header “Hazzard Descripton” read as Description: a loose match (taken for \
         “hazard description” (a typo))",
    );
    assert_has(
        &lines,
        "'Log'!C2: header “Patient Safety Impact” read as Potential clinical impact: a loose \
         match (“patient safety impact” is another name for it)",
    );
    assert_has(
        &lines,
        "'Log'!D2: header “Severity” read as Initial severity: a loose match (read with the \
         caption “initial risk” above it)",
    );
    assert_has(
        &lines,
        "'Log'!F2: header “Summary” read as Summary of actions/notes: a loose match (“Summary” \
         under the caption “actions”)",
    );
    assert_has(
        &lines,
        "'Log'!G2: header “Actionz” could be read as “action” or “actions”; it was not read as \
         either, but kept as an extra field",
    );
    assert_has(
        &lines,
        "'Log'!I:I: column “Internal ref” is hidden and not a hazard log column; it was kept as \
         an extra field (1 filled cell below the header)",
    );
    let hazard = &result.project.hazards[0];
    assert_eq!(hazard.description, "Wrong patient shown");
    assert_eq!(hazard.harm, "Wrong drug given");
    assert_eq!(hazard.initial.severity, Some(Severity::Major));
    let extras: Vec<(&str, &str)> = hazard
        .extra_fields
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    assert!(extras.contains(&("Actionz", "open question")), "{extras:?}");
    assert!(extras.contains(&("Internal ref", "REF-7")), "{extras:?}");
    let extra_columns: Vec<&str> = result
        .report
        .extras
        .iter()
        .map(|m| m.column.as_str())
        .collect();
    assert_eq!(extra_columns, ["G", "I"]);
}

fn write_rows(sheet: &mut rust_xlsxwriter::Worksheet, rows: &[&[&str]]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32, c as u16, *value).unwrap();
            }
        }
    }
}

#[test]
fn slips_in_the_source_are_imported_as_written_and_named() {
    let result = import_sheet(|sheet| {
        write_rows(
            sheet,
            &[
                &[
                    "Hazard ID",
                    "Hazard Name",
                    "Hazard Description",
                    "Possible Causes",
                    "Design",
                ],
                &[
                    "H01",
                    "Wrong patient",
                    "Banner missing",
                    "0101 No banner",
                    "Add banner",
                ],
                &["H01", "Wrong patient", "", "0102 Banner cut", ""],
                &["H02", "Late dose", "Timer lost", "0201 Clock drift", ""],
                &["H02", "Late dose", "", "0202 Timer reset", ""],
                &["H02", "Wrong patient", "", "0203 Queue", ""],
                &["H02", "Late dose", "", "0301 Reused cause", ""],
                &["H03", "Lost order", "", "0302 Lost", "Retry queue"],
                &["H01", "Wrong patient", "More", "0103 Again", ""],
            ],
        );
    });
    let lines = warnings(&result);
    assert_has(
        &lines,
        "'Log'!A9: the id H01 comes back after H03 (last seen in row 3): a likely slip; the \
         rows from row 9 were imported as a hazard of their own",
    );
    assert_has(
        &lines,
        "'Log'!B6: row 6 is in H02 but names H01 (“Wrong patient”): a likely slip; imported as \
         written",
    );
    assert_has(
        &lines,
        "'Log'!D7: the cause “0301 Reused cause” in row 7 is numbered for hazard 3, but the row \
         is in H02: a likely slip; imported as written",
    );
    assert_has(
        &lines,
        "'Log'!C8: H03 has controls but no description; imported as written",
    );
    assert_has(
        &lines,
        "4 hazards from 3 distinct ids: 1 hazard shares an id with another (named above), and \
         each was kept apart as written",
    );
    let h02 = &result.project.hazards[1];
    assert!(
        h02.causes.iter().any(|c| c == "0301 Reused cause"),
        "{:?}",
        h02.causes
    );
    assert_eq!(result.project.hazards.len(), 4);
}

#[test]
fn a_single_numbered_list_item_keeps_its_number_through_import_and_export() {
    let result = import_sheet(|sheet| {
        write_rows(
            sheet,
            &[
                &[
                    "Hazard ID",
                    "Hazard Name",
                    "Possible Causes",
                    "Existing Controls",
                ],
                &[
                    "H01",
                    "Wrong patient",
                    "1) Banner missing",
                    "1) Wristband scan",
                ],
            ],
        );
    });
    let hazard = &result.project.hazards[0];
    assert_eq!(hazard.causes, ["1) Banner missing"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    hazard_workshop::interchange::export_to_path(
        &result.project,
        &hazard_workshop::interchange::ExportOptions {
            include_withdrawn: true,
            layout: hazard_workshop::interchange::ExportLayout::LayoutA,
        },
        &path,
    )
    .unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = book.worksheet_range("Hazard Log").unwrap();
    assert_eq!(
        range.get_value((1, 4)),
        Some(&calamine::Data::String("1) Banner missing".into()))
    );
    assert_eq!(
        range.get_value((1, 5)),
        Some(&calamine::Data::String("1) Wristband scan".into()))
    );
}

/// The workbook at `path` with every formula's stored value taken out, as a file saved by a
/// tool that does not calculate.
fn strip_formula_values(path: &std::path::Path) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for index in 0..source.len() {
        let mut part = source.by_index(index).unwrap();
        let mut text = Vec::new();
        part.read_to_end(&mut text).unwrap();
        let name = part.name().unwrap().into_owned();
        if name.starts_with("xl/worksheets/sheet") {
            let xml = String::from_utf8(text).unwrap();
            let mut stripped = String::new();
            let mut rest = xml.as_str();
            while let Some(at) = rest.find("</f><v>") {
                stripped.push_str(&rest[..at + 4]);
                let end = rest[at..].find("</v>").unwrap() + at + 4;
                rest = &rest[end..];
            }
            stripped.push_str(rest);
            text = stripped.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn a_formula_with_no_stored_value_is_named_not_read_silently_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Log").unwrap();
    write_rows(
        sheet,
        &[&["Hazard ID", "Hazard Name", "Hazard Description", "Score"]],
    );
    for row in 1..4 {
        write_rows_at(sheet, row, &[&format!("H0{row}"), "Name", "Text"]);
        sheet
            .write_formula(
                row,
                3,
                rust_xlsxwriter::Formula::new("=1+1").set_result("2"),
            )
            .unwrap();
    }
    book.save(&path).unwrap();
    let kept = import_workbook_at(
        &path,
        &Project::default().matrix,
        DateTime::<Utc>::UNIX_EPOCH,
    )
    .unwrap();
    assert!(
        !warnings(&kept).iter().any(|w| w.contains("formula")),
        "stored values are read: {:?}",
        warnings(&kept)
    );
    strip_formula_values(&path);
    let result = import_workbook_at(
        &path,
        &Project::default().matrix,
        DateTime::<Utc>::UNIX_EPOCH,
    )
    .unwrap();
    assert_has(
        &warnings(&result),
        "'Log'!D2: 3 cells of column D (D2, D3, D4) hold a formula with no stored value (the \
         file was saved without calculating it): read as empty. Open the file in Excel and save \
         it to store the values, then import it again",
    );
}

fn write_rows_at(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, values: &[&str]) {
    for (c, value) in values.iter().enumerate() {
        sheet.write_string(row, c as u16, *value).unwrap();
    }
}
