//! Edits for merging: taking in a merged copy (one undoable step) and resolving a stored merge
//! conflict with ours, theirs or an edited value (one undoable step each).

use super::change::{Change, Edit, Slot};
use crate::domain::Project;
use crate::domain::three_way::{ConflictPlace, FieldTable, MergeConflict, ResolveError};

/// Replaces the project with `merged` (made by `domain::three_way::merge_with` from this project
/// and another copy); the other copy's history entries are appended when it is recorded.
pub fn apply_merge(project: &Project, merged: Project, from: &str) -> Edit {
    Edit::new(
        format!("merge {from}"),
        vec![Change::Merged {
            before: Box::new(project.clone()),
            after: Box::new(merged),
        }],
    )
}

/// How a conflict is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Keep the value the project holds (ours'): only the conflict goes.
    Ours,
    /// Write theirs' value.
    Theirs,
    /// Write this value (RON text of the field's value, see [`MergeConflict::value_from_text`]).
    Edited(String),
}

/// Resolves conflict `index`: writes the chosen value where the conflict is and removes it.
pub fn resolve_conflict(
    project: &Project,
    index: usize,
    resolution: &Resolution,
) -> Result<Edit, ResolveError> {
    let conflict = project
        .conflicts
        .get(index)
        .ok_or_else(|| ResolveError::Gone("the conflict".into()))?;
    let (ron, how) = match resolution {
        Resolution::Ours => (None, "keep ours"),
        Resolution::Theirs => (Some(conflict.theirs.ron.as_str()), "keep theirs"),
        Resolution::Edited(ron) => (Some(ron.as_str()), "edit"),
    };
    let mut changes = Vec::new();
    if let Some(ron) = ron {
        changes.push(write_change(project, conflict, ron)?);
    }
    changes.push(Change::Conflict(Slot::Remove {
        index,
        item: Box::new(conflict.clone()),
    }));
    Ok(Edit::new(format!("{how} for {}", conflict.label), changes))
}

/// The change writing `ron` at the conflict's place: a replacement of the one item for hazards,
/// people, meetings (and their minutes), actions and the document details; the project as a
/// whole otherwise (settings and technique records, rarely in conflict).
fn write_change(
    project: &Project,
    conflict: &MergeConflict,
    ron: &str,
) -> Result<Change, ResolveError> {
    let gone = || ResolveError::Gone(conflict.label.clone());
    let bad = |message: String| ResolveError::Value {
        field: conflict.label.clone(),
        message,
    };
    let field = conflict.field.as_str();
    fn replace<T: FieldTable>(
        items: &impl std::ops::Index<usize, Output = T>,
        index: Option<usize>,
        write: impl FnOnce(&mut T) -> Result<(), String>,
    ) -> Option<Result<Slot<T>, String>> {
        let index = index?;
        let mut after = items[index].clone();
        Some(write(&mut after).map(|()| Slot::Replace {
            index,
            before: Box::new(items[index].clone()),
            after: Box::new(after),
        }))
    }
    Ok(match &conflict.place {
        ConflictPlace::Hazard(key) => {
            let index = project.hazards.iter().position(|h| h.key == *key);
            let slot = replace(&project.hazards, index, |h| h.set_field(field, ron));
            Change::Hazard(slot.ok_or_else(gone)?.map_err(bad)?)
        }
        ConflictPlace::Person(key) => {
            let index = project.people.iter().position(|p| p.key == *key);
            let slot = replace(&project.people, index, |p| p.set_field(field, ron));
            Change::Person(slot.ok_or_else(gone)?.map_err(bad)?)
        }
        ConflictPlace::Meeting(key) => {
            let index = project.meetings.iter().position(|m| m.key == *key);
            let slot = replace(&project.meetings, index, |m| m.set_field(field, ron));
            Change::Meeting(slot.ok_or_else(gone)?.map_err(bad)?)
        }
        ConflictPlace::Entry(meeting, entry) => {
            let index = project.meetings.iter().position(|m| m.key == *meeting);
            let slot = replace(&project.meetings, index, |m| {
                m.entries
                    .iter_mut()
                    .find(|e| e.key == *entry)
                    .ok_or_else(|| format!("{} is no longer in the minutes", conflict.label))?
                    .set_field(field, ron)
            });
            Change::Meeting(slot.ok_or_else(gone)?.map_err(bad)?)
        }
        ConflictPlace::Action(key) => {
            let index = project.actions.iter().position(|a| a.key == *key);
            let slot = replace(&project.actions, index, |a| a.set_field(field, ron));
            Change::Action(slot.ok_or_else(gone)?.map_err(bad)?)
        }
        ConflictPlace::Metadata => {
            let mut after = project.metadata.clone();
            after.set_field(field, ron).map_err(bad)?;
            Change::Metadata {
                before: Box::new(project.metadata.clone()),
                after: Box::new(after),
            }
        }
        _ => {
            let mut after = project.clone();
            conflict.write(&mut after, ron)?;
            Change::Merged {
                before: Box::new(project.clone()),
                after: Box::new(after),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::domain::three_way::merge;
    use crate::domain::{Hazard, HazardKey};

    fn conflicted() -> (Project, Project) {
        let mut base = Project::default();
        base.hazards.push(Hazard::new(
            HazardKey(1),
            "H001".into(),
            "Wrong patient".into(),
            DateTime::UNIX_EPOCH,
        ));
        let mut ours = base.clone();
        ours.hazards[0].owner = "Ann".into();
        ours.metadata.system_name = "EPMA".into();
        let mut theirs = base.clone();
        theirs.hazards[0].owner = "Bob".into();
        theirs.metadata.system_name = "ePMA".into();
        let merged = merge(&base, &ours, &theirs).project;
        (ours, merged)
    }

    #[test]
    fn a_merge_is_one_undoable_change() {
        let (ours, merged) = conflicted();
        let edit = apply_merge(&ours, merged.clone(), "copy");
        let mut project = ours.clone();
        edit.apply(&mut project);
        assert_eq!(project, merged);
        edit.unapply(&mut project);
        assert_eq!(project, ours);
    }

    #[test]
    fn each_resolution_writes_its_value_and_removes_the_conflict() {
        let (_, merged) = conflicted();
        assert_eq!(merged.conflicts.len(), 2);
        let hazard = merged
            .conflicts
            .iter()
            .position(|c| c.place == ConflictPlace::Hazard(HazardKey(1)))
            .unwrap();
        let edit = resolve_conflict(&merged, hazard, &Resolution::Theirs).unwrap();
        let mut project = merged.clone();
        edit.apply(&mut project);
        assert_eq!(project.hazards[0].owner, "Bob");
        assert_eq!(project.conflicts.len(), 1);
        edit.unapply(&mut project);
        assert_eq!(project, merged);

        let details = project.conflicts[0].clone();
        let index = project
            .conflicts
            .iter()
            .position(|c| *c == details)
            .unwrap();
        let typed = details.value_from_text("E-PMA").expect("a text field");
        let edit = resolve_conflict(&project, index, &Resolution::Edited(typed)).unwrap();
        edit.apply(&mut project);
        assert_eq!(project.metadata.system_name, "E-PMA");
        let ours = resolve_conflict(&project, 0, &Resolution::Ours).unwrap();
        ours.apply(&mut project);
        assert!(project.conflicts.is_empty());
        assert_eq!(project.hazards[0].owner, "Ann", "ours kept");
    }
}
