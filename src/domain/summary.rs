//! Counts over the whole log: hazards per matrix cell and per rating, as the risk matrix view and
//! a safety case report's executive statement show them. Withdrawn hazards are never counted.

use super::hazard::Hazard;
use super::project::Project;
use super::risk::{Assessment, Likelihood, RiskRating, Severity};

/// Which of a hazard's two assessments to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Initial,
    Residual,
}

impl Stage {
    pub fn assessment(self, hazard: &Hazard) -> &Assessment {
        match self {
            Stage::Initial => &hazard.initial,
            Stage::Residual => &hazard.residual,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Initial => "Initial",
            Stage::Residual => "Residual",
        }
    }
}

/// A cell of the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    pub severity: Severity,
    pub likelihood: Likelihood,
}

impl Cell {
    pub fn of(assessment: &Assessment) -> Option<Cell> {
        Some(Cell {
            severity: assessment.severity?,
            likelihood: assessment.likelihood?,
        })
    }
}

/// What the matrix pane shows that is counted over the whole log: worked out once per change
/// of the document, not every frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixSummary {
    pub initial: MatrixCounts,
    pub residual: MatrixCounts,
    /// Hazards per rating 1..5, as [`rating_counts`].
    pub initial_ratings: [usize; 5],
    pub residual_ratings: [usize; 5],
    /// As [`movements`].
    pub movements: Vec<(Cell, Cell, usize)>,
}

