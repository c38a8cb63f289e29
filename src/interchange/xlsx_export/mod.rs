//! The project as an NHS hazard log workbook in the 19-column "layout A" (see
//! [`super::layout`]), plus the workshop records: `Cover Page`, `Version History`, `Hazard Log`,
//! `Risk Matrix`, then `Actions`, `Meetings` and `Minutes`. The default export, the v3.6
//! template, is [`super::nhs_v36`]; it shares the cover, history, matrix and workshop sheets
//! written here.
//!
//! Every text is written as a string cell (never a formula, whatever it starts with). Risk cells
//! hold a formula that looks the rating up in the `Risk Matrix` sheet, with the correct rating as
//! its cached value and the rating's fixed NHS fill (plus conditional fills, so the colour follows
//! the number when the sheet is edited). Theme colours are never used.
//!
//! How the app's fields fit the NHS columns (the importer reads all of these back):
//! - causes and existing controls are numbered lines in one cell (`1) …\n2) …`; one item alone
//!   is not numbered);
//! - additional controls go to Design / Test / Training / BPC by kind, numbered within each
//!   column, each followed by ` (Owner: X; Evidence: Y)` when it has an owner or evidence;
//! - Status holds `Open`, `Closed` or `Transferred` as the NHS list has them, and
//!   `New for triage` or `Withdrawn: reason` for the app's other two states. Excel's list
//!   validation treats those two as not in the list (its "circle invalid data" marks them);
//!   that is deliberate: the NHS list has no such states, and the words keep the record;
//! - the acceptance (ALARP) rationale follows Status in column T, then effect, hazard, initial
//!   justification and date added (`YYYY-MM-DD`) in U-X (`layout::OUR_COLUMNS`), then one column per extra
//!   field label (a label repeated within a hazard gets one column per repeat).

mod cover_sheets;
mod hazard_log;
mod kept_sheets;
mod risk_matrix;
mod workshop_sheets;
#[allow(unused_imports)]
pub(in crate::interchange) use cover_sheets::*;
#[allow(unused_imports)]
pub(in crate::interchange) use hazard_log::*;
#[allow(unused_imports)]
pub(in crate::interchange) use kept_sheets::*;
#[allow(unused_imports)]
pub(in crate::interchange) use risk_matrix::*;
#[allow(unused_imports)]
pub(in crate::interchange) use workshop_sheets::*;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, DataValidation, DocProperties, Format,
    FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::cell_text::{format_controls, format_existing_controls, format_list, format_status};
use super::layout::{self, HAZARD_COLUMNS, col, cover};
use crate::domain::{
    AttendanceStatus, ControlKind, Hazard, HazardKey, Likelihood, Meeting, MeetingKey, Person,
    PersonKey, Project, ProjectMetadata, RiskMatrix, RiskRating, Severity, SignOff,
};
use crate::storage::project_file::write_atomically;

/// Which NHS hazard log layout to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportLayout {
    /// The official NHS Digital template, version 3.6 ([`super::nhs_v36`]).
    #[default]
    NhsV36,
    /// The 19-column layout of the NRL and GP Connect logs ([`super::layout`]).
    LayoutA,
}

impl ExportLayout {
    /// The name the command line takes (`--layout nhs-v3.6|layout-a`).
    pub fn cli_name(self) -> &'static str {
        match self {
            ExportLayout::NhsV36 => "nhs-v3.6",
            ExportLayout::LayoutA => "layout-a",
        }
    }

    pub fn from_cli_name(name: &str) -> Option<ExportLayout> {
        [ExportLayout::NhsV36, ExportLayout::LayoutA]
            .into_iter()
            .find(|layout| layout.cli_name() == name)
    }
}

/// What to put in the workbook.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Write withdrawn hazards too (their Status cell reads `Withdrawn: reason`).
    pub include_withdrawn: bool,
    pub layout: ExportLayout,
}

/// Why a workbook could not be written. Nothing is written to disk on error.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{cell} would hold {length} characters, but an Excel cell holds at most {MAX_CELL_CHARS}. \
         Shorten that text and export again."
    )]
    TextTooLong { cell: String, length: usize },
    #[error("Could not build the workbook: {0}")]
    Workbook(String),
    #[error("Could not write “{}”: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl From<XlsxError> for ExportError {
    fn from(err: XlsxError) -> Self {
        ExportError::Workbook(err.to_string())
    }
}

