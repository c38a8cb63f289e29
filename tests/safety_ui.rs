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
    assert_eq!(
        app.state().recovery_offer.len(),
        1,
        "one click deletes nothing"
    );
    app.harness
        .get_by_label("Delete this work for good? It cannot be restored afterwards.");
    app.click("Keep it");
    assert_eq!(app.state().recovery_offer.len(), 1);
    app.click("Discard");
    app.click("Delete for good");
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
    assert!(app.state().doc.read_only().is_some());
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
    assert!(app.state().doc.read_only().is_none());
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

#[test]
fn save_as_onto_a_file_another_instance_has_open_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let theirs_path = dir.path().join("theirs.hazlog");
    let mut theirs = common_example();
    theirs.metadata.document_version = "their version".into();
    project_file::save(&theirs, &theirs_path).unwrap();
    let _their_lock = ProjectLock::take_over(&theirs_path).unwrap();

    let mut app = app_with_options(quiet_options());
    type_in_name(&mut app, " (mine)");
    app.dialogs.answer(Some(theirs_path.clone()));
    app.press(common::CTRL_SHIFT, Key::S);
    assert_eq!(
        project_file::load(&theirs_path).unwrap(),
        theirs,
        "their file is untouched"
    );
    let notice = app.state().notice.clone().expect("the user is told");
    assert!(notice.is_error, "{}", notice.text);
    assert!(
        notice.text.contains("is open in Hazard Workshop by") && notice.text.contains("Not saved"),
        "{}",
        notice.text
    );
    assert!(app.state().doc.is_dirty(), "the changes are still here");

    // Somewhere free works, and the new file is locked (taken on the job thread).
    let mine = dir.path().join("mine.hazlog");
    app.dialogs.answer(Some(mine.clone()));
    app.press(common::CTRL_SHIFT, Key::S);
    assert_eq!(
        &project_file::load(&mine).unwrap(),
        app.state().doc.project()
    );
    assert!(app.state().safety.lock.is_some());
    assert!(hazard_workshop::storage::lock::lock_path(&mine).exists());
}

#[test]
fn a_read_only_copy_cannot_be_saved_over_the_file_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.hazlog");
    project_file::save(&common_example(), &path).unwrap();
    let _other = ProjectLock::take_over(&path).unwrap();
    let mut app = app_with_options(AppOptions {
        open_path: Some(path.clone()),
        ..quiet_options()
    });
    app.click("Open read-only");
    let on_disk = std::fs::read(&path).unwrap();
    // Save on a read-only project asks where; the user picks the same file.
    app.dialogs.answer(Some(path.clone()));
    app.press(CTRL, Key::S);
    assert_eq!(std::fs::read(&path).unwrap(), on_disk, "not overwritten");
    let notice = app.state().notice.clone().expect("the user is told");
    assert!(notice.text.contains("Not saved"), "{}", notice.text);
    assert!(app.state().doc.read_only().is_some());
}

#[test]
fn save_is_not_blocked_by_a_settings_write() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app_with(None, Some(dir.path().join("settings.ron")));
    app.harness.state_mut().settings.zoom = 1.5;
    app.harness.state_mut().persist_settings(false);
    assert!(app.state().is_busy(), "a settings write is under way");
    assert!(
        app.state()
            .command_enabled(hazard_workshop::app::Command::SaveProject),
        "only a running save blocks saving"
    );
    app.settle();
}

#[test]
fn a_save_refused_for_want_of_a_backup_can_go_on_without_one_and_fits_a_projector() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    project_file::save(&common_example(), &path).unwrap();
    // The backup folder cannot be made: a file is in its way.
    let blocked = dir.path().join("backups");
    std::fs::write(&blocked, "not a folder").unwrap();
    let mut app = app_with_options(AppOptions {
        open_path: Some(path.clone()),
        backups: BackupPolicy {
            location: BackupLocation::Folder(blocked),
            ..BackupPolicy::default()
        },
        ..quiet_options()
    });
    app.harness.set_size(egui::vec2(1024.0, 768.0));
    app.settle();
    type_in_name(&mut app, " (mine)");
    let on_disk = std::fs::read(&path).unwrap();
    app.press(CTRL, Key::S);
    app.harness
        .get_by_label("Not saved: no backup could be made");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "nothing written yet"
    );
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 768.0));
    for label in ["Save without a backup", "Cancel"] {
        let rect = app.harness.get_by_label(label).rect();
        assert!(
            screen.contains_rect(rect),
            "{label} is off screen: {rect:?}"
        );
    }
    app.click("Save without a backup");
    assert_eq!(
        &project_file::load(&path).unwrap(),
        app.state().doc.project()
    );
    assert!(!app.state().doc.is_dirty());
}