impl MatrixSummary {
    pub fn of(project: &Project) -> MatrixSummary {
        MatrixSummary {
            initial: matrix_counts(project, Stage::Initial),
            residual: matrix_counts(project, Stage::Residual),
            initial_ratings: rating_counts(project, Stage::Initial),
            residual_ratings: rating_counts(project, Stage::Residual),
            movements: movements(project),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixCounts {
    /// `cells[likelihood.index()][severity.index()]`.
    pub cells: [[usize; 5]; 5],
    /// Live hazards whose assessment is not complete (severity or likelihood unset).
    pub unscored: usize,
}

impl MatrixCounts {
    pub fn at(&self, cell: Cell) -> usize {
        self.cells[cell.likelihood.index()][cell.severity.index()]
    }

    pub fn scored(&self) -> usize {
        self.cells.iter().flatten().sum()
    }
}

pub fn matrix_counts(project: &Project, stage: Stage) -> MatrixCounts {
    let mut counts = MatrixCounts::default();
    for hazard in project.live_hazards() {
        match Cell::of(stage.assessment(hazard)) {
            Some(cell) => counts.cells[cell.likelihood.index()][cell.severity.index()] += 1,
            None => counts.unscored += 1,
        }
    }
    counts
}

/// Hazards per rating 1..5 (`[0]` is rating 1), for the executive statement table.
pub fn rating_counts(project: &Project, stage: Stage) -> [usize; 5] {
    let mut counts = [0; 5];
    for hazard in project.live_hazards() {
        if let Some(rating) = stage.assessment(hazard).rating(&project.matrix) {
            counts[rating.value() as usize - 1] += 1;
        }
    }
    counts
}

/// Whether `hazard` sits in `cell` at `stage`.
pub fn in_cell(hazard: &Hazard, stage: Stage, cell: Cell) -> bool {
    Cell::of(stage.assessment(hazard)) == Some(cell)
}

/// Where on the matrix view a hazard can be: a cell, or the tray of unscored hazards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    Cell(Cell),
    Unscored,
}

/// A part of the matrix the user picked, to filter the hazard list by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MatrixPick {
    /// `None`: either assessment (the "both" view).
    pub stage: Option<Stage>,
    pub place: Place,
}

impl MatrixPick {
    pub fn matches(&self, hazard: &Hazard) -> bool {
        let at = |stage: Stage| match self.place {
            Place::Cell(cell) => in_cell(hazard, stage, cell),
            Place::Unscored => Cell::of(stage.assessment(hazard)).is_none(),
        };
        !hazard.status.is_withdrawn()
            && match self.stage {
                Some(stage) => at(stage),
                None => at(Stage::Initial) || at(Stage::Residual),
            }
    }
}

/// How hazards moved between their initial and residual cells: `(from, to, count)` for every
/// pair of distinct cells, for drawing bundled arrows. Hazards without both scores are left out.
pub fn movements(project: &Project) -> Vec<(Cell, Cell, usize)> {
    let mut counts: std::collections::BTreeMap<(Cell, Cell), usize> = Default::default();
    for hazard in project.live_hazards() {
        if let (Some(from), Some(to)) = (Cell::of(&hazard.initial), Cell::of(&hazard.residual))
            && from != to
        {
            *counts.entry((from, to)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((from, to), count)| (from, to, count))
        .collect()
}

/// Rating of a cell, for labels.
pub fn cell_rating(project: &Project, cell: Cell) -> RiskRating {
    project.matrix.rating(cell.severity, cell.likelihood)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{HazardKey, HazardStatus};
    use chrono::DateTime;

    fn hazard(key: u64, initial: Assessment, residual: Assessment) -> Hazard {
        let mut h = Hazard::new(
            HazardKey(key),
            format!("H{key}"),
            "x".into(),
            DateTime::UNIX_EPOCH,
        );
        h.initial = initial;
        h.residual = residual;
        h
    }

    #[test]
    fn counts_per_cell_unscored_and_withdrawn_excluded() {
        let high_major = Assessment::new(Severity::Major, Likelihood::High);
        let low_minor = Assessment::new(Severity::Minor, Likelihood::Low);
        let mut project = Project::default();
        project.hazards.push(hazard(1, high_major, low_minor));
        project
            .hazards
            .push(hazard(2, high_major, Assessment::default()));
        project
            .hazards
            .push(hazard(3, Assessment::default(), Assessment::default()));
        let mut withdrawn = hazard(4, high_major, low_minor);
        withdrawn.status = HazardStatus::Withdrawn {
            reason: "duplicate".into(),
        };
        project.hazards.push(withdrawn);

        let initial = matrix_counts(&project, Stage::Initial);
        let cell = Cell::of(&high_major).unwrap();
        assert_eq!(initial.at(cell), 2);
        assert_eq!(initial.unscored, 1);
        assert_eq!(initial.scored(), 2);

        let residual = matrix_counts(&project, Stage::Residual);
        assert_eq!(residual.at(Cell::of(&low_minor).unwrap()), 1);
        assert_eq!(residual.at(cell), 0);
        assert_eq!(residual.unscored, 2);

        assert_eq!(rating_counts(&project, Stage::Initial), [0, 0, 0, 2, 0]);
        assert_eq!(rating_counts(&project, Stage::Residual), [1, 0, 0, 0, 0]);
    }

    #[test]
    fn picks_filter_by_stage_and_place_and_movements_bundle() {
        let high_major = Assessment::new(Severity::Major, Likelihood::High);
        let low_minor = Assessment::new(Severity::Minor, Likelihood::Low);
        let mut project = Project::default();
        project.hazards.push(hazard(1, high_major, low_minor));
        project.hazards.push(hazard(2, high_major, low_minor));
        project
            .hazards
            .push(hazard(3, low_minor, Assessment::default()));
        project.hazards.push(hazard(4, high_major, high_major));
        let pick = |stage, place| MatrixPick { stage, place };
        let keys = |p: MatrixPick| -> Vec<u64> {
            project
                .hazards
                .iter()
                .filter(|h| p.matches(h))
                .map(|h| h.key.0)
                .collect()
        };
        let low = Place::Cell(Cell::of(&low_minor).unwrap());
        assert_eq!(keys(pick(Some(Stage::Initial), low)), [3]);
        assert_eq!(keys(pick(Some(Stage::Residual), low)), [1, 2]);
        assert_eq!(keys(pick(None, low)), [1, 2, 3]);
        assert_eq!(keys(pick(Some(Stage::Residual), Place::Unscored)), [3]);
        let moved = movements(&project);
        assert_eq!(
            moved.len(),
            1,
            "two hazards share one arrow; the unmoved one has none"
        );
        assert_eq!(moved[0].2, 2);
    }

    #[test]
    fn half_scored_counts_as_unscored() {
        let mut project = Project::default();
        let half = Assessment {
            severity: Some(Severity::Minor),
            likelihood: None,
        };
        project.hazards.push(hazard(1, half, half));
        assert_eq!(matrix_counts(&project, Stage::Initial).unscored, 1);
    }
}
