//! The panic hook: on a crash, write the submitted journals, then append a report to the crash
//! log.

use std::fs;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;

use super::writer::RecoveryWriter;

/// Where a crash leaves its traces, for "the app closed unexpectedly: the log is at …, your work
/// was kept in …".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrashPaths {
    pub log: PathBuf,
    pub recovery_dir: PathBuf,
}

/// The default crash log: `<data dir>/crash.log`.
pub fn default_crash_log() -> Option<PathBuf> {
    crate::storage::paths::data_dir().map(|d| d.join("crash.log"))
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
