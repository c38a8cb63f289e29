//! A hazard log project: the document metadata of the NHS Cover Page and Version History sheets,
//! the risk matrix, the hazards, and the workshop records.

use serde::{Deserialize, Serialize};

use super::action_report::ActionReport;
use super::baseline::Baseline;
use super::checks::CheckSettings;
use super::hazard::{Hazard, HazardKey};
use super::hazards::Hazards;
use super::history::HistoryLog;
use super::inheritance::Inherited;
use super::meeting::{ActionItem, ActionKey, Meeting, MeetingKey, Person, PersonKey};
use super::risk::RiskMatrix;
use super::safety_case::SafetyCaseText;
use super::technique::Technique;
use super::three_way::{Lineage, MergeConflict};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentStatus {
    #[default]
    Draft,
    Live,
    Approved,
    Final,
}

impl DocumentStatus {
    pub const ALL: [DocumentStatus; 4] = [
        DocumentStatus::Draft,
        DocumentStatus::Live,
        DocumentStatus::Approved,
        DocumentStatus::Final,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DocumentStatus::Draft => "Draft",
            DocumentStatus::Live => "Live",
            DocumentStatus::Approved => "Approved",
            DocumentStatus::Final => "Final",
        }
    }
}

/// One line of the Version History sheet's amendment history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionHistoryLine {
    pub version: String,
    /// As written in the log; real logs use many date styles.
    pub date: String,
    pub amendment: String,
}

/// A reviewer or approver of a version of the log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub name: String,
    pub title: String,
    pub date: String,
    pub version: String,
}

/// A sheet of an imported workbook the app has no fields for (abbreviations, references,
/// assumptions…), kept cell by cell as text and written back on export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptSheet {
    pub name: String,
    #[serde(default)]
    pub hidden: bool,
    /// `(row, column, text)`, 0-based, non-empty cells only.
    pub cells: Vec<(u32, u32, String)>,
}

/// The fields of the NHS Cover Page and Version History sheets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectMetadata {
    pub system_name: String,
    pub system_version: String,
    pub organisation: String,
    pub document_title: String,
    /// "Document Record ID Key".
    pub document_id: String,
    pub programme: String,
    /// "Sub-Prog / Project".
    pub project: String,
    /// "Prog. Director".
    pub programme_director: String,
    pub owner: String,
    pub author: String,
    pub clinical_safety_officer: String,
    pub document_status: DocumentStatus,
    pub document_version: String,
    pub version_date: String,
    pub document_purpose: String,
    pub version_history: Vec<VersionHistoryLine>,
    pub reviewers: Vec<SignOff>,
    pub approvers: Vec<SignOff>,
    /// The written sections of the safety case report and the handover pack.
    #[serde(skip_serializing_if = "SafetyCaseText::is_empty")]
    pub safety_case: SafetyCaseText,
    /// The imported workbook's other sheets, written back after ours on export.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kept_sheets: Vec<KeptSheet>,
}

/// Counters for new identities. Part of the project so that ids are never reused, even across
/// sessions; edits that allocate an id record the counters before and after.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdCounters {
    /// Next internal key, shared by hazards, people, meetings, entries and actions.
    pub next_key: u64,
    /// Next number for a generated hazard display id.
    pub next_hazard_number: u32,
}

