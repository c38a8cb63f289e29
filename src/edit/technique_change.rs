//! Invertible changes to the technique records, one list element at a time, so that an undo
//! history of many small coverage marks stays small.

use super::change::Slot;
use crate::domain::technique::{
    CellRecord, Deck, FamilyReason, MeetingSteps, Provenance, Scope, Step, Technique,
};

#[derive(Clone, Debug, PartialEq)]
pub enum TechniqueChange {
    Scope {
        before: Box<Scope>,
        after: Box<Scope>,
    },
    Step(Slot<Step>),
    Deck(Slot<Deck>),
    Cell(Slot<CellRecord>),
    FamilyReason(Slot<FamilyReason>),
    MeetingSteps(Slot<MeetingSteps>),
    Provenance(Slot<Provenance>),
}

impl TechniqueChange {
    pub fn apply(&self, technique: &mut Technique) {
        match self {
            TechniqueChange::Scope { after, .. } => technique.scope = (**after).clone(),
            TechniqueChange::Step(slot) => slot.apply_to(&mut technique.steps),
            TechniqueChange::Deck(slot) => slot.apply_to(&mut technique.decks),
            TechniqueChange::Cell(slot) => slot.apply_to(&mut technique.coverage),
            TechniqueChange::FamilyReason(slot) => slot.apply_to(&mut technique.family_reasons),
            TechniqueChange::MeetingSteps(slot) => slot.apply_to(&mut technique.meeting_steps),
            TechniqueChange::Provenance(slot) => slot.apply_to(&mut technique.provenance),
        }
    }

    pub fn inverse(&self) -> TechniqueChange {
        match self {
            TechniqueChange::Scope { before, after } => TechniqueChange::Scope {
                before: after.clone(),
                after: before.clone(),
            },
            TechniqueChange::Step(slot) => TechniqueChange::Step(slot.inverse()),
            TechniqueChange::Deck(slot) => TechniqueChange::Deck(slot.inverse()),
            TechniqueChange::Cell(slot) => TechniqueChange::Cell(slot.inverse()),
            TechniqueChange::FamilyReason(slot) => TechniqueChange::FamilyReason(slot.inverse()),
            TechniqueChange::MeetingSteps(slot) => TechniqueChange::MeetingSteps(slot.inverse()),
            TechniqueChange::Provenance(slot) => TechniqueChange::Provenance(slot.inverse()),
        }
    }

    /// Folds a following replacement of the same element (a burst of typing) into this one.
    pub fn absorb(&mut self, next: &TechniqueChange) -> bool {
        match (self, next) {
            (TechniqueChange::Scope { after, .. }, TechniqueChange::Scope { after: next, .. }) => {
                *after = next.clone();
                true
            }
            (TechniqueChange::Step(a), TechniqueChange::Step(b)) => a.absorb(b),
            (TechniqueChange::Deck(a), TechniqueChange::Deck(b)) => a.absorb(b),
            (TechniqueChange::Cell(a), TechniqueChange::Cell(b)) => a.absorb(b),
            (TechniqueChange::FamilyReason(a), TechniqueChange::FamilyReason(b)) => a.absorb(b),
            (TechniqueChange::MeetingSteps(a), TechniqueChange::MeetingSteps(b)) => a.absorb(b),
            (TechniqueChange::Provenance(a), TechniqueChange::Provenance(b)) => a.absorb(b),
            _ => false,
        }
    }
}
