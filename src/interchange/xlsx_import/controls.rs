//! A hazard's additional controls: from the NHS log's four typed columns, then from a
//! one-control-per-row column typed by a control type column, with its owner and evidence.

use super::columns::Columns;
use super::hazard::{GroupCells, is_field, join_nonempty, merge_items};
use super::headers::Kind;
use super::report::ImportReport;
use super::rows::RowData;
use super::table::Table;
use super::v36::paired_items;
use crate::domain::{AdditionalControl, ControlKind, ExistingControl, ExistingControlKind};
use crate::interchange::cell_text::{
    parse_control_kind, parse_controls, parse_list, split_control,
};
use crate::interchange::layout::cell_address;
use crate::interchange::nhs_v36::cells::read_design_item;

/// The additional controls of one hazard, each once.
pub(super) fn read_controls(
    table: &Table,
    cells: &GroupCells,
    title: &str,
    report: &mut ImportReport,
) -> Vec<AdditionalControl> {
    let mut controls: Vec<AdditionalControl> = Vec::new();
    for (kind, control_kind) in [
        (Kind::Design, ControlKind::Design),
        (Kind::Test, ControlKind::Test),
        (Kind::Training, ControlKind::Training),
        (Kind::Bpc, ControlKind::BusinessProcessChange),
    ] {
        if has_evidence_column(cells.columns, kind) {
            for (item, evidence) in paired(table, cells, kind, title, report) {
                let (control_kind, item) = match control_kind {
                    ControlKind::Design => read_design_item(&item),
                    other => (other, item.as_str()),
                };
                let (text, owner, _) = split_control(item);
                let control = AdditionalControl {
                    kind: control_kind,
                    text,
                    owner,
                    evidence,
                };
                if !controls.contains(&control) {
                    controls.push(control);
                }
            }
            continue;
        }
        controls.extend(merge_items(cells.texts_of(kind), |t| {
            parse_controls(t, control_kind)
        }));
    }
    if cells.columns.has(Kind::Controls) {
        for row in &cells.group.rows {
            for control in row_controls(table, cells.columns, row, title, report) {
                if !controls.contains(&control) {
                    controls.push(control);
                }
            }
        }
    }
    controls
}

/// The typed existing controls of a v3.6 sheet (HIT Design, User Training, Business Process),
/// each with its evidence.
pub(super) fn read_typed_existing(
    table: &Table,
    cells: &GroupCells,
    title: &str,
    report: &mut ImportReport,
) -> Vec<ExistingControl> {
    let mut controls: Vec<ExistingControl> = Vec::new();
    for (kind, existing_kind) in [
        (Kind::ExistingDesign, ExistingControlKind::HitDesign),
        (Kind::ExistingTraining, ExistingControlKind::UserTraining),
        (Kind::ExistingBpc, ExistingControlKind::BusinessProcess),
    ] {
        for (text, evidence) in paired(table, cells, kind, title, report) {
            let control = ExistingControl {
                kind: existing_kind,
                text,
                evidence,
            };
            if !controls.contains(&control) {
                controls.push(control);
            }
        }
    }
    controls
}

/// Whether the column right of the `kind` column holds its evidence (the v3.6 layout).
fn has_evidence_column(columns: &Columns, kind: Kind) -> bool {
    columns.column_of(kind).is_some_and(|col| {
        columns
            .roles
            .get(&(col + 1))
            .is_some_and(is_field(Kind::Evidence))
    })
}

