//! Rolling backups: before a save replaces a project file, the version on disk is copied into a
//! backup folder under a timestamped name, and only the newest few are kept.
//!
//! Where they go is a [`BackupLocation`]: by default the app's data folder
//! (`<data dir>/backups/<file stem>-<hash of the file's path>/`, so two `log.hazlog` files in
//! different folders never mix), or a `backups` folder next to the project file (handy on a shared
//! drive: everyone sees them), or another folder the user chose. A backup is named
//! `<stem> (backup 2026-03-04 09-30-15.123456 UTC).hazlog`, so it opens like any project file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::project_file::EXTENSION;
use super::util;

/// How many backups of each file are kept unless the user says otherwise.
pub const DEFAULT_KEEP: usize = 10;

const TIME_FORMAT: &str = "%Y-%m-%d %H-%M-%S%.6f";

/// Where backups of a project file are kept. A setting; serialisable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupLocation {
    /// `<data dir>/backups/<stem>-<hash>/`.
    #[default]
    AppData,
    /// A `backups` folder beside the project file.
    NextToFile,
    /// `<folder>/<stem>-<hash>/`, in a folder the user chose.
    Folder(PathBuf),
}

/// What a save does about backups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupPolicy {
    pub location: BackupLocation,
    /// How many backups of each file to keep; 0 turns backups off.
    pub keep: usize,
    /// Refuse to save when the backup cannot be made (the default): the caller can offer "save
    /// without a backup", which retries with this off.
    pub required: bool,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            location: BackupLocation::AppData,
            keep: DEFAULT_KEEP,
            required: true,
        }
    }
}

impl BackupPolicy {
    /// No backups at all.
    pub fn none() -> BackupPolicy {
        BackupPolicy {
            keep: 0,
            required: false,
            ..BackupPolicy::default()
        }
    }
}

/// One backup of a project file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When the backup was taken (when the version in it was about to be replaced).
    pub taken: DateTime<Utc>,
    /// When the version in it had been saved (the original file's modification time), if known.
    pub saved: Option<DateTime<Utc>>,
    pub size: u64,
}

/// A backup could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("there is no folder for app data on this computer to keep backups in")]
    NoDataFolder,
    #[error("could not write the backup to “{}”: {source}", folder.display())]
    Io {
        folder: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The folder that backups of `project_path` go to under `location`; `None` when the app data
/// folder is unknown.
pub fn backup_folder(project_path: &Path, location: &BackupLocation) -> Option<PathBuf> {
    let per_file = |root: PathBuf| {
        root.join(format!(
            "{}-{}",
            stem(project_path),
            util::path_hash(project_path)
        ))
    };
    match location {
        BackupLocation::AppData => super::paths::data_dir().map(|d| per_file(d.join("backups"))),
        BackupLocation::NextToFile => Some(
            project_path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .join("backups"),
        ),
        BackupLocation::Folder(root) => Some(per_file(root.clone())),
    }
}

fn stem(project_path: &Path) -> String {
    project_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "project".to_owned())
}

fn backup_name(stem: &str, taken: DateTime<Utc>) -> String {
    format!(
        "{stem} (backup {} UTC).{EXTENSION}",
        taken.format(TIME_FORMAT)
    )
}

/// The time in a backup's name, if `name` is a backup of a file with this stem.
fn parse_backup_name(stem: &str, name: &str) -> Option<DateTime<Utc>> {
    let time = name
        .strip_prefix(stem)?
        .strip_prefix(" (backup ")?
        .strip_suffix(&format!(" UTC).{EXTENSION}"))?;
    NaiveDateTime::parse_from_str(time, TIME_FORMAT)
        .ok()
        .map(|t| t.and_utc())
}

