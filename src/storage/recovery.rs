//! The recovery journal: unsaved work kept on disk so that a crash, a killed process or a power
//! cut loses at most the last second or two of typing.
//!
//! While a document has unsaved changes the app hands snapshots of it to a [`RecoveryWriter`]
//! ([`RecoveryWriter::submit`], every second or two while the document's revision changes). A
//! background thread writes the latest snapshot of each document to a journal file in the
//! recovery folder (`<data dir>/recovery`), atomically, so a journal is always a whole snapshot.
//! After a save, or when the user discards the changes, the app calls
//! [`RecoveryWriter::discard`] and the journal goes. So at a clean exit no journal is left.
//!
//! At start-up, [`RecoveryStore::pending`] lists the journals that sessions which did not exit
//! cleanly left behind, for the "restore or discard?" question. Journals of another Hazard
//! Workshop that is still running are never offered: each session holds an operating-system
//! lock on its own session file (`recovery/sessions/<session>.lock`) for as long as it runs, and
//! a journal is only offered when its session's lock is free (the OS drops it when the process
//! ends, however it ends).
//!
//! A journal that cannot be read back exactly (damaged on disk, cut short, or its checksum does
//! not match) is never deleted by the app and never panicked on: it is renamed
//! `….journal.damaged`, kept, and listed with the problem until the user discards it.
//!
//! A journal file is plain text: a header (what, where, when, which app, checksum) and, after the
//! line `=== project ===`, the project exactly as [`project_file::to_text`] writes it, so in an
//! emergency it can be turned into a `.hazlog` file by hand.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, TryLockError};
use std::thread::ThreadId;
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::project_file::{self, LoadError, write_atomically};
use super::util;
use crate::domain::Project;

/// The journal format this build writes and reads.
const JOURNAL_FORMAT: u32 = 1;
const EXTENSION: &str = "journal";
const DAMAGED_SUFFIX: &str = ".damaged";
const MARKER: &str = "\n=== project ===\n";
const PREAMBLE: &str = "// Hazard Workshop recovery journal: unsaved work, kept in case the app stopped unexpectedly.\n\
                        // The project follows the line \"=== project ===\"; that part alone is a .hazlog file.\n";
/// Temporary files older than this in the recovery folder are left-overs of a killed write.
const STALE_TEMP_AGE: Duration = Duration::from_secs(10 * 60);

/// Which document a journal belongs to. Stable for a saved file (derived from its path, so the
/// same file gets the same id); unique for an untitled document. One open document per id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JournalId(String);

impl JournalId {
    /// The id of the document saved at `path` (from a hash of its normalised path).
    pub fn for_path(path: &Path) -> JournalId {
        JournalId(format!("p{}", util::path_hash(path)))
    }

