//! Rows that look like a slip in the source, imported as written and each named with its cells:
//! an id that comes back after other ids, a row whose name or cause numbering belongs to another
//! hazard, a hazard with controls but no description; and why the number of hazards differs
//! from the number of distinct ids.

use std::collections::HashMap;

use super::columns::Columns;
use super::headers::Kind;
use super::report::{ImportReport, plural};
use super::rows::Group;
use super::table::Table;
use crate::domain::risk::normalise;
use crate::domain::{Hazard, Hazards};
use crate::interchange::layout::cell_address;

/// A log numbers its causes for their hazard (`0203` is cause 3 of hazard 2) when at least this
/// many cause cells do so; only then is a cause numbered for another hazard a slip.
const NUMBERED_CAUSES_MIN: usize = 5;

/// Reports the slips among `hazards`, built from `groups` (in the same order).
pub(super) fn report_slips(
    hazards: &Hazards,
    groups: &[Group],
    table: &Table,
    columns: &Columns,
    report: &mut ImportReport,
) {
    report_returning_ids(groups, table, columns, report);
    report_borrowed_names(hazards, groups, table, columns, report);
    report_cause_numbering(hazards, groups, table, columns, report);
    for (hazard, group) in hazards.iter().zip(groups) {
        let has_controls =
            !hazard.additional_controls.is_empty() || !hazard.existing_controls.is_empty();
        if has_controls && hazard.description.trim().is_empty() {
            let col = columns
                .column_of(Kind::Description)
                .or(columns.column_of(Kind::Name))
                .unwrap_or(0);
            report.warn(
                Some(cell_address(table.sheet, group.first_row, col)),
                format!(
                    "{} has controls but no description; imported as written",
                    hazard_title(hazard, group)
                ),
            );
        }
    }
    explain_count(hazards, report);
}

fn hazard_title(hazard: &Hazard, group: &Group) -> String {
    if hazard.display_id.trim().is_empty() || group.id.is_empty() {
        format!("the hazard in row {}", group.first_row + 1)
    } else {
        hazard.display_id.trim().to_owned()
    }
}

/// An id that comes back after other ids (`H01, H02, H01`): the later rows are a hazard of
/// their own, as written.
fn report_returning_ids(
    groups: &[Group],
    table: &Table,
    columns: &Columns,
    report: &mut ImportReport,
) {
    let mut first: HashMap<String, usize> = HashMap::new();
    for (index, group) in groups.iter().enumerate() {
        let key = group.id.trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(&earlier) => {
                let between = &groups[earlier + 1..index];
                let others: Vec<&str> = between
                    .iter()
                    .map(|g| g.id.trim())
                    .filter(|id| !id.is_empty() && id.to_lowercase() != key)
                    .collect();
                if !others.is_empty() {
                    report.warn(
                        Some(cell_address(
                            table.sheet,
                            group.first_row,
                            columns.id_column.unwrap_or(0),
                        )),
                        format!(
                            "the id {} comes back after {} (last seen in row {}): a likely \
                             slip; the rows from row {} were imported as a hazard of their own",
                            group.id.trim(),
                            others.last().copied().unwrap_or_default(),
                            groups[earlier].rows.last().map_or(0, |r| r.row) + 1,
                            group.first_row + 1
                        ),
                    );
                }
            }
            None => {
                first.insert(key, index);
            }
        }
    }
}

/// A row whose hazard name is another hazard's name.
fn report_borrowed_names(
    hazards: &Hazards,
    groups: &[Group],
    table: &Table,
    columns: &Columns,
    report: &mut ImportReport,
) {
    let Some(name_col) = columns.column_of(Kind::Name) else {
        return;
    };
    let first_names: Vec<String> = groups
        .iter()
        .map(|g| normalise(&cell_in(g, 0, name_col)))
        .collect();
    for (index, group) in groups.iter().enumerate() {
        for (position, row) in group.rows.iter().enumerate().skip(1) {
            let name = normalise(&cell_in(group, position, name_col));
            if name.is_empty() || name == first_names[index] {
                continue;
            }
            if let Some(owner) = first_names.iter().position(|n| *n == name) {
                report.warn(
                    Some(cell_address(table.sheet, row.row, name_col)),
                    format!(
                        "row {} is in {} but names {} (“{}”): a likely slip; imported as written",
                        row.row + 1,
                        hazard_title(&hazards[index], group),
                        hazard_title(&hazards[owner], &groups[owner]),
                        cell_in(group, position, name_col).trim()
                    ),
                );
            }
        }
    }
}

