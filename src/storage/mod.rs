//! Everything that touches the disk: the project file, settings and the standard folders, and
//! the safety net around them.
//!
//! - [`project_file`]: the `.hazlog` format, its size limit, and [`migrate`] for older formats
//!   (through the lossless [`ron_tree`]); files with fields this version does not know are
//!   refused rather than opened without them, and [`integrity`] refuses duplicate internal keys.
//! - [`save`]: [`save::open_project`] and [`save::save_project`], which refuses to overwrite a
//!   file changed on disk, backs up the old version ([`backup`]) and writes atomically, keeping
//!   the file's permissions and writing through a symbolic link.
//! - [`paths`]: the standard folders, and [`paths::lossless`] for storing any path exactly.
//! - [`lock`]: `.<file>.lock` files saying who has a project open.
//! - [`recovery`]: the journal of unsaved work, its background writer, the start-up list of
//!   work left by a crash, and the panic hook.
//!
//! All of it is blocking file work for worker threads; none of it needs the UI. A sketch of the
//! wiring (the app keeps these in its state and runs the blocking calls on its job threads):
//!
//! ```no_run
//! use std::time::Duration;
//! use hazard_workshop::storage::{backup::BackupPolicy, lock::ProjectLock, recovery, save};
//! use hazard_workshop::storage::recovery::{JournalId, JournalMeta, RecoveryStore, RecoveryWriter};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Start-up (worker thread): this session's journals, the crash hook, and what a crash left.
//! let store = RecoveryStore::new(RecoveryStore::default_dir().unwrap())?;
//! let writer = RecoveryWriter::spawn(store.clone());
//! let _crash = recovery::install_panic_hook(writer.clone(), recovery::default_crash_log().unwrap());
//! for entry in store.pending() {
//!     // Ask "restore or discard?"; on restore, `writer.adopt(&entry)` and save against
//!     // `entry.disk_stamp()`; on discard, keep it aside for some days:
//!     store.set_aside(&entry)?;
//! }
//!
//! // Opening (worker thread): lock, then read; keep the lock and the stamp with the document.
//! let path = std::path::Path::new("log.hazlog");
//! let lock = ProjectLock::acquire(path); // Err(HeldBy(who)) => offer read-only or take over
//! let opened = save::open_project(path)?;
//! let id = JournalId::for_path(path);
//!
//! // Every second or two while the document's revision changes (UI thread, no file work):
//! writer.submit(&id, JournalMeta::new(Some(path.into()), "log.hazlog", chrono::Utc::now()),
//!               opened.project.clone());
//!
//! // Saving (worker thread), with the stamp from the open or the last save:
//! let stamp = save::save_project(&opened.project, path, Some(&opened.stamp), &BackupPolicy::default())?;
//! writer.discard(&id); // the file now holds this state
//!
//! // Quitting: after the unsaved-changes question has been answered.
//! writer.flush_blocking(Duration::from_secs(5));
//! drop((lock, stamp));
//! # Ok(())
//! # }
//! ```

pub mod ancestor;
pub mod backup;
pub mod integrity;
pub mod lock;
pub mod migrate;
pub mod paths;
pub mod project_file;
pub mod recovery;
pub mod ron_tree;
pub mod save;
pub mod sync_copies;
mod util;
