//! Merging an imported hazard log into the open project: hazards are matched by display id
//! (trimmed, case-insensitive); new ones are added, changed ones replaced field by field, and the
//! whole merge is one undoable [`Edit`].

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::domain::{AdditionalControl, ExtraField, Hazard, HazardKey, IdCounters, Project};
use crate::edit::{Change, Edit, Slot};

/// What an imported workbook holds besides its hazards, which merging it into the open project
/// leaves behind (a merge brings hazards only): one line for each kind, for the import report.
pub fn left_behind_by_merge(imported: &Project) -> Vec<String> {
    let mut lines = Vec::new();
    let mut count = |n: usize, one: &str, many: &str| {
        if n > 0 {
            lines.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    };
    let entries: usize = imported.meetings.iter().map(|m| m.entries.len()).sum();
    count(imported.meetings.len(), "meeting", "meetings");
    count(entries, "minute entry", "minute entries");
    count(imported.actions.len(), "action", "actions");
    count(imported.people.len(), "person", "people");
    let metadata = &imported.metadata;
    let history = metadata.version_history.len();
    count(history, "version history line", "version history lines");
    let sign_offs = metadata.reviewers.len() + metadata.approvers.len();
    count(
        sign_offs,
        "reviewer or approver sign-off",
        "reviewer and approver sign-offs",
    );
    let sheets = metadata.kept_sheets.len();
    count(
        sheets,
        "other sheet of the workbook",
        "other sheets of the workbook",
    );
    let plain = crate::domain::ProjectMetadata {
        version_history: Vec::new(),
        reviewers: Vec::new(),
        approvers: Vec::new(),
        kept_sheets: Vec::new(),
        ..metadata.clone()
    };
    if plain != crate::domain::ProjectMetadata::default() {
        lines.push("the document details (cover page)".to_owned());
    }
    if imported.technique != Default::default() {
        lines.push("the Coverage sheet (steps, decks and coverage)".to_owned());
    }
    if lines.is_empty() {
        return lines;
    }
    vec![format!(
        "Merging brings the hazards only. Not merged into the open project: {}; import the \
         workbook as a new project to keep them.",
        lines.join(", ")
    )]
}

/// A hazard field a spreadsheet can carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HazardField {
    Name,
    Description,
    Effect,
    Hazard,
    Harm,
    Causes,
    DateAdded,
    ExistingControls,
    Initial,
    InitialJustification,
    AdditionalControls,
    Residual,
    ResidualJustification,
    Status,
    Owner,
    ActionsAndNotes,
    /// Merged by label: imported labels replace or add, labels only in the project stay.
    ExtraFields,
}

