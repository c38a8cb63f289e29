//! A real crash: a child process journals some work and panics straight away, without waiting
//! for the journal, and the process aborts as soon as the panic hook returns. The panic hook must write the crash log (message, place, backtrace), get the
//! journal onto disk, and the next session must be offered exactly that work.

use std::path::Path;
use std::process::Command;

use chrono::DateTime;
use hazard_workshop::domain::{Hazard, HazardKey, Project};
use hazard_workshop::storage::recovery::{
    self, JournalId, JournalMeta, RecoveryStore, RecoveryWriter,
};

const CHILD_ENV: &str = "HAZARD_PANIC_TEST_DIR";

fn unsaved_work() -> Project {
    let mut project = Project::default();
    for i in 0..20_000 {
        project.hazards.push(Hazard::new(
            HazardKey(i + 1),
            format!("H{:03}", i + 1),
            format!("Typed just before the crash {i}"),
            DateTime::UNIX_EPOCH,
        ));
    }
    project
}

/// The child: submit, then panic at once. Not a test by itself: run (with `--ignored`) by the
/// test below, in a process of its own.
#[test]
#[ignore = "the child process of a_panic_leaves_a_crash_log_and_the_submitted_work"]
fn child_that_crashes() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        panic!("run by a_panic_leaves_a_crash_log_and_the_submitted_work, which sets {CHILD_ENV}");
    };
    let dir = Path::new(&dir);
    let writer = RecoveryWriter::spawn(RecoveryStore::new(dir.join("recovery")).unwrap());
    let paths = recovery::install_panic_hook(writer.clone(), dir.join("logs").join("crash.log"));
    assert_eq!(paths.recovery_dir, dir.join("recovery"));
    // End the process the moment the hook returns, as an abort would: only the hook's own flush
    // can have put the journal on disk.
    let ours = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ours(info);
        std::process::abort();
    }));
    writer.submit(
        &JournalId::untitled(),
        JournalMeta::new(None, "Untitled", chrono::Utc::now()),
        unsaved_work(),
    );
    panic!("a bug in the hazard table");
}

#[test]
fn a_panic_leaves_a_crash_log_and_the_submitted_work() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_that_crashes",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success(), "the child panicked");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a bug in the hazard table"),
        "the previous hook still ran: {stderr}"
    );

    let log = std::fs::read_to_string(dir.path().join("logs").join("crash.log")).unwrap();
    assert!(log.contains("message: a bug in the hazard table"), "{log}");
    assert!(log.contains("tests/panic_hook.rs"), "the place: {log}");
    assert!(log.contains("backtrace:"), "{log}");

    let store = RecoveryStore::new(dir.path().join("recovery")).unwrap();
    let pending = store.pending();
    assert_eq!(
        pending.len(),
        1,
        "the journal was written before the process ended"
    );
    assert_eq!(store.restore(&pending[0]).unwrap(), unsaved_work());
}
