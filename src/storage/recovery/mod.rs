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
//!
//! The parts: [`journal`] (the file format), [`store`] (the folder and this session's claim on
//! it), [`writer`] (the background thread), [`pacer`] (when to submit) and [`crash`] (the panic
//! hook).

use std::io;
use std::path::PathBuf;

pub mod crash;
pub mod journal;
pub mod pacer;
pub mod store;
pub mod writer;

pub use crash::{CrashPaths, default_crash_log, install_panic_hook};
pub use journal::{JournalId, JournalMeta};
pub use pacer::RecoveryPacer;
pub use store::{RecoveryEntry, RecoveryStore};
pub use writer::{Adopted, RecoveryWriter};

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

#[cfg(test)]
pub(crate) mod test_support {
    use std::path::PathBuf;

    use chrono::Utc;

    use super::JournalMeta;
    use crate::domain::{Hazard, HazardKey, Project};

    pub(crate) fn project(name: &str) -> Project {
        let mut project = Project::default();
        project.hazards.push(Hazard::new(
            HazardKey(1),
            "H001".into(),
            name.into(),
            chrono::DateTime::UNIX_EPOCH,
        ));
        project
    }

    pub(crate) fn meta(name: &str) -> JournalMeta {
        JournalMeta::new(
            Some(PathBuf::from(format!("/logs/{name}.hazlog"))),
            name,
            Utc::now(),
        )
    }
}
