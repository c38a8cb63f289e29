//! File work off the UI thread: opening, saving and file dialogs run on worker threads and report
//! back through a channel that the frame drains, so a frame never waits for the disk.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::domain::Project;
use crate::storage::backup::{self, Backup, BackupPolicy};
use crate::storage::lock::{LockError, ProjectLock};
use crate::storage::project_file::{self, LoadError};
use crate::storage::recovery::{
    Adopted, RecoveryEntry, RecoveryError, RecoveryStore, RecoveryWriter,
};
use crate::storage::save::{self, DiskStamp, SaveError};

/// What to do once a pending save has finished, or a dialog has answered.
#[derive(Clone, Debug, PartialEq)]
pub enum AfterSave {
    Nothing,
    /// Continue with a step that was waiting for unsaved changes to be dealt with.
    Continue(super::Pending),
}

/// A project read from disk, with what is needed to save it back safely.
pub struct Opened {
    pub project: Project,
    /// The file as it was read, to tell if someone changes it before the next save.
    pub stamp: DiskStamp,
    /// The lock taken on it (`None` when opened read-only).
    pub lock: Option<Result<ProjectLock, LockError>>,
    /// What the user must be told although it opened (hazards sharing a display id).
    pub warnings: Vec<String>,
}

/// How to open a project that may be open elsewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    Normal,
    ReadOnly,
    /// Take the lock over from whoever holds it.
    TakeOver,
}

pub use crate::shell::FileKind;

/// The file dialogs, behind a trait so that tests can answer them.
pub trait FileDialogs: Send + Sync {
    fn pick_open(&self, kind: FileKind, title: &str) -> Option<PathBuf>;
    fn pick_save(&self, kind: FileKind, title: &str, suggested_name: &str) -> Option<PathBuf>;
    /// Whether a save dialog can be shown at all: where it cannot (Linux without a desktop
    /// portal or zenity) the app asks for a typed path instead of failing silently.
    fn can_show_save(&self) -> bool {
        true
    }
    /// Whether an open dialog can be shown at all (the same test as for saving, by default):
    /// where it cannot, the app asks for a typed path instead.
    fn can_show_open(&self) -> bool {
        self.can_show_save()
    }
}

/// The platform's native dialogs (rfd). Its async dialogs are driven from a worker thread:
/// the frame goes on while a dialog is open, and on macOS rfd hands the dialog itself to the
/// main thread as AppKit requires.
pub struct NativeDialogs;

fn dialog(kind: FileKind, title: &str) -> rfd::AsyncFileDialog {
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter(kind.filter_name(), &[kind.extension()])
}

impl FileDialogs for NativeDialogs {
    fn pick_open(&self, kind: FileKind, title: &str) -> Option<PathBuf> {
        pollster::block_on(dialog(kind, title).pick_file()).map(|file| file.path().to_path_buf())
    }

    fn pick_save(&self, kind: FileKind, title: &str, suggested_name: &str) -> Option<PathBuf> {
        let picked = dialog(kind, title)
            .set_file_name(suggested_name)
            .save_file();
        pollster::block_on(picked)
            .map(|file| with_extension(file.path().to_path_buf(), kind.extension()))
    }

    fn can_show_save(&self) -> bool {
        static AVAILABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *AVAILABLE.get_or_init(super::path_request::native_dialogs_available)
    }
}

/// Why a save dialog was opened: what to write once a path is chosen.
pub enum SavePurpose {
    Project(AfterSave),
    MatrixImage(Arc<egui::ColorImage>),
    /// The NHS hazard log workbook, from this snapshot of the project.
    Workbook {
        project: Arc<Project>,
        options: crate::interchange::ExportOptions,
    },
    /// A meeting's minutes, rendered from this snapshot of the project.
    Minutes {
        project: Arc<Project>,
        meeting: crate::domain::MeetingKey,
        kind: FileKind,
    },
    /// An issued version's workbook, or a diff ([`super::versions`]).
    Versions(Box<super::versions::VersionsExport>),
    /// The safety case report or the handover pack ([`super::documents`]).
    Report(Box<super::documents::ReportExport>),
    /// An owner's action pack ([`super::action_packs`]).
    ActionPack(Box<super::action_packs::PackExport>),
}

