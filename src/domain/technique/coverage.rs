//! What the room recorded for one (workflow step, prompt) cell, and for a family at the closing
//! sweep: hazards raised, or why there are none.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::StepKey;
use super::deck::{DeckId, FamilyId, PromptId};
use crate::domain::{HazardKey, MeetingKey};

/// Who recorded something, when, and in which meeting (if one was running).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The user's name as the app knows it.
    pub by: String,
    pub at: DateTime<Utc>,
    pub meeting: Option<MeetingKey>,
}

/// The room's judgement on a cell when it raised no hazard there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CellMark {
    /// Considered, not a hazard: the one-line reason is required.
    NoCredibleHazard { reason: String },
    /// Left for later (more information needed, out of time).
    Parked { note: String },
    /// The prompt does not apply to this step; the reason is optional.
    NotApplicable { reason: String },
}

impl CellMark {
    pub fn label(&self) -> &'static str {
        match self {
            CellMark::NoCredibleHazard { .. } => "No credible hazard",
            CellMark::Parked { .. } => "Parked",
            CellMark::NotApplicable { .. } => "Not applicable",
        }
    }

    /// The reason or note written with the mark.
    pub fn text(&self) -> &str {
        match self {
            CellMark::NoCredibleHazard { reason } | CellMark::NotApplicable { reason } => reason,
            CellMark::Parked { note } => note,
        }
    }

    /// Whether the mark explains why a prompt's family raised no hazard here (parking does not).
    pub fn is_recorded_reason(&self) -> bool {
        match self {
            CellMark::NoCredibleHazard { reason } | CellMark::NotApplicable { reason } => {
                !reason.trim().is_empty()
            }
            CellMark::Parked { .. } => false,
        }
    }
}

/// A cell the room has said something about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellRecord {
    pub step: StepKey,
    pub prompt: PromptId,
    /// Hazards raised from this step and prompt.
    pub hazards: Vec<HazardKey>,
    pub mark: Option<CellMark>,
    /// The last change to the cell.
    pub stamp: Stamp,
}

/// A cell's state as the grid shows it. Hazards raised (and not withdrawn) win over a mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CellState {
    NotYet,
    HazardsRaised(usize),
    NoCredibleHazard,
    Parked,
    NotApplicable,
}

impl CellState {
    /// The state of a cell, counting only hazards for which `is_live` holds (withdrawn hazards
    /// no longer show the prompt was answered).
    pub fn of(record: Option<&CellRecord>, is_live: impl Fn(HazardKey) -> bool) -> CellState {
        let Some(record) = record else {
            return CellState::NotYet;
        };
        let raised = record.hazards.iter().filter(|h| is_live(**h)).count();
        if raised > 0 {
            return CellState::HazardsRaised(raised);
        }
        match record.mark {
            None => CellState::NotYet,
            Some(CellMark::NoCredibleHazard { .. }) => CellState::NoCredibleHazard,
            Some(CellMark::Parked { .. }) => CellState::Parked,
            Some(CellMark::NotApplicable { .. }) => CellState::NotApplicable,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CellState::NotYet => "Not yet",
            CellState::HazardsRaised(_) => "Hazards raised",
            CellState::NoCredibleHazard => "No credible hazard",
            CellState::Parked => "Parked",
            CellState::NotApplicable => "Not applicable",
        }
    }
}

/// "This family does not apply to the system, because ...", recorded at the closing sweep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyReason {
    pub deck: DeckId,
    pub family: FamilyId,
    pub reason: String,
    pub stamp: Stamp,
}

/// The steps a meeting walked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSteps {
    pub meeting: MeetingKey,
    pub steps: Vec<StepKey>,
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    fn record(hazards: &[u64], mark: Option<CellMark>) -> CellRecord {
        CellRecord {
            step: StepKey(1),
            prompt: PromptId("p".into()),
            hazards: hazards.iter().copied().map(HazardKey).collect(),
            mark,
            stamp: Stamp {
                by: "A".into(),
                at: DateTime::UNIX_EPOCH,
                meeting: None,
            },
        }
    }

    #[test]
    fn live_hazards_win_over_a_mark_and_dead_links_do_not_count() {
        let live = |h: HazardKey| h.0 < 10;
        let parked = Some(CellMark::Parked {
            note: String::new(),
        });
        assert_eq!(CellState::of(None, live), CellState::NotYet);
        assert_eq!(
            CellState::of(Some(&record(&[1, 2, 50], parked.clone())), live),
            CellState::HazardsRaised(2)
        );
        assert_eq!(
            CellState::of(Some(&record(&[50], parked)), live),
            CellState::Parked,
            "a withdrawn or missing hazard does not answer the prompt"
        );
        assert_eq!(
            CellState::of(Some(&record(&[50], None)), live),
            CellState::NotYet
        );
    }

    #[test]
    fn only_reasons_explain_a_family() {
        let reason = |text: &str| CellMark::NoCredibleHazard {
            reason: text.into(),
        };
        assert!(reason("Fixed units").is_recorded_reason());
        assert!(!reason("  ").is_recorded_reason());
        assert!(
            !CellMark::NotApplicable {
                reason: String::new()
            }
            .is_recorded_reason()
        );
        assert!(
            CellMark::NotApplicable {
                reason: "No devices".into()
            }
            .is_recorded_reason()
        );
        assert!(
            !CellMark::Parked {
                note: "Ask pharmacy".into()
            }
            .is_recorded_reason()
        );
    }
}
