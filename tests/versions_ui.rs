//! Issue 17 in the app: issue a version with sign-offs, see what changed since, export the
//! changes, and open the issued version read-only, all through the window by label.

mod common;

use std::io::Read;

use common::{CTRL, TestApp, app};
use egui::Key;
use egui_kittest::kittest::Queryable;

const CAPTURE: &str = "New hazard: type its name and press Enter (Ctrl+N)";
const NEW_HAZARDS: [&str; 3] = [
    "Label printer prints the wrong patient",
    "Handover note lost on ward transfer",
    "Allergy banner hidden at low zoom",
];

fn type_into(app: &mut TestApp, label: &str, text: &str) {
    app.harness.get_by_label(label).focus();
    app.settle();
    app.harness.get_by_label(label).type_text(text);
    app.settle();
}

fn menu(app: &mut TestApp, item: &str) {
    app.click("File");
    app.click_menu_item(item);
}

/// Issues version 1.0 of the example with two approvers, as a person fills the dialog.
fn issue_first_version(app: &mut TestApp) {
    menu(app, "Issue version…");
    type_into(app, "Author", "Sam Patel");
    if app
        .harness
        .query_by_label("Why issue with checks open")
        .is_some()
    {
        type_into(app, "Why issue with checks open", "Pilot on one ward");
    }
    app.click("Add approver");
    app.click("Add approver");
    type_into(app, "Sign-off 1 name", "Dr Ada Jones");
    type_into(app, "Sign-off 1 role", "Clinical Safety Officer");
    type_into(app, "Sign-off 1 registration number", "GMC 7654321");
    type_into(app, "Sign-off 2 name", "Lee Brown");
    type_into(app, "Sign-off 2 role", "Chief Nursing Information Officer");
    app.click("Issue this version");
}

fn zip_text(path: &std::path::Path, entry: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(entry)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn issue_change_compare_export_and_open_a_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let hazards_at_issue = app.state().doc.project().hazards.len();

    issue_first_version(&mut app);
    let project = app.state().doc.project();
    assert_eq!(project.baselines.len(), 1, "{:?}", app.state().notice);
    let baseline = &project.baselines[0];
    assert_eq!(baseline.version, "1.0");
    assert_eq!(baseline.author, "Sam Patel");
    let approvers: Vec<_> = baseline.approvers().map(|s| s.name.as_str()).collect();
    assert_eq!(approvers, ["Dr Ada Jones", "Lee Brown"]);
    assert_eq!(baseline.sign_offs[0].registration, "GMC 7654321");
    let notice = app.state().notice.clone().expect("the hash is shown");
    assert!(!notice.is_error);
    assert!(
        notice.text.contains(&baseline.frozen.sha256),
        "{}",
        notice.text
    );
    assert!(app.harness.query_by_label("Issue this version").is_none());
    assert!(app.state().doc.can_undo(), "issuing is an undoable step");

    for name in NEW_HAZARDS {
        type_into(&mut app, CAPTURE, name);
        app.harness.key_press(Key::Enter);
        app.settle();
    }
    assert_eq!(
        app.state().doc.project().hazards.len(),
        hazards_at_issue + 3
    );

    menu(&mut app, "Issued versions and changes…");
    app.harness.get_by_label_contains("Version 1.0 — ");
    app.click("Compare version 1.0 with now");
    app.harness.get_by_label("Added (3)");
    for name in NEW_HAZARDS {
        app.harness
            .get_by_label_contains(&format!("{name} — Added"));
    }
    // Filtering out the additions hides them.
    app.click("Added (3)");
    assert!(
        app.harness
            .query_by_label_contains(&format!("{} — Added", NEW_HAZARDS[0]))
            .is_none()
    );
    app.click("Added (3)");

    let word = dir.path().join("changes.docx");
    app.dialogs.answer(Some(word.clone()));
    app.click("Export the changes as Word");
    let body = zip_text(&word, "word/document.xml");
    for name in NEW_HAZARDS {
        assert!(body.contains(name), "the Word export names {name}");
    }
    let sheet = dir.path().join("changes.xlsx");
    app.dialogs.answer(Some(sheet.clone()));
    app.click("Export the changes as a spreadsheet");
    let strings = zip_text(&sheet, "xl/sharedStrings.xml");
    for name in NEW_HAZARDS {
        assert!(strings.contains(name), "the spreadsheet names {name}");
    }

    // The issued version opens in place of the log: only once the changes are saved.
    app.click("Open version 1.0 read-only");
    let notice = app.state().notice.clone().unwrap();
    assert!(
        notice.is_error && notice.text.contains("Save"),
        "{}",
        notice.text
    );
    assert_eq!(
        app.state().doc.project().hazards.len(),
        hazards_at_issue + 3
    );
    app.dialogs.answer(Some(dir.path().join("log.hazlog")));
    app.press(CTRL, Key::S);
    assert!(!app.state().doc.is_dirty());

    app.click("Open version 1.0 read-only");
    assert!(
        app.state().title().contains("(read-only)"),
        "{}",
        app.state().title()
    );
    assert_eq!(app.state().doc.project().hazards.len(), hazards_at_issue);
    assert!(app.state().doc.read_only().is_some());
    menu(&mut app, "Issue version…");
    assert!(app.harness.query_by_label("Issue this version").is_none());
    assert!(app.state().notice.as_ref().is_some_and(|n| n.is_error));
}

