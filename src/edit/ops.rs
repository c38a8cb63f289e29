//! Builders for the edits the app makes. Each reads the current project and returns an [`Edit`]
//! for [`super::Document::apply`]; none mutates anything itself.

use chrono::{DateTime, Utc};

use super::change::{Change, Edit, Slot};
use crate::domain::{Hazard, HazardKey, HazardStatus, IdCounters, Project, ProjectMetadata};

fn hazard_index(project: &Project, key: HazardKey) -> Option<usize> {
    project.hazards.position(key)
}

/// Replaces a hazard with an edited copy, stamping its update time. Returns an empty edit when
/// nothing changed or the hazard is gone. `field` names what was edited, for the undo label and
/// to group a burst of typing in one field into one step.
pub fn update_hazard(project: &Project, after: Hazard, field: &str, now: DateTime<Utc>) -> Edit {
    let Some(index) = hazard_index(project, after.key) else {
        return Edit::new("", vec![]);
    };
    let before = &project.hazards[index];
    if *before == after {
        return Edit::new("", vec![]);
    }
    let mut after = after;
    after.updated = now;
    let label = match field {
        "name" => format!("rename {}", before.display_id),
        _ => format!("edit {} of {}", field, before.display_id),
    };
    let key = format!("hazard {} {}", after.key.0, field);
    let mut changes = vec![Change::Hazard(Slot::Replace {
        index,
        before: Box::new(before.clone()),
        after: Box::new(after.clone()),
    })];
    changes.extend(super::meeting_ops::note_discussed(project, after.key));
    Edit::new(label, changes).coalescing(key)
}

/// A new hazard with the next display id, status New for triage, appended to the log and
/// raised in the running meeting, if any.
pub fn capture_hazard(project: &Project, name: &str, now: DateTime<Utc>) -> (Edit, HazardKey) {
    let mut hazard = Hazard::new(HazardKey(0), String::new(), name.trim().to_owned(), now);
    hazard.raised_in = project.current_meeting;
    add_hazard(project, hazard, "capture")
}

/// A copy of a hazard under a new display id, for similar hazards.
pub fn duplicate_hazard(
    project: &Project,
    source: HazardKey,
    now: DateTime<Utc>,
) -> Option<(Edit, HazardKey)> {
    let mut hazard = project.hazard(source)?.clone();
    hazard.created = now;
    hazard.updated = now;
    hazard.date_added = Some(now.date_naive());
    hazard.status = HazardStatus::NewForTriage;
    let verb = format!("duplicate {} as", hazard.display_id);
    Some(add_hazard(project, hazard, &verb))
}

/// Appends `hazard` with a fresh key and display id; `verb` starts the undo label.
pub(super) fn add_hazard(project: &Project, mut hazard: Hazard, verb: &str) -> (Edit, HazardKey) {
    let (key, after_key) = project.next_key();
    let (display_id, after_number) = project.next_hazard_display_id();
    let counters = IdCounters {
        next_key: after_key.next_key,
        next_hazard_number: after_number.next_hazard_number,
    };
    hazard.key = HazardKey(key);
    hazard.display_id = display_id;
    let label = format!("{verb} {}", hazard.display_id);
    let edit = Edit::new(
        label,
        vec![
            Change::Counters {
                before: project.counters,
                after: counters,
            },
            Change::Hazard(Slot::Insert {
                index: project.hazards.len(),
                item: Box::new(hazard),
            }),
        ],
    );
    (edit, HazardKey(key))
}

pub fn update_metadata(project: &Project, after: ProjectMetadata, field: &str) -> Edit {
    if project.metadata == after {
        return Edit::new("", vec![]);
    }
    Edit::new(
        format!("edit {field}"),
        vec![Change::Metadata {
            before: Box::new(project.metadata.clone()),
            after: Box::new(after),
        }],
    )
    .coalescing(format!("metadata {field}"))
}