/// Adds `.ext` unless the user typed it.
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    let has_it = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext));
    if has_it {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(ext);
        PathBuf::from(name)
    }
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveFailure {
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(
        "Not saved: “{}” is open in Hazard Workshop by {}, and saving here would overwrite their \
         work. Save under another name.",
        path.display(),
        holder.describe()
    )]
    OpenElsewhere {
        path: PathBuf,
        holder: Box<crate::storage::lock::LockInfo>,
    },
    #[error(
        "Not saved: “{}” has a lock file that cannot be read, so someone may have it open. Save \
         under another name.",
        path.display()
    )]
    LockUnreadable { path: PathBuf },
}

/// A finished piece of background work.
pub enum JobResult {
    Loaded {
        path: PathBuf,
        result: Result<Box<Opened>, LoadError>,
        /// `read_only`: opened without a lock, as the user chose.
        read_only: bool,
    },
    Saved {
        path: PathBuf,
        state_id: u64,
        result: Result<DiskStamp, Box<SaveFailure>>,
        then: AfterSave,
        /// For a save to a new place, the lock taken on it first (`None` when the folder does
        /// not allow a lock file, or the save was to the file already held).
        lock: Option<Box<ProjectLock>>,
        /// The lineage the saved file records (its save id), when it could be read back.
        lineage: Option<crate::domain::three_way::Lineage>,
    },
    /// The lock, refreshed (or found taken over), handed back.
    LockRefreshed(Box<ProjectLock>, Result<(), LockError>),
    /// Work a crash left in the recovery folder, found at start-up.
    PendingRecovery(Vec<RecoveryEntry>),
    Restored {
        result: Result<Box<Adopted>, RecoveryError>,
        /// The file the work belongs to, as it is on disk now.
        stamp: Option<DiskStamp>,
    },
    Discarded(Result<(), RecoveryError>),
    Backups {
        project: PathBuf,
        backups: Vec<Backup>,
    },
    /// A backup opened to look at (never over the project itself).
    BackupOpened {
        backup: Backup,
        result: Result<Box<Project>, LoadError>,
    },
    PickedOpen(Option<PathBuf>),
    /// A spreadsheet was chosen to import; `into_open` merges it into the open project.
    PickedImport {
        path: Option<PathBuf>,
        into_open: bool,
    },
    Imported {
        path: PathBuf,
        into_open: bool,
        result: Result<Box<crate::interchange::ImportResult>, crate::interchange::ImportError>,
    },
    PickedSave(Option<PathBuf>, SavePurpose),
    /// Another project, read to pick hazards from.
    OtherProjectRead {
        path: PathBuf,
        result: Result<Box<Project>, LoadError>,
    },
    SettingsWritten,
    /// Issuing, opening or comparing versions ([`super::versions`]).
    Versions(Box<super::versions::VersionsJob>),
    /// A returned action pack was read (`None`: the file dialog was cancelled).
    ActionPackRead(Option<Box<super::action_packs::PackRead>>),
    /// Another copy of the project was read and merged (`None`: the dialog was cancelled).
    MergeRead(Option<Box<super::merging::MergeRead>>),
    /// Sync clients' copies found beside a project just opened.
    SyncCopies {
        path: PathBuf,
        copies: Vec<PathBuf>,
    },
    /// A supplier's hazard log was read (`None`: the file dialog was cancelled).
    SupplierLog(Option<Box<super::supplier::SupplierLog>>),
    /// The safety case report or handover pack was written (or why not).
    WroteReport(super::documents::ReportWritten),
    /// A file other than the project was written (an image, an export).
    Wrote {
        path: PathBuf,
        result: std::io::Result<()>,
    },
    /// The hazard log workbook was written; `losses` names each field a cell could not hold
    /// exactly as typed.
    WroteWorkbook {
        path: PathBuf,
        result: std::io::Result<()>,
        losses: Vec<crate::interchange::ExportLoss>,
    },
}

pub struct Jobs {
    sender: Sender<JobResult>,
    receiver: Receiver<JobResult>,
    running: usize,
    /// Project saves (and their file dialogs) under way: another save waits for them, other
    /// work (a settings write, an export) does not block saving.
    saving: usize,
    dialogs: Arc<dyn FileDialogs>,
    ctx: Option<egui::Context>,
    /// A save waiting for a typed path, because no save dialog can be shown.
    pub typed_path: Option<super::path_request::PathRequest>,
}

