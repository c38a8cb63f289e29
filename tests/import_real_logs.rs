//! The real NHS logs (tests/fixtures/xlsx, provenance in tests/fixtures/README.md) and the v3.6
//! template import with no lost cell: every filled cell of every sheet comes back in the
//! export of the import (in either layout), or the report names it. The report lines of the
//! anomalies in each log are asserted.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use chrono::{DateTime, Utc};
use hazard_workshop::domain::Project;
use hazard_workshop::interchange::xlsx_import::import_workbook_at;
use hazard_workshop::interchange::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A cell as the comparison sees it: text with its whitespace collapsed; dates as the importer
/// writes them (`dd.mm.yyyy`).
fn text_of(value: &Data) -> String {
    let text = match value {
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{day:02}.{m:02}.{y:04}")
        }
        other => other.to_string(),
    };
    text.trim().to_owned()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `(sheet, A1 address, text)` of every filled cell.
fn filled_cells(path: &Path) -> Vec<(String, String, String)> {
    let mut book = open_workbook_auto(path).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            let text = text_of(value);
            if !text.is_empty() {
                let address = format!(
                    "{}{}",
                    hazard_workshop::interchange::layout::column_letter(c0 + c as u32),
                    r0 + r as u32 + 1
                );
                out.push((name.clone(), address, text));
            }
        }
    }
    out
}

