//! The hazard ids of an import: kept as the sheet gives them, new ones for hazards without an
//! id in the log's own style (`NRL12` after `NRL11`), and ids that several hazards share
//! reported.

use std::collections::{HashMap, HashSet};

use super::columns::Columns;
use super::report::ImportReport;
use super::rows::Group;
use super::table::Table;
use crate::domain::{Hazard, HazardKey, IdCounters, Project};
use crate::interchange::layout::cell_address;

/// Puts `hazards` into `project` with keys in sheet order; a hazard without an id gets the next
/// free one, as new hazards in the app do, and the user is told.
pub(super) fn number_hazards(
    project: &mut Project,
    hazards: Vec<Hazard>,
    groups: &[Group],
    table: &Table,
    columns: &Columns,
    report: &mut ImportReport,
) {
    infer_id_style(project, &hazards);
    project.hazards = hazards.into();
    for (index, hazard) in project.hazards.iter_mut().enumerate() {
        hazard.key = HazardKey(index as u64 + 1);
    }
    project.counters.next_key = project.hazards.len() as u64 + 1;
    let mut used: HashSet<String> = project
        .hazards
        .iter()
        .map(|h| h.display_id.trim().to_lowercase())
        .collect();
    let missing: Vec<usize> = (0..project.hazards.len())
        .filter(|&i| project.hazards[i].display_id.is_empty())
        .collect();
    for index in missing {
        let id = loop {
            let number = project.counters.next_hazard_number;
            project.counters.next_hazard_number = number.saturating_add(1);
            let candidate = format!(
                "{}{:0width$}",
                project.hazard_id_prefix,
                number,
                width = usize::from(project.hazard_id_digits)
            );
            if used.insert(candidate.to_lowercase()) {
                break candidate;
            }
        };
        let row = groups[index].first_row;
        report.warn(
            Some(cell_address(
                table.sheet,
                row,
                columns.id_column.unwrap_or(0),
            )),
            format!("the hazard in row {} has no id; it was given {id}", row + 1),
        );
        project.hazards[index].display_id = id;
    }
    report_shared_ids(project, groups, table, columns, report);
}

/// Hazards that share an id (trimmed, in any case) are kept apart, each with the id the sheet
/// gives it; the user is told which rows share each id, so that each can be given its own.
fn report_shared_ids(
    project: &Project,
    groups: &[Group],
    table: &Table,
    columns: &Columns,
    report: &mut ImportReport,
) {
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut shared: Vec<Vec<usize>> = Vec::new();
    for (index, hazard) in project.hazards.iter().enumerate() {
        let key = hazard.display_id.trim().to_lowercase();
        match first_seen.get(&key) {
            Some(&slot) => shared[slot].push(index),
            None => {
                first_seen.insert(key, shared.len());
                shared.push(vec![index]);
            }
        }
    }
    for indexes in shared.iter().filter(|i| i.len() > 1) {
        let rows: Vec<String> = indexes
            .iter()
            .map(|&i| (groups[i].first_row + 1).to_string())
            .collect();
        let second_row = groups[indexes[1]].first_row;
        report.warn(
            Some(cell_address(
                table.sheet,
                second_row,
                columns.id_column.unwrap_or(0),
            )),
            format!(
                "{} hazards have the id {} (rows {}); each was imported as a separate hazard \
                 with that id: give each its own id",
                indexes.len(),
                project.hazards[indexes[0]].display_id.trim(),
                and_list(&rows)
            ),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// New hazard ids follow the log's own style: `NRL` + 2 digits after `NRL01`…`NRL11`.
fn infer_id_style(project: &mut Project, hazards: &[Hazard]) {
    let mut prefix: Option<String> = None;
    let mut digits = usize::MAX;
    let mut highest = 0u32;
    for hazard in hazards {
        let id = hazard.display_id.trim();
        if id.is_empty() {
            continue;
        }
        let number_len = id.chars().rev().take_while(char::is_ascii_digit).count();
        let (head, number) = id.split_at(id.len() - number_len);
        let Ok(number) = number.parse::<u32>() else {
            return;
        };
        if head
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_whitespace())
        {
            return;
        }
        match &prefix {
            Some(p) if p != head => return,
            _ => prefix = Some(head.to_owned()),
        }
        digits = digits.min(number_len);
        highest = highest.max(number);
    }
    if let Some(prefix) = prefix
        && digits <= 9
    {
        project.hazard_id_prefix = prefix;
        project.hazard_id_digits = digits as u8;
        project.counters = IdCounters {
            next_hazard_number: highest.saturating_add(1),
            ..project.counters
        };
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    #[test]
    fn id_style_follows_the_log() {
        let hazard =
            |id: &str| Hazard::new(HazardKey(1), id.into(), "x".into(), DateTime::UNIX_EPOCH);
        let mut project = Project::default();
        infer_id_style(&mut project, &[hazard("NRL01"), hazard("NRL11")]);
        assert_eq!(project.hazard_id_prefix, "NRL");
        assert_eq!(project.hazard_id_digits, 2);
        assert_eq!(project.next_hazard_display_id().0, "NRL12");

        let mut project = Project::default();
        infer_id_style(&mut project, &[hazard("H01"), hazard("X02")]);
        assert_eq!(
            project.hazard_id_prefix, "H",
            "mixed prefixes keep the default"
        );
    }
}