impl Jobs {
    pub fn new(dialogs: Arc<dyn FileDialogs>) -> Jobs {
        let (sender, receiver) = channel();
        Jobs {
            sender,
            receiver,
            running: 0,
            saving: 0,
            dialogs,
            ctx: None,
            typed_path: None,
        }
    }

    /// The context to wake when a job finishes (so an idle app still sees the result).
    pub fn set_context(&mut self, ctx: &egui::Context) {
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
    }

    pub fn is_busy(&self) -> bool {
        self.running > 0
    }

    /// A project save, or its file dialog, is under way.
    pub fn is_saving(&self) -> bool {
        self.saving > 0
    }

    pub(super) fn spawn(&mut self, work: impl FnOnce() -> JobResult + Send + 'static) {
        self.running += 1;
        let sender = self.sender.clone();
        let ctx = self.ctx.clone();
        std::thread::Builder::new()
            .name("hazard-workshop-io".into())
            .spawn(move || {
                // The receiver lives as long as the app; a send can only fail while quitting.
                let _ = sender.send(work());
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            })
            .expect("the OS can start a thread");
    }

    /// Opens a project: takes its lock (unless `read_only`), then reads it and notes its
    /// state on disk. A lock held by someone else comes back as the result's `lock`.
    pub fn load(&mut self, path: PathBuf, how: OpenMode) {
        self.spawn(move || {
            let read_only = how == OpenMode::ReadOnly;
            let lock = match how {
                OpenMode::Normal => Some(ProjectLock::acquire(&path)),
                OpenMode::TakeOver => Some(ProjectLock::take_over(&path)),
                OpenMode::ReadOnly => None,
            };
            let result = save::open_project(&path).map(|opened| {
                Box::new(Opened {
                    project: opened.project,
                    stamp: opened.stamp,
                    lock,
                    warnings: opened.warnings,
                })
            });
            JobResult::Loaded {
                path,
                result,
                read_only,
            }
        });
    }

    /// Saves a snapshot of the project; `state_id` says which document state it is. `expected`
    /// is the file as it was opened or last saved: a file changed since is not overwritten.
    /// With `new_home` (Save as, or saving a read-only project) the path's lock is taken first,
    /// here off the UI thread, and a path another live instance holds is not written.
    #[allow(clippy::too_many_arguments)]
    pub fn save(
        &mut self,
        project: Arc<Project>,
        path: PathBuf,
        expected: Option<DiskStamp>,
        policy: BackupPolicy,
        state_id: u64,
        then: AfterSave,
        new_home: bool,
    ) {
        self.saving += 1;
        self.spawn(move || {
            let lock = if new_home {
                match ProjectLock::acquire(&path) {
                    Ok(lock) => Some(Box::new(lock)),
                    Err(LockError::HeldBy(holder)) => {
                        let result = Err(Box::new(SaveFailure::OpenElsewhere {
                            path: path.clone(),
                            holder,
                        }));
                        return JobResult::Saved {
                            path,
                            state_id,
                            result,
                            then,
                            lock: None,
                            lineage: None,
                        };
                    }
                    Err(LockError::Unreadable { .. }) => {
                        let result =
                            Err(Box::new(SaveFailure::LockUnreadable { path: path.clone() }));
                        return JobResult::Saved {
                            path,
                            state_id,
                            result,
                            then,
                            lock: None,
                            lineage: None,
                        };
                    }
                    Err(err) => {
                        // The folder may not allow a lock file (a read-only share): as on open.
                        log::warn!("no lock on {}: {err}", path.display());
                        None
                    }
                }
            } else {
                None
            };
            let result = save::save_project(&project, &path, expected.as_ref(), &policy)
                .map_err(|err| Box::new(SaveFailure::from(err)));
            // A lock on a file we failed to write is let go (its Drop removes it).
            let lock = lock.filter(|_| result.is_ok());
            // The lineage the file now records (its last line), for the open project.
            let lineage = result
                .is_ok()
                .then(|| std::fs::read_to_string(&path).ok())
                .flatten()
                .and_then(|text| crate::storage::project_file::lineage_of_text(&text));
            JobResult::Saved {
                path,
                state_id,
                result,
                then,
                lock,
                lineage,
            }
        });
    }

