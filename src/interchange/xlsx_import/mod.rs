//! Reading a hazard log from a spreadsheet, whatever its layout: the NHS workbook ("layout A"),
//! the CDS API log (one row per control), the GP Connect consumer log (no scores), and the like.
//!
//! The hazard sheet is found by its header row, not its name. Headers are compared trimmed,
//! whitespace-collapsed and case-insensitively, with synonyms. Every risk rating is recomputed
//! from severity and likelihood with the project's matrix, and any disagreement with the sheet is
//! reported with its cell address and noted on the hazard. Columns the importer cannot map are
//! kept on each hazard as extra fields, so that nothing is lost. The work is bounded: at most
//! [`MAX_ROWS`] rows are read and a cell's text is cut at [`MAX_CELL_BYTES`], with a warning.
//!
//! The stages, in order: [`workbook`] opens the file and reads cells within the limits;
//! [`headers`] finds the header row; [`columns`] maps each column to a field (loosely, by
//! [`loose`], when a header is not word for word); [`rows`] groups
//! the rows into hazards; [`hazard`] (with [`controls`] and [`assessments`]) builds each hazard;
//! [`ids`] numbers them; [`slips`] names rows that look like a slip in the source; [`metadata`] reads the cover page and version history; [`workshop`]
//! reads our own Meetings, Minutes and Actions sheets; [`kept`] keeps every other sheet;
//! [`report`] is what the user is told.

mod assessments;
mod columns;
mod controls;
mod damage;
mod error;
mod hazard;
mod headers;
mod ids;
mod kept;
mod loose;
mod metadata;
mod parts;
mod report;
mod rows;
mod slips;
mod table;
mod v36;
mod workbook;
mod workshop;

use std::path::Path;

use chrono::{DateTime, Utc};

use super::merge::{MergePlan, plan_merge_fields};
use crate::domain::{Hazard, Project, RiskMatrix};
use crate::interchange::workbook_xml::SheetLayout;
use columns::map_columns;
use damage::SheetError;
use hazard::{build_hazard, report_missing_statuses};
use headers::find_hazard_sheet;
use rows::{group_rows, named_ranges_on};
use table::Table;
use workbook::{Book, Grid, MAX_COLUMNS};

pub use error::ImportError;
pub use report::{ColumnMapping, ImportReport, ImportWarning, Truncation};
pub use workbook::{
    EXPANSION_FLOOR_BYTES, ImportLimits, MAX_CELL_BYTES, MAX_CELLS, MAX_EXPANSION, MAX_FILE_BYTES,
    MAX_ROWS, MAX_TEXT_BYTES, MAX_UNPACKED_BYTES, MAX_WHOLE_PART_BYTES,
};

/// The label of the extra field that records what the importer changed or could not read.
pub const IMPORT_NOTE: &str = "Import note";

/// A hazard log read from a spreadsheet, with the account of how it was read.
#[derive(Clone, Debug)]
pub struct ImportResult {
    pub project: Project,
    pub report: ImportReport,
}

impl ImportResult {
    /// How to merge this import into an open project: only the fields the spreadsheet has
    /// columns for are compared (a log without a Status column does not reset statuses).
    pub fn plan_merge(&self, current: &Project) -> MergePlan {
        plan_merge_fields(current, &self.project, &self.report.fields)
    }

    /// Whether the hazard sheet was read to its end. An incomplete import is not the whole
    /// log: the command line refuses it, and the app says so before anything else.
    pub fn is_complete(&self) -> bool {
        self.report.truncated.is_none()
    }
}

/// Reads the hazard log in `path`, checking every risk rating against `matrix` (which the new
/// project gets).
pub fn import_workbook(path: &Path, matrix: &RiskMatrix) -> Result<ImportResult, ImportError> {
    import_workbook_at(path, matrix, Utc::now())
}

/// [`import_workbook`] with the creation time of the new hazards given (for tests).
pub fn import_workbook_at(
    path: &Path,
    matrix: &RiskMatrix,
    now: DateTime<Utc>,
) -> Result<ImportResult, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            reason: format!(
                "{} MB; the limit is {} MB",
                size >> 20,
                MAX_FILE_BYTES >> 20
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    import_bytes(bytes, path, matrix, now, &ImportLimits::default())
}

