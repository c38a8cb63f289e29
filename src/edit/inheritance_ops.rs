//! Edits for inherited hazards (DCB0160): inheriting hazards from a supplier's log, deciding each
//! one's local state, and taking in the supplier's next version, where only the changes the user
//! accepts are applied and a local assessment is never replaced unless the user asks.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{Change, Edit, Slot};
use crate::domain::hazard_fields::HazardField;
use crate::domain::inheritance::{
    Inherited, LocalState, copy_assessment, copy_description, same_assessment,
};
use crate::domain::{Hazard, HazardKey, Project};

/// The supplier a log comes from, as the user names it, and the version of its log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Supplier {
    pub name: String,
    pub version: String,
}

/// Adds the chosen hazards of the supplier's log as inherited hazards: new keys and ids here,
/// the supplier's text, assessment and controls, accepted as is. Returns the edit and the new keys.
pub fn inherit(
    project: &Project,
    supplier_log: &Project,
    supplier: &Supplier,
    chosen: &[HazardKey],
    now: DateTime<Utc>,
) -> (Edit, Vec<HazardKey>) {
    let mut scratch = project.clone();
    let mut changes = Vec::new();
    let mut added = Vec::new();
    for theirs in chosen.iter().filter_map(|k| supplier_log.hazard(*k)) {
        let (edit, key) = inherit_one(&mut scratch, theirs, supplier, now);
        changes.extend(edit);
        added.push(key);
    }
    let label = format!(
        "inherit {} hazard{} from {}",
        added.len(),
        if added.len() == 1 { "" } else { "s" },
        supplier.name.trim()
    );
    (Edit::new(label, changes), added)
}

/// One hazard inherited into `scratch` (which the changes are applied to as they are made).
fn inherit_one(
    scratch: &mut Project,
    theirs: &Hazard,
    supplier: &Supplier,
    now: DateTime<Utc>,
) -> (Vec<Change>, HazardKey) {
    let mut hazard = theirs.clone();
    hazard.created = now;
    hazard.updated = now;
    hazard.raised_in = None;
    let (edit, key) = super::ops::add_hazard(&*scratch, hazard, "inherit");
    edit.apply(scratch);
    let record = Change::Inherited(Slot::Insert {
        index: scratch.inherited.len(),
        item: Box::new(Inherited {
            hazard: key,
            supplier: supplier.name.trim().to_owned(),
            supplier_id: theirs.display_id.trim().to_owned(),
            supplier_version: supplier.version.trim().to_owned(),
            state: LocalState::AcceptedAsIs,
            upstream: Box::new(theirs.clone()),
        }),
    });
    record.apply(scratch);
    let mut changes = edit.changes;
    changes.push(record);
    (changes, key)
}

fn record_index(project: &Project, hazard: HazardKey) -> Option<usize> {
    project.inherited.iter().position(|i| i.hazard == hazard)
}

/// Sets an inherited hazard's local state. Accepting as is takes the supplier's assessment and
/// controls back (one undoable step); not applicable needs a reason.
pub fn set_state(project: &Project, hazard: HazardKey, state: LocalState) -> Result<Edit, String> {
    let index = record_index(project, hazard).ok_or("This hazard is not inherited.")?;
    if let LocalState::NotApplicable { reason } = &state
        && reason.trim().is_empty()
    {
        return Err("Say why the hazard does not apply to this deployment.".to_owned());
    }
    let record = &project.inherited[index];
    let mut changes = Vec::new();
    if let (LocalState::AcceptedAsIs, Some((position, current))) = (
        &state,
        project
            .hazards
            .iter()
            .enumerate()
            .find(|(_, h)| h.key == hazard),
    ) && !same_assessment(&record.upstream, current)
    {
        let mut after = current.clone();
        copy_assessment(&record.upstream, &mut after);
        changes.push(Change::Hazard(Slot::Replace {
            index: position,
            before: Box::new(current.clone()),
            after: Box::new(after),
        }));
    }
    let mut after = record.clone();
    after.state = state;
    let label = format!(
        "mark {} {}",
        record.supplier_id,
        after.state.label().to_lowercase()
    );
    changes.push(Change::Inherited(Slot::Replace {
        index,
        before: Box::new(record.clone()),
        after: Box::new(after),
    }));
    Ok(Edit::new(label, changes))
}

/// A hazard the supplier changed since it was inherited (or last taken in).
#[derive(Clone, Debug, PartialEq)]
pub struct UpstreamChange {
    pub hazard: HazardKey,
    pub supplier_id: String,
    pub state: LocalState,
    /// The fields the supplier changed.
    pub fields: Vec<HazardField>,
    /// Whether the supplier's change touches the assessment or controls.
    pub assessment_changed: bool,
    pub upstream: Hazard,
}

/// What the supplier's next version would change.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UpstreamPlan {
    pub supplier: Supplier,
    pub changed: Vec<UpstreamChange>,
    /// Hazards new in the supplier's log.
    pub added: Vec<Hazard>,
    /// Inherited hazards the supplier's log no longer has: (our key, their id).
    pub removed: Vec<(HazardKey, String)>,
    pub unchanged: usize,
}

