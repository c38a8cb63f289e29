//! Three-way merge of two copies of a project against their common ancestor.
//!
//! - [`value`]: one value (a change on one side is taken, the same change on both once,
//!   different changes conflict) and lists without keys, merged by item content.
//! - [`keyed`]: lists of items with stable keys, matched by key, in a sensible order.
//! - [`fields`]: an item both copies hold, merged field by field.
//! - [`rekey`]: keys both copies gave to different new items; theirs get fresh ones.
//! - [`ids`]: display ids both copies gave to different new hazards; theirs are renumbered.
//! - [`parts`]: a meeting with its minutes, and the technique records.
//! - [`records`]: append-only records (versions, history, reports), kept from both copies.
//! - [`conflict`]: an unresolved conflict as the project stores it, and writing a resolution.
//! - [`lineage`]: the save ids each file records, to find the common ancestor.
//!
//! Identities: hazards by [`HazardKey`], people by `PersonKey`, meetings by `MeetingKey`,
//! minute entries by `EntryKey` (inside their meeting), actions by `ActionKey`, workflow steps
//! by `StepKey`, coverage cells by (step, prompt), decks by deck id, closing-sweep reasons by
//! (deck, family), steps covered by meeting, provenance and inheritance records by hazard.
//! Lists without keys — a hazard's causes, existing and additional controls and extra fields, a
//! meeting's agenda, attendance and hazards discussed, an action's hazards, a cell's hazards,
//! the version history, reviewers and approvers — merge by item content ([`value::merge_list`]).
//! Append-only records (issued versions, the per-hazard history, action-pack reports) keep
//! everything either copy holds.
//!
//! Nothing is silently dropped: an item is deleted only when one copy deleted it and the other
//! left it as the base had it; an item deleted on one side and changed on the other is kept
//! (and said in the summary); every conflict is stored in the merged project
//! ([`Project::conflicts`]) with both values, and the merged project holds ours' value until it
//! is resolved.

pub mod conflict;
mod fields;
mod ids;
mod keyed;
pub mod lineage;
mod parts;
mod records;
mod rekey;
mod value;

pub use conflict::{ConflictPlace, ConflictValue, MergeConflict, ResolveError};
pub use fields::FieldTable;
pub use lineage::Lineage;
pub use records::merge_history;
pub use value::{Resolved, merge_list, pick};

use fields::{At, Sink};
use ids::{highest_key, renumber};
use keyed::{Lone, merge_keyed};
use parts::{merge_meeting, merge_technique, short};
use records::union;

use super::{Hazard, HazardKey, IdCounters, Project};

/// What the three copies are called in conflicts and the summary.
#[derive(Clone, Debug)]
pub struct Sources {
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

impl Default for Sources {
    fn default() -> Self {
        Sources {
            base: "common ancestor".into(),
            ours: "ours".into(),
            theirs: "theirs".into(),
        }
    }
}

/// A hazard added on their side whose display id was already taken in the merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renumbered {
    pub key: HazardKey,
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// No common ancestor: every difference was a conflict.
    pub two_way: bool,
    /// What was taken from their copy (and lists both copies changed), one line each.
    pub taken: Vec<String>,
    /// Everything else worth knowing: deletions applied, items kept although deleted on one
    /// side, internal keys given afresh, records appended.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MergeOutcome {
    /// The merged project, holding every unresolved conflict in `conflicts` (this merge's and any
    /// either copy already held).
    pub project: Project,
    /// This merge's new conflicts.
    pub conflicts: Vec<MergeConflict>,
    pub renumbered: Vec<Renumbered>,
    pub summary: MergeSummary,
}

impl MergeOutcome {
    pub fn is_clean(&self) -> bool {
        self.project.conflicts.is_empty()
    }
}

/// Merges `ours` and `theirs` against their common ancestor `base`.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> MergeOutcome {
    merge_with(Some(base), ours, theirs, &Sources::default())
}

