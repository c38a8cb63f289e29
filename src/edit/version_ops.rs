//! Issuing a version of the log, and switching ready-to-issue checks off and on: builders of
//! [`Edit`]s, like [`super::ops`].
//!
//! Issuing is two steps so that the heavy part stays off the UI thread:
//!
//! 1. [`prepare_issue`] (a job thread, on the document's [`Document::snapshot`]): validates the
//!    request, runs the checks, writes the Version History row and sign-offs into a copy of the
//!    metadata, and freezes the project as it will read once issued (compressed, hashed).
//! 2. [`issue_version`] (the UI thread, when the job is done): refuses if the document changed
//!    since the snapshot (the frozen copy would not be what is issued) or holds unresolved merge
//!    conflicts, and otherwise returns the one undoable edit that adds the baseline and the
//!    metadata.
//!
//! [`Document::snapshot`]: super::Document::snapshot

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use super::change::{Change, Edit, Slot};
use crate::domain::baseline::{Baseline, BaselineSignOff, FrozenProject, IssueReason, OpenCheck};
use crate::domain::checks::{CheckId, DisabledCheck, check_project};
use crate::domain::{Project, ProjectMetadata, SignOff, VersionHistoryLine};
use crate::storage::project_file::FORMAT_VERSION;

/// What the user filled in the Issue version dialog.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IssueRequest {
    pub version: String,
    pub author: String,
    pub reason: IssueReason,
    pub reason_text: String,
    pub sign_offs: Vec<BaselineSignOff>,
    /// Why the version is issued although checks are open; required when any are.
    pub open_checks_reason: String,
}

/// Why a version cannot be issued. Each message tells the user what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IssueRefusal {
    #[error("Give the version a number.")]
    NoVersion,
    #[error("Version {0} has already been issued; give this one a new number.")]
    VersionExists(String),
    #[error("Say who is issuing the version (the author).")]
    NoAuthor,
    #[error("Sign-off {0} needs a name and a role.")]
    IncompleteSignOff(usize),
    #[error(
        "{0} check{s} open: say why the version is issued with {them} open, or fix {them} first.",
        s = if *.0 == 1 { " is" } else { "s are" },
        them = if *.0 == 1 { "it" } else { "them" }
    )]
    OpenChecksNeedReason(usize),
    #[error(
        "The project holds {0} unresolved merge conflict{s}: resolve {them} before issuing.",
        s = if *.0 == 1 { "" } else { "s" },
        them = if *.0 == 1 { "it" } else { "them" }
    )]
    UnresolvedConflicts(usize),
    #[error("The log changed while the version was being prepared; issue it again.")]
    Stale,
}

/// A version ready to issue: made by [`prepare_issue`] off the UI thread.
#[derive(Clone, Debug)]
pub struct PreparedIssue {
    /// The snapshot it was made from; [`issue_version`] checks it is still the document's.
    source: Arc<Project>,
    metadata: ProjectMetadata,
    baseline: Baseline,
}

impl PreparedIssue {
    /// The checks open at issue, for the dialog to show.
    pub fn open_checks(&self) -> &[OpenCheck] {
        &self.baseline.open_checks
    }

    /// The content hash that will be recorded.
    pub fn sha256(&self) -> &str {
        &self.baseline.frozen.sha256
    }
}

/// Unresolved merge conflicts held in the project (see `domain::three_way`): a version cannot be
/// issued while any remain.
pub fn unresolved_conflicts(project: &Project) -> usize {
    project.conflicts.len()
}

