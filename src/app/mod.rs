//! The eframe application: owns the document, runs commands, and keeps file work off the frame.

pub mod commands;
pub mod jobs;
pub mod renderer;
pub mod safety;
pub mod settings;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Local, Utc};

pub use commands::Command;
pub use jobs::{
    AfterSave, FileDialogs, FileKind, JobResult, Jobs, NativeDialogs, OpenMode, SavePurpose,
};
pub use settings::Settings;

use crate::domain::{AttendanceStatus, EntryKind, MeetingKey, Project};
use crate::edit::{Document, meeting_ops, ops};
use crate::storage::lock::LockError;
use crate::storage::project_file;
use crate::storage::save::DiskStamp;
use crate::ui::presenter::PresenterState;
use crate::ui::{self, Action, MatrixExport, Pane, ViewState};
use egui::Rect;

/// The bundled example workshop, opened on first start.
pub const EXAMPLE_PROJECT: &str = include_str!("../../assets/example-workshop.hazlog");
pub const EXAMPLE_NAME: &str = "Example workshop";

/// A window screenshot taken to cut the risk matrix out of, with what it is for.
type MatrixShot = (MatrixExport, Rect, Arc<egui::ColorImage>);

/// A step that was asked for while there were unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    NewProject,
    /// Ask for a file to open.
    ChooseFileToOpen,
    Open(PathBuf),
    /// Open a backup to look at, as an unsaved document.
    OpenBackup(crate::storage::backup::Backup),
    /// Ask for a spreadsheet to import as a new project.
    ChooseSpreadsheetToImport,
    Quit,
}

/// What an import found, shown before (for a merge) or after (for a new project) it applies.
pub struct ImportReview {
    pub source: String,
    pub report: String,
    /// The changes a merge would make; `None` when the import became a new project.
    pub plan: Option<crate::interchange::MergePlan>,
}

/// A message shown in the status strip until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// How the app starts: what tests and the binary choose differently.
pub struct AppOptions {
    pub dialogs: Arc<dyn FileDialogs>,
    /// Open this file at start instead of the last one or the example.
    pub open_path: Option<PathBuf>,
    /// Where settings are read from and written to; `None` keeps them in memory only.
    pub settings_path: Option<PathBuf>,
    /// Where unsaved work is journalled; `None` turns recovery off.
    pub recovery_dir: Option<PathBuf>,
    /// Where the previous version of a file goes before it is overwritten.
    pub backups: crate::storage::backup::BackupPolicy,
    /// Journal once more and explain on a panic (the binary, not tests).
    pub install_panic_hook: bool,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            dialogs: Arc::new(NativeDialogs),
            open_path: None,
            settings_path: settings::default_path(),
            recovery_dir: crate::storage::recovery::RecoveryStore::default_dir(),
            backups: crate::storage::backup::BackupPolicy::default(),
            install_panic_hook: true,
        }
    }
}

pub struct HazardWorkshopApp {
    pub doc: Document,
    /// Shown in the title bar when the document has no file yet.
    untitled_name: String,
    pub view: ViewState,
    tree: egui_tiles::Tree<Pane>,
    pub settings: Settings,
    settings_path: Option<PathBuf>,
    /// The settings text last written, so unchanged settings are not written again.
    settings_written: String,
    jobs: Jobs,
    pub presenter: PresenterState,
    /// An import's report, and for a merge the changes waiting to be confirmed.
    pub import_review: Option<ImportReview>,
    /// The keyboard shortcut sheet is open.
    pub shortcuts_open: bool,
    /// What waits on the unsaved-changes question, if it is being asked.
    pub confirm: Option<Pending>,
    pub notice: Option<Notice>,
    /// Set once the user has agreed to quit, so the close request is let through.
    quitting: bool,
    close_sent: bool,
    /// A matrix picture asked for; the screenshot is requested at the end of the frame.
    matrix_export: Option<MatrixExport>,
    /// Screenshots arrive here from the renderer, with what they were taken for.
    screenshots: (
        std::sync::mpsc::Sender<MatrixShot>,
        std::sync::mpsc::Receiver<MatrixShot>,
    ),
    /// The window title last sent to the OS.
    shown_title: String,
    pub safety: safety::Safety,
    /// Work a crash left behind, offered for restoring.
    pub recovery_offer: Vec<crate::storage::recovery::RecoveryEntry>,
    /// A project that is open elsewhere: read-only, take over, or cancel?
    pub lock_question: Option<(PathBuf, String)>,
    /// The file changed on disk since it was opened: overwrite, save as, or cancel?
    pub save_conflict: Option<(PathBuf, AfterSave, String)>,
    /// The backups of the open project, listed to open one.
    pub backup_list: Option<Vec<crate::storage::backup::Backup>>,
}

