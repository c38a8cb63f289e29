//! Saving where no file dialog exists: deciding whether the native save dialog can be shown,
//! and asking for a typed path in the app's own picker when it cannot.

use std::path::{Path, PathBuf};

use super::{FileKind, HazardWorkshopApp, SavePurpose};
use crate::ui::path_picker::{PathPicker, PickerAnswer};

/// What a typed path is for.
pub enum PathUse {
    Save(SavePurpose),
    /// A file to read: what to do with it on the job thread (as a dialog's answer).
    Open(Box<dyn FnOnce(Option<PathBuf>) -> super::JobResult + Send>),
}

/// A save (or an open) waiting for the user to type where the file is.
pub struct PathRequest {
    pub kind: FileKind,
    pub title: String,
    pub suggested: String,
    pub purpose: PathUse,
    /// The picker's state, made when it is first shown.
    pub picker: Option<PathPicker>,
}

/// Set to `typed` to always use the app's own path picker (a desktop whose dialog is broken).
pub const DIALOG_ENV: &str = "HAZARD_WORKSHOP_FILE_DIALOG";

/// Whether rfd can show a native dialog here. On Linux it needs the desktop portal (on the
/// session bus) or zenity; without either it returns "cancelled" at once, and a save would
/// silently not happen.
pub fn native_dialogs_available() -> bool {
    if std::env::var(DIALOG_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("typed")) {
        return false;
    }
    if cfg!(target_os = "linux") {
        return on_path("zenity") || portal_installed();
    }
    true
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// A session bus to ask, and the portal service registered on it (the bus starts it on demand
/// from its service file).
fn portal_installed() -> bool {
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists());
    if !bus {
        return false;
    }
    let data_dirs =
        std::env::var("XDG_DATA_DIRS").unwrap_or_else(|_| "/usr/local/share:/usr/share".to_owned());
    let home_data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share")));
    home_data
        .into_iter()
        .chain(data_dirs.split(':').map(PathBuf::from))
        .any(|dir| {
            dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
                .is_file()
        })
}

impl HazardWorkshopApp {
    /// The app's own path picker, while a save waits for a typed path.
    pub(super) fn typed_path_window(&mut self, ctx: &egui::Context) {
        let folders = self.picker_folders();
        let Some(request) = self.jobs.typed_path.as_mut() else {
            return;
        };
        let opening = matches!(request.purpose, PathUse::Open(_));
        let picker = request.picker.get_or_insert_with(|| {
            let mut picker =
                PathPicker::new(&request.title, request.kind, &request.suggested, folders);
            picker.opening = opening;
            picker
        });
        match crate::ui::path_picker::path_picker_ui(ctx, picker) {
            Some(PickerAnswer::Chosen(path)) => {
                let path = if opening {
                    path
                } else {
                    super::jobs::with_extension(path, request.kind.extension())
                };
                self.jobs.answer_typed_path(Some(path))
            }
            Some(PickerAnswer::Cancel) => self.jobs.answer_typed_path(None),
            None => {}
        }
    }

    /// Folders to offer: the project's own, then those of recent files, without repeats.
    fn picker_folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = Vec::new();
        let candidates = self
            .doc
            .path()
            .into_iter()
            .chain(self.settings.recent_files.iter().map(PathBuf::as_path))
            .filter_map(Path::parent)
            .filter(|dir| !dir.as_os_str().is_empty());
        for dir in candidates {
            if !folders.iter().any(|f| f == dir) {
                folders.push(dir.to_path_buf());
            }
        }
        folders
    }
}
