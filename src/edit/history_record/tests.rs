use chrono::DateTime;
use proptest::prelude::*;

use super::*;
use crate::domain::hazard_fields::FieldValue;
use crate::domain::{HazardStatus, Project};
use crate::edit::{Document, ops};

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

/// The hazard changes between two projects as one edit (for recording an undo in tests).
fn diff_edit(before: &Project, after: &Project, label: &str) -> Edit {
    let mut changes = Vec::new();
    for (index, hazard) in after.hazards.iter().enumerate() {
        match before.hazards.iter().find(|h| h.key == hazard.key) {
            Some(old) if old != hazard => changes.push(Change::Hazard(Slot::Replace {
                index,
                before: Box::new(old.clone()),
                after: Box::new(hazard.clone()),
            })),
            Some(_) => {}
            None => changes.push(Change::Hazard(Slot::Insert {
                index,
                item: Box::new(hazard.clone()),
            })),
        }
    }
    for (index, old) in before.hazards.iter().enumerate() {
        if after.hazard(old.key).is_none() {
            changes.push(Change::Hazard(Slot::Remove {
                index,
                item: Box::new(old.clone()),
            }));
        }
    }
    Edit::new(format!("undo {label}"), changes)
}

fn rename(doc: &Document, index: usize, name: &str) -> Edit {
    let mut hazard = doc.project().hazards[index].clone();
    hazard.name = name.into();
    ops::update_hazard(doc.project(), hazard, "name", now())
}

#[test]
fn a_burst_of_typing_is_one_entry_with_the_first_before_and_last_after() {
    let mut history = HistoryLog::default();
    let mut doc = Document::new(Project::default(), None);
    let (capture, key) = ops::capture_hazard(doc.project(), "Wrong", now());
    doc.apply(capture.clone()).unwrap();
    record_edit(&mut history, &capture, &context(false));
    for (n, name) in ["Wrong p", "Wrong pa", "Wrong pat"].into_iter().enumerate() {
        let edit = rename(&doc, 0, name);
        doc.apply(edit.clone()).unwrap();
        record_edit(&mut history, &edit, &context(n > 0));
    }
    let entries = history.for_hazard(key).unwrap();
    assert_eq!(entries.len(), 2, "{entries:#?}");
    assert!(matches!(entries[0].event, HistoryEvent::Added(_)));
    assert_eq!(
        entries[1].changes,
        [FieldChange {
            field: HazardField::Name,
            before: FieldValue::Text("Wrong".into()),
            after: FieldValue::Text("Wrong pat".into()),
        }]
    );
    assert_eq!(entries[1].by, "cso");
}

fn context(continues_burst: bool) -> RecordContext {
    RecordContext {
        at: now(),
        by: "cso".into(),
        meeting: None,
        continues_burst,
    }
}

#[test]
fn undo_is_recorded_and_withdrawal_reasons_stay() {
    let mut history = HistoryLog::default();
    let mut doc = Document::new(Project::default(), None);
    let (capture, key) = ops::capture_hazard(doc.project(), "Wrong patient", now());
    doc.apply(capture.clone()).unwrap();
    record_edit(&mut history, &capture, &context(false));
    let mut withdrawn = doc.project().hazards[0].clone();
    withdrawn.status = HazardStatus::Withdrawn {
        reason: "Duplicate of H007".into(),
    };
    let withdraw = ops::update_hazard(doc.project(), withdrawn, "status", now());
    doc.apply(withdraw.clone()).unwrap();
    record_edit(&mut history, &withdraw, &context(false));
    doc.undo().unwrap();
    record_undo(&mut history, &withdraw, &context(false));
    doc.redo().unwrap();
    record_redo(&mut history, &withdraw, &context(false));

    let entries = history.for_hazard(key).unwrap();
    let labels: Vec<&str> = entries.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "capture H001",
            "edit status of H001",
            "undo edit status of H001",
            "redo edit status of H001"
        ]
    );
    assert_eq!(
        entries[2].changes[0].before,
        FieldValue::Status(HazardStatus::Withdrawn {
            reason: "Duplicate of H007".into()
        }),
        "the undo keeps the reason it took away"
    );
    let replayed = history.replay(&[]).unwrap();
    assert_eq!(replayed, doc.project().hazards.to_vec());
}

