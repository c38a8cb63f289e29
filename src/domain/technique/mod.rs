//! The workshop technique (structured what-if, SWIFT): the scope and workflow steps under
//! assessment, the prompt decks the project chose, and the coverage the room recorded for each
//! step and prompt, with where hazards added from a library or another log came from.
//!
//! The system and version under assessment are the project's own (`ProjectMetadata::system_name`
//! and `system_version`): one place to write them, shown on the cover page and in the scope.

pub mod coverage;
pub mod deck;
pub mod provenance;
pub mod shipped;
mod views;

use serde::{Deserialize, Serialize};

pub use coverage::{CellMark, CellRecord, CellState, FamilyReason, MeetingSteps, Stamp};
pub use deck::{Deck, DeckId, Family, FamilyId, Prompt, PromptId};
pub use provenance::{Origin, Provenance, SuggestedControl};
pub use views::{CoverageGrid, FamilyGap, GridColumn, StateCounts, closing_sweep};

/// Stable identity of a workflow step: never reused, unchanged by renaming or reordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StepKey(pub u64);

/// One workflow step (or function) of the system, walked in order in the workshop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub key: StepKey,
    /// Short, for the grid's row header: "Prescribe", "Verify", "Administer".
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Retired steps keep their coverage records but leave the grid; steps that anything refers
    /// to are retired, never deleted.
    #[serde(default)]
    pub retired: bool,
}

/// What the workshop assesses, beyond the system and version in the project metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scope {
    /// What is in and out of scope, in a sentence or two.
    pub statement: String,
}

/// Everything the technique records in a project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Technique {
    pub scope: Scope,
    /// In walking order.
    pub steps: Vec<Step>,
    /// Full copies of the decks the project chose (unchosen ones are kept while coverage refers
    /// to them) and the project's own decks.
    pub decks: Vec<Deck>,
    /// One record per (step, prompt) cell the room has said something about.
    pub coverage: Vec<CellRecord>,
    /// "This family does not apply, because ...", recorded at the closing sweep.
    pub family_reasons: Vec<FamilyReason>,
    /// Which steps each meeting covered.
    pub meeting_steps: Vec<MeetingSteps>,
    /// Where hazards added from the library or another project came from.
    pub provenance: Vec<Provenance>,
}

impl Technique {
    pub fn step(&self, key: StepKey) -> Option<&Step> {
        self.steps.iter().find(|s| s.key == key)
    }

    /// The steps the grid shows, in walking order.
    pub fn active_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !s.retired)
    }

    pub fn deck(&self, id: &DeckId) -> Option<&Deck> {
        self.decks.iter().find(|d| d.id == *id)
    }

    pub fn chosen_decks(&self) -> impl Iterator<Item = &Deck> {
        self.decks.iter().filter(|d| d.chosen)
    }

    /// A prompt of any deck in the project, with its deck and family.
    pub fn prompt(&self, id: &PromptId) -> Option<(&Deck, &Family, &Prompt)> {
        self.decks.iter().find_map(|deck| {
            deck.families.iter().find_map(|family| {
                family
                    .prompts
                    .iter()
                    .find(|p| p.id == *id)
                    .map(|p| (deck, family, p))
            })
        })
    }

    /// The prompts the grid shows, in deck order: visible prompts of the chosen decks.
    pub fn visible_prompts(&self) -> impl Iterator<Item = (&Deck, &Family, &Prompt)> {
        self.chosen_decks().flat_map(|deck| {
            deck.families.iter().flat_map(move |family| {
                family
                    .prompts
                    .iter()
                    .filter(|p| !p.hidden)
                    .map(move |p| (deck, family, p))
            })
        })
    }

    pub fn cell(&self, step: StepKey, prompt: &PromptId) -> Option<&CellRecord> {
        self.coverage
            .iter()
            .find(|c| c.step == step && c.prompt == *prompt)
    }

    /// The cells a hazard was raised from.
    pub fn cells_of_hazard(
        &self,
        hazard: crate::domain::HazardKey,
    ) -> impl Iterator<Item = &CellRecord> {
        self.coverage
            .iter()
            .filter(move |c| c.hazards.contains(&hazard))
    }

    pub fn provenance_of(&self, hazard: crate::domain::HazardKey) -> Option<&Provenance> {
        self.provenance.iter().find(|p| p.hazard == hazard)
    }

    /// Whether anything refers to a step (coverage, a meeting's record), so it may only be
    /// retired, not deleted.
    pub fn step_in_use(&self, key: StepKey) -> bool {
        self.coverage.iter().any(|c| c.step == key)
            || self.meeting_steps.iter().any(|m| m.steps.contains(&key))
    }

    /// The steps a meeting covered.
    pub fn steps_of_meeting(&self, meeting: crate::domain::MeetingKey) -> &[StepKey] {
        self.meeting_steps
            .iter()
            .find(|m| m.meeting == meeting)
            .map_or(&[], |m| m.steps.as_slice())
    }
}
