use chrono::{DateTime, Utc};

use super::*;
use crate::domain::{Hazard, Project};
use crate::edit::document::without_history;

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn renamed(doc: &Document, index: usize, name: &str) -> Edit {
    let mut hazard = doc.project().hazards[index].clone();
    hazard.name = name.into();
    ops::update_hazard(doc.project(), hazard, "name", now())
}

fn doc_with_one_hazard() -> Document {
    let mut doc = Document::new(Project::default(), None);
    let (edit, _) = ops::capture_hazard(doc.project(), "Wrong patient", now());
    doc.apply(edit).unwrap();
    doc
}

#[test]
fn capture_gives_the_next_id_and_undo_takes_it_back() {
    let mut doc = Document::new(Project::default(), None);
    assert!(!doc.is_dirty(), "a new document is clean until edited");
    let (edit, key) = ops::capture_hazard(doc.project(), "  Wrong patient  ", now());
    assert_eq!(edit.label, "capture H001");
    doc.apply(edit).unwrap();
    let hazard = doc.project().hazard(key).unwrap();
    assert_eq!(
        (hazard.display_id.as_str(), hazard.name.as_str()),
        ("H001", "Wrong patient")
    );
    assert!(doc.is_dirty());
    assert_eq!(doc.undo().unwrap().as_deref(), Some("capture H001"));
    assert_eq!(without_history(doc.project()), Project::default());
    assert!(!doc.is_dirty());
    doc.redo().unwrap();
    assert_eq!(doc.project().hazards.len(), 1);
}

#[test]
fn a_burst_of_typing_in_one_field_is_one_undo_step() {
    let mut doc = doc_with_one_hazard();
    let original = doc.project().clone();
    for name in ["Wrong patient s", "Wrong patient se", "Wrong patient sel"] {
        let edit = renamed(&doc, 0, name);
        doc.apply(edit).unwrap();
    }
    assert_eq!(doc.undo_label(), Some("rename H001"));
    doc.undo().unwrap();
    assert_eq!(without_history(doc.project()), without_history(&original));
    doc.redo().unwrap();
    assert_eq!(doc.project().hazards[0].name, "Wrong patient sel");
}

#[test]
fn sealing_ends_a_burst() {
    let mut doc = doc_with_one_hazard();
    let edit = renamed(&doc, 0, "A");
    doc.apply(edit).unwrap();
    doc.seal();
    let edit = renamed(&doc, 0, "AB");
    doc.apply(edit).unwrap();
    doc.undo().unwrap();
    assert_eq!(doc.project().hazards[0].name, "A");
}

#[test]
fn editing_another_field_starts_a_new_step() {
    let mut doc = doc_with_one_hazard();
    let edit = renamed(&doc, 0, "A");
    doc.apply(edit).unwrap();
    let mut hazard: Hazard = doc.project().hazards[0].clone();
    hazard.owner = "CSO".into();
    doc.apply(ops::update_hazard(doc.project(), hazard, "owner", now()))
        .unwrap();
    assert_eq!(doc.undo_label(), Some("edit owner of H001"));
    doc.undo().unwrap();
    assert_eq!(doc.project().hazards[0].name, "A");
    assert_eq!(doc.project().hazards[0].owner, "");
}

#[test]
fn typing_after_a_save_marks_the_document_dirty_again() {
    let mut doc = doc_with_one_hazard();
    let edit = renamed(&doc, 0, "A");
    doc.apply(edit).unwrap();
    doc.mark_saved("x.hazlog".into(), doc.state_id());
    assert!(!doc.is_dirty());
    let edit = renamed(&doc, 0, "AB");
    doc.apply(edit).unwrap();
    assert!(doc.is_dirty(), "the burst continued past the save");
    doc.undo().unwrap();
    assert!(
        doc.is_dirty(),
        "the saved state was in the middle of the merged step"
    );
}

#[test]
fn an_unchanged_copy_makes_no_edit() {
    let doc = doc_with_one_hazard();
    let same = doc.project().hazards[0].clone();
    assert!(ops::update_hazard(doc.project(), same, "name", now()).is_empty());
}

#[test]
fn unsaved_documents_are_dirty_from_the_start() {
    assert!(Document::unsaved(Project::default()).is_dirty());
}

#[test]
fn duplicate_copies_content_under_a_new_id() {
    let mut doc = doc_with_one_hazard();
    let source = doc.project().hazards[0].key;
    let mut hazard = doc.project().hazards[0].clone();
    hazard.causes.push("Similar names".into());
    doc.apply(ops::update_hazard(doc.project(), hazard, "causes", now()))
        .unwrap();
    let (edit, key) = ops::duplicate_hazard(doc.project(), source, now()).unwrap();
    assert_eq!(edit.label, "duplicate H001 as H002");
    doc.apply(edit).unwrap();
    let copy = doc.project().hazard(key).unwrap();
    assert_eq!(copy.display_id, "H002");
    assert_eq!(copy.causes, ["Similar names"]);
    assert_ne!(copy.key, source);
}

#[test]
fn a_read_only_document_refuses_every_change_and_says_why() {
    let mut doc = doc_with_one_hazard();
    doc.undo().unwrap();
    doc.set_read_only(Some("open elsewhere".into()));
    let before = doc.project().clone();
    let (edit, _) = ops::capture_hazard(doc.project(), "Another", now());
    let refused = doc.apply(edit).unwrap_err();
    assert_eq!(refused.to_string(), "open elsewhere");
    let meeting = crate::edit::meeting_ops::add_meeting(
        doc.project(),
        "HAZID",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    )
    .0;
    assert!(doc.apply(meeting).is_err());
    assert!(!doc.can_redo(), "redo is a change too");
    assert!(doc.redo().is_err());
    assert!(doc.undo().is_err());
    assert_eq!(doc.project(), &before);
    assert!(!doc.is_dirty());
    doc.set_read_only(None);
    doc.redo().unwrap();
    assert_eq!(doc.project().hazards.len(), 1, "writable again");
}

