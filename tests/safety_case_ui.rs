//! Issue 18 in the app: the CSO writes the report's sections in Document details (one undoable
//! change), then exports the Clinical Safety Case Report of an issued version and the handover
//! pack of the current log, all through the window by label.

mod common;

use std::io::Read;

use common::{CTRL, TestApp, app};
use egui::Key;
use egui_kittest::kittest::Queryable;

const STATEMENT: &str = "Safe to deploy for adult inpatient prescribing.";

fn type_into(app: &mut TestApp, label: &str, text: &str) {
    let role = egui::accesskit::Role::TextInput;
    app.harness.get_by_role_and_label(role, label).focus();
    app.settle();
    app.harness
        .get_by_role_and_label(role, label)
        .type_text(text);
    app.settle();
}

/// Types into a section of the safety case report: its heading carries the same name.
fn write_section(app: &mut TestApp, label: &str, text: &str) {
    let role = egui::accesskit::Role::MultilineTextInput;
    app.harness.get_by_role_and_label(role, label).focus();
    app.settle();
    app.harness
        .get_by_role_and_label(role, label)
        .type_text(text);
    app.settle();
}

fn menu(app: &mut TestApp, item: &str) {
    app.click("File");
    app.click_menu_item(item);
}

fn document_text(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn statement(app: &TestApp) -> String {
    app.state()
        .doc
        .project()
        .metadata
        .safety_case
        .summary_safety_statement
        .clone()
}

#[test]
fn document_details_are_applied_as_one_change_that_undo_takes_back() {
    let mut app = app();
    menu(&mut app, "Document details…");
    write_section(&mut app, "Summary safety statement", STATEMENT);
    type_into(&mut app, "Clinical Safety Officer", " (registered)");
    // Nothing reaches the project until Apply.
    assert_eq!(statement(&app), "");
    app.click("Apply");
    assert_eq!(statement(&app), STATEMENT);
    assert!(
        app.state()
            .doc
            .project()
            .metadata
            .clinical_safety_officer
            .ends_with(" (registered)")
    );
    assert!(
        app.harness.query_by_label("Apply").is_none(),
        "the dialog closed"
    );
    assert!(app.state().doc.is_dirty());

    app.press(CTRL, Key::Z);
    assert_eq!(statement(&app), "", "one undo takes the whole change back");

    // Cancel drops what was typed.
    menu(&mut app, "Document details…");
    write_section(&mut app, "Introduction", "Typed, then cancelled");
    app.click("Cancel");
    assert_eq!(
        app.state().doc.project().metadata.safety_case.introduction,
        ""
    );
}

#[test]
fn the_safety_case_report_of_an_issued_version_and_the_handover_pack_are_exported() {
    let mut app = app();
    let dir = tempfile::tempdir().unwrap();
    menu(&mut app, "Document details…");
    write_section(&mut app, "Summary safety statement", STATEMENT);
    app.click("Apply");

    menu(&mut app, "Issue version…");
    type_into(&mut app, "Author", "Sam Patel");
    if app
        .harness
        .query_by_label("Why issue with checks open")
        .is_some()
    {
        type_into(&mut app, "Why issue with checks open", "Pilot on one ward");
    }
    app.click("Add approver");
    type_into(&mut app, "Sign-off 1 name", "Dr Ada Jones");
    type_into(&mut app, "Sign-off 1 role", "Clinical Safety Officer");
    type_into(&mut app, "Sign-off 1 registration number", "GMC 7654321");
    app.click("Issue this version");
    assert_eq!(app.state().doc.project().baselines.len(), 1);

    // The chooser offers the issued version first; exporting asks where and writes the file.
    let report = dir.path().join("cscr.docx");
    menu(&mut app, "Export safety case report (.docx)…");
    assert!(
        app.harness
            .query_by_label_contains("Version 1.0, issued")
            .is_some()
    );
    app.dialogs.answer(Some(report.clone()));
    app.click("Export…");
    let xml = document_text(&report);
    assert!(xml.contains("Clinical Safety Case Report"));
    assert!(xml.contains(STATEMENT));
    assert!(xml.contains("Dr Ada Jones"), "the approver of version 1.0");
    assert!(!xml.contains("DRAFT"));

    // The handover pack of the current log: a Word document and a workbook beside it.
    let pack = dir.path().join("handover");
    menu(&mut app, "Export DCB0160 handover pack…");
    app.click("The current log, marked as a draft");
    app.dialogs.answer(Some(pack.clone()));
    app.click("Export…");
    let xml = document_text(&pack.with_extension("docx"));
    assert!(xml.contains("DCB0160 handover pack"));
    assert!(pack.with_extension("xlsx").exists());
    let notice = &app.state().notice.as_ref().expect("a notice").text;
    assert!(notice.contains("handover pack"), "{notice}");
}
