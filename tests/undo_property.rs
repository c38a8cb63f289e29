//! Any sequence of edits, undone, gives back the original project; redone, the edited one.

use chrono::{DateTime, Utc};
use hazard_workshop::domain::*;
use hazard_workshop::edit::{Document, ops};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Capture(String),
    Rename(usize, String),
    AddCause(usize, String),
    Score(usize, u8, u8),
    Withdraw(usize, String),
    Duplicate(usize),
    SetSystemName(String),
    Seal,
}

fn op() -> impl Strategy<Value = Op> {
    let text = "[a-zA-Z0-9 µ—\"\\n]{0,12}";
    prop_oneof![
        text.prop_map(Op::Capture),
        (0..8usize, text).prop_map(|(i, t)| Op::Rename(i, t)),
        (0..8usize, text).prop_map(|(i, t)| Op::AddCause(i, t)),
        (0..8usize, 0..6u8, 0..6u8).prop_map(|(i, s, l)| Op::Score(i, s, l)),
        (0..8usize, text).prop_map(|(i, t)| Op::Withdraw(i, t)),
        (0..8usize).prop_map(Op::Duplicate),
        text.prop_map(Op::SetSystemName),
        Just(Op::Seal),
    ]
}

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn base() -> Project {
    let mut doc = Document::new(Project::default(), None);
    for name in ["Wrong patient", "Allergy not shown", "System unavailable"] {
        let (edit, _) = ops::capture_hazard(doc.project(), name, now());
        doc.apply(edit).unwrap();
    }
    doc.project().clone()
}

fn apply(doc: &mut Document, op: &Op) {
    let project = doc.project();
    let hazard = |i: usize| {
        project
            .hazards
            .get(i % project.hazards.len().max(1))
            .cloned()
    };
    let edit = match op {
        Op::Capture(name) => Some(ops::capture_hazard(project, name, now()).0),
        Op::Rename(i, name) => hazard(*i).map(|mut h| {
            h.name = name.clone();
            ops::update_hazard(project, h, "name", now())
        }),
        Op::AddCause(i, cause) => hazard(*i).map(|mut h| {
            h.causes.push(cause.clone());
            ops::update_hazard(project, h, "causes", now())
        }),
        Op::Score(i, s, l) => hazard(*i).map(|mut h| {
            h.initial.severity = Severity::ALL.get(*s as usize).copied();
            h.initial.likelihood = Likelihood::ALL.get(*l as usize).copied();
            ops::update_hazard(project, h, "initial assessment", now())
        }),
        Op::Withdraw(i, reason) => hazard(*i).map(|mut h| {
            h.status = HazardStatus::Withdrawn {
                reason: reason.clone(),
            };
            ops::update_hazard(project, h, "status", now())
        }),
        Op::Duplicate(i) => {
            hazard(*i).and_then(|h| ops::duplicate_hazard(project, h.key, now()).map(|(e, _)| e))
        }
        Op::SetSystemName(name) => {
            let mut meta = project.metadata.clone();
            meta.system_name = name.clone();
            Some(ops::update_metadata(project, meta, "system name"))
        }
        Op::Seal => {
            doc.seal();
            None
        }
    };
    if let Some(edit) = edit {
        doc.apply(edit).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn undoing_everything_restores_the_original_and_redo_restores_the_edits(
        ops in proptest::collection::vec(op(), 0..40)
    ) {
        let original = base();
        let mut doc = Document::new(original.clone(), Some("log.hazlog".into()));
        for op in &ops {
            apply(&mut doc, op);
        }
        // The per-hazard history only grows (undo and redo are changes in it too); everything
        // else must come back exactly.
        let without_history = |project: &Project| Project {
            history: Default::default(),
            ..project.clone()
        };
        let edited = without_history(doc.project());
        while doc.undo().unwrap().is_some() {}
        prop_assert_eq!(without_history(doc.project()), without_history(&original));
        prop_assert!(!doc.is_dirty(), "all undone is the state on disk");
        while doc.redo().unwrap().is_some() {}
        prop_assert_eq!(without_history(doc.project()), edited);
    }

    #[test]
    fn new_hazard_ids_are_never_given_twice(ops in proptest::collection::vec(op(), 0..40)) {
        let mut doc = Document::new(base(), None);
        for op in &ops {
            apply(&mut doc, op);
        }
        let mut ids: Vec<String> = doc.project().hazards.iter().map(|h| h.display_id.to_lowercase()).collect();
        let total = ids.len();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), total);
    }
}
