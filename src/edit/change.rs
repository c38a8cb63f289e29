//! Invertible changes to a project. Every edit the user makes is a list of these, so undo is
//! exact: applying the inverses in reverse order gives back the project as it was.

use super::technique_change::TechniqueChange;
use crate::domain::action_report::ActionReport;
use crate::domain::baseline::Baseline;
use crate::domain::checks::CheckSettings;
use crate::domain::inheritance::Inherited;
use crate::domain::three_way::MergeConflict;
use crate::domain::{
    ActionItem, Hazard, Hazards, IdCounters, Meeting, MeetingKey, Person, Project, ProjectMetadata,
};

/// A change to one element of a list, by position. Positions stay valid because changes are
/// only ever undone in the reverse order they were applied. Elements are boxed so that a history
/// of small changes stays small.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot<T> {
    Insert {
        index: usize,
        item: Box<T>,
    },
    Remove {
        index: usize,
        item: Box<T>,
    },
    Replace {
        index: usize,
        before: Box<T>,
        after: Box<T>,
    },
}

/// A list a [`Slot`] changes: a plain `Vec`, or the project's shared [`Hazards`].
pub(super) trait SlotList<T> {
    fn insert_at(&mut self, index: usize, item: T);
    fn remove_at(&mut self, index: usize);
    fn replace_at(&mut self, index: usize, item: T);
}

impl<T> SlotList<T> for Vec<T> {
    fn insert_at(&mut self, index: usize, item: T) {
        self.insert(index, item);
    }
    fn remove_at(&mut self, index: usize) {
        self.remove(index);
    }
    fn replace_at(&mut self, index: usize, item: T) {
        self[index] = item;
    }
}

impl SlotList<Hazard> for Hazards {
    fn insert_at(&mut self, index: usize, item: Hazard) {
        self.insert(index, item);
    }
    fn remove_at(&mut self, index: usize) {
        self.remove(index);
    }
    fn replace_at(&mut self, index: usize, item: Hazard) {
        self[index] = item;
    }
}

impl<T: Clone> Slot<T> {
    pub(super) fn apply_to(&self, list: &mut impl SlotList<T>) {
        match self {
            Slot::Insert { index, item } => list.insert_at(*index, (**item).clone()),
            Slot::Remove { index, .. } => list.remove_at(*index),
            Slot::Replace { index, after, .. } => list.replace_at(*index, (**after).clone()),
        }
    }

    pub(super) fn inverse(&self) -> Slot<T> {
        match self.clone() {
            Slot::Insert { index, item } => Slot::Remove { index, item },
            Slot::Remove { index, item } => Slot::Insert { index, item },
            Slot::Replace {
                index,
                before,
                after,
            } => Slot::Replace {
                index,
                before: after,
                after: before,
            },
        }
    }