impl HazardField {
    pub const ALL: [HazardField; 17] = [
        HazardField::Name,
        HazardField::Description,
        HazardField::Effect,
        HazardField::Hazard,
        HazardField::Harm,
        HazardField::Causes,
        HazardField::DateAdded,
        HazardField::ExistingControls,
        HazardField::Initial,
        HazardField::InitialJustification,
        HazardField::AdditionalControls,
        HazardField::Residual,
        HazardField::ResidualJustification,
        HazardField::Status,
        HazardField::Owner,
        HazardField::ActionsAndNotes,
        HazardField::ExtraFields,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HazardField::Name => "name",
            HazardField::Description => "description",
            HazardField::Effect => "effect",
            HazardField::Hazard => "hazard",
            HazardField::Harm => "harm",
            HazardField::Causes => "causes",
            HazardField::DateAdded => "date added",
            HazardField::ExistingControls => "existing controls",
            HazardField::Initial => "initial assessment",
            HazardField::InitialJustification => "initial justification",
            HazardField::AdditionalControls => "additional controls",
            HazardField::Residual => "residual assessment",
            HazardField::ResidualJustification => "residual justification",
            HazardField::Status => "status",
            HazardField::Owner => "owner",
            HazardField::ActionsAndNotes => "actions/notes",
            HazardField::ExtraFields => "extra fields",
        }
    }

    /// Copies this field from `from` into `to`.
    fn copy(self, from: &Hazard, to: &mut Hazard) {
        match self {
            HazardField::Name => to.name.clone_from(&from.name),
            HazardField::Description => to.description.clone_from(&from.description),
            HazardField::Effect => to.effect.clone_from(&from.effect),
            HazardField::Hazard => to.hazard.clone_from(&from.hazard),
            HazardField::Harm => to.harm.clone_from(&from.harm),
            HazardField::Causes => to.causes.clone_from(&from.causes),
            HazardField::DateAdded => to.date_added = from.date_added,
            HazardField::ExistingControls => {
                to.existing_controls.clone_from(&from.existing_controls)
            }
            HazardField::Initial => to.initial = from.initial,
            HazardField::InitialJustification => to
                .initial_justification
                .clone_from(&from.initial_justification),
            HazardField::AdditionalControls => {
                if self.differs(from, to) {
                    to.additional_controls.clone_from(&from.additional_controls)
                }
            }
            HazardField::Residual => to.residual = from.residual,
            HazardField::ResidualJustification => to
                .residual_justification
                .clone_from(&from.residual_justification),
            HazardField::Status => to.status.clone_from(&from.status),
            HazardField::Owner => to.owner.clone_from(&from.owner),
            HazardField::ActionsAndNotes => {
                to.actions_and_notes.clone_from(&from.actions_and_notes)
            }
            HazardField::ExtraFields => {
                to.extra_fields = merge_extras(&to.extra_fields, &from.extra_fields)
            }
        }
    }

    fn differs(self, a: &Hazard, b: &Hazard) -> bool {
        match self {
            HazardField::Name => a.name != b.name,
            HazardField::Description => a.description != b.description,
            HazardField::Effect => a.effect != b.effect,
            HazardField::Hazard => a.hazard != b.hazard,
            HazardField::Harm => a.harm != b.harm,
            HazardField::Causes => a.causes != b.causes,
            HazardField::DateAdded => a.date_added != b.date_added,
            HazardField::ExistingControls => a.existing_controls != b.existing_controls,
            HazardField::Initial => a.initial != b.initial,
            HazardField::InitialJustification => a.initial_justification != b.initial_justification,
            HazardField::AdditionalControls => {
                by_kind(&a.additional_controls) != by_kind(&b.additional_controls)
            }
            HazardField::Residual => a.residual != b.residual,
            HazardField::ResidualJustification => {
                a.residual_justification != b.residual_justification
            }
            HazardField::Status => a.status != b.status,
            HazardField::Owner => a.owner != b.owner,
            HazardField::ActionsAndNotes => a.actions_and_notes != b.actions_and_notes,
            HazardField::ExtraFields => a.extra_fields != b.extra_fields,
        }
    }
}

/// Controls in the order the NHS sheet keeps them: by kind (Design, Test, Training, BPC
/// columns), in their own order within a kind. A spreadsheet cannot say more, so a re-import
/// of an export is no change.
fn by_kind(controls: &[AdditionalControl]) -> Vec<&AdditionalControl> {
    let mut sorted: Vec<&AdditionalControl> = controls.iter().collect();
    sorted.sort_by_key(|c| c.kind);
    sorted
}

/// The project's extra fields with the imported ones laid over them: a label the import has
/// replaces the project's values for that label (in place); new labels are appended.
fn merge_extras(current: &[ExtraField], imported: &[ExtraField]) -> Vec<ExtraField> {
    let mut merged: Vec<ExtraField> = Vec::new();
    for field in current {
        if imported.iter().any(|i| i.label == field.label) {
            if !merged.iter().any(|m| m.label == field.label) {
                merged.extend(imported.iter().filter(|i| i.label == field.label).cloned());
            }
        } else {
            merged.push(field.clone());
        }
    }
    for field in imported {
        if !current.iter().any(|c| c.label == field.label) {
            merged.push(field.clone());
        }
    }
    merged
}

/// A hazard of the project that the import changes.
#[derive(Clone, Debug, PartialEq)]
pub struct HazardUpdate {
    pub key: HazardKey,
    pub before: Hazard,
    pub after: Hazard,
    pub fields: Vec<HazardField>,
}

/// What merging an import would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergePlan {
    /// New hazards, in sheet order; they get fresh keys when the plan is applied.
    pub added: Vec<Hazard>,
    pub changed: Vec<HazardUpdate>,
    /// Display ids of matched hazards that the import does not change.
    pub unchanged: Vec<String>,
}

fn id_key(id: &str) -> String {
    id.trim().to_lowercase()
}

/// Compares every field: see [`plan_merge_fields`].
pub fn plan_merge(current: &Project, imported: &Project) -> MergePlan {
    plan_merge_fields(current, imported, &HazardField::ALL)
}

