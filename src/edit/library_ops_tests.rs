use chrono::{DateTime, Utc};

use super::*;
use crate::domain::library::starter_library;
use crate::domain::{ControlKind, ExtraField, Likelihood, Severity};
use crate::edit::{Document, ops, technique_ops};

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

#[test]
fn a_library_item_becomes_an_unscored_hazard_with_suggestions_and_provenance() {
    let mut doc = Document::new(Project::default(), None);
    let (area, item) = starter_library().item("wrong-patient-record").unwrap();
    let (edit, key) = add_from_library(doc.project(), area, item, now());
    assert_eq!(edit.label, "add H001 from the library (Data integrity)");
    doc.apply(edit).unwrap();

    let h = doc.project().hazard(key).unwrap();
    assert_eq!(h.name, item.name);
    assert_eq!(h.description, item.description);
    assert_eq!(h.causes, item.causes);
    assert_eq!(h.status, HazardStatus::NewForTriage);
    assert_eq!(
        (h.initial, h.residual),
        (Assessment::default(), Assessment::default())
    );
    assert!(
        h.additional_controls.is_empty(),
        "suggestions are not controls in place"
    );

    let record = doc.project().technique.provenance_of(key).unwrap();
    assert_eq!(
        record.origin,
        Origin::Library {
            item: "wrong-patient-record".into(),
            name: item.name.clone(),
            source: "DCSP hazard types (MIT)".into(),
        }
    );
    assert_eq!(record.suggested_controls.len(), item.controls.len());
    assert!(record.origin.describe().contains("DCSP hazard types (MIT)"));

    doc.undo().unwrap();
    assert_eq!(doc.project(), &Project::default());
}

#[test]
fn suggested_controls_are_adopted_or_dismissed() {
    let mut doc = Document::new(Project::default(), None);
    let (area, item) = starter_library().item("alert-fatigue").unwrap();
    let (edit, key) = add_from_library(doc.project(), area, item, now());
    doc.apply(edit).unwrap();
    let first = item.controls[0].clone();

    doc.apply(adopt_suggestion(doc.project(), key, 0, now()))
        .unwrap();
    let h = doc.project().hazard(key).unwrap();
    assert_eq!(h.additional_controls.len(), 1);
    assert_eq!(
        (
            h.additional_controls[0].kind,
            &h.additional_controls[0].text
        ),
        (first.0, &first.1)
    );
    let left = &doc
        .project()
        .technique
        .provenance_of(key)
        .unwrap()
        .suggested_controls;
    assert_eq!(left.len(), item.controls.len() - 1);

    doc.apply(dismiss_suggestion(doc.project(), key, 0))
        .unwrap();
    let h = doc.project().hazard(key).unwrap();
    assert_eq!(h.additional_controls.len(), 1, "dismissing adopts nothing");
    assert_eq!(
        doc.project()
            .technique
            .provenance_of(key)
            .unwrap()
            .suggested_controls
            .len(),
        item.controls.len() - 2
    );
    assert!(dismiss_suggestion(doc.project(), key, 99).is_empty());

    doc.undo().unwrap();
    doc.undo().unwrap();
    let record = doc.project().technique.provenance_of(key).unwrap();
    assert_eq!(record.suggested_controls.len(), item.controls.len());
    assert!(
        doc.project()
            .hazard(key)
            .unwrap()
            .additional_controls
            .is_empty()
    );
}

/// Another project, as read from its file, with a scored hazard linked to a prompt.
fn other_project() -> Project {
    let mut other = Project::default();
    other.metadata.system_name = "Theatres EPR".into();
    let mut doc = Document::new(other, None);
    let (edit, step) = technique_ops::add_step(doc.project(), "Book", "").unwrap();
    doc.apply(edit).unwrap();
    let swift = crate::domain::technique::shipped::shipped_deck(&crate::domain::technique::DeckId(
        "swift".into(),
    ))
    .unwrap();
    doc.apply(technique_ops::choose_deck(doc.project(), swift))
        .unwrap();
    let recorder = technique_ops::Recorder {
        by: "A".into(),
        at: now(),
        clock: None,
    };
    let prompt = crate::domain::technique::PromptId("swift.wrong-person.1".into());
    let (edit, scored) = technique_ops::capture_hazard_at(
        doc.project(),
        step,
        &prompt,
        "Wrong patient booked",
        &recorder,
    )
    .unwrap();
    doc.apply(edit).unwrap();
    let mut h = doc.project().hazard(scored).unwrap().clone();
    h.initial = Assessment::new(Severity::Major, Likelihood::Medium);
    h.residual = Assessment::new(Severity::Major, Likelihood::Low);
    h.residual_justification = "Barcode wristbands".into();
    h.status = HazardStatus::Open;
    h.causes = vec!["Similar names".into()];
    h.additional_controls = vec![AdditionalControl {
        kind: ControlKind::Design,
        text: "Wristband scan".into(),
        owner: "IT".into(),
        evidence: "TR-4".into(),
    }];
    h.extra_fields = vec![ExtraField {
        label: "Hazard type".into(),
        value: "ID".into(),
    }];
    doc.apply(ops::update_hazard(doc.project(), h, "all", now()))
        .unwrap();
    let (edit, _) = ops::capture_hazard(doc.project(), "Not chosen", now());
    doc.apply(edit).unwrap();
    let (edit, _) = ops::capture_hazard(doc.project(), "Unscored one", now());
    doc.apply(edit).unwrap();
    // Read back through the file format, as the app would read another .hazlog.
    let text = crate::storage::project_file::to_text(doc.project());
    crate::storage::project_file::from_text(&text, "theatres.hazlog".as_ref()).unwrap()
}

