//! The recovery folder as one running session sees it: this session's claim on it, where its
//! journals go, and the journals that ended sessions left (listed, restored, discarded).

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::DateTime;

use super::RecoveryError;
use super::journal::{
    DAMAGED_SUFFIX, Damage, EXTENSION, JournalId, JournalMeta, check_journal, journal_text,
    split_journal_name,
};
use crate::domain::Project;
use crate::storage::project_file::write_atomically;
use crate::storage::save::DiskStamp;
use crate::storage::util;

/// How long work discarded in the recovery question is kept before it is deleted for good.
pub const KEEP_DISCARDED_FOR: Duration = Duration::from_secs(14 * 24 * 60 * 60);
const DISCARDED_FOLDER: &str = "discarded";
/// The time a journal was discarded, at the start of its name in the discarded folder.
const DISCARDED_TIME_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// Temporary files older than this in the recovery folder are left-overs of a killed write.
const STALE_TEMP_AGE: Duration = Duration::from_secs(10 * 60);

/// A journal left by a session that did not exit cleanly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryEntry {
    /// The journal file (for a damaged one, the `.damaged` file it was kept as).
    pub file: PathBuf,
    pub id: Option<JournalId>,
    /// What and when; `None` only when the journal is too damaged to say.
    pub meta: Option<JournalMeta>,
    pub size: u64,
    /// Why it cannot be restored; `None` for a journal that can be.
    pub problem: Option<String>,
}

impl RecoveryEntry {
    /// The file on disk as the journalled work last knew it: save restored work against this
    /// (see [`JournalMeta::disk_stamp`]), not against the file as it is at restore time.
    pub fn disk_stamp(&self) -> Option<&DiskStamp> {
        self.meta.as_ref()?.disk_stamp.as_ref()
    }

    pub fn is_restorable(&self) -> bool {
        self.problem.is_none()
    }

    /// One line for the start-up question: "log.hazlog (/path/log.hazlog), changed 04 Mar 2026
    /// 09:30".
    pub fn describe(&self) -> String {
        let what = match &self.meta {
            Some(meta) => {
                let place = meta
                    .project_path
                    .as_ref()
                    .map_or_else(|| "never saved".to_owned(), |p| p.display().to_string());
                format!(
                    "{} ({place}), last changed {}",
                    meta.display_name,
                    DateTime::<chrono::Local>::from(meta.last_change).format("%d %b %Y %H:%M")
                )
            }
            None => "Unsaved work".to_owned(),
        };
        match &self.problem {
            Some(problem) => format!(
                "{what}: cannot be restored ({problem}); kept at {}",
                self.file.display()
            ),
            None => what,
        }
    }
}

/// This session's claim on the recovery folder: an OS lock held for the life of the process.
#[derive(Debug)]
struct SessionGuard {
    path: PathBuf,
    file: fs::File,
}

