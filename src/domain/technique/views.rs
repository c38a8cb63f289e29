//! Views derived from the technique records: the coverage grid with its counts, and the closing
//! sweep. Pure functions of the project, cheap enough to rebuild when the document changes.

use std::collections::{HashMap, HashSet};

use super::StepKey;
use super::coverage::{CellRecord, CellState};
use super::deck::{DeckId, FamilyId, PromptId};
use crate::domain::{HazardKey, Project};

/// A grid column: one visible prompt of a chosen deck.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridColumn {
    pub deck: DeckId,
    pub family: FamilyId,
    pub prompt: PromptId,
}

/// How many cells are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    pub cells: usize,
    pub not_yet: usize,
    /// Cells with at least one live hazard.
    pub hazards_raised: usize,
    /// Live hazards linked, summed over the cells (a hazard raised from two cells counts twice).
    pub hazard_links: usize,
    pub no_credible_hazard: usize,
    pub parked: usize,
    pub not_applicable: usize,
}

impl StateCounts {
    fn add(&mut self, state: CellState) {
        self.cells += 1;
        match state {
            CellState::NotYet => self.not_yet += 1,
            CellState::HazardsRaised(n) => {
                self.hazards_raised += 1;
                self.hazard_links += n;
            }
            CellState::NoCredibleHazard => self.no_credible_hazard += 1,
            CellState::Parked => self.parked += 1,
            CellState::NotApplicable => self.not_applicable += 1,
        }
    }
}

/// Active steps x visible prompts of the chosen decks, each cell's state, row by row, with the
/// counts and the closing sweep worked out once when built (a frame only reads them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageGrid {
    pub steps: Vec<StepKey>,
    pub columns: Vec<GridColumn>,
    states: Vec<CellState>,
    step_counts: Vec<StateCounts>,
    deck_counts: Vec<(DeckId, StateCounts)>,
    total: StateCounts,
    /// The closing sweep of the project the grid was built from.
    pub gaps: Vec<FamilyGap>,
}

impl CoverageGrid {
    pub fn new(project: &Project) -> CoverageGrid {
        let technique = &project.technique;
        let live = live_hazards(project);
        let records: HashMap<(StepKey, &str), &CellRecord> = technique
            .coverage
            .iter()
            .map(|c| ((c.step, c.prompt.0.as_str()), c))
            .collect();
        let steps: Vec<StepKey> = technique.active_steps().map(|s| s.key).collect();
        let columns: Vec<GridColumn> = technique
            .visible_prompts()
            .map(|(deck, family, prompt)| GridColumn {
                deck: deck.id.clone(),
                family: family.id.clone(),
                prompt: prompt.id.clone(),
            })
            .collect();
        let mut states = Vec::with_capacity(steps.len() * columns.len());
        for step in &steps {
            for column in &columns {
                let record = records.get(&(*step, column.prompt.0.as_str())).copied();
                states.push(CellState::of(record, |h| live.contains(&h)));
            }
        }
        let width = columns.len();
        let mut step_counts = vec![StateCounts::default(); steps.len()];
        let mut deck_counts: Vec<(DeckId, StateCounts)> = Vec::new();
        let mut total = StateCounts::default();
        for (column, c) in columns.iter().enumerate() {
            if deck_counts.last().is_none_or(|(deck, _)| *deck != c.deck) {
                deck_counts.push((c.deck.clone(), StateCounts::default()));
            }
            let deck = &mut deck_counts.last_mut().expect("pushed above").1;
            for (row, counts) in step_counts.iter_mut().enumerate() {
                let state = states[row * width + column];
                counts.add(state);
                deck.add(state);
                total.add(state);
            }
        }
        CoverageGrid {
            steps,
            columns,
            states,
            step_counts,
            deck_counts,
            total,
            gaps: closing_sweep(project),
        }
    }

    /// The state of the cell at a row (step) and column (prompt).
    pub fn state(&self, row: usize, column: usize) -> CellState {
        self.states[row * self.columns.len() + column]
    }

    pub fn row(&self, step: StepKey) -> Option<usize> {
        self.steps.iter().position(|s| *s == step)
    }

    pub fn column(&self, prompt: &PromptId) -> Option<usize> {
        self.columns.iter().position(|c| c.prompt == *prompt)
    }

    /// Counts over one step's row.
    pub fn step_counts(&self, row: usize) -> StateCounts {
        self.step_counts[row]
    }

    /// Counts over a deck's columns, all steps (a deck's prompts are side by side).
    pub fn deck_counts(&self, deck: &DeckId) -> StateCounts {
        self.deck_counts
            .iter()
            .find(|(d, _)| d == deck)
            .map_or_else(StateCounts::default, |(_, counts)| *counts)
    }

    pub fn total_counts(&self) -> StateCounts {
        self.total
    }

    /// "N cells not yet covered".
    pub fn not_yet_covered(&self) -> usize {
        self.total.not_yet
    }
}

fn live_hazards(project: &Project) -> HashSet<HazardKey> {
    project.live_hazards().map(|h| h.key).collect()
}

/// A family of a chosen deck with neither a hazard raised nor a recorded reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyGap {
    pub deck: DeckId,
    pub deck_name: String,
    pub family: FamilyId,
    pub family_name: String,
}

/// The closing sweep: every family of the chosen decks (hidden prompts included, so hiding a
/// family's prompts cannot hide the family) that has no live hazard raised from any of its
/// prompts, no cell recorded "no credible hazard" or "not applicable" with a reason, and no
/// family-level reason. Retired steps still count: what was found there was found.
pub fn closing_sweep(project: &Project) -> Vec<FamilyGap> {
    let technique = &project.technique;
    let live = live_hazards(project);
    let answered: HashSet<&str> = technique
        .coverage
        .iter()
        .filter(|c| {
            c.hazards.iter().any(|h| live.contains(h))
                || c.mark.as_ref().is_some_and(|m| m.is_recorded_reason())
        })
        .map(|c| c.prompt.0.as_str())
        .collect();
    let mut gaps = Vec::new();
    for deck in technique.chosen_decks() {
        for family in &deck.families {
            let has_reason = technique
                .family_reasons
                .iter()
                .any(|r| r.deck == deck.id && r.family == family.id && !r.reason.trim().is_empty());
            let has_answer = family
                .prompts
                .iter()
                .any(|p| answered.contains(p.id.0.as_str()));
            if !has_reason && !has_answer {
                gaps.push(FamilyGap {
                    deck: deck.id.clone(),
                    deck_name: deck.name.clone(),
                    family: family.id.clone(),
                    family_name: family.name.clone(),
                });
            }
        }
    }
    gaps
}