impl HazardWorkshopApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> HazardWorkshopApp {
        ui::theme::install(&cc.egui_ctx);
        let file = options
            .settings_path
            .as_deref()
            .map(settings::SettingsFile::load)
            .unwrap_or_default();
        let settings_written = file.to_text();
        let settings = file.settings;
        let tree = file
            .layout
            .filter(ui::layout_is_complete)
            .unwrap_or_else(ui::default_layout);
        ui::theme::apply(&cc.egui_ctx, settings.theme);
        cc.egui_ctx.set_zoom_factor(settings.zoom);

        let mut app = HazardWorkshopApp {
            doc: Document::new(example_project(), None),
            untitled_name: EXAMPLE_NAME.to_owned(),
            view: ViewState::default(),
            tree,
            settings,
            settings_path: options.settings_path,
            settings_written,
            jobs: Jobs::new(options.dialogs),
            presenter: PresenterState::default(),
            import_review: None,
            shortcuts_open: false,
            confirm: None,
            notice: None,
            quitting: false,
            close_sent: false,
            matrix_export: None,
            screenshots: std::sync::mpsc::channel(),
            shown_title: String::new(),
            safety: safety::Safety::new(options.recovery_dir, options.backups),
            recovery_offer: Vec::new(),
            lock_question: None,
            save_conflict: None,
            backup_list: None,
        };
        app.jobs.set_context(&cc.egui_ctx);
        if let Some(writer) = &app.safety.writer {
            if options.install_panic_hook {
                app.safety.crash_paths = crate::storage::recovery::default_crash_log()
                    .map(|log| install_crash_handling(writer.clone(), log));
            }
            app.jobs.find_recovery(writer.store().clone());
        }
        let start_with = options
            .open_path
            .or_else(|| app.settings.last_open.clone().filter(|path| path.exists()));
        if let Some(path) = start_with {
            app.jobs.load(path, OpenMode::Normal);
        }
        app.view.select_first(app.doc.project());
        app
    }

    /// The document's name: its file name, or what it is called until saved.
    pub fn display_name(&self) -> String {
        self.doc
            .path()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.untitled_name.clone())
    }

    /// The window title: file name, unsaved marker, app name.
    pub fn title(&self) -> String {
        let name = self.display_name();
        let marker = if self.doc.is_dirty() { "● " } else { "" };
        let read_only = if self.safety.read_only {
            " (read-only)"
        } else {
            ""
        };
        format!("{marker}{name}{read_only} — Hazard Workshop")
    }

    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy()
    }

    /// Runs one user action. The only place, with [`Self::run_command`], that changes state.
    pub fn handle(&mut self, action: Action) {
        match action {
            Action::Command(command) => self.run_command(command),
            Action::SetTheme(theme) => self.set_theme(None, theme),
            Action::Edit(edit) => {
                if self.safety.read_only {
                    self.notice = Some(Notice {
                        text: "This hazard log is open read-only: Save as to work on a copy."
                            .into(),
                        is_error: true,
                    });
                } else {
                    self.doc.apply(edit);
                }
            }
            Action::SealEdit => self.doc.seal(),
            Action::Select(key) => self.view.selected = key,
            Action::OpenRecent(path) => self.guard(Pending::Open(path)),
            Action::CaptureHazard(name) => self.capture_hazard(&name),
            Action::Confirm(answer) => self.answer_confirm(answer),
            Action::DismissNotice => self.notice = None,
            Action::AnswerImport(apply) => self.answer_import(apply),
            Action::Safety(answer) => self.answer_safety(answer),
            Action::ExportMatrix(export) => self.matrix_export = Some(export),
            Action::NewMeeting => {
                let today = Local::now().date_naive();
                let title = format!("Workshop {}", today.format("%d %b %Y"));
                let (edit, key) = meeting_ops::add_meeting(self.doc.project(), &title, today);
                self.doc.apply(edit);
                self.view.minutes.meeting = Some(key);
            }
            Action::StartMeeting(key) => {
                let now = Local::now();
                let edit = meeting_ops::start_meeting(
                    self.doc.project(),
                    key,
                    now.time(),
                    now.date_naive(),
                );
                self.doc.apply(edit);
                self.view.minutes.meeting = Some(key);
                self.view.minutes.focus_capture = true;
            }
            Action::EndMeeting(key) => {
                let edit = meeting_ops::end_meeting(self.doc.project(), key, Local::now().time());
                self.doc.apply(edit);
            }
            Action::AddAttendee { meeting, name } => self.add_attendee(meeting, &name),
            Action::AddEntry {
                meeting,
                kind,
                text,
                as_hazard,
            } => self.add_entry(meeting, kind, &text, as_hazard),
            Action::ExportMinutes { meeting, kind } => {
                let Some(m) = self.doc.project().meeting(meeting) else {
                    return;
                };
                let name = format!(
                    "{}.{}",
                    crate::interchange::minutes::suggested_file_stem(m),
                    kind.extension()
                );
                let project = self.doc.snapshot();
                self.jobs.pick_save(
                    kind,
                    "Export the minutes",
                    name,
                    SavePurpose::Minutes {
                        project,
                        meeting,
                        kind,
                    },
                );
            }
            Action::EntryToHazard { meeting, entry } => {
                if let Some((edit, key)) =
                    meeting_ops::entry_to_hazard(self.doc.project(), meeting, entry, Utc::now())
                {
                    self.doc.apply(edit);
                    self.view.selected = Some(key);
                }
            }
        }
    }

    pub fn run_command(&mut self, command: Command) {
        self.run_command_in(None, command);
    }

    /// Runs a command; `ctx` is needed by the commands that change the look (theme, zoom).
    pub fn run_command_in(&mut self, ctx: Option<&egui::Context>, command: Command) {
        match command {
            Command::NewProject => self.guard(Pending::NewProject),
            Command::OpenProject => self.guard(Pending::ChooseFileToOpen),
            Command::SaveProject => self.save(AfterSave::Nothing),
            Command::SaveProjectAs => self.save_as(AfterSave::Nothing),
            Command::Quit => self.guard(Pending::Quit),
            Command::Undo => {
                self.doc.undo();
                self.view.keep_selection_valid(self.doc.project());
            }
            Command::Redo | Command::RedoAlternative => {
                self.doc.redo();
                self.view.keep_selection_valid(self.doc.project());
            }
            Command::CaptureHazard => self.view.focus_capture = true,
            Command::FindHazard => self.view.list.focus_search = true,
            Command::DuplicateHazard => {
                if let Some(key) = self.view.selected
                    && let Some((edit, new_key)) =
                        ops::duplicate_hazard(self.doc.project(), key, Utc::now())
                {
                    self.doc.apply(edit);
                    self.view.selected = Some(new_key);
                }
            }
            Command::TogglePresenter => self.presenter.open = !self.presenter.open,
            Command::FreezePresenter => {
                self.presenter.frozen = match self.presenter.frozen {
                    Some(_) => None,
                    None => Some(self.view.selected),
                };
            }
            Command::ZoomIn | Command::ZoomInAlternative => self.zoom(ctx, 1),
            Command::ZoomOut => self.zoom(ctx, -1),
            Command::ZoomReset => self.zoom(ctx, 0),
            Command::CycleTheme => self.set_theme(ctx, self.settings.theme.next()),
            Command::ShowShortcuts => self.shortcuts_open = !self.shortcuts_open,
            Command::ExportWorkbook | Command::ExportWorkbookWithWithdrawn => {
                let include_withdrawn = command == Command::ExportWorkbookWithWithdrawn;
                let name = format!("{}.xlsx", self.suggested_file_stem());
                let project = self.doc.snapshot();
                self.jobs.pick_save(
                    FileKind::Spreadsheet,
                    "Export the NHS hazard log",
                    name,
                    SavePurpose::Workbook {
                        project,
                        include_withdrawn,
                    },
                );
            }
            Command::ImportAsNewProject => self.guard(Pending::ChooseSpreadsheetToImport),
            Command::ImportIntoProject => self.jobs.pick_import(true),
        }
    }

    fn zoom(&mut self, ctx: Option<&egui::Context>, direction: i8) {
        self.settings.zoom = settings::zoom_step(self.settings.zoom, direction);
        if let Some(ctx) = ctx {
            ctx.set_zoom_factor(self.settings.zoom);
        }
        self.persist_settings(false);
    }

    pub fn set_theme(&mut self, ctx: Option<&egui::Context>, theme: settings::ThemeChoice) {
        self.settings.theme = theme;
        if let Some(ctx) = ctx {
            ui::theme::apply(ctx, theme);
        }
        self.persist_settings(false);
    }

    /// Writes the settings file if anything in it changed: off the UI thread, unless the app
    /// is exiting (then a thread could be cut off mid-write).
    pub fn persist_settings(&mut self, blocking: bool) {
        let Some(path) = self.settings_path.clone() else {
            return;
        };
        let text = settings::SettingsFile {
            settings: self.settings.clone(),
            layout: Some(self.tree.clone()),
        }
        .to_text();
        if text == self.settings_written {
            return;
        }
        self.settings_written = text.clone();
        if blocking {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            if let Err(err) = project_file::write_atomically(&path, text.as_bytes()) {
                log::warn!("could not save settings to {}: {err}", path.display());
            }
        } else {
            self.jobs.write_settings(text, path);
        }
    }

    pub fn command_enabled(&self, command: Command) -> bool {
        match command {
            Command::Undo => self.doc.can_undo(),
            Command::Redo | Command::RedoAlternative => self.doc.can_redo(),
            Command::DuplicateHazard => self.view.selected.is_some(),
            Command::SaveProject | Command::SaveProjectAs => !self.jobs.is_busy(),
            _ => true,
        }
    }

    /// Marks a person present: someone already in the directory (same name, any case), or a
    /// new person added to it, in one undo step.
    fn add_attendee(&mut self, meeting: MeetingKey, name: &str) {
        let existing = self
            .doc
            .project()
            .people
            .iter()
            .find(|p| p.name.trim().eq_ignore_ascii_case(name.trim()))
            .map(|p| p.key);
        let person = match existing {
            Some(key) => {
                let edit = meeting_ops::set_attendance(
                    self.doc.project(),
                    meeting,
                    key,
                    AttendanceStatus::Present,
                );
                self.doc.apply(edit);
                return;
            }
            None => {
                let (edit, key) = meeting_ops::add_person(self.doc.project(), name, "", "");
                self.doc.apply(edit);
                key
            }
        };
        let edit = meeting_ops::set_attendance(
            self.doc.project(),
            meeting,
            person,
            AttendanceStatus::Present,
        );
        self.doc.apply_joined(edit);
    }

    /// Adds a minute entry, stamped with the time if its meeting is running; with `as_hazard`
    /// it is raised as a hazard in the same undo step.
    fn add_entry(&mut self, meeting: MeetingKey, kind: EntryKind, text: &str, as_hazard: bool) {
        let running = self.doc.project().current_meeting == Some(meeting);
        let time = running.then(|| Local::now().time());
        let edit = meeting_ops::add_entry(self.doc.project(), meeting, kind, text, time);
        self.doc.apply(edit);
        if as_hazard {
            let entry = self
                .doc
                .project()
                .meeting(meeting)
                .and_then(|m| m.entries.last())
                .map(|e| e.key);
            if let Some(entry) = entry
                && let Some((edit, key)) =
                    meeting_ops::entry_to_hazard(self.doc.project(), meeting, entry, Utc::now())
            {
                self.doc.apply_joined(edit);
                self.view.selected = Some(key);
            }
        }
    }

    fn capture_hazard(&mut self, name: &str) {
        if name.trim().is_empty() {
            return;
        }
        let (edit, key) = ops::capture_hazard(self.doc.project(), name, Utc::now());
        self.doc.apply(edit);
        self.view.selected = Some(key);
    }

    /// Runs `step` now, or first asks what to do with unsaved changes.
    fn guard(&mut self, step: Pending) {
        if self.doc.is_dirty() {
            self.confirm = Some(step);
        } else {
            self.proceed(step);
        }
    }

    fn answer_confirm(&mut self, answer: ui::ConfirmAnswer) {
        let Some(step) = self.confirm.take() else {
            return;
        };
        match answer {
            ui::ConfirmAnswer::Save => self.save(AfterSave::Continue(step)),
            ui::ConfirmAnswer::Discard => {
                // Knowingly discarded: nothing to offer for recovery next time.
                self.safety.forget_journal();
                self.proceed(step);
            }
            ui::ConfirmAnswer::Cancel => {}
        }
    }

    /// Carries out a step once unsaved changes are saved or knowingly discarded.
    fn proceed(&mut self, step: Pending) {
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

    fn replace_document(&mut self, doc: Document, untitled_name: &str) {
        self.safety.switch_to(doc.path());
        self.safety.stamp = None;
        self.safety.lock = None;
        self.safety.read_only = false;
        self.doc = doc;
        self.untitled_name = untitled_name.to_owned();
        self.view = ViewState::default();
        self.view.select_first(self.doc.project());
        self.settings.last_open = self.doc.path().map(Path::to_path_buf);
    }

    fn save(&mut self, then: AfterSave) {
        match self.doc.path().filter(|_| !self.safety.read_only) {
            Some(path) => {
                let path = path.to_path_buf();
                self.start_save(path, then);
            }
            None => self.save_as(then),
        }
    }

    fn save_as(&mut self, then: AfterSave) {
        let suggested = format!("{}.{}", self.suggested_file_stem(), project_file::EXTENSION);
        self.jobs.pick_save(
            FileKind::Project,
            "Save hazard log as",
            suggested,
            SavePurpose::Project(then),
        );
    }

    fn suggested_file_stem(&self) -> String {
        let meta = &self.doc.project().metadata;
        let stem = if meta.system_name.trim().is_empty() {
            "Hazard log".to_owned()
        } else {
            format!("{} hazard log", meta.system_name.trim())
        };
        stem.replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "-")
    }

    /// Saves to `path`; over the open file only if it is as we last saw it.
    fn start_save(&mut self, path: PathBuf, then: AfterSave) {
        let expected = if self.doc.path() == Some(path.as_path()) {
            self.safety.stamp.clone()
        } else {
            None
        };
        self.save_with(path, expected, then);
    }

    fn save_with(&mut self, path: PathBuf, expected: Option<DiskStamp>, then: AfterSave) {
        // A shared snapshot: the user keeps typing while it is written.
        let snapshot = self.doc.snapshot();
        let policy = self.safety.backups.clone();
        self.jobs
            .save(snapshot, path, expected, policy, self.doc.state_id(), then);
    }

    /// Applies the results of background work.
    fn finish_jobs(&mut self) {
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
                } => self.finish_save(path, state_id, result, then),
                JobResult::PendingRecovery(entries) => self.recovery_offer = entries,
                JobResult::LockRefreshed(lock, result) => match result {
                    // Only if the document it belongs to is still open.
                    Ok(())
                        if self
                            .doc
                            .path()
                            .map(crate::storage::lock::lock_path)
                            .as_deref()
                            == Some(lock.lock_path()) =>
                    {
                        self.safety.lock = Some(*lock);
                    }
                    Ok(()) => {}
                    Err(err) => self.error(err.to_string()),
                },
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
                JobResult::PickedSave(
                    Some(path),
                    SavePurpose::Workbook {
                        project,
                        include_withdrawn,
                    },
                ) => self.jobs.write_workbook(project, include_withdrawn, path),
                JobResult::PickedImport {
                    path: Some(path),
                    into_open,
                } => {
                    let matrix = self.doc.project().matrix.clone();
                    self.jobs.import(path, matrix, into_open);
                }
                JobResult::PickedImport { path: None, .. } => {}
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
            }
        }
    }

    fn error(&mut self, text: String) {
        self.notice = Some(Notice {
            text,
            is_error: true,
        });
    }

    fn finish_open(
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
        self.replace_document(Document::new(opened.project, Some(path)), "");
        self.safety.stamp = Some(opened.stamp);
        self.safety.lock = lock;
        self.safety.lock_refreshed = Some(std::time::Instant::now());
        self.safety.read_only = read_only;
        self.notice = read_only.then(|| Notice {
            text: "Opened read-only: someone else has this hazard log open. Save as to keep changes under a new name.".into(),
            is_error: false,
        });
    }

    fn finish_save(
        &mut self,
        path: PathBuf,
        state_id: u64,
        result: Result<DiskStamp, crate::storage::save::SaveError>,
        then: AfterSave,
    ) {
        match result {
            Ok(stamp) => {
                let new_file = self.doc.path() != Some(path.as_path());
                if new_file {
                    // Saved under a new name: its journal, lock and stamp are the new file's.
                    self.safety.switch_to(Some(&path));
                    self.safety.lock = crate::storage::lock::ProjectLock::acquire(&path).ok();
                    self.safety.read_only = false;
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
            Err(err) if err.is_conflict() => {
                self.save_conflict = Some((path, then, err.to_string()));
            }
            Err(err) => {
                self.error(format!("{err} Your changes are still here, unsaved."));
            }
        }
    }

    /// The user's answers to the safety questions (lock, conflict, recovery, backups).
    fn answer_safety(&mut self, answer: ui::SafetyAnswer) {
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
                        A::Overwrite => self.save_with(path, None, then),
                        A::SaveElsewhere => self.save_as(then),
                        _ => {}
                    }
                }
            }
            A::Restore(index) | A::Discard(index) => {
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

    /// An import arrived: as a new, unsaved project, or as a merge plan the user confirms.
    fn finish_import(
        &mut self,
        path: PathBuf,
        into_open: bool,
        result: Result<Box<crate::interchange::ImportResult>, crate::interchange::ImportError>,
    ) {
        let imported = match result {
            Ok(imported) => imported,
            Err(err) => {
                self.notice = Some(Notice {
                    text: err.to_string(),
                    is_error: true,
                });
                return;
            }
        };
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported".into());
        let report = imported.report.to_text();
        if into_open {
            let plan = imported.plan_merge(self.doc.project());
            self.import_review = Some(ImportReview {
                source: name,
                report,
                plan: Some(plan),
            });
        } else {
            let hazards = imported.project.hazards.len();
            self.replace_document(
                Document::unsaved(imported.project),
                &format!("{name} (imported)"),
            );
            self.notice = Some(Notice {
                text: format!(
                    "Imported {hazards} hazards from {}: save to keep them.",
                    path.display()
                ),
                is_error: false,
            });
            self.import_review = Some(ImportReview {
                source: name,
                report,
                plan: None,
            });
        }
    }

    /// The user's answer to the import review: apply the merge (one undoable step) or not.
    fn answer_import(&mut self, apply: bool) {
        let Some(review) = self.import_review.take() else {
            return;
        };
        if apply && let Some(plan) = review.plan {
            let edit = plan.into_edit(self.doc.project(), Utc::now());
            self.doc.apply(edit);
        }
    }

    /// Closing the window with unsaved changes asks first.
    fn guard_close(&mut self, ctx: &egui::Context) {
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

    /// Asks the renderer for a picture of the window; the matrix is cut out of it when it
    /// arrives (the renderer is the only thing that knows what the matrix looks like in pixels).
    fn request_matrix_screenshot(&mut self, ctx: &egui::Context) {
        let (Some(export), Some(rect)) = (self.matrix_export.take(), self.view.matrix_rect) else {
            return;
        };
        let sender = self.screenshots.0.clone();
        let waker = ctx.clone();
        ctx.request_screenshot(move |image| {
            // The receiver lives as long as the app.
            let _ = sender.send((export, rect, image));
            waker.request_repaint();
        });
    }

    fn finish_screenshots(&mut self, ctx: &egui::Context) {
        while let Ok((export, rect, screenshot)) = self.screenshots.1.try_recv() {
            let Some(image) = crop_to_points(&screenshot, rect, ctx.pixels_per_point()) else {
                self.notice = Some(Notice {
                    text: "The risk matrix is not on screen: show its pane, then try again.".into(),
                    is_error: true,
                });
                continue;
            };
            let image = Arc::new(image);
            match export {
                MatrixExport::CopyImage => {
                    ctx.copy_image((*image).clone());
                    self.notice = Some(Notice {
                        text: "Risk matrix copied: paste it into your report.".into(),
                        is_error: false,
                    });
                }
                MatrixExport::SavePng => self.jobs.pick_save(
                    FileKind::Png,
                    "Save risk matrix as PNG",
                    format!("{} risk matrix.png", self.suggested_file_stem()),
                    SavePurpose::MatrixImage(image),
                ),
            }
        }
    }

    /// The projector window: a second native window (embedded as a window where the platform
    /// has only one). It follows the selection unless frozen, and has its own zoom.
    fn presenter_window(&mut self, ctx: &egui::Context) {
        let saved = &self.settings.presenter;
        let mut builder = egui::ViewportBuilder::default()
            .with_title("Hazard Workshop — presenter")
            .with_inner_size(saved.size.unwrap_or([1024.0, 768.0]))
            .with_fullscreen(saved.fullscreen);
        if let Some(position) = saved.position {
            builder = builder.with_position(position);
        }
        let id = egui::ViewportId::from_hash_of("hazard-workshop-presenter");
        let project = self.doc.project();
        let hazard = self
            .presenter
            .hazard(self.view.selected)
            .and_then(|key| project.hazard(key));
        let frozen = self.presenter.frozen.is_some();
        let main_zoom = self.settings.zoom;
        let presenter = &mut self.settings.presenter;
        let (asked, close) = ctx.show_viewport_immediate(id, builder, |ui, _class| {
            let ctx = ui.ctx().clone();
            // The presenter's own zoom and keys, from its own input.
            let (zoom, close_key, full_key) = ctx.input_mut(|i| {
                use egui::{Key, KeyboardShortcut, Modifiers};
                let c = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
                let zoom =
                    if i.consume_shortcut(&c(Key::Plus)) || i.consume_shortcut(&c(Key::Equals)) {
                        Some(1)
                    } else if i.consume_shortcut(&c(Key::Minus)) {
                        Some(-1)
                    } else if i.consume_shortcut(&c(Key::Num0)) {
                        Some(0)
                    } else {
                        None
                    };
                (zoom, i.key_pressed(Key::F5), i.key_pressed(Key::F11))
            });
            if let Some(direction) = zoom {
                presenter.zoom = settings::zoom_step(presenter.zoom, direction);
            }
            ui.style_mut().text_styles = ui::theme::text_styles(presenter.zoom / main_zoom);
            let mut asked =
                ui::presenter::presenter_ui(ui, project, hazard, presenter.shows, frozen);
            if full_key {
                asked.push(ui::presenter::PresenterAction::ToggleFullscreen);
            }
            ctx.input(|i| {
                let viewport = i.viewport();
                if let Some(rect) = viewport.outer_rect {
                    presenter.position = Some([rect.min.x, rect.min.y]);
                }
                if let Some(rect) = viewport.inner_rect {
                    presenter.size = Some([rect.width(), rect.height()]);
                }
            });
            let close = close_key || ctx.input(|i| i.viewport().close_requested());
            (asked, close)
        });
        for action in asked {
            match action {
                ui::presenter::PresenterAction::ToggleFreeze => {
                    self.run_command_in(Some(ctx), Command::FreezePresenter)
                }
                ui::presenter::PresenterAction::Show(shows) => {
                    self.settings.presenter.shows = shows
                }
                ui::presenter::PresenterAction::ToggleFullscreen => {
                    let full = !self.settings.presenter.fullscreen;
                    self.settings.presenter.fullscreen = full;
                    ctx.send_viewport_cmd_to(id, egui::ViewportCommand::Fullscreen(full));
                }
            }
        }
        if close {
            self.presenter.open = false;
            self.persist_settings(false);
        }
    }

    pub fn is_quitting(&self) -> bool {
        self.quitting
    }
}

/// Cuts the part of a window screenshot under `rect` (in points) out of it; `None` when the
/// rect is off the picture.
pub fn crop_to_points(
    screenshot: &egui::ColorImage,
    rect: Rect,
    pixels_per_point: f32,
) -> Option<egui::ColorImage> {
    let [width, height] = screenshot.size;
    let whole = Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(width as f32, height as f32) / pixels_per_point,
    );
    let rect = rect.intersect(whole);
    rect.is_positive()
        .then(|| screenshot.region(&rect, Some(pixels_per_point)))
}

