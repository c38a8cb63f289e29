//! Crash handling: on a panic, journal the unsaved work once more, write the crash log, and tell
//! the user what happened, saying their work was kept only if the journal really was written.

use std::path::PathBuf;
use std::time::Duration;

use crate::storage::recovery::{self, CrashPaths, RecoveryWriter};

/// What became of the unsaved work when the app crashed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Journal {
    /// Everything submitted is on disk.
    Kept,
    /// A journal write failed (disk full, folder gone…).
    Failed(String),
    /// Writing had not finished when the crash handler gave up waiting.
    Unfinished,
}

/// On a panic: storage's hook journals the unsaved work one last time and writes the crash log;
/// then this tells the user where both are, and only what is true about their work.
pub(super) fn install_crash_handling(writer: RecoveryWriter, log: PathBuf) {
    let paths = recovery::install_panic_hook(writer.clone(), log);
    // Storage's hook is the `previous` one here: it has finished writing before the dialog
    // below waits for the user.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        let journal = match writer.last_error() {
            Some(error) => Journal::Failed(error),
            None if writer.flush_blocking(Duration::ZERO) => Journal::Kept,
            None => Journal::Unfinished,
        };
        let message = crash_message(&paths, &journal);
        eprintln!("{message}");
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Hazard Workshop stopped")
            .set_description(message)
            .show();
    }));
}

fn crash_message(paths: &CrashPaths, journal: &Journal) -> String {
    let work = match journal {
        Journal::Kept => format!(
            "Unsaved changes, up to a few seconds before the error, were kept for recovery in {}: \
             start Hazard Workshop again and it will offer to restore them.",
            paths.recovery_dir.display()
        ),
        Journal::Failed(error) => format!(
            "Your unsaved changes could NOT be kept for recovery ({error}): changes since your \
             last save may be lost."
        ),
        Journal::Unfinished => "Keeping your unsaved changes for recovery did not finish in \
             time: changes since your last save may be lost."
            .to_owned(),
    };
    format!(
        "Hazard Workshop stopped because of an internal error.\n\n{work}\n\nDetails of the error \
         are in {}.",
        paths.log.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> CrashPaths {
        CrashPaths {
            log: PathBuf::from("/data/crash.log"),
            recovery_dir: PathBuf::from("/data/recovery"),
        }
    }

    #[test]
    fn the_crash_message_says_work_was_kept_only_when_it_was() {
        let kept = crash_message(&paths(), &Journal::Kept);
        assert!(
            kept.contains("were kept for recovery in /data/recovery"),
            "{kept}"
        );
        assert!(kept.contains("/data/crash.log"));
        for journal in [
            Journal::Failed("No space left on device".into()),
            Journal::Unfinished,
        ] {
            let text = crash_message(&paths(), &journal);
            assert!(!text.contains("were kept"), "{text}");
            assert!(text.contains("may be lost"), "{text}");
            assert!(text.contains("/data/crash.log"));
        }
        assert!(
            crash_message(&paths(), &Journal::Failed("No space left on device".into()))
                .contains("No space left on device")
        );
    }
}