/// The text of a group's row in `col`.
fn cell_in(group: &Group, position: usize, col: u32) -> String {
    group.rows[position]
        .cells
        .iter()
        .find(|(c, _)| *c == col)
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

/// The hazard a cause's own number is for: `0203 …` (or `203 …`) is for hazard 2.
fn cause_hazard_number(text: &str) -> Option<u32> {
    let text = text.trim_start();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(3..=4).contains(&digits) {
        return None;
    }
    let after = text[digits..].chars().next();
    if after.is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some(text[..digits].parse::<u32>().ok()? / 100)
}

/// The number at the end of a hazard id (`H02` is 2).
fn id_number(id: &str) -> Option<u32> {
    let id = id.trim();
    let digits = id.chars().rev().take_while(char::is_ascii_digit).count();
    id[id.len() - digits..].parse().ok()
}

/// A cause numbered for another hazard, in a log that numbers its causes by hazard.
fn report_cause_numbering(
    hazards: &Hazards,
    groups: &[Group],
    table: &Table,
    columns: &Columns,
    report: &mut ImportReport,
) {
    let Some(cause_col) = columns.column_of(Kind::Causes) else {
        return;
    };
    let mut agreeing = 0;
    let mut others = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        let Some(number) = id_number(&group.id) else {
            continue;
        };
        for (position, row) in group.rows.iter().enumerate() {
            let text = cell_in(group, position, cause_col);
            match cause_hazard_number(&text) {
                Some(n) if n == number => agreeing += 1,
                Some(n) => others.push((index, row.row, n, text)),
                None => {}
            }
        }
    }
    if agreeing < NUMBERED_CAUSES_MIN || others.len() * 5 > agreeing {
        return;
    }
    for (index, row, n, text) in others {
        let first_line = text.lines().next().unwrap_or_default().trim();
        report.warn(
            Some(cell_address(table.sheet, row, cause_col)),
            format!(
                "the cause “{first_line}” in row {} is numbered for hazard {n}, but the row is in \
                 {}: a likely slip; imported as written",
                row + 1,
                hazard_title(&hazards[index], &groups[index])
            ),
        );
    }
}

/// When the number of hazards is not the number of distinct ids, says why.
fn explain_count(hazards: &Hazards, report: &mut ImportReport) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for hazard in hazards {
        *counts
            .entry(hazard.display_id.trim().to_lowercase())
            .or_default() += 1;
    }
    let distinct = counts.len();
    if distinct == hazards.len() {
        return;
    }
    let extra = hazards.len() - distinct;
    report.warn(
        None,
        format!(
            "{} hazard{} from {distinct} distinct id{}: {extra} hazard{} share{} an id with \
             another (named above), and each was kept apart as written",
            hazards.len(),
            plural(hazards.len()),
            plural(distinct),
            plural(extra),
            if extra == 1 { "s" } else { "" }
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_numbered_for_their_hazard() {
        assert_eq!(cause_hazard_number("0203 Test service"), Some(2));
        assert_eq!(cause_hazard_number("101 Messaging failure"), Some(1));
        assert_eq!(cause_hazard_number("1) First"), None);
        assert_eq!(cause_hazard_number("2024-01 notes"), None);
        assert_eq!(cause_hazard_number("12 patients"), None);
        assert_eq!(id_number("H02"), Some(2));
        assert_eq!(id_number("NRL11"), Some(11));
        assert_eq!(id_number("X"), None);
    }
}