impl ExportError {
    pub(super) fn in_hazard(self, hazard: &Hazard, column: &str) -> ExportError {
        match self {
            ExportError::TextTooLong { cell, length } => ExportError::TextTooLong {
                cell: format!("{cell} ({column} of hazard {})", hazard.display_id),
                length,
            },
            other => other,
        }
    }
}

/// Excel's limit on the text of one cell, in UTF-16 code units.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Data validations and risk fills reach this many rows past the last hazard, so that rows
/// added in Excel get the drop-down lists too.
const SPARE_ROWS: u32 = 500;

/// The workbook as bytes in the layout `options` asks for, ready for [`write_atomically`].
pub fn export_workbook(project: &Project, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    match options.layout {
        ExportLayout::NhsV36 => super::nhs_v36::export_workbook(project, options),
        ExportLayout::LayoutA => export_layout_a(project, options),
    }
}

/// The document title for the workbook's properties.
pub(super) fn document_title(project: &Project) -> &str {
    if project.metadata.document_title.is_empty() {
        "Clinical Safety Hazard Log"
    } else {
        &project.metadata.document_title
    }
}

/// Appends the `Actions`, `Meetings` and `Minutes` sheets, then the imported sheets the
/// project keeps.
pub(super) fn push_workshop_sheets(
    workbook: &mut Workbook,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    let mut sheet = new_sheet(layout::ACTIONS_SHEET)?;
    write_actions(&mut sheet, project, styles)?;
    workbook.push_worksheet(sheet);
    let mut sheet = new_sheet(layout::MEETINGS_SHEET)?;
    write_meetings(&mut sheet, project, styles)?;
    workbook.push_worksheet(sheet);
    let mut sheet = new_sheet(layout::MINUTES_SHEET)?;
    write_minutes(&mut sheet, project, styles)?;
    workbook.push_worksheet(sheet);
    super::coverage_sheet::push_coverage_sheet(workbook, project, styles)?;
    push_kept_sheets(workbook, project, styles)
}

/// The hazards an export writes: all of them, or all but the withdrawn.
pub(in crate::interchange) fn exported_hazards<'a>(
    project: &'a Project,
    options: &ExportOptions,
) -> Vec<&'a Hazard> {
    project
        .hazards
        .iter()
        .filter(|h| options.include_withdrawn || !h.status.is_withdrawn())
        .collect()
}

/// An empty workbook titled after the project, saying in its properties what wrote it.
pub(in crate::interchange) fn new_workbook(project: &Project, comment: &str) -> Workbook {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(document_title(project))
            .set_comment(comment),
    );
    workbook
}

fn export_layout_a(project: &Project, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let styles = Styles::new();
    let hazards = exported_hazards(project, options);
    let mut workbook = new_workbook(
        project,
        "Exported by Hazard Workshop (DCB0129 hazard log, NHS layout)",
    );

    let mut sheets = Vec::new();
    let mut sheet = new_sheet(layout::COVER_SHEET)?;
    write_cover(&mut sheet, &project.metadata, &styles)?;
    sheets.push(sheet);

    let mut sheet = new_sheet(layout::VERSION_SHEET)?;
    write_version_history(&mut sheet, &project.metadata, &styles)?;
    sheets.push(sheet);

    let mut sheet = new_sheet(layout::HAZARD_SHEET)?;
    write_hazard_log(&mut sheet, project, &hazards, &styles)?;
    sheet.set_active(true);
    sheets.push(sheet);

    let mut sheet = new_sheet(layout::MATRIX_SHEET)?;
    write_risk_matrix(&mut sheet, &project.matrix, &styles)?;
    sheets.push(sheet);

    for sheet in sheets {
        workbook.push_worksheet(sheet);
    }
    push_workshop_sheets(&mut workbook, project, &styles)?;
    workbook.define_name(
        layout::CONSEQUENCE_NAME,
        &format!("={}", layout::CONSEQUENCE_RANGE),
    )?;
    workbook.define_name(
        layout::LIKELIHOOD_NAME,
        &format!("={}", layout::LIKELIHOOD_RANGE),
    )?;
    Ok(workbook.save_to_buffer()?)
}