fn example_project() -> Project {
    project_file::from_text(EXAMPLE_PROJECT, Path::new("assets/example-workshop.hazlog"))
        .expect("the bundled example is a valid project (a test checks it)")
}

impl eframe::App for HazardWorkshopApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.jobs.set_context(ctx);
        ui::theme::keep(ctx, self.settings.theme);
        self.finish_jobs();
        let name = self.display_name();
        if let Some(wait) = self.safety.tick(&self.doc, &name) {
            ctx.request_repaint_after(wait);
        }
        if let Some(lock) = self.safety.lock_to_refresh(std::time::Instant::now()) {
            self.jobs.refresh_lock(lock);
        }
        if self.safety.lock.is_some() {
            // Wake up to refresh the lock even when nobody touches the app.
            ctx.request_repaint_after(crate::storage::lock::REFRESH_EVERY);
        }
        self.finish_screenshots(ctx);
        self.guard_close(ctx);
        // Only on change: a viewport command requests a repaint, and an idle app must not spin.
        let title = self.title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        for command in Command::pressed(&ctx) {
            if self.command_enabled(command) {
                self.run_command_in(Some(&ctx), command);
            }
        }
        let mut actions: Vec<Action> = Vec::new();
        let enabled: Vec<Command> = Command::ALL
            .into_iter()
            .filter(|c| self.command_enabled(*c))
            .collect();
        let shell = ui::Shell {
            doc: &self.doc,
            settings: &self.settings,
            presenter_open: self.presenter.open,
            presenter_frozen: self.presenter.frozen.is_some(),
            read_only: self.safety.read_only,
            confirm: self.confirm.as_ref(),
            notice: self.notice.as_ref(),
            busy: self.jobs.is_busy(),
            enabled: &enabled,
            title: self.title(),
        };
        ui::root_ui(ui, &shell, &mut self.view, &mut self.tree, &mut actions);
        if self.shortcuts_open {
            self.shortcuts_open = ui::shortcut_sheet_ui(&ctx);
        }
        if let Some(review) = &self.import_review {
            ui::import_review_ui(&ctx, review, &mut actions);
        }
        ui::safety_dialogs_ui(
            &ctx,
            ui::safety_dialogs::Questions {
                recovery: &self.recovery_offer,
                lock: self.lock_question.as_ref().map(|(_, why)| why.as_str()),
                conflict: self.save_conflict.as_ref().map(|(_, _, why)| why.as_str()),
                backups: self.backup_list.as_deref(),
            },
            &mut actions,
        );
        for action in actions {
            match action {
                Action::Command(command) => self.run_command_in(Some(&ctx), command),
                Action::SetTheme(theme) => self.set_theme(Some(&ctx), theme),
                other => self.handle(other),
            }
        }
        if self.presenter.open {
            self.presenter_window(&ctx);
        }
        self.request_matrix_screenshot(&ctx);
    }

    /// eframe calls this every 30 seconds and on exit.
    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.persist_settings(false);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.persist_settings(true);
        self.safety.flush();
    }
}