#[test]
fn the_user_name_set_in_the_app_wins_over_the_os_user() {
    assert!(!os_user_name().trim().is_empty());
    assert_eq!(user_name(Some(" Dr Jones ")), "Dr Jones");
    assert_eq!(user_name(Some("  ")), os_user_name());
    assert_eq!(user_name(None), os_user_name());
}

/// An operation of the property test.
#[derive(Clone, Debug)]
enum Op {
    Capture(String),
    Rename(usize, String),
    Owner(usize, String),
    Withdraw(usize, String),
    Duplicate(usize),
    Undo,
    Seal,
}

fn op() -> impl Strategy<Value = Op> {
    let text = "[a-z ]{0,8}";
    prop_oneof![
        text.prop_map(Op::Capture),
        (0usize..8, text).prop_map(|(i, t)| Op::Rename(i, t)),
        (0usize..8, text).prop_map(|(i, t)| Op::Owner(i, t)),
        (0usize..8, text).prop_map(|(i, t)| Op::Withdraw(i, t)),
        (0usize..8).prop_map(Op::Duplicate),
        Just(Op::Undo),
        Just(Op::Seal),
    ]
}

proptest! {
    /// Whatever is edited, undone and redone, the history replays to the hazards as they are.
    #[test]
    fn history_replays_to_the_current_state(ops_list in prop::collection::vec(op(), 1..40)) {
        let mut history = HistoryLog::default();
        let mut doc = Document::new(Project::default(), None);
        let mut last_key: Option<String> = None;
        for op in ops_list {
            let n = doc.project().hazards.len();
            let edit = match op {
                Op::Capture(name) => Some(ops::capture_hazard(doc.project(), &name, now()).0),
                Op::Rename(i, name) if n > 0 => Some(rename(&doc, i % n, &name)),
                Op::Owner(i, owner) if n > 0 => {
                    let mut h = doc.project().hazards[i % n].clone();
                    h.owner = owner;
                    Some(ops::update_hazard(doc.project(), h, "owner", now()))
                }
                Op::Withdraw(i, reason) if n > 0 => {
                    let mut h = doc.project().hazards[i % n].clone();
                    h.status = HazardStatus::Withdrawn { reason };
                    Some(ops::update_hazard(doc.project(), h, "status", now()))
                }
                Op::Duplicate(i) if n > 0 => {
                    let key = doc.project().hazards[i % n].key;
                    ops::duplicate_hazard(doc.project(), key, now()).map(|(e, _)| e)
                }
                Op::Undo => {
                    // Record the undone step as the document will: rebuild it from the states.
                    if let Some(label) = doc.undo_label().map(str::to_owned) {
                        let before = doc.project().clone();
                        doc.undo().unwrap();
                        let undone = diff_edit(&before, doc.project(), &label);
                        record_edit(&mut history, &undone, &context(false));
                    }
                    last_key = None;
                    None
                }
                Op::Seal => {
                    doc.seal();
                    last_key = None;
                    None
                }
                _ => None,
            };
            if let Some(edit) = edit {
                if edit.is_empty() {
                    continue;
                }
                let key = edit.coalesce.as_ref().map(|k| k.0.clone());
                let continues = key.is_some() && key == last_key;
                doc.apply(edit.clone()).unwrap();
                record_edit(&mut history, &edit, &context(continues));
                last_key = key;
            }
        }
        prop_assert_eq!(history.replay(&[]).unwrap(), doc.project().hazards.to_vec());
    }
}