/// Text reduced to its letters and digits, lower case: list numbering, spacing, case and
/// punctuation that the export writes its own way do not count as a loss.
fn content(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the report names a cell: by its address, by a range of whole rows it lies in
/// (`'Sheet'!506:517`), or as the sheet it did not keep.
fn named_in_report(result: &ImportResult, sheet: &str, address: &str) -> bool {
    let quoted = format!("'{}'!", sheet.replace('\'', "''"));
    let row: u32 = address
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .unwrap();
    result.report.matrix_sheet.as_deref() == Some(sheet)
        || result.report.warnings.iter().any(|w| {
            let Some(cell) = w.cell.as_deref().and_then(|c| c.strip_prefix(&quoted)) else {
                return false;
            };
            if cell == address {
                return true;
            }
            match cell
                .split_once(':')
                .map(|(a, b)| (a.parse::<u32>(), b.parse::<u32>()))
            {
                Some((Ok(first), Ok(last))) => (first..=last).contains(&row),
                _ => false,
            }
        })
}

/// The cells of `source` whose text is nowhere in the export of its import, and that the
/// report does not name (by cell, or as a sheet it did not keep). The hazard sheet's header
/// cells count as kept when the report's column list names them.
fn lost_cells(source: &Path, layout: ExportLayout) -> (Vec<String>, ImportResult) {
    let project = Project::default();
    let result = import_workbook_at(source, &project.matrix, DateTime::<Utc>::UNIX_EPOCH).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    export_to_path(
        &result.project,
        &ExportOptions {
            include_withdrawn: true,
            layout,
        },
        &out,
    )
    .unwrap();
    let written: String = filled_cells(&out)
        .into_iter()
        .map(|(_, _, text)| content(&text))
        .collect::<Vec<_>>()
        .join("|");
    let report = result.report.to_text();
    let header_rows = 1..=result.report.header_row;
    let lost = filled_cells(source)
        .into_iter()
        .filter(|(sheet, address, text)| {
            let row: u32 = address
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .unwrap();
            // A header the report's column list names, or a caption of a layout it names.
            let a_header = *sheet == result.report.sheet
                && header_rows.contains(&row)
                && (report.contains(&one_line(text)) || result.report.layout.is_some());
            // Each item of a list is looked for on its own: the v3.6 export writes test
            // controls under HIT Design with a `Test:` prefix on each item.
            let items = hazard_workshop::interchange::cell_text::parse_list(text);
            let all_written =
                !items.is_empty() && items.iter().all(|item| written.contains(&content(item)));
            !a_header && !named_in_report(&result, sheet, address) && !all_written
        })
        .map(|(sheet, address, text)| format!("{sheet}!{address}: {}", one_line(&text)))
        .collect();
    (lost, result)
}

fn assert_nothing_lost(name: &str) -> ImportResult {
    let mut result = None;
    for layout in [ExportLayout::NhsV36, ExportLayout::LayoutA] {
        let (lost, imported) = lost_cells(&fixture(name), layout);
        assert!(
            lost.is_empty(),
            "{name} ({layout:?}) lost {} cells:\n{}\n\n{}",
            lost.len(),
            lost.join("\n"),
            imported.report.to_text()
        );
        result = Some(imported);
    }
    result.unwrap()
}

fn warnings(result: &ImportResult) -> Vec<String> {
    result
        .report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn nrl_v1_7_loses_no_cell_and_keeps_its_other_sheets() {
    let result = assert_nothing_lost("xlsx/NRL Hazard Log V1.7.xlsx");
    assert_eq!(
        &result.report.kept_sheets[result.report.kept_sheets.len() - 3..],
        ["Abbreviations & Acronyms", "References", "Assumptions"]
    );
    let meta = &result.project.metadata;
    assert_eq!(meta.version_history.len(), 17);
    assert_eq!(meta.reviewers.len(), 2);
    assert_eq!(meta.approvers.len(), 2);
    let lines = warnings(&result);
    assert!(lines.contains(
        &"'DCH NRL Hazard Log'!I2: initial risk given as 2 but Major x Low is 3 in the DCB0129 \
          matrix; NRL01 has 3"
            .to_owned()
    ));
}

#[test]
fn gp_connect_loses_no_cell_and_keeps_the_older_version_block() {
    let result = assert_nothing_lost("xlsx/GP_Connect_Hazard_Log_Consumers_v2.0.xlsx");
    let meta = &result.project.metadata;
    assert_eq!(
        meta.version_history.len(),
        11 + 8,
        "the current block (11 lines) and the older one further down (8)"
    );
    assert_eq!(meta.reviewers.len(), 3 + 1);
    assert_eq!(meta.approvers.len(), 1 + 1);
    assert_eq!(result.project.hazards.len(), 56);
}

#[test]
fn cds_api_loses_no_cell_and_names_its_anomalies() {
    let result = assert_nothing_lost("xlsx/CDS_API_Hazard_Log_V1.0.xlsx");
    assert_eq!(
        result.report.kept_sheets,
        [
            "Cover Page (kept) (1 cell of 'Cover Page' not read into the project's fields)",
            "Version History (kept) (6 cells of 'Version History' not read into the project's \
             fields)",
            "Sheet1"
        ]
    );
    let lines = warnings(&result);
    for expected in [
        "'Hazard Log'!A34: row 34 has no hazard id; it was read as part of H02 (the row above)",
        "'Hazard Log'!A62: row 62 has no hazard id; it was read as part of H02 (the row above)",
        "'Hazard Log'!K88: a control of H03 has no control type; read as Design",
    ] {
        assert!(
            lines.contains(&expected.to_owned()),
            "{expected}\n{lines:#?}"
        );
    }
    assert_eq!(result.project.hazards.len(), 4);
}

#[test]
fn the_empty_nrl_template_and_the_v36_template_lose_no_cell() {
    let result = assert_nothing_lost("xlsx/NRL Hazard Log.xlsx");
    assert_eq!(result.project.hazards.len(), 0);
    let result = assert_nothing_lost("nhs-templates/clinical_safety_hazard_log_template.xlsx");
    assert_eq!(result.project.hazards.len(), 0);
    assert_eq!(
        result.report.kept_sheets,
        [
            "Cover Page (kept) (1 cell of 'Cover Page' not read into the project's fields)",
            "Version History (kept) (4 cells of 'Version History' not read into the project's \
             fields)",
            "References"
        ],
        "the copyright line, the Distribution and Document Status notes, and the template's \
         list of references are kept"
    );
}