    /// A fresh id for a document that has no file yet (new, imported, restored).
    pub fn untitled() -> JournalId {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        JournalId(format!(
            "u{:x}{:x}{:x}",
            std::process::id(),
            nanos & 0xffff_ffff_ffff,
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An id read back from a file name; only the characters ids are made of.
    fn parse(text: &str) -> Option<JournalId> {
        let valid = !text.is_empty()
            && text.len() <= 64
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        valid.then(|| JournalId(text.to_owned()))
    }
}

impl std::fmt::Display for JournalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a journal is of, for the "restore or discard?" question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalMeta {
    /// Where the document was saved, if it ever was.
    pub project_path: Option<PathBuf>,
    /// The name the user knows it by (the file name, or "Untitled").
    pub display_name: String,
    /// When the journalled change was made.
    pub last_change: DateTime<Utc>,
    /// The Hazard Workshop that wrote the journal.
    pub app_version: String,
}

impl JournalMeta {
    /// Meta for a change made at `last_change`, written by this version of the app.
    pub fn new(
        project_path: Option<PathBuf>,
        display_name: impl Into<String>,
        last_change: DateTime<Utc>,
    ) -> JournalMeta {
        JournalMeta {
            project_path,
            display_name: display_name.into(),
            last_change,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// The header of a journal file.
#[derive(Serialize, Deserialize)]
#[serde(rename = "RecoveryJournal")]
struct JournalHeader {
    journal_format: u32,
    session: String,
    id: String,
    meta: JournalMeta,
    project_len: u64,
    project_sha256: String,
}

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

/// A recovery problem, phrased for the user.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error("The recovery folder “{}” cannot be used: {source}", dir.display())]
    Folder {
        dir: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("Could not write the recovery journal “{}”: {source}", file.display())]
    Write {
        file: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("The recovery journal “{}” cannot be restored: {problem}", file.display())]
    Damaged { file: PathBuf, problem: String },
    #[error("The recovery journal “{}” is no longer there (restored or discarded elsewhere?)", file.display())]
    Gone { file: PathBuf },
    #[error("Could not remove the recovery journal “{}”: {source}", file.display())]
    Remove {
        file: PathBuf,
        #[source]
        source: io::Error,
    },
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
        super::paths::data_dir().map(|d| d.join("recovery"))
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
        self.inner
            .dir
            .join(format!("{}--{}.{EXTENSION}", self.inner.session, id.0))
    }

    /// Writes a journal now, on the calling thread (the writer thread uses this).
    pub fn write_journal(
        &self,
        id: &JournalId,
        meta: &JournalMeta,
        project: &Project,
    ) -> Result<(), RecoveryError> {
        let file = self.journal_path(id);
        let text = journal_text(&self.inner.session, id, meta, project);
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
            if name.starts_with(".hazard-workshop-") && name.ends_with(".tmp") {
                remove_stale_temp(&path);
                continue;
            }
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
                    meta,
                    problem: Some("it was written by a newer version of Hazard Workshop".into()),
                }),
                Err(Damage::Bad { meta, problem }) => {
                    let kept = if damaged { path } else { keep_aside(&path) };
                    entries.push(RecoveryEntry {
                        size: file_size(&kept),
                        file: kept,
                        id: Some(id),
                        meta,
                        problem: Some(problem),
                    });
                }
            }
        }
        self.remove_dead_session_files();
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

/// `<session>--<id>.journal` → (session, id).
fn split_journal_name(name: &str) -> Option<(&str, JournalId)> {
    let stem = name.strip_suffix(&format!(".{EXTENSION}"))?;
    let (session, id) = stem.split_once("--")?;
    let session_ok = session.len() <= 64
        && session.starts_with('s')
        && session.chars().all(|c| c.is_ascii_alphanumeric());
    session_ok.then_some(())?;
    Some((session, JournalId::parse(id)?))
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

fn journal_text(session: &str, id: &JournalId, meta: &JournalMeta, project: &Project) -> String {
    let project_text = project_file::to_text(project);
    let mut header = JournalHeader {
        journal_format: JOURNAL_FORMAT,
        session: session.to_owned(),
        id: id.0.clone(),
        meta: meta.clone(),
        project_len: project_text.len() as u64,
        project_sha256: util::hex(&util::sha256(project_text.as_bytes())),
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ");
    let header_text = ron::ser::to_string_pretty(&header, config.clone()).unwrap_or_else(|_| {
        // Only a path that is not valid Unicode fails to serialise: journal the work without it
        // (the user is asked where to save it on restore) rather than not at all.
        header.meta.project_path = None;
        ron::ser::to_string_pretty(&header, config).expect("a header without a path serialises")
    });
    format!("{PREAMBLE}{header_text}{MARKER}{project_text}")
}

enum Damage {
    /// The file disappeared while being read (another session restored or discarded it).
    Vanished,
    /// Written by a newer journal format: left alone for that version.
    Newer(Option<JournalMeta>),
    Bad {
        meta: Option<JournalMeta>,
        problem: String,
    },
}

/// Reads a journal and checks it whole: header, length, checksum, and that the project parses.
fn check_journal(path: &Path) -> Result<(JournalHeader, Project), Damage> {
    let bad = |meta: Option<JournalMeta>, problem: &str| Damage::Bad {
        meta,
        problem: problem.to_owned(),
    };
    let bytes = match project_file::read_bounded(path) {
        Ok(bytes) => bytes,
        Err(LoadError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Err(Damage::Vanished);
        }
        Err(err) => return Err(bad(None, &err.to_string())),
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(bad(None, "it is not text"));
    };
    let Some(split) = text.find(MARKER) else {
        return Err(bad(None, "it is cut short: the project is missing"));
    };
    let header: JournalHeader = match ron::from_str(&text[..split]) {
        Ok(header) => header,
        Err(err) => {
            return Err(bad(None, &format!("its header is damaged ({})", err.code)));
        }
    };
    if header.journal_format > JOURNAL_FORMAT {
        return Err(Damage::Newer(Some(header.meta)));
    }
    let project_text = &text[split + MARKER.len()..];
    if project_text.len() as u64 != header.project_len {
        return Err(bad(
            Some(header.meta),
            "it is cut short or has been changed: its length does not match",
        ));
    }
    if util::hex(&util::sha256(project_text.as_bytes())) != header.project_sha256 {
        return Err(bad(
            Some(header.meta),
            "it has been damaged: its checksum does not match",
        ));
    }
    match project_file::from_text(project_text, path) {
        Ok(project) => Ok((header, project)),
        Err(err) => Err(bad(Some(header.meta), &err.to_string())),
    }
}

// ---------------------------------------------------------------------------------------------
// The background writer

enum Job {
    Write(JournalMeta, std::sync::Arc<Project>),
    Discard,
}

#[derive(Default)]
struct WriterState {
    queue: BTreeMap<JournalId, Job>,
    /// The thread is working on jobs taken from the queue.
    busy: bool,
    /// No handle is left: finish the queue and stop.
    stop: bool,
    last_error: Option<String>,
}

struct Shared {
    store: RecoveryStore,
    state: Mutex<WriterState>,
    wake: Condvar,
    thread: OnceLock<ThreadId>,
}

impl Shared {
    /// The state, whatever happened to other holders (a panic elsewhere does not stop journalling).
    fn lock(&self) -> MutexGuard<'_, WriterState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn try_lock(&self) -> Option<MutexGuard<'_, WriterState>> {
        match self.state.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        }
    }

    /// Does one batch of jobs; those that failed go back on the queue unless a newer job for the
    /// same document came in meanwhile. Returns whether all succeeded.
    fn run(&self, batch: BTreeMap<JournalId, Job>) -> bool {
        let mut failed = Vec::new();
        let mut error = None;
        for (id, job) in batch {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &job {
                Job::Write(meta, project) => self.store.write_journal(&id, meta, project),
                Job::Discard => self.store.remove_journal(&id),
            }));
            match result {
                Ok(Ok(())) => {}
                Ok(Err(err)) => {
                    log::warn!("{err}");
                    error = Some(err.to_string());
                    failed.push((id, job));
                }
                Err(_) => {
                    error = Some(format!("writing the recovery journal of {id} failed"));
                }
            }
        }
        let all_ok = failed.is_empty();
        let mut state = self.lock();
        for (id, job) in failed {
            state.queue.entry(id).or_insert(job);
        }
        if all_ok {
            state.last_error = None;
        } else if error.is_some() {
            state.last_error = error;
        }
        all_ok
    }
}

/// Keeps the background thread alive while any [`RecoveryWriter`] clone exists.
struct Handle {
    shared: Arc<Shared>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.wake.notify_all();
    }
}

