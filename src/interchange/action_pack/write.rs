//! Writing an owner's action pack.

use chrono::{DateTime, Utc};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::*;
use crate::domain::summary::Stage;
use crate::domain::{ActionStatus, PersonKey};

/// Owners with at least one open action, by name, with how many.
pub fn owners_with_open_actions(project: &Project) -> Vec<(PersonKey, String, usize)> {
    let mut owners: Vec<(PersonKey, String, usize)> = Vec::new();
    for action in project
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
    {
        let Some(owner) = action.owner else { continue };
        match owners.iter_mut().find(|(k, _, _)| *k == owner) {
            Some(entry) => entry.2 += 1,
            None => {
                let name = project.person(owner).map_or_else(
                    || format!("Person {}", owner.0),
                    |p| p.name.trim().to_owned(),
                );
                owners.push((owner, name, 1));
            }
        }
    }
    owners.sort_by(|a, b| a.1.cmp(&b.1));
    owners
}

/// "MedChart ePMA actions for Tom Reid.xlsx", safe on every file system.
pub fn suggested_pack_name(project: &Project, owner: &str) -> String {
    let clean = |text: &str| {
        text.chars()
            .map(|c| {
                if "/\\:*?\"<>|".contains(c) || c.is_control() {
                    ' '
                } else {
                    c
                }
            })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let system = clean(&project.metadata.system_name);
    let owner = clean(owner);
    if system.is_empty() {
        format!("Actions for {owner}.xlsx")
    } else {
        format!("{system} actions for {owner}.xlsx")
    }
}

/// The pack of `owner`'s open actions, as the bytes of a workbook.
pub fn action_pack(
    project: &Project,
    owner: PersonKey,
    made: DateTime<Utc>,
) -> Result<Vec<u8>, XlsxError> {
    let owner_name = project.person(owner).map_or_else(
        || format!("Person {}", owner.0),
        |p| p.name.trim().to_owned(),
    );
    let actions: Vec<&ActionItem> = project
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open && a.owner == Some(owner))
        .collect();

    let mut workbook = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("DCE6F2");
    let locked = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let fill_in = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_background_color("FFF2CC")
        .set_unlocked();

    let sheet = workbook.add_worksheet();
    sheet.set_name(ACTIONS_SHEET)?;
    let system = project.metadata.system_name.trim();
    sheet.write_with_format(
        0,
        0,
        format!(
            "Actions for {owner_name}{}",
            if system.is_empty() {
                String::new()
            } else {
                format!(" from the {system} hazard log")
            }
        ),
        &title,
    )?;
    sheet.write(
        1,
        0,
        "Fill in the shaded columns (status, progress note, evidence, date done) and send the \
         file back. The other columns are locked.",
    )?;
    for (column, (text, width)) in HEADERS
        .iter()
        .zip([10.0, 42.0, 36.0, 22.0, 12.0, 12.0, 36.0, 30.0, 14.0])
        .enumerate()
    {
        sheet.write_with_format(HEADER_ROW, column as u16, *text, &header)?;
        sheet.set_column_width(column as u16, width)?;
    }
    for (i, action) in actions.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let hazards: Vec<_> = action
            .hazards
            .iter()
            .filter_map(|k| project.hazard(*k))
            .collect();
        let names = hazards
            .iter()
            .map(|h| format!("{} {}", h.display_id.trim(), h.name.trim()))
            .collect::<Vec<_>>()
            .join("\n");
        let risks = hazards
            .iter()
            .map(|h| {
                let stage = if h.residual.rating(&project.matrix).is_some() {
                    Stage::Residual
                } else {
                    Stage::Initial
                };
                match stage.assessment(h).rating(&project.matrix) {
                    Some(r) => format!(
                        "{}: {} {} ({})",
                        h.display_id.trim(),
                        stage.label(),
                        r.value(),
                        r.short_label()
                    ),
                    None => format!("{}: not scored", h.display_id.trim()),
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let due = action
            .due
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        sheet.write_with_format(row, 0, action_ref(action), &locked)?;
        sheet.write_with_format(row, 1, action.description.trim(), &locked)?;
        sheet.write_with_format(row, 2, names, &locked)?;
        sheet.write_with_format(row, 3, risks, &locked)?;
        sheet.write_with_format(row, 4, due, &locked)?;
        sheet.write_with_format(row, STATUS_COLUMN, action.status.label(), &fill_in)?;
        for column in [NOTE_COLUMN, EVIDENCE_COLUMN, DONE_COLUMN] {
            sheet.write_blank(row, column, &fill_in)?;
        }
    }
    if !actions.is_empty() {
        let last = HEADER_ROW + actions.len() as u32;
        let statuses = DataValidation::new()
            .allow_list_strings(&["Open", "Done", "Cancelled"])?
            .set_error_message("Choose Open, Done or Cancelled.")?;
        sheet.add_data_validation(
            HEADER_ROW + 1,
            STATUS_COLUMN,
            last,
            STATUS_COLUMN,
            &statuses,
        )?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.protect();

    let pack = workbook.add_worksheet();
    pack.set_name(PACK_SHEET)?;
    pack.write(0, 0, PACK_MARKER)?;
    pack.write(1, 0, "Format")?;
    pack.write(1, 1, PACK_FORMAT)?;
    pack.write(2, 0, "Project")?;
    pack.write(2, 1, project_identity(project))?;
    pack.write(3, 0, "Owner")?;
    pack.write(3, 1, owner_name.as_str())?;
    pack.write(4, 0, "Made")?;
    pack.write(4, 1, made.to_rfc3339())?;
    pack.write(6, 0, "Action ref")?;
    pack.write(6, 1, "Status when sent")?;
    pack.write(6, 2, "Fingerprint")?;
    for (i, action) in actions.iter().enumerate() {
        let row = 7 + i as u32;
        pack.write(row, 0, action_ref(action))?;
        pack.write(row, 1, action.status.label())?;
        pack.write(row, 2, fingerprint(action))?;
    }
    pack.set_hidden(true);
    pack.protect();
    workbook.save_to_buffer()
}
