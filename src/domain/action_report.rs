//! What an action's owner reported back (from a returned action pack): who, when it arrived,
//! and the status, progress note, evidence and date done they gave. Kept for good with the
//! project, so an action's history shows every report even after its status moves on.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::meeting::{ActionKey, ActionStatus};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionReport {
    pub action: ActionKey,
    /// The owner the pack was made for.
    pub reported_by: String,
    /// When the report was taken into the project.
    pub received: DateTime<Utc>,
    /// The status reported, when it changed it.
    #[serde(default)]
    pub status: Option<ActionStatus>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub date_done: Option<NaiveDate>,
}
