//! A hazard as the DCB0129 hazard log records it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::meeting::MeetingKey;
use super::risk::{Assessment, RiskMatrix, RiskRating};

/// Stable internal identity of a hazard. Never shown, never changes, never reused: the display id
/// (`H004`) is free text the user may edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct HazardKey(pub u64);

/// Where a hazard stands in its life. Hazards are never deleted: they are closed or withdrawn.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HazardStatus {
    /// Raised in a workshop, not yet triaged or scored.
    #[default]
    NewForTriage,
    /// Not all manufacturer-owned actions are complete.
    Open,
    /// The manufacturer's actions are complete, the deploying organisation's are not.
    Transferred,
    /// All actions are complete.
    Closed,
    /// Not a hazard after all, or merged into another; the reason is part of the record.
    Withdrawn { reason: String },
}

/// The status without its data, for pickers and filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKind {
    NewForTriage,
    Open,
    Transferred,
    Closed,
    Withdrawn,
}

impl StatusKind {
    pub const ALL: [StatusKind; 5] = [
        StatusKind::NewForTriage,
        StatusKind::Open,
        StatusKind::Transferred,
        StatusKind::Closed,
        StatusKind::Withdrawn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StatusKind::NewForTriage => "New for triage",
            StatusKind::Open => "Open",
            StatusKind::Transferred => "Transferred",
            StatusKind::Closed => "Closed",
            StatusKind::Withdrawn => "Withdrawn",
        }
    }
}

impl HazardStatus {
    pub fn kind(&self) -> StatusKind {
        match self {
            HazardStatus::NewForTriage => StatusKind::NewForTriage,
            HazardStatus::Open => StatusKind::Open,
            HazardStatus::Transferred => StatusKind::Transferred,
            HazardStatus::Closed => StatusKind::Closed,
            HazardStatus::Withdrawn { .. } => StatusKind::Withdrawn,
        }
    }

    pub fn label(&self) -> &'static str {
        self.kind().label()
    }

    pub fn is_withdrawn(&self) -> bool {
        matches!(self, HazardStatus::Withdrawn { .. })
    }
}

/// The type of an additional control, as the NHS log's four columns split them.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ControlKind {
    #[default]
    Design,
    Test,
    Training,
    BusinessProcessChange,
}

impl ControlKind {
    pub const ALL: [ControlKind; 4] = [
        ControlKind::Design,
        ControlKind::Test,
        ControlKind::Training,
        ControlKind::BusinessProcessChange,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ControlKind::Design => "Design",
            ControlKind::Test => "Test",
            ControlKind::Training => "Training",
            ControlKind::BusinessProcessChange => "Business process change",
        }
    }
}

/// The type of an existing control, as the NHS v3.6 template splits them.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum ExistingControlKind {
    /// Part of the design of the health IT system. Format 1 controls had no type and are
    /// upgraded to this one; the user can change it.
    #[default]
    HitDesign,
    UserTraining,
    BusinessProcess,
}

impl ExistingControlKind {
    pub const ALL: [ExistingControlKind; 3] = [
        ExistingControlKind::HitDesign,
        ExistingControlKind::UserTraining,
        ExistingControlKind::BusinessProcess,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ExistingControlKind::HitDesign => "HIT design",
            ExistingControlKind::UserTraining => "User training",
            ExistingControlKind::BusinessProcess => "Business process",
        }
    }
}

/// A control already in place when the hazard was identified; counted in the initial assessment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExistingControl {
    #[serde(default)]
    pub kind: ExistingControlKind,
    pub text: String,
    /// Where the control is shown to be in place: a design document, a training record.
    #[serde(default)]
    pub evidence: String,
}

impl ExistingControl {
    /// A control of the default kind with no evidence, as untyped sources give them.
    pub fn untyped(text: String) -> ExistingControl {
        ExistingControl {
            kind: ExistingControlKind::default(),
            text,
            evidence: String::new(),
        }
    }

