//! Opening and saving a project file safely.
//!
//! [`open_project`] reads a file once and returns the project together with a [`DiskStamp`] of
//! exactly the bytes it was read from. [`save_project`] takes that stamp back and refuses to
//! overwrite the file if someone changed it in the meantime (another app, a colleague on a shared
//! drive, a sync client); otherwise it copies the old version to the rolling backups and replaces
//! the file atomically. Every failure leaves the file on disk as it was, and the caller's project
//! is only ever borrowed, so nothing the user typed is lost; each error says what happened in
//! words a user can act on.
//!
//! Both are blocking file work: call them from a worker thread, never from the UI thread.

use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Local};

use super::backup::{self, BackupError, BackupPolicy};
use super::project_file::{self, LoadError, WriteStep};
use super::util;
use crate::domain::Project;

/// Temporary files of ours older than this, beside a saved file, are left-overs of a save that
/// was killed half-way (no save takes this long), and are tidied away.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// What a project file on disk was at one moment: its size, modification time and SHA-256.
///
/// Two stamps are the same file when the size and hash agree ([`DiskStamp::same_content`]); the
/// modification time is kept for messages only, because tools and sync clients touch it without
/// changing anything, and a changed file can keep its old time (a copy that preserves times, a
/// coarse clock on a network drive). The content hash is what makes "changed on disk" reliable.
///
/// Stamps are kept in recovery journals (as the file was when the work was journalled), so they
/// serialise: the hash as hex text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DiskStamp {
    pub len: u64,
    /// As a date and time (serde's own form of a time cannot hold one before 1970).
    #[serde(with = "as_date_time")]
    pub modified: Option<SystemTime>,
    #[serde(with = "hex_hash")]
    pub sha256: [u8; 32],
}

/// A file time as an optional UTC date and time.
mod as_date_time {
    use std::time::SystemTime;

    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        time: &Option<SystemTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        time.map(DateTime::<Utc>::from).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<SystemTime>, D::Error> {
        Ok(Option::<DateTime<Utc>>::deserialize(deserializer)?.map(SystemTime::from))
    }
}

/// A SHA-256 as 64 hex digits.
mod hex_hash {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub fn serialize<S: Serializer>(hash: &[u8; 32], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::util::hex(hash))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<[u8; 32], D::Error> {
        let text = String::deserialize(deserializer)?;
        let bad = || D::Error::custom("a SHA-256 is 64 hex digits");
        if text.len() != 64 || !text.is_ascii() {
            return Err(bad());
        }
        let mut hash = [0u8; 32];
        for (byte, pair) in hash.iter_mut().zip(text.as_bytes().chunks(2)) {
            let pair = std::str::from_utf8(pair).map_err(|_| bad())?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| bad())?;
        }
        Ok(hash)
    }
}

impl DiskStamp {
    /// The stamp of the file at `path` now; `Ok(None)` when there is no file.
    pub fn of(path: &Path) -> io::Result<Option<DiskStamp>> {
        let mut file = match fs::File::open(path) {
            Ok(file) => file,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        let metadata = file.metadata()?;
        if metadata.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder, not a file",
            ));
        }
        use sha2::Digest as _;
        let mut hasher = sha2::Sha256::new();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut len = 0u64;
        loop {
            let n = match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            hasher.update(&buffer[..n]);
            len += n as u64;
        }
        Ok(Some(DiskStamp {
            len,
            modified: metadata.modified().ok(),
            sha256: hasher.finalize().into(),
        }))
    }

    /// The stamp of a file that holds `bytes`.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> DiskStamp {
        DiskStamp {
            len: bytes.len() as u64,
            modified,
            sha256: util::sha256(bytes),
        }
    }

    /// Whether both stamps are of the same content.
    pub fn same_content(&self, other: &DiskStamp) -> bool {
        self.len == other.len && self.sha256 == other.sha256
    }

    /// Whether the file at `path` still holds this content. Reads the whole file; for a periodic
    /// "changed on disk?" check, run it on a worker thread.
    pub fn still_matches(&self, path: &Path) -> io::Result<bool> {
        Ok(DiskStamp::of(path)?.is_some_and(|now| now.same_content(self)))
    }

    fn describe_time(&self) -> String {
        self.modified.map_or_else(String::new, |t| {
            format!(
                " (it was last changed at {})",
                DateTime::<Local>::from(t).format("%H:%M on %d %b %Y")
            )
        })
    }
}