    /// Tells others the lock is still alive (it goes stale after a long silence).
    pub fn refresh_lock(&mut self, mut lock: ProjectLock) {
        self.spawn(move || {
            let result = lock.refresh();
            JobResult::LockRefreshed(Box::new(lock), result)
        });
    }

    pub fn find_recovery(&mut self, store: RecoveryStore) {
        self.spawn(move || JobResult::PendingRecovery(store.pending()));
    }

    pub fn restore(&mut self, writer: RecoveryWriter, entry: RecoveryEntry) {
        self.spawn(move || {
            let result = writer.adopt(&entry).map(Box::new);
            // Saved against the file as the work knew it, so a change made on disk since is
            // asked about; only a journal of an older version, which has no stamp, takes the
            // file as it is now.
            let stamp = result.as_ref().ok().and_then(|a| {
                a.meta.disk_stamp.clone().or_else(|| {
                    let path = a.meta.project_path.as_deref()?;
                    DiskStamp::of(path).ok().flatten()
                })
            });
            JobResult::Restored { result, stamp }
        });
    }

    pub fn discard_recovery(&mut self, store: RecoveryStore, entry: RecoveryEntry) {
        // Kept aside for some days rather than deleted: one click must not lose recoverable work.
        self.spawn(move || JobResult::Discarded(store.set_aside(&entry).map(drop)));
    }

    /// Lists the backups of `project` in the configured place and the usual ones.
    pub fn list_backups(&mut self, project: PathBuf, configured: backup::BackupLocation) {
        self.spawn(move || {
            let mut places = vec![configured];
            for usual in [
                backup::BackupLocation::AppData,
                backup::BackupLocation::NextToFile,
            ] {
                if !places.contains(&usual) {
                    places.push(usual);
                }
            }
            let backups = backup::list_backups_in(&project, &places);
            JobResult::Backups { project, backups }
        });
    }

    pub fn open_backup(&mut self, backup: Backup) {
        self.spawn(move || {
            let result = project_file::load(&backup.path).map(Box::new);
            JobResult::BackupOpened { backup, result }
        });
    }

    pub fn pick_open(&mut self) {
        self.pick_open_then(FileKind::Project, "Open hazard log", JobResult::PickedOpen);
    }

    /// Asks for a file to open, then does `then` with the answer on the job thread.
    pub fn pick_open_then(
        &mut self,
        kind: FileKind,
        title: &str,
        then: impl FnOnce(Option<PathBuf>) -> JobResult + Send + 'static,
    ) {
        let dialogs = self.dialogs.clone();
        let title = title.to_owned();
        if !dialogs.can_show_open() {
            // Asked in the app's own picker; `then` reads the typed path on the job thread, so
            // a failure to read is reported as it is after the native dialog.
            self.typed_path = Some(super::path_request::PathRequest {
                kind,
                title,
                suggested: String::new(),
                purpose: super::path_request::PathPurpose::Open(Box::new(then)),
                picker: None,
            });
            return;
        }
        self.spawn(move || then(dialogs.pick_open(kind, &title)));
    }

    pub fn pick_save(
        &mut self,
        kind: FileKind,
        title: &str,
        suggested: String,
        purpose: SavePurpose,
    ) {
        let dialogs = self.dialogs.clone();
        let title = title.to_owned();
        if matches!(purpose, SavePurpose::Project(_)) {
            self.saving += 1;
        }
        if !dialogs.can_show_save() {
            // Asked in the app's own picker; its answer comes back as the dialog's would.
            self.typed_path = Some(super::path_request::PathRequest {
                kind,
                title,
                suggested,
                purpose: super::path_request::PathPurpose::Save(purpose),
                picker: None,
            });
            return;
        }
        self.spawn(move || {
            JobResult::PickedSave(dialogs.pick_save(kind, &title, &suggested), purpose)
        });
    }

    /// The typed path picker's answer (`None`: cancelled), handled as a dialog's answer.
    pub fn answer_typed_path(&mut self, path: Option<PathBuf>) {
        use super::path_request::PathPurpose;
        if let Some(request) = self.typed_path.take() {
            match request.purpose {
                PathPurpose::Save(purpose) => {
                    self.spawn(move || JobResult::PickedSave(path, purpose));
                }
                PathPurpose::Open(then) => self.spawn(move || then(path)),
            }
        }
    }

