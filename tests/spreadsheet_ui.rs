//! Issue 6 through the window: export the NHS workbook, import a real NHS log as a new project,
//! and import into the open project with the changes reviewed first and undoable as one step.

mod common;

use common::{CTRL, CTRL_SHIFT, app};
use egui::Key;
use egui_kittest::kittest::Queryable;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/xlsx")
        .join(name)
}

#[test]
fn export_the_nhs_workbook() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.xlsx");
    let mut app = app();
    app.dialogs.answer(Some(path.clone()));
    app.press(CTRL, Key::E);
    let mut book = calamine::open_workbook_auto(&path).expect("a workbook was written");
    let names = book.sheet_names();
    assert_eq!(
        &names[..5],
        [
            "Cover Page",
            "Version History",
            "Hazard Log",
            "Risk Matrix",
            "References"
        ],
        "the v3.6 template by default"
    );
    let sheet = book.worksheet_range("Hazard Log").unwrap();
    let ids: Vec<String> = (4..sheet.height() as u32)
        .map(|row| {
            sheet
                .get_value((row, 0))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .filter(|id| !id.is_empty())
        .collect();
    let live: Vec<String> = app
        .state()
        .doc
        .project()
        .live_hazards()
        .map(|h| h.display_id.clone())
        .collect();
    assert_eq!(
        ids, live,
        "one row per live hazard under the four header rows"
    );
}

#[test]
fn export_layout_a_from_the_file_menu() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log-a.xlsx");
    let mut app = app();
    app.dialogs.answer(Some(path.clone()));
    app.click("File");
    app.click_menu_item("Export hazard log in layout A (19 columns)…");
    let mut book = calamine::open_workbook_auto(&path).expect("a workbook was written");
    let sheet = book.worksheet_range("Hazard Log").unwrap();
    let live = app.state().doc.project().live_hazards().count();
    assert_eq!(
        sheet.height(),
        live + 1,
        "a header row and one row per live hazard"
    );
    assert_eq!(
        sheet.get_value((0, 0)).map(|v| v.to_string()).as_deref(),
        Some("Hazard Number")
    );
}

#[test]
fn import_a_real_nhs_log_as_a_new_unsaved_project() {
    let mut app = app();
    let before = app.state().doc.project().clone();
    app.dialogs
        .answer(Some(fixture("NRL Hazard Log V1.7.xlsx")));
    app.press(CTRL, Key::I);
    // This log has things the import cannot keep as they were: that is said first, and the
    // open project stays until the user accepts.
    let problems = app.state().import_review.as_ref().unwrap().problems;
    assert!(problems > 0);
    app.harness.get_by_label(&format!(
        "{problems} things in the spreadsheet could not be kept as they were: read the report \
         below before you accept this import."
    ));
    assert_eq!(app.state().doc.project(), &before, "nothing replaced yet");
    app.click("Open as a new project");
    let project = app.state().doc.project();
    assert_eq!(project.hazards.len(), 11);
    assert!(
        app.state().doc.is_dirty(),
        "an import is unsaved until saved"
    );
    assert!(
        app.state().title().contains("(imported)"),
        "{}",
        app.state().title()
    );
    assert!(app.state().import_review.is_none());
}

#[test]
fn an_import_that_kept_everything_opens_at_once_and_a_lossy_one_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.xlsx");
    let mut app = app();
    app.dialogs.answer(Some(path.clone()));
    // With the withdrawn hazards: the minutes and meetings name them, and an export without
    // them could not link those back (the import names each such link).
    app.click("File");
    app.click_menu_item("Export NHS hazard log with withdrawn hazards");
    app.dialogs.answer(Some(path.clone()));
    app.press(CTRL, Key::I);
    assert_eq!(app.state().import_review.as_ref().unwrap().problems, 0);
    assert!(app.state().title().contains("(imported)"));
    app.harness.get_by_label_contains("Imported ours");
    app.click("Close");

    let before = app.state().doc.project().clone();
    app.dialogs
        .answer(Some(fixture("NRL Hazard Log V1.7.xlsx")));
    app.press(CTRL, Key::I);
    app.click("Discard changes"); // the first import is unsaved
    app.click("Cancel import");
    assert_eq!(app.state().doc.project(), &before);
    assert!(app.state().import_review.is_none());
}

