//! The app's side of inheriting from a supplier's hazard log (DCB0160): the supplier's log is
//! read on a job thread (a project file, or an NHS spreadsheet with its import report), and the
//! inherit or the update is applied through the one door as a single undoable edit.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Utc;

use super::{FileKind, HazardWorkshopApp, JobResult, Notice};
use crate::domain::Project;
use crate::edit::inheritance_ops::{apply_upstream, inherit, plan_upstream};
use crate::storage::project_file;
use crate::ui::supplier_dialog::{
    SupplierMode, SupplierOutcome, SupplierWindow, supplier_window_ui,
};

/// A supplier's log, read: the project and, for a spreadsheet, each line of its import report.
pub struct SupplierLog {
    pub file_name: String,
    pub result: Result<(Project, Vec<String>), String>,
}

fn read_supplier_log(path: PathBuf, spreadsheet: bool) -> SupplierLog {
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let result = if spreadsheet {
        crate::interchange::import_workbook(&path, &crate::domain::RiskMatrix::dcb0129())
            .map_err(|e| e.to_string())
            .and_then(|imported| match imported.report.truncation_text() {
                // A log cut short would be inherited incomplete: refuse it.
                Some(what) => Err(format!("“{file_name}” was not read in full: {what}")),
                None => Ok((
                    imported.project,
                    imported
                        .report
                        .to_text()
                        .lines()
                        .map(str::to_owned)
                        .collect(),
                )),
            })
    } else {
        project_file::load(&path)
            .map(|project| (project, Vec::new()))
            .map_err(|e| e.to_string())
    };
    SupplierLog { file_name, result }
}

impl HazardWorkshopApp {
    pub(super) fn open_supplier_window(&mut self, mode: SupplierMode) {
        let mut known: Vec<String> = self
            .doc
            .project()
            .inherited
            .iter()
            .map(|i| i.supplier.clone())
            .collect();
        known.sort();
        known.dedup();
        if mode == SupplierMode::Update && known.is_empty() {
            self.error(
                "Nothing in this project is inherited yet: use Inherit hazards from a \
                 supplier's log first."
                    .to_owned(),
            );
            return;
        }
        self.supplier = Some(SupplierWindow::new(mode, known));
    }

    pub(super) fn supplier_windows(&mut self, ctx: &egui::Context) {
        let Some(window) = &mut self.supplier else {
            return;
        };
        match supplier_window_ui(ctx, window) {
            Some(SupplierOutcome::OpenProjectFile) => self.pick_supplier_log(false),
            Some(SupplierOutcome::OpenSpreadsheet) => self.pick_supplier_log(true),
            Some(SupplierOutcome::SupplierChanged) => self.replan_supplier_update(),
            Some(SupplierOutcome::Inherit) => self.inherit_chosen(),
            Some(SupplierOutcome::ApplyUpdate) => self.apply_supplier_update(),
            Some(SupplierOutcome::Close) => self.supplier = None,
            None => {}
        }
    }

    fn pick_supplier_log(&mut self, spreadsheet: bool) {
        if let Some(window) = &mut self.supplier {
            window.loading = true;
            window.error = None;
        }
        let kind = if spreadsheet {
            FileKind::Spreadsheet
        } else {
            FileKind::Project
        };
        self.jobs
            .pick_open_then(kind, "Open the supplier's hazard log", move |path| {
                JobResult::SupplierLog(path.map(|p| Box::new(read_supplier_log(p, spreadsheet))))
            });
    }

    pub(super) fn finish_supplier_log(&mut self, read: Option<Box<SupplierLog>>) {
        let Some(window) = &mut self.supplier else {
            return;
        };
        window.loading = false;
        let Some(read) = read else {
            return;
        };
        match read.result {
            Ok((log, report)) => {
                if window.mode == SupplierMode::Inherit && window.supplier.name.trim().is_empty() {
                    window.supplier.name = log.metadata.organisation.trim().to_owned();
                }
                window.supplier.version = log.metadata.document_version.trim().to_owned();
                window.file_name = read.file_name;
                window.report = report;
                window.chosen.clear();
                window.log = Some(Arc::new(log));
                self.replan_supplier_update();
            }
            Err(why) => window.error = Some(why),
        }
    }

    fn replan_supplier_update(&mut self) {
        let project = self.doc.project();
        let Some(window) = &mut self.supplier else {
            return;
        };
        if window.mode != SupplierMode::Update {
            return;
        }
        window.plan = window
            .log
            .as_ref()
            .map(|log| plan_upstream(project, log, &window.supplier));
        window.decision = Default::default();
    }

    fn inherit_chosen(&mut self) {
        let Some(window) = &self.supplier else {
            return;
        };
        let Some(log) = window.log.clone() else {
            return;
        };
        let chosen: Vec<_> = window.chosen.iter().copied().collect();
        let supplier = window.supplier.clone();
        let (edit, added) = inherit(self.doc.project(), &log, &supplier, &chosen, Utc::now());
        if self.apply(edit) {
            self.supplier = None;
            self.notice = Some(Notice {
                text: format!(
                    "Inherited {} hazard{} from {}: each is accepted as is until you assess it \
                     locally or mark it not applicable.",
                    added.len(),
                    if added.len() == 1 { "" } else { "s" },
                    supplier.name.trim()
                ),
                is_error: false,
            });
        }
    }

    fn apply_supplier_update(&mut self) {
        let Some(window) = &self.supplier else {
            return;
        };
        let Some(plan) = window.plan.clone() else {
            return;
        };
        let mut plan = plan;
        plan.supplier = window.supplier.clone();
        let edit = apply_upstream(self.doc.project(), &plan, &window.decision, Utc::now());
        let label = edit.label.clone();
        if self.apply(edit) {
            self.supplier = None;
            self.notice = Some(Notice {
                text: format!("Done: {label}."),
                is_error: false,
            });
        }
    }
}