/// Copies the file at `project_path`, as it is now, into its backup folder and removes the
/// oldest backups beyond `policy.keep`. Nothing happens (`Ok(None)`) when the file does not exist
/// or backups are off. The copy is flushed to disk before this returns.
pub fn back_up(project_path: &Path, policy: &BackupPolicy) -> Result<Option<Backup>, BackupError> {
    if policy.keep == 0 {
        return Ok(None);
    }
    let folder = backup_folder(project_path, &policy.location).ok_or(BackupError::NoDataFolder)?;
    let io_error = |source| BackupError::Io {
        folder: folder.clone(),
        source,
    };
    let mut original = match fs::File::open(project_path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(io_error(err)),
    };
    let saved = original.metadata().and_then(|m| m.modified()).ok();
    fs::create_dir_all(&folder).map_err(io_error)?;

    let mut temp = util::temp_file_in(&folder, "backup").map_err(io_error)?;
    let size = io::copy(&mut original, temp.as_file_mut()).map_err(io_error)?;
    if let Some(saved) = saved {
        // The backup shows when its version was saved; not worth failing over.
        let _ = temp.as_file().set_modified(saved);
    }
    temp.as_file().sync_all().map_err(io_error)?;

    // A name no other backup has; two saves in one microsecond take the next free one.
    let stem = stem(project_path);
    let mut taken = Utc::now();
    let mut temp = Some(temp);
    let path = loop {
        let candidate = folder.join(backup_name(&stem, taken));
        let file = temp.take().expect("put back on every retry");
        match file.persist_noclobber(&candidate) {
            Ok(_) => break candidate,
            Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => {
                temp = Some(err.file);
                taken += chrono::Duration::microseconds(1);
            }
            Err(err) => return Err(io_error(err.error)),
        }
    };
    if let Ok(dir) = fs::File::open(&folder) {
        let _ = dir.sync_all();
    }

    prune(&folder, &stem, policy.keep);
    Ok(Some(Backup {
        path,
        taken,
        saved: saved.map(DateTime::<Utc>::from),
        size,
    }))
}

/// Removes the oldest backups in `folder` beyond `keep`. Only files named as backups of this
/// stem are ever touched.
fn prune(folder: &Path, stem: &str, keep: usize) {
    util::remove_stale_temp_files(folder, std::time::Duration::from_secs(60 * 60));
    let mut backups = backups_in(folder, stem);
    for old in backups.drain(keep.min(backups.len())..) {
        if let Err(err) = fs::remove_file(&old.path) {
            log::warn!("Could not remove old backup {}: {err}", old.path.display());
        }
    }
}

/// Backups of files with this stem in one folder, newest first.
fn backups_in(folder: &Path, stem: &str) -> Vec<Backup> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut backups: Vec<Backup> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name();
            let taken = parse_backup_name(stem, name.to_str()?)?;
            let metadata = entry.metadata().ok().filter(|m| m.is_file())?;
            Some(Backup {
                path: entry.path(),
                taken,
                saved: metadata.modified().ok().map(DateTime::<Utc>::from),
                size: metadata.len(),
            })
        })
        .collect();
    backups.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    backups
}

/// Backups of `project_path` in the standard places (app data and next to the file), newest
/// first, for "Open a backup…". A backup is opened with the usual project loader.
pub fn list_backups(project_path: &Path) -> Vec<Backup> {
    list_backups_in(
        project_path,
        &[BackupLocation::AppData, BackupLocation::NextToFile],
    )
}

