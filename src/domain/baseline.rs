//! Issued versions of the log: each baseline freezes the whole project as it was issued, with who
//! signed it off, the checks open at issue and a SHA-256 of the frozen content. A baseline is
//! never changed once made.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::packed::{Packed, UnpackError, to_ron};
use super::project::Project;

/// Why a version was issued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IssueReason {
    /// A release of the system.
    #[default]
    Release,
    /// A Clinical Safety Case Report.
    SafetyCaseReport,
    /// A periodic or triggered review.
    Review,
    Other,
}

impl IssueReason {
    pub const ALL: [IssueReason; 4] = [
        IssueReason::Release,
        IssueReason::SafetyCaseReport,
        IssueReason::Review,
        IssueReason::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            IssueReason::Release => "Release",
            IssueReason::SafetyCaseReport => "Clinical Safety Case Report",
            IssueReason::Review => "Review",
            IssueReason::Other => "Other",
        }
    }
}

/// In what capacity someone signed a version off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SignOffCapacity {
    #[default]
    Approver,
    Reviewer,
}

impl SignOffCapacity {
    pub fn label(self) -> &'static str {
        match self {
            SignOffCapacity::Approver => "Approver",
            SignOffCapacity::Reviewer => "Reviewer",
        }
    }
}

/// One approver's or reviewer's sign-off of an issued version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineSignOff {
    pub capacity: SignOffCapacity,
    pub name: String,
    /// Their role, e.g. "Clinical Safety Officer".
    pub role: String,
    /// Professional registration number (GMC, NMC, HCPC…), when they have one.
    #[serde(default)]
    pub registration: String,
    pub date: NaiveDate,
}

/// A check that was open when the version was issued, as it read then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCheck {
    /// The check's stable id (`missing-harm`).
    pub check: String,
    pub display_id: String,
    pub field: String,
    pub reason: String,
}

/// The frozen project: its canonical RON (the project without baselines or history, written as
/// compact RON in the project format `format_version`), deflated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenProject {
    pub format_version: u32,
    /// Lower-case hex SHA-256 of the canonical RON text.
    pub sha256: String,
    pub content: Packed,
}

/// Why a baseline's content could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum ThawError {
    #[error("the version's stored content is damaged: {0}")]
    Unpack(#[from] UnpackError),
    #[error(
        "the version's stored content does not match its recorded hash (recorded {recorded}, \
         found {found}): it has been altered or damaged"
    )]
    HashMismatch { recorded: String, found: String },
}

impl FrozenProject {
    /// Freezes `project` (its baselines and history left out: a baseline holds the log, not the
    /// log's own record of versions). `format_version` is the project file format this build
    /// writes. Takes time proportional to the log (about as long as a save): run it off the UI
    /// thread on a snapshot.
    pub fn freeze(project: &Project, format_version: u32) -> FrozenProject {
        let text = canonical_text(project);
        FrozenProject {
            format_version,
            sha256: sha256_hex(&text),
            content: Packed::pack_text(&text),
        }
    }

    /// The canonical RON text, checked against the recorded hash. Read it with the project file
    /// reader for its `format_version` (older formats need upgrading).
    pub fn text(&self) -> Result<String, ThawError> {
        let text = self.content.unpack_text()?;
        let found = sha256_hex(&text);
        if found != self.sha256 {
            return Err(ThawError::HashMismatch {
                recorded: self.sha256.clone(),
                found,
            });
        }
        Ok(text)
    }

    /// The hash as people compare it: the first 16 hex digits in groups of four.
    pub fn short_hash(&self) -> String {
        short_hash(&self.sha256)
    }
}

/// `a1b2 c3d4 e5f6 0718`: the first 64 bits of a hex hash, for screens and documents.
pub fn short_hash(hex: &str) -> String {
    hex.as_bytes()
        .chunks(4)
        .take(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The project as compact RON without its baselines and history: what a baseline freezes and
/// hashes. Two projects with equal content give equal text.
pub fn canonical_text(project: &Project) -> String {
    let mut content = project.clone();
    content.baselines.clear();
    content.history = Default::default();
    to_ron(&content)
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An issued version of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The version number as issued ("1.0", "2.1").
    pub version: String,
    pub issued: DateTime<Utc>,
    pub author: String,
    pub reason: IssueReason,
    /// What the issue is for, in words ("CSCR for go-live of ward rollout").
    #[serde(default)]
    pub reason_text: String,
    #[serde(default)]
    pub sign_offs: Vec<BaselineSignOff>,
    /// The checks open when it was issued. Packed in the file like the frozen project: a log
    /// issued with thousands of open checks would otherwise grow by megabytes per version.
    #[serde(default, with = "packed_checks")]
    pub open_checks: Vec<OpenCheck>,
    /// Why it was issued with checks open (required when there were any).
    #[serde(default)]
    pub open_checks_reason: String,
    pub frozen: FrozenProject,
}

/// `Vec<OpenCheck>` stored as one [`Packed`] string.
mod packed_checks {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    use super::{OpenCheck, Packed};

    pub fn serialize<S: Serializer>(
        checks: &[OpenCheck],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&Packed::pack(&checks), serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<OpenCheck>, D::Error> {
        Packed::deserialize(deserializer)?
            .unpack()
            .map_err(|e| D::Error::custom(format!("the open checks of a version: {e}")))
    }
}

impl Baseline {
    pub fn approvers(&self) -> impl Iterator<Item = &BaselineSignOff> {
        self.sign_offs
            .iter()
            .filter(|s| s.capacity == SignOffCapacity::Approver)
    }

    pub fn reviewers(&self) -> impl Iterator<Item = &BaselineSignOff> {
        self.sign_offs
            .iter()
            .filter(|s| s.capacity == SignOffCapacity::Reviewer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freezing_is_deterministic_and_checked() {
        let project = Project::default();
        let a = FrozenProject::freeze(&project, 1);
        let b = FrozenProject::freeze(&project, 1);
        assert_eq!(a.sha256, b.sha256);
        assert_eq!(a.sha256.len(), 64);
        assert_eq!(a.text().unwrap(), canonical_text(&project));
        let mut tampered = a.clone();
        tampered.content = Packed::pack_text("Project()");
        assert!(matches!(
            tampered.text(),
            Err(ThawError::HashMismatch { .. })
        ));
    }

    #[test]
    fn short_hashes_group_the_first_sixteen_digits() {
        assert_eq!(short_hash("0123456789abcdef0123"), "0123 4567 89ab cdef");
    }
}
