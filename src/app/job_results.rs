//! What the app does with finished background work (opened, saved, imported, restored files)
//! and with the user's answers to the safety questions about them.

use std::path::PathBuf;

use chrono::Local;

use super::jobs::SaveFailure;
use super::{
    AfterSave, HazardWorkshopApp, ImportReview, JobResult, Notice, OpenMode, Pending,
    READ_ONLY_REASON, SavePurpose, jobs,
};
use crate::domain::Project;
use crate::edit::Document;
use crate::storage::lock::LockError;
use crate::storage::save::{DiskStamp, SaveError};
use crate::ui;

impl HazardWorkshopApp {
    /// Applies the results of background work.
    pub(super) fn finish_jobs(&mut self) {
        for result in self.jobs.finished() {
            match result {
                JobResult::Loaded {
                    path,
                    result,
                    read_only,
                } => self.finish_open(path, result, read_only),
                JobResult::Saved {
                    path,
                    state_id,
                    result,
                    then,
                    lock,
                    lineage,
                } => {
                    if let Some(lineage) = lineage
                        && result.is_ok()
                    {
                        self.doc.saved_as(state_id, lineage);
                    }
                    self.finish_save(path, state_id, result, then, lock)
                }
                JobResult::PendingRecovery(entries) => self.recovery_offer = entries,
                JobResult::LockRefreshed(lock, result) => {
                    // Kept unless it was lost (a failed refresh leaves it ours, retried next
                    // time), and only if the document it belongs to is still open.
                    let still_open = self
                        .doc
                        .path()
                        .map(crate::storage::lock::lock_path)
                        .as_deref()
                        == Some(lock.lock_path());
                    if still_open && !result.as_ref().is_err_and(LockError::is_lost) {
                        self.safety.lock = Some(*lock);
                    }
                    if let Err(err) = result {
                        self.error(err.to_string());
                    }
                }
                JobResult::Restored { result, stamp } => match result {
                    Ok(adopted) => {
                        let adopted = *adopted;
                        let name = adopted.meta.display_name.clone();
                        let path = adopted.meta.project_path.clone();
                        self.replace_document(
                            Document::recovered(adopted.project, path),
                            &format!("{name} (recovered)"),
                        );
                        self.safety.journal = adopted.id;
                        self.safety.stamp = stamp;
                        self.notice = Some(Notice {
                            text: format!("Restored {name}: save it to keep it."),
                            is_error: false,
                        });
                    }
                    Err(err) => self.error(err.to_string()),
                },
                JobResult::Discarded(result) => {
                    if let Err(err) = result {
                        self.error(err.to_string());
                    }
                }
                JobResult::Backups { backups, .. } => self.backup_list = Some(backups),
                JobResult::BackupOpened { backup, result } => match result {
                    Ok(project) => {
                        let when = backup.taken.with_timezone(&Local).format("%d %b %Y %H:%M");
                        let name = format!("Backup from {when}");
                        self.replace_document(Document::unsaved(*project), &name);
                        self.notice = Some(Notice {
                            text: format!("{name}: Save as to keep it under a new name."),
                            is_error: false,
                        });
                    }
                    Err(err) => self.error(err.to_string()),
                },
                JobResult::PickedOpen(Some(path)) => self.jobs.load(path, OpenMode::Normal),
                JobResult::PickedSave(Some(path), SavePurpose::Project(then)) => {
                    self.start_save(path, then)
                }
                JobResult::PickedSave(Some(path), SavePurpose::MatrixImage(image)) => {
                    self.jobs.write_png(image, path)
                }
                JobResult::PickedSave(Some(path), SavePurpose::Workbook { project, options }) => {
                    self.jobs.write_workbook(project, options, path)
                }
                JobResult::PickedImport {
                    path: Some(path),
                    into_open,
                } => {
                    let matrix = self.doc.project().matrix.clone();
                    self.jobs.import(path, matrix, into_open);
                }
                JobResult::PickedImport { path: None, .. } => {}
                JobResult::OtherProjectRead { path, result } => match result {
                    Ok(project) => self.view.project_import.show(path, *project),
                    Err(err) => self.error(err.to_string()),
                },
                JobResult::Imported {
                    path,
                    into_open,
                    result,
                } => self.finish_import(path, into_open, result),
                JobResult::PickedSave(
                    Some(path),
                    SavePurpose::Minutes {
                        project,
                        meeting,
                        kind,
                    },
                ) => self.jobs.write_minutes(project, meeting, kind, path),
                JobResult::PickedSave(Some(path), SavePurpose::Versions(export)) => {
                    self.write_versions_export(*export, path)
                }
                JobResult::Versions(job) => self.finish_versions_job(*job),
                JobResult::PickedSave(Some(path), SavePurpose::Report(export)) => {
                    self.write_report(*export, path)
                }
                JobResult::WroteReport(written) => self.finish_report(written),
                JobResult::SupplierLog(read) => self.finish_supplier_log(read),
                JobResult::PickedSave(Some(path), SavePurpose::ActionPack(export)) => {
                    self.write_action_pack(*export, path)
                }
                JobResult::ActionPackRead(read) => self.finish_pack_read(read),
                JobResult::MergeRead(read) => self.finish_merge_read(read),
                JobResult::SyncCopies { path, copies } => self.finish_sync_copies(path, copies),
                JobResult::PickedOpen(None)
                | JobResult::PickedSave(None, _)
                | JobResult::SettingsWritten => {}
                JobResult::Wrote { path, result } => {
                    self.notice = Some(match result {
                        Ok(()) => Notice {
                            text: format!("Saved {}", path.display()),
                            is_error: false,
                        },
                        Err(err) => Notice {
                            text: format!("Could not write “{}”: {err}", path.display()),
                            is_error: true,
                        },
                    });
                }
                JobResult::WroteWorkbook {
                    path,
                    result,
                    losses,
                } => {
                    self.notice = Some(match result {
                        Ok(()) => workbook_notice(&path, &losses),
                        Err(err) => Notice {
                            text: format!("Could not write “{}”: {err}", path.display()),
                            is_error: true,
                        },
                    });
                }
            }
        }
    }