/// Writes journals on a background thread. Cheap to clone; every method returns at once except
/// [`RecoveryWriter::flush_blocking`].
#[derive(Clone)]
pub struct RecoveryWriter {
    handle: Arc<Handle>,
}

impl std::fmt::Debug for RecoveryWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoveryWriter")
            .field("dir", &self.handle.shared.store.dir())
            .finish_non_exhaustive()
    }
}

/// After a failed write, wait this long before trying again.
const RETRY_AFTER: Duration = Duration::from_secs(2);

impl RecoveryWriter {
    /// Starts the writer thread for this session's store.
    pub fn spawn(store: RecoveryStore) -> RecoveryWriter {
        let shared = Arc::new(Shared {
            store,
            state: Mutex::new(WriterState::default()),
            wake: Condvar::new(),
            thread: OnceLock::new(),
        });
        let for_thread = shared.clone();
        let thread = std::thread::Builder::new()
            .name("hazard-workshop-recovery".into())
            .spawn(move || writer_loop(&for_thread))
            .expect("the OS can start a thread");
        let _ = shared.thread.set(thread.thread().id());
        RecoveryWriter {
            handle: Arc::new(Handle { shared }),
        }
    }

    fn shared(&self) -> &Shared {
        &self.handle.shared
    }

    pub fn store(&self) -> &RecoveryStore {
        &self.shared().store
    }

    /// Journals this snapshot of a document (replacing any not yet written). Does no file work on
    /// the calling thread; the snapshot is serialised and written on the writer thread.
    /// `project` is usually a shared snapshot (`Document::snapshot`), so submitting copies
    /// nothing on the caller's thread.
    pub fn submit(
        &self,
        id: &JournalId,
        meta: JournalMeta,
        project: impl Into<std::sync::Arc<Project>>,
    ) {
        let shared = self.shared();
        shared
            .lock()
            .queue
            .insert(id.clone(), Job::Write(meta, project.into()));
        shared.wake.notify_all();
    }

