//! Action packs written and read back, refused when foreign; filled in as an owner would (cells typed into the sheet's XML, not written by
//! our writer) and read back; and sending and taking in a pack in the app, by label.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use common::app;
use egui_kittest::kittest::Queryable;
use hazard_workshop::domain::{ActionKey, ActionStatus, PersonKey, Project};
use hazard_workshop::interchange::action_pack::{
    ACTIONS_SHEET, HEADER_ROW, PackError, action_pack, action_ref, owners_with_open_actions,
    read_action_pack, suggested_pack_name,
};
use hazard_workshop::storage::project_file;

fn example() -> Project {
    project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

/// The example's first owner with open actions.
fn owner(project: &Project) -> (PersonKey, String, usize) {
    owners_with_open_actions(project)
        .into_iter()
        .next()
        .expect("the example has open actions with owners")
}

/// Sets cell `cell` of the actions sheet to `text`, as Excel would store typed text.
fn fill(bytes: &[u8], cell: &str, text: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(content).unwrap();
            let start = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("no cell {cell}"));
            let head_end = start + xml[start..].find('>').unwrap();
            let empty = xml[..=head_end].ends_with("/>");
            let end = if empty {
                head_end + 1
            } else {
                head_end + xml[head_end..].find("</c>").unwrap() + 4
            };
            let style = xml[start..head_end]
                .split(" s=\"")
                .nth(1)
                .map(|s| s.split('"').next().unwrap().to_owned());
            let style = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
            let replaced = format!(
                "{}<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{text}</t></is></c>{}",
                &xml[..start],
                &xml[end..]
            );
            content = replaced.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn what_the_owner_fills_in_comes_back_as_updates() {
    let project = example();
    let (key, _, _) = owner(&project);
    let bytes = action_pack(&project, key, now()).unwrap();
    let row = HEADER_ROW + 2; // the first action, as Excel numbers rows
    let filled = fill(&bytes, &format!("F{row}"), "Done");
    let filled = fill(&filled, &format!("G{row}"), "Checked with pharmacy");
    let filled = fill(&filled, &format!("H{row}"), "Minutes of 3 Dec");
    let filled = fill(&filled, &format!("I{row}"), "04/12/2026");
    let back = read_action_pack(&filled, &project).unwrap();
    assert_eq!(back.updates.len(), 1);
    let update = &back.updates[0];
    assert_eq!(update.status, Some(ActionStatus::Done));
    assert_eq!(update.note, "Checked with pharmacy");
    assert_eq!(update.evidence, "Minutes of 3 Dec");
    assert_eq!(update.date_done, NaiveDate::from_ymd_opt(2026, 12, 4));
    assert!(!update.changed_since);

    // Taken in: the status is set and the report kept; one undo takes both back.
    let edit = hazard_workshop::edit::action_pack_ops::apply_pack(&project, &back, &[0], now());
    let mut after = project.clone();
    edit.apply(&mut after);
    let action = after
        .actions
        .iter()
        .find(|a| a.key == update.action)
        .unwrap();
    assert_eq!(action.status, ActionStatus::Done);
    assert_eq!(after.action_reports.len(), 1);
    assert_eq!(after.action_reports[0].reported_by, back.owner);
    edit.unapply(&mut after);
    assert_eq!(after, project);
}

#[test]
fn a_changed_action_is_marked_and_an_unknown_status_or_date_is_reported() {
    let mut project = example();
    let (key, _, _) = owner(&project);
    let bytes = action_pack(&project, key, now()).unwrap();
    let row = HEADER_ROW + 2;
    let filled = fill(&bytes, &format!("F{row}"), "Finished");
    let filled = fill(&filled, &format!("I{row}"), "next Tuesday");
    let first: ActionKey = project
        .actions
        .iter()
        .find(|a| a.owner == Some(key) && a.status == ActionStatus::Open)
        .unwrap()
        .key;
    project
        .actions
        .iter_mut()
        .find(|a| a.key == first)
        .unwrap()
        .description
        .push_str(" (reworded)");
    let back = read_action_pack(&filled, &project).unwrap();
    assert_eq!(back.updates.len(), 1);
    assert!(back.updates[0].changed_since);
    assert_eq!(back.updates[0].status, None);
    assert_eq!(
        back.updates[0].unreadable_date.as_deref(),
        Some("next Tuesday")
    );
    assert!(
        back.notes
            .iter()
            .any(|n| n.contains("“Finished” is not Open, Done or Cancelled"))
    );
}

#[test]
fn send_a_pack_and_take_its_updates_in_from_the_file_menu() {
    let mut app = app();
    let dir = tempfile::tempdir().unwrap();
    let project = app.state().doc.project().clone();
    let (_, name, _) = owner(&project);
    let path = dir.path().join("pack.xlsx");

    app.click("File");
    app.click_menu_item("Send actions to owners…");
    app.dialogs.answer(Some(path.clone()));
    app.click(&format!("Save pack for {name}…"));
    app.click("Close");
    let bytes = std::fs::read(&path).expect("the pack was written");

    let row = HEADER_ROW + 2;
    let filled = fill(&bytes, &format!("F{row}"), "Done");
    let filled = fill(&filled, &format!("G{row}"), "Formulary checked");
    let returned = dir.path().join("returned.xlsx");
    std::fs::write(&returned, filled).unwrap();
    let first = read_action_pack(&std::fs::read(&returned).unwrap(), &project)
        .unwrap()
        .updates[0]
        .action;

    app.dialogs.answer(Some(returned));
    app.click("File");
    app.click_menu_item("Import a returned action pack…");
    app.click("Take in 1 updates");
    let project = app.state().doc.project();
    let action = project.actions.iter().find(|a| a.key == first).unwrap();
    assert_eq!(action.status, ActionStatus::Done);
    let report = project.action_reports.last().expect("the report is kept");
    assert_eq!(report.note, "Formulary checked");
    assert_eq!(report.reported_by, name);

    // The Actions pane shows the report under the action, and marks a test issue.
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::Tab, "Actions")
        .click();
    app.settle();
    // The action is done now: show all actions, not only the open ones.
    app.click("All");
    assert!(
        app.harness
            .query_by_label_contains(&format!("Reported by {name}"))
            .is_some()
    );
    app.harness
        .get_all_by_label("Test issue")
        .next()
        .unwrap()
        .click();
    app.settle();
    assert_eq!(
        app.state()
            .doc
            .project()
            .actions
            .iter()
            .filter(|a| a.test_issue)
            .count(),
        1
    );
}

