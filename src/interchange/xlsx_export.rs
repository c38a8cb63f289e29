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
//! - the acceptance (ALARP) rationale follows Status in column T, then one column per extra
//!   field label (a label repeated within a hazard gets one column per repeat).

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

/// Appends the `Actions`, `Meetings` and `Minutes` sheets.
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
    Ok(())
}

fn export_layout_a(project: &Project, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let styles = Styles::new();
    let hazards: Vec<&Hazard> = project
        .hazards
        .iter()
        .filter(|h| options.include_withdrawn || !h.status.is_withdrawn())
        .collect();

    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(document_title(project))
            .set_comment("Exported by Hazard Workshop (DCB0129 hazard log, NHS layout)"),
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

// ---------------------------------------------------------------------------------------------
// Cover Page and Version History (NHS cell maps).

pub(super) fn write_cover(
    sheet: &mut Worksheet,
    meta: &ProjectMetadata,
    styles: &Styles,
) -> Result<(), ExportError> {
    for (col, width) in [23.9, 22.0, 22.8, 22.0, 14.5].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let title_quoted = styles.title.clone().set_quote_prefix();
    merged_text(
        sheet,
        7,
        0,
        7,
        3,
        &meta.document_title,
        &styles.title,
        &title_quoted,
    )?;
    // (row, label col, label, value row, value col, value)
    let fields: [(u32, u16, &str, u32, u16, &str); 14] = [
        (8, 0, cover::PROGRAMME, 8, 1, &meta.programme),
        (8, 2, cover::DOCUMENT_ID, 9, 2, &meta.document_id),
        (9, 0, cover::PROJECT, 9, 1, &meta.project),
        (10, 0, cover::DIRECTOR, 10, 1, &meta.programme_director),
        (10, 2, cover::STATUS, 10, 3, meta.document_status.label()),
        (11, 0, cover::OWNER, 11, 1, &meta.owner),
        (11, 2, cover::VERSION, 11, 3, &meta.document_version),
        (12, 0, cover::AUTHOR, 12, 1, &meta.author),
        (12, 2, cover::VERSION_DATE, 12, 3, &meta.version_date),
        (13, 0, cover::SYSTEM, 13, 1, &meta.system_name),
        (13, 2, cover::SYSTEM_VERSION, 13, 3, &meta.system_version),
        (14, 0, cover::ORGANISATION, 14, 1, &meta.organisation),
        (14, 2, cover::CSO, 14, 3, &meta.clinical_safety_officer),
        (16, 0, cover::PURPOSE, 16, 0, ""),
    ];
    // Each row as tall as its longest value needs (values sit in columns about 22 wide).
    for row in 8..=14 {
        let lines = fields
            .iter()
            .filter(|field| field.3 == row)
            .map(|field| wrapped_lines(field.5, 22.0))
            .max()
            .unwrap_or(1);
        sheet.set_row_height(row, row_height_for(lines))?;
    }
    for (row, col, label, value_row, value_col, value) in fields {
        sheet.write_string_with_format(row, col, label, &styles.label)?;
        if !value.is_empty() {
            write_text(
                sheet,
                value_row,
                value_col,
                value,
                &styles.wrap_top,
                &styles.wrap_top_quoted,
            )?;
        }
    }
    if !meta.document_purpose.is_empty() {
        merged_text(
            sheet,
            17,
            0,
            27,
            4,
            &meta.document_purpose,
            &styles.wrap_top,
            &styles.wrap_top_quoted,
        )?;
    }
    Ok(())
}

pub(super) fn write_version_history(
    sheet: &mut Worksheet,
    meta: &ProjectMetadata,
    styles: &Styles,
) -> Result<(), ExportError> {
    for (col, width) in [12.0, 14.0, 31.6, 17.6, 17.6].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let title = styles.title.clone();
    sheet.merge_range(0, 0, 0, 4, "Amendment History", &title)?;
    for (col, header) in ["Version", "Date"].into_iter().enumerate() {
        sheet.write_string_with_format(1, col as u16, header, &styles.header)?;
    }
    sheet.merge_range(1, 2, 1, 4, "Amendment History", &styles.header)?;
    let mut row = 2;
    for line in &meta.version_history {
        if line.version.is_empty() && line.date.is_empty() && line.amendment.is_empty() {
            continue;
        }
        cell(sheet, styles, row, 0, &line.version)?;
        cell(sheet, styles, row, 1, &line.date)?;
        // The amendment spans C:E, about 67 characters wide.
        sheet.set_row_height(row, row_height_for(wrapped_lines(&line.amendment, 66.0)))?;
        merged_text(
            sheet,
            row,
            2,
            row,
            4,
            &line.amendment,
            &styles.text,
            &styles.text_quoted,
        )?;
        row += 1;
    }
    row += 2;
    row = write_sign_offs(
        sheet,
        styles,
        row,
        "Reviewers",
        "This document must be reviewed by the following:",
        &meta.reviewers,
    )?;
    write_sign_offs(
        sheet,
        styles,
        row + 2,
        "Approved",
        "This document must be approved by the following:",
        &meta.approvers,
    )?;
    Ok(())
}

/// A reviewers or approvers block; returns the row after it.
fn write_sign_offs(
    sheet: &mut Worksheet,
    styles: &Styles,
    mut row: u32,
    title: &str,
    intro: &str,
    people: &[SignOff],
) -> Result<u32, ExportError> {
    sheet.merge_range(row, 0, row, 4, title, &styles.title)?;
    sheet.merge_range(row + 1, 0, row + 1, 4, intro, &styles.plain)?;
    row += 2;
    sheet.merge_range(row, 0, row, 1, "Name", &styles.header)?;
    for (col, header) in ["Title / Responsibility", "Date", "Version"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string_with_format(row, col as u16 + 2, header, &styles.header)?;
    }
    row += 1;
    for person in people {
        if person.name.is_empty()
            && person.title.is_empty()
            && person.date.is_empty()
            && person.version.is_empty()
        {
            continue;
        }
        merged_text(
            sheet,
            row,
            0,
            row,
            1,
            &person.name,
            &styles.text,
            &styles.text_quoted,
        )?;
        cell(sheet, styles, row, 2, &person.title)?;
        cell(sheet, styles, row, 3, &person.date)?;
        cell(sheet, styles, row, 4, &person.version)?;
        row += 1;
    }
    Ok(row)
}

// ---------------------------------------------------------------------------------------------
// Hazard Log.

/// `=IF(OR(G2="",H2=""),"",INDEX(...))`: the rating looked up in the Risk Matrix sheet.
fn risk_formula(excel_row: u32, severity_col: u16, likelihood_col: u16) -> String {
    let s = format!(
        "{}{excel_row}",
        layout::column_letter(u32::from(severity_col))
    );
    let l = format!(
        "{}{excel_row}",
        layout::column_letter(u32::from(likelihood_col))
    );
    format!(
        "=IF(OR({s}=\"\",{l}=\"\"),\"\",INDEX('Risk Matrix'!$D$2:$H$6,MATCH({l},{lik},0),MATCH({s},{con},0)))",
        lik = layout::LIKELIHOOD_NAME,
        con = layout::CONSEQUENCE_NAME
    )
}

/// The columns extra fields go in (after the rationale column in layout A, after the app's own
/// columns in v3.6): one per label, and one more for each repeat of a label within a hazard, in
/// order of first appearance.
pub(super) fn extra_columns(hazards: &[&Hazard]) -> Vec<(String, usize)> {
    let mut columns: Vec<(String, usize)> = Vec::new();
    for hazard in hazards {
        let mut seen: Vec<&str> = Vec::new();
        for extra in &hazard.extra_fields {
            let occurrence = seen.iter().filter(|l| **l == extra.label).count();
            seen.push(&extra.label);
            let key = (extra.label.clone(), occurrence);
            if !columns.contains(&key) {
                columns.push(key);
            }
        }
    }
    columns
}

fn write_hazard_log(
    sheet: &mut Worksheet,
    project: &Project,
    hazards: &[&Hazard],
    styles: &Styles,
) -> Result<(), ExportError> {
    // Unscored rows: the risk formula's cached result is blank, not Excel's default 0.
    sheet.set_formula_result_default("");
    header_row(sheet, styles, 0, &HAZARD_COLUMNS)?;
    let extras = extra_columns(hazards);
    let mut last_col = col::RATIONALE;
    sheet.write_string_with_format(0, col::RATIONALE, layout::RATIONALE_HEADER, &styles.header)?;
    sheet.set_column_width(col::RATIONALE, 40)?;
    for (i, (label, _)) in extras.iter().enumerate() {
        let column = col::RATIONALE + 1 + i as u16;
        check_length(sheet, 0, column, label)?;
        sheet.write_string_with_format(0, column, label, &styles.header)?;
        sheet.set_column_width(column, 30)?;
        last_col = column;
    }

    for (i, hazard) in hazards.iter().enumerate() {
        let row = i as u32 + 1;
        write_hazard_row(sheet, project, hazard, row, &extras, styles)?;
    }

    let last_hazard_row = hazards.len() as u32;
    let last_row = last_hazard_row + SPARE_ROWS;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_hazard_row.max(1), last_col)?;

    let consequence = DataValidation::new()
        .allow_list_formula(Formula::new(format!("={}", layout::CONSEQUENCE_NAME)));
    let likelihood = DataValidation::new()
        .allow_list_formula(Formula::new(format!("={}", layout::LIKELIHOOD_NAME)));
    let status = DataValidation::new().allow_list_strings(&layout::STATUS_LIST)?;
    for column in [col::INITIAL_SEVERITY, col::RESIDUAL_SEVERITY] {
        sheet.add_data_validation(1, column, last_row, column, &consequence)?;
    }
    for column in [col::INITIAL_LIKELIHOOD, col::RESIDUAL_LIKELIHOOD] {
        sheet.add_data_validation(1, column, last_row, column, &likelihood)?;
    }
    sheet.add_data_validation(1, col::STATUS, last_row, col::STATUS, &status)?;

    // The fill follows the number if the sheet is edited later.
    for column in [col::INITIAL_RISK, col::RESIDUAL_RISK] {
        for (rating, format) in RiskRating::ALL.iter().zip(&styles.risk) {
            let rule = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(u32::from(
                    rating.value(),
                )))
                .set_format(format);
            sheet.add_conditional_format(1, column, last_row, column, &rule)?;
        }
    }
    Ok(())
}

