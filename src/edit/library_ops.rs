//! Edits that bring hazards in from elsewhere: a starter library item, or hazards chosen from
//! another project. Each new hazard is New for triage with a new id, and its origin is kept in
//! the technique's provenance records (not on the hazard), with any suggested controls.

use chrono::{DateTime, Utc};

use super::change::{Change, Edit, Slot};
use super::technique_change::TechniqueChange;
use crate::domain::library::{LibraryArea, LibraryItem};
use crate::domain::technique::{Origin, Provenance, SuggestedControl};
use crate::domain::{AdditionalControl, Assessment, Hazard, HazardKey, HazardStatus, Project};

fn provenance_change(project: &Project, offset: usize, record: Provenance) -> Change {
    Change::Technique(TechniqueChange::Provenance(Slot::Insert {
        index: project.technique.provenance.len() + offset,
        item: Box::new(record),
    }))
}

/// Adds a library item as a hazard: New for triage, unscored, raised in the running meeting,
/// with the item's description and typical causes; its typical controls are kept as suggestions
/// to adopt (a suggestion is not a control in place).
pub fn add_from_library(
    project: &Project,
    area: &LibraryArea,
    item: &LibraryItem,
    now: DateTime<Utc>,
) -> (Edit, HazardKey) {
    let mut hazard = Hazard::new(HazardKey(0), String::new(), item.name.clone(), now);
    hazard.description = item.description.clone();
    hazard.causes = item.causes.clone();
    hazard.raised_in = project.current_meeting;
    let (mut edit, key) = super::ops::add_hazard(project, hazard, "add");
    edit.label = format!("{} from the library ({})", edit.label, area.name);
    edit.changes.push(provenance_change(
        project,
        0,
        Provenance {
            hazard: key,
            origin: Origin::Library {
                item: item.id.clone(),
                name: item.name.clone(),
                source: item.source.clone(),
            },
            added: now,
            suggested_controls: item
                .controls
                .iter()
                .map(|(kind, text)| SuggestedControl {
                    kind: *kind,
                    text: text.clone(),
                })
                .collect(),
        },
    ));
    (edit, key)
}

/// Makes a suggested control one of the hazard's additional controls (owner and evidence still
/// to be filled in) and takes it off the suggestions.
pub fn adopt_suggestion(
    project: &Project,
    hazard: HazardKey,
    suggestion: usize,
    now: DateTime<Utc>,
) -> Edit {
    let Some((index, record)) = provenance_index(project, hazard) else {
        return Edit::new("", vec![]);
    };
    let (Some(h), Some(control)) = (
        project.hazard(hazard),
        record.suggested_controls.get(suggestion),
    ) else {
        return Edit::new("", vec![]);
    };
    let mut after = h.clone();
    after.additional_controls.push(AdditionalControl {
        kind: control.kind,
        text: control.text.clone(),
        owner: String::new(),
        evidence: String::new(),
    });
    let mut edit = super::ops::update_hazard(project, after, "additional controls", now);
    edit.coalesce = None;
    edit.label = format!("adopt a suggested control for {}", h.display_id);
    edit.changes
        .push(drop_suggestion(index, record, suggestion));
    edit
}

/// Dismisses a suggested control without adopting it.
pub fn dismiss_suggestion(project: &Project, hazard: HazardKey, suggestion: usize) -> Edit {
    let Some((index, record)) = provenance_index(project, hazard) else {
        return Edit::new("", vec![]);
    };
    if suggestion >= record.suggested_controls.len() {
        return Edit::new("", vec![]);
    }
    Edit::new(
        "dismiss a suggested control",
        vec![drop_suggestion(index, record, suggestion)],
    )
}

fn provenance_index(project: &Project, hazard: HazardKey) -> Option<(usize, &Provenance)> {
    project
        .technique
        .provenance
        .iter()
        .enumerate()
        .find(|(_, p)| p.hazard == hazard)
}