    /// Settings are a convenience: a failure is logged, not shown.
    pub fn write_settings(&mut self, text: String, path: PathBuf) {
        self.spawn(move || {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let result = project_file::write_atomically(&path, text.as_bytes());
            if let Err(err) = &result {
                log::warn!("could not save settings to {}: {err}", path.display());
            }
            JobResult::SettingsWritten
        });
    }

    /// Asks for another hazard log and reads it (no lock: it is only read), to pick hazards from.
    pub fn pick_project_hazards(&mut self) {
        self.pick_open_then(
            FileKind::Project,
            "Import hazards from another hazard log",
            |path| match path {
                None => JobResult::PickedOpen(None),
                Some(path) => {
                    let result = project_file::load(&path).map(Box::new);
                    JobResult::OtherProjectRead { path, result }
                }
            },
        );
    }

    pub fn pick_import(&mut self, into_open: bool) {
        self.pick_open_then(
            FileKind::Spreadsheet,
            "Import a hazard log spreadsheet",
            move |path| JobResult::PickedImport { path, into_open },
        );
    }

    /// Reads a hazard log spreadsheet; `matrix` recomputes its ratings.
    pub fn import(&mut self, path: PathBuf, matrix: crate::domain::RiskMatrix, into_open: bool) {
        self.spawn(move || {
            let result = crate::interchange::import_workbook(&path, &matrix).map(Box::new);
            JobResult::Imported {
                path,
                into_open,
                result,
            }
        });
    }

    pub fn write_workbook(
        &mut self,
        project: Arc<Project>,
        options: crate::interchange::ExportOptions,
        path: PathBuf,
    ) {
        self.spawn(move || {
            let result = crate::interchange::export_workbook(&project, &options)
                .map_err(|err| std::io::Error::other(err.to_string()))
                .and_then(|bytes| project_file::write_atomically(&path, &bytes));
            let losses = crate::interchange::export_losses(&project, &options);
            JobResult::WroteWorkbook {
                path,
                result,
                losses,
            }
        });
    }

    /// Renders a meeting's minutes as Word or Markdown and writes them atomically.
    pub fn write_minutes(
        &mut self,
        project: Arc<Project>,
        meeting: crate::domain::MeetingKey,
        kind: FileKind,
        path: PathBuf,
    ) {
        use crate::interchange::minutes;
        self.spawn(move || {
            let bytes = match kind {
                FileKind::Word => minutes::minutes_docx(&project, meeting)
                    .map_err(|err| std::io::Error::other(err.to_string())),
                _ => minutes::minutes_markdown(&project, meeting)
                    .map(String::into_bytes)
                    .ok_or_else(|| {
                        std::io::Error::other("the meeting is no longer in the project")
                    }),
            };
            let result = bytes.and_then(|bytes| project_file::write_atomically(&path, &bytes));
            JobResult::Wrote { path, result }
        });
    }

    pub fn write_png(&mut self, image: Arc<egui::ColorImage>, path: PathBuf) {
        self.spawn(move || {
            let result =
                encode_png(&image).and_then(|bytes| project_file::write_atomically(&path, &bytes));
            JobResult::Wrote { path, result }
        });
    }

    /// Results that have arrived since the last frame.
    pub fn finished(&mut self) -> Vec<JobResult> {
        let results: Vec<JobResult> = self.receiver.try_iter().collect();
        self.running -= results.len();
        let saves = results
            .iter()
            .filter(|r| {
                matches!(
                    r,
                    JobResult::Saved { .. } | JobResult::PickedSave(_, SavePurpose::Project(_))
                )
            })
            .count();
        self.saving -= saves;
        results
    }
}

fn encode_png(image: &egui::ColorImage) -> std::io::Result<Vec<u8>> {
    let [width, height] = image.size;
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|p| p.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(width as u32, height as u32, rgba)
        .ok_or_else(|| std::io::Error::other("the image has the wrong number of pixels"))?;
    let mut bytes = Vec::new();
    buffer
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(std::io::Error::other)?;
    Ok(bytes)
}
