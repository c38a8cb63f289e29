//! The app's side of issued versions: the Issue version dialog, the Versions window and the diff
//! view, with the heavy work (freezing, thawing, comparing, exporting) on job threads and the
//! issue itself applied through the app's one door.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Local, Utc};

use super::jobs::with_extension;
use super::{FileKind, HazardWorkshopApp, JobResult, Notice, OpenMode, SavePurpose};
use crate::domain::Project;
use crate::domain::baseline::Baseline;
use crate::domain::checks::check_project;
use crate::domain::diff::{VersionDiff, diff};
use crate::edit::Document;
use crate::edit::version_ops::{
    IssueRefusal, PreparedIssue, issue_version, open_baseline, prepare_issue,
};
use crate::interchange::diff_docx::{DiffLabels, diff_docx};
use crate::interchange::diff_xlsx::diff_xlsx;
use crate::interchange::{ExportLayout, ExportOptions, export_workbook};
use crate::storage::project_file::write_atomically;
use crate::ui::diff_view::{DiffOutcome, DiffState, diff_view_ui};
use crate::ui::issue_dialog::{IssueDraft, IssueOutcome, issue_dialog_ui};
use crate::ui::versions_pane::{CompareWith, VersionsOutcome, VersionsState, versions_ui};

/// What the versions windows show.
#[derive(Default)]
pub struct VersionsUi {
    /// The Issue version dialog, while open.
    pub issue: Option<IssueDraft>,
    pub list: VersionsState,
    /// The diff on show, if any.
    pub diff: Option<DiffState>,
    /// While an issued version is open in place of the log: the log to go back to.
    pub return_to: Option<ReturnTo>,
}

/// What "Back to the current log" reopens after an issued version was opened in its place.
pub enum ReturnTo {
    /// The log's file, opened again (and locked) as usual: it had no unsaved changes.
    File(PathBuf),
    /// A log that was never saved, kept in memory while the version is shown.
    Unsaved { doc: Box<Document>, name: String },
}

/// A finished piece of versions work.
// Always sent boxed whole (`JobResult::Versions(Box<..>)`), so the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
pub enum VersionsJob {
    Prepared(Result<PreparedIssue, IssueRefusal>),
    Opened {
        version: String,
        result: Result<Project, String>,
    },
    Compared(Result<DiffState, String>),
}

/// A file to write once the user has picked where.
// Held once while the file dialog is open; boxing a variant would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum VersionsExport {
    Baseline {
        baseline: Box<Baseline>,
        layout: ExportLayout,
    },
    Diff {
        diff: VersionDiff,
        labels: DiffLabels,
        kind: FileKind,
    },
}

impl HazardWorkshopApp {
    /// Opens the Issue version dialog, with the checks open now listed first.
    pub(super) fn start_issue(&mut self) {
        if let Some(reason) = self.doc.read_only() {
            self.error(reason.to_owned());
            return;
        }
        let project = self.doc.project();
        // The background checks' latest list (issuing checks again on its job thread, so a
        // list a keystroke old cannot let a version through unexplained); computed here only
        // before the first background result.
        let report = self.checks.report();
        let checks = if report.ready {
            report.problems.as_ref().clone()
        } else {
            check_project(project, Local::now().date_naive())
        };
        let next = next_version(project.baselines.last().map(|b| b.version.as_str()));
        self.versions.issue = Some(IssueDraft::new(checks, next));
    }

    /// Draws the versions windows and runs what the user asked for in them.
    pub(super) fn versions_windows(&mut self, ctx: &egui::Context) {
        let today = Local::now().date_naive();
        if let Some(draft) = &mut self.versions.issue {
            match issue_dialog_ui(ctx, draft, today) {
                Some(IssueOutcome::Cancel) => self.versions.issue = None,
                Some(IssueOutcome::Issue(request)) => {
                    draft.preparing = true;
                    draft.refusal = None;
                    let snapshot = self.doc.snapshot();
                    self.jobs.spawn(move || {
                        let result = prepare_issue(snapshot, &request, Utc::now(), today);
                        JobResult::Versions(Box::new(VersionsJob::Prepared(result)))
                    });
                }
                None => {}
            }
        }
        if self.versions.list.open
            && let Some(outcome) =
                versions_ui(ctx, &mut self.versions.list, &self.doc.project().baselines)
        {
            self.run_versions_outcome(outcome);
        }
        if let Some(state) = &mut self.versions.diff {
            match diff_view_ui(ctx, state) {
                Some(DiffOutcome::Close) => self.versions.diff = None,
                Some(DiffOutcome::Export(kind)) => {
                    let ext = extension(kind);
                    let name = format!("{}.{ext}", state.labels.title());
                    let export = VersionsExport::Diff {
                        diff: state.filtered(),
                        labels: state.labels.clone(),
                        kind,
                    };
                    self.jobs.pick_save(
                        kind,
                        "Export the changes",
                        name,
                        SavePurpose::Versions(Box::new(export)),
                    );
                }
                None => {}
            }
        }
    }