/// A project as opened, with what is needed to save it back safely.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedProject {
    pub project: Project,
    /// The stamp of the bytes the project was read from: pass it to [`save_project`].
    pub stamp: DiskStamp,
    /// The format the file was in; below the current one when it was upgraded on opening (tell
    /// the user that saving will write the new format, which older versions cannot open; the old
    /// file goes to the backups on the first save).
    pub format_version: u32,
    /// The version of Hazard Workshop that wrote it, if it says.
    pub app_version: Option<String>,
    /// What the user should be told about the file although it opened (see
    /// [`project_file::Parsed::warnings`]).
    pub warnings: Vec<String>,
}

/// Reads a project file and stamps the exact bytes read. Nothing of the user's on disk is
/// changed; temporary files that killed saves of ours left in its folder are tidied away.
pub fn open_project(path: &Path) -> Result<OpenedProject, LoadError> {
    let bytes = project_file::read_bounded(path)?;
    util::remove_stale_temp_files(&folder_of(path), STALE_TEMP_AGE);
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
    let stamp = DiskStamp::of_bytes(&bytes, modified);
    let parsed = project_file::from_bytes(&bytes, path)?;
    Ok(OpenedProject {
        project: parsed.project,
        stamp,
        format_version: parsed.format_version,
        app_version: parsed.app_version,
        warnings: parsed.warnings,
    })
}

/// Why a save did not happen. In every case the file on disk is as it was before the save.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "“{}” was changed on disk since it was opened or last saved here{}, by another program or \
         person. It was not overwritten. Save your version under another name, or reload theirs, \
         or save anyway to replace it.",
        path.display(),
        found.describe_time()
    )]
    ChangedOnDisk {
        path: PathBuf,
        expected: Box<DiskStamp>,
        /// What is there now.
        found: Box<DiskStamp>,
    },
    #[error(
        "“{}” was deleted or moved since it was opened or last saved here. Nothing was written. \
         Save anyway to create it again, or save under another name.",
        path.display()
    )]
    RemovedFromDisk {
        path: PathBuf,
        expected: Box<DiskStamp>,
    },
    #[error(
        "Could not save “{}”: the disk is full. Free some space or save somewhere else. The file \
         on disk was not changed.",
        path.display()
    )]
    DiskFull {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "Could not save “{}”: you do not have permission to write there. Save it somewhere else, \
         or ask for access to the folder. The file on disk was not changed.",
        path.display()
    )]
    PermissionDenied {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "Could not save “{}”: the file is marked read-only, so it was not replaced. Save it under \
         another name, or make the file writable (its Properties or permissions) and save again.",
        path.display()
    )]
    FileReadOnly { path: PathBuf },
    #[error(
        "Could not save “{}”: the file has {links} names on this disk (hard links), and saving \
         safely would give this name a new file while the others kept the old version. It was \
         not changed. Save under another name, or remove the other names and save again.",
        path.display()
    )]
    HardLinked { path: PathBuf, links: u64 },
    #[error(
        "Could not save “{}”: the drive is read-only. Save it somewhere else. The file on disk \
         was not changed.",
        path.display()
    )]
    ReadOnly {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "Could not save “{}”: the folder “{}” is not there any more (a network drive or USB stick \
         disconnected?). Reconnect it, or save somewhere else. Nothing was written.",
        path.display(),
        folder.display()
    )]
    FolderMissing { path: PathBuf, folder: PathBuf },
    #[error(
        "Could not save “{}”: the previous version could not be backed up first ({source}). The \
         file on disk was not changed. Try again, or save without a backup.",
        path.display()
    )]
    Backup {
        path: PathBuf,
        #[source]
        source: BackupError,
    },
    #[error(
        "Could not save “{}”: {source}. The file on disk was not changed.",
        path.display()
    )]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl SaveError {
    pub fn path(&self) -> &Path {
        match self {
            SaveError::ChangedOnDisk { path, .. }
            | SaveError::RemovedFromDisk { path, .. }
            | SaveError::DiskFull { path, .. }
            | SaveError::PermissionDenied { path, .. }
            | SaveError::ReadOnly { path, .. }
            | SaveError::FileReadOnly { path }
            | SaveError::HardLinked { path, .. }
            | SaveError::FolderMissing { path, .. }
            | SaveError::Backup { path, .. }
            | SaveError::Io { path, .. } => path,
        }
    }

    /// Someone else changed, moved or deleted the file: the caller may offer "save anyway"
    /// (`expected` = `None`), "save as" or "reload".
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            SaveError::ChangedOnDisk { .. } | SaveError::RemovedFromDisk { .. }
        )
    }
}