/// Backups of `project_path` in the given places, newest first.
pub fn list_backups_in(project_path: &Path, locations: &[BackupLocation]) -> Vec<Backup> {
    let stem = stem(project_path);
    let mut folders: Vec<PathBuf> = locations
        .iter()
        .filter_map(|location| backup_folder(project_path, location))
        .collect();
    folders.dedup();
    let mut all: Vec<Backup> = folders
        .iter()
        .flat_map(|folder| backups_in(folder, &stem))
        .collect();
    all.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(root: &Path, keep: usize) -> BackupPolicy {
        BackupPolicy {
            location: BackupLocation::Folder(root.to_path_buf()),
            keep,
            required: true,
        }
    }

    #[test]
    fn names_round_trip_and_foreign_names_are_ignored() {
        let t = DateTime::parse_from_rfc3339("2026-03-04T09:30:15.123456Z")
            .unwrap()
            .to_utc();
        let name = backup_name("log", t);
        assert_eq!(name, "log (backup 2026-03-04 09-30-15.123456 UTC).hazlog");
        assert_eq!(parse_backup_name("log", &name), Some(t));
        assert_eq!(parse_backup_name("lo", &name), None);
        assert_eq!(parse_backup_name("log", "log.hazlog"), None);
        assert_eq!(
            parse_backup_name("log", "log (backup yesterday UTC).hazlog"),
            None
        );
    }

    #[test]
    fn a_missing_file_needs_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        let made = back_up(&dir.path().join("new.hazlog"), &policy(dir.path(), 3)).unwrap();
        assert!(made.is_none());
    }

    #[test]
    fn backups_keep_the_content_and_only_the_newest_few() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("log.hazlog");
        let store = dir.path().join("store");
        for i in 0..6 {
            fs::write(&project, format!("version {i}")).unwrap();
            let backup = back_up(&project, &policy(&store, 4)).unwrap().unwrap();
            assert_eq!(
                fs::read_to_string(&backup.path).unwrap(),
                format!("version {i}")
            );
            assert_eq!(backup.size, 9);
        }
        let listed = list_backups_in(&project, &[BackupLocation::Folder(store.clone())]);
        let contents: Vec<String> = listed
            .iter()
            .map(|b| fs::read_to_string(&b.path).unwrap())
            .collect();
        assert_eq!(
            contents,
            ["version 5", "version 4", "version 3", "version 2"]
        );
        assert!(listed.windows(2).all(|w| w[0].taken > w[1].taken));
        // Something else in the folder is never pruned.
        let folder = backup_folder(&project, &BackupLocation::Folder(store.clone())).unwrap();
        fs::write(folder.join("notes.txt"), "mine").unwrap();
        fs::write(&project, "version 6").unwrap();
        back_up(&project, &policy(&store, 1)).unwrap();
        assert!(folder.join("notes.txt").exists());
        assert_eq!(
            list_backups_in(&project, &[BackupLocation::Folder(store)]).len(),
            1
        );
    }

    #[test]
    fn files_of_the_same_name_in_different_folders_do_not_mix() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(a.join("log.hazlog"), "a").unwrap();
        fs::write(b.join("log.hazlog"), "b").unwrap();
        back_up(&a.join("log.hazlog"), &policy(&store, 5)).unwrap();
        back_up(&b.join("log.hazlog"), &policy(&store, 5)).unwrap();
        let listed = list_backups_in(&a.join("log.hazlog"), &[BackupLocation::Folder(store)]);
        assert_eq!(listed.len(), 1);
        assert_eq!(fs::read_to_string(&listed[0].path).unwrap(), "a");
    }

    #[test]
    fn next_to_file_backups_sit_in_a_backups_folder_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("log.hazlog");
        fs::write(&project, "old").unwrap();
        let policy = BackupPolicy {
            location: BackupLocation::NextToFile,
            ..BackupPolicy::default()
        };
        let backup = back_up(&project, &policy).unwrap().unwrap();
        assert_eq!(backup.path.parent().unwrap(), dir.path().join("backups"));
        // Another project in the same folder does not see it.
        assert!(
            list_backups_in(
                &dir.path().join("log2.hazlog"),
                &[BackupLocation::NextToFile]
            )
            .is_empty()
        );
        assert_eq!(
            list_backups_in(&project, &[BackupLocation::NextToFile]).len(),
            1
        );
    }

    #[test]
    fn backups_off_makes_none() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("log.hazlog");
        fs::write(&project, "old").unwrap();
        assert!(back_up(&project, &BackupPolicy::none()).unwrap().is_none());
    }
}