    fn run_versions_outcome(&mut self, outcome: VersionsOutcome) {
        let baselines = &self.doc.project().baselines;
        match outcome {
            VersionsOutcome::Close => self.versions.list.open = false,
            VersionsOutcome::Open(index) => {
                if self.doc.is_dirty() {
                    self.error(UNSAVED.to_owned());
                    return;
                }
                let Some(baseline) = baselines.get(index).cloned() else {
                    return;
                };
                self.jobs.spawn(move || {
                    let result = open_baseline(&baseline);
                    JobResult::Versions(Box::new(VersionsJob::Opened {
                        version: baseline.version,
                        result,
                    }))
                });
            }
            VersionsOutcome::Export(index, layout) => {
                let Some(baseline) = baselines.get(index).cloned() else {
                    return;
                };
                let name = format!(
                    "{} version {}.xlsx",
                    self.suggested_file_stem(),
                    baseline.version
                );
                let export = VersionsExport::Baseline {
                    baseline: Box::new(baseline),
                    layout,
                };
                self.jobs.pick_save(
                    FileKind::Spreadsheet,
                    "Export the issued version",
                    name,
                    SavePurpose::Versions(Box::new(export)),
                );
            }
            VersionsOutcome::Compare { from, to } => {
                let Some(old) = baselines.get(from).cloned() else {
                    return;
                };
                let new = match to {
                    CompareWith::Now => None,
                    CompareWith::Baseline(index) => match baselines.get(index) {
                        Some(b) => Some(b.clone()),
                        None => return,
                    },
                };
                let now = self.doc.snapshot();
                self.jobs.spawn(move || {
                    let result = compare(&old, new.as_ref(), now);
                    JobResult::Versions(Box::new(VersionsJob::Compared(result)))
                });
            }
        }
    }

    pub(super) fn finish_versions_job(&mut self, job: VersionsJob) {
        match job {
            VersionsJob::Prepared(result) => self.finish_issue(result),
            VersionsJob::Opened { version, result } => match result {
                // The user may have typed while the version was read: never drop that.
                Ok(_) if self.doc.is_dirty() => self.error(UNSAVED.to_owned()),
                Ok(project) => {
                    let name = format!("Version {version} as issued");
                    let mut doc = Document::new(project, None);
                    doc.set_read_only(Some(format!(
                        "{name} is read-only: an issued version never changes. Use “Back to \
                         the current log” to work on the log."
                    )));
                    let return_to =
                        self.versions
                            .return_to
                            .take()
                            .unwrap_or_else(|| match self.doc.path() {
                                Some(path) => ReturnTo::File(path.to_path_buf()),
                                None => {
                                    let name = self.display_name();
                                    let unsaved = Document::new(Project::default(), None);
                                    let doc = Box::new(std::mem::replace(&mut self.doc, unsaved));
                                    ReturnTo::Unsaved { doc, name }
                                }
                            });
                    self.replace_document(doc, &name);
                    self.versions.return_to = Some(return_to);
                    self.versions.list.open = false;
                    self.notice = Some(Notice {
                        text: format!(
                            "{name}, read-only. “Back to the current log” returns to the log."
                        ),
                        is_error: false,
                    });
                }
                Err(err) => self.error(format!("Version {version} could not be opened: {err}")),
            },
            VersionsJob::Compared(result) => match result {
                Ok(state) => self.versions.diff = Some(state),
                Err(err) => self.error(format!("The versions could not be compared: {err}")),
            },
        }
    }