/// Reads a hazard log from the bytes of a spreadsheet file; `path` names it in messages.
pub fn import_bytes(
    bytes: Vec<u8>,
    path: &Path,
    matrix: &RiskMatrix,
    now: DateTime<Utc>,
    limits: &ImportLimits,
) -> Result<ImportResult, ImportError> {
    let mut book = Book::open(bytes, path)?;
    let sheets = book.sheets();
    let mut report = ImportReport {
        file: path.to_path_buf(),
        matrix_name: matrix.name.clone(),
        ..ImportReport::default()
    };
    let search = find_hazard_sheet(&mut book, &sheets);
    let Some((sheet_index, header_row)) = search.found else {
        return Err(no_hazard_sheet(path, sheets, search.unreadable));
    };
    for error in &search.unreadable {
        report.warn(None, format!("{error}; nothing in it was imported"));
    }
    let sheet = sheets[sheet_index].0.clone();
    report.sheet = sheet.clone();
    report.header_row = header_row + 1;

    let last_row = header_row.saturating_add(limits.max_rows);
    let (grid, sheet_layout) =
        read_hazard_grid(&mut book, &sheet, last_row, limits, path, &mut report)?;
    let links = book.hyperlinks(&sheet);
    let named_ranges = named_ranges_on(&book.defined_names(), &sheet);
    let table = Table {
        sheet: &sheet,
        grid: &grid,
        layout: &sheet_layout,
        links: &links,
        header_row,
        last_row,
    };
    let columns = map_columns(&table, &mut report);
    table.report_unstored_formulas(&mut report);
    let groups = group_rows(&table, &columns, &named_ranges, &mut report);
    let hazards: Vec<Hazard> = groups
        .iter()
        .map(|group| build_hazard(&table, &columns, group, matrix, now, &mut report))
        .collect();
    report.hazards_created = hazards.len();
    report_missing_statuses(&columns, &groups, &mut report);
    if hazards.is_empty() {
        report.warn(
            None,
            format!(
                "'{sheet}' has a hazard log header row (row {}) but no hazards below it.",
                header_row + 1
            ),
        );
    }
    let mut project = Project {
        matrix: matrix.clone(),
        ..Project::default()
    };
    ids::number_hazards(
        &mut project,
        hazards,
        &groups,
        &table,
        &columns,
        &mut report,
    );
    slips::report_slips(&project.hazards, &groups, &table, &columns, &mut report);
    let skip: Vec<&str> = search.unreadable.iter().map(|e| e.sheet.as_str()).collect();
    project.metadata = metadata::read_metadata(&mut book, &sheets, &sheet, &skip, &mut report);
    let workshop = workshop::read_workshop_sheets(&mut book, &sheets, &mut project, &mut report);
    let coverage = read_coverage_sheet(&mut book, &sheets, &mut project, limits, &mut report);
    let metadata_sheets = report.metadata_sheets.clone();
    let read: Vec<&str> = std::iter::once(sheet.as_str())
        .chain(skip.iter().copied())
        .chain(metadata_sheets.iter().map(String::as_str))
        .chain(workshop.iter().map(String::as_str))
        .chain(coverage)
        .collect();
    let mut kept_sheets =
        kept::keep_leftovers(&mut book, &metadata_sheets, &project.metadata, &mut report);
    kept_sheets.extend(kept::keep_other_sheets(
        &mut book,
        &sheets,
        &read,
        &mut report,
    ));
    project.metadata.kept_sheets = kept_sheets;
    Ok(ImportResult { project, report })
}

/// Our own export's Coverage sheet, if the workbook has one ([`super::coverage_sheet`]): its
/// name when it was read.
fn read_coverage_sheet(
    book: &mut Book,
    sheets: &[(String, bool)],
    project: &mut Project,
    limits: &ImportLimits,
    report: &mut ImportReport,
) -> Option<&'static str> {
    use super::coverage_sheet::{COVERAGE_COLUMNS, COVERAGE_SHEET as name};
    if !sheets.iter().any(|(s, _)| s == name) {
        return None;
    }
    let grid = match book.read_grid(
        name,
        limits.max_rows,
        COVERAGE_COLUMNS as u32,
        limits.max_cell_bytes,
        None,
    ) {
        Ok(grid) => grid,
        Err(error) => {
            report.warn(None, format!("{error}; no coverage was imported"));
            return None;
        }
    };
    if grid.more_below || grid.cut_short.is_some() {
        report.warn(
            None,
            format!("The {name} sheet was not read to its end; the records past the limit were left out."),
        );
    }
    let rows: Vec<Vec<String>> = grid
        .rows
        .keys()
        .filter(|row| **row > 0)
        .map(|row| {
            (0..COVERAGE_COLUMNS)
                .map(|col| grid.text(*row, col as u32))
                .collect()
        })
        .collect();
    for note in super::coverage_sheet::read_coverage(&rows, project) {
        report.warn(None, note);
    }
    Some(name)
}

/// No sheet has a hazard log header: because the workbook is damaged, when a sheet could not
/// be read, or because it holds no hazard log.
fn no_hazard_sheet(
    path: &Path,
    sheets: Vec<(String, bool)>,
    unreadable: Vec<SheetError>,
) -> ImportError {
    match unreadable.first() {
        Some(first) => ImportError::Damaged {
            path: path.to_path_buf(),
            reason: match unreadable.len() {
                1 => first.to_string(),
                n => format!(
                    "{first} (and {} other sheet{} cannot either)",
                    n - 1,
                    if n == 2 { "" } else { "s" }
                ),
            },
        },
        None => ImportError::NoHazardSheet {
            path: path.to_path_buf(),
            sheets: sheets.into_iter().map(|(name, _)| name).collect(),
        },
    }
}

/// The hazard sheet's cells down to `last_row` (and two rows more, to tell whether the sheet
/// goes on), and its layout; a sheet cut short is reported, and marks the import incomplete.
fn read_hazard_grid(
    book: &mut Book,
    sheet: &str,
    last_row: u32,
    limits: &ImportLimits,
    path: &Path,
    report: &mut ImportReport,
) -> Result<(Grid, SheetLayout), ImportError> {
    let (grid, layout) = book.read_grid_and_layout(
        sheet,
        last_row.saturating_add(2),
        MAX_COLUMNS,
        limits.max_cell_bytes,
        Some(report),
        last_row,
    );
    let grid = grid.map_err(|error| ImportError::Damaged {
        path: path.to_path_buf(),
        reason: error.to_string(),
    })?;
    if grid.more_below
        || grid
            .rows
            .range(last_row.saturating_add(1)..)
            .next()
            .is_some()
    {
        report.warn(
            None,
            format!(
                "Only the first {} rows below the header row were read; the rest of the \
                 sheet was left out.",
                limits.max_rows
            ),
        );
        report.truncated = Some(Truncation::Rows {
            limit: limits.max_rows,
        });
    }
    if let Some(cut) = grid.cut_short {
        report.truncated = Some(cut);
    }
    Ok((grid, layout.unwrap_or_default()))
}