#[test]
fn an_issued_version_exports_to_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    issue_first_version(&mut app);
    menu(&mut app, "Issued versions and changes…");
    let path = dir.path().join("version 1.0.xlsx");
    app.dialogs.answer(Some(path.clone()));
    app.click("Export version 1.0 (layout A)");
    let workbook: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    use calamine::Reader;
    assert!(!workbook.sheet_names().is_empty());
}

#[test]
fn issuing_without_an_author_is_refused_in_the_dialog() {
    let mut app = app();
    menu(&mut app, "Issue version…");
    if app
        .harness
        .query_by_label("Why issue with checks open")
        .is_some()
    {
        type_into(&mut app, "Why issue with checks open", "Pilot");
    }
    app.click("Issue this version");
    app.harness
        .get_by_label("Say who is issuing the version (the author).");
    assert!(app.state().doc.project().baselines.is_empty());
}

/// Selects the hazard whose row in the list starts with `id`, as a click on the row.
fn select(app: &mut TestApp, id: &str) {
    use egui_kittest::kittest::NodeT;
    let row = app
        .harness
        .query_all_by_role(egui::accesskit::Role::Row)
        .filter_map(|n| n.accesskit_node().label())
        .find(|label| label.starts_with(id))
        .unwrap_or_else(|| panic!("no row for {id}"));
    app.click(&row);
}

fn name_of(app: &TestApp, id: &str) -> String {
    let project = app.state().doc.project();
    let hazard = project.hazards.iter().find(|h| h.display_id == id).unwrap();
    hazard.name.clone()
}

#[test]
fn three_changed_hazards_show_in_the_diff_and_their_histories_and_the_log_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    let mut app = app();
    app.dialogs.answer(Some(path.clone()));
    app.press(CTRL, Key::S);
    issue_first_version(&mut app);

    let changed = ["H001", "H004", "H005"];
    let mut renames = Vec::new();
    for id in changed {
        select(&mut app, id);
        let old = name_of(&app, id);
        app.harness.get_by_label("Hazard name").focus();
        app.settle();
        app.harness.key_press(Key::End);
        app.harness
            .get_by_label("Hazard name")
            .type_text(" (reviewed 2027)");
        app.settle();
        app.harness.key_press(Key::Tab);
        app.settle();
        let new = name_of(&app, id);
        assert_eq!(new, format!("{old} (reviewed 2027)"));
        renames.push((id, old, new));
    }

    // Each hazard's history says who renamed it, from what, to what.
    for (id, old, new) in &renames {
        select(&mut app, id);
        let change = format!("name: \"{old}\" -> \"{new}\"");
        if app.harness.query_by_label(&change).is_none() {
            app.click("History");
        }
        app.harness.get_by_label(&change);
    }

    menu(&mut app, "Issued versions and changes…");
    app.click("Compare version 1.0 with now");
    app.harness.get_by_label("Changed (3)");
    for (id, old, new) in &renames {
        app.harness
            .get_by_label_contains(&format!("{id} {new} — Changed"));
        app.harness
            .get_by_label(&format!("name: “{old}” -> “{new}”"));
    }

    // Saved, the issued version opens read-only in place of the log, and the log comes back.
    app.press(CTRL, Key::S);
    assert!(!app.state().doc.is_dirty());
    // Closing the comparison and the versions list.
    loop {
        let Some(close) = app.harness.query_all_by_label("Close window").next() else {
            break;
        };
        close.click();
        app.settle();
    }
    assert!(app.state().versions.diff.is_none());
    menu(&mut app, "Issued versions and changes…");
    app.click("Open version 1.0 read-only");
    assert!(app.state().doc.read_only().is_some());
    assert_eq!(name_of(&app, "H001"), renames[0].1, "as issued");
    app.click("Back to the current log");
    assert_eq!(app.state().doc.path(), Some(path.as_path()));
    assert!(app.state().doc.read_only().is_none());
    assert_eq!(name_of(&app, "H001"), renames[0].2, "the current log again");
    assert!(
        app.harness
            .query_by_label("Back to the current log")
            .is_none()
    );
}
