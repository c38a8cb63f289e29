//! The project's cover page and version history, read from the workbook's other sheets: the
//! document's details, the amendment table, and the reviewers' and approvers' sign-offs.

use calamine::Data;

use super::headers::header_key;
use super::report::ImportReport;
use super::workbook::{Book, Grid, MAX_CELL_BYTES, data_text, version_text};
use crate::domain::risk::normalise;
use crate::domain::{DocumentStatus, ProjectMetadata, SignOff, VersionHistoryLine};
use crate::interchange::layout::cell_address;

/// The part of the other sheets searched for the cover page and version history.
const METADATA_ROWS: u32 = 200;
const METADATA_COLUMNS: u32 = 12;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CoverField {
    Programme,
    DocumentId,
    Project,
    Director,
    Status,
    Owner,
    Version,
    Author,
    VersionDate,
    Purpose,
    System,
    SystemVersion,
    Organisation,
    Cso,
}

fn cover_field(key: &str) -> Option<CoverField> {
    use CoverField::*;
    Some(match key {
        "programme" | "program" => Programme,
        "document record id key" | "document id" | "document record id" | "document reference" => {
            DocumentId
        }
        "sub-prog/project" | "sub-programme/project" | "project" => Project,
        "prog. director" | "prog director" | "programme director" | "program director" => Director,
        "status" | "document status" => Status,
        "owner" | "document owner" => Owner,
        "version" | "document version" => Version,
        "author" | "authors" => Author,
        "version date" => VersionDate,
        "document purpose" | "purpose" => Purpose,
        "system" | "system name" => System,
        "system version" => SystemVersion,
        "organisation" | "organization" => Organisation,
        "clinical safety officer" | "cso" => Cso,
        _ => return None,
    })
}

/// The cover page and version history, from the first sheets other than the hazard sheet that
/// hold them. Sheets already reported as `unreadable` are passed over.
pub(super) fn read_metadata(
    book: &mut Book,
    sheets: &[(String, bool)],
    hazard_sheet: &str,
    unreadable: &[&str],
    report: &mut ImportReport,
) -> ProjectMetadata {
    let mut meta = ProjectMetadata::default();
    let mut cover_done = false;
    let mut history_done = false;
    for (name, _) in sheets {
        let known_unreadable = unreadable.contains(&name.as_str());
        if name == hazard_sheet || known_unreadable || (cover_done && history_done) {
            continue;
        }
        let grid = match book.read_grid(name, METADATA_ROWS, METADATA_COLUMNS, MAX_CELL_BYTES, None)
        {
            Ok(grid) => grid,
            Err(error) => {
                report.warn(
                    None,
                    format!("{error}; a cover page or version history in it was not imported"),
                );
                continue;
            }
        };
        let mut used = false;
        if !cover_done && read_cover(&grid, name, &mut meta, report) {
            cover_done = true;
            used = true;
        }
        if !history_done && read_history(&grid, &mut meta) {
            history_done = true;
            used = true;
        }
        if used {
            report.metadata_sheets.push(name.clone());
        }
    }
    meta
}

