//! Action packs written and read back unfilled, refused when foreign; filled-in packs are
//! tested in `tests/action_packs.rs`.

use std::io::Read;

use super::*;
use crate::domain::{ActionStatus, PersonKey};

fn example() -> Project {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog");
    crate::storage::project_file::load(&path).expect("the bundled example loads")
}

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

use chrono::{DateTime, Utc};

/// The example's first owner with open actions.
fn owner(project: &Project) -> (PersonKey, String, usize) {
    owners_with_open_actions(project)
        .into_iter()
        .next()
        .expect("the example has open actions with owners")
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
    let workbook = crate::interchange::export_workbook(
        &project,
        &crate::interchange::ExportOptions::default(),
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