/// Matches imported hazards to the project's by display id. Only `fields` are compared and
/// copied; the key, the creation time and the meeting a hazard was raised in are kept. A second
/// imported hazard with an id already matched is added as a new hazard.
pub fn plan_merge_fields(
    current: &Project,
    imported: &Project,
    fields: &[HazardField],
) -> MergePlan {
    let mut plan = MergePlan::default();
    // The first hazard of the project with each id.
    let mut by_id: HashMap<String, &Hazard> = HashMap::new();
    for hazard in &current.hazards {
        by_id.entry(id_key(&hazard.display_id)).or_insert(hazard);
    }
    let mut matched: HashSet<HazardKey> = HashSet::new();
    for incoming in &imported.hazards {
        let wanted = id_key(&incoming.display_id);
        let existing = by_id
            .get(&wanted)
            .filter(|h| !wanted.is_empty() && !matched.contains(&h.key));
        let Some(&existing) = existing else {
            plan.added.push(incoming.clone());
            continue;
        };
        matched.insert(existing.key);
        let mut after = existing.clone();
        for field in fields {
            field.copy(incoming, &mut after);
        }
        let changed: Vec<HazardField> = HazardField::ALL
            .into_iter()
            .filter(|f| f.differs(existing, &after))
            .collect();
        if changed.is_empty() {
            plan.unchanged.push(existing.display_id.clone());
        } else {
            plan.changed.push(HazardUpdate {
                key: existing.key,
                before: existing.clone(),
                after,
                fields: changed,
            });
        }
    }
    plan
}

