//! The background writer: a thread that writes each document's latest submitted snapshot to its
//! journal, retries failed writes, and reports the last failure.

use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, TryLockError};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use super::RecoveryError;
use super::journal::{JournalId, JournalMeta};
use super::store::{RecoveryEntry, RecoveryStore};
use crate::domain::Project;

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

    /// Removes the journal of a document now, waiting (at most `timeout`) until it is gone; returns
    /// whether it is. For "Discard changes" when quitting: the user knowingly dropped the work, so
    /// the next start must not report a crash and offer it back. Submit nothing more for `id`
    /// afterwards.
    pub fn discard_blocking(&self, id: &JournalId, timeout: Duration) -> bool {
        self.discard(id);
        self.flush_blocking(timeout)
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

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::super::journal::check_journal;
    use super::super::store::tests::ended_session_journal;
    use super::super::test_support::{meta, project};
    use super::*;

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

    #[test]
    fn discarding_on_quit_leaves_nothing_to_offer_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let id = JournalId::untitled();
        {
            let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
            let writer = RecoveryWriter::spawn(store.clone());
            writer.submit(&id, meta("log"), project("typed"));
            assert!(writer.flush_blocking(Duration::from_secs(10)));
            assert!(store.journal_path(&id).exists());
            // "Discard changes" on quit, then the process ends at once.
            assert!(writer.discard_blocking(&id, Duration::from_secs(10)));
            assert!(!store.journal_path(&id).exists());
        }
        let next = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        assert!(next.pending().is_empty());
    }
}
