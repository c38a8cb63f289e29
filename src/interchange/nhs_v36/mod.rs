//! The project as the official NHS Digital hazard log template, version 3.6 (the default
//! export): `Cover Page`, `Version History`, `Hazard Log`, `Risk Matrix` and `References` in the
//! template's order and layout, then the app's `Actions`, `Meetings` and `Minutes`.
//!
//! How the app's fields fit the template (README, "How fields map to each layout", says the same
//! for users):
//! - `No.` is the display id, `Date Added` the date the hazard entered the log;
//! - Effect, Hazard, Harm and Possible Causes (numbered lines) fill the Hazard Description group;
//! - existing controls go to HIT Design / User Training / Business Process by type, additional
//!   controls to HIT Design / User Training / Business Process Change; Test controls are written
//!   under HIT Design prefixed `Test: ` (see [`cells`]); each Evidence cell numbers its items by
//!   the control they belong to;
//! - Status is one of the template's list, widened with `New for triage` and `Withdrawn`; the
//!   withdrawal reason, the hazard name, its free description and its summary of actions/notes
//!   go in the app's columns after `AB`, then one column per extra field.

pub mod cells;
pub mod hazard_log;
mod template;

use rust_xlsxwriter::Format;

use super::layout;
use super::xlsx_export::{self, ExportError, ExportOptions, Styles};
use crate::domain::Project;

/// The template's sixth sheet name.
pub const REFERENCES_SHEET: &str = "References";

/// The `References` header row, as the template has it.
pub const REFERENCES_HEADERS: [&str; 4] = ["Reference", "Description", "Version", "Doc. No."];

/// The workbook as bytes, ready for [`crate::storage::project_file::write_atomically`].
pub fn export_workbook(project: &Project, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let styles = Styles::new();
    let hazards = xlsx_export::exported_hazards(project, options);
    let mut workbook = xlsx_export::new_workbook(
        project,
        "Exported by Hazard Workshop (NHS Digital clinical safety hazard log template v3.6)",
    );

    let mut sheet = xlsx_export::new_sheet(layout::COVER_SHEET)?;
    xlsx_export::write_cover(&mut sheet, &project.metadata, &styles)?;
    workbook.push_worksheet(sheet);

    let mut sheet = xlsx_export::new_sheet(layout::VERSION_SHEET)?;
    xlsx_export::write_version_history(&mut sheet, &project.metadata, &styles)?;
    workbook.push_worksheet(sheet);

    let mut sheet = xlsx_export::new_sheet(layout::HAZARD_SHEET)?;
    hazard_log::write(&mut sheet, project, &hazards)?;
    sheet.set_active(true);
    workbook.push_worksheet(sheet);

    let mut sheet = xlsx_export::new_sheet(layout::MATRIX_SHEET)?;
    xlsx_export::write_risk_matrix(&mut sheet, &project.matrix, &styles)?;
    workbook.push_worksheet(sheet);

    let mut sheet = xlsx_export::new_sheet(REFERENCES_SHEET)?;
    write_references(&mut sheet)?;
    workbook.push_worksheet(sheet);

    xlsx_export::push_workshop_sheets(&mut workbook, project, &styles)?;
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

/// The template's `References` sheet: its header row and widths. The project keeps no
/// references yet, so no rows follow.
fn write_references(sheet: &mut rust_xlsxwriter::Worksheet) -> Result<(), ExportError> {
    let header = Format::new()
        .set_font_name("Arial")
        .set_font_size(12)
        .set_bold();
    for (column, (text, width)) in REFERENCES_HEADERS
        .iter()
        .zip([10.265625, 39.1328125, 12.3984375, 25.265625])
        .enumerate()
    {
        sheet.write_string_with_format(0, column as u16, *text, &header)?;
        sheet.set_column_width(column as u16, width - 5.0 / 7.0 + 1e-6)?;
    }
    sheet.set_row_height(0, 21)?;
    Ok(())
}
