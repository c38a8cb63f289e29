//! What the app remembers between runs (not part of any project): recent files and the last
//! open project. The pane layout is stored beside it. Both live in eframe's storage, a RON file
//! in the platform's config folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const SETTINGS_KEY: &str = "hazard-workshop-settings";
pub const LAYOUT_KEY: &str = "hazard-workshop-layout";
const RECENT_LIMIT: usize = 10;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// Reopened at the next start.
    pub last_open: Option<PathBuf>,
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
}
