//! Hazards a deploying organisation inherits from its supplier's hazard log (DCB0160): where each
//! came from (supplier, their id, their version), the supplier's record as last accepted, and
//! the local state (accepted as is, locally assessed, or not applicable with a reason). A hazard
//! with no inheritance record is the deployer's own ("local").

use serde::{Deserialize, Serialize};

use super::hazard::{Hazard, HazardKey};

/// What the deploying organisation has decided about an inherited hazard.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LocalState {
    /// The supplier's assessment and controls are taken as they are.
    #[default]
    AcceptedAsIs,
    /// The deployer scores it and adds controls of its own; the supplier's stay beside them.
    LocallyAssessed,
    /// Does not apply to this deployment, for the reason given.
    NotApplicable { reason: String },
}

impl LocalState {
    pub fn label(&self) -> &'static str {
        match self {
            LocalState::AcceptedAsIs => "Accepted as is",
            LocalState::LocallyAssessed => "Locally assessed",
            LocalState::NotApplicable { .. } => "Not applicable",
        }
    }
}

/// An inherited hazard of the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inherited {
    /// The project's own hazard.
    pub hazard: HazardKey,
    /// The supplier (manufacturer) as the user named it.
    pub supplier: String,
    /// The hazard's id in the supplier's log.
    pub supplier_id: String,
    /// The version of the supplier's log it was last taken from.
    pub supplier_version: String,
    #[serde(default)]
    pub state: LocalState,
    /// The supplier's hazard as last accepted: what the next version is compared with, and
    /// what a locally assessed hazard shows beside its own assessment.
    pub upstream: Box<Hazard>,
}

/// Which parts of a hazard belong to its assessment: a locally assessed hazard keeps its own
/// when the supplier's change, unless the user takes the supplier's.
pub fn copy_assessment(from: &Hazard, to: &mut Hazard) {
    to.existing_controls.clone_from(&from.existing_controls);
    to.initial = from.initial;
    to.initial_justification
        .clone_from(&from.initial_justification);
    to.additional_controls.clone_from(&from.additional_controls);
    to.residual = from.residual;
    to.residual_justification
        .clone_from(&from.residual_justification);
}

/// The parts of a hazard that describe it (name, text, causes), which follow the supplier.
pub fn copy_description(from: &Hazard, to: &mut Hazard) {
    to.name.clone_from(&from.name);
    to.description.clone_from(&from.description);
    to.effect.clone_from(&from.effect);
    to.hazard.clone_from(&from.hazard);
    to.harm.clone_from(&from.harm);
    to.causes.clone_from(&from.causes);
}

/// Whether two records of a hazard assess it the same.
pub fn same_assessment(a: &Hazard, b: &Hazard) -> bool {
    let mut copy = b.clone();
    copy_assessment(a, &mut copy);
    copy == *b
}