#[test]
fn import_into_the_open_project_is_reviewed_then_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.xlsx");
    let mut app = app();
    app.dialogs.answer(Some(path.clone()));
    // Layout A: the importer reads it back (the v3.6 header is read in the import half of
    // issue 14).
    app.click("File");
    app.click_menu_item("Export hazard log in layout A (19 columns)…");
    let key = app.state().view.selected.unwrap();
    let original = app.state().doc.project().hazard(key).unwrap().name.clone();
    app.harness.get_by_label("Hazard name").focus();
    app.settle();
    app.harness
        .get_by_label("Hazard name")
        .type_text(" (local edit)");
    app.settle();
    app.click("Risk matrix");
    let before_import = app.state().doc.project().clone();

    app.dialogs.answer(Some(path.clone()));
    app.press(CTRL_SHIFT, Key::I);
    app.harness.get_by_label_contains("into this project");
    assert_eq!(
        app.state().doc.project(),
        &before_import,
        "nothing changes before Apply"
    );
    app.click("Apply changes");
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().name,
        original
    );
    app.press(CTRL, Key::Z);
    // The per-hazard history keeps the import and its undo; everything else is as before.
    let without_history =
        |project: &hazard_workshop::domain::Project| hazard_workshop::domain::Project {
            history: Default::default(),
            ..project.clone()
        };
    assert_eq!(
        without_history(app.state().doc.project()),
        without_history(&before_import),
        "one step undoes the whole import"
    );
    assert!(
        app.state().doc.project().history.len() > before_import.history.len(),
        "the import and its undo are in the history"
    );
}

#[test]
fn a_bad_spreadsheet_is_refused_with_a_message_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-spreadsheet.xlsx");
    std::fs::write(&path, "this is text, not a workbook").unwrap();
    let mut app = app();
    let before = app.state().doc.project().clone();
    app.dialogs.answer(Some(path.clone()));
    app.press(CTRL, Key::I);
    assert_eq!(app.state().doc.project(), &before);
    let notice = app.state().notice.clone().expect("an error is shown");
    assert!(
        notice.is_error && notice.text.contains("not-a-spreadsheet.xlsx"),
        "{}",
        notice.text
    );
}

#[test]
fn an_incomplete_import_says_so_first_and_waits_for_the_user() {
    // A row far below the first one: the sheet goes on past the rows that are read.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Hazard Log").unwrap();
    sheet.write_string(0, 0, "Hazard Number").unwrap();
    sheet.write_string(0, 1, "Hazard Name").unwrap();
    sheet.write_string(0, 2, "Hazard Description").unwrap();
    sheet.write_string(1, 0, "H01").unwrap();
    sheet.write_string(1, 1, "Read").unwrap();
    sheet.write_string(100_005, 0, "H02").unwrap();
    sheet.write_string(100_005, 1, "Left out").unwrap();
    workbook.save(&path).unwrap();

    let mut app = app();
    let before = app.state().doc.project().clone();
    app.dialogs.answer(Some(path));
    app.press(CTRL, Key::I);
    let review = app.state().import_review.as_ref().unwrap_or_else(|| {
        panic!(
            "no review: {:?}",
            app.state().notice.as_ref().map(|n| &n.text)
        )
    });
    let incomplete = review.incomplete.clone().expect("the import is incomplete");
    assert!(
        incomplete.contains("this is not the whole hazard log"),
        "{incomplete}"
    );
    let first_line = format!("Incomplete import: {incomplete}");
    let first = app.harness.get_by_label(&first_line).rect().top();
    let problems = app
        .harness
        .get_by_label_contains("could not be kept as they were")
        .rect()
        .top();
    assert!(first < problems, "the incomplete import is stated first");
    assert_eq!(app.state().doc.project(), &before, "nothing replaced yet");
    app.click("Open as a new project");
    assert_eq!(app.state().doc.project().hazards.len(), 1);
    assert!(app.state().import_review.is_none());
}

#[test]
fn an_export_names_what_the_workbook_cannot_hold_in_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let project_path = dir.path().join("spaces.hazlog");
    let mut project = app().state().doc.project().clone();
    let hazard = project
        .hazards
        .iter_mut()
        .find(|h| !h.status.is_withdrawn())
        .unwrap();
    hazard.name = "Ends in spaces   ".into();
    let id = hazard.display_id.clone();
    hazard_workshop::storage::project_file::save(&project, &project_path).unwrap();
    let mut app = common::app_opening(Some(project_path));
    assert!(
        app.state()
            .doc
            .project()
            .hazards
            .iter()
            .any(|h| h.name == "Ends in spaces   "),
        "the project opened as saved"
    );
    let out = dir.path().join("log.xlsx");
    app.dialogs.answer(Some(out.clone()));
    app.press(CTRL, Key::E);
    assert!(out.exists(), "the workbook is still written");
    let notice = app.state().notice.as_ref().expect("a notice");
    assert!(notice.is_error, "{}", notice.text);
    assert!(
        notice
            .text
            .contains("1 field will not read back exactly as typed"),
        "{}",
        notice.text
    );
    assert!(
        notice.text.contains(&format!(
            "{id} name: spaces or line breaks at its start or end are not kept"
        )),
        "{}",
        notice.text
    );
    app.harness
        .get_by_label_contains("will not read back exactly as typed");
}