    /// Untyped controls from plain texts (format 1 files, layouts without control types).
    pub fn from_texts(texts: Vec<String>) -> Vec<ExistingControl> {
        texts.into_iter().map(ExistingControl::untyped).collect()
    }
}

/// A control added to reduce the risk further; counted in the residual assessment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AdditionalControl {
    pub kind: ControlKind,
    pub text: String,
    #[serde(default)]
    pub owner: String,
    /// Where the control is shown to work: a test report, a training record, a document reference.
    #[serde(default)]
    pub evidence: String,
}

/// A spreadsheet column the importer could not map to a field, kept so that nothing is lost.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExtraField {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hazard {
    pub key: HazardKey,
    /// Free text as the log shows it (`H004`, `NRL01`, `61`).
    pub display_id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The change to the intended care pathway (NHS training: cause -> effect -> hazard -> harm).
    #[serde(default)]
    pub effect: String,
    /// The potential for harm the effect creates.
    #[serde(default)]
    pub hazard: String,
    /// The injury or damage to patients if the hazard is realised: what severity scores
    /// ("potential clinical impact" in older logs).
    #[serde(default)]
    pub harm: String,
    #[serde(default)]
    pub causes: Vec<String>,
    /// The day the hazard entered the log ("Date Added" in the NHS v3.6 template).
    #[serde(default)]
    pub date_added: Option<NaiveDate>,
    /// Controls already in place; counted in the initial assessment.
    #[serde(default)]
    pub existing_controls: Vec<ExistingControl>,
    #[serde(default)]
    pub initial: Assessment,
    /// Why the initial severity and likelihood were chosen.
    #[serde(default)]
    pub initial_justification: String,
    #[serde(default)]
    pub additional_controls: Vec<AdditionalControl>,
    #[serde(default)]
    pub residual: Assessment,
    /// Why the residual scores were chosen and the risk is acceptable (as low as reasonably
    /// practicable); format 1's acceptance rationale.
    #[serde(default)]
    pub residual_justification: String,
    #[serde(default)]
    pub status: HazardStatus,
    #[serde(default)]
    pub owner: String,
    /// "Summary of Actions/Notes" in the NHS log.
    #[serde(default)]
    pub actions_and_notes: String,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// The meeting in which the hazard was first raised.
    #[serde(default)]
    pub raised_in: Option<MeetingKey>,
    /// Columns from an imported spreadsheet that have no field here.
    #[serde(default)]
    pub extra_fields: Vec<ExtraField>,
    /// While withdrawn: the status it had before, to return to when reinstated. (Who withdrew
    /// it, when and why stay in the hazard's history.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_before_withdrawal: Option<HazardStatus>,
}

impl Hazard {
    pub fn new(key: HazardKey, display_id: String, name: String, now: DateTime<Utc>) -> Hazard {
        Hazard {
            key,
            display_id,
            name,
            description: String::new(),
            effect: String::new(),
            hazard: String::new(),
            harm: String::new(),
            causes: Vec::new(),
            date_added: Some(now.date_naive()),
            existing_controls: Vec::new(),
            initial: Assessment::default(),
            initial_justification: String::new(),
            additional_controls: Vec::new(),
            residual: Assessment::default(),
            residual_justification: String::new(),
            status: HazardStatus::NewForTriage,
            owner: String::new(),
            actions_and_notes: String::new(),
            created: now,
            updated: now,
            raised_in: None,
            extra_fields: Vec::new(),
            status_before_withdrawal: None,
        }
    }

    /// Withdraws the hazard for `reason`, remembering the status to return to.
    pub fn withdraw(&mut self, reason: String) {
        if !self.status.is_withdrawn() {
            self.status_before_withdrawal = Some(self.status.clone());
        }
        self.status = HazardStatus::Withdrawn { reason };
    }