fn id_key(id: &str) -> String {
    id.trim().to_lowercase()
}

/// Compares the supplier's next version with what was inherited from that supplier.
pub fn plan_upstream(project: &Project, next: &Project, supplier: &Supplier) -> UpstreamPlan {
    let ours: Vec<&Inherited> = project
        .inherited
        .iter()
        .filter(|i| i.supplier.trim() == supplier.name.trim())
        .collect();
    let mut plan = UpstreamPlan {
        supplier: supplier.clone(),
        ..UpstreamPlan::default()
    };
    // By id, so that a log of thousands of hazards compares in one pass.
    let by_id: HashMap<String, &Inherited> =
        ours.iter().map(|i| (id_key(&i.supplier_id), *i)).collect();
    let next_ids: HashSet<String> = next.hazards.iter().map(|h| id_key(&h.display_id)).collect();
    for theirs in &next.hazards {
        let Some(record) = by_id.get(&id_key(&theirs.display_id)) else {
            plan.added.push(theirs.clone());
            continue;
        };
        let fields: Vec<HazardField> = HazardField::changed(&record.upstream, theirs)
            .into_iter()
            .filter(|f| !matches!(f, HazardField::RaisedIn | HazardField::DisplayId))
            .collect();
        if fields.is_empty() {
            plan.unchanged += 1;
            continue;
        }
        plan.changed.push(UpstreamChange {
            hazard: record.hazard,
            supplier_id: record.supplier_id.clone(),
            state: record.state.clone(),
            assessment_changed: !same_assessment(theirs, &record.upstream),
            fields,
            upstream: theirs.clone(),
        });
    }
    for record in &ours {
        if !next_ids.contains(&id_key(&record.supplier_id)) {
            plan.removed
                .push((record.hazard, record.supplier_id.clone()));
        }
    }
    plan
}

/// What the user accepts of an [`UpstreamPlan`], by index into its lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpstreamDecision {
    /// Changes to take in.
    pub take: Vec<usize>,
    /// Of those, locally assessed hazards whose supplier assessment replaces the local one.
    pub replace_local_assessment: Vec<usize>,
    /// New supplier hazards to inherit.
    pub add: Vec<usize>,
}

/// Applies the accepted part of `plan` as one undoable edit. A taken change updates the
/// supplier's record and version; the hazard follows it as its state allows: accepted as is
/// takes everything, locally assessed takes the description (and the assessment only when the
/// user chose to), not applicable takes nothing.
pub fn apply_upstream(
    project: &Project,
    plan: &UpstreamPlan,
    decision: &UpstreamDecision,
    now: DateTime<Utc>,
) -> Edit {
    let mut scratch = project.clone();
    let mut changes = Vec::new();
    let push = |scratch: &mut Project, changes: &mut Vec<Change>, change: Change| {
        change.apply(scratch);
        changes.push(change);
    };
    let mut taken = 0;
    for &i in &decision.take {
        let Some(change) = plan.changed.get(i) else {
            continue;
        };
        let Some(index) = record_index(&scratch, change.hazard) else {
            continue;
        };
        let record = scratch.inherited[index].clone();
        if let Some(position) = scratch.hazards.position(change.hazard) {
            let current = scratch.hazards[position].clone();
            let mut after = current.clone();
            match record.state {
                LocalState::AcceptedAsIs => {
                    copy_description(&change.upstream, &mut after);
                    copy_assessment(&change.upstream, &mut after);
                }
                LocalState::LocallyAssessed => {
                    copy_description(&change.upstream, &mut after);
                    if decision.replace_local_assessment.contains(&i) {
                        copy_assessment(&change.upstream, &mut after);
                    }
                }
                LocalState::NotApplicable { .. } => {}
            }
            if after != current {
                after.updated = now;
                push(
                    &mut scratch,
                    &mut changes,
                    Change::Hazard(Slot::Replace {
                        index: position,
                        before: Box::new(current),
                        after: Box::new(after),
                    }),
                );
            }
        }
        let mut updated = record.clone();
        updated.upstream = Box::new(change.upstream.clone());
        updated.supplier_version = plan.supplier.version.trim().to_owned();
        push(
            &mut scratch,
            &mut changes,
            Change::Inherited(Slot::Replace {
                index,
                before: Box::new(record),
                after: Box::new(updated),
            }),
        );
        taken += 1;
    }
    let mut added = 0;
    for theirs in decision.add.iter().filter_map(|&i| plan.added.get(i)) {
        let (new_changes, _) = inherit_one(&mut scratch, theirs, &plan.supplier, now);
        changes.extend(new_changes);
        added += 1;
    }
    let label = format!(
        "take in {} version {}: {taken} changed, {added} new",
        plan.supplier.name.trim(),
        plan.supplier.version.trim()
    );
    Edit::new(label, changes)
}

#[cfg(test)]
#[path = "inheritance_ops_tests.rs"]
mod tests;
