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
    /// Its own look, apart from the main window's: high contrast suits most projectors.
    pub theme: ThemeChoice,
}

impl Default for PresenterSettings {
    fn default() -> Self {
        PresenterSettings {
            zoom: 1.0,
            position: None,
            size: None,
            fullscreen: false,
            shows: PresenterShows::Hazard,
            theme: ThemeChoice::Projector,
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
    /// The pane arrangement chosen last (the arrangement itself is the settings file's layout).
    pub role_layout: crate::shell::RoleLayout,
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
            role_layout: Default::default(),
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

/// How much of a window's top edge (its title bar) must be on a screen for a person to grab it.
const GRIP: egui::Vec2 = egui::vec2(64.0, 24.0);

/// Where a window remembered from an earlier run may open now: unchanged while its title bar can
/// still be grabbed on one of the connected `monitors` (all in points, desktop coordinates);
/// otherwise (say the projector it was on is unplugged) moved fully onto the nearest monitor.
/// Never larger than that monitor. With no monitor known, the window is left as it was.
pub fn clamp_to_monitors(window: egui::Rect, monitors: &[egui::Rect]) -> egui::Rect {
    let overlap = |m: &egui::Rect| {
        let part = m.intersect(window);
        if part.is_positive() { part.area() } else { 0.0 }
    };
    let Some(home) = monitors.iter().copied().max_by(|a, b| {
        overlap(a).total_cmp(&overlap(b)).then(
            b.distance_sq_to_pos(window.center())
                .total_cmp(&a.distance_sq_to_pos(window.center())),
        )
    }) else {
        return window;
    };
    let rect = egui::Rect::from_min_size(window.min, window.size().min(home.size()));
    let title_bar = egui::Rect::from_min_size(rect.min, egui::vec2(rect.width(), GRIP.y));
    let grabbable = monitors.iter().any(|m| {
        let part = m.intersect(title_bar);
        part.width() >= GRIP.x.min(rect.width()) && part.height() >= GRIP.y
    });
    if grabbable {
        return rect;
    }
    let min = egui::pos2(
        rect.min.x.clamp(home.min.x, home.max.x - rect.width()),
        rect.min.y.clamp(home.min.y, home.max.y - rect.height()),
    );
    egui::Rect::from_min_size(min, rect.size())
}

/// The default place of the settings file.
pub fn default_path() -> Option<PathBuf> {
    crate::storage::paths::config_dir().map(|dir| dir.join(FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(x: f32, y: f32, w: f32, h: f32) -> egui::Rect {
        egui::Rect::from_min_size(egui::pos2(x, y), egui::vec2(w, h))
    }

    #[test]
    fn a_presenter_left_on_an_unplugged_projector_comes_back_to_the_laptop_screen() {
        let laptop = screen(0.0, 0.0, 1920.0, 1080.0);
        let on_projector = screen(1920.0, 0.0, 1024.0, 768.0);
        // With the projector still connected it stays where it was.
        let projector = screen(1920.0, 0.0, 1024.0, 768.0);
        assert_eq!(
            clamp_to_monitors(on_projector, &[laptop, projector]),
            on_projector
        );
        // Unplugged: it moves fully onto the laptop screen, at the same size.
        let back = clamp_to_monitors(on_projector, &[laptop]);
        assert_eq!(back.size(), on_projector.size());
        assert!(laptop.contains_rect(back), "{back:?}");
        assert_eq!(back.min.y, 0.0, "only moved as far as needed");
    }

    #[test]
    fn a_window_larger_than_the_screen_is_shrunk_to_it() {
        let small = screen(0.0, 0.0, 1024.0, 768.0);
        let huge = screen(-200.0, -100.0, 2560.0, 1440.0);
        let fitted = clamp_to_monitors(huge, &[small]);
        assert_eq!(fitted, small);
        // Already on screen but too large: shrunk, its corner kept.
        let tall = screen(10.0, 20.0, 800.0, 2000.0);
        assert_eq!(
            clamp_to_monitors(tall, &[small]),
            screen(10.0, 20.0, 800.0, 768.0)
        );
    }

    #[test]
    fn a_window_straddling_two_screens_or_partly_off_one_is_left_alone() {
        let left = screen(0.0, 0.0, 1920.0, 1080.0);
        let right = screen(1920.0, 0.0, 1920.0, 1080.0);
        let straddling = screen(1500.0, 100.0, 1000.0, 700.0);
        assert_eq!(clamp_to_monitors(straddling, &[left, right]), straddling);
        let partly_off = screen(1600.0, 500.0, 1000.0, 500.0);
        assert_eq!(clamp_to_monitors(partly_off, &[left]), partly_off);
        // Title bar above the top of every screen: pulled down.
        let above = screen(100.0, -300.0, 800.0, 600.0);
        assert_eq!(
            clamp_to_monitors(above, &[left]).min,
            egui::pos2(100.0, 0.0)
        );
        // Nothing known about the screens: nothing changed.
        assert_eq!(clamp_to_monitors(above, &[]), above);
    }

    #[test]
    fn a_window_off_every_screen_goes_to_the_nearest() {
        let left = screen(0.0, 0.0, 1920.0, 1080.0);
        let right = screen(1920.0, 0.0, 1280.0, 1024.0);
        let far_right = screen(5000.0, 300.0, 800.0, 600.0);
        let moved = clamp_to_monitors(far_right, &[left, right]);
        assert!(right.contains_rect(moved), "{moved:?}");
    }

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