/// How many lines `text` takes in a column `width` characters wide (Arial 10 fits about one
/// character per unit of width), counting its own line breaks.
pub(super) fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.1).max(4.0) as usize;
    text.split('\n')
        .map(|line| line.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// Points for `lines` lines of Arial 10, capped at Excel's maximum row height.
fn row_height_for(lines: usize) -> f64 {
    (lines as f64 * 12.75 + 3.0).clamp(15.0, 409.0)
}

fn write_hazard_row(
    sheet: &mut Worksheet,
    project: &Project,
    hazard: &Hazard,
    row: u32,
    extras: &[(String, usize)],
    styles: &Styles,
) -> Result<(), ExportError> {
    let label = |s: Option<&'static str>| s.unwrap_or_default();
    let texts: [(u16, String); 16] = [
        (col::ID, hazard.display_id.clone()),
        (col::NAME, hazard.name.clone()),
        (col::DESCRIPTION, hazard.description.clone()),
        (col::IMPACT, hazard.harm.clone()),
        (col::CAUSES, format_list(&hazard.causes)),
        (
            col::EXISTING,
            format_existing_controls(&hazard.existing_controls),
        ),
        (
            col::DESIGN,
            format_controls(&hazard.additional_controls, ControlKind::Design),
        ),
        (
            col::TEST,
            format_controls(&hazard.additional_controls, ControlKind::Test),
        ),
        (
            col::TRAINING,
            format_controls(&hazard.additional_controls, ControlKind::Training),
        ),
        (
            col::BPC,
            format_controls(
                &hazard.additional_controls,
                ControlKind::BusinessProcessChange,
            ),
        ),
        (col::NOTES, hazard.actions_and_notes.clone()),
        (col::OWNER, hazard.owner.clone()),
        (col::RATIONALE, hazard.residual_justification.clone()),
        (
            col::INITIAL_SEVERITY,
            label(hazard.initial.severity.map(Severity::label)).to_owned(),
        ),
        (
            col::RESIDUAL_SEVERITY,
            label(hazard.residual.severity.map(Severity::label)).to_owned(),
        ),
        (col::STATUS, format_status(&hazard.status)),
    ];
    // Spreadsheet apps do not grow a row to fit wrapped text written by a program (LibreOffice
    // overlaps it, Excel cuts it off): give each row the height its longest cell needs.
    let lines = texts
        .iter()
        .map(|(column, text)| {
            let width = HAZARD_COLUMNS
                .get(usize::from(*column))
                .map_or(40.0, |(_, width)| *width);
            wrapped_lines(text, width)
        })
        .max()
        .unwrap_or(1);
    sheet.set_row_height(row, row_height_for(lines))?;
    for (column, text) in &texts {
        let centred = matches!(
            *column,
            col::INITIAL_SEVERITY | col::RESIDUAL_SEVERITY | col::STATUS
        );
        let format = if centred {
            &styles.centred
        } else {
            &styles.text
        };
        write_text(sheet, row, *column, text, format, &styles.text_quoted)
            .map_err(|e| e.in_hazard(hazard, column_header(*column)))?;
    }
    for (column, likelihood) in [
        (col::INITIAL_LIKELIHOOD, hazard.initial.likelihood),
        (col::RESIDUAL_LIKELIHOOD, hazard.residual.likelihood),
    ] {
        let text = likelihood.map(Likelihood::label).unwrap_or_default();
        write_text(sheet, row, column, text, &styles.centred, &styles.centred)?;
    }

    let excel_row = row + 1;
    for (column, assessment, severity_col, likelihood_col) in [
        (
            col::INITIAL_RISK,
            &hazard.initial,
            col::INITIAL_SEVERITY,
            col::INITIAL_LIKELIHOOD,
        ),
        (
            col::RESIDUAL_RISK,
            &hazard.residual,
            col::RESIDUAL_SEVERITY,
            col::RESIDUAL_LIKELIHOOD,
        ),
    ] {
        let formula = Formula::new(risk_formula(excel_row, severity_col, likelihood_col));
        let (formula, format) = match assessment.rating(&project.matrix) {
            Some(rating) => (
                formula.set_result(rating.value().to_string()),
                &styles.risk[usize::from(rating.value() - 1)],
            ),
            None => (formula.set_result(""), &styles.risk_blank),
        };
        sheet.write_formula_with_format(row, column, formula, format)?;
    }

    let mut seen: Vec<&str> = Vec::new();
    for extra in &hazard.extra_fields {
        let occurrence = seen.iter().filter(|l| **l == extra.label).count();
        seen.push(&extra.label);
        let index = extras
            .iter()
            .position(|(label, n)| *label == extra.label && *n == occurrence)
            .expect("every extra field has a column");
        let column = col::RATIONALE + 1 + index as u16;
        cell(sheet, styles, row, column, &extra.value)
            .map_err(|e| e.in_hazard(hazard, &extra.label))?;
    }
    Ok(())
}

fn column_header(column: u16) -> &'static str {
    HAZARD_COLUMNS
        .get(usize::from(column))
        .map(|(h, _)| *h)
        .unwrap_or(layout::RATIONALE_HEADER)
}

