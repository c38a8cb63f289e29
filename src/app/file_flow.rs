//! The file flow: the unsaved-changes guard, new/open/save/save-as, and replacing the open
//! document with another.

use std::path::{Path, PathBuf};

use super::{AfterSave, FileKind, HazardWorkshopApp, Notice, OpenMode, Pending, SavePurpose};
use crate::domain::Project;
use crate::edit::Document;
use crate::storage::backup::BackupPolicy;
use crate::storage::project_file;
use crate::storage::save::DiskStamp;
use crate::ui::{self, ViewState};

impl HazardWorkshopApp {
    /// Runs `step` now, or first asks what to do with unsaved changes.
    pub(super) fn guard(&mut self, step: Pending) {
        if self.doc.is_dirty() {
            self.confirm = Some(step);
        } else {
            self.proceed(step);
        }
    }

    pub(super) fn answer_confirm(&mut self, answer: ui::ConfirmAnswer) {
        let Some(step) = self.confirm.take() else {
            return;
        };
        match answer {
            ui::ConfirmAnswer::Save => self.save(AfterSave::Continue(step)),
            ui::ConfirmAnswer::Discard => {
                // Knowingly discarded: nothing to offer for recovery next time. Quitting keeps
                // the discarded document open for a few frames: it must not be journalled again.
                if step == Pending::Quit {
                    self.safety.stop_journal();
                } else {
                    self.safety.forget_journal();
                }
                self.proceed(step);
            }
            ui::ConfirmAnswer::Cancel => {}
        }
    }

    /// Carries out a step once unsaved changes are saved or knowingly discarded.
    pub(super) fn proceed(&mut self, step: Pending) {
        match step {
            Pending::NewProject => {
                self.replace_document(Document::new(Project::default(), None), "Untitled");
            }
            Pending::ChooseFileToOpen => self.jobs.pick_open(),
            Pending::Open(path) => self.jobs.load(path, OpenMode::Normal),
            Pending::ChooseSpreadsheetToImport => self.jobs.pick_import(false),
            Pending::OpenBackup(backup) => self.jobs.open_backup(backup),
            Pending::Quit => self.quitting = true,
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document, untitled_name: &str) {
        self.safety.switch_to(doc.path());
        self.safety.stamp = None;
        self.safety.lock = None;
        self.doc = doc;
        self.checks.forget();
        self.versions.return_to = None;
        self.doc.set_user_name(self.settings.user_name.as_deref());
        self.untitled_name = untitled_name.to_owned();
        self.view = ViewState::default();
        self.view.select_first(self.doc.project());
        self.settings.last_open = self.doc.path().map(Path::to_path_buf);
    }

    pub(super) fn save(&mut self, then: AfterSave) {
        match self.doc.path().filter(|_| self.doc.read_only().is_none()) {
            Some(path) => {
                let path = path.to_path_buf();
                self.start_save(path, then);
            }
            None => self.save_as(then),
        }
    }

    pub(super) fn save_as(&mut self, then: AfterSave) {
        let suggested = format!("{}.{}", self.suggested_file_stem(), project_file::EXTENSION);
        self.jobs.pick_save(
            FileKind::Project,
            "Save hazard log as",
            suggested,
            SavePurpose::Project(then),
        );
    }

    pub(super) fn suggested_file_stem(&self) -> String {
        let meta = &self.doc.project().metadata;
        let stem = if meta.system_name.trim().is_empty() {
            "Hazard log".to_owned()
        } else {
            format!("{} hazard log", meta.system_name.trim())
        };
        stem.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "-")
    }

    /// Saves to `path`; over the open file only if it is as we last saw it.
    pub(super) fn start_save(&mut self, path: PathBuf, then: AfterSave) {
        let expected = self.expected_on_disk(&path);
        self.save_with(path, expected, then, self.safety.backups.clone());
    }

    /// Saves again after the user chose to go on without backing up the previous version.
    pub(super) fn save_without_backup(&mut self, path: PathBuf, then: AfterSave) {
        let expected = self.expected_on_disk(&path);
        let policy = BackupPolicy {
            required: false,
            ..self.safety.backups.clone()
        };
        self.save_with(path, expected, then, policy);
    }

    /// The open file as we last saw it, when saving over it.
    fn expected_on_disk(&self, path: &Path) -> Option<DiskStamp> {
        (self.doc.path() == Some(path))
            .then(|| self.safety.stamp.clone())
            .flatten()
    }

    pub(super) fn save_with(
        &mut self,
        path: PathBuf,
        expected: Option<DiskStamp>,
        then: AfterSave,
        policy: BackupPolicy,
    ) {
        // A new home for the document (Save as, or a read-only copy saved anywhere) must be
        // locked first; the open file's lock is already held.
        let new_home = self.doc.path() != Some(path.as_path()) || self.doc.read_only().is_some();
        // A shared snapshot: the user keeps typing while it is written.
        let snapshot = self.doc.snapshot();
        let state = self.doc.state_id();
        self.jobs
            .save(snapshot, path, expected, policy, state, then, new_home);
    }

    /// Closing the window with unsaved changes asks first.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if self.quitting {
            if !self.jobs.is_busy() && !self.close_sent {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                self.close_sent = true;
            }
            return;
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            if self.doc.is_dirty() || self.jobs.is_busy() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                if self.doc.is_dirty() {
                    self.confirm = Some(Pending::Quit);
                }
            } else {
                self.quitting = true;
            }
        }
    }

    pub(super) fn error(&mut self, text: String) {
        self.notice = Some(Notice {
            text,
            is_error: true,
        });
    }
}