    /// Folds `next` into `self` when both replace the same element: the pair becomes one
    /// replacement from the first `before` to the last `after`.
    pub(super) fn absorb(&mut self, next: &Slot<T>) -> bool {
        match (self, next) {
            (
                Slot::Replace { index, after, .. },
                Slot::Replace {
                    index: next_index,
                    after: next_after,
                    ..
                },
            ) if index == next_index => {
                *after = next_after.clone();
                true
            }
            _ => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Hazard(Slot<Hazard>),
    Meeting(Slot<Meeting>),
    Person(Slot<Person>),
    Action(Slot<ActionItem>),
    Metadata {
        before: Box<ProjectMetadata>,
        after: Box<ProjectMetadata>,
    },
    Counters {
        before: IdCounters,
        after: IdCounters,
    },
    CurrentMeeting {
        before: Option<MeetingKey>,
        after: Option<MeetingKey>,
    },
    /// Scope, steps, decks, coverage and provenance (see [`TechniqueChange`]).
    Technique(TechniqueChange),
    /// Issuing a version inserts a baseline; only undo removes it. Never replaced.
    Baseline(Slot<Baseline>),
    Checks {
        before: Box<CheckSettings>,
        after: Box<CheckSettings>,
    },
    /// A hazard's inheritance record (supplier, their id and version, local state).
    Inherited(Slot<Inherited>),
    /// An owner's report on an action, from a returned action pack.
    ActionReport(Slot<ActionReport>),
    /// Another copy merged in (see `domain::three_way`): the whole project before and after,
    /// except its history, which only grows (the other copy's new entries are appended when the
    /// merge is recorded, see `history_record`).
    Merged {
        before: Box<Project>,
        after: Box<Project>,
    },
    /// A stored merge conflict; resolving one removes it.
    Conflict(Slot<MergeConflict>),
}

impl Change {
    pub fn apply(&self, project: &mut Project) {
        match self {
            Change::Hazard(slot) => slot.apply_to(&mut project.hazards),
            Change::Meeting(slot) => slot.apply_to(&mut project.meetings),
            Change::Person(slot) => slot.apply_to(&mut project.people),
            Change::Action(slot) => slot.apply_to(&mut project.actions),
            Change::Metadata { after, .. } => project.metadata = (**after).clone(),
            Change::Counters { after, .. } => project.counters = *after,
            Change::CurrentMeeting { after, .. } => project.current_meeting = *after,
            Change::Technique(change) => change.apply(&mut project.technique),
            Change::Baseline(slot) => slot.apply_to(&mut project.baselines),
            Change::Checks { after, .. } => project.checks = (**after).clone(),
            Change::Inherited(slot) => slot.apply_to(&mut project.inherited),
            Change::ActionReport(slot) => slot.apply_to(&mut project.action_reports),
            Change::Merged { after, .. } => {
                let history = std::mem::take(&mut project.history);
                *project = (**after).clone();
                project.history = history;
            }
            Change::Conflict(slot) => slot.apply_to(&mut project.conflicts),
        }
    }

    pub fn inverse(&self) -> Change {
        match self {
            Change::Hazard(slot) => Change::Hazard(slot.inverse()),
            Change::Meeting(slot) => Change::Meeting(slot.inverse()),
            Change::Person(slot) => Change::Person(slot.inverse()),
            Change::Action(slot) => Change::Action(slot.inverse()),
            Change::Metadata { before, after } => Change::Metadata {
                before: after.clone(),
                after: before.clone(),
            },
            Change::Counters { before, after } => Change::Counters {
                before: *after,
                after: *before,
            },
            Change::CurrentMeeting { before, after } => Change::CurrentMeeting {
                before: *after,
                after: *before,
            },
            Change::Technique(change) => Change::Technique(change.inverse()),
            Change::Baseline(slot) => Change::Baseline(slot.inverse()),
            Change::Checks { before, after } => Change::Checks {
                before: after.clone(),
                after: before.clone(),
            },
            Change::Inherited(slot) => Change::Inherited(slot.inverse()),
            Change::ActionReport(slot) => Change::ActionReport(slot.inverse()),
            Change::Merged { before, after } => Change::Merged {
                before: after.clone(),
                after: before.clone(),
            },
            Change::Conflict(slot) => Change::Conflict(slot.inverse()),
        }
    }

    /// See [`Slot::absorb`]; metadata and counters fold the same way.
    pub fn absorb(&mut self, next: &Change) -> bool {
        match (self, next) {
            (Change::Hazard(a), Change::Hazard(b)) => a.absorb(b),
            (Change::Meeting(a), Change::Meeting(b)) => a.absorb(b),
            (Change::Person(a), Change::Person(b)) => a.absorb(b),
            (Change::Action(a), Change::Action(b)) => a.absorb(b),
            (Change::Technique(a), Change::Technique(b)) => a.absorb(b),
            (Change::Metadata { after, .. }, Change::Metadata { after: next, .. }) => {
                *after = next.clone();
                true
            }
            (Change::Counters { after, .. }, Change::Counters { after: next, .. }) => {
                *after = *next;
                true
            }
            _ => false,
        }
    }
}

/// What a burst of typing is grouped by: consecutive edits with the same key become one undo
/// step until the burst is sealed (focus left the field, or another kind of edit came).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CoalesceKey(pub String);

/// One user-level, undoable step: "rename H004", "capture H016".
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub label: String,
    pub changes: Vec<Change>,
    pub coalesce: Option<CoalesceKey>,
}

impl Edit {
    pub fn new(label: impl Into<String>, changes: Vec<Change>) -> Edit {
        Edit {
            label: label.into(),
            changes,
            coalesce: None,
        }
    }

    pub fn coalescing(mut self, key: impl Into<String>) -> Edit {
        self.coalesce = Some(CoalesceKey(key.into()));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn apply(&self, project: &mut Project) {
        for change in &self.changes {
            change.apply(project);
        }
    }

    pub fn unapply(&self, project: &mut Project) {
        for change in self.changes.iter().rev() {
            change.inverse().apply(project);
        }
    }
}
