//! The eframe application: owns the document, the views' state and the safety net, and runs each
//! frame; what it does is split by seam into `dispatch` (actions and commands), `file_flow` and
//! `job_results` (files), `presenter`, `matrix_picture` and `crash`.

mod action_packs;
mod agenda;
mod checks;
mod crash;
mod dispatch;
mod documents;
mod file_flow;
mod job_results;
pub mod jobs;
mod matrix_picture;
mod merging;
pub mod path_request;
mod presenter;
pub mod renderer;
pub mod safety;
pub mod settings;
mod supplier;
mod versions;

use matrix_picture::MatrixShot;
pub use matrix_picture::crop_to_points;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::shell::commands::Window;
pub use crate::shell::{Command, FileKind, ImportReview, Notice, Pending};
pub use jobs::{AfterSave, FileDialogs, JobResult, Jobs, NativeDialogs, OpenMode, SavePurpose};
pub use settings::Settings;

use crate::domain::Project;
use crate::edit::Document;
use crate::storage::project_file;
use crate::ui::presenter::PresenterState;
use crate::ui::{self, Action, MatrixExport, Pane, ViewState};

/// The bundled example workshop, opened on first start.
pub const EXAMPLE_PROJECT: &str = include_str!("../../assets/example-workshop.hazlog");
pub const EXAMPLE_NAME: &str = "Example workshop";

/// Why a project opened read-only refuses changes.
pub const READ_ONLY_REASON: &str = "This hazard log is open elsewhere, so it is read-only here: \
     nothing was changed. Use Save as to work on a copy.";

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
    /// Whether the presenter, since it was last opened, has been checked to be on a screen.
    presenter_placed: bool,
    pub safety: safety::Safety,
    /// Work a crash left behind, offered for restoring.
    pub recovery_offer: Vec<crate::storage::recovery::RecoveryEntry>,
    /// Which of those the user asked to discard, while asking "for good?".
    pub discard_asked: Option<usize>,
    /// A project that is open elsewhere: read-only, take over, or cancel?
    pub lock_question: Option<(PathBuf, String)>,
    /// The file changed on disk since it was opened: overwrite, save as, or cancel?
    pub save_conflict: Option<(PathBuf, AfterSave, String)>,
    /// The backups of the open project, listed to open one.
    pub backup_list: Option<Vec<crate::storage::backup::Backup>>,
    /// Saving was refused because the previous version could not be backed up: save without
    /// a backup, or cancel?
    pub backup_refused: Option<(PathBuf, AfterSave, String)>,
    /// The Issue version dialog, the Versions window and the diff view.
    pub versions: versions::VersionsUi,
    /// Document details and the safety case report and handover pack dialogs.
    pub documents: documents::DocumentsUi,
    /// The supplier's log window (inherit, or take in their next version), while open.
    pub supplier: Option<crate::ui::supplier_dialog::SupplierWindow>,
    /// Send actions to owners, and a returned pack under review.
    pub action_packs: action_packs::ActionPacksUi,
    /// Merging another copy, and the merge conflicts window.
    pub merging: merging::MergingUi,
    /// The ready-to-issue problems, kept up to date on a job thread.
    checks: checks::ChecksRunner,
    /// The name typed in the "Your name in the history" window, while it is open.
    pub user_name_draft: Option<String>,
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
            presenter_placed: false,
            safety: safety::Safety::new(options.recovery_dir, options.backups),
            recovery_offer: Vec::new(),
            discard_asked: None,
            lock_question: None,
            save_conflict: None,
            backup_list: None,
            backup_refused: None,
            versions: versions::VersionsUi::default(),
            documents: documents::DocumentsUi::default(),
            supplier: None,
            action_packs: action_packs::ActionPacksUi::default(),
            merging: merging::MergingUi::default(),
            checks: checks::ChecksRunner::default(),
            user_name_draft: None,
        };
        app.doc.set_user_name(app.settings.user_name.as_deref());
        app.jobs.set_context(&cc.egui_ctx);
        app.checks.set_context(&cc.egui_ctx);
        if let Some(writer) = &app.safety.writer {
            if options.install_panic_hook
                && let Some(log) = crate::storage::recovery::default_crash_log()
            {
                crash::install_crash_handling(writer.clone(), log);
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
        let read_only = if self.doc.read_only().is_some() {
            " (read-only)"
        } else {
            ""
        };
        format!("{marker}{name}{read_only} — Hazard Workshop")
    }

    /// Background work is under way: file jobs, or checking the log after a change.
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy() || self.checks.is_checking()
    }

    /// The ready-to-issue problems last found.
    pub fn check_report(&self) -> &ui::checks_pane::CheckReport {
        self.checks.report()
    }

    /// Brings a pane's tab to the front (for the benchmarks and screenshots).
    pub fn show_pane(&mut self, pane: Pane) {
        self.tree
            .make_active(|_, tile| matches!(tile, egui_tiles::Tile::Pane(p) if *p == pane));
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

    pub fn is_quitting(&self) -> bool {
        self.quitting
    }
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

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        for command in Command::pressed(&ctx, Window::Main) {
            if self.command_enabled(command) {
                self.run_command_in(Some(&ctx), command);
            }
        }
        let mut actions: Vec<Action> = Vec::new();
        let enabled: Vec<Command> = Command::ALL
            .into_iter()
            .filter(|c| self.command_enabled(*c))
            .collect();
        let journal_error = self.safety.writer.as_ref().and_then(|w| w.last_error());
        let shell = ui::Shell {
            journal_error: journal_error.as_deref(),
            doc: &self.doc,
            recent_files: &self.settings.recent_files,
            theme: self.settings.theme,
            presenter_open: self.presenter.open,
            presenter_frozen: self.presenter.frozen.is_some(),
            read_only: self.doc.read_only().is_some(),
            confirm: self.confirm.as_ref(),
            notice: self.notice.as_ref(),
            busy: self.jobs.is_busy(),
            enabled: &enabled,
            title: self.title(),
            checks: self.checks.report(),
            layout: self.settings.role_layout,
            scoring_card: self.view.scoring.card_on,
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
                discard_asked: self.discard_asked,
                lock: self.lock_question.as_ref().map(|(_, why)| why.as_str()),
                conflict: self.save_conflict.as_ref().map(|(_, _, why)| why.as_str()),
                backup_refused: self.backup_refused.as_ref().map(|(_, _, why)| why.as_str()),
                backups: self.backup_list.as_deref(),
            },
            &mut actions,
        );
        self.versions_windows(&ctx);
        self.document_windows(&ctx);
        self.supplier_windows(&ctx);
        self.action_pack_windows(&ctx);
        self.merge_windows(&ctx);
        self.user_name_window(&ctx);
        self.typed_path_window(&ctx);
        for action in actions {
            match action {
                Action::Command(command) => self.run_command_in(Some(&ctx), command),
                Action::SetTheme(theme) => self.set_theme(Some(&ctx), theme),
                other => self.handle(other),
            }
        }
        if self.presenter.open {
            if !self.presenter_placed {
                self.keep_presenter_on_a_screen(&presenter::monitor_rects(frame));
                self.presenter_placed = true;
            }
            self.presenter_window(&ctx);
        } else {
            self.presenter_placed = false;
        }
        self.request_matrix_screenshot(&ctx);
        // After this frame's edits, so checking starts at once rather than on the next input.
        self.checks
            .tick(&self.doc, chrono::Local::now().date_naive());
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