/// Exports and writes the workbook atomically: `path` holds either its old content or the whole
/// new workbook, never a part.
pub fn export_to_path(
    project: &Project,
    options: &ExportOptions,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = export_workbook(project, options)?;
    write_atomically(path, &bytes).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

pub(super) fn new_sheet(name: &str) -> Result<Worksheet, ExportError> {
    let mut sheet = Worksheet::new();
    sheet.set_name(name)?;
    Ok(sheet)
}

/// Every format the workbook uses. Fills are fixed RGB, never theme colours.
pub(super) struct Styles {
    header: Format,
    text: Format,
    text_quoted: Format,
    centred: Format,
    risk: [Format; 5],
    risk_blank: Format,
    title: Format,
    label: Format,
    plain: Format,
    wrap_top: Format,
    wrap_top_quoted: Format,
    matrix_label: Format,
    matrix_heading: Format,
    matrix_rotated: Format,
    matrix_text: Format,
    matrix_cells: [Format; 5],
}

fn base_font() -> Format {
    Format::new().set_font_name("Arial").set_font_size(10)
}

pub(super) fn rating_fill(rating: RiskRating) -> Color {
    let rgb = rating.colour();
    Color::RGB(u32::from(rgb.0) << 16 | u32::from(rgb.1) << 8 | u32::from(rgb.2))
}

impl Styles {
    pub(super) fn new() -> Styles {
        let bordered = base_font()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        let centred = bordered.clone().set_align(FormatAlign::Center);
        let risk = RiskRating::ALL.map(|r| {
            centred
                .clone()
                .set_bold()
                .set_background_color(rating_fill(r))
        });
        let matrix_cell = base_font()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin);
        let wrap_top = base_font().set_text_wrap().set_align(FormatAlign::Top);
        Styles {
            header: Format::new()
                .set_font_name("Arial")
                .set_font_size(12)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(layout::HEADER_FILL)),
            text_quoted: bordered.clone().set_quote_prefix(),
            text: bordered,
            risk_blank: centred.clone(),
            centred,
            risk,
            title: base_font().set_bold().set_font_size(14),
            label: base_font().set_bold().set_align(FormatAlign::Top),
            plain: base_font(),
            wrap_top_quoted: wrap_top.clone().set_quote_prefix(),
            wrap_top,
            matrix_label: matrix_cell.clone().set_text_wrap(),
            matrix_heading: matrix_cell.clone().set_text_wrap(),
            matrix_rotated: matrix_cell.clone().set_rotation(90),
            matrix_text: base_font()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin),
            matrix_cells: RiskRating::ALL
                .map(|r| matrix_cell.clone().set_background_color(rating_fill(r))),
        }
    }
}

/// Text Excel would take for a formula if the cell were edited; written with a quote prefix.
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@'])
}

pub(super) fn check_length(
    sheet: &Worksheet,
    row: u32,
    col: u16,
    text: &str,
) -> Result<(), ExportError> {
    let length = text.encode_utf16().count();
    if length > MAX_CELL_CHARS {
        return Err(ExportError::TextTooLong {
            cell: layout::cell_address(sheet.name().as_str(), row, u32::from(col)),
            length,
        });
    }
    Ok(())
}

/// Writes `text` as a string cell (a blank cell with the format when empty).
pub(super) fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
    quoted: &Format,
) -> Result<(), ExportError> {
    check_length(sheet, row, col, text)?;
    if text.is_empty() {
        sheet.write_blank(row, col, format)?;
    } else {
        let format = if looks_like_formula(text) {
            quoted
        } else {
            format
        };
        sheet.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// A cell of data: bordered, wrapped, top-aligned.
fn cell(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    text: &str,
) -> Result<(), ExportError> {
    write_text(sheet, row, col, text, &styles.text, &styles.text_quoted)
}

/// A merged block of wrapped text (string cell; merged cells cannot hold a quote prefix
/// differently from plain ones, so the format is chosen the same way).
#[allow(clippy::too_many_arguments)]
fn merged_text(
    sheet: &mut Worksheet,
    first_row: u32,
    first_col: u16,
    last_row: u32,
    last_col: u16,
    text: &str,
    format: &Format,
    quoted: &Format,
) -> Result<(), ExportError> {
    check_length(sheet, first_row, first_col, text)?;
    let format = if looks_like_formula(text) {
        quoted
    } else {
        format
    };
    if first_row == last_row && first_col == last_col {
        if text.is_empty() {
            sheet.write_blank(first_row, first_col, format)?;
        } else {
            sheet.write_string_with_format(first_row, first_col, text, format)?;
        }
    } else {
        sheet.merge_range(first_row, first_col, last_row, last_col, text, format)?;
    }
    Ok(())
}

fn header_row(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    headers: &[(&str, f64)],
) -> Result<(), ExportError> {
    for (i, (header, width)) in headers.iter().enumerate() {
        let col = i as u16;
        sheet.write_string_with_format(row, col, *header, &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_row_height(row, 30)?;
    Ok(())
}
