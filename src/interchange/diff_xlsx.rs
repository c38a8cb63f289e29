//! The changes between two versions of the log as a spreadsheet sheet: one row per change (kind,
//! hazard, name, field, before, after), then the two risk-movement matrices below.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::diff_docx::DiffLabels;
use crate::domain::diff::{DiffKind, MoveMatrix, VersionDiff, movement_text};

/// The sheet's name.
pub const SHEET_NAME: &str = "Changes";

/// The header row of the table of changes (row 3 of the sheet).
pub const HEADERS: [&str; 6] = ["Change", "Hazard", "Name", "Field", "Before", "After"];

/// Adds the "Changes" sheet to `workbook` (to go beside another export, or alone).
pub fn add_diff_sheet(
    workbook: &mut Workbook,
    diff: &VersionDiff,
    labels: &DiffLabels,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    write_sheet(sheet, diff, labels)
}

/// A workbook holding only the "Changes" sheet, as bytes.
pub fn diff_xlsx(diff: &VersionDiff, labels: &DiffLabels) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    add_diff_sheet(&mut workbook, diff, labels)?;
    workbook.save_to_buffer()
}

fn write_sheet(
    sheet: &mut Worksheet,
    diff: &VersionDiff,
    labels: &DiffLabels,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAME)?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new().set_bold().set_background_color("D9E2F3");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.write_string_with_format(0, 0, labels.title(), &title)?;
    sheet.write_string(1, 0, &labels.system)?;
    for (col, text) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *text, &header)?;
    }
    for (col, width) in [16, 10, 36, 22, 48, 48].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }

    let mut row = 3u32;
    let mut put = |cells: [&str; 6]| -> Result<(), XlsxError> {
        for (col, text) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, col as u16, *text, &wrap)?;
        }
        row += 1;
        Ok(())
    };
    for h in &diff.hazards {
        for kind in &h.kinds {
            match kind {
                DiffKind::Changed => {
                    for field in &h.fields {
                        put([
                            kind.label(),
                            &h.display_id,
                            &h.name,
                            field.field.label(),
                            &field.before,
                            &field.after,
                        ])?;
                    }
                }
                DiffKind::Withdrawn => put([
                    kind.label(),
                    &h.display_id,
                    &h.name,
                    "reason",
                    "",
                    h.reason.as_deref().unwrap_or(""),
                ])?,
                DiffKind::RiskMoved => {
                    for (stage, movement) in
                        [("initial risk", h.initial), ("residual risk", h.residual)]
                    {
                        if movement.0 != movement.1 {
                            let text = movement_text(movement);
                            let (before, after) = text.split_once(" -> ").unwrap_or((&text, ""));
                            put([kind.label(), &h.display_id, &h.name, stage, before, after])?;
                        }
                    }
                }
                _ => put([kind.label(), &h.display_id, &h.name, "", "", ""])?,
            }
        }
    }
    for a in &diff.actions {
        let before = a.before.map_or("", |s| s.label());
        put([
            a.kind.label(),
            &a.hazards.join(", "),
            &a.description,
            "status",
            before,
            a.after.label(),
        ])?;
    }

    row += 1;
    for (name, moves) in [
        (
            "Initial risk movements (rows: before, columns: after)",
            &diff.initial_moves,
        ),
        (
            "Residual risk movements (rows: before, columns: after)",
            &diff.residual_moves,
        ),
    ] {
        sheet.write_string_with_format(row, 0, name, &header)?;
        for i in 0..6 {
            sheet.write_string_with_format(row, i as u16 + 1, MoveMatrix::label(i), &header)?;
        }
        for (before, counts) in moves.0.iter().enumerate() {
            let r = row + 1 + before as u32;
            sheet.write_string_with_format(r, 0, MoveMatrix::label(before), &header)?;
            for (after, count) in counts.iter().enumerate() {
                sheet.write_number(r, after as u16 + 1, *count as f64)?;
            }
        }
        row += 9;
    }
    Ok(())
}