#[test]
fn chosen_hazards_of_another_project_arrive_as_new_unscored_hazards_with_provenance() {
    let other = other_project();
    let mut doc = Document::new(Project::default(), None);
    let (edit, _) = ops::capture_hazard(doc.project(), "Ours", now());
    doc.apply(edit).unwrap();
    let chosen = [other.hazards[0].key, other.hazards[2].key, HazardKey(4242)];

    let import = import_from_project(
        doc.project(),
        &other,
        "theatres.hazlog",
        &chosen,
        false,
        now(),
    );
    assert_eq!(import.edit.label, "import 2 hazards from “Theatres EPR”");
    assert_eq!(
        import
            .added
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>(),
        ["H001", "H003"]
    );
    assert_eq!(import.notes.len(), 4, "{:#?}", import.notes);
    assert!(import.notes[0].starts_with("H001: status “Open” there"));
    assert!(import.notes[1].contains("scores and justifications were left behind"));
    assert!(import.notes[2].contains("links to workflow steps and prompts"));
    assert!(import.notes[3].contains("key 4242"));
    doc.apply(import.edit.clone()).unwrap();

    let project = doc.project();
    let ids: Vec<&str> = project
        .hazards
        .iter()
        .map(|h| h.display_id.as_str())
        .collect();
    assert_eq!(ids, ["H001", "H002", "H003"], "new ids, never theirs");
    let first = project.hazard(import.added[0].1).unwrap();
    assert_eq!(first.name, "Wrong patient booked");
    assert_eq!(first.status, HazardStatus::NewForTriage);
    assert_eq!(first.initial, Assessment::default());
    assert_eq!(first.residual, Assessment::default());
    assert!(first.residual_justification.is_empty());
    assert_eq!(first.causes, ["Similar names"]);
    assert_eq!(first.additional_controls[0].evidence, "TR-4");
    assert_eq!(first.extra_fields[0].value, "ID");
    assert_eq!(first.raised_in, None);
    assert!(
        project.technique.coverage.is_empty(),
        "their coverage is not ours"
    );

    let origin = &project
        .technique
        .provenance_of(import.added[0].1)
        .unwrap()
        .origin;
    assert_eq!(
        *origin,
        Origin::Project {
            project: "Theatres EPR".into(),
            file: "theatres.hazlog".into(),
            display_id: "H001".into(),
            key: other.hazards[0].key.0,
        }
    );
    assert_eq!(project.technique.provenance.len(), 2);

    doc.undo().unwrap();
    assert_eq!(doc.project().hazards.len(), 1);
    assert!(doc.project().technique.provenance.is_empty());
}

#[test]
fn scores_come_across_when_the_user_keeps_them() {
    let other = other_project();
    let doc = Document::new(Project::default(), None);
    let import = import_from_project(
        doc.project(),
        &other,
        "t.hazlog",
        &[other.hazards[0].key],
        true,
        now(),
    );
    assert_eq!(import.edit.label, "import H001 from “Theatres EPR”");
    let mut project = doc.project().clone();
    import.edit.apply(&mut project);
    let h = &project.hazards[0];
    assert_eq!(h.initial, other.hazards[0].initial);
    assert_eq!(h.residual, other.hazards[0].residual);
    assert_eq!(h.residual_justification, "Barcode wristbands");
    assert_eq!(
        h.status,
        HazardStatus::NewForTriage,
        "triaged here all the same"
    );
    assert!(!import.notes.iter().any(|n| n.contains("scores")));
}

#[test]
fn an_import_of_nothing_found_changes_nothing() {
    let other = other_project();
    let doc = Document::new(Project::default(), None);
    let import = import_from_project(
        doc.project(),
        &other,
        "t.hazlog",
        &[HazardKey(77)],
        false,
        now(),
    );
    assert!(import.edit.is_empty());
    assert!(import.added.is_empty());
    assert_eq!(import.notes.len(), 1);
}