/// Merges two copies without a common ancestor: every difference is a conflict; items only one
/// copy holds are kept.
pub fn merge_two_way(ours: &Project, theirs: &Project) -> MergeOutcome {
    merge_with(None, ours, theirs, &Sources::default())
}

/// Collected while merging keyed lists: lone items (added, deleted, kept).
#[derive(Default)]
struct Lones {
    taken: Vec<String>,
    notes: Vec<String>,
}

impl Lones {
    fn note<T>(&mut self, lone: Lone<'_, T>, label: impl Fn(&T) -> String, sources: &Sources) {
        match lone {
            Lone::AddedByTheirs(item) => self.taken.push(format!("added {}", label(item))),
            Lone::Deleted(item) => self.notes.push(format!(
                "deleted {} (deleted in one copy, unchanged in the other)",
                label(item)
            )),
            Lone::KeptChanged {
                item,
                deleted_by_theirs,
            } => {
                let (deleted, changed) = if deleted_by_theirs {
                    (&sources.theirs, &sources.ours)
                } else {
                    (&sources.ours, &sources.theirs)
                };
                self.notes.push(format!(
                    "kept {}: deleted in {deleted} but changed in {changed}",
                    label(item)
                ));
            }
        }
    }
}

/// The merge itself; `base` is `None` for a two-way merge.
pub fn merge_with(
    base: Option<&Project>,
    ours: &Project,
    theirs: &Project,
    sources: &Sources,
) -> MergeOutcome {
    let mut notes = Vec::new();
    // Keys both copies gave to different new items: theirs get fresh ones first.
    let remapped;
    let theirs = match base.map(|b| (b, rekey::collisions(b, ours, theirs))) {
        Some((base, map)) if !map.is_empty() => match rekey::remap_project(base, theirs, &map) {
            Ok(project) => {
                notes.push(format!(
                    "{} new item(s) of {} had the same internal key as different new items \
                     of {} and were given new keys",
                    map.len(),
                    sources.theirs,
                    sources.ours
                ));
                remapped = project;
                &remapped
            }
            Err(message) => {
                notes.push(format!("new keys could not be given ({message})"));
                theirs
            }
        },
        _ => theirs,
    };

    let mut sink = Sink {
        ours_name: &sources.ours,
        theirs_name: &sources.theirs,
        base_name: &sources.base,
        conflicts: Vec::new(),
        taken: Vec::new(),
    };
    // The hazards as plain lists for the keyed merge (the project shares them behind `Arc`s);
    // declared before `lones`, which borrows from them.
    let (base_hazards, our_hazards, their_hazards) = (
        base.map(|b| b.hazards.to_vec()),
        ours.hazards.to_vec(),
        theirs.hazards.to_vec(),
    );
    let mut lones = Lones::default();
    let at = |place: ConflictPlace, label: String| At { place, label };

    let mut out = if ours == theirs {
        ours.clone()
    } else {
        Project::merge_fields(
            base,
            ours,
            theirs,
            &at(ConflictPlace::Project, "project settings".into()),
            &mut sink,
        )
    };
    if ours.metadata != theirs.metadata {
        out.metadata = fields::FieldTable::merge_fields(
            base.map(|b| &b.metadata),
            &ours.metadata,
            &theirs.metadata,
            &at(ConflictPlace::Metadata, "document details".into()),
            &mut sink,
        );
    }
    out.hazards = merge_keyed(
        base_hazards.as_deref(),
        &our_hazards,
        &their_hazards,
        |h| h.key,
        |b, o, t| {
            Hazard::merge_fields(
                b,
                o,
                t,
                &at(ConflictPlace::Hazard(o.key), o.title()),
                &mut sink,
            )
        },
        |lone| lones.note(lone, Hazard::title, sources),
    )
    .into();
    out.people = merge_keyed(
        base.map(|b| b.people.as_slice()),
        &ours.people,
        &theirs.people,
        |p| p.key,
        |b, o, t| {
            let label = format!("person {}", o.name);
            FieldTable::merge_fields(b, o, t, &at(ConflictPlace::Person(o.key), label), &mut sink)
        },
        |lone| lones.note(lone, |p| format!("person {}", p.name), sources),
    );
    let mut entry_lones = Lones::default();
    out.meetings = merge_keyed(
        base.map(|b| b.meetings.as_slice()),
        &ours.meetings,
        &theirs.meetings,
        |m| m.key,
        |b, o, t| merge_meeting(b, o, t, &mut sink, &mut entry_lones, sources),
        |lone| lones.note(lone, |m| format!("meeting “{}”", m.title), sources),
    );
    lones.taken.append(&mut entry_lones.taken);
    lones.notes.append(&mut entry_lones.notes);
    out.actions = merge_keyed(
        base.map(|b| b.actions.as_slice()),
        &ours.actions,
        &theirs.actions,
        |a| a.key,
        |b, o, t| {
            let label = format!("action “{}”", short(&o.description));
            FieldTable::merge_fields(b, o, t, &at(ConflictPlace::Action(o.key), label), &mut sink)
        },
        |lone| {
            lones.note(
                lone,
                |a| format!("action “{}”", short(&a.description)),
                sources,
            )
        },
    );
    if ours.technique != theirs.technique {
        out.technique = merge_technique(
            base.map(|b| &b.technique),
            &ours.technique,
            &theirs.technique,
            &mut sink,
            &mut lones,
            sources,
        );
    }
    out.inherited = merge_keyed(
        base.map(|b| b.inherited.as_slice()),
        &ours.inherited,
        &theirs.inherited,
        |i| i.hazard,
        |b, o, t| {
            let label = format!("inheritance of {}", o.supplier_id);
            sink.whole(b, o, t, &at(ConflictPlace::Inherited(o.hazard), label))
        },
        |lone| {
            lones.note(
                lone,
                |i| format!("inheritance of {}", i.supplier_id),
                sources,
            )
        },
    );

    // Append-only records: everything either copy holds, ours first.
    out.baselines = union(&ours.baselines, &theirs.baselines, |b| {
        (b.version.clone(), b.frozen.sha256.clone())
    });
    out.action_reports = union(&ours.action_reports, &theirs.action_reports, |r| {
        ron::to_string(r).unwrap_or_default()
    });
    match merge_history(&ours.history, &theirs.history) {
        Ok((history, added)) => {
            if added > 0 {
                notes.push(format!(
                    "{added} history entries added from {}",
                    sources.theirs
                ));
            }
            out.history = history;
        }
        Err(message) => notes.push(format!(
            "the history of {} could not be read ({message}); the history of {} is kept",
            sources.theirs, sources.ours
        )),
    }

    out.counters = IdCounters {
        next_key: [ours, theirs]
            .iter()
            .map(|p| p.counters.next_key)
            .chain(base.map(|b| b.counters.next_key))
            .max()
            .unwrap_or(1),
        next_hazard_number: ours
            .counters
            .next_hazard_number
            .max(theirs.counters.next_hazard_number),
    };
    let renumbered = renumber(base, ours, theirs, &mut out);
    out.counters.next_key = out.counters.next_key.max(highest_key(&out) + 1);

    let new_conflicts = sink.conflicts;
    out.conflicts = union(&ours.conflicts, &theirs.conflicts, |c| {
        (c.place.clone(), c.field.clone())
    });
    out.conflicts.extend(new_conflicts.iter().cloned());
    out.lineage = Lineage::merged(&ours.lineage, &theirs.lineage);

    let mut taken = sink.taken;
    taken.extend(lones.taken);
    notes.extend(lones.notes);
    MergeOutcome {
        project: out,
        conflicts: new_conflicts,
        renumbered,
        summary: MergeSummary {
            two_way: base.is_none(),
            taken,
            notes,
        },
    }
}

#[cfg(test)]
mod tests;
