use chrono::{DateTime, Utc};

use super::*;
use crate::domain::{Hazard, Project};

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
    doc.apply(edit);
    doc
}

#[test]
fn capture_gives_the_next_id_and_undo_takes_it_back() {
    let mut doc = Document::new(Project::default(), None);
    assert!(!doc.is_dirty(), "a new document is clean until edited");
    let (edit, key) = ops::capture_hazard(doc.project(), "  Wrong patient  ", now());
    assert_eq!(edit.label, "capture H001");
    doc.apply(edit);
    let hazard = doc.project().hazard(key).unwrap();
    assert_eq!(
        (hazard.display_id.as_str(), hazard.name.as_str()),
        ("H001", "Wrong patient")
    );
    assert!(doc.is_dirty());
    assert_eq!(doc.undo().as_deref(), Some("capture H001"));
    assert_eq!(doc.project(), &Project::default());
    assert!(!doc.is_dirty());
    doc.redo();
    assert_eq!(doc.project().hazards.len(), 1);
}

#[test]
fn a_burst_of_typing_in_one_field_is_one_undo_step() {
    let mut doc = doc_with_one_hazard();
    let original = doc.project().clone();
    for name in ["Wrong patient s", "Wrong patient se", "Wrong patient sel"] {
        let edit = renamed(&doc, 0, name);
        doc.apply(edit);
    }
    assert_eq!(doc.undo_label(), Some("rename H001"));
    doc.undo();
    assert_eq!(doc.project(), &original);
    doc.redo();
    assert_eq!(doc.project().hazards[0].name, "Wrong patient sel");
}

#[test]
fn sealing_ends_a_burst() {
    let mut doc = doc_with_one_hazard();
    let edit = renamed(&doc, 0, "A");
    doc.apply(edit);
    doc.seal();
    let edit = renamed(&doc, 0, "AB");
    doc.apply(edit);
    doc.undo();
    assert_eq!(doc.project().hazards[0].name, "A");
}

#[test]
fn editing_another_field_starts_a_new_step() {
    let mut doc = doc_with_one_hazard();
    let edit = renamed(&doc, 0, "A");
    doc.apply(edit);
    let mut hazard: Hazard = doc.project().hazards[0].clone();
    hazard.owner = "CSO".into();
    doc.apply(ops::update_hazard(doc.project(), hazard, "owner", now()));
    assert_eq!(doc.undo_label(), Some("edit owner of H001"));
    doc.undo();
    assert_eq!(doc.project().hazards[0].name, "A");
    assert_eq!(doc.project().hazards[0].owner, "");
}

#[test]
fn typing_after_a_save_marks_the_document_dirty_again() {
    let mut doc = doc_with_one_hazard();
    let edit = renamed(&doc, 0, "A");
    doc.apply(edit);
    doc.mark_saved("x.hazlog".into(), doc.state_id());
    assert!(!doc.is_dirty());
    let edit = renamed(&doc, 0, "AB");
    doc.apply(edit);
    assert!(doc.is_dirty(), "the burst continued past the save");
    doc.undo();
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
    doc.apply(ops::update_hazard(doc.project(), hazard, "causes", now()));
    let (edit, key) = ops::duplicate_hazard(doc.project(), source, now()).unwrap();
    assert_eq!(edit.label, "duplicate H001 as H002");
    doc.apply(edit);
    let copy = doc.project().hazard(key).unwrap();
    assert_eq!(copy.display_id, "H002");
    assert_eq!(copy.causes, ["Similar names"]);
    assert_ne!(copy.key, source);
}