impl MergePlan {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty()
    }

    /// One line per hazard added or changed, then a count of the unchanged ones.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for hazard in &self.added {
            lines.push(format!("Add {}", hazard.title()));
        }
        for update in &self.changed {
            let fields: Vec<&str> = update.fields.iter().map(|f| f.label()).collect();
            lines.push(format!(
                "Change {}: {}",
                update.before.title(),
                fields.join(", ")
            ));
        }
        if !self.unchanged.is_empty() {
            lines.push(format!(
                "{} hazard{} unchanged: {}",
                self.unchanged.len(),
                if self.unchanged.len() == 1 { "" } else { "s" },
                self.unchanged.join(", ")
            ));
        }
        if lines.is_empty() {
            lines.push("Nothing to import.".to_owned());
        }
        lines
    }

    /// The whole merge as one undoable edit on `current` (the project the plan was made
    /// from). New hazards get fresh keys from the project's counters and go at the end;
    /// changed ones are replaced in place, keeping their key. Empty when there is nothing to do.
    pub fn into_edit(self, current: &Project, now: DateTime<Utc>) -> Edit {
        let mut changes = Vec::new();
        let index_of: HashMap<HazardKey, usize> = current
            .hazards
            .iter()
            .enumerate()
            .map(|(i, h)| (h.key, i))
            .collect();
        for update in self.changed {
            let Some(&index) = index_of.get(&update.key) else {
                continue;
            };
            let before = current.hazards[index].clone();
            let mut after = update.after;
            after.key = before.key;
            after.updated = now;
            if after == before {
                continue;
            }
            changes.push(Change::Hazard(Slot::Replace {
                index,
                before: Box::new(before),
                after: Box::new(after),
            }));
        }
        let changed_count = changes.len();
        let added_count = self.added.len();
        if added_count > 0 {
            let mut counters = current.counters;
            let mut inserts = Vec::new();
            for (i, mut hazard) in self.added.into_iter().enumerate() {
                hazard.key = HazardKey(counters.next_key);
                counters = IdCounters {
                    next_key: counters.next_key + 1,
                    ..counters
                };
                hazard.created = now;
                hazard.updated = now;
                hazard.raised_in = None;
                inserts.push(Change::Hazard(Slot::Insert {
                    index: current.hazards.len() + i,
                    item: Box::new(hazard),
                }));
            }
            changes.push(Change::Counters {
                before: current.counters,
                after: counters,
            });
            changes.extend(inserts);
        }
        let label = match (added_count, changed_count) {
            (0, 0) => String::new(),
            (a, 0) => format!("import {a} new hazard{}", if a == 1 { "" } else { "s" }),
            (0, c) => format!(
                "import changes to {c} hazard{}",
                if c == 1 { "" } else { "s" }
            ),
            (a, c) => format!("import {a} new and {c} changed hazards"),
        };
        Edit::new(label, changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_says_what_it_leaves_behind() {
        let mut imported = Project::default();
        assert!(left_behind_by_merge(&imported).is_empty());
        imported.meetings.push(crate::domain::Meeting::default());
        imported.metadata.system_name = "ePMA".into();
        let lines = left_behind_by_merge(&imported);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].contains("1 meeting,"), "{lines:?}");
        assert!(lines[0].contains("the document details"), "{lines:?}");
        assert!(!lines[0].contains("actions"), "{lines:?}");
    }
    use crate::domain::{Assessment, HazardStatus, Likelihood, Severity};

    fn hazard(key: u64, id: &str, name: &str) -> Hazard {
        Hazard::new(HazardKey(key), id.into(), name.into(), DateTime::UNIX_EPOCH)
    }

    fn current() -> Project {
        let mut project = Project {
            hazards: vec![
                hazard(1, "H001", "Wrong patient"),
                hazard(2, "H002", "Wrong drug"),
                hazard(3, "H003", "Unchanged"),
            ]
            .into(),
            ..Project::default()
        };
        project.hazards[1].owner = "Pharmacist".into();
        project.hazards[1].extra_fields = vec![ExtraField {
            label: "Kept".into(),
            value: "only in the project".into(),
        }];
        project.counters = IdCounters {
            next_key: 10,
            next_hazard_number: 4,
        };
        project
    }

    fn imported() -> Project {
        let mut changed = hazard(1, " h002 ", "Wrong drug selected");
        changed.initial = Assessment::new(Severity::Major, Likelihood::Low);
        changed.status = HazardStatus::Open;
        changed.extra_fields = vec![ExtraField {
            label: "Hazard type".into(),
            value: "Medicines".into(),
        }];
        Project {
            hazards: vec![
                hazard(5, "H003", "Unchanged"),
                changed,
                hazard(6, "NRL01", "Imported new"),
            ]
            .into(),
            ..Project::default()
        }
    }

    #[test]
    fn plan_lists_added_changed_and_unchanged_hazards() {
        let plan = plan_merge_fields(
            &current(),
            &imported(),
            &[
                HazardField::Name,
                HazardField::Initial,
                HazardField::Status,
                HazardField::ExtraFields,
            ],
        );
        assert_eq!(plan.added.len(), 1);
        assert_eq!(plan.added[0].display_id, "NRL01");
        assert_eq!(plan.unchanged, ["H003"]);
        assert_eq!(plan.changed.len(), 1);
        let update = &plan.changed[0];
        assert_eq!(update.key, HazardKey(2));
        assert_eq!(
            update.fields,
            [
                HazardField::Name,
                HazardField::Initial,
                HazardField::Status,
                HazardField::ExtraFields
            ]
        );
        assert_eq!(
            update.after.owner, "Pharmacist",
            "owner is not in the sheet"
        );
        assert_eq!(update.after.display_id, "H002", "the project's id is kept");
        assert_eq!(
            update.after.extra_fields.len(),
            2,
            "extras merge by label: {:?}",
            update.after.extra_fields
        );
        let lines = plan.describe();
        assert_eq!(lines[0], "Add NRL01 Imported new");
        assert!(lines[1].starts_with("Change H002 Wrong drug: name, initial assessment"));
        assert_eq!(lines[2], "1 hazard unchanged: H003");
    }

    #[test]
    fn the_merge_is_one_edit_that_undoes_exactly() {
        let before = current();
        let plan = plan_merge(&before, &imported());
        let now = DateTime::UNIX_EPOCH + chrono::Duration::days(1);
        let edit = plan.into_edit(&before, now);
        assert_eq!(edit.label, "import 1 new and 1 changed hazards");
        let mut project = before.clone();
        edit.apply(&mut project);
        assert_eq!(project.hazards.len(), 4);
        assert_eq!(project.hazards[1].name, "Wrong drug selected");
        assert_eq!(project.hazards[1].key, HazardKey(2));
        assert_eq!(project.hazards[1].updated, now);
        assert_eq!(project.hazards[3].key, HazardKey(10));
        assert_eq!(project.counters.next_key, 11);
        assert_eq!(project.counters.next_hazard_number, 4);
        edit.unapply(&mut project);
        assert_eq!(project, before);
    }

    #[test]
    fn nothing_to_do_is_an_empty_edit() {
        let project = current();
        let plan = plan_merge(&project, &project);
        assert!(plan.is_empty());
        assert_eq!(plan.unchanged.len(), 3);
        assert!(plan.into_edit(&project, DateTime::UNIX_EPOCH).is_empty());
    }

    #[test]
    fn a_repeated_imported_id_is_added_not_matched_twice() {
        let imported = Project {
            hazards: vec![hazard(1, "H001", "First"), hazard(2, "H001", "Second")].into(),
            ..Project::default()
        };
        let plan = plan_merge(&current(), &imported);
        assert_eq!(plan.changed.len(), 1);
        assert_eq!(plan.added.len(), 1);
    }
}