// ---------------------------------------------------------------------------------------------
// Risk Matrix (the NHS sheet, with the project's matrix).

pub(super) fn write_risk_matrix(
    sheet: &mut Worksheet,
    matrix: &RiskMatrix,
    styles: &Styles,
) -> Result<(), ExportError> {
    let widths = [
        2.28, 5.28, 11.05, 12.33, 12.33, 12.33, 12.33, 12.33, 3.55, 13.33, 56.05, 14.16,
    ];
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.merge_range(1, 1, 5, 1, "Likelihood", &styles.matrix_rotated)?;
    for (i, likelihood) in Likelihood::ALL.iter().rev().enumerate() {
        let row = 1 + i as u32;
        sheet.set_row_height(row, 28)?;
        sheet.write_string_with_format(row, 2, likelihood.label(), &styles.matrix_label)?;
        for (j, severity) in Severity::ALL.iter().enumerate() {
            let rating = matrix.rating(*severity, *likelihood);
            sheet.write_number_with_format(
                row,
                3 + j as u16,
                rating.value(),
                &styles.matrix_cells[usize::from(rating.value() - 1)],
            )?;
        }
    }
    for (j, severity) in Severity::ALL.iter().enumerate() {
        sheet.write_string_with_format(6, 3 + j as u16, severity.label(), &styles.matrix_label)?;
    }
    sheet.merge_range(7, 3, 7, 7, "Severity", &styles.matrix_heading)?;

    sheet.write_string_with_format(9, 2, "Likelihood Category", &styles.matrix_heading)?;
    sheet.merge_range(9, 3, 9, 7, "Interpretation", &styles.matrix_heading)?;
    sheet.set_row_height(9, 27)?;
    for (i, likelihood) in Likelihood::ALL.iter().rev().enumerate() {
        let row = 10 + i as u32;
        sheet.write_string_with_format(row, 2, likelihood.label(), &styles.matrix_label)?;
        sheet.merge_range(row, 3, row, 7, likelihood.definition(), &styles.matrix_text)?;
        sheet.set_row_height(row, 27)?;
    }

    sheet.merge_range(16, 3, 16, 7, "Risk Acceptability", &styles.matrix_heading)?;
    for (i, rating) in RiskRating::ALL.iter().rev().enumerate() {
        let row = 17 + i as u32;
        sheet.write_number_with_format(
            row,
            2,
            rating.value(),
            &styles.matrix_cells[usize::from(rating.value() - 1)],
        )?;
        sheet.merge_range(row, 3, row, 7, rating.acceptability(), &styles.matrix_text)?;
        let lines = rating.acceptability().len().div_ceil(70).max(1) as f64;
        sheet.set_row_height(row, 14.0 * lines + 4.0)?;
    }

    for (col, header) in [
        "Severity Classification",
        "Interpretation",
        "No. of Patients Affected",
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string_with_format(1, 9 + col as u16, header, &styles.matrix_heading)?;
    }
    let mut row = 2;
    for severity in Severity::ALL.iter().rev() {
        let first = row;
        for definition in severity.definitions() {
            sheet.write_string_with_format(
                row,
                10,
                definition.interpretation,
                &styles.matrix_text,
            )?;
            sheet.write_string_with_format(row, 11, definition.patients, &styles.matrix_label)?;
            row += 1;
        }
        if row - first > 1 {
            sheet.merge_range(first, 9, row - 1, 9, severity.label(), &styles.matrix_label)?;
        } else {
            sheet.write_string_with_format(first, 9, severity.label(), &styles.matrix_label)?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Workshop records: actions, meetings, minutes.

fn person_text(project: &Project, key: PersonKey) -> String {
    match project.person(key) {
        Some(person) => describe_person(person),
        None => format!("(unknown person #{})", key.0),
    }
}

fn describe_person(person: &Person) -> String {
    let details: Vec<&str> = [person.role.as_str(), person.organisation.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if details.is_empty() {
        person.name.clone()
    } else {
        format!("{} ({})", person.name, details.join(", "))
    }
}

fn hazard_ids(project: &Project, keys: &[HazardKey]) -> String {
    keys.iter()
        .map(|key| match project.hazard(*key) {
            Some(h) => h.display_id.clone(),
            None => format!("(unknown hazard #{})", key.0),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn meeting_title(project: &Project, key: MeetingKey) -> String {
    match project.meeting(key) {
        Some(meeting) => match meeting.date {
            Some(date) => format!("{} ({})", meeting.title, date.format("%Y-%m-%d")),
            None => meeting.title.clone(),
        },
        None => format!("(unknown meeting #{})", key.0),
    }
}

fn write_table(
    sheet: &mut Worksheet,
    styles: &Styles,
    headers: &[(&str, f64)],
    rows: &[Vec<String>],
) -> Result<(), ExportError> {
    header_row(sheet, styles, 0, headers)?;
    for (i, values) in rows.iter().enumerate() {
        for (col, value) in values.iter().enumerate() {
            cell(sheet, styles, i as u32 + 1, col as u16, value)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, (rows.len() as u32).max(1), headers.len() as u16 - 1)?;
    Ok(())
}

fn write_actions(
    sheet: &mut Worksheet,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    let rows: Vec<Vec<String>> = project
        .actions
        .iter()
        .map(|action| {
            vec![
                action.description.clone(),
                action
                    .owner
                    .map(|k| person_text(project, k))
                    .unwrap_or_default(),
                action
                    .due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                action.status.label().to_owned(),
                action
                    .raised_in
                    .map(|k| meeting_title(project, k))
                    .unwrap_or_default(),
                hazard_ids(project, &action.hazards),
            ]
        })
        .collect();
    write_table(
        sheet,
        styles,
        &[
            ("Action", 60.0),
            ("Owner", 30.0),
            ("Due", 12.0),
            ("Status", 11.0),
            ("Raised in", 36.0),
            ("Hazards", 20.0),
        ],
        &rows,
    )
}

fn attendance_list(project: &Project, meeting: &Meeting, status: AttendanceStatus) -> String {
    meeting
        .people_with(status)
        .map(|k| person_text(project, k))
        .collect::<Vec<_>>()
        .join("\n")
}

fn write_meetings(
    sheet: &mut Worksheet,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    let time =
        |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = project
        .meetings
        .iter()
        .map(|m| {
            vec![
                m.title.clone(),
                m.kind.label().to_owned(),
                m.date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                time(m.start),
                time(m.end),
                m.location.clone(),
                m.scope.clone(),
                format_list(&m.agenda),
                m.facilitator
                    .map(|k| person_text(project, k))
                    .unwrap_or_default(),
                m.note_taker
                    .map(|k| person_text(project, k))
                    .unwrap_or_default(),
                attendance_list(project, m, AttendanceStatus::Present),
                attendance_list(project, m, AttendanceStatus::Apologies),
                attendance_list(project, m, AttendanceStatus::Absent),
                hazard_ids(project, &m.hazards_discussed),
                m.entries.len().to_string(),
            ]
        })
        .collect();
    write_table(
        sheet,
        styles,
        &[
            ("Meeting", 36.0),
            ("Kind", 22.0),
            ("Date", 12.0),
            ("Start", 8.0),
            ("End", 8.0),
            ("Location", 24.0),
            ("Scope", 40.0),
            ("Agenda", 40.0),
            ("Facilitator", 28.0),
            ("Note-taker", 28.0),
            ("Present", 36.0),
            ("Apologies", 30.0),
            ("Absent", 30.0),
            ("Hazards discussed", 24.0),
            ("Minute entries (see Minutes)", 14.0),
        ],
        &rows,
    )
}

fn write_minutes(
    sheet: &mut Worksheet,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    let mut rows = Vec::new();
    for meeting in &project.meetings {
        for entry in &meeting.entries {
            rows.push(vec![
                meeting.title.clone(),
                meeting
                    .date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                entry
                    .time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                entry.kind.label().to_owned(),
                entry.text.clone(),
                entry
                    .hazard
                    .map(|k| hazard_ids(project, &[k]))
                    .unwrap_or_default(),
            ]);
        }
    }
    write_table(
        sheet,
        styles,
        &[
            ("Meeting", 36.0),
            ("Date", 12.0),
            ("Time", 8.0),
            ("Kind", 18.0),
            ("Entry", 80.0),
            ("Hazard", 12.0),
        ],
        &rows,
    )
}