impl Default for IdCounters {
    fn default() -> Self {
        IdCounters {
            next_key: 1,
            next_hazard_number: 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    #[serde(default)]
    pub metadata: ProjectMetadata,
    #[serde(default)]
    pub matrix: RiskMatrix,
    /// New hazards are numbered `{prefix}{number:0digits}`, e.g. `H001`.
    pub hazard_id_prefix: String,
    pub hazard_id_digits: u8,
    #[serde(default)]
    pub counters: IdCounters,
    #[serde(default)]
    pub hazards: Hazards,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    #[serde(default)]
    pub actions: Vec<ActionItem>,
    /// The meeting running now, if one is: new minute entries are stamped with the time,
    /// captured hazards are raised in it and edited ones recorded as discussed in it.
    #[serde(default)]
    pub current_meeting: Option<MeetingKey>,
    /// The workshop technique: scope and steps, chosen prompt decks, coverage, provenance.
    #[serde(default)]
    pub technique: Technique,
    /// Ready-to-issue checks the project has switched off, with why.
    #[serde(default, skip_serializing_if = "CheckSettings::is_empty")]
    pub checks: CheckSettings,
    /// The versions issued, oldest first. Never changed once issued.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baselines: Vec<Baseline>,
    /// Every change to every hazard, append-only.
    #[serde(default, skip_serializing_if = "HistoryLog::is_empty")]
    pub history: HistoryLog,
    /// Hazards inherited from a supplier's log, with their provenance and local state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherited: Vec<Inherited>,
    /// What action owners reported back in returned action packs, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_reports: Vec<ActionReport>,
    /// Merge conflicts not yet resolved (see [`super::three_way`]). Until each is resolved the
    /// project holds ours' value (the copy the other was merged into); no version can be issued
    /// while any remain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<MergeConflict>,
    /// Which saves this state came from. Not content: written at the end of the project file
    /// (not inside the project), ignored by `==` and by baselines.
    #[serde(skip)]
    pub lineage: Lineage,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            metadata: ProjectMetadata::default(),
            matrix: RiskMatrix::dcb0129(),
            hazard_id_prefix: "H".to_owned(),
            hazard_id_digits: 3,
            counters: IdCounters::default(),
            hazards: Hazards::new(),
            people: Vec::new(),
            meetings: Vec::new(),
            actions: Vec::new(),
            current_meeting: None,
            technique: Technique::default(),
            checks: CheckSettings::default(),
            baselines: Vec::new(),
            history: HistoryLog::default(),
            inherited: Vec::new(),
            action_reports: Vec::new(),
            conflicts: Vec::new(),
            lineage: Lineage::default(),
        }
    }
}

impl Project {
    /// The inheritance record of `hazard`, if it came from a supplier's log.
    pub fn inherited(&self, hazard: HazardKey) -> Option<&Inherited> {
        self.inherited.iter().find(|i| i.hazard == hazard)
    }

    pub fn hazard(&self, key: HazardKey) -> Option<&Hazard> {
        self.hazards.by_key(key)
    }

    pub fn hazard_by_display_id(&self, display_id: &str) -> Option<&Hazard> {
        let wanted = display_id.trim();
        self.hazards
            .iter()
            .find(|h| h.display_id.trim().eq_ignore_ascii_case(wanted))
    }

    pub fn meeting(&self, key: MeetingKey) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.key == key)
    }

    pub fn person(&self, key: PersonKey) -> Option<&Person> {
        self.people.iter().find(|p| p.key == key)
    }

    pub fn action(&self, key: ActionKey) -> Option<&ActionItem> {
        self.actions.iter().find(|a| a.key == key)
    }

    /// The display id the next new hazard gets and the counters after taking it. Skips numbers
    /// whose id is already in use (an imported `H005`), so an id is never given twice.
    pub fn next_hazard_display_id(&self) -> (String, IdCounters) {
        let mut number = self.counters.next_hazard_number;
        loop {
            let candidate = format!(
                "{}{:0width$}",
                self.hazard_id_prefix,
                number,
                width = self.hazard_id_digits as usize
            );
            number += 1;
            if self.hazard_by_display_id(&candidate).is_none() {
                let counters = IdCounters {
                    next_hazard_number: number,
                    ..self.counters
                };
                return (candidate, counters);
            }
        }
    }

    /// A fresh internal key and the counters after taking it.
    pub fn next_key(&self) -> (u64, IdCounters) {
        let key = self.counters.next_key;
        (
            key,
            IdCounters {
                next_key: key + 1,
                ..self.counters
            },
        )
    }

    /// Hazards counted in reports and the matrix: everything but the withdrawn ones.
    pub fn live_hazards(&self) -> impl Iterator<Item = &Hazard> {
        self.hazards.iter().filter(|h| !h.status.is_withdrawn())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn generated_ids_are_zero_padded_and_skip_ids_in_use() {
        let mut project = Project::default();
        let (id, counters) = project.next_hazard_display_id();
        assert_eq!(id, "H001");
        assert_eq!(counters.next_hazard_number, 2);

        project.hazards.push(Hazard::new(
            HazardKey(9),
            "h002".into(),
            "Imported".into(),
            DateTime::UNIX_EPOCH,
        ));
        project.counters = counters;
        let (id, counters) = project.next_hazard_display_id();
        assert_eq!(id, "H003", "H002 is taken (case-insensitively)");
        assert_eq!(counters.next_hazard_number, 4);
    }

    #[test]
    fn keys_are_allocated_in_sequence() {
        let project = Project::default();
        let (key, counters) = project.next_key();
        assert_eq!(key, 1);
        assert_eq!(counters.next_key, 2);
    }
}
