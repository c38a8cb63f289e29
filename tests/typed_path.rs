//! Issue 15, saving and opening when no file dialog exists: Save as, exports, Open and imports
//! ask for a typed path in the app's own picker, a path that cannot be used is explained and
//! changes nothing, and a failure to write or to read is an error the user sees.

mod common;

use std::sync::atomic::Ordering;

use common::{CTRL, CTRL_SHIFT, TestApp, app};
use egui::Key;
use egui_kittest::kittest::Queryable;

/// The app on a machine where rfd cannot show a dialog (no portal, no zenity).
fn app_without_dialogs() -> TestApp {
    let app = app();
    app.dialogs.no_save_dialog.store(true, Ordering::Relaxed);
    app
}

/// Replaces the typed path with `text` and presses "Save here".
fn type_path(app: &mut TestApp, text: &str) {
    let field = app.harness.get_by_label("File path");
    field.focus();
    app.settle();
    app.press(CTRL, Key::A);
    app.harness.get_by_label("File path").type_text(text);
    app.settle();
    app.click("Save here");
}

#[test]
fn save_as_without_a_native_dialog_asks_for_a_typed_path_and_saves_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_without_dialogs();
    app.press(CTRL_SHIFT, Key::S);
    // The app's own picker: its title, the suggested name already typed.
    app.harness.get_by_label("Save hazard log as");
    let typed = app
        .harness
        .get_by_label("File path")
        .value()
        .unwrap_or_default();
    assert!(typed.ends_with(".hazlog"), "suggested name: {typed}");
    assert!(
        !app.state()
            .command_enabled(hazard_workshop::app::Command::SaveProject)
    );

    let path = dir.path().join("ward log");
    type_path(&mut app, &path.display().to_string());
    let saved = dir.path().join("ward log.hazlog");
    assert!(saved.is_file(), "saved with the project extension added");
    assert_eq!(app.state().doc.path(), Some(saved.as_path()));
    assert!(!app.state().doc.is_dirty());
    assert!(
        app.harness.query_by_label("File path").is_none(),
        "the picker closed"
    );
    assert!(
        app.state()
            .command_enabled(hazard_workshop::app::Command::SaveProject)
    );
    let reloaded = hazard_workshop::storage::project_file::load(&saved).unwrap();
    assert_eq!(&reloaded, app.state().doc.project());
}

#[test]
fn a_path_that_cannot_be_used_is_explained_and_nothing_is_written() {
    let mut app = app_without_dialogs();
    app.press(CTRL_SHIFT, Key::S);
    type_path(&mut app, "relative.hazlog");
    app.harness.get_by_label_contains("is not a full path");
    assert!(app.state().doc.path().is_none());
    // Cancel leaves everything as it was, and Save works again.
    app.click("Cancel");
    assert!(app.harness.query_by_label("File path").is_none());
    assert!(app.state().doc.path().is_none());
    assert!(
        app.state()
            .command_enabled(hazard_workshop::app::Command::SaveProject)
    );
}

#[test]
fn a_failure_to_write_is_an_error_the_user_sees() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_without_dialogs();
    app.press(CTRL_SHIFT, Key::S);
    let nowhere = dir.path().join("no such folder").join("log.hazlog");
    type_path(&mut app, &nowhere.display().to_string());
    let notice = app.state().notice.clone().expect("the failure is shown");
    assert!(notice.is_error, "{notice:?}");
    app.harness.get_by_label_contains(&notice.text);
    assert!(!nowhere.exists());
    assert!(app.state().doc.path().is_none(), "still unsaved");
}

#[test]
fn an_export_without_a_native_dialog_asks_for_a_typed_path_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_without_dialogs();
    app.press(CTRL, Key::E);
    app.harness.get_by_label("Export the NHS hazard log");
    let path = dir.path().join("export");
    type_path(&mut app, &path.display().to_string());
    let written = dir.path().join("export.xlsx");
    assert!(written.is_file(), "exported with the .xlsx extension");
    let notice = app.state().notice.clone().unwrap();
    assert!(!notice.is_error, "{notice:?}");
}

/// Replaces the typed path with `text` and presses "Open this file".
fn type_path_to_open(app: &mut TestApp, text: &str) {
    let field = app.harness.get_by_label("File path");
    field.focus();
    app.settle();
    app.press(CTRL, Key::A);
    app.harness.get_by_label("File path").type_text(text);
    app.settle();
    app.click("Open this file");
}

#[test]
fn open_without_a_native_dialog_asks_for_a_typed_path_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_without_dialogs();
    let mut project = app.state().doc.project().clone();
    project.metadata.system_name = "Ward log".to_owned();
    let file = dir.path().join("ward.hazlog");
    hazard_workshop::storage::project_file::save(&project, &file).unwrap();

    app.press(CTRL, Key::O);
    app.harness.get_by_label("Open hazard log");
    // A file that is not there is explained and opens nothing.
    type_path_to_open(
        &mut app,
        &dir.path().join("gone.hazlog").display().to_string(),
    );
    app.harness.get_by_label_contains("There is no file at");
    assert!(app.state().doc.path().is_none());
    // Typed without its extension, the hazard log is found and opened.
    type_path_to_open(&mut app, &dir.path().join("ward").display().to_string());
    assert!(
        app.harness.query_by_label("File path").is_none(),
        "the picker closed"
    );
    assert_eq!(app.state().doc.path(), Some(file.as_path()));
    assert_eq!(app.state().doc.project().metadata.system_name, "Ward log");
}

#[test]
fn import_without_a_native_dialog_asks_for_a_typed_path_and_a_bad_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_without_dialogs();
    let before = app.state().doc.project().clone();
    let file = dir.path().join("not a workbook.xlsx");
    std::fs::write(&file, "this is not a spreadsheet").unwrap();
    app.press(CTRL, Key::I);
    app.harness.get_by_label("Import a hazard log spreadsheet");
    type_path_to_open(&mut app, &file.display().to_string());
    let notice = app.state().notice.clone().expect("the failure is shown");
    assert!(notice.is_error, "{notice:?}");
    app.harness.get_by_label_contains(&notice.text);
    assert_eq!(app.state().doc.project(), &before, "nothing changed");

    // Cancel on the picker leaves everything as it was.
    app.press(CTRL, Key::I);
    app.click("Cancel");
    assert!(app.harness.query_by_label("File path").is_none());
    assert_eq!(app.state().doc.project(), &before);
}
