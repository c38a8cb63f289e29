//! What the app remembers between runs, apart from any project: recent files, the last open
//! project, the theme, each window's zoom, the presenter window's place, and the pane layout.
//! Kept in `settings.ron` in the platform's config folder, written atomically off the UI thread.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::shell::Pane;
pub use crate::shell::{PresenterShows, ThemeChoice};

const RECENT_LIMIT: usize = 10;
pub const FILE_NAME: &str = "settings.ron";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PresenterSettings {
    pub zoom: f32,
    /// Outer position and inner size, in points, when last seen.
    pub position: Option<[f32; 2]>,
    pub size: Option<[f32; 2]>,
    pub fullscreen: bool,
    pub shows: PresenterShows,
}

impl Default for PresenterSettings {
    fn default() -> Self {
        PresenterSettings {
            zoom: 1.0,
            position: None,
            size: None,
            fullscreen: false,
            shows: PresenterShows::Hazard,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first. Paths are kept exactly, also one that is not Unicode.
    #[serde(with = "crate::storage::paths::lossless::list")]
    pub recent_files: Vec<PathBuf>,
    /// Reopened at the next start.
    #[serde(with = "crate::storage::paths::lossless::option")]
    pub last_open: Option<PathBuf>,
    pub theme: ThemeChoice,
    /// Zoom of the main window.
    pub zoom: f32,
    pub presenter: PresenterSettings,
    /// Which GPU renderer to use (`HAZARD_WORKSHOP_RENDERER` overrides it).
    pub renderer: super::renderer::RendererChoice,
    /// The name the per-hazard history records changes under; `None` uses the
    /// operating-system user's name.
    pub user_name: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent_files: Vec::new(),
            last_open: None,
            theme: ThemeChoice::default(),
            zoom: 1.0,
            presenter: PresenterSettings::default(),
            renderer: Default::default(),
            user_name: None,
        }
    }
}

pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// One zoom step, as browsers do it: 10 % at a time, within [`ZOOM_RANGE`].
pub fn zoom_step(zoom: f32, direction: i8) -> f32 {
    let next = match direction {
        d if d > 0 => zoom * 1.1,
        d if d < 0 => zoom / 1.1,
        _ => 1.0,
    };
    ((next * 100.0).round() / 100.0).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end())
}

impl Settings {
    pub fn add_recent(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(RECENT_LIMIT);
    }

    /// A recent file that could not be opened because it is gone leaves the list; one that is
    /// merely damaged stays, so the user can see it and decide.
    pub fn forget_recent_if_missing(&mut self, path: &Path) {
        if !path.exists() {
            self.recent_files.retain(|p| p != path);
            if self.last_open.as_deref() == Some(path) {
                self.last_open = None;
            }
        }
    }
}

/// The settings file: settings plus the pane layout.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsFile {
    pub settings: Settings,
    pub layout: Option<egui_tiles::Tree<Pane>>,
}

impl SettingsFile {
    /// Reads the settings; a missing or damaged file gives the defaults (and is logged): settings
    /// are a convenience, never a reason not to start.
    pub fn load(path: &Path) -> SettingsFile {
        match std::fs::read_to_string(path) {
            Ok(text) => ron::from_str(&text).unwrap_or_else(|err| {
                log::warn!("ignoring damaged settings file {}: {err}", path.display());
                SettingsFile::default()
            }),
            Err(_) => SettingsFile::default(),
        }
    }

    pub fn to_text(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())
            .expect("settings always serialise: numbers, text, and paths stored losslessly")
    }
}

/// The default place of the settings file.
pub fn default_path() -> Option<PathBuf> {
    crate::storage::paths::config_dir().map(|dir| dir.join(FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_most_recent_first_without_repeats() {
        let mut settings = Settings::default();
        settings.add_recent(Path::new("a.hazlog"));
        settings.add_recent(Path::new("b.hazlog"));
        settings.add_recent(Path::new("a.hazlog"));
        assert_eq!(
            settings.recent_files,
            [PathBuf::from("a.hazlog"), PathBuf::from("b.hazlog")]
        );
        for i in 0..20 {
            settings.add_recent(Path::new(&format!("{i}.hazlog")));
        }
        assert_eq!(settings.recent_files.len(), RECENT_LIMIT);
    }

    #[test]
    fn zoom_steps_are_bounded_and_reset() {
        assert_eq!(zoom_step(1.0, 1), 1.1);
        assert_eq!(zoom_step(1.1, -1), 1.0);
        assert_eq!(zoom_step(2.9, 1), 3.0);
        assert_eq!(zoom_step(0.5, -1), 0.5);
        assert_eq!(zoom_step(2.0, 0), 1.0);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_unicode_is_kept_exactly() {
        use std::os::unix::ffi::OsStringExt as _;
        let odd = PathBuf::from(std::ffi::OsString::from_vec(b"/tmp/x\xff.hazlog".to_vec()));
        let mut file = SettingsFile::default();
        file.settings.add_recent(Path::new("/logs/a.hazlog"));
        file.settings.add_recent(&odd);
        file.settings.last_open = Some(odd.clone());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, file.to_text()).unwrap();
        let read = SettingsFile::load(&path).settings;
        assert_eq!(read.last_open, Some(odd.clone()));
        assert_eq!(read.recent_files, [odd, PathBuf::from("/logs/a.hazlog")]);
    }

    #[test]
    fn a_damaged_settings_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "not ron at all (").unwrap();
        assert_eq!(SettingsFile::load(&path).settings, Settings::default());
        let mut file = SettingsFile::default();
        file.settings.theme = ThemeChoice::Projector;
        std::fs::write(&path, file.to_text()).unwrap();
        assert_eq!(
            SettingsFile::load(&path).settings.theme,
            ThemeChoice::Projector
        );
    }
}