    pub(super) fn finish_open(
        &mut self,
        path: PathBuf,
        result: Result<Box<jobs::Opened>, crate::storage::project_file::LoadError>,
        read_only: bool,
    ) {
        let opened = match result {
            Ok(opened) => *opened,
            Err(err) => {
                self.settings.forget_recent_if_missing(&path);
                self.error(err.to_string());
                return;
            }
        };
        let lock = match opened.lock {
            Some(Ok(lock)) => Some(lock),
            Some(Err(LockError::HeldBy(_) | LockError::Unreadable { .. })) if !read_only => {
                let Some(Err(err)) = opened.lock else {
                    unreachable!()
                };
                self.lock_question = Some((path, err.to_string()));
                return;
            }
            Some(Err(err)) => {
                // The folder may not allow a lock file (a read-only share): open, and say so.
                log::warn!("no lock on {}: {err}", path.display());
                None
            }
            None => None,
        };
        self.settings.add_recent(&path);
        if !read_only {
            self.look_for_sync_copies(path.clone());
        }
        self.replace_document(Document::new(opened.project, Some(path)), "");
        self.safety.stamp = Some(opened.stamp);
        self.safety.lock = lock;
        self.safety.lock_refreshed = Some(std::time::Instant::now());
        if read_only {
            self.doc.set_read_only(Some(READ_ONLY_REASON.into()));
        }
        self.notice = read_only.then(|| Notice {
            text: "Opened read-only: someone else has this hazard log open. Save as to keep changes under a new name.".into(),
            is_error: false,
        });
        if !opened.warnings.is_empty() {
            // Shown, not only logged: the user must fix these (duplicate display ids).
            let mut text = opened.warnings.join(" ");
            if let Some(read_only) = &self.notice {
                text = format!("{} {text}", read_only.text);
            }
            self.notice = Some(Notice::error(text));
        }
    }

    pub(super) fn finish_save(
        &mut self,
        path: PathBuf,
        state_id: u64,
        result: Result<DiskStamp, Box<SaveFailure>>,
        then: AfterSave,
        lock: Option<Box<crate::storage::lock::ProjectLock>>,
    ) {
        let lock = lock.map(|lock| *lock);
        match result.map_err(|failure| *failure) {
            Ok(stamp) => {
                let new_file = self.doc.path() != Some(path.as_path());
                if new_file {
                    // Saved under a new name: its journal and stamp are the new file's.
                    self.safety.switch_to(Some(&path));
                }
                if new_file || lock.is_some() {
                    // The lock was taken on the job thread before writing.
                    self.safety.lock = lock;
                    self.safety.lock_refreshed = Some(std::time::Instant::now());
                    self.doc.set_read_only(None);
                }
                self.doc.mark_saved(path.clone(), state_id);
                self.safety.stamp = Some(stamp);
                if !self.doc.is_dirty() {
                    self.safety.forget_journal();
                }
                self.settings.add_recent(&path);
                self.settings.last_open = Some(path.clone());
                self.notice = Some(Notice {
                    text: format!("Saved to {}", path.display()),
                    is_error: false,
                });
                if let AfterSave::Continue(step) = then {
                    self.proceed(step);
                }
            }
            Err(SaveFailure::Save(err)) if err.is_conflict() => {
                self.save_conflict = Some((path, then, err.to_string()));
            }
            Err(SaveFailure::Save(err @ SaveError::Backup { .. })) => {
                self.backup_refused = Some((path, then, err.to_string()));
            }
            Err(err) => {
                self.error(format!("{err} Your changes are still here, unsaved."));
            }
        }
    }

