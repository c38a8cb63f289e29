//! Where a hazard came from when it was not raised in the room: a starter library item or a
//! hazard of another project, with the controls the source suggested.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{ControlKind, HazardKey};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// A starter library item: its id, name and the source it names.
    Library {
        item: String,
        name: String,
        source: String,
    },
    /// A hazard of another `.hazlog`: the project (its system or title), the file it was read
    /// from, and the hazard's display id and internal key there.
    Project {
        project: String,
        file: String,
        display_id: String,
        key: u64,
    },
}

impl Origin {
    /// "Starter library: Wrong patient record open (DCSP hazard types, MIT)".
    pub fn describe(&self) -> String {
        match self {
            Origin::Library { name, source, .. } => format!("Starter library: {name} ({source})"),
            Origin::Project {
                project,
                file,
                display_id,
                ..
            } => format!("Imported from {display_id} of “{project}” ({file})"),
        }
    }
}

/// A control the source suggests; it becomes one of the hazard's controls only when the user
/// adopts it (a suggestion is not evidence that a control is in place).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SuggestedControl {
    pub kind: ControlKind,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub hazard: HazardKey,
    pub origin: Origin,
    pub added: DateTime<Utc>,
    /// Suggestions not yet adopted or dismissed.
    #[serde(default)]
    pub suggested_controls: Vec<SuggestedControl>,
}