    /// Leaves an issued version opened read-only and reopens the log it was opened from. A
    /// file is read again (the version stays on show if that fails, so the way back stays).
    pub(super) fn back_to_current_log(&mut self) {
        match self.versions.return_to.take() {
            Some(ReturnTo::File(path)) => {
                self.jobs.load(path.clone(), OpenMode::Normal);
                self.versions.return_to = Some(ReturnTo::File(path));
            }
            Some(ReturnTo::Unsaved { doc, name }) => self.replace_document(*doc, &name),
            None => {}
        }
    }

    /// A prepared version is issued as one undoable edit, if the log has not changed meanwhile.
    fn finish_issue(&mut self, result: Result<PreparedIssue, IssueRefusal>) {
        // Cancelled while it was being prepared: nothing is issued.
        if self.versions.issue.is_none() {
            return;
        }
        let refused = match result.and_then(|prepared| {
            let hash = prepared.sha256().to_owned();
            issue_version(self.doc.project(), prepared).map(|edit| (edit, hash))
        }) {
            Ok((edit, hash)) => {
                let version = self
                    .versions
                    .issue
                    .as_ref()
                    .map(|d| d.request.version.trim().to_owned());
                if self.apply(edit) {
                    self.versions.issue = None;
                    self.notice = Some(Notice {
                        text: format!(
                            "Version {} issued. SHA-256 of the issued content: {hash}",
                            version.unwrap_or_default()
                        ),
                        is_error: false,
                    });
                    return;
                }
                None
            }
            Err(refusal) => Some(refusal.to_string()),
        };
        if let Some(draft) = &mut self.versions.issue {
            draft.preparing = false;
            draft.refusal = refused;
        }
    }

    pub(super) fn write_versions_export(&mut self, export: VersionsExport, path: PathBuf) {
        let path = match &export {
            VersionsExport::Baseline { .. } => with_extension(path, "xlsx"),
            VersionsExport::Diff { kind, .. } => with_extension(path, extension(*kind)),
        };
        self.jobs.spawn(move || {
            let result = export_bytes(export)
                .map_err(std::io::Error::other)
                .and_then(|bytes| write_atomically(&path, &bytes));
            JobResult::Wrote { path, result }
        });
    }
}

const UNSAVED: &str = "Save or undo your changes before opening an issued version: it opens in \
                       place of the log.";

fn extension(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Word => "docx",
        _ => "xlsx",
    }
}

/// The changes from baseline `old` to baseline `new`, or to `now` when `new` is `None`.
fn compare(old: &Baseline, new: Option<&Baseline>, now: Arc<Project>) -> Result<DiffState, String> {
    let before = open_baseline(old)?;
    let (after, to) = match new {
        Some(b) => (open_baseline(b)?, format!("version {}", b.version)),
        None => ((*now).clone(), "the current log".to_owned()),
    };
    let labels = DiffLabels {
        system: now.metadata.system_name.clone(),
        from: format!("version {}", old.version),
        to,
    };
    Ok(DiffState::new(diff(&before, &after), labels))
}

fn export_bytes(export: VersionsExport) -> Result<Vec<u8>, String> {
    match export {
        VersionsExport::Baseline { baseline, layout } => {
            let project = open_baseline(&baseline)?;
            let options = ExportOptions {
                layout,
                ..ExportOptions::default()
            };
            export_workbook(&project, &options).map_err(|e| e.to_string())
        }
        VersionsExport::Diff { diff, labels, kind } => match kind {
            FileKind::Word => diff_docx(&diff, &labels).map_err(|e| e.to_string()),
            _ => diff_xlsx(&diff, &labels).map_err(|e| e.to_string()),
        },
    }
}

/// The number to suggest for the next version: the last one's minor part plus one, or "1.0".
pub fn next_version(last: Option<&str>) -> String {
    let Some(last) = last else {
        return "1.0".to_owned();
    };
    match last.trim().rsplit_once('.') {
        Some((major, minor)) if minor.parse::<u32>().is_ok() => {
            format!("{major}.{}", minor.parse::<u32>().unwrap_or(0) + 1)
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::next_version;

    #[test]
    fn the_next_version_bumps_the_minor_number() {
        assert_eq!(next_version(None), "1.0");
        assert_eq!(next_version(Some("1.0")), "1.1");
        assert_eq!(next_version(Some("2.9")), "2.10");
        assert_eq!(next_version(Some("draft")), "");
    }
}
