//! The checks of one hazard: its own fields, and what the [`CheckContext`] knows about its
//! meetings and actions. Independent of every other hazard.

use super::cross::{CheckContext, short};
use super::{CheckId, Problem, Subject};
use crate::domain::hazard::{ControlKind, ExtraField, Hazard, StatusKind};
use crate::domain::hazard_fields::{HazardField, harm, residual_justification};
use crate::domain::project::Project;
use crate::domain::risk::RiskRating;

/// The label of the extra field in which a spreadsheet import notes what it changed
/// (`crate::interchange::xlsx_import::IMPORT_NOTE`; a test keeps the two equal).
pub const IMPORT_NOTE_LABEL: &str = "Import note";

/// The problems of one hazard. Withdrawn hazards have none: they are kept only as a record.
pub fn check_hazard(context: &CheckContext, project: &Project, hazard: &Hazard) -> Vec<Problem> {
    let mut problems = Vec::new();
    if hazard.status.is_withdrawn() {
        return problems;
    }
    let mut report = |check: CheckId, field: HazardField, reason: String| {
        if context.enabled(check) {
            problems.push(Problem {
                check,
                subject: Subject::Hazard {
                    key: hazard.key,
                    field,
                },
                display_id: hazard.display_id.clone(),
                field: field.code(),
                reason,
            });
        }
    };
    let matrix = &project.matrix;

    // Required fields.
    if hazard.description.trim().is_empty() {
        report(
            CheckId::MissingDescription,
            HazardField::Description,
            "no description".into(),
        );
    }
    if harm(hazard).trim().is_empty() {
        report(
            CheckId::MissingHarm,
            HazardField::Harm,
            "no harm to patients recorded".into(),
        );
    }
    if hazard.causes.iter().all(|c| c.trim().is_empty()) {
        report(
            CheckId::MissingCauses,
            HazardField::Causes,
            "no causes recorded".into(),
        );
    }
    if hazard.owner.trim().is_empty() {
        report(CheckId::MissingOwner, HazardField::Owner, "no owner".into());
    }

    // Scores.
    let status = hazard.status.kind();
    let scored_statuses = [
        StatusKind::Open,
        StatusKind::Transferred,
        StatusKind::Closed,
    ];
    let initial = hazard.initial_rating(matrix);
    let residual = hazard.residual_rating(matrix);
    if scored_statuses.contains(&status) {
        if initial.is_none() {
            report(
                CheckId::UnscoredInitial,
                HazardField::Initial,
                format!("{} but the initial risk is not scored", status.label()),
            );
        }
        if residual.is_none() {
            report(
                CheckId::UnscoredResidual,
                HazardField::Residual,
                format!("{} but the residual risk is not scored", status.label()),
            );
        }
    }
    if let (Some(i), Some(r)) = (initial, residual)
        && r > i
    {
        report(
            CheckId::ResidualAboveInitial,
            HazardField::Residual,
            format!("residual rating {r} is higher than initial rating {i}"),
        );
    }
    if let Some(r) = residual.filter(|r| r.value() >= 4)
        && residual_justification(hazard).trim().is_empty()
    {
        report(
            CheckId::HighResidualWithoutJustification,
            HazardField::ResidualJustification,
            format!("residual rating {r} with no justification"),
        );
    }

    // Controls and actions by status.
    if status == StatusKind::Closed {
        // Each under its own field, so a click lands on the list that holds the control.
        let existing = hazard
            .existing_controls
            .iter()
            .map(|c| (HazardField::ExistingControls, &c.text, &c.evidence));
        let additional = hazard
            .additional_controls
            .iter()
            .map(|c| (HazardField::AdditionalControls, &c.text, &c.evidence));
        for (field, text, evidence) in existing.chain(additional) {
            if evidence.trim().is_empty() {
                report(
                    CheckId::ControlWithoutEvidence,
                    field,
                    format!("Closed, but control “{}” has no evidence", short(text)),
                );
            }
        }
        if let Some(open) = context.open_actions.get(&hazard.key) {
            report(
                CheckId::ClosedWithOpenActions,
                HazardField::Status,
                format!(
                    "Closed with {} open action{}",
                    open.len(),
                    if open.len() == 1 { "" } else { "s" }
                ),
            );
        }
    }
    if status == StatusKind::Transferred {
        let deployer_kinds = [ControlKind::Training, ControlKind::BusinessProcessChange];
        let deployer: Vec<_> = hazard
            .additional_controls
            .iter()
            .filter(|c| deployer_kinds.contains(&c.kind))
            .collect();
        if deployer.is_empty() {
            report(
                CheckId::TransferredWithoutDeployerControls,
                HazardField::AdditionalControls,
                "Transferred, but no training or business process control for the deploying \
                 organisation"
                    .into(),
            );
        }
        for control in deployer.iter().filter(|c| c.owner.trim().is_empty()) {
            report(
                CheckId::TransferredWithoutDeployerControls,
                HazardField::AdditionalControls,
                format!(
                    "Transferred, but the deploying organisation's control “{}” has no owner",
                    short(&control.text)
                ),
            );
        }
    }

    // Process.
    if !context.discussed.contains(&hazard.key) {
        report(
            CheckId::NeverDiscussed,
            HazardField::Name,
            "never raised, edited or mentioned in any meeting".into(),
        );
    }
    let name_words = hazard.name.split_whitespace().count();
    if name_words <= 3 {
        report(
            CheckId::ShortName,
            HazardField::Name,
            format!(
                "the name is {name_words} word{}: say what goes wrong, for whom",
                if name_words == 1 { "" } else { "s" }
            ),
        );
    }
    for stated in stated_ratings(&hazard.extra_fields) {
        let (field, now) = match stated.stage {
            Stage::Initial => (HazardField::Initial, initial),
            Stage::Residual => (HazardField::Residual, residual),
        };
        if let Some(now) = now
            && now != stated.rating
        {
            report(
                CheckId::StatedRatingDisagrees,
                field,
                format!(
                    "the imported spreadsheet gave {} risk {}, but its scores rate {now} in the {} \
                     matrix",
                    stated.stage.word(),
                    stated.rating,
                    matrix.name
                ),
            );
        }
    }
    problems
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Initial,
    Residual,
}

impl Stage {
    fn word(self) -> &'static str {
        match self {
            Stage::Initial => "initial",
            Stage::Residual => "residual",
        }
    }
}

/// A risk rating a spreadsheet stated for a hazard, as the importer recorded it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatedRating {
    pub stage: Stage,
    pub rating: RiskRating,
}

/// The ratings an import recorded as stated in the spreadsheet. The importer recomputes every
/// rating from severity and likelihood and, when the sheet said otherwise, keeps the sheet's
/// value in the hazard's import note as "Initial risk was 4 in the spreadsheet (…)". A stated
/// value that is not a rating (text) is not compared.
pub fn stated_ratings(extra_fields: &[ExtraField]) -> Vec<StatedRating> {
    let mut stated = Vec::new();
    for field in extra_fields.iter().filter(|f| f.label == IMPORT_NOTE_LABEL) {
        for line in field.value.lines() {
            for (stage, prefix) in [
                (Stage::Initial, "Initial risk was "),
                (Stage::Residual, "Residual risk was "),
            ] {
                let Some(rest) = line.trim().strip_prefix(prefix) else {
                    continue;
                };
                let Some((value, _)) = rest.split_once(" in the spreadsheet") else {
                    continue;
                };
                if let Some(rating) = value.trim().parse::<u8>().ok().and_then(RiskRating::new) {
                    stated.push(StatedRating { stage, rating });
                }
            }
        }
    }
    stated
}