/// The `(item, evidence)` pairs of the `kind` Description column and the Evidence column to its
/// right, row by row. Evidence that belongs to no item is reported and kept on the first item.
fn paired(
    table: &Table,
    cells: &GroupCells,
    kind: Kind,
    title: &str,
    report: &mut ImportReport,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(col) = cells.columns.column_of(kind) else {
        return out;
    };
    for row in &cells.group.rows {
        let text_in = |c: u32| {
            row.cells
                .iter()
                .find(|(cell_col, _)| *cell_col == c)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        let (mut pairs, unplaced) = paired_items(&text_in(col), &text_in(col + 1));
        if !unplaced.is_empty() {
            let cell = cell_address(table.sheet, row.row, col + 1);
            if let Some(first) = pairs.first_mut() {
                report.warn(
                    Some(cell),
                    format!(
                        "evidence of {title} names no control it belongs to; kept with the \
                         first control: “{unplaced}”"
                    ),
                );
                first.1 = join_nonempty(&[&first.1, &unplaced], "\n");
            } else {
                report.warn(
                    Some(cell),
                    format!(
                        "{title} has evidence but no control beside it; kept as a control \
                         “(no description)”: “{unplaced}”"
                    ),
                );
                pairs.push(("(no description)".to_owned(), unplaced));
            }
        }
        out.extend(pairs);
    }
    out
}

/// The trimmed texts of a row in columns of `kind`, one per line.
fn in_row(columns: &Columns, row: &RowData, kind: Kind) -> String {
    row.cells
        .iter()
        .filter(|(c, _)| columns.roles.get(c).is_some_and(is_field(kind)))
        .map(|(_, t)| t.trim().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The controls of one row of a one-control-per-row log (the CDS log).
fn row_controls(
    table: &Table,
    columns: &Columns,
    row: &RowData,
    title: &str,
    report: &mut ImportReport,
) -> Vec<AdditionalControl> {
    let texts: Vec<String> = row
        .cells
        .iter()
        .filter(|(c, _)| columns.roles.get(c).is_some_and(is_field(Kind::Controls)))
        .flat_map(|(_, t)| parse_list(t))
        .collect();
    if texts.is_empty() {
        return Vec::new();
    }
    let mut evidence = in_row(columns, row, Kind::ControlEvidence);
    let kind = row_control_kind(table, columns, row, title, &mut evidence, report);
    let action = in_row(columns, row, Kind::ControlAction);
    let status = in_row(columns, row, Kind::ControlActionStatus);
    let action_text = match (action.is_empty(), status.is_empty()) {
        (false, false) => format!("{action} ({status})"),
        (false, true) => action,
        (true, false) => format!("Action status: {status}"),
        (true, true) => String::new(),
    };
    evidence = join_nonempty(&[&evidence, &action_text], "; ");
    let owner = in_row(columns, row, Kind::ControlOwner);
    texts
        .iter()
        .map(|text| {
            let (text, text_owner, extra_evidence) = split_control(text);
            AdditionalControl {
                kind,
                text,
                owner: join_nonempty(&[&text_owner, &owner], "; "),
                evidence: join_nonempty(&[&extra_evidence, &evidence], "; "),
            }
        })
        .collect()
}

/// The kind named in the row's control type column. Without one, or with a type the app does
/// not know, the control is Design, the user is told, and an unknown type is kept in the
/// evidence.
fn row_control_kind(
    table: &Table,
    columns: &Columns,
    row: &RowData,
    title: &str,
    evidence: &mut String,
    report: &mut ImportReport,
) -> ControlKind {
    let type_text = in_row(columns, row, Kind::ControlType);
    if let Some(kind) = parse_control_kind(&type_text) {
        return kind;
    }
    let type_col = columns.column_of(Kind::ControlType);
    let cell = cell_address(
        table.sheet,
        row.row,
        type_col.or(columns.column_of(Kind::Controls)).unwrap_or(0),
    );
    if type_text.is_empty() {
        report.warn(
            Some(cell),
            format!("a control of {title} has no control type; read as Design"),
        );
    } else {
        report.warn(
            Some(cell),
            format!(
                "control type “{type_text}” is not Design, Test, Training or Business process \
                 change; read as Design (the type is kept in the control's evidence)"
            ),
        );
        *evidence = join_nonempty(&[evidence, &format!("Control type: {type_text}")], "; ");
    }
    ControlKind::Design
}
