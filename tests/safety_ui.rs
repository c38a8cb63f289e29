//! Issue 7 through the window: restoring work after a crash, a project open elsewhere, a file
//! changed on disk, and opening a backup.

mod common;

use std::time::{Duration, Instant};

use common::{CTRL, TestApp, app_with_options, quiet_options};
use egui::Key;
use egui_kittest::kittest::Queryable;
use hazard_workshop::app::AppOptions;
use hazard_workshop::domain::Project;
use hazard_workshop::storage::backup::{BackupLocation, BackupPolicy};
use hazard_workshop::storage::{lock::ProjectLock, project_file};

fn type_in_name(app: &mut TestApp, text: &str) {
    app.harness.get_by_label("Hazard name").focus();
    app.settle();
    app.harness.get_by_label("Hazard name").type_text(text);
    app.settle();
}

/// Runs frames until `done`, for background work that has its own pace (the journal).
fn wait_until(app: &mut TestApp, what: &str, mut done: impl FnMut(&TestApp) -> bool) {
    let start = Instant::now();
    while !done(app) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "waited too long for {what}"
        );
        app.harness.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn work_left_by_a_crash_is_offered_and_restored_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let edited = {
        let mut app = app_with_options(AppOptions {
            recovery_dir: Some(recovery.clone()),
            ..quiet_options()
        });
        type_in_name(&mut app, " (typed before the crash)");
        let journal = app.state().safety.journal.clone();
        let store = app.state().safety.store().unwrap();
        wait_until(&mut app, "the journal", |_| {
            store.journal_path(&journal).exists()
        });
        app.state().safety.flush();
        app.state().doc.project().clone()
        // The app is dropped here without quitting: as far as the disk knows, it crashed.
    };
    let mut app = app_with_options(AppOptions {
        recovery_dir: Some(recovery.clone()),
        ..quiet_options()
    });
    app.harness.get_by_label("Restore unsaved work?");
    app.click("Restore");
    assert_eq!(
        app.state().doc.project(),
        &edited,
        "exactly as at the last journalled change"
    );
    assert!(
        app.state().doc.is_dirty(),
        "restored work is unsaved until saved"
    );
    assert!(
        app.state().title().contains("(recovered)"),
        "{}",
        app.state().title()
    );
}

#[test]
fn discarding_recovered_work_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    {
        let mut app = app_with_options(AppOptions {
            recovery_dir: Some(recovery.clone()),
            ..quiet_options()
        });
        type_in_name(&mut app, "!");
        let journal = app.state().safety.journal.clone();
        let store = app.state().safety.store().unwrap();
        wait_until(&mut app, "the journal", |_| {
            store.journal_path(&journal).exists()
        });
    }
    let mut app = app_with_options(AppOptions {
        recovery_dir: Some(recovery.clone()),
        ..quiet_options()
    });
    app.click("Discard");
    assert!(app.state().recovery_offer.is_empty());
    let store = app.state().safety.store().unwrap();
    assert!(
        store.pending().is_empty(),
        "nothing left to offer next time"
    );
}

#[test]
fn a_project_open_elsewhere_opens_read_only_or_is_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.hazlog");
    project_file::save(&common_example(), &path).unwrap();
    let other = ProjectLock::take_over(&path).unwrap();

    let mut app = app_with_options(AppOptions {
        open_path: Some(path.clone()),
        ..quiet_options()
    });
    app.harness
        .get_by_label("This hazard log is open elsewhere");
    app.click("Open read-only");
    assert!(app.state().safety.read_only);
    assert!(app.state().title().contains("(read-only)"));
    app.harness.get_by_label(" READ-ONLY ");
    let before = app.state().doc.project().clone();
    type_in_name(&mut app, "x");
    assert_eq!(app.state().doc.project(), &before, "edits are refused");

    let mut app = app_with_options(AppOptions {
        open_path: Some(path.clone()),
        ..quiet_options()
    });
    app.click("Take over");
    assert!(!app.state().safety.read_only);
    assert!(app.state().safety.lock.is_some());
    assert!(
        !other.is_still_ours().unwrap(),
        "the other copy has lost its lock"
    );
}

fn common_example() -> Project {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog");
    project_file::load(&path).unwrap()
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking_and_the_old_one_is_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    project_file::save(&common_example(), &path).unwrap();
    let mut app = app_with_options(AppOptions {
        open_path: Some(path.clone()),
        backups: BackupPolicy {
            location: BackupLocation::Folder(dir.path().join("backups")),
            ..BackupPolicy::default()
        },
        ..quiet_options()
    });
    // Someone else saves the file meanwhile.
    let mut theirs = common_example();
    theirs.metadata.document_version = "9.9".into();
    project_file::save(&theirs, &path).unwrap();

    type_in_name(&mut app, " (mine)");
    app.press(CTRL, Key::S);
    app.harness
        .get_by_label("The file changed since you opened it");
    assert_eq!(
        project_file::load(&path).unwrap(),
        theirs,
        "not overwritten yet"
    );
    app.click("Overwrite");
    assert_eq!(
        &project_file::load(&path).unwrap(),
        app.state().doc.project()
    );
    assert!(!app.state().doc.is_dirty());

    // Their version was kept as a backup, and can be opened from the File menu.
    app.click("File");
    app.click("Open a backup…");
    app.harness.get_by_label("Backups of this hazard log");
    let first_backup = app
        .state()
        .backup_list
        .as_ref()
        .and_then(|b| b.first().cloned())
        .expect("a backup was kept");
    let label = first_backup
        .taken
        .with_timezone(&chrono::Local)
        .format("%d %b %Y %H:%M:%S")
        .to_string();
    app.harness.get_by_label_contains(&label).click();
    app.settle();
    assert_eq!(app.state().doc.project(), &theirs);
    assert!(
        app.state().doc.path().is_none(),
        "a backup never opens over the project file"
    );
}