#[test]
fn discarding_changes_on_quit_leaves_nothing_to_recover() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let journal = {
        let mut app = app_with_options(AppOptions {
            recovery_dir: Some(recovery.clone()),
            ..quiet_options()
        });
        type_in_name(&mut app, " (thrown away)");
        let journal = app.state().safety.journal.clone();
        let store = app.state().safety.store().unwrap();
        wait_until(&mut app, "the journal", |_| {
            store.journal_path(&journal).exists()
        });
        app.press(CTRL, Key::Q);
        app.click("Discard changes");
        assert!(app.state().is_quitting());
        // The window takes a few frames to close; the journal pacer must not write it again.
        for _ in 0..5 {
            app.harness.step();
            std::thread::sleep(Duration::from_millis(400));
        }
        app.state().safety.flush();
        assert!(
            !store.journal_path(&journal).exists(),
            "the discarded work is not kept for recovery"
        );
        journal
    };
    let app = app_with_options(AppOptions {
        recovery_dir: Some(recovery.clone()),
        ..quiet_options()
    });
    assert!(app.state().recovery_offer.is_empty(), "{journal:?}");
    assert!(
        app.harness
            .query_by_label("Restore unsaved work?")
            .is_none(),
        "no claim that the app did not close normally"
    );
}

#[test]
fn a_journal_that_cannot_be_written_is_shown_until_a_write_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut app = app_with_options(AppOptions {
        recovery_dir: Some(recovery.clone()),
        ..quiet_options()
    });
    const WARNING: &str = "Unsaved work is not protected against a crash";
    assert!(app.harness.query_by_label(WARNING).is_none());
    // The recovery folder disappears and a file takes its place (a full or lost disk).
    std::fs::remove_dir_all(&recovery).unwrap();
    std::fs::write(&recovery, "in the way").unwrap();
    type_in_name(&mut app, "!");
    wait_until(&mut app, "the failed journal write", |app| {
        app.harness.query_by_label(WARNING).is_some()
    });

    std::fs::remove_file(&recovery).unwrap();
    std::fs::create_dir_all(&recovery).unwrap();
    type_in_name(&mut app, "?");
    wait_until(&mut app, "a journal write that works again", |app| {
        app.harness.query_by_label(WARNING).is_none()
    });
}

#[test]
fn opening_a_project_with_a_shared_display_id_tells_the_user() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.hazlog");
    let mut project = common::app().state().doc.project().clone();
    assert!(project.hazards.len() >= 2, "the example has hazards");
    let id = project.hazards[0].display_id.clone();
    project.hazards[1].display_id = id.clone();
    hazard_workshop::storage::project_file::save(&project, &path).unwrap();
    let app = common::app_opening(Some(path));
    let notice = app.state().notice.as_ref().expect("the user is told");
    assert!(notice.is_error, "{}", notice.text);
    assert!(
        notice
            .text
            .starts_with(&format!("{id} is the id of 2 hazards")),
        "{}",
        notice.text
    );
    app.harness.get_by_label_contains("is the id of 2 hazards");
}

#[cfg(unix)]
#[test]
fn saving_over_a_read_only_file_is_refused_with_a_notice() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked-down.hazlog");
    let project = common::app().state().doc.project().clone();
    project_file::save(&project, &path).unwrap();
    let mut app = common::app_opening(Some(path.clone()));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    type_in_name(&mut app, " edited");
    app.press(CTRL, Key::S);
    app.settle();
    let notice = app.state().notice.as_ref().expect("the user is told");
    assert!(notice.is_error, "{}", notice.text);
    assert!(notice.text.contains("read-only"), "{}", notice.text);
    assert!(app.state().doc.is_dirty(), "the edit is still unsaved");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        on_disk,
        "the file is unchanged"
    );
}
