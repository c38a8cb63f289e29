//! One hazard built from its group of rows: its text fields, lists, status and extra fields,
//! with the controls and assessments read by their own modules, and a note of what changed.

use chrono::{DateTime, Utc};

use super::IMPORT_NOTE;
use super::assessments::read_assessment;
use super::columns::{Columns, Role};
use super::controls::read_controls;
use super::controls::read_typed_existing;
use super::headers::Kind;
use super::report::ImportReport;
use super::rows::Group;
use super::table::Table;
use super::v36::date_of;
use crate::domain::summary::Stage;
use crate::domain::{ExtraField, Hazard, HazardKey, HazardStatus, RiskMatrix};
use crate::interchange::cell_text::{parse_existing_controls, parse_list, parse_status};
use crate::interchange::layout::cell_address;

/// The cells of one hazard's rows, looked up by the role of their column.
pub(super) struct GroupCells<'g> {
    pub columns: &'g Columns,
    pub group: &'g Group,
}

impl GroupCells<'_> {
    /// Every `(row, col, text)` of the group in a column whose role is `wanted`.
    pub fn matching(&self, wanted: impl Fn(&Role) -> bool) -> Vec<(u32, u32, String)> {
        self.group
            .rows
            .iter()
            .flat_map(|r| {
                r.cells
                    .iter()
                    .filter(|(c, _)| self.columns.roles.get(c).is_some_and(&wanted))
                    .map(move |(c, t)| (r.row, *c, t.clone()))
            })
            .collect()
    }

    /// Every `(row, col, text)` of the group in a column of `kind`, whatever its stage.
    pub fn of(&self, kind: Kind) -> Vec<(u32, u32, String)> {
        self.matching(is_field(kind))
    }

    /// The texts of the group's cells of `kind`, in order.
    pub fn texts_of(&self, kind: Kind) -> Vec<String> {
        self.of(kind).into_iter().map(|(_, _, t)| t).collect()
    }

    /// The distinct texts of `kind`, one per line.
    fn text_of(&self, kind: Kind) -> String {
        distinct(self.texts_of(kind)).join("\n")
    }
}

/// Whether a column's role is the field `kind` (at any stage).
pub(super) fn is_field(kind: Kind) -> impl Fn(&Role) -> bool {
    move |r: &Role| matches!(r, Role::Field(k, _) if *k == kind)
}

pub(super) fn build_hazard(
    table: &Table,
    columns: &Columns,
    group: &Group,
    matrix: &RiskMatrix,
    now: DateTime<Utc>,
    report: &mut ImportReport,
) -> Hazard {
    let mut hazard = Hazard::new(HazardKey(0), group.id.clone(), String::new(), now);
    let mut notes: Vec<String> = Vec::new();
    let title = if group.id.is_empty() {
        format!("the hazard in row {}", group.first_row + 1)
    } else {
        group.id.clone()
    };
    let cells = GroupCells { columns, group };

    hazard.name = cells.text_of(Kind::Name);
    hazard.description = cells.text_of(Kind::Description);
    hazard.harm = cells.text_of(Kind::Impact);
    hazard.owner = cells.text_of(Kind::Owner);
    hazard.actions_and_notes = cells.text_of(Kind::Notes);
    hazard.residual_justification = cells.text_of(Kind::Rationale);
    hazard.effect = cells.text_of(Kind::Effect);
    hazard.hazard = cells.text_of(Kind::HazardText);
    hazard.initial_justification = cells.text_of(Kind::InitialJustification);
    if let Some(&(row, col, _)) = cells.of(Kind::DateAdded).first() {
        match table.grid.get(row, col).and_then(date_of) {
            Some(day) => hazard.date_added = Some(day),
            None => {
                let text = table.grid.text(row, col);
                report.warn(
                    Some(cell_address(table.sheet, row, col)),
                    format!(
                        "date added “{text}” of {title} is not a date; kept in the extra \
                         field “Date Added”"
                    ),
                );
                hazard.extra_fields.push(ExtraField {
                    label: "Date Added".to_owned(),
                    value: text,
                });
            }
        }
    } else if cells.columns.has(Kind::DateAdded) {
        hazard.date_added = None;
    }
    if group.rows.len() > 1 && hazard.name.contains('\n') {
        report.warn(
            Some(cell_address(table.sheet, group.first_row, 0)),
            format!("the rows of {title} give different names; all of them were kept"),
        );
    }
    hazard.causes = merge_items(cells.texts_of(Kind::Causes), parse_list);
    hazard.existing_controls = merge_items(cells.texts_of(Kind::Existing), parse_existing_controls);
    hazard
        .existing_controls
        .extend(read_typed_existing(table, &cells, &title, report));
    hazard.additional_controls = read_controls(table, &cells, &title, report);
    for stage in [Stage::Initial, Stage::Residual] {
        let assessment = read_assessment(table, &cells, stage, matrix, &title, &mut notes, report);
        match stage {
            Stage::Initial => hazard.initial = assessment,
            Stage::Residual => hazard.residual = assessment,
        }
    }
    let scored = !hazard.initial.is_unscored() || !hazard.residual.is_unscored();
    hazard.status = read_status(table, &cells, scored, &title, &mut notes, report);
    let reason = cells.text_of(Kind::WithdrawnReason);
    if reason.is_empty() {
        // Nothing to add: a status cell may carry its own reason (`Withdrawn: reason`).
    } else if let HazardStatus::Withdrawn { reason: kept } = &mut hazard.status {
        *kept = join_nonempty(&[kept, &reason], "\n");
    } else {
        report.warn(
            Some(cell_address(table.sheet, group.first_row, 0)),
            format!("{title} has a withdrawal reason but is not Withdrawn; the reason is kept as an extra field"),
        );
        hazard.extra_fields.push(ExtraField {
            label: "Withdrawal Reason".to_owned(),
            value: reason,
        });
    }
    hazard.extra_fields.extend(extra_fields(&cells));
    if !notes.is_empty() {
        hazard.extra_fields.push(ExtraField {
            label: IMPORT_NOTE.to_owned(),
            value: notes.join("\n"),
        });
    }
    hazard
}

