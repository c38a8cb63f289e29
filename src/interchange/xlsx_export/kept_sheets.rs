//! The imported workbook's other sheets (see `xlsx_import::kept`), written back after ours, cell
//! by cell as text; a sheet whose name the export already uses gets ` (imported)` after it.

#[allow(unused_imports)]
use super::*;

/// The longest sheet name Excel allows.
const MAX_SHEET_NAME: usize = 31;
const CLASH_SUFFIX: &str = " (imported)";

pub(in crate::interchange) fn push_kept_sheets(
    workbook: &mut Workbook,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    for kept in &project.metadata.kept_sheets {
        let name = if workbook.worksheet_from_name(&kept.name).is_ok() {
            let base: String = kept
                .name
                .chars()
                .take(MAX_SHEET_NAME - CLASH_SUFFIX.len())
                .collect();
            format!("{base}{CLASH_SUFFIX}")
        } else {
            kept.name.clone()
        };
        let mut sheet = new_sheet(&name)?;
        for (row, col, text) in &kept.cells {
            let col = u16::try_from(*col).map_err(|_| {
                ExportError::Workbook(format!("sheet '{}' has a column beyond Excel's", kept.name))
            })?;
            cell(&mut sheet, styles, *row, col, text)?;
        }
        if kept.hidden {
            sheet.set_hidden(true);
        }
        workbook.push_worksheet(sheet);
    }
    Ok(())
}
