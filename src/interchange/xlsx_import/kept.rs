//! The workbook's other sheets (abbreviations, references, assumptions, notes…), kept cell by
//! cell as text with the project so that nothing in them is lost; the export writes them back.
//! What the cover page and version history sheets hold beyond the project's fields is kept
//! too, in a sheet of its own. A `Risk Matrix` sheet is not kept (the ratings are recomputed with the project's matrix, which
//! the export writes), nor a `References` sheet holding only the template's header row.

use super::report::{ImportReport, plural};
use super::workbook::{Book, MAX_CELL_BYTES, MAX_COLUMNS, MAX_ROWS, data_text};
use crate::domain::{KeptSheet, ProjectMetadata};
use crate::interchange::layout::MATRIX_SHEET;
use crate::interchange::nhs_v36::REFERENCES_SHEET;

/// Every sheet not in `read` with something in it, kept.
pub(super) fn keep_other_sheets(
    book: &mut Book,
    sheets: &[(String, bool)],
    read: &[&str],
    report: &mut ImportReport,
) -> Vec<KeptSheet> {
    let mut kept = Vec::new();
    for (name, visible) in sheets {
        if read.contains(&name.as_str()) {
            continue;
        }
        if name == MATRIX_SHEET {
            report.matrix_sheet = Some(name.clone());
            continue;
        }
        let grid = match book.read_grid(name, MAX_ROWS, MAX_COLUMNS, MAX_CELL_BYTES, Some(report)) {
            Ok(grid) => grid,
            Err(error) => {
                report.warn(None, format!("{error}; nothing in it was kept"));
                continue;
            }
        };
        let cells: Vec<(u32, u32, String)> = grid
            .rows
            .iter()
            .flat_map(|(row, cells)| {
                cells
                    .iter()
                    .map(move |(col, value)| (*row, *col, data_text(value)))
            })
            .filter(|(_, _, text)| !text.trim().is_empty())
            .collect();
        let header_only = cells.iter().all(|(row, _, _)| *row == 0);
        if cells.is_empty() || (name == REFERENCES_SHEET && header_only) {
            continue;
        }
        if grid.cut_short.is_some() || grid.more_below {
            report.warn(
                None,
                format!("sheet '{name}' is larger than is read; only its first part was kept"),
            );
        }
        report.kept_sheets.push(name.clone());
        kept.push(KeptSheet {
            name: name.clone(),
            hidden: !visible,
            cells,
        });
    }
    kept
}

/// The cells of the cover page and version history sheets that were not read into the
/// project's fields (a Distribution list, a document status note, a copyright line), kept in a
/// sheet of their own, `<sheet> (kept)`, at their places.
pub(super) fn keep_leftovers(
    book: &mut Book,
    metadata_sheets: &[String],
    meta: &ProjectMetadata,
    report: &mut ImportReport,
) -> Vec<KeptSheet> {
    let known = known_values(meta);
    let mut kept = Vec::new();
    for name in metadata_sheets {
        let Ok(grid) = book.read_grid(name, MAX_ROWS, MAX_COLUMNS, MAX_CELL_BYTES, None) else {
            continue;
        };
        let all: Vec<(u32, u32, String)> = grid
            .rows
            .iter()
            .flat_map(|(row, cells)| {
                cells
                    .iter()
                    .map(move |(col, value)| (*row, *col, data_text(value)))
            })
            .filter(|(_, _, text)| !content(text).is_empty())
            .collect();
        let is_leftover = |text: &str| !is_label(text) && !known.contains(&content(text));
        // A label is kept when it heads something kept (`Distribution` over its list).
        let cells: Vec<(u32, u32, String)> = all
            .iter()
            .filter(|(row, col, text)| {
                is_leftover(text)
                    || all
                        .iter()
                        .any(|(r, c, t)| *r == row + 1 && c == col && is_leftover(t))
            })
            .cloned()
            .collect();
        if cells.is_empty() {
            continue;
        }
        let base: String = name
            .chars()
            .take(MAX_SHEET_NAME - KEPT_SUFFIX.len())
            .collect();
        let kept_name = format!("{base}{KEPT_SUFFIX}");
        report.kept_sheets.push(format!(
            "{kept_name} ({} cell{} of '{name}' not read into the project's fields)",
            cells.len(),
            plural(cells.len())
        ));
        kept.push(KeptSheet {
            name: kept_name,
            hidden: false,
            cells,
        });
    }
    kept
}

/// Everything the cover page and version history were read into, as [`content`].
fn known_values(meta: &ProjectMetadata) -> String {
    let mut values = vec![
        meta.system_name.as_str(),
        &meta.system_version,
        &meta.organisation,
        &meta.document_title,
        &meta.document_id,
        &meta.programme,
        &meta.project,
        &meta.programme_director,
        &meta.owner,
        &meta.author,
        &meta.clinical_safety_officer,
        meta.document_status.label(),
        &meta.document_version,
        &meta.version_date,
        &meta.document_purpose,
    ];
    for line in &meta.version_history {
        values.extend([line.version.as_str(), &line.date, &line.amendment]);
    }
    for person in meta.reviewers.iter().chain(&meta.approvers) {
        values.extend([
            person.name.as_str(),
            &person.title,
            &person.date,
            &person.version,
        ]);
    }
    values
        .iter()
        .map(|v| content(v))
        .collect::<Vec<_>>()
        .join("|")
}

/// The labels the export writes on the cover page and version history itself.
fn is_label(text: &str) -> bool {
    let key = content(text);
    LABELS.iter().any(|label| content(label) == key) || key.starts_with("thisdocumentmustbe")
}

const LABELS: &[&str] = &[
    "Amendment History",
    "Version",
    "Date",
    "Reviewers",
    "Approved",
    "Name",
    "Title / Responsibility",
    "Programme",
    "Document Record ID Key",
    "Sub-Prog / Project",
    "Prog. Director",
    "Status",
    "Owner",
    "Author",
    "Version Date",
    "Document Purpose",
    "System",
    "System Version",
    "Organisation",
    "Clinical Safety Officer",
    "Document Status",
];

const MAX_SHEET_NAME: usize = 31;
const KEPT_SUFFIX: &str = " (kept)";

/// Letters and digits, lower case: how a cell's content is compared with the fields read.
fn content(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
