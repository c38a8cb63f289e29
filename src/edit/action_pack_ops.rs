//! Taking a returned action pack into the project: the accepted updates as one undoable edit,
//! each action's status set as reported and every report kept with who sent it and when.

use chrono::{DateTime, Utc};

use super::{Change, Edit, Slot};
use crate::domain::Project;
use crate::domain::action_report::ActionReport;
use crate::interchange::action_pack::PackReturn;

/// Applies the updates of `pack` at the positions in `accepted`.
pub fn apply_pack(
    project: &Project,
    pack: &PackReturn,
    accepted: &[usize],
    now: DateTime<Utc>,
) -> Edit {
    let mut changes = Vec::new();
    let mut reports = project.action_reports.len();
    for update in accepted.iter().filter_map(|&i| pack.updates.get(i)) {
        let Some(index) = project.actions.iter().position(|a| a.key == update.action) else {
            continue;
        };
        if let Some(status) = update.status {
            let before = project.actions[index].clone();
            if before.status != status {
                let mut after = before.clone();
                after.status = status;
                changes.push(Change::Action(Slot::Replace {
                    index,
                    before: Box::new(before),
                    after: Box::new(after),
                }));
            }
        }
        changes.push(Change::ActionReport(Slot::Insert {
            index: reports,
            item: Box::new(ActionReport {
                action: update.action,
                reported_by: pack.owner.clone(),
                received: now,
                status: update.status,
                note: update.note.clone(),
                evidence: update.evidence.clone(),
                date_done: update.date_done,
            }),
        }));
        reports += 1;
    }
    Edit::new(format!("take in {}'s action pack", pack.owner), changes)
}
