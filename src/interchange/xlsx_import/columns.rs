//! Which column of the hazard sheet is read as which hazard field (or kept as an extra field),
//! and which fields a merge of the import may change.

use std::collections::BTreeMap;

use super::assessments::rating_of;
use super::headers::{Kind, field_label, header_key, is_assessment};
use super::loose::{HeaderMatch, match_header};
use super::report::{ColumnMapping, ImportReport, plural, whole_column};
use super::table::Table;
use super::v36;
use super::workbook::data_text;
use crate::domain::summary::Stage;
use crate::domain::{Likelihood, Severity};
use crate::interchange::layout::{HAZARD_COLUMNS, OUR_COLUMNS, cell_address, column_letter};
use crate::interchange::merge::HazardField;

/// What a column is read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Field(Kind, Option<Stage>),
    Extra(String),
}

pub(super) struct Columns {
    pub roles: BTreeMap<u32, Role>,
    pub id_column: Option<u32>,
}

impl Columns {
    pub fn column_of(&self, kind: Kind) -> Option<u32> {
        self.roles
            .iter()
            .find(|(_, r)| matches!(r, Role::Field(k, _) if *k == kind))
            .map(|(c, _)| *c)
    }

    pub fn has(&self, kind: Kind) -> bool {
        self.column_of(kind).is_some()
    }
}

/// Filled (non-blank) cells per column below the header, counted once.
struct Filled(BTreeMap<u32, usize>);

impl Filled {
    fn count(table: &Table) -> Filled {
        let mut filled: BTreeMap<u32, usize> = BTreeMap::new();
        for (_, cells) in table.grid.rows.range(table.header_row + 1..=table.last_row) {
            for (col, value) in cells {
                if !data_text(value).trim().is_empty() {
                    *filled.entry(*col).or_default() += 1;
                }
            }
        }
        Filled(filled)
    }

    fn in_column(&self, col: u32) -> usize {
        self.0.get(&col).copied().unwrap_or(0)
    }
}

pub(super) fn map_columns(table: &Table, report: &mut ImportReport) -> Columns {
    let mut headers = headers_of(table);
    let filled = Filled::count(table);
    let is_v36 = v36::is_v36(table);
    if is_v36 {
        // Owner and Status are captions merged down from row 1: the leaf row may end before them.
        for col in headers.len() as u32..v36::FIXED_COLUMNS {
            headers.push(table.header(col).trim().to_owned());
        }
    }
    let mut roles = if is_v36 {
        report.layout =
            Some("NHS Digital hazard log template v3.6 (grouped header, rows 1-4)".to_owned());
        v36::v36_roles(&headers, |col| filled.in_column(col) > 0)
    } else {
        assign_roles(table, &headers, &filled, report)
    };
    demote_orphan_companions(&mut roles, &headers);
    for (col, role) in &roles {
        let header = headers[*col as usize].clone();
        let column = column_letter(*col);
        match role {
            Role::Field(kind, stage) => report.mappings.push(ColumnMapping {
                column,
                header,
                field: field_label(*kind, *stage),
            }),
            Role::Extra(label) => report.extras.push(ColumnMapping {
                column,
                header: label.clone(),
                field: "extra field".to_owned(),
            }),
        }
    }
    let columns = Columns {
        id_column: None,
        roles,
    };
    let id_column = columns.column_of(Kind::Id);
    report.fields = merge_fields(&columns, &filled);
    if id_column.is_none() {
        report.warn(
            None,
            "the sheet has no hazard id column: every row is read as a separate hazard and \
             given a new id",
        );
    }
    if !columns.has(Kind::Status) {
        report.warn(
            None,
            "the sheet has no status column: hazards with a score are Open, the others New \
             for triage",
        );
    }
    Columns {
        id_column,
        ..columns
    }
}

/// The header of every column up to the last one with a cell, trimmed.
fn headers_of(table: &Table) -> Vec<String> {
    let mut max_col = 0;
    for (_, cells) in table
        .grid
        .rows
        .range(table.header_row..=table.last_row.saturating_add(1))
    {
        if let Some((&col, _)) = cells.last_key_value() {
            max_col = max_col.max(col);
        }
    }
    (0..=max_col)
        .map(|c| table.header(c).trim().to_owned())
        .collect()
}