#[test]
fn a_pack_holds_the_owners_open_actions_and_reads_back_unchanged_as_no_update() {
    let project = example();
    let (key, name, count) = owner(&project);
    let bytes = action_pack(&project, key, now()).unwrap();
    let back = read_action_pack(&bytes, &project).unwrap();
    assert_eq!(back.owner, name);
    assert_eq!(back.made, Some(now()));
    assert!(
        back.updates.is_empty(),
        "nothing filled in, nothing reported"
    );
    assert!(back.notes.is_empty());

    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(&bytes)).unwrap();
    use calamine::Reader as _;
    let sheet = book.worksheet_range(ACTIONS_SHEET).unwrap();
    let refs: Vec<String> = (0..count as u32)
        .map(|i| {
            sheet
                .get_value((HEADER_ROW + 1 + i, 0))
                .unwrap()
                .to_string()
        })
        .collect();
    let expected: Vec<String> = project
        .actions
        .iter()
        .filter(|a| a.owner == Some(key) && a.status == ActionStatus::Open)
        .map(action_ref)
        .collect();
    assert_eq!(refs, expected);
    // Only the owner's columns are unlocked; the sheet is protected.
    let xml = {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut text = String::new();
        archive
            .by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    assert!(xml.contains("<sheetProtection"));
}

#[test]
fn a_pack_of_another_project_or_not_a_pack_is_refused() {
    let project = example();
    let (key, _, _) = owner(&project);
    let bytes = action_pack(&project, key, now()).unwrap();
    let mut other = project.clone();
    other.metadata.document_id = "OTHER-001".into();
    assert!(matches!(
        read_action_pack(&bytes, &other),
        Err(PackError::Foreign { .. })
    ));
    let workbook = hazard_workshop::interchange::export_workbook(
        &project,
        &hazard_workshop::interchange::ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        read_action_pack(&workbook, &project),
        Err(PackError::NotAPack)
    );
    assert!(matches!(
        read_action_pack(b"not a zip", &project),
        Err(PackError::Unreadable(_))
    ));
}

#[test]
fn pack_names_are_safe_file_names() {
    let mut project = Project::default();
    project.metadata.system_name = "ePMA: phase 2/3".into();
    assert_eq!(
        suggested_pack_name(&project, "Dr A* Jones"),
        "ePMA phase 2 3 actions for Dr A Jones.xlsx"
    );
}
