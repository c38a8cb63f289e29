//! Lock files: "this project is open in Hazard Workshop by …".
//!
//! Opening a project for editing creates `.<file name>.lock` beside it (`.log.hazlog.lock`), a
//! small text file saying who has it open, on which computer, in which process, since when. It is
//! content-based, not an operating-system lock, so it works the same on a shared network drive
//! between computers. A second user who opens the file is told who has it ([`LockError::HeldBy`])
//! and can open it read-only, or [`ProjectLock::take_over`] if they know the other session is gone.
//!
//! A lock is *stale*, and [`ProjectLock::acquire`] quietly replaces it, when its process is known
//! to be gone (same computer, process not running) or it has not been refreshed for
//! [`STALE_AFTER`]. The holder calls [`ProjectLock::refresh`] every [`REFRESH_EVERY`] or so; if
//! someone took the file over, refresh says so ([`LockError::Lost`]) and the holder should stop
//! saving over their work. Dropping a [`ProjectLock`] removes the file, but only while it is
//! still ours.
//!
//! All of this is blocking file work, cheap but possibly slow on a network drive: call it from a
//! worker thread.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};

use super::project_file::write_atomically;
use super::util;

/// A lock not refreshed for this long is stale, whoever holds it.
pub const STALE_AFTER: chrono::Duration = chrono::Duration::hours(12);

/// How often a holder should call [`ProjectLock::refresh`].
pub const REFRESH_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Who holds a lock: the content of a lock file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "HazardWorkshopLock")]
pub struct LockInfo {
    pub user: String,
    pub machine: String,
    pub pid: u32,
    pub acquired: DateTime<Utc>,
    pub refreshed: DateTime<Utc>,
    #[serde(default)]
    pub app_version: String,
    /// Unique to one acquisition, so "is it still ours?" is never fooled by the same user and
    /// process opening the file again.
    #[serde(default)]
    pub token: String,
}