/// Saves `project` to `path` safely, and returns the stamp of what is now on disk (keep it for the
/// next save).
///
/// - `expected`: the stamp from [`open_project`] or the previous save. When the file no longer
///   matches it, nothing is written and the error is [`SaveError::ChangedOnDisk`] (or
///   [`SaveError::RemovedFromDisk`]). `None` skips the check: for "Save as" to a new place and for
///   "save anyway" after the user has seen the conflict.
/// - `backups`: the version being replaced is copied to the rolling backups first; if that
///   fails and `backups.required`, nothing is written ([`SaveError::Backup`]).
///
/// The new file is written to a temporary file in the same folder, flushed, renamed over the old
/// one and the folder flushed: at every instant the path holds the old or the new version.
///
/// The file is kept as it was apart from its content: the new version has the old one's
/// permissions; a file marked read-only is not replaced ([`SaveError::FileReadOnly`]); when
/// `path` is a symbolic link, its target is what is written (still atomically, beside the
/// target), so the link stays a link. A file with more than one name (hard links) is refused
/// ([`SaveError::HardLinked`]): an atomic save gives the saved name a new file and the other names
/// would silently keep the old version, and writing in place instead would risk a half-written
/// file on a crash; the user is told, and can save under another name.
///
/// (Another program could still write between the check and the rename; the lock file,
/// [`super::lock`], is what keeps two Hazard Workshops apart.)
pub fn save_project(
    project: &Project,
    path: &Path,
    expected: Option<&DiskStamp>,
    backups: &BackupPolicy,
) -> Result<DiskStamp, SaveError> {
    save_project_with(project, path, expected, backups, &|_| None)
}

pub(crate) fn save_project_with(
    project: &Project,
    path: &Path,
    expected: Option<&DiskStamp>,
    backups: &BackupPolicy,
    fail: &dyn Fn(WriteStep) -> Option<io::Error>,
) -> Result<DiskStamp, SaveError> {
    let text = project_file::to_text(project);
    let bytes = text.as_bytes();
    let target = follow_links(path);
    let folder = folder_of(&target);
    let classify = |source: io::Error| classify(source, path, &folder);

    match fs::metadata(&folder) {
        Ok(metadata) if metadata.is_dir() => {}
        Ok(_) => {
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                source: io::Error::new(
                    io::ErrorKind::NotADirectory,
                    format!("“{}” is a file, not a folder", folder.display()),
                ),
            });
        }
        Err(err) => return Err(classify(err)),
    }

    let current = DiskStamp::of(&target).map_err(classify)?;
    if let Some(expected) = expected {
        match &current {
            Some(found) if found.same_content(expected) => {}
            Some(found) => {
                return Err(SaveError::ChangedOnDisk {
                    path: path.to_path_buf(),
                    expected: Box::new(expected.clone()),
                    found: Box::new(found.clone()),
                });
            }
            None => {
                return Err(SaveError::RemovedFromDisk {
                    path: path.to_path_buf(),
                    expected: Box::new(expected.clone()),
                });
            }
        }
    }

    if current.is_some() {
        refuse_to_replace(&target, path)?;
    }
    if current.is_some()
        && let Err(err) = backup::back_up(path, backups)
    {
        if backups.required {
            return Err(SaveError::Backup {
                path: path.to_path_buf(),
                source: err,
            });
        }
        log::warn!("Saving {} without a backup: {err}", path.display());
    }

    project_file::write_atomically_with(&target, bytes, fail).map_err(classify)?;
    let modified = fs::metadata(&target).and_then(|m| m.modified()).ok();
    util::remove_stale_temp_files(&folder, STALE_TEMP_AGE);
    Ok(DiskStamp::of_bytes(bytes, modified))
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file a path finally names, following symbolic links (also one whose target does not exist
/// yet); the path itself when it is not a link.
fn follow_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // As the OS does, give up on a loop of links; the write then fails with the OS's error.
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {}
            _ => return current,
        }
        match fs::read_link(&current) {
            Ok(target) => current = folder_of(&current).join(target),
            Err(_) => return current,
        }
    }
    current
}