/// On a panic: journal the unsaved work one last time and write the crash log (storage's hook),
/// then tell the user where both are, instead of vanishing.
fn install_crash_handling(
    writer: crate::storage::recovery::RecoveryWriter,
    log: PathBuf,
) -> crate::storage::recovery::CrashPaths {
    let (log_shown, dir_shown) = (
        log.display().to_string(),
        writer.store().dir().display().to_string(),
    );
    let message = format!(
        "Hazard Workshop stopped because of an internal error.\n\nYour unsaved work was saved for \
         recovery in {dir_shown}: start Hazard Workshop again and it will offer to restore it.\n\n\
         Details of the error are in {log_shown}."
    );
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        eprintln!("{message}");
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Hazard Workshop stopped")
            .set_description(message.clone())
            .show();
    }));
    // Storage's hook runs first (it chains to the one above): the journal is safe before the
    // dialog waits for the user.
    crate::storage::recovery::install_panic_hook(writer, log)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_in_pixels_and_clamps_to_the_picture() {
        let mut shot = egui::ColorImage::filled([200, 100], egui::Color32::WHITE);
        shot.pixels[200 * 30 + 40] = egui::Color32::BLUE; // (40, 30) in pixels
        let rect = Rect::from_min_max(egui::pos2(20.0, 15.0), egui::pos2(60.0, 40.0));
        let image = crop_to_points(&shot, rect, 2.0).unwrap();
        assert_eq!(image.size, [80, 50]);
        assert_eq!(
            image.pixels[0],
            egui::Color32::BLUE,
            "(40, 30) px is the crop's origin"
        );
        let past_edge = Rect::from_min_max(egui::pos2(90.0, 40.0), egui::pos2(300.0, 300.0));
        assert_eq!(
            crop_to_points(&shot, past_edge, 2.0).unwrap().size,
            [20, 20]
        );
        let off = Rect::from_min_max(egui::pos2(500.0, 500.0), egui::pos2(600.0, 600.0));
        assert!(crop_to_points(&shot, off, 2.0).is_none());
    }
}
