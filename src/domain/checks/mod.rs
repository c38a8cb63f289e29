//! Ready-to-issue clinical checks: pure functions from a project (and today's date) to the
//! problems a clinical safety officer must fix or accept before issuing a version of the log.
//!
//! # Design
//!
//! Every problem names its check by a stable id ([`CheckId::code`], e.g. `residual-above-initial`),
//! the hazard (or action) and field it is about, and says why in one line.
//!
//! The checks split by what they read:
//!
//! - **Per hazard** ([`check_hazard`]): a hazard's own fields plus a [`CheckContext`] of facts
//!   gathered once from the meetings and actions (which hazards were discussed, the open actions
//!   of each hazard, today's date). Each hazard is checked independently of every other, in
//!   O(its own size), so the app can keep the problems of each hazard and recompute only the
//!   hazards an edit touched. The context is rebuilt (O(meetings + minutes + actions)) only when
//!   meetings or actions change.
//! - **Across the log** ([`check_across`]): overdue actions (one pass over the actions) and
//!   near-duplicate hazards ([`similarity`]), which uses a prefix-filtered inverted index so that
//!   only hazards sharing a rare word are ever compared: near-linear for real logs rather than
//!   n² over 10,000 hazards.
//!
//! [`check_project`] runs both, skipping the checks the project has switched off
//! ([`CheckSettings`]). Nothing here blocks on IO or the UI: the app runs it on a job thread
//! from a shared snapshot of the project.

mod cross;
mod per_hazard;
pub mod similarity;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::hazard::HazardKey;
use super::hazard_fields::HazardField;
use super::meeting::ActionKey;
use super::project::Project;

pub use cross::{CheckContext, check_across};
pub use per_hazard::{check_hazard, stated_ratings};

/// One check. The ids are stable: they appear in files (switched-off checks), in the command
/// line's output and in CI logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CheckId {
    MissingDescription,
    MissingHarm,
    MissingCauses,
    MissingOwner,
    UnscoredInitial,
    UnscoredResidual,
    ResidualAboveInitial,
    HighResidualWithoutJustification,
    ControlWithoutEvidence,
    TransferredWithoutDeployerControls,
    ClosedWithOpenActions,
    OverdueAction,
    NeverDiscussed,
    ShortName,
    NearDuplicate,
    StatedRatingDisagrees,
}

impl CheckId {
    pub const ALL: [CheckId; 16] = [
        CheckId::MissingDescription,
        CheckId::MissingHarm,
        CheckId::MissingCauses,
        CheckId::MissingOwner,
        CheckId::UnscoredInitial,
        CheckId::UnscoredResidual,
        CheckId::ResidualAboveInitial,
        CheckId::HighResidualWithoutJustification,
        CheckId::ControlWithoutEvidence,
        CheckId::TransferredWithoutDeployerControls,
        CheckId::ClosedWithOpenActions,
        CheckId::OverdueAction,
        CheckId::NeverDiscussed,
        CheckId::ShortName,
        CheckId::NearDuplicate,
        CheckId::StatedRatingDisagrees,
    ];

