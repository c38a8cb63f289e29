//! The main window, driven as a person would: by labels, clicks and keys.

mod common;

use common::{CTRL, CTRL_SHIFT, app, app_opening};
use egui::Key;
use egui_kittest::kittest::Queryable;
use hazard_workshop::storage::project_file;

#[test]
fn starts_on_the_example_with_the_four_panes() {
    let app = app();
    assert!(
        app.state().title().starts_with("Example workshop"),
        "{}",
        app.state().title()
    );
    assert!(app.state().doc.project().hazards.len() >= 12);
    for pane in ["Hazard list", "Hazard details", "Risk matrix", "Minutes"] {
        app.harness.get_by_label(pane);
    }
    // The list lists: each live hazard's id is on screen (the list is tall enough here).
    let first = &app.state().doc.project().hazards[0];
    assert!(app.harness.query_all_by_label(&first.display_id).count() >= 1);
}

#[test]
fn selecting_a_hazard_in_the_list_shows_it_in_the_details_pane() {
    let mut app = app();
    let hazard = app.state().doc.project().hazards[2].clone();
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::Label, &hazard.display_id)
        .click();
    app.settle();
    assert_eq!(app.state().view.selected, Some(hazard.key));
    let name_field = app.harness.get_by_label("Hazard name");
    assert_eq!(name_field.value().as_deref(), Some(hazard.name.as_str()));
}

#[test]
fn editing_the_name_changes_the_document_and_marks_it_unsaved() {
    let mut app = app();
    let key = app
        .state()
        .view
        .selected
        .expect("the first hazard is selected at start");
    assert!(!app.state().title().starts_with('●'));
    app.harness.get_by_label("Hazard name").focus();
    app.settle();
    app.harness
        .get_by_label("Hazard name")
        .type_text(" (renamed)");
    app.settle();
    let hazard = app.state().doc.project().hazard(key).unwrap();
    assert!(hazard.name.ends_with(" (renamed)"), "{}", hazard.name);
    assert!(app.state().doc.is_dirty());
    assert!(
        app.state().title().starts_with('●'),
        "{}",
        app.state().title()
    );
    app.harness.get_by_label("Unsaved changes");
}

#[test]
fn undo_reverts_an_edit_and_redo_brings_it_back() {
    let mut app = app();
    let key = app.state().view.selected.unwrap();
    let original = app.state().doc.project().hazard(key).unwrap().name.clone();
    app.harness.get_by_label("Hazard name").focus();
    app.settle();
    app.harness.get_by_label("Hazard name").type_text("!");
    app.settle();
    app.harness.get_by_label("Hazard name").type_text("?");
    app.settle();
    // Click away so the typing burst ends, then undo it as one step.
    app.harness.get_by_label("Risk matrix").click();
    app.settle();
    app.press(CTRL, Key::Z);
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().name,
        original
    );
    assert!(!app.state().doc.is_dirty(), "back to the state as opened");
    app.press(CTRL_SHIFT, Key::Z);
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().name,
        format!("{original}!?")
    );
}

#[test]
fn save_writes_the_file_and_clears_the_unsaved_marker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workshop.hazlog");
    let mut app = app();
    app.harness.get_by_label("Hazard name").focus();
    app.settle();
    app.harness.get_by_label("Hazard name").type_text(" X");
    app.settle();
    // The example has no file yet: Save asks where.
    app.dialogs.answer(Some(path.clone()));
    app.press(CTRL, Key::S);
    assert!(!app.state().doc.is_dirty());
    assert_eq!(app.state().doc.path(), Some(path.as_path()));
    assert!(
        app.state().title().starts_with("workshop.hazlog"),
        "{}",
        app.state().title()
    );
    let saved = project_file::load(&path).unwrap();
    assert_eq!(&saved, app.state().doc.project());
    assert_eq!(app.state().settings.recent_files.first(), Some(&path));
}

#[test]
fn opening_a_bad_file_shows_the_problem_and_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.hazlog");
    std::fs::write(
        &bad,
        "HazardWorkshopProject(format_version: 1, project: Project(",
    )
    .unwrap();
    let mut app = app();
    let before = app.state().doc.project().clone();
    app.dialogs.answer(Some(bad.clone()));
    app.press(CTRL, Key::O);
    assert_eq!(app.state().doc.project(), &before);
    let notice = app.state().notice.clone().expect("an error is shown");
    assert!(notice.is_error);
    assert!(
        notice.text.contains("broken.hazlog") && notice.text.contains("line"),
        "{}",
        notice.text
    );
    app.harness.get_by_label_contains("broken.hazlog");
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "HazardWorkshopProject(format_version: 1, project: Project("
    );
}

#[test]
fn a_project_file_given_at_start_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("given.hazlog");
    let mut project = hazard_workshop::domain::Project::default();
    project.metadata.system_name = "Given".into();
    project_file::save(&project, &path).unwrap();
    let app = app_opening(Some(path.clone()));
    assert_eq!(app.state().doc.project().metadata.system_name, "Given");
    assert!(app.state().title().starts_with("given.hazlog"));
}

#[test]
fn new_project_with_unsaved_changes_asks_first() {
    let mut app = app();
    app.harness.get_by_label("Hazard name").focus();
    app.settle();
    app.harness.get_by_label("Hazard name").type_text(" edited");
    app.settle();
    let edited = app.state().doc.project().clone();

    app.press(CTRL_SHIFT, Key::N);
    app.harness.get_by_label("Save changes to this hazard log?");
    app.harness.get_by_label("Cancel").click();
    app.settle();
    assert_eq!(
        app.state().doc.project(),
        &edited,
        "cancel keeps everything"
    );
    assert!(
        app.harness
            .query_by_label("Save changes to this hazard log?")
            .is_none()
    );

    app.press(CTRL_SHIFT, Key::N);
    app.harness.get_by_label("Discard changes").click();
    app.settle();
    assert!(
        app.state().doc.project().hazards.is_empty(),
        "a new, empty project"
    );
    assert!(app.state().title().starts_with("Untitled"));
}

#[test]
fn quitting_with_unsaved_changes_asks_and_save_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.hazlog");
    let mut app = app();
    app.harness.get_by_label("Hazard name").focus();
    app.settle();
    app.harness.get_by_label("Hazard name").type_text("!");
    app.settle();
    app.press(CTRL, Key::Q);
    assert!(!app.state().is_quitting(), "not before the user answers");
    app.dialogs.answer(Some(path.clone()));
    app.harness.get_by_label("Save").click();
    app.settle();
    assert!(app.state().is_quitting());
    assert_eq!(
        &project_file::load(&path).unwrap(),
        app.state().doc.project()
    );
}