fn drop_suggestion(index: usize, record: &Provenance, suggestion: usize) -> Change {
    let mut after = record.clone();
    after.suggested_controls.remove(suggestion);
    Change::Technique(TechniqueChange::Provenance(Slot::Replace {
        index,
        before: Box::new(record.clone()),
        after: Box::new(after),
    }))
}

/// The edit adding hazards from another project, and what happened to each.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectImport {
    pub edit: Edit,
    /// (their display id, our new key), in the order chosen.
    pub added: Vec<(String, HazardKey)>,
    /// One line for each thing that was not kept as it was, to show the user.
    pub notes: Vec<String>,
}

/// Adds the chosen hazards of `other` (read from the file named `file`) as new hazards with new
/// ids: New for triage, not linked to our meetings, and unscored unless `keep_scores` (then the
/// assessments and their justifications come too). Text, causes, controls and extra fields
/// are kept. Each records its origin (project, file, their id and key). Keys in `chosen` that
/// `other` does not hold are reported in the notes.
pub fn import_from_project(
    project: &Project,
    other: &Project,
    file: &str,
    chosen: &[HazardKey],
    keep_scores: bool,
    now: DateTime<Utc>,
) -> ProjectImport {
    let source_name = project_name(other, file);
    let mut scratch = project.clone();
    let mut changes = Vec::new();
    let mut added = Vec::new();
    let mut notes = Vec::new();
    for key in chosen {
        let Some(theirs) = other.hazard(*key) else {
            notes.push(format!(
                "A chosen hazard (key {}) is no longer in “{file}”.",
                key.0
            ));
            continue;
        };
        let mut hazard = theirs.clone();
        let id = &theirs.display_id;
        hazard.created = now;
        hazard.updated = now;
        hazard.raised_in = None;
        if hazard.status != HazardStatus::NewForTriage {
            notes.push(format!(
                "{id}: status “{}” there; New for triage here.",
                theirs.status.label()
            ));
            hazard.status = HazardStatus::NewForTriage;
        }
        let scored = theirs.initial != Assessment::default()
            || theirs.residual != Assessment::default()
            || !theirs.initial_justification.is_empty()
            || !theirs.residual_justification.is_empty();
        if !keep_scores && scored {
            hazard.initial = Assessment::default();
            hazard.residual = Assessment::default();
            hazard.initial_justification.clear();
            hazard.residual_justification.clear();
            notes.push(format!(
                "{id}: its scores and justifications were left behind (unscored here)."
            ));
        }
        if other.technique.cells_of_hazard(*key).next().is_some() {
            notes.push(format!(
                "{id}: its links to workflow steps and prompts there were not brought across."
            ));
        }
        let (edit, new_key) = super::ops::add_hazard(&scratch, hazard, "import");
        edit.apply(&mut scratch);
        changes.extend(edit.changes);
        changes.push(provenance_change(
            project,
            added.len(),
            Provenance {
                hazard: new_key,
                origin: Origin::Project {
                    project: source_name.clone(),
                    file: file.to_owned(),
                    display_id: id.clone(),
                    key: key.0,
                },
                added: now,
                suggested_controls: Vec::new(),
            },
        ));
        added.push((id.clone(), new_key));
    }
    let label = match added.len() {
        1 => format!("import {} from “{source_name}”", added[0].0),
        n => format!("import {n} hazards from “{source_name}”"),
    };
    ProjectImport {
        edit: Edit::new(label, if added.is_empty() { vec![] } else { changes }),
        added,
        notes,
    }
}

/// What to call a project in provenance: its system, else its document title, else the file.
fn project_name(project: &Project, file: &str) -> String {
    let m = &project.metadata;
    [&m.system_name, &m.document_title]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .unwrap_or(file)
        .to_owned()
}

#[cfg(test)]
#[path = "library_ops_tests.rs"]
mod tests;
