//! The safety net around the open document: its recovery journal, the lock on its file, the
//! file's state on disk when it was opened or last saved, and the backup policy.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;

use crate::edit::Document;
use crate::storage::backup::BackupPolicy;
use crate::storage::lock::ProjectLock;
use crate::storage::recovery::{
    JournalId, JournalMeta, RecoveryPacer, RecoveryStore, RecoveryWriter,
};
use crate::storage::save::DiskStamp;

/// How often unsaved work is journalled, at most: the brief allows losing two seconds.
pub const JOURNAL_INTERVAL: Duration = Duration::from_millis(1500);

pub struct Safety {
    /// `None` when recovery is off (tests that do not exercise it).
    pub writer: Option<RecoveryWriter>,
    pub journal: JournalId,
    pacer: RecoveryPacer,
    /// A snapshot of the current document has been submitted and not yet discarded.
    journalled: bool,
    /// The user discarded the open document's changes on the way out: journal it no more.
    stopped: bool,
    /// The file as it was opened or last saved by us.
    pub stamp: Option<DiskStamp>,
    pub lock: Option<ProjectLock>,
    /// When the lock was last taken or refreshed.
    pub lock_refreshed: Option<Instant>,
    pub backups: BackupPolicy,
}

impl Safety {
    pub fn new(recovery_dir: Option<PathBuf>, backups: BackupPolicy) -> Safety {
        let writer = recovery_dir.and_then(|dir| match RecoveryStore::new(dir) {
            Ok(store) => Some(RecoveryWriter::spawn(store)),
            Err(err) => {
                log::error!("recovery is off: {err}");
                None
            }
        });
        Safety {
            writer,
            journal: JournalId::untitled(),
            pacer: RecoveryPacer::new(JOURNAL_INTERVAL),
            journalled: false,
            stopped: false,
            stamp: None,
            lock: None,
            lock_refreshed: None,
            backups,
        }
    }

    pub fn store(&self) -> Option<RecoveryStore> {
        self.writer.as_ref().map(|w| w.store().clone())
    }

    /// A new document is open: forget the old one's journal (its work was saved or knowingly
    /// discarded before we got here) and start the new one's.
    pub fn switch_to(&mut self, path: Option<&Path>) {
        self.forget_journal();
        self.stopped = false;
        self.journal = path.map_or_else(JournalId::untitled, JournalId::for_path);
    }

    /// The journal is no longer needed: the file holds this state, or the user discarded it.
    pub fn forget_journal(&mut self) {
        if let Some(writer) = &self.writer {
            writer.discard(&self.journal);
        }
        self.journalled = false;
        self.pacer.reset();
    }

    /// The open document's changes were discarded for good (on quit): remove its journal and
    /// journal nothing more.
    pub fn stop_journal(&mut self) {
        self.forget_journal();
        self.stopped = true;
    }

    /// Called every frame: submits a snapshot when the document changed and the interval has
    /// passed (a clone, no file work here), and returns when to look again.
    pub fn tick(&mut self, doc: &Document, name: &str) -> Option<Duration> {
        let writer = self.writer.as_ref().filter(|_| !self.stopped)?;
        let (revision, dirty, now) = (doc.revision(), doc.is_dirty(), Instant::now());
        if !dirty {
            if self.journalled {
                self.forget_journal();
            }
            return None;
        }
        if self.pacer.due(revision, dirty, now) {
            let meta = JournalMeta::new(doc.path().map(Path::to_path_buf), name, Utc::now())
                .with_disk_stamp(self.stamp.clone());
            writer.submit(&self.journal, meta, doc.snapshot());
            self.journalled = true;
        }
        self.pacer.wake_in(revision, dirty, now)
    }

    /// The lock, if it is time to refresh it (it is handed to a job and comes back).
    pub fn lock_to_refresh(&mut self, now: Instant) -> Option<ProjectLock> {
        let due = self
            .lock_refreshed
            .is_none_or(|at| now.duration_since(at) >= crate::storage::lock::REFRESH_EVERY);
        if due && self.lock.is_some() {
            self.lock_refreshed = Some(now);
            self.lock.take()
        } else {
            None
        }
    }

    /// Before the app exits: write what is pending.
    pub fn flush(&self) {
        if let Some(writer) = &self.writer {
            writer.flush_blocking(Duration::from_secs(3));
        }
    }
}