/// Reads the cover page from `grid` when it has one: labels such as Programme, Document ID or
/// Author with their values beside (the document id below) its label.
fn read_cover(
    grid: &Grid,
    sheet: &str,
    meta: &mut ProjectMetadata,
    report: &mut ImportReport,
) -> bool {
    let found = cover_labels(grid);
    let strong = found.iter().any(|(f, _, _)| {
        matches!(
            f,
            CoverField::Programme
                | CoverField::DocumentId
                | CoverField::Director
                | CoverField::Author
        )
    });
    if !strong || found.len() < 3 {
        return false;
    }
    let labels: Vec<(u32, u32)> = found.iter().map(|(_, r, c)| (*r, *c)).collect();
    for &(field, row, col) in &found {
        let (value_row, value_col) = if field == CoverField::DocumentId {
            (row + 1, col)
        } else {
            (row, col + 1)
        };
        let value_data = grid.get(value_row, value_col);
        let value = if labels.contains(&(value_row, value_col)) {
            String::new()
        } else {
            value_data
                .map(data_text)
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        match field {
            CoverField::Version => {
                meta.document_version = value_data.map(version_text).unwrap_or_default()
            }
            CoverField::Status if !value.is_empty() => {
                let cell = cell_address(sheet, value_row, value_col);
                read_document_status(&value, cell, meta, report);
            }
            CoverField::Status => {}
            CoverField::Purpose => meta.document_purpose = read_purpose(grid, row, col),
            _ => set_cover_text(meta, field, value),
        }
    }
    meta.document_title = title_above(grid, &found);
    true
}

/// Each cover page label found in `grid`, the first of each kind, with its row and column.
fn cover_labels(grid: &Grid) -> Vec<(CoverField, u32, u32)> {
    let mut found: Vec<(CoverField, u32, u32)> = Vec::new();
    for (&row, cells) in &grid.rows {
        for (&col, value) in cells {
            if let Data::String(text) = value
                && let Some(field) = cover_field(&header_key(text))
                && !found.iter().any(|(f, _, _)| *f == field)
            {
                found.push((field, row, col));
            }
        }
    }
    found
}

/// A cover page field that is plain text.
fn set_cover_text(meta: &mut ProjectMetadata, field: CoverField, value: String) {
    let target = match field {
        CoverField::Programme => &mut meta.programme,
        CoverField::DocumentId => &mut meta.document_id,
        CoverField::Project => &mut meta.project,
        CoverField::Director => &mut meta.programme_director,
        CoverField::Owner => &mut meta.owner,
        CoverField::Author => &mut meta.author,
        CoverField::VersionDate => &mut meta.version_date,
        CoverField::System => &mut meta.system_name,
        CoverField::SystemVersion => &mut meta.system_version,
        CoverField::Organisation => &mut meta.organisation,
        CoverField::Cso => &mut meta.clinical_safety_officer,
        CoverField::Version | CoverField::Status | CoverField::Purpose => return,
    };
    *target = value;
}

fn read_document_status(
    value: &str,
    cell: String,
    meta: &mut ProjectMetadata,
    report: &mut ImportReport,
) {
    match DocumentStatus::ALL
        .into_iter()
        .find(|s| normalise(s.label()) == normalise(value))
    {
        Some(status) => meta.document_status = status,
        None => report.warn(
            Some(cell),
            format!(
                "document status “{value}” is not Draft, Live, Approved or Final; the \
                 project's status is Draft"
            ),
        ),
    }
}

/// The paragraphs below the Purpose label, up to the next label, without the copyright line.
fn read_purpose(grid: &Grid, row: u32, col: u32) -> String {
    let mut parts = Vec::new();
    for cells in grid.rows.range(row + 1..).map(|(_, cells)| cells) {
        let Some(value) = cells.get(&col) else {
            continue;
        };
        let text = data_text(value).trim().to_owned();
        if cover_field(&header_key(&text)).is_some() {
            break;
        }
        if text.is_empty() || normalise(&text).starts_with("copyright") {
            continue;
        }
        parts.push(text);
    }
    parts.join("\n\n")
}

/// The title: the first text above the labels.
fn title_above(grid: &Grid, found: &[(CoverField, u32, u32)]) -> String {
    let top = found.iter().map(|(_, r, _)| *r).min().unwrap_or(0);
    grid.rows
        .range(..top)
        .flat_map(|(_, cells)| cells.values())
        .map(|v| data_text(v).trim().to_owned())
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

fn is_blank_row(grid: &Grid, row: u32) -> bool {
    grid.rows
        .get(&row)
        .is_none_or(|cells| cells.values().all(|v| data_text(v).trim().is_empty()))
}

/// The amendment table (every block of it: logs keep older blocks further down the sheet) and
/// the reviewers' and approvers' sign-offs of every block.
fn read_history(grid: &Grid, meta: &mut ProjectMetadata) -> bool {
    // Each amendment table: a row with Version and Amendment History headers.
    let mut headers = Vec::new();
    for (&row, cells) in &grid.rows {
        let key_at = |want: &[&str]| {
            cells
                .iter()
                .find(|(_, v)| want.contains(&header_key(&data_text(v)).as_str()))
                .map(|(c, _)| *c)
        };
        let version = key_at(&["version", "version no", "version number"]);
        let amendment = key_at(&[
            "amendment history",
            "amendment",
            "amendments",
            "summary of changes",
            "changes",
            "change",
            "description of change",
        ]);
        if let (Some(version), Some(amendment)) = (version, amendment) {
            headers.push((
                row,
                version,
                key_at(&["date", "version date", "issue date"]),
                amendment,
            ));
        }
    }
    if headers.is_empty() {
        return false;
    }
    for (header_row, version_col, date_col, amendment_col) in headers {
        let mut row = header_row + 1;
        while !is_blank_row(grid, row) && row < METADATA_ROWS {
            let first = grid.text(row, 0);
            if is_block_title(&first) {
                break;
            }
            meta.version_history.push(VersionHistoryLine {
                version: grid
                    .get(row, version_col)
                    .map(version_text)
                    .unwrap_or_default(),
                date: date_col
                    .map(|c| grid.text(row, c).trim().to_owned())
                    .unwrap_or_default(),
                amendment: grid.text(row, amendment_col).trim().to_owned(),
            });
            row += 1;
        }
    }
    meta.reviewers = read_sign_offs(grid, &["reviewers", "reviewed by", "review"]);
    meta.approvers = read_sign_offs(
        grid,
        &[
            "approved",
            "approvers",
            "approved by",
            "approval",
            "approvals",
        ],
    );
    true
}

fn is_block_title(text: &str) -> bool {
    matches!(
        header_key(text).as_str(),
        "reviewers"
            | "reviewed by"
            | "approved"
            | "approvers"
            | "approved by"
            | "approval"
            | "approvals"
            | "distribution"
            | "document status"
    )
}

const SIGN_OFF_HEADERS: [&str; 10] = [
    "name",
    "reviewer name",
    "approver name",
    "title/responsibility",
    "title",
    "role",
    "responsibility",
    "job title",
    "date",
    "version",
];

/// The people of every block titled one of `titles` (older blocks further down included).
fn read_sign_offs(grid: &Grid, titles: &[&str]) -> Vec<SignOff> {
    let title_rows: Vec<u32> = grid
        .rows
        .iter()
        .filter(|(_, cells)| {
            cells
                .values()
                .any(|v| titles.contains(&header_key(&data_text(v)).as_str()))
        })
        .map(|(&row, _)| row)
        .collect();
    title_rows
        .into_iter()
        .flat_map(|row| read_sign_off_block(grid, row))
        .collect()
}

/// The people of the block titled in `title_row`.
fn read_sign_off_block(grid: &Grid, title_row: u32) -> Vec<SignOff> {
    // The header row: within a few rows, naming Name.
    let Some((header_row, columns)) = (title_row + 1..title_row + 5).find_map(|row| {
        let cells = grid.rows.get(&row)?;
        let col_of = |want: &[&str]| {
            cells
                .iter()
                .find(|(_, v)| want.contains(&header_key(&data_text(v)).as_str()))
                .map(|(c, _)| *c)
        };
        let name = col_of(&["name", "reviewer name", "approver name"])?;
        Some((
            row,
            (
                name,
                col_of(&[
                    "title/responsibility",
                    "title",
                    "role",
                    "responsibility",
                    "job title",
                ]),
                col_of(&["date"]),
                col_of(&["version"]),
            ),
        ))
    }) else {
        return Vec::new();
    };
    let (name_col, title_col, date_col, version_col) = columns;
    let mut people = Vec::new();
    let mut row = header_row + 1;
    while !is_blank_row(grid, row) && row < METADATA_ROWS {
        let cells = &grid.rows[&row];
        // A block title starts the row (a version cell may read "Approved").
        if is_block_title(&grid.text(row, name_col)) {
            break;
        }
        let header_like = cells
            .values()
            .filter(|v| SIGN_OFF_HEADERS.contains(&header_key(&data_text(v)).as_str()))
            .count();
        if header_like < 2 {
            let text = |col: Option<u32>| {
                col.map(|c| grid.text(row, c).trim().to_owned())
                    .unwrap_or_default()
            };
            people.push(SignOff {
                name: text(Some(name_col)),
                title: text(title_col),
                date: text(date_col),
                version: version_col
                    .and_then(|c| grid.get(row, c))
                    .map(version_text)
                    .unwrap_or_default(),
            });
        }
        row += 1;
    }
    people
}