    /// Brings a withdrawn hazard back with the status it had before (Open when that is not
    /// known, as for a hazard imported already withdrawn).
    pub fn reinstate(&mut self) {
        if !self.status.is_withdrawn() {
            return;
        }
        self.status = self
            .status_before_withdrawal
            .take()
            .filter(|before| !before.is_withdrawn())
            .unwrap_or(HazardStatus::Open);
    }

    pub fn initial_rating(&self, matrix: &RiskMatrix) -> Option<RiskRating> {
        self.initial.rating(matrix)
    }

    pub fn residual_rating(&self, matrix: &RiskMatrix) -> Option<RiskRating> {
        self.residual.rating(matrix)
    }

    /// The residual risk is rated higher than the initial one: additional controls cannot
    /// make a risk worse, so this is almost always a scoring mistake worth a warning.
    pub fn residual_exceeds_initial(&self, matrix: &RiskMatrix) -> bool {
        matches!(
            (self.initial_rating(matrix), self.residual_rating(matrix)),
            (Some(initial), Some(residual)) if residual > initial
        )
    }

    /// "H004 Wrong patient selected", for menus and undo labels.
    pub fn title(&self) -> String {
        if self.name.is_empty() {
            self.display_id.clone()
        } else {
            format!("{} {}", self.display_id, self.name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::risk::{Likelihood, Severity};

    fn hazard() -> Hazard {
        Hazard::new(
            HazardKey(1),
            "H001".into(),
            "Wrong patient".into(),
            DateTime::UNIX_EPOCH,
        )
    }

    #[test]
    fn reinstating_restores_the_status_before_withdrawal() {
        for before in [
            HazardStatus::NewForTriage,
            HazardStatus::Open,
            HazardStatus::Transferred,
            HazardStatus::Closed,
        ] {
            let mut h = hazard();
            h.status = before.clone();
            h.withdraw("Duplicate of H002".into());
            assert_eq!(
                h.status,
                HazardStatus::Withdrawn {
                    reason: "Duplicate of H002".into()
                }
            );
            // A second withdrawal (a new reason) keeps the status from before the first.
            h.withdraw("Merged into H002".into());
            h.reinstate();
            assert_eq!(h.status, before);
            assert_eq!(h.status_before_withdrawal, None);
        }
        let mut imported = hazard();
        imported.status = HazardStatus::Withdrawn {
            reason: "Not a hazard".into(),
        };
        imported.reinstate();
        assert_eq!(imported.status, HazardStatus::Open, "not known: Open");
    }

    #[test]
    fn a_hazard_never_withdrawn_is_stored_as_before() {
        let text = ron::to_string(&hazard()).unwrap();
        assert!(!text.contains("status_before_withdrawal"), "{text}");
        let mut h = hazard();
        h.status = HazardStatus::Closed;
        h.withdraw("Out of scope".into());
        let back: Hazard = ron::from_str(&ron::to_string(&h).unwrap()).unwrap();
        assert_eq!(back, h);
    }

    #[test]
    fn residual_above_initial_is_flagged() {
        let m = RiskMatrix::dcb0129();
        let mut h = hazard();
        h.initial = Assessment::new(Severity::Minor, Likelihood::Low);
        h.residual = Assessment::new(Severity::Major, Likelihood::High);
        assert!(h.residual_exceeds_initial(&m));
        h.residual = Assessment::new(Severity::Minor, Likelihood::VeryLow);
        assert!(!h.residual_exceeds_initial(&m));
        h.residual = Assessment::default();
        assert!(!h.residual_exceeds_initial(&m));
    }

    #[test]
    fn withdrawn_status_carries_its_reason() {
        let status = HazardStatus::Withdrawn {
            reason: "Duplicate of H002".into(),
        };
        assert!(status.is_withdrawn());
        assert_eq!(status.label(), "Withdrawn");
        assert!(!HazardStatus::Closed.is_withdrawn());
    }
}