    /// An import arrived: as a new, unsaved project, or as a merge plan the user confirms.
    pub(super) fn finish_import(
        &mut self,
        path: PathBuf,
        into_open: bool,
        result: Result<Box<crate::interchange::ImportResult>, crate::interchange::ImportError>,
    ) {
        let mut imported = match result {
            Ok(imported) => imported,
            Err(err) => {
                self.notice = Some(Notice {
                    text: err.to_string(),
                    is_error: true,
                });
                return;
            }
        };
        if into_open {
            for message in crate::interchange::merge::left_behind_by_merge(&imported.project) {
                let warning = crate::interchange::ImportWarning {
                    cell: None,
                    message,
                };
                imported.report.warnings.push(warning);
            }
        }
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported".into());
        let mut review = ImportReview {
            source: name,
            path,
            report: imported.report.to_text(),
            incomplete: imported.report.truncation_text(),
            problems: imported.report.warnings.len(),
            plan: None,
            new_project: None,
        };
        let imported = *imported;
        if into_open {
            review.plan = Some(imported.plan_merge(self.doc.project()));
        } else if review.problems > 0 || review.incomplete.is_some() {
            // It lost something, or is not the whole log: the user reads that first and
            // accepts before it replaces the open project.
            review.new_project = Some(Box::new(imported.project));
        } else {
            self.open_import(&review, imported.project);
        }
        self.import_review = Some(review);
    }

    /// An imported spreadsheet becomes the open, unsaved project.
    pub(super) fn open_import(&mut self, review: &ImportReview, project: Project) {
        let hazards = project.hazards.len();
        let name = format!("{} (imported)", review.source);
        self.replace_document(Document::unsaved(project), &name);
        self.notice = Some(Notice::info(format!(
            "Imported {hazards} hazards from {}: save to keep them.",
            review.path.display()
        )));
    }

    /// The user's answers to the safety questions (lock, conflict, recovery, backups).
    pub(super) fn answer_safety(&mut self, answer: ui::SafetyAnswer) {
        use ui::SafetyAnswer as A;
        match answer {
            A::OpenReadOnly | A::TakeOver | A::CancelOpen => {
                if let Some((path, _)) = self.lock_question.take() {
                    match answer {
                        A::OpenReadOnly => self.jobs.load(path, OpenMode::ReadOnly),
                        A::TakeOver => self.jobs.load(path, OpenMode::TakeOver),
                        _ => {}
                    }
                }
            }
            A::Overwrite | A::SaveElsewhere | A::CancelSave => {
                if let Some((path, then, _)) = self.save_conflict.take() {
                    match answer {
                        A::Overwrite => {
                            self.save_with(path, None, then, self.safety.backups.clone())
                        }
                        A::SaveElsewhere => self.save_as(then),
                        _ => {}
                    }
                }
                self.backup_refused = None;
            }
            A::SaveWithoutBackup => {
                if let Some((path, then, _)) = self.backup_refused.take() {
                    self.save_without_backup(path, then);
                }
            }
            A::Discard(index) => self.discard_asked = Some(index),
            A::KeepRecovered => self.discard_asked = None,
            A::Restore(index) | A::ConfirmDiscard(index) => {
                self.discard_asked = None;
                if index < self.recovery_offer.len() {
                    let entry = self.recovery_offer.remove(index);
                    match (answer, &self.safety.writer) {
                        (A::Restore(_), Some(writer)) => self.jobs.restore(writer.clone(), entry),
                        (_, Some(writer)) => {
                            self.jobs.discard_recovery(writer.store().clone(), entry)
                        }
                        _ => {}
                    }
                }
            }
            A::ListBackups => {
                if let Some(path) = self.doc.path() {
                    let configured = self.safety.backups.location.clone();
                    self.jobs.list_backups(path.to_path_buf(), configured);
                } else {
                    self.error("This project has not been saved yet, so it has no backups.".into());
                }
            }
            A::OpenBackup(index) => {
                if let Some(backup) = self
                    .backup_list
                    .take()
                    .and_then(|mut list| (index < list.len()).then(|| list.remove(index)))
                {
                    self.guard(Pending::OpenBackup(backup));
                }
            }
            A::CloseBackups => self.backup_list = None,
        }
    }
}

/// How many losses the export notice names before it counts the rest.
const LOSSES_NAMED: usize = 3;

/// The notice after a workbook export: where it went and, in the error colour, each field a
/// cell could not hold exactly as typed (the first few named, the rest counted).
fn workbook_notice(path: &std::path::Path, losses: &[crate::interchange::ExportLoss]) -> Notice {
    if losses.is_empty() {
        return Notice::info(format!("Saved {}", path.display()));
    }
    let named: Vec<String> = losses
        .iter()
        .take(LOSSES_NAMED)
        .map(ToString::to_string)
        .collect();
    let rest = losses.len().saturating_sub(LOSSES_NAMED);
    let more = if rest > 0 {
        format!("; and {rest} more")
    } else {
        String::new()
    };
    Notice::error(format!(
        "Saved {}, but {} field{} will not read back exactly as typed: {}{more}.",
        path.display(),
        losses.len(),
        if losses.len() == 1 { "" } else { "s" },
        named.join("; ")
    ))
}
