//! Issue 19 in the app: merge a copy edited elsewhere (File › Merge another copy of this
//! project…), see what it takes and its conflict before applying it, find issuing refused while
//! the conflict remains, resolve it in the Merge conflicts window, then issue; and a sync
//! client's conflicted copy beside the file, offered for merging when the project opens.

mod common;

use std::path::Path;

use chrono::{DateTime, Utc};
use common::{CTRL, TestApp, app_opening};
use egui::Key;
use egui_kittest::kittest::Queryable;
use hazard_workshop::edit::ops;
use hazard_workshop::storage::project_file;

fn menu(app: &mut TestApp, item: &str) {
    app.click("File");
    app.click_menu_item(item);
}

fn type_into(app: &mut TestApp, label: &str, text: &str) {
    app.harness.get_by_label(label).focus();
    app.settle();
    app.harness.get_by_label(label).type_text(text);
    app.settle();
}

fn fill_issue_dialog(app: &mut TestApp) {
    menu(app, "Issue version…");
    type_into(app, "Author", "Sam Patel");
    if app
        .harness
        .query_by_label("Why issue with checks open")
        .is_some()
    {
        type_into(app, "Why issue with checks open", "Pilot on one ward");
    }
    app.click("Issue this version");
}

#[test]
fn merge_a_copy_resolve_its_conflict_then_issue() {
    let dir = tempfile::tempdir().unwrap();
    let ours_path = dir.path().join("ward log.hazlog");
    let example = project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap();
    project_file::save(&example, &ours_path).unwrap();

    // The other laptop's copy: the first hazard's owner and the second's description changed.
    let mut theirs = project_file::load(&ours_path).unwrap();
    theirs.hazards[0].owner = "Theirs: Pharmacy lead".into();
    theirs.hazards[1].description = "Described on the other laptop".into();
    let theirs_path = dir.path().join("from the other laptop.hazlog");
    project_file::save(&theirs, &theirs_path).unwrap();

    let mut app = app_opening(Some(ours_path.clone()));
    // Here, the first hazard's owner changed too (not saved yet).
    let project = app.state().doc.project().clone();
    let mut first = project.hazards[0].clone();
    first.owner = "Ours: Ward manager".into();
    let now: DateTime<Utc> = "2026-11-28T09:00:00Z".parse().unwrap();
    app.harness
        .state_mut()
        .doc
        .apply(ops::update_hazard(&project, first, "owner", now))
        .unwrap();
    app.settle();

    app.dialogs.answer(Some(theirs_path));
    menu(&mut app, "Merge another copy of this project…");
    app.harness.get_by_label("Conflicts: 1");
    app.harness.get_by_label_contains("Common ancestor: “");
    assert!(
        app.state().doc.project().conflicts.is_empty(),
        "nothing changes before Apply"
    );
    app.click("Apply merge");

    let merged = app.state().doc.project();
    assert_eq!(merged.hazards[0].owner, "Ours: Ward manager", "ours held");
    assert_eq!(
        merged.hazards[1].description,
        "Described on the other laptop"
    );
    assert_eq!(merged.conflicts.len(), 1);
    app.harness.get_by_label("1 merge conflict");

    // Issuing is refused while the conflict remains, and the dialog says why.
    app.click("Close");
    fill_issue_dialog(&mut app);
    app.harness
        .get_by_label("The project holds 1 unresolved merge conflict: resolve it before issuing.");
    assert!(app.state().doc.project().baselines.is_empty());
    app.click("Cancel");

    // Resolve it from the status bar: keep theirs. One undo brings the conflict back.
    app.click("1 merge conflict");
    app.click("Keep theirs");
    assert_eq!(
        app.state().doc.project().hazards[0].owner,
        "Theirs: Pharmacy lead"
    );
    assert!(app.state().doc.project().conflicts.is_empty());
    assert!(app.harness.query_by_label("1 merge conflict").is_none());
    app.press(CTRL, Key::Z);
    assert_eq!(app.state().doc.project().conflicts.len(), 1);
    app.click("Edit…");
    app.harness
        .get_by_role_and_label(
            egui::accesskit::Role::MultilineTextInput,
            "New value for H001 Wrong patient selected when prescribing: owner",
        )
        .focus();
    app.settle();
    app.press(CTRL, Key::A);
    app.harness
        .get_by_role_and_label(
            egui::accesskit::Role::MultilineTextInput,
            "New value for H001 Wrong patient selected when prescribing: owner",
        )
        .type_text("Agreed: Ward manager");
    app.settle();
    app.click("Use this value");
    assert_eq!(
        app.state().doc.project().hazards[0].owner,
        "Agreed: Ward manager"
    );
    assert!(app.state().doc.project().conflicts.is_empty());
    app.click("Close");

    fill_issue_dialog(&mut app);
    assert_eq!(app.state().doc.project().baselines.len(), 1, "issued");
}

