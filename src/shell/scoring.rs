//! What the room is scoring right now: a severity or likelihood picker open in the editor and
//! the cell it points at, so the presenter's scoring card can show the same choice.

use crate::domain::{HazardKey, Likelihood, Severity};

/// Which of a hazard's two assessments is being scored.
pub use crate::domain::summary::Stage;

/// Which scale the open picker chooses from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreAxis {
    Severity,
    Likelihood,
}

/// A score picker is open on `hazard`'s `stage` assessment, choosing on `axis`; `severity` and
/// `likelihood` are the cell it points at (the option under the keyboard or pointer on that
/// axis, the assessment's current value on the other).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScoringFocus {
    pub hazard: HazardKey,
    pub stage: Stage,
    pub axis: ScoreAxis,
    pub severity: Option<Severity>,
    pub likelihood: Option<Likelihood>,
}