/// Each column's role, first come first served: a second `Severity` column is the residual one;
/// a second `Hazard Name` is an extra field. Hidden columns that are not fields are kept as extra
/// fields (and reported). Loose header matches and ambiguous headers are reported.
fn assign_roles(
    table: &Table,
    headers: &[String],
    filled: &Filled,
    report: &mut ImportReport,
) -> BTreeMap<u32, Role> {
    let is_layout_a = headers.len() >= HAZARD_COLUMNS.len()
        && HAZARD_COLUMNS
            .iter()
            .zip(headers)
            .all(|((expected, _), found)| header_key(expected) == header_key(found));
    let mut roles = BTreeMap::new();
    let mut taken: Vec<(Kind, Option<Stage>)> = Vec::new();
    let mut loose: Vec<(u32, String, String)> = Vec::new();
    for (col, header) in headers.iter().enumerate() {
        let col = col as u32;
        if header.is_empty() && filled.in_column(col) == 0 {
            continue;
        }
        let label = if header.is_empty() {
            format!("Column {}", column_letter(col))
        } else {
            header.clone()
        };
        let caption = table.caption(col).trim().to_owned();
        let mut classified = match match_header(header, &caption) {
            HeaderMatch::Exact(kind, stage) => Some((kind, stage)),
            HeaderMatch::Loose(kind, stage, how) => {
                loose.push((col, field_label(kind, stage), how));
                Some((kind, stage))
            }
            HeaderMatch::Ambiguous(readings) => {
                report.warn(
                    Some(cell_address(table.sheet, table.header_row, col)),
                    format!(
                        "header “{label}” could be read as “{}”; it was not read as either, \
                         but kept as an extra field",
                        readings.join("” or “")
                    ),
                );
                None
            }
            HeaderMatch::None => None,
        };
        if is_layout_a && col as usize >= HAZARD_COLUMNS.len() {
            // After Status, only the app's own columns are fields (by their exact header): the
            // rest are extras whatever their labels, so exported extra fields read back as
            // extra fields.
            classified = layout_a_own_column(header);
        }
        let role = untaken_role(classified, &taken);
        match loose.last() {
            Some((c, field, how)) if *c == col && role.is_some() => report.warn(
                Some(cell_address(table.sheet, table.header_row, col)),
                format!("header “{label}” read as {field}: a loose match ({how})"),
            ),
            _ => {}
        }
        let hidden = table.layout.hidden_cols.contains(&col);
        match role {
            None if hidden => {
                let filled = filled.in_column(col);
                report.warn(
                    Some(whole_column(table.sheet, col)),
                    format!(
                        "column “{label}” is hidden and not a hazard log column; it was kept as \
                         an extra field ({filled} filled cell{} below the header)",
                        plural(filled)
                    ),
                );
                roles.insert(col, Role::Extra(label));
            }
            Some((kind, stage)) => {
                taken.push((kind, stage));
                if hidden {
                    report.warn(
                        Some(cell_address(table.sheet, table.header_row, col)),
                        format!("column “{label}” is hidden; it was read all the same"),
                    );
                }
                roles.insert(col, Role::Field(kind, stage));
            }
            None => {
                if header.is_empty() {
                    warn_if_unheaded_scores(table, col, &label, report);
                }
                roles.insert(col, Role::Extra(label));
            }
        }
    }
    roles
}

/// The app's columns after Status in layout A (`Acceptance Rationale`, `Effect`, `Hazard`,
/// `Initial Justification`, `Date Added`), by their exact header.
fn layout_a_own_column(header: &str) -> Option<(Kind, Option<Stage>)> {
    let kinds = [
        Kind::Rationale,
        Kind::Effect,
        Kind::HazardText,
        Kind::InitialJustification,
        Kind::DateAdded,
    ];
    OUR_COLUMNS
        .iter()
        .zip(kinds)
        .find(|((name, _), _)| header_key(name) == header_key(header))
        .map(|(_, kind)| (kind, None))
}