impl LockInfo {
    fn ours_now() -> LockInfo {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let now = Utc::now();
        let pid = std::process::id();
        let machine = util::machine_name();
        LockInfo {
            user: util::user_name(),
            token: format!(
                "{machine}-{pid}-{}-{}",
                now.timestamp_nanos_opt().unwrap_or_default(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ),
            machine,
            pid,
            acquired: now,
            refreshed: now,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }

    /// Held from this computer.
    pub fn is_this_machine(&self) -> bool {
        self.machine.eq_ignore_ascii_case(&util::machine_name())
    }

    /// Held by this very process (another window, or an earlier open of the same file).
    pub fn is_this_process(&self) -> bool {
        self.is_this_machine() && self.pid == std::process::id()
    }

    /// The holder is known to be gone, or has not refreshed the lock for [`STALE_AFTER`].
    ///
    /// On this computer the holder is gone when no process has its id, when that process has
    /// ended but not yet been reaped (a zombie, as for a moment after `kill -9`), or when the
    /// process with that id started after the lock was taken (the id was reused).
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        if now - self.refreshed > STALE_AFTER {
            return true;
        }
        if !self.is_this_machine() || self.pid == std::process::id() {
            return false;
        }
        if util::process_alive(self.pid) == Some(false) {
            return true;
        }
        // Start times are coarse (clock ticks, a boot time in whole seconds): allow a margin.
        util::process_started(self.pid).is_some_and(|started| {
            DateTime::<Utc>::from(started) > self.acquired + chrono::Duration::seconds(2)
        })
    }

    /// "Dr A Example on PC-123, since 09:30 on 04 Mar 2026", for the "open read-only?" question.
    pub fn describe(&self) -> String {
        format!(
            "{} on {}, since {}",
            self.user,
            self.machine,
            DateTime::<Local>::from(self.acquired).format("%H:%M on %d %b %Y")
        )
    }
}

/// Why a lock could not be taken or kept.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "This hazard log is open in Hazard Workshop by {}. Open it read-only, or take it over if \
         you are sure they have finished.",
        .0.describe()
    )]
    HeldBy(Box<LockInfo>),
    #[error(
        "This hazard log has a lock file that cannot be read (“{}”). Someone may be opening it \
         right now. Open it read-only, or take it over if you are sure nobody else has it open.",
        lock_path.display()
    )]
    Unreadable { lock_path: PathBuf },
    #[error(
        "{} took this hazard log over. Your changes are still open here, but saving would \
         overwrite theirs: save under another name.",
        holder.as_ref().map_or_else(|| "Someone".to_owned(), |h| h.describe())
    )]
    Lost { holder: Option<Box<LockInfo>> },
    #[error(
        "Could not update the lock file “{}” ({source}). The hazard log is still yours here, and \
         the lock is tried again; until it is, others may be told it is free.",
        lock_path.display()
    )]
    RefreshFailed {
        lock_path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("Could not write the lock file “{}”: {source}", lock_path.display())]
    Io {
        lock_path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl LockError {
    /// Whether the lock is gone (taken over or removed): only then should the app let go of it.
    /// After any other error the lock is still ours, and is kept.
    pub fn is_lost(&self) -> bool {
        matches!(self, LockError::Lost { .. })
    }
}

/// The lock file for a project file: `.<name>.lock` in the same folder. Built from the name's
/// exact bytes, so a name that is not valid Unicode gets its own lock, not a mangled one shared
/// with other names.
pub fn lock_path(project_path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(project_path.file_name().unwrap_or("project".as_ref()));
    name.push(".lock");
    project_path.with_file_name(name)
}

enum OnDisk {
    Missing,
    Held(LockInfo),
    /// Present but not readable as a lock; how long since it was written.
    Unreadable(Option<std::time::Duration>),
}

fn read_lock(lock_path: &Path) -> io::Result<OnDisk> {
    let bytes = match fs::read(lock_path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(OnDisk::Missing),
        Err(err) => return Err(err),
    };
    let parsed = std::str::from_utf8(&bytes)
        .ok()
        .filter(|_| bytes.len() < 64 * 1024)
        .and_then(|text| ron::from_str::<LockInfo>(text).ok());
    Ok(match parsed {
        Some(info) => OnDisk::Held(info),
        None => OnDisk::Unreadable(
            fs::metadata(lock_path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok()),
        ),
    })
}

fn lock_text(info: &LockInfo) -> String {
    let body = ron::ser::to_string_pretty(info, ron::ser::PrettyConfig::new().struct_names(true))
        .expect("a lock always serialises");
    format!(
        "// Hazard Workshop: this hazard log is open for editing by {} on {}. Deleted when they \
         close it.\n{body}\n",
        info.user.replace('\n', " "),
        info.machine.replace('\n', " ")
    )
}

/// Creates the lock file only if there is none: never replaces one that appeared meanwhile.
fn create_exclusively(lock_path: &Path, text: &str) -> io::Result<()> {
    let folder = match lock_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // Written in full first, then moved into place without overwriting, so nobody ever reads a
    // half-written lock.
    let mut temp = util::temp_file_in(folder, "lock")?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    match temp.persist_noclobber(lock_path) {
        Ok(_) => Ok(()),
        Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => Err(err.error),
        Err(_) => {
            // A file system without no-clobber renames or links (FAT on a USB stick): an
            // exclusive create still refuses to replace an existing lock.
            let mut file = fs::File::options()
                .write(true)
                .create_new(true)
                .open(lock_path)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()
        }
    }
}

/// A lock this process holds on a project file. Dropping it removes the lock file if it is still
/// ours.
#[derive(Debug)]
pub struct ProjectLock {
    lock_path: PathBuf,
    info: LockInfo,
    /// Why the last refresh failed, until one succeeds.
    refresh_error: Option<String>,
    /// False once we know the file is no longer ours (taken over, or released).
    owned: bool,
}

impl ProjectLock {
    /// Locks `project_path` for editing, replacing a stale lock. Fails with
    /// [`LockError::HeldBy`] when someone holds it, including this process.
    pub fn acquire(project_path: &Path) -> Result<ProjectLock, LockError> {
        let lock_path = lock_path(project_path);
        let io_error = |source| LockError::Io {
            lock_path: lock_path.clone(),
            source,
        };
        // A few rounds in case another session creates or removes the lock between our steps.
        for _ in 0..5 {
            match read_lock(&lock_path).map_err(io_error)? {
                OnDisk::Missing => {
                    let info = LockInfo::ours_now();
                    match create_exclusively(&lock_path, &lock_text(&info)) {
                        Ok(()) => {
                            return Ok(ProjectLock {
                                lock_path,
                                info,
                                refresh_error: None,
                                owned: true,
                            });
                        }
                        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                        Err(err) => return Err(io_error(err)),
                    }
                }
                OnDisk::Held(holder) if holder.is_stale(Utc::now()) => {
                    log::info!("replacing the stale lock of {}", holder.describe());
                }
                OnDisk::Held(holder) => return Err(LockError::HeldBy(Box::new(holder))),
                OnDisk::Unreadable(Some(age)) if age > STALE_AFTER.to_std().unwrap_or_default() => {
                }
                OnDisk::Unreadable(_) => return Err(LockError::Unreadable { lock_path }),
            };
            // Replace the stale lock, then make sure nobody else replaced it at the same moment.
            let lock = ProjectLock::write_ours(lock_path.clone())?;
            match read_lock(&lock.lock_path).map_err(io_error)? {
                OnDisk::Held(now) if now.token == lock.info.token => return Ok(lock),
                OnDisk::Held(other) => {
                    let mut lock = lock;
                    lock.owned = false;
                    return Err(LockError::HeldBy(Box::new(other)));
                }
                _ => {
                    let mut lock = lock;
                    lock.owned = false;
                    continue;
                }
            }
        }
        Err(LockError::Unreadable { lock_path })
    }

    /// Takes the lock whoever holds it (after the user confirmed the other session is gone).
    /// Their next [`ProjectLock::refresh`] tells them.
    pub fn take_over(project_path: &Path) -> Result<ProjectLock, LockError> {
        ProjectLock::write_ours(lock_path(project_path))
    }

    fn write_ours(lock_path: PathBuf) -> Result<ProjectLock, LockError> {
        let info = LockInfo::ours_now();
        write_atomically(&lock_path, lock_text(&info).as_bytes()).map_err(|source| {
            LockError::Io {
                lock_path: lock_path.clone(),
                source,
            }
        })?;
        Ok(ProjectLock {
            lock_path,
            info,
            refresh_error: None,
            owned: true,
        })
    }

    /// Who holds the lock on `project_path` now, if anyone (for showing, not deciding).
    pub fn holder(project_path: &Path) -> io::Result<Option<LockInfo>> {
        Ok(match read_lock(&lock_path(project_path))? {
            OnDisk::Held(info) => Some(info),
            _ => None,
        })
    }

    /// Who holds `project_path` in another running Hazard Workshop, if anyone: a lock that is
    /// readable, not stale and not this process's. For refusing "Save as" onto a file someone
    /// else has open (that would overwrite their work under them).
    pub fn held_elsewhere(project_path: &Path) -> io::Result<Option<LockInfo>> {
        Ok(match read_lock(&lock_path(project_path))? {
            OnDisk::Held(info) if !info.is_this_process() && !info.is_stale(Utc::now()) => {
                Some(info)
            }
            _ => None,
        })
    }

    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    pub fn lock_path(&self) -> &Path {
        &self.lock_path
    }

    /// Why the last [`ProjectLock::refresh`] failed, until one succeeds: show it, because others
    /// may then see the lock as stale.
    pub fn refresh_error(&self) -> Option<&str> {
        self.refresh_error.as_deref()
    }

    /// Whether the lock file still names this lock.
    pub fn is_still_ours(&self) -> io::Result<bool> {
        Ok(self.owned
            && matches!(read_lock(&self.lock_path)?, OnDisk::Held(info) if info.token == self.info.token))
    }

    /// Updates the time in the lock so others see it is alive. Fails with [`LockError::Lost`] if
    /// someone took it over (or removed it); the lock is then no longer ours and dropping it
    /// leaves their file alone. Any other failure (a network drive that did not answer) is
    /// [`LockError::RefreshFailed`]: the lock is still ours, so keep it and refresh again later;
    /// [`ProjectLock::refresh_error`] keeps the reason until a refresh succeeds.
    pub fn refresh(&mut self) -> Result<(), LockError> {
        let result = self.try_refresh();
        self.refresh_error = match &result {
            Err(err @ LockError::RefreshFailed { .. }) => Some(err.to_string()),
            _ => None,
        };
        result
    }

    fn try_refresh(&mut self) -> Result<(), LockError> {
        let io_error = |source| LockError::RefreshFailed {
            lock_path: self.lock_path.clone(),
            source,
        };
        if !self.owned {
            return Err(LockError::Lost { holder: None });
        }
        match read_lock(&self.lock_path).map_err(io_error)? {
            OnDisk::Held(info) if info.token == self.info.token => {}
            OnDisk::Held(other) => {
                self.owned = false;
                return Err(LockError::Lost {
                    holder: Some(Box::new(other)),
                });
            }
            OnDisk::Missing | OnDisk::Unreadable(_) => {
                self.owned = false;
                return Err(LockError::Lost { holder: None });
            }
        }
        let mut info = self.info.clone();
        info.refreshed = Utc::now();
        write_atomically(&self.lock_path, lock_text(&info).as_bytes()).map_err(io_error)?;
        self.info = info;
        Ok(())
    }

    /// Removes the lock file if it is still ours. Dropping the lock does the same, quietly.
    pub fn release(mut self) -> io::Result<()> {
        self.release_inner()
    }

    fn release_inner(&mut self) -> io::Result<()> {
        if !std::mem::replace(&mut self.owned, false) {
            return Ok(());
        }
        match read_lock(&self.lock_path)? {
            OnDisk::Held(info) if info.token == self.info.token => {
                match fs::remove_file(&self.lock_path) {
                    Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
                    _ => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        if let Err(err) = self.release_inner() {
            log::warn!(
                "Could not remove the lock file {}: {err}",
                self.lock_path.display()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_in(dir: &Path) -> PathBuf {
        let path = dir.join("log.hazlog");
        fs::write(&path, "x").unwrap();
        path
    }

    fn write_lock(project: &Path, info: &LockInfo) {
        fs::write(lock_path(project), lock_text(info)).unwrap();
    }

    fn someone_else(machine: &str, pid: u32, refreshed: DateTime<Utc>) -> LockInfo {
        LockInfo {
            user: "hsmith".into(),
            machine: machine.into(),
            pid,
            acquired: refreshed,
            refreshed,
            app_version: "0.1.0".into(),
            token: "theirs".into(),
        }
    }

    #[test]
    fn the_lock_file_sits_beside_the_project_and_names_us() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let lock = ProjectLock::acquire(&project).unwrap();
        assert_eq!(lock.lock_path(), dir.path().join(".log.hazlog.lock"));
        let text = fs::read_to_string(lock.lock_path()).unwrap();
        assert!(text.contains(&util::user_name()), "{text}");
        assert!(
            text.contains(&format!("pid: {}", std::process::id())),
            "{text}"
        );
        let holder = ProjectLock::holder(&project).unwrap().unwrap();
        assert!(holder.is_this_process());
        drop(lock);
        assert!(!lock_path(&project).exists(), "dropping releases it");
    }

    #[test]
    fn a_held_lock_is_refused_with_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let _ours = ProjectLock::acquire(&project).unwrap();
        let err = ProjectLock::acquire(&project).unwrap_err();
        let LockError::HeldBy(info) = &err else {
            panic!("{err}")
        };
        assert_eq!(info.pid, std::process::id());
        assert!(err.to_string().contains(&util::user_name()), "{err}");

        write_lock(&project, &someone_else("OTHER-PC", 1, Utc::now()));
        let err = ProjectLock::acquire(&project).unwrap_err();
        assert!(err.to_string().contains("hsmith on OTHER-PC"), "{err}");
    }

    #[test]
    fn taking_over_tells_the_previous_holder_and_spares_the_new_lock() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let mut first = ProjectLock::acquire(&project).unwrap();
        let second = ProjectLock::take_over(&project).unwrap();
        assert!(!first.is_still_ours().unwrap());
        let err = first.refresh().unwrap_err();
        assert!(matches!(err, LockError::Lost { holder: Some(_) }), "{err}");
        drop(first);
        assert!(
            second.is_still_ours().unwrap(),
            "the first lock's drop left it alone"
        );
        second.release().unwrap();
        assert!(!lock_path(&project).exists());
    }

    #[test]
    fn a_lock_of_a_dead_process_on_this_machine_is_stale_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let dead_pid = child.id();
        child.wait().unwrap();
        let dead = someone_else(&util::machine_name(), dead_pid, Utc::now());
        write_lock(&project, &dead);
        let lock = ProjectLock::acquire(&project).unwrap();
        assert_eq!(
            ProjectLock::holder(&project).unwrap().unwrap().token,
            lock.info().token
        );
        assert!(lock.is_still_ours().unwrap());
    }

    #[test]
    fn an_old_lock_from_another_machine_is_stale_a_fresh_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        write_lock(
            &project,
            &someone_else("OTHER-PC", 1, Utc::now() - chrono::Duration::hours(11)),
        );
        assert!(matches!(
            ProjectLock::acquire(&project),
            Err(LockError::HeldBy(_))
        ));
        write_lock(
            &project,
            &someone_else("OTHER-PC", 1, Utc::now() - chrono::Duration::hours(13)),
        );
        let lock = ProjectLock::acquire(&project).unwrap();
        assert!(lock.is_still_ours().unwrap());
    }

    #[test]
    fn refresh_moves_the_time_on() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let mut lock = ProjectLock::acquire(&project).unwrap();
        let before = lock.info().refreshed;
        std::thread::sleep(std::time::Duration::from_millis(5));
        lock.refresh().unwrap();
        let on_disk = ProjectLock::holder(&project).unwrap().unwrap();
        assert!(on_disk.refreshed > before);
        assert_eq!(on_disk.acquired, lock.info().acquired);
        // A removed lock file is a lost lock, not silently recreated.
        fs::remove_file(lock_path(&project)).unwrap();
        assert!(matches!(
            lock.refresh(),
            Err(LockError::Lost { holder: None })
        ));
    }

    #[test]
    fn an_unreadable_lock_is_reported_and_can_be_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        fs::write(lock_path(&project), b"\x00\xffgarbage").unwrap();
        let err = ProjectLock::acquire(&project).unwrap_err();
        assert!(matches!(err, LockError::Unreadable { .. }), "{err}");
        let lock = ProjectLock::take_over(&project).unwrap();
        assert!(lock.is_still_ours().unwrap());
    }

    #[test]
    fn racing_acquirers_get_one_lock() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let barrier = std::sync::Barrier::new(8);
        let won: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        ProjectLock::acquire(&project).map(std::mem::forget).is_ok()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap() as usize)
                .sum()
        });
        assert_eq!(won, 1);
    }

    #[test]
    fn a_folder_that_cannot_hold_a_lock_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = ProjectLock::acquire(&dir.path().join("missing").join("log.hazlog")).unwrap_err();
        assert!(matches!(err, LockError::Io { .. }), "{err}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_lock_of_a_killed_process_not_yet_reaped_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let mut child = std::process::Command::new("sleep")
            .arg("60")
            .spawn()
            .unwrap();
        write_lock(
            &project,
            &someone_else(&util::machine_name(), child.id(), Utc::now()),
        );
        assert!(
            matches!(ProjectLock::acquire(&project), Err(LockError::HeldBy(_))),
            "a running holder"
        );
        child.kill().unwrap();
        // Killed and not yet waited for: a zombie, as just after `kill -9` of the app. (The
        // signal is delivered asynchronously: wait until the process has ended.)
        for _ in 0..10_000 {
            if util::linux_proc_stat(child.id()).is_some_and(|stat| stat.state == 'Z') {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let lock = ProjectLock::acquire(&project).unwrap();
        assert!(lock.is_still_ours().unwrap());
        child.wait().unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_lock_naming_a_process_that_started_after_it_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let mut child = std::process::Command::new("sleep")
            .arg("60")
            .spawn()
            .unwrap();
        // The lock is a minute older than the process now using its id.
        let reused = someone_else(
            &util::machine_name(),
            child.id(),
            Utc::now() - chrono::Duration::minutes(1),
        );
        write_lock(&project, &reused);
        let result = ProjectLock::acquire(&project);
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(result.is_ok(), "{:?}", result.err());
    }

    #[test]
    fn a_refresh_that_cannot_reach_the_file_keeps_the_lock_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let mut lock = ProjectLock::acquire(&project).unwrap();
        let aside = dir.path().join("aside");
        // The lock file cannot be read (a folder stands in its place, as an unreachable drive).
        fs::rename(lock.lock_path(), &aside).unwrap();
        fs::create_dir(lock.lock_path()).unwrap();
        let err = lock.refresh().unwrap_err();
        assert!(matches!(err, LockError::RefreshFailed { .. }), "{err}");
        assert!(!err.is_lost());
        assert!(lock.refresh_error().is_some());
        fs::remove_dir(lock.lock_path()).unwrap();
        fs::rename(&aside, lock.lock_path()).unwrap();
        // Still ours: the next refresh works and the error is cleared.
        lock.refresh().unwrap();
        assert!(lock.refresh_error().is_none());
        assert!(lock.is_still_ours().unwrap());
        drop(lock);
        assert!(!lock_path(&project).exists());
    }

    #[test]
    fn held_elsewhere_names_only_a_live_other_holder() {
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        assert_eq!(ProjectLock::held_elsewhere(&project).unwrap(), None);
        let ours = ProjectLock::acquire(&project).unwrap();
        assert_eq!(
            ProjectLock::held_elsewhere(&project).unwrap(),
            None,
            "this process's own lock"
        );
        drop(ours);
        let theirs = someone_else("OTHER-PC", 1, Utc::now());
        write_lock(&project, &theirs);
        assert_eq!(ProjectLock::held_elsewhere(&project).unwrap(), Some(theirs));
        write_lock(
            &project,
            &someone_else("OTHER-PC", 1, Utc::now() - chrono::Duration::hours(13)),
        );
        assert_eq!(
            ProjectLock::held_elsewhere(&project).unwrap(),
            None,
            "stale"
        );
    }

    #[test]
    fn a_lock_can_be_taken_on_a_worker_thread_and_sent_back() {
        fn sendable<T: Send + 'static>() {}
        sendable::<ProjectLock>();
        sendable::<LockError>();
        let dir = tempfile::tempdir().unwrap();
        let project = project_in(dir.path());
        let for_worker = project.clone();
        let lock = std::thread::spawn(move || ProjectLock::acquire(&for_worker))
            .join()
            .unwrap()
            .unwrap();
        assert!(lock.is_still_ours().unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_unicode_gets_its_own_exact_lock_file() {
        use std::os::unix::ffi::{OsStrExt as _, OsStringExt as _};
        let dir = tempfile::tempdir().unwrap();
        let name = |bytes: &[u8]| std::ffi::OsString::from_vec(bytes.to_vec());
        let a = dir.path().join(name(b"x\xff.hazlog"));
        let b = dir.path().join(name(b"x\xfe.hazlog"));
        fs::write(&a, "x").unwrap();
        fs::write(&b, "x").unwrap();
        assert_eq!(
            lock_path(&a).file_name().unwrap().as_bytes(),
            b".x\xff.hazlog.lock"
        );
        let _lock_a = ProjectLock::acquire(&a).unwrap();
        let _lock_b = ProjectLock::acquire(&b).expect("a different file, a different lock");
    }
}