/// Refuses to replace a file marked read-only or one with other names (see [`save_project`]).
fn refuse_to_replace(target: &Path, path: &Path) -> Result<(), SaveError> {
    let Ok(metadata) = fs::metadata(target) else {
        return Ok(());
    };
    if metadata.permissions().readonly() {
        return Err(SaveError::FileReadOnly {
            path: path.to_path_buf(),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if metadata.nlink() > 1 {
            return Err(SaveError::HardLinked {
                path: path.to_path_buf(),
                links: metadata.nlink(),
            });
        }
    }
    Ok(())
}

/// Turns an IO error into the message a user needs.
fn classify(source: io::Error, path: &Path, folder: &Path) -> SaveError {
    let path_buf = path.to_path_buf();
    if is_disk_full(&source) {
        return SaveError::DiskFull {
            path: path_buf,
            source,
        };
    }
    match source.kind() {
        io::ErrorKind::PermissionDenied => SaveError::PermissionDenied {
            path: path_buf,
            source,
        },
        io::ErrorKind::ReadOnlyFilesystem => SaveError::ReadOnly {
            path: path_buf,
            source,
        },
        io::ErrorKind::NotFound if !folder.is_dir() => SaveError::FolderMissing {
            path: path_buf,
            folder: folder.to_path_buf(),
        },
        _ => SaveError::Io {
            path: path_buf,
            source,
        },
    }
}

fn is_disk_full(err: &io::Error) -> bool {
    if matches!(
        err.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    ) {
        return true;
    }
    #[cfg(unix)]
    if matches!(err.raw_os_error(), Some(libc::ENOSPC | libc::EDQUOT)) {
        return true;
    }
    // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
    #[cfg(windows)]
    if matches!(err.raw_os_error(), Some(39 | 112)) {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Hazard, HazardKey};
    use crate::storage::backup::{BackupLocation, list_backups_in};

    fn project(name: &str) -> Project {
        let mut project = Project::default();
        project.hazards.push(Hazard::new(
            HazardKey(1),
            "H001".into(),
            name.into(),
            chrono::DateTime::UNIX_EPOCH,
        ));
        project
    }

    struct Fixture {
        dir: tempfile::TempDir,
        path: PathBuf,
        stamp: DiskStamp,
        before: Vec<u8>,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("log.hazlog");
            let stamp = save_project(&project("old"), &path, None, &BackupPolicy::none()).unwrap();
            let before = fs::read(&path).unwrap();
            Fixture {
                dir,
                path,
                stamp,
                before,
            }
        }

        fn backups(&self) -> BackupPolicy {
            BackupPolicy {
                location: BackupLocation::Folder(self.dir.path().join("backups")),
                keep: 3,
                required: true,
            }
        }

        /// The file is byte-for-byte what it was, and no temporary file is left beside it.
        fn assert_untouched(&self) {
            assert_eq!(fs::read(&self.path).unwrap(), self.before);
            let names: Vec<_> = fs::read_dir(self.dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| n.ends_with(".tmp"))
                .collect();
            assert!(names.is_empty(), "temporary files left: {names:?}");
        }
    }

    #[test]
    fn open_then_save_round_trips_and_stamps_match_the_disk() {
        let f = Fixture::new();
        let opened = open_project(&f.path).unwrap();
        assert_eq!(opened.project, project("old"));
        assert!(opened.stamp.same_content(&f.stamp));
        assert_eq!(opened.format_version, project_file::FORMAT_VERSION);
        let new =
            save_project(&project("new"), &f.path, Some(&opened.stamp), &f.backups()).unwrap();
        assert!(new.same_content(&DiskStamp::of(&f.path).unwrap().unwrap()));
        assert!(new.still_matches(&f.path).unwrap());
        assert_eq!(project_file::load(&f.path).unwrap(), project("new"));
        // The replaced version is in the backups.
        let backups = list_backups_in(&f.path, &[f.backups().location]);
        assert_eq!(backups.len(), 1);
        assert_eq!(fs::read(&backups[0].path).unwrap(), f.before);
        // Saving again with the new stamp works; with the old one it is refused.
        save_project(&project("newer"), &f.path, Some(&new), &f.backups()).unwrap();
        let err = save_project(&project("x"), &f.path, Some(&new), &f.backups()).unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten() {
        let f = Fixture::new();
        let theirs = project_file::to_text(&project("theirs"));
        fs::write(&f.path, &theirs).unwrap();
        let err =
            save_project(&project("mine"), &f.path, Some(&f.stamp), &f.backups()).unwrap_err();
        assert!(err.is_conflict());
        let SaveError::ChangedOnDisk { found, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(found.len, theirs.len() as u64);
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&f.path).unwrap(), theirs);
        // "Save anyway" replaces it, and their version is kept as a backup.
        save_project(&project("mine"), &f.path, None, &f.backups()).unwrap();
        assert_eq!(project_file::load(&f.path).unwrap(), project("mine"));
        let backups = list_backups_in(&f.path, &[f.backups().location]);
        assert_eq!(fs::read_to_string(&backups[0].path).unwrap(), theirs);
    }

    #[test]
    fn a_touched_but_unchanged_file_is_not_a_conflict() {
        let f = Fixture::new();
        let file = fs::File::options().write(true).open(&f.path).unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400))
            .unwrap();
        drop(file);
        save_project(&project("new"), &f.path, Some(&f.stamp), &f.backups()).unwrap();
    }

    #[test]
    fn a_deleted_file_is_a_conflict_too() {
        let f = Fixture::new();
        fs::remove_file(&f.path).unwrap();
        let err = save_project(&project("new"), &f.path, Some(&f.stamp), &f.backups()).unwrap_err();
        assert!(matches!(err, SaveError::RemovedFromDisk { .. }), "{err}");
        assert!(!f.path.exists());
    }

    #[test]
    fn a_vanished_folder_is_reported_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("usb-stick");
        fs::create_dir(&folder).unwrap();
        let path = folder.join("log.hazlog");
        let stamp = save_project(&project("old"), &path, None, &BackupPolicy::none()).unwrap();
        fs::remove_dir_all(&folder).unwrap();
        let err =
            save_project(&project("new"), &path, Some(&stamp), &BackupPolicy::none()).unwrap_err();
        assert!(matches!(err, SaveError::FolderMissing { .. }), "{err}");
        assert!(err.to_string().contains("usb-stick"), "{err}");
        assert!(!folder.exists(), "the folder is not recreated");
        // The same when it vanishes between the checks and the write.
        let f = Fixture::new();
        let gone = f.dir.path().to_path_buf();
        let err = save_project_with(
            &project("new"),
            &f.path,
            Some(&f.stamp),
            &BackupPolicy::none(),
            &|step| {
                (step == WriteStep::CreateTemp).then(|| {
                    fs::remove_dir_all(&gone).unwrap();
                    io::Error::from(io::ErrorKind::NotFound)
                })
            },
        )
        .unwrap_err();
        assert!(matches!(err, SaveError::FolderMissing { .. }), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_full_disk_at_any_step_leaves_the_old_file() {
        for step in [
            WriteStep::CreateTemp,
            WriteStep::Write,
            WriteStep::Sync,
            WriteStep::Rename,
        ] {
            let f = Fixture::new();
            let err = save_project_with(
                &project("new"),
                &f.path,
                Some(&f.stamp),
                &f.backups(),
                &|s| (s == step).then(|| io::Error::from_raw_os_error(libc::ENOSPC)),
            )
            .unwrap_err();
            assert!(matches!(err, SaveError::DiskFull { .. }), "{step:?}: {err}");
            assert!(err.to_string().contains("disk is full"), "{err}");
            f.assert_untouched();
        }
    }

    /// The real error a full disk gives: Linux's /dev/full fails every write with ENOSPC.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_operating_systems_disk_full_error_is_recognised() {
        use std::io::Write as _;
        let mut full = fs::File::options().write(true).open("/dev/full").unwrap();
        let err = full
            .write_all(b"x")
            .and_then(|()| full.flush())
            .unwrap_err();
        let classified = classify(err, Path::new("/tmp/x.hazlog"), Path::new("/tmp"));
        assert!(
            matches!(classified, SaveError::DiskFull { .. }),
            "{classified}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_permission_denied() {
        use std::os::unix::fs::PermissionsExt as _;
        let f = Fixture::new();
        if util::is_root() {
            // Root writes through permissions: inject the error the OS gives everyone else.
            let err = save_project_with(
                &project("new"),
                &f.path,
                Some(&f.stamp),
                &f.backups(),
                &|s| {
                    (s == WriteStep::CreateTemp).then(|| io::Error::from_raw_os_error(libc::EACCES))
                },
            )
            .unwrap_err();
            assert!(matches!(err, SaveError::PermissionDenied { .. }), "{err}");
            let err = save_project_with(
                &project("new"),
                &f.path,
                Some(&f.stamp),
                &f.backups(),
                &|s| (s == WriteStep::Rename).then(|| io::Error::from_raw_os_error(libc::EROFS)),
            )
            .unwrap_err();
            assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
        } else {
            fs::set_permissions(f.dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
            let err = save_project(
                &project("new"),
                &f.path,
                Some(&f.stamp),
                &BackupPolicy::none(),
            )
            .unwrap_err();
            fs::set_permissions(f.dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
            assert!(matches!(err, SaveError::PermissionDenied { .. }), "{err}");
        }
        f.assert_untouched();
    }

    #[test]
    fn a_required_backup_that_fails_stops_the_save() {
        let f = Fixture::new();
        // The backup "folder" is a file, so the backup cannot be written.
        let blocker = f.dir.path().join("blocker");
        fs::write(&blocker, "a file").unwrap();
        let policy = BackupPolicy {
            location: BackupLocation::Folder(blocker),
            keep: 3,
            required: true,
        };
        let err = save_project(&project("new"), &f.path, Some(&f.stamp), &policy).unwrap_err();
        assert!(matches!(err, SaveError::Backup { .. }), "{err}");
        assert!(err.to_string().contains("backed up"), "{err}");
        f.assert_untouched();
        // Saving without a required backup goes ahead.
        let policy = BackupPolicy {
            required: false,
            ..policy
        };
        save_project(&project("new"), &f.path, Some(&f.stamp), &policy).unwrap();
        assert_eq!(project_file::load(&f.path).unwrap(), project("new"));
    }

    #[test]
    fn saving_into_a_path_under_a_file_is_an_error_not_a_panic() {
        let f = Fixture::new();
        let err = save_project(
            &project("x"),
            &f.path.join("inner.hazlog"),
            None,
            &BackupPolicy::none(),
        )
        .unwrap_err();
        assert!(matches!(err, SaveError::Io { .. }), "{err}");
        f.assert_untouched();
    }
}