/// The field a classified header is read as, unless an earlier column has it already. An
/// assessment without a stage is the initial one, or the residual one after it.
fn untaken_role(
    classified: Option<(Kind, Option<Stage>)>,
    taken: &[(Kind, Option<Stage>)],
) -> Option<(Kind, Option<Stage>)> {
    match classified {
        Some((kind, stage)) if is_assessment(kind) => {
            let stage = match stage {
                Some(stage) => Some(stage),
                None if !taken.contains(&(kind, Some(Stage::Initial))) => Some(Stage::Initial),
                None => Some(Stage::Residual),
            };
            if taken.contains(&(kind, stage)) {
                None
            } else {
                Some((kind, stage))
            }
        }
        Some((kind, _)) if !taken.contains(&(kind, None)) => Some((kind, None)),
        _ => None,
    }
}

/// A column without a header that holds what look like scores is kept as an extra field, and
/// the user is told it was not read as an assessment.
fn warn_if_unheaded_scores(table: &Table, col: u32, label: &str, report: &mut ImportReport) {
    let sample: Vec<String> = table
        .grid
        .rows
        .range(table.header_row + 1..=table.last_row)
        .filter_map(|(_, cells)| cells.get(&col).map(data_text))
        .take(3)
        .collect();
    let looks_scored = !sample.is_empty()
        && sample.iter().all(|s| {
            Severity::parse(s).is_some() || Likelihood::parse(s).is_some() || rating_of(s).is_some()
        });
    if looks_scored {
        report.warn(
            Some(whole_column(table.sheet, col)),
            format!(
                "column {} has no header but holds what look like scores ({}); kept as the \
                 extra field “{label}”, not used as an assessment",
                column_letter(col),
                sample.join(", ")
            ),
        );
    }
}

/// Companions of a one-control-per-row column mean nothing without it: keep them as extras.
fn demote_orphan_companions(roles: &mut BTreeMap<u32, Role>, headers: &[String]) {
    let has_controls = roles
        .values()
        .any(|r| matches!(r, Role::Field(Kind::Controls, _)));
    if has_controls {
        return;
    }
    for (col, role) in roles.iter_mut() {
        if let Role::Field(
            Kind::ControlType
            | Kind::ControlOwner
            | Kind::ControlEvidence
            | Kind::ControlAction
            | Kind::ControlActionStatus,
            _,
        ) = role
        {
            *role = Role::Extra(headers[*col as usize].clone());
        }
    }
}

/// The hazard fields the sheet has filled columns for: what a merge of this import may change.
fn merge_fields(columns: &Columns, filled: &Filled) -> Vec<HazardField> {
    let mut fields = vec![HazardField::ExtraFields];
    let mut add = |field| {
        if !fields.contains(&field) {
            fields.push(field);
        }
    };
    for (col, role) in &columns.roles {
        if filled.in_column(*col) == 0 {
            continue;
        }
        if let Role::Field(kind, stage) = role {
            match kind {
                Kind::Name => add(HazardField::Name),
                Kind::Description => add(HazardField::Description),
                Kind::Impact => add(HazardField::Harm),
                Kind::Causes => add(HazardField::Causes),
                Kind::Existing
                | Kind::ExistingDesign
                | Kind::ExistingTraining
                | Kind::ExistingBpc => add(HazardField::ExistingControls),
                Kind::Effect => add(HazardField::Effect),
                Kind::HazardText => add(HazardField::Hazard),
                Kind::InitialJustification => add(HazardField::InitialJustification),
                Kind::DateAdded => add(HazardField::DateAdded),
                Kind::Severity | Kind::Likelihood => add(match stage {
                    Some(Stage::Residual) => HazardField::Residual,
                    _ => HazardField::Initial,
                }),
                Kind::Design | Kind::Test | Kind::Training | Kind::Bpc | Kind::Controls => {
                    add(HazardField::AdditionalControls)
                }
                Kind::Notes => add(HazardField::ActionsAndNotes),
                Kind::Owner => add(HazardField::Owner),
                Kind::Status => add(HazardField::Status),
                Kind::Rationale => add(HazardField::ResidualJustification),
                _ => {}
            }
        }
    }
    fields.sort();
    fields
}