/// Lists: every item of the first cell (repeats too: `None` placeholders keep the numbering in
/// step with the causes); later rows (one row per control) add only items not seen yet.
pub(super) fn merge_items<T: PartialEq>(
    cells: Vec<String>,
    parse: impl Fn(&str) -> Vec<T>,
) -> Vec<T> {
    let mut items: Vec<T> = Vec::new();
    for (i, cell) in distinct(cells).iter().enumerate() {
        for item in parse(cell) {
            if i == 0 || !items.contains(&item) {
                items.push(item);
            }
        }
    }
    items
}

/// The first status given; a status the app does not know is read as Open and reported, and
/// rows that disagree are reported.
fn read_status(
    table: &Table,
    cells: &GroupCells,
    scored: bool,
    title: &str,
    notes: &mut Vec<String>,
    report: &mut ImportReport,
) -> HazardStatus {
    let status_cells = cells.of(Kind::Status);
    let statuses = distinct(status_cells.iter().map(|(_, _, t)| t.clone()));
    let status = match statuses.first() {
        Some(text) => match parse_status(text) {
            Some(status) => status,
            None => {
                let (row, col, _) = &status_cells[0];
                report.warn(
                    Some(cell_address(table.sheet, *row, *col)),
                    format!(
                        "status “{text}” of {title} is not Open, Closed, Transferred, New for \
                         triage or Withdrawn; read as Open"
                    ),
                );
                notes.push(format!(
                    "Status was “{text}” in the spreadsheet; read as Open."
                ));
                HazardStatus::Open
            }
        },
        // No status given: a scored hazard is being worked on; an unscored one awaits triage.
        None if scored => HazardStatus::Open,
        None => HazardStatus::NewForTriage,
    };
    if statuses.len() > 1 {
        report.warn(
            Some(cell_address(table.sheet, cells.group.first_row, 0)),
            format!(
                "the rows of {title} give different statuses ({}); the first was used",
                statuses.join(", ")
            ),
        );
        notes.push(format!(
            "The spreadsheet rows gave different statuses: {}.",
            statuses.join(", ")
        ));
    }
    status
}

/// The hazards without a status when the sheet has a status column, named in one warning.
pub(super) fn report_missing_statuses(
    columns: &Columns,
    groups: &[Group],
    report: &mut ImportReport,
) {
    let Some(status_col) = columns.column_of(Kind::Status) else {
        return;
    };
    let missing: Vec<String> = groups
        .iter()
        .filter(|g| {
            !g.rows
                .iter()
                .any(|r| r.cells.iter().any(|(c, _)| *c == status_col))
        })
        .map(|g| match g.id.as_str() {
            "" => format!("row {}", g.first_row + 1),
            id => id.to_owned(),
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let shown = missing
        .iter()
        .take(12)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    report.warn(
        None,
        format!(
            "{} hazard{} no status ({shown}{}): those with a score were read as Open, the \
             others as New for triage",
            missing.len(),
            if missing.len() == 1 { " has" } else { "s have" },
            if missing.len() > 12 { ", …" } else { "" }
        ),
    );
}

/// The columns kept as extra fields, column by column, each value once.
fn extra_fields(cells: &GroupCells) -> Vec<ExtraField> {
    let mut fields = Vec::new();
    for (col, role) in &cells.columns.roles {
        if let Role::Extra(label) = role {
            let values = distinct(
                cells
                    .group
                    .rows
                    .iter()
                    .flat_map(|r| r.cells.iter().filter(|(c, _)| c == col))
                    .map(|(_, t)| t.clone()),
            );
            if !values.is_empty() {
                fields.push(ExtraField {
                    label: label.clone(),
                    value: values.join("\n"),
                });
            }
        }
    }
    fields
}

/// Distinct non-empty trimmed values, in order.
pub(super) fn distinct(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        let value = value.trim().to_owned();
        if !value.is_empty() && !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

pub(super) fn join_nonempty(parts: &[&str], separator: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}