#[test]
fn a_conflicted_copy_beside_the_file_is_offered_for_merging_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    let example = project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap();
    project_file::save(&example, &path).unwrap();
    let mut copy = project_file::load(&path).unwrap();
    copy.hazards[2].name = "Renamed on the other computer".into();
    let copy_path = dir
        .path()
        .join("log (Jane's conflicted copy 2026-11-28).hazlog");
    project_file::save(&copy, &copy_path).unwrap();

    let mut app = app_opening(Some(path));
    app.harness.get_by_label("Copies of this project");
    app.click("Merge “log (Jane's conflicted copy 2026-11-28).hazlog”…");
    app.harness.get_by_label("Conflicts: 0");
    app.click("Apply merge");
    assert_eq!(
        app.state().doc.project().hazards[2].name,
        "Renamed on the other computer"
    );
    assert!(
        app.harness
            .query_by_label("Copies of this project")
            .is_none()
    );
    assert!(app.state().doc.is_dirty(), "merged, not yet saved");
}

#[test]
fn without_a_native_dialog_the_copy_to_merge_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::app();
    let mut copy = app.state().doc.project().clone();
    copy.hazards[0].harm = "Typed-path harm".into();
    let copy_path = dir.path().join("copy.hazlog");
    project_file::save(&copy, &copy_path).unwrap();
    app.dialogs
        .no_save_dialog
        .store(true, std::sync::atomic::Ordering::Relaxed);

    menu(&mut app, "Merge another copy of this project…");
    let typed = |app: &mut TestApp, text: &str| {
        app.harness.get_by_label("File path").focus();
        app.settle();
        app.press(CTRL, Key::A);
        app.harness.get_by_label("File path").type_text(text);
        app.settle();
        app.click("Open this file");
    };
    typed(
        &mut app,
        &dir.path().join("missing.hazlog").display().to_string(),
    );
    app.harness.get_by_label_contains("There is no file at");
    typed(&mut app, &copy_path.display().to_string());
    // The bundled example has no lineage: a two-way merge, every difference a conflict.
    app.harness
        .get_by_label_contains("No common ancestor was found");
    app.click("Apply merge");
    assert_eq!(app.state().doc.project().conflicts.len(), 1);
}

#[test]
fn each_save_in_the_app_names_the_save_before_it_as_its_parent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    let example = project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap();
    project_file::save(&example, &path).unwrap();
    let lineage = |path: &Path| {
        project_file::lineage_of_text(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let opened = lineage(&path);

    let mut app = app_opening(Some(path.clone()));
    let now: DateTime<Utc> = "2026-11-28T09:00:00Z".parse().unwrap();
    let mut saves = Vec::new();
    for owner in ["First owner", "Second owner"] {
        let project = app.state().doc.project().clone();
        let mut hazard = project.hazards[0].clone();
        hazard.owner = owner.into();
        app.harness
            .state_mut()
            .doc
            .apply(ops::update_hazard(&project, hazard, "owner", now))
            .unwrap();
        app.press(CTRL, Key::S);
        saves.push(lineage(&path));
        assert_eq!(
            app.state().doc.project().lineage.save_id,
            saves.last().unwrap().save_id,
            "the open project knows the save it matches"
        );
        assert!(!app.state().doc.is_dirty());
    }
    assert_eq!(saves[0].parents, std::slice::from_ref(&opened.save_id));
    assert_eq!(saves[1].parents, std::slice::from_ref(&saves[0].save_id));
    assert_eq!(
        saves[1].ancestors[..2],
        [saves[0].save_id.clone(), opened.save_id]
    );
}