impl Drop for SessionGuard {
    fn drop(&mut self) {
        // Journals not discarded by now are left for the next start-up, which finds this
        // session gone (no session file) and offers them.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[derive(Debug)]
struct StoreInner {
    dir: PathBuf,
    session: String,
    _guard: SessionGuard,
}

/// The recovery folder, as seen by one running session. Cheap to clone.
#[derive(Clone, Debug)]
pub struct RecoveryStore {
    inner: Arc<StoreInner>,
}

impl RecoveryStore {
    /// `<data dir>/recovery`, where journals normally live.
    pub fn default_dir() -> Option<PathBuf> {
        crate::storage::paths::data_dir().map(|d| d.join("recovery"))
    }

    /// Opens (creating if needed) the recovery folder and starts this session: from now until the
    /// last clone of the store is dropped, or the process ends, other sessions do not offer this
    /// session's journals.
    pub fn new(dir: PathBuf) -> Result<RecoveryStore, RecoveryError> {
        let folder_error = |source| RecoveryError::Folder {
            dir: dir.clone(),
            source,
        };
        let sessions = dir.join("sessions");
        fs::create_dir_all(&sessions).map_err(folder_error)?;
        let session = format!(
            "s{:x}x{:x}",
            std::process::id(),
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        );
        // Lock under a temporary name and only then give it its real name, so no other session
        // ever sees the session file unlocked.
        let temp = sessions.join(format!(".{session}.tmp"));
        let file = fs::File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(folder_error)?;
        file.try_lock().map_err(|err| {
            let _ = fs::remove_file(&temp);
            folder_error(io::Error::from(err))
        })?;
        let path = sessions.join(format!("{session}.lock"));
        let _ = writeln!(&file, "pid {}", std::process::id());
        fs::rename(&temp, &path).map_err(|err| {
            let _ = fs::remove_file(&temp);
            folder_error(err)
        })?;
        Ok(RecoveryStore {
            inner: Arc::new(StoreInner {
                dir,
                session,
                _guard: SessionGuard { path, file },
            }),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    /// This session's id.
    pub fn session(&self) -> &str {
        &self.inner.session
    }

    /// Where this session keeps the journal of `id`.
    pub fn journal_path(&self, id: &JournalId) -> PathBuf {
        self.inner.dir.join(format!(
            "{}--{}.{EXTENSION}",
            self.inner.session,
            id.as_str()
        ))
    }

    /// Writes a journal now, on the calling thread (the writer thread uses this).
    pub fn write_journal(
        &self,
        id: &JournalId,
        meta: &JournalMeta,
        project: &Project,
    ) -> Result<(), RecoveryError> {
        let file = self.journal_path(id);
        let text = journal_text(&self.inner.session, id, meta, project).map_err(|err| {
            RecoveryError::Write {
                file: file.clone(),
                source: io::Error::other(err),
            }
        })?;
        write_atomically(&file, text.as_bytes())
            .map_err(|source| RecoveryError::Write { file, source })
    }

    /// Removes this session's journal of `id`, if there is one.
    pub fn remove_journal(&self, id: &JournalId) -> Result<(), RecoveryError> {
        remove_if_present(&self.journal_path(id))
    }

    /// Journals left by sessions that are no longer running, newest change first, including
    /// damaged ones (each with its problem). Damaged journals found now are renamed `.damaged`
    /// and kept. Blocking file work: run it on a worker thread at start-up.
    pub fn pending(&self) -> Vec<RecoveryEntry> {
        util::remove_stale_temp_files(&self.inner.dir, STALE_TEMP_AGE);
        let Ok(listing) = fs::read_dir(&self.inner.dir) else {
            return Vec::new();
        };
        let mut entries = Vec::new();
        let mut live = BTreeMap::<String, bool>::new();
        for item in listing.filter_map(Result::ok) {
            let path = item.path();
            let Some(name) = item.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let damaged = name.ends_with(DAMAGED_SUFFIX);
            let base = name.strip_suffix(DAMAGED_SUFFIX).unwrap_or(&name);
            let Some((session, id)) = split_journal_name(base) else {
                continue;
            };
            if session == self.inner.session {
                continue;
            }
            if !damaged {
                let is_live = *live
                    .entry(session.to_owned())
                    .or_insert_with(|| self.session_is_live(session));
                if is_live {
                    continue;
                }
            }
            match check_journal(&path) {
                Ok((header, _)) => entries.push(RecoveryEntry {
                    size: file_size(&path),
                    file: path,
                    id: Some(id),
                    meta: Some(header.meta),
                    problem: None,
                }),
                Err(Damage::Vanished) => {}
                Err(Damage::Newer(meta)) => entries.push(RecoveryEntry {
                    size: file_size(&path),
                    file: path,
                    id: Some(id),
                    meta: meta.map(|m| *m),
                    problem: Some("it was written by a newer version of Hazard Workshop".into()),
                }),
                Err(Damage::Bad { meta, problem }) => {
                    let kept = if damaged { path } else { keep_aside(&path) };
                    entries.push(RecoveryEntry {
                        size: file_size(&kept),
                        file: kept,
                        id: Some(id),
                        meta: meta.map(|m| *m),
                        problem: Some(problem),
                    });
                }
            }
        }
        self.remove_dead_session_files();
        self.prune_discarded(KEEP_DISCARDED_FOR);
        entries.sort_by(|a, b| {
            let time = |e: &RecoveryEntry| e.meta.as_ref().map(|m| m.last_change);
            time(b).cmp(&time(a)).then_with(|| a.file.cmp(&b.file))
        });
        entries
    }

    /// Reads back the project of a pending journal, exactly as it was journalled.
    pub fn restore(&self, entry: &RecoveryEntry) -> Result<Project, RecoveryError> {
        if let Some(problem) = &entry.problem {
            return Err(RecoveryError::Damaged {
                file: entry.file.clone(),
                problem: problem.clone(),
            });
        }
        match check_journal(&entry.file) {
            Ok((_, project)) => Ok(project),
            Err(Damage::Vanished) => Err(RecoveryError::Gone {
                file: entry.file.clone(),
            }),
            Err(Damage::Newer(_)) => Err(RecoveryError::Damaged {
                file: entry.file.clone(),
                problem: "it was written by a newer version of Hazard Workshop".into(),
            }),
            Err(Damage::Bad { problem, .. }) => Err(RecoveryError::Damaged {
                file: entry.file.clone(),
                problem,
            }),
        }
    }

    /// Deletes a pending journal (restored and safe elsewhere, or the user chose to discard it),
    /// damaged or not.
    pub fn discard(&self, entry: &RecoveryEntry) -> Result<(), RecoveryError> {
        remove_if_present(&entry.file)
    }

    /// Where work the user discarded in the "restore or discard?" question is kept for
    /// [`KEEP_DISCARDED_FOR`]: `<recovery>/discarded`.
    pub fn discarded_dir(&self) -> PathBuf {
        self.inner.dir.join(DISCARDED_FOLDER)
    }

    /// The user chose to discard a pending journal: it is no longer offered, but kept in
    /// [`RecoveryStore::discarded_dir`] for [`KEEP_DISCARDED_FOR`] (named with the time it was
    /// discarded), so one click does not delete recoverable work. Returns where it is kept.
    pub fn set_aside(&self, entry: &RecoveryEntry) -> Result<PathBuf, RecoveryError> {
        let folder = self.discarded_dir();
        fs::create_dir_all(&folder).map_err(|source| RecoveryError::Folder {
            dir: folder.clone(),
            source,
        })?;
        let name = entry.file.file_name().unwrap_or_default().to_string_lossy();
        let kept = folder.join(format!(
            "{}--{name}",
            chrono::Utc::now().format(DISCARDED_TIME_FORMAT)
        ));
        match fs::rename(&entry.file, &kept) {
            Ok(()) => Ok(kept),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Err(RecoveryError::Gone {
                file: entry.file.clone(),
            }),
            Err(source) => Err(RecoveryError::Remove {
                file: entry.file.clone(),
                source,
            }),
        }
    }

    /// Deletes discarded work set aside longer than `keep` ago. Files not named by
    /// [`RecoveryStore::set_aside`] are left alone.
    pub fn prune_discarded(&self, keep: Duration) {
        let Ok(listing) = fs::read_dir(self.discarded_dir()) else {
            return;
        };
        let cutoff = chrono::Utc::now() - chrono::Duration::from_std(keep).unwrap_or_default();
        for item in listing.filter_map(Result::ok) {
            let name = item.file_name().to_string_lossy().into_owned();
            let discarded_at = name.split_once("--").and_then(|(time, _)| {
                chrono::NaiveDateTime::parse_from_str(time, DISCARDED_TIME_FORMAT).ok()
            });
            if discarded_at.is_some_and(|at| at.and_utc() < cutoff) {
                let _ = fs::remove_file(item.path());
            }
        }
    }

    /// Whether the session that wrote a journal is still running.
    fn session_is_live(&self, session: &str) -> bool {
        let path = self
            .inner
            .dir
            .join("sessions")
            .join(format!("{session}.lock"));
        let file = match fs::File::options().read(true).write(true).open(&path) {
            Ok(file) => file,
            // No session file: the session ended (cleanly, leaving journals it did not discard,
            // or its file was cleaned up after it died).
            Err(err) if err.kind() == io::ErrorKind::NotFound => return false,
            Err(_) => return self.session_pid_alive(session),
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = file.unlock();
                false
            }
            Err(fs::TryLockError::WouldBlock) => true,
            // A file system without locks: fall back on whether its process runs.
            Err(fs::TryLockError::Error(_)) => self.session_pid_alive(session),
        }
    }

    fn session_pid_alive(&self, session: &str) -> bool {
        let pid = session
            .strip_prefix('s')
            .and_then(|rest| rest.split('x').next())
            .and_then(|hex| u32::from_str_radix(hex, 16).ok());
        pid.is_some_and(|pid| util::process_alive(pid) == Some(true))
    }

    /// Removes the session files of sessions that are gone and have no journal left.
    fn remove_dead_session_files(&self) {
        let sessions = self.inner.dir.join("sessions");
        let Ok(listing) = fs::read_dir(&sessions) else {
            return;
        };
        let journals: Vec<String> = fs::read_dir(&self.inner.dir)
            .map(|l| {
                l.filter_map(Result::ok)
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.ends_with(&format!(".{EXTENSION}")))
                    .collect()
            })
            .unwrap_or_default();
        for item in listing.filter_map(Result::ok) {
            let name = item.file_name().to_string_lossy().into_owned();
            let Some(session) = name.strip_suffix(".lock") else {
                if name.starts_with('.') && name.ends_with(".tmp") {
                    remove_stale_temp(&item.path());
                }
                continue;
            };
            if session == self.inner.session
                || journals
                    .iter()
                    .any(|j| j.starts_with(&format!("{session}--")))
            {
                continue;
            }
            let Ok(file) = fs::File::options().read(true).write(true).open(item.path()) else {
                continue;
            };
            if file.try_lock().is_ok() {
                let _ = fs::remove_file(item.path());
                let _ = file.unlock();
            }
        }
    }
}

fn file_size(path: &Path) -> u64 {
    fs::metadata(path).map_or(0, |m| m.len())
}

fn remove_if_present(file: &Path) -> Result<(), RecoveryError> {
    match fs::remove_file(file) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(RecoveryError::Remove {
            file: file.to_path_buf(),
            source,
        }),
    }
}

fn remove_stale_temp(path: &Path) {
    let old = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_TEMP_AGE);
    if old {
        let _ = fs::remove_file(path);
    }
}
/// Renames a damaged journal to `….damaged` (never over another file); returns where it is.
fn keep_aside(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(DAMAGED_SUFFIX);
    let mut target = PathBuf::from(&name);
    for n in 2..100 {
        if !target.exists() {
            break;
        }
        let mut numbered = path.as_os_str().to_owned();
        numbered.push(format!(".{n}{DAMAGED_SUFFIX}"));
        target = PathBuf::from(numbered);
    }
    match fs::rename(path, &target) {
        Ok(()) => target,
        Err(err) => {
            log::warn!(
                "Could not set aside the damaged journal {}: {err}",
                path.display()
            );
            path.to_path_buf()
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::test_support::{meta, project};
    use super::*;

    #[test]
    fn a_journal_restores_the_exact_project_and_its_meta() {
        let dir = tempfile::tempdir().unwrap();
        let first = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        let id = JournalId::untitled();
        let m = meta("log");
        first.write_journal(&id, &m, &project("unsaved")).unwrap();
        let text = fs::read_to_string(first.journal_path(&id)).unwrap();
        assert!(text.contains("=== project ===\n// Hazard Workshop project file"));

        let second = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        assert!(
            second.pending().is_empty(),
            "the first session is still running"
        );
        drop(first);
        let pending = second.pending();
        assert_eq!(pending.len(), 1);
        assert!(pending[0].is_restorable());
        assert_eq!(pending[0].meta.as_ref(), Some(&m));
        assert_eq!(pending[0].id.as_ref(), Some(&id));
        assert!(pending[0].describe().contains("log"));
        assert_eq!(second.restore(&pending[0]).unwrap(), project("unsaved"));
        second.discard(&pending[0]).unwrap();
        assert!(second.pending().is_empty());
        // The ended session's file was tidied away.
        let sessions: Vec<_> = fs::read_dir(dir.path().join("sessions")).unwrap().collect();
        assert_eq!(sessions.len(), 1, "only the running session's file is left");
    }

    #[test]
    fn a_session_does_not_offer_its_own_journals() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        store
            .write_journal(&JournalId::untitled(), &meta("x"), &project("x"))
            .unwrap();
        assert!(store.pending().is_empty());
    }

    /// Writes a journal as a session that has ended, then lets `damage` change its bytes.
    pub(crate) fn ended_session_journal(dir: &Path, damage: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
        let store = RecoveryStore::new(dir.to_path_buf()).unwrap();
        let id = JournalId::untitled();
        store
            .write_journal(&id, &meta("log"), &project("unsaved"))
            .unwrap();
        let path = store.journal_path(&id);
        let mut bytes = fs::read(&path).unwrap();
        damage(&mut bytes);
        fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn damaged_journals_are_kept_aside_and_reported() {
        type Damager = Box<dyn FnOnce(&mut Vec<u8>)>;
        let cases: Vec<(&str, Damager)> = vec![
            (
                "truncated",
                Box::new(|b: &mut Vec<u8>| b.truncate(b.len() - 40)),
            ),
            (
                "checksum",
                Box::new(|b: &mut Vec<u8>| {
                    let at = b.len() - 30;
                    b[at] = if b[at] == b'x' { b'y' } else { b'x' };
                }),
            ),
            ("no project", Box::new(|b: &mut Vec<u8>| b.truncate(200))),
            (
                "binary",
                Box::new(|b: &mut Vec<u8>| *b = vec![0xff, 0xfe, 0, 1, 2]),
            ),
            ("empty", Box::new(|b: &mut Vec<u8>| b.clear())),
            (
                "header",
                Box::new(|b: &mut Vec<u8>| {
                    let text = String::from_utf8(b.clone()).unwrap().replacen(
                        "journal_format: 1",
                        "journal_format: \"x\"",
                        1,
                    );
                    *b = text.into_bytes();
                }),
            ),
        ];
        for (what, damage) in cases {
            let dir = tempfile::tempdir().unwrap();
            let original = ended_session_journal(dir.path(), damage);
            let damaged_bytes = fs::read(&original).unwrap();
            let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
            let pending = store.pending();
            assert_eq!(pending.len(), 1, "{what}");
            let entry = &pending[0];
            assert!(!entry.is_restorable(), "{what}");
            assert!(
                entry.file.to_string_lossy().ends_with(".journal.damaged"),
                "{what}: {:?}",
                entry.file
            );
            assert_eq!(
                fs::read(&entry.file).unwrap(),
                damaged_bytes,
                "{what}: kept as it was"
            );
            assert!(!original.exists());
            assert!(
                matches!(store.restore(entry), Err(RecoveryError::Damaged { .. })),
                "{what}"
            );
            assert!(entry.describe().contains("cannot be restored"), "{what}");
            // Reported again next time, until the user discards it.
            assert_eq!(store.pending(), pending, "{what}");
            store.discard(entry).unwrap();
            assert!(store.pending().is_empty(), "{what}");
        }
    }

    #[test]
    fn restored_work_is_saved_against_the_file_as_it_was_when_journalled() {
        use crate::storage::backup::BackupPolicy;
        use crate::storage::save::{self, SaveError};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.hazlog");
        save::save_project(&project("opened"), &path, None, &BackupPolicy::none()).unwrap();
        let opened = save::open_project(&path).unwrap();
        {
            let session = RecoveryStore::new(dir.path().join("recovery")).unwrap();
            let meta = JournalMeta::new(Some(path.clone()), "log", chrono::Utc::now())
                .with_disk_stamp(Some(opened.stamp.clone()));
            session
                .write_journal(&JournalId::for_path(&path), &meta, &project("mine"))
                .unwrap();
        }
        // After the crash, and before the restore, a colleague saves their version.
        save::save_project(&project("theirs"), &path, None, &BackupPolicy::none()).unwrap();

        let store = RecoveryStore::new(dir.path().join("recovery")).unwrap();
        let pending = store.pending();
        assert_eq!(pending[0].disk_stamp(), Some(&opened.stamp));
        let restored = store.restore(&pending[0]).unwrap();
        let err = save::save_project(
            &restored,
            &path,
            pending[0].disk_stamp(),
            &BackupPolicy::none(),
        )
        .unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(
            crate::storage::project_file::load(&path).unwrap(),
            project("theirs")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_unicode_is_journalled_exactly() {
        use std::os::unix::ffi::OsStringExt as _;
        let dir = tempfile::tempdir().unwrap();
        let odd = dir
            .path()
            .join(std::ffi::OsString::from_vec(b"x\xff.hazlog".to_vec()));
        let meta = JournalMeta::new(Some(odd.clone()), "x?.hazlog", chrono::Utc::now());
        {
            let session = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
            session
                .write_journal(&JournalId::for_path(&odd), &meta, &project("unsaved"))
                .unwrap();
        }
        let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        let pending = store.pending();
        assert_eq!(pending.len(), 1);
        assert_eq!(
            pending[0].meta.as_ref().unwrap().project_path.as_deref(),
            Some(odd.as_path())
        );
    }

    #[test]
    fn discarded_work_is_kept_aside_for_a_while_then_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let original = ended_session_journal(dir.path(), |_| {});
        let journalled = fs::read(&original).unwrap();
        let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        let pending = store.pending();
        let kept = store.set_aside(&pending[0]).unwrap();
        assert!(store.pending().is_empty(), "no longer offered");
        assert!(!original.exists());
        assert_eq!(kept.parent(), Some(store.discarded_dir().as_path()));
        assert_eq!(fs::read(&kept).unwrap(), journalled, "kept whole");
        // Not pruned while young; pruned once older than the time kept.
        store.prune_discarded(KEEP_DISCARDED_FOR);
        assert!(kept.exists());
        let stranger = store.discarded_dir().join("notes.txt");
        fs::write(&stranger, "x").unwrap();
        std::thread::sleep(Duration::from_millis(1100));
        store.prune_discarded(Duration::ZERO);
        assert!(!kept.exists());
        assert!(stranger.exists(), "only files it set aside");
    }
}