    /// The stable id, as printed and as teams refer to it.
    pub fn code(self) -> &'static str {
        match self {
            CheckId::MissingDescription => "missing-description",
            CheckId::MissingHarm => "missing-harm",
            CheckId::MissingCauses => "missing-causes",
            CheckId::MissingOwner => "missing-owner",
            CheckId::UnscoredInitial => "unscored-initial",
            CheckId::UnscoredResidual => "unscored-residual",
            CheckId::ResidualAboveInitial => "residual-above-initial",
            CheckId::HighResidualWithoutJustification => "high-residual-without-justification",
            CheckId::ControlWithoutEvidence => "control-without-evidence",
            CheckId::TransferredWithoutDeployerControls => "transferred-without-deployer-controls",
            CheckId::ClosedWithOpenActions => "closed-with-open-actions",
            CheckId::OverdueAction => "overdue-action",
            CheckId::NeverDiscussed => "never-discussed",
            CheckId::ShortName => "short-name",
            CheckId::NearDuplicate => "near-duplicate",
            CheckId::StatedRatingDisagrees => "stated-rating-disagrees",
        }
    }

    /// What the check looks for, for the list of checks a project can switch off.
    pub fn description(self) -> &'static str {
        match self {
            CheckId::MissingDescription => "Every hazard has a description",
            CheckId::MissingHarm => "Every hazard says what harm it could do",
            CheckId::MissingCauses => "Every hazard has at least one cause",
            CheckId::MissingOwner => "Every hazard has an owner",
            CheckId::UnscoredInitial => {
                "Open, transferred and closed hazards have an initial score"
            }
            CheckId::UnscoredResidual => {
                "Open, transferred and closed hazards have a residual score"
            }
            CheckId::ResidualAboveInitial => "The residual rating is not above the initial one",
            CheckId::HighResidualWithoutJustification => {
                "A residual rating of 4 or 5 has a justification"
            }
            CheckId::ControlWithoutEvidence => "Every control of a closed hazard has evidence",
            CheckId::TransferredWithoutDeployerControls => {
                "A transferred hazard names the deploying organisation's controls and their owners"
            }
            CheckId::ClosedWithOpenActions => "A closed hazard has no open actions",
            CheckId::OverdueAction => "No open action is past its due date",
            CheckId::NeverDiscussed => "Every hazard was discussed in a meeting",
            CheckId::ShortName => "Hazard names are more than three words",
            CheckId::NearDuplicate => "No two hazards are near duplicates",
            CheckId::StatedRatingDisagrees => {
                "An imported rating agrees with the matrix rating of its scores"
            }
        }
    }

    pub fn from_code(code: &str) -> Option<CheckId> {
        CheckId::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What a problem is about: where a click in the Checks pane takes the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Hazard { key: HazardKey, field: HazardField },
    Action { key: ActionKey },
}

/// One thing to fix (or knowingly accept) before issuing.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Problem {
    pub check: CheckId,
    pub subject: Subject,
    /// The hazard's display id, or the action's hazards' ids, for listing ("H004", "A12").
    pub display_id: String,
    /// The field, as a stable short name (`harm`, `residual`, `due`).
    pub field: &'static str,
    /// One line, naming what is wrong.
    pub reason: String,
}

impl Problem {
    /// `H004  harm  no harm recorded [missing-harm]`: the command line's line, tab-separated.
    pub fn line(&self) -> String {
        format!(
            "{}\t{}\t{} [{}]",
            self.display_id,
            self.field,
            self.reason,
            self.check.code()
        )
    }

    pub fn hazard(&self) -> Option<HazardKey> {
        match self.subject {
            Subject::Hazard { key, .. } => Some(key),
            Subject::Action { .. } => None,
        }
    }
}

/// A check the project has switched off, and why: the reason is part of the safety record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisabledCheck {
    pub check: CheckId,
    pub reason: String,
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

/// The project's choices about checks. Empty (every check on) by default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckSettings {
    pub disabled: Vec<DisabledCheck>,
}

impl CheckSettings {
    pub fn is_enabled(&self, check: CheckId) -> bool {
        !self.disabled.iter().any(|d| d.check == check)
    }

    pub fn is_empty(&self) -> bool {
        self.disabled.is_empty()
    }

    /// The settings with `check` switched off for `reason`. A blank reason is refused: a check
    /// is never silently switched off.
    pub fn with_disabled(&self, disabled: DisabledCheck) -> Result<CheckSettings, String> {
        if disabled.reason.trim().is_empty() {
            return Err(format!(
                "Say why “{}” is switched off: the reason is kept in the log.",
                disabled.check.description()
            ));
        }
        let mut after = self.clone();
        after.disabled.retain(|d| d.check != disabled.check);
        after.disabled.push(disabled);
        Ok(after)
    }

    pub fn with_enabled(&self, check: CheckId) -> CheckSettings {
        let mut after = self.clone();
        after.disabled.retain(|d| d.check != check);
        after
    }
}

/// Every problem in the log, in log order (hazards in list order, then actions, then near
/// duplicates), without the checks the project switched off.
pub fn check_project(project: &Project, today: NaiveDate) -> Vec<Problem> {
    let context = CheckContext::new(project, today);
    let mut problems: Vec<Problem> = project
        .hazards
        .iter()
        .flat_map(|hazard| check_hazard(&context, project, hazard))
        .collect();
    problems.extend(check_across(&context, project));
    problems
}

#[cfg(test)]
mod tests;