#[test]
fn a_new_attendee_is_added_to_the_directory_and_marked_present_in_one_step() {
    use crate::domain::AttendanceStatus;
    use crate::edit::meeting_ops;
    let mut doc = Document::new(Project::default(), None);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let (edit, meeting) = meeting_ops::add_meeting(doc.project(), "HAZID", today);
    doc.apply(edit).unwrap();
    doc.apply(meeting_ops::add_attendee(doc.project(), meeting, " Ada "))
        .unwrap();
    assert_eq!(doc.project().people.len(), 1);
    let ada = doc.project().people[0].key;
    assert_eq!(doc.project().people[0].name, "Ada");
    let attendance = |doc: &Document| doc.project().meeting(meeting).unwrap().attendance_of(ada);
    assert_eq!(attendance(&doc), Some(AttendanceStatus::Present));
    doc.undo().unwrap();
    assert!(doc.project().people.is_empty(), "one undo takes both back");

    doc.redo().unwrap();
    doc.apply(meeting_ops::set_attendance(
        doc.project(),
        meeting,
        ada,
        AttendanceStatus::Apologies,
    ))
    .unwrap();
    doc.apply(meeting_ops::add_attendee(doc.project(), meeting, "ADA"))
        .unwrap();
    assert_eq!(doc.project().people.len(), 1, "the same person, any case");
    assert_eq!(attendance(&doc), Some(AttendanceStatus::Present));
}

#[test]
fn an_entry_raised_as_a_hazard_is_one_undo_step() {
    use crate::domain::EntryKind;
    use crate::edit::meeting_ops;
    let mut doc = Document::new(Project::default(), None);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let (edit, meeting) = meeting_ops::add_meeting(doc.project(), "HAZID", today);
    doc.apply(edit).unwrap();
    let change = meeting_ops::add_entry_as_hazard(
        doc.project(),
        meeting,
        EntryKind::Note,
        "Scanner offline. Nurses type the number.",
        None,
        now(),
    );
    doc.apply(change).unwrap();
    let entry = &doc.project().meeting(meeting).unwrap().entries[0];
    let hazard = doc.project().hazard(entry.hazard.unwrap()).unwrap();
    assert_eq!(hazard.name, "Scanner offline");
    doc.undo().unwrap();
    assert!(doc.project().hazards.is_empty());
    assert!(doc.project().meeting(meeting).unwrap().entries.is_empty());
}

#[test]
fn the_hazard_history_records_a_typing_burst_as_one_entry_with_who_and_the_meeting() {
    let mut doc = doc_with_one_hazard();
    doc.set_user_name(Some("  Dr Safety  "));
    let (edit, meeting) = meeting_ops::add_meeting(doc.project(), "Workshop 1", now().date_naive());
    doc.apply(edit).unwrap();
    let start =
        meeting_ops::start_meeting(doc.project(), meeting, now().time(), now().date_naive());
    doc.apply(start).unwrap();
    let key = doc.project().hazards[0].key;
    for name in ["Wrong patient s", "Wrong patient se", "Wrong patient sel"] {
        let edit = renamed(&doc, 0, name);
        doc.apply(edit).unwrap();
    }
    let entries = doc.project().history.for_hazard(key).unwrap();
    assert_eq!(
        entries.len(),
        2,
        "the capture, then one entry for the burst"
    );
    let burst = &entries[1];
    assert_eq!(burst.by, "Dr Safety");
    assert_eq!(burst.meeting, Some(meeting));
    assert_eq!(burst.changes.len(), 1);
    assert_eq!(
        burst.changes[0].before,
        crate::domain::hazard_fields::FieldValue::Text("Wrong patient".into())
    );
    assert_eq!(
        burst.changes[0].after,
        crate::domain::hazard_fields::FieldValue::Text("Wrong patient sel".into())
    );
}

#[test]
fn undo_and_redo_are_changes_in_the_history_and_it_replays_to_the_current_hazards() {
    let mut doc = doc_with_one_hazard();
    let key = doc.project().hazards[0].key;
    doc.seal();
    let edit = renamed(&doc, 0, "Wrong dose");
    doc.apply(edit).unwrap();
    doc.undo().unwrap();
    let after_undo = doc.project().history.for_hazard(key).unwrap();
    assert_eq!(after_undo.len(), 3, "capture, rename, undo rename");
    assert_eq!(after_undo[2].label, "undo rename H001");
    doc.redo().unwrap();
    let labels: Vec<String> = doc
        .project()
        .history
        .for_hazard(key)
        .unwrap()
        .into_iter()
        .map(|e| e.label)
        .collect();
    assert_eq!(labels.last().map(String::as_str), Some("redo rename H001"));
    let replayed = doc.project().history.replay(&[]).unwrap();
    assert_eq!(replayed[0].name, doc.project().hazards[0].name);
}

#[test]
fn a_refused_edit_records_nothing_in_the_history() {
    let mut doc = doc_with_one_hazard();
    let before = doc.project().history.len();
    doc.set_read_only(Some("open elsewhere".into()));
    let edit = renamed(&doc, 0, "Wrong dose");
    assert!(doc.apply(edit).is_err());
    assert_eq!(doc.project().history.len(), before);
}
