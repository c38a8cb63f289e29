//! The app's side of the document dialogs: Document details, applied through the one door as a
//! single undoable change, and the safety case report and handover pack, made from a snapshot
//! on a job thread and written atomically.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Local;

use super::jobs::with_extension;
use super::{FileKind, HazardWorkshopApp, JobResult, Notice, SavePurpose};
use crate::domain::Project;
use crate::edit::ops::update_metadata;
use crate::interchange::safety_case::{
    ReportSource, handover_docx, handover_project, safety_case_docx,
};
use crate::interchange::{ExportOptions, export_workbook};
use crate::storage::project_file::write_atomically;
use crate::ui::document_dialogs::{
    DetailsDraft, DetailsOutcome, ReportChoice, ReportKind, ReportOutcome, document_details_ui,
    report_choice_ui,
};

/// The document dialogs while open.
#[derive(Default)]
pub struct DocumentsUi {
    pub details: Option<DetailsDraft>,
    pub report: Option<ReportChoice>,
}

/// A report to write once the user has picked where.
pub struct ReportExport {
    kind: ReportKind,
    project: Arc<Project>,
    /// The issued version it is made from; `None` for the current log (a draft).
    version: Option<String>,
}

/// What was written, or why nothing was.
pub type ReportWritten = Result<(Vec<PathBuf>, String), String>;

impl HazardWorkshopApp {
    pub(super) fn open_document_details(&mut self) {
        self.documents.details = Some(DetailsDraft::new(&self.doc.project().metadata));
    }

    pub(super) fn open_report_choice(&mut self, kind: ReportKind) {
        let versions = self
            .doc
            .project()
            .baselines
            .iter()
            .map(|b| {
                (
                    b.version.clone(),
                    b.issued
                        .with_timezone(&Local)
                        .format("%-d %b %Y")
                        .to_string(),
                )
            })
            .collect();
        self.documents.report = Some(ReportChoice::new(kind, versions));
    }

    pub(super) fn document_windows(&mut self, ctx: &egui::Context) {
        if let Some(draft) = &mut self.documents.details {
            let read_only = self.doc.read_only().map(str::to_owned);
            match document_details_ui(ctx, draft, read_only.as_deref()) {
                Some(DetailsOutcome::Apply(metadata)) => {
                    let edit = update_metadata(self.doc.project(), *metadata, "document details");
                    // Refused (read-only): the dialog stays open with the user's text in it.
                    if self.apply(edit) {
                        self.documents.details = None;
                    }
                }
                Some(DetailsOutcome::Cancel) => self.documents.details = None,
                None => {}
            }
        }
        if let Some(choice) = &mut self.documents.report {
            match report_choice_ui(ctx, choice) {
                Some(ReportOutcome::Export(source)) => {
                    let kind = choice.kind;
                    let version = source
                        .and_then(|i| choice.versions.get(i))
                        .map(|v| v.0.clone());
                    self.documents.report = None;
                    let what = match kind {
                        ReportKind::SafetyCase => "Clinical Safety Case Report",
                        ReportKind::Handover => "DCB0160 handover pack",
                    };
                    let name = match &version {
                        Some(v) => {
                            format!("{} {what} version {v}.docx", self.suggested_file_stem())
                        }
                        None => format!("{} {what} DRAFT.docx", self.suggested_file_stem()),
                    };
                    let export = ReportExport {
                        kind,
                        project: self.doc.snapshot(),
                        version,
                    };
                    self.jobs.pick_save(
                        FileKind::Word,
                        kind.title(),
                        name,
                        SavePurpose::Report(Box::new(export)),
                    );
                }
                Some(ReportOutcome::Cancel) => self.documents.report = None,
                None => {}
            }
        }
    }

    pub(super) fn write_report(&mut self, export: ReportExport, path: PathBuf) {
        let path = with_extension(path, "docx");
        self.jobs
            .spawn(move || JobResult::WroteReport(make_and_write(&export, path)));
    }

    pub(super) fn finish_report(&mut self, written: ReportWritten) {
        self.notice = Some(match written {
            Ok((paths, what)) => Notice {
                text: format!(
                    "Saved {what}: {}",
                    paths
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
                is_error: false,
            },
            Err(why) => Notice {
                text: why,
                is_error: true,
            },
        });
    }
}

/// Makes the document (and for a handover, its workbook) in memory, then writes each file
/// atomically: a failure to make either writes nothing.
fn make_and_write(export: &ReportExport, path: PathBuf) -> ReportWritten {
    let today = Local::now().date_naive();
    let source = ReportSource::of(&export.project, export.version.as_deref(), today)
        .map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    let what = match export.kind {
        ReportKind::SafetyCase => {
            let bytes = safety_case_docx(&source).map_err(|e| e.to_string())?;
            files.push((path, bytes));
            format!("the safety case report of {}", source.describe())
        }
        ReportKind::Handover => {
            let document = handover_docx(&source).map_err(|e| e.to_string())?;
            let handed_over = handover_project(&source.log);
            let workbook = export_workbook(&handed_over, &ExportOptions::default())
                .map_err(|e| e.to_string())?;
            let sheet_path = path.with_extension("xlsx");
            files.push((path, document));
            files.push((sheet_path, workbook));
            format!(
                "the handover pack ({} transferred hazard{}) of {}",
                handed_over.hazards.len(),
                if handed_over.hazards.len() == 1 {
                    ""
                } else {
                    "s"
                },
                source.describe()
            )
        }
    };
    let mut written = Vec::new();
    for (path, bytes) in files {
        write_atomically(&path, &bytes)
            .map_err(|e| format!("Could not write “{}”: {e}", path.display()))?;
        written.push(path);
    }
    Ok((written, what))
}
