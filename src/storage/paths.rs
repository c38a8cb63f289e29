//! Where the app keeps its own files, in the platform's standard folders (XDG on Linux,
//! `%APPDATA%` on Windows, `~/Library` on macOS).

use std::path::PathBuf;

use directories::ProjectDirs;

/// No organisation or qualifier: the folders are plain `hazard-workshop`, the same folder eframe
/// keeps the window settings in (its app id).
fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "hazard-workshop")
}

/// Settings (recent files, layout, theme).
pub fn config_dir() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().to_path_buf())
}

/// Recovery journal and backups.
pub fn data_dir() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().to_path_buf())
}