/// Validates `request` against `snapshot` and freezes the version (see the module comment).
/// Takes about as long as saving the project: run it on a job thread.
pub fn prepare_issue(
    snapshot: Arc<Project>,
    request: &IssueRequest,
    issued: DateTime<Utc>,
    today: NaiveDate,
) -> Result<PreparedIssue, IssueRefusal> {
    let version = request.version.trim();
    if version.is_empty() {
        return Err(IssueRefusal::NoVersion);
    }
    if snapshot
        .baselines
        .iter()
        .any(|b| b.version.trim() == version)
    {
        return Err(IssueRefusal::VersionExists(version.to_owned()));
    }
    if request.author.trim().is_empty() {
        return Err(IssueRefusal::NoAuthor);
    }
    if let Some(index) = request
        .sign_offs
        .iter()
        .position(|s| s.name.trim().is_empty() || s.role.trim().is_empty())
    {
        return Err(IssueRefusal::IncompleteSignOff(index + 1));
    }
    let conflicts = unresolved_conflicts(&snapshot);
    if conflicts > 0 {
        return Err(IssueRefusal::UnresolvedConflicts(conflicts));
    }
    let open_checks: Vec<OpenCheck> = check_project(&snapshot, today)
        .into_iter()
        .map(|p| OpenCheck {
            check: p.check.code().to_owned(),
            display_id: p.display_id,
            field: p.field.to_owned(),
            reason: p.reason,
        })
        .collect();
    if !open_checks.is_empty() && request.open_checks_reason.trim().is_empty() {
        return Err(IssueRefusal::OpenChecksNeedReason(open_checks.len()));
    }

    let metadata = issued_metadata(&snapshot.metadata, request, version, today);
    let mut as_issued = (*snapshot).clone();
    as_issued.metadata = metadata.clone();
    let baseline = Baseline {
        version: version.to_owned(),
        issued,
        author: request.author.trim().to_owned(),
        reason: request.reason,
        reason_text: request.reason_text.trim().to_owned(),
        sign_offs: request.sign_offs.clone(),
        open_checks,
        open_checks_reason: request.open_checks_reason.trim().to_owned(),
        frozen: FrozenProject::freeze(&as_issued, FORMAT_VERSION),
    };
    Ok(PreparedIssue {
        source: snapshot,
        metadata,
        baseline,
    })
}

/// The metadata as issued: the version and date on the cover page, the Version History row,
/// and the sign-offs in the cover page's reviewer and approver lists.
fn issued_metadata(
    before: &ProjectMetadata,
    request: &IssueRequest,
    version: &str,
    today: NaiveDate,
) -> ProjectMetadata {
    let date = today.format("%d/%m/%Y").to_string();
    let mut after = before.clone();
    after.document_version = version.to_owned();
    after.version_date = date.clone();
    let mut amendment = format!("Issued for {}", request.reason.label().to_lowercase());
    if !request.reason_text.trim().is_empty() {
        amendment = format!("{amendment}: {}", request.reason_text.trim());
    }
    after.version_history.push(VersionHistoryLine {
        version: version.to_owned(),
        date,
        amendment,
    });
    for sign_off in &request.sign_offs {
        let line = SignOff {
            name: sign_off.name.trim().to_owned(),
            title: sign_off.role.trim().to_owned(),
            date: sign_off.date.format("%d/%m/%Y").to_string(),
            version: version.to_owned(),
        };
        match sign_off.capacity {
            crate::domain::baseline::SignOffCapacity::Approver => after.approvers.push(line),
            crate::domain::baseline::SignOffCapacity::Reviewer => after.reviewers.push(line),
        }
    }
    after
}

/// The edit that issues a prepared version: one undoable step adding the baseline and writing
/// the metadata. Refused when `project` is no longer the snapshot it was prepared from, or holds
/// unresolved merge conflicts.
pub fn issue_version(project: &Project, prepared: PreparedIssue) -> Result<Edit, IssueRefusal> {
    if !std::ptr::eq(Arc::as_ptr(&prepared.source), project) {
        return Err(IssueRefusal::Stale);
    }
    let conflicts = unresolved_conflicts(project);
    if conflicts > 0 {
        return Err(IssueRefusal::UnresolvedConflicts(conflicts));
    }
    let label = format!("issue version {}", prepared.baseline.version);
    Ok(Edit::new(
        label,
        vec![
            Change::Metadata {
                before: Box::new(project.metadata.clone()),
                after: Box::new(prepared.metadata),
            },
            Change::Baseline(Slot::Insert {
                index: project.baselines.len(),
                item: Box::new(prepared.baseline),
            }),
        ],
    ))
}

/// Switches a check off for the project, recording why. Refused without a reason.
pub fn disable_check(project: &Project, disabled: DisabledCheck) -> Result<Edit, String> {
    let label = format!("switch off check “{}”", disabled.check.description());
    let after = project.checks.with_disabled(disabled)?;
    Ok(Edit::new(
        label,
        vec![Change::Checks {
            before: Box::new(project.checks.clone()),
            after: Box::new(after),
        }],
    ))
}

/// Switches a check back on. Empty when it was on.
pub fn enable_check(project: &Project, check: CheckId) -> Edit {
    if project.checks.is_enabled(check) {
        return Edit::new("", vec![]);
    }
    Edit::new(
        format!("switch on check “{}”", check.description()),
        vec![Change::Checks {
            before: Box::new(project.checks.clone()),
            after: Box::new(project.checks.with_enabled(check)),
        }],
    )
}

pub use crate::storage::project_file::open_baseline;

#[cfg(test)]
mod tests;