    /// Removes the journal of a document (after a clean save, or when its changes are discarded
    /// or it is closed), cancelling any snapshot not yet written.
    pub fn discard(&self, id: &JournalId) {
        let shared = self.shared();
        shared.lock().queue.insert(id.clone(), Job::Discard);
        shared.wake.notify_all();
    }

    /// Waits until everything submitted so far is on disk, at most `timeout`; returns whether it
    /// all is. For the exit and panic paths. Safe to call from the writer thread itself (it then
    /// writes the queue inline) and from a panic hook.
    pub fn flush_blocking(&self, timeout: Duration) -> bool {
        let shared = self.shared();
        let deadline = Instant::now() + timeout;
        if shared.thread.get() == Some(&std::thread::current().id()) {
            let batch = match shared.try_lock() {
                Some(mut state) => std::mem::take(&mut state.queue),
                None => return false,
            };
            return shared.run(batch);
        }
        shared.wake.notify_all();
        loop {
            // try_lock, not lock: a panic hook must never wait on a lock its own thread holds.
            if let Some(state) = shared.try_lock()
                && state.queue.is_empty()
                && !state.busy
            {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// The last write that failed (disk full, folder gone…), until a later write succeeds: show
    /// it, because unsaved work is then not protected.
    pub fn last_error(&self) -> Option<String> {
        self.shared().lock().last_error.clone()
    }

    /// Restores a pending journal into this session: reads it, journals it again as this
    /// session's (synchronously, so it is never unprotected), then discards the old journal.
    /// Open the returned project as an unsaved document with the returned id.
    pub fn adopt(&self, entry: &RecoveryEntry) -> Result<Adopted, RecoveryError> {
        let store = self.store();
        let project = store.restore(entry)?;
        let meta = entry.meta.clone().ok_or_else(|| RecoveryError::Damaged {
            file: entry.file.clone(),
            problem: "its description is missing".into(),
        })?;
        let id = match &meta.project_path {
            Some(path) => JournalId::for_path(path),
            None => JournalId::untitled(),
        };
        store.write_journal(&id, &meta, &project)?;
        store.discard(entry)?;
        Ok(Adopted { id, meta, project })
    }
}

/// A journal restored into this session by [`RecoveryWriter::adopt`].
#[derive(Clone, Debug, PartialEq)]
pub struct Adopted {
    pub id: JournalId,
    pub meta: JournalMeta,
    pub project: Project,
}

fn writer_loop(shared: &Shared) {
    let mut retry_at: Option<Instant> = None;
    loop {
        let batch = {
            let mut state = shared.lock();
            loop {
                let waiting_for_retry = retry_at.is_some_and(|t| Instant::now() < t);
                if !state.queue.is_empty() && (!waiting_for_retry || state.stop) {
                    break;
                }
                if state.queue.is_empty() && state.stop {
                    return;
                }
                state = match retry_at {
                    Some(t) if waiting_for_retry => {
                        shared
                            .wake
                            .wait_timeout(state, t.saturating_duration_since(Instant::now()))
                            .unwrap_or_else(|e| e.into_inner())
                            .0
                    }
                    _ => shared.wake.wait(state).unwrap_or_else(|e| e.into_inner()),
                };
            }
            state.busy = true;
            std::mem::take(&mut state.queue)
        };
        let ok = shared.run(batch);
        let mut state = shared.lock();
        state.busy = false;
        if ok {
            retry_at = None;
        } else if state.stop {
            // Shutting down: one more try, then give up rather than spin.
            if retry_at.is_some() {
                state.queue.clear();
            }
            retry_at = Some(Instant::now());
        } else {
            retry_at = Some(Instant::now() + RETRY_AFTER);
        }
    }
}

/// When to hand the writer a new snapshot: when the document has unsaved changes that are not
/// journalled yet, at most once per `interval` (a second or two). Call [`RecoveryPacer::due`]
/// each frame; while it has a change waiting, [`RecoveryPacer::wake_in`] says when to repaint so
/// the last change of a burst is journalled even if the user then stops typing.
#[derive(Clone, Debug)]
pub struct RecoveryPacer {
    interval: Duration,
    journalled_revision: Option<u64>,
    last_submit: Option<Instant>,
}

impl RecoveryPacer {
    pub fn new(interval: Duration) -> RecoveryPacer {
        RecoveryPacer {
            interval,
            journalled_revision: None,
            last_submit: None,
        }
    }

    /// Whether to submit the document now (`revision` and `dirty` as the document reports
    /// them). A true answer counts as submitted.
    pub fn due(&mut self, revision: u64, dirty: bool, now: Instant) -> bool {
        if !dirty || self.journalled_revision == Some(revision) {
            return false;
        }
        let waited = self
            .last_submit
            .is_none_or(|t| now.saturating_duration_since(t) >= self.interval);
        if waited {
            self.journalled_revision = Some(revision);
            self.last_submit = Some(now);
        }
        waited
    }

    /// How long until a change that is waiting becomes due; `None` when nothing waits.
    pub fn wake_in(&self, revision: u64, dirty: bool, now: Instant) -> Option<Duration> {
        if !dirty || self.journalled_revision == Some(revision) {
            return None;
        }
        Some(self.last_submit.map_or(Duration::ZERO, |t| {
            self.interval
                .saturating_sub(now.saturating_duration_since(t))
        }))
    }

    /// Forget what was journalled: after the journal was discarded (saved, closed, another
    /// document opened).
    pub fn reset(&mut self) {
        self.journalled_revision = None;
    }
}

// ---------------------------------------------------------------------------------------------
// Crash handling

/// Where a crash leaves its traces, for "the app closed unexpectedly: the log is at …, your work
/// was kept in …".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrashPaths {
    pub log: PathBuf,
    pub recovery_dir: PathBuf,
}

/// The default crash log: `<data dir>/crash.log`.
pub fn default_crash_log() -> Option<PathBuf> {
    super::paths::data_dir().map(|d| d.join("crash.log"))
}

/// On a panic, anywhere in the app: writes every journal snapshot already submitted (waiting up
/// to 5 s), appends the message, location and backtrace to `log_path`, then runs the panic hook
/// that was installed before (so the usual message still appears). Returns where the log and the
/// journals are.
///
/// Changes made since the last [`RecoveryWriter::submit`] are not in the journal: the hook cannot
/// safely read a document the panicking thread may have been changing.
pub fn install_panic_hook(writer: RecoveryWriter, log_path: PathBuf) -> CrashPaths {
    let paths = CrashPaths {
        log: log_path.clone(),
        recovery_dir: writer.store().dir().to_path_buf(),
    };
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Capturing is cheap; turning addresses into names is not, so that waits until the
        // unsaved work is safe.
        let backtrace = std::backtrace::Backtrace::force_capture();
        writer.flush_blocking(Duration::from_secs(5));
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        let location = info
            .location()
            .map_or_else(|| "unknown place".to_owned(), |l| l.to_string());
        let thread = std::thread::current();
        let report = format!(
            "==== {} Hazard Workshop {} crashed ====\nthread: {}\nmessage: {message}\nat: {location}\nbacktrace:\n{backtrace}\n",
            Utc::now().to_rfc3339(),
            env!("CARGO_PKG_VERSION"),
            thread.name().unwrap_or("unnamed"),
        );
        if let Some(folder) = log_path.parent() {
            let _ = fs::create_dir_all(folder);
        }
        if let Ok(mut file) = fs::File::options()
            .create(true)
            .append(true)
            .open(&log_path)
        {
            let _ = file.write_all(report.as_bytes());
            let _ = file.sync_all();
        }
        previous(info);
    }));
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Hazard, HazardKey};

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

    fn meta(name: &str) -> JournalMeta {
        JournalMeta::new(
            Some(PathBuf::from(format!("/logs/{name}.hazlog"))),
            name,
            Utc::now(),
        )
    }

    #[test]
    fn the_pacer_submits_changes_at_most_once_an_interval_and_never_drops_the_last() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let mut pacer = RecoveryPacer::new(Duration::from_secs(1));
        assert!(!pacer.due(0, false, at(0)), "nothing unsaved");
        assert_eq!(pacer.wake_in(0, false, at(0)), None);
        assert!(pacer.due(1, true, at(0)), "the first change goes at once");
        assert!(!pacer.due(1, true, at(10)), "already journalled");
        assert!(!pacer.due(2, true, at(300)), "too soon");
        assert_eq!(
            pacer.wake_in(2, true, at(300)),
            Some(Duration::from_millis(700))
        );
        assert!(!pacer.due(3, true, at(600)));
        assert!(
            pacer.due(3, true, at(1000)),
            "the latest change, once the interval is up"
        );
        assert_eq!(pacer.wake_in(3, true, at(1000)), None);
        // Saved: nothing to journal until the next change.
        pacer.reset();
        assert!(!pacer.due(3, false, at(5000)));
        assert!(pacer.due(4, true, at(5001)));
    }

    #[test]
    fn journal_ids_are_stable_for_paths_and_unique_for_untitled() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.hazlog");
        assert_eq!(
            JournalId::for_path(&a),
            JournalId::for_path(&dir.path().join(".").join("a.hazlog"))
        );
        assert_ne!(
            JournalId::for_path(&a),
            JournalId::for_path(&dir.path().join("b.hazlog"))
        );
        assert_ne!(JournalId::untitled(), JournalId::untitled());
        for id in [JournalId::for_path(&a), JournalId::untitled()] {
            assert_eq!(JournalId::parse(id.as_str()), Some(id.clone()), "{id}");
        }
    }

    #[test]
    fn journal_names_are_parsed_strictly() {
        let (session, id) = split_journal_name("s1fx2a--p0123abcd.journal").unwrap();
        assert_eq!((session, id.as_str()), ("s1fx2a", "p0123abcd"));
        for bad in [
            "s1--p1.txt",
            "x1--p1.journal",
            "s1-p1.journal",
            "s1--P1.journal",
            "s1--.journal",
            "s1--../x.journal",
        ] {
            assert!(split_journal_name(bad).is_none(), "{bad}");
        }
    }

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
    fn ended_session_journal(dir: &Path, damage: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
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
    fn the_writer_coalesces_and_discards() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        let writer = RecoveryWriter::spawn(store.clone());
        let id = JournalId::untitled();
        for i in 0..50 {
            writer.submit(&id, meta("log"), project(&format!("v{i}")));
        }
        assert!(writer.flush_blocking(Duration::from_secs(10)));
        assert!(writer.last_error().is_none());
        let (_, written) = check_journal(&store.journal_path(&id)).unwrap_or_else(|_| panic!());
        assert_eq!(written, project("v49"), "the latest snapshot wins");

        writer.submit(&id, meta("log"), project("v50"));
        writer.discard(&id);
        assert!(writer.flush_blocking(Duration::from_secs(10)));
        assert!(!store.journal_path(&id).exists());
    }

    #[test]
    fn write_failures_are_reported_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery")).unwrap();
        let writer = RecoveryWriter::spawn(store.clone());
        let id = JournalId::untitled();
        // Make the journal path a folder so the write fails.
        fs::create_dir(store.journal_path(&id)).unwrap();
        writer.submit(&id, meta("log"), project("v1"));
        assert!(!writer.flush_blocking(Duration::from_millis(300)));
        assert!(writer.last_error().is_some());
        fs::remove_dir(store.journal_path(&id)).unwrap();
        assert!(writer.flush_blocking(Duration::from_secs(10)), "retried");
        assert!(writer.last_error().is_none());
        assert!(store.journal_path(&id).is_file());
    }

    #[test]
    fn adopting_moves_a_journal_into_this_session() {
        let dir = tempfile::tempdir().unwrap();
        ended_session_journal(dir.path(), |_| {});
        let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        let writer = RecoveryWriter::spawn(store.clone());
        let pending = store.pending();
        let adopted = writer.adopt(&pending[0]).unwrap();
        assert_eq!(adopted.project, project("unsaved"));
        assert_eq!(
            adopted.id,
            JournalId::for_path(Path::new("/logs/log.hazlog"))
        );
        assert!(!pending[0].file.exists());
        assert!(store.journal_path(&adopted.id).exists());
        assert!(matches!(
            store.restore(&pending[0]),
            Err(RecoveryError::Gone { .. })
        ));
    }

    #[test]
    fn dropping_the_store_ends_the_session_but_keeps_undiscarded_journals() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
            let writer = RecoveryWriter::spawn(store);
            writer.submit(&JournalId::untitled(), meta("log"), project("kept"));
            assert!(writer.flush_blocking(Duration::from_secs(10)));
        }
        // The writer thread holds the store until it stops; give it a moment.
        let deadline = Instant::now() + Duration::from_secs(10);
        let next = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        loop {
            let pending = next.pending();
            if pending.len() == 1 {
                assert_eq!(next.restore(&pending[0]).unwrap(), project("kept"));
                break;
            }
            assert!(Instant::now() < deadline, "the journal was offered");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
