use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::*;
use crate::domain::technique::{CellMark, CellState, CoverageGrid, closing_sweep, shipped};
use crate::domain::{EntryKind, HazardKey, HazardStatus};
use crate::edit::{Document, meeting_ops, ops};

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn recorder() -> Recorder {
    Recorder {
        by: "Sam CSO".into(),
        at: now(),
        clock: NaiveTime::from_hms_opt(10, 15, 0),
    }
}

fn swift() -> &'static crate::domain::technique::Deck {
    shipped::shipped_deck(&DeckId("swift".into())).unwrap()
}

fn prompt(id: &str) -> PromptId {
    PromptId(id.into())
}

/// A project with steps Prescribe, Verify, Administer and the SWIFT deck chosen.
fn doc_with_steps() -> (Document, Vec<StepKey>) {
    let mut doc = Document::new(Project::default(), None);
    let mut steps = Vec::new();
    for name in ["Prescribe", "Verify", "Administer"] {
        let (edit, key) = add_step(doc.project(), name, "").unwrap();
        doc.apply(edit).unwrap();
        steps.push(key);
    }
    doc.apply(choose_deck(doc.project(), swift())).unwrap();
    (doc, steps)
}

fn running_meeting(doc: &mut Document) -> crate::domain::MeetingKey {
    let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    let (edit, meeting) = meeting_ops::add_meeting(doc.project(), "HAZID 1", today);
    doc.apply(edit).unwrap();
    let at = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    doc.apply(meeting_ops::start_meeting(
        doc.project(),
        meeting,
        at,
        today,
    ))
    .unwrap();
    meeting
}

#[test]
fn steps_are_added_edited_reordered_and_retired_with_undo() {
    let (mut doc, steps) = doc_with_steps();
    let names = |doc: &Document| -> Vec<String> {
        doc.project()
            .technique
            .steps
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    assert_eq!(names(&doc), ["Prescribe", "Verify", "Administer"]);
    assert_eq!(
        add_step(doc.project(), "  ", ""),
        Err(TechniqueError::NameRequired)
    );

    let mut step = doc.project().technique.steps[1].clone();
    step.description = "Pharmacist c".into();
    doc.apply(update_step(doc.project(), step.clone(), "description"))
        .unwrap();
    step.description = "Pharmacist checks".into();
    doc.apply(update_step(doc.project(), step, "description"))
        .unwrap();
    assert_eq!(doc.undo_label(), Some("edit description of step “Verify”"));

    doc.apply(move_step(doc.project(), steps[2], 0)).unwrap();
    assert_eq!(names(&doc), ["Administer", "Prescribe", "Verify"]);
    assert_eq!(
        doc.project().technique.steps[0].key,
        steps[2],
        "keys are stable"
    );
    doc.undo().unwrap();
    assert_eq!(names(&doc), ["Prescribe", "Verify", "Administer"]);

    doc.apply(set_step_retired(doc.project(), steps[0], true))
        .unwrap();
    let active: Vec<_> = doc
        .project()
        .technique
        .active_steps()
        .map(|s| s.key)
        .collect();
    assert_eq!(active, [steps[1], steps[2]]);
    doc.undo().unwrap();
    doc.undo().unwrap();
    assert_eq!(
        doc.project().technique.steps[1].description,
        "",
        "one burst, one undo"
    );
}

#[test]
fn a_step_anything_refers_to_can_be_retired_but_not_deleted() {
    let (mut doc, steps) = doc_with_steps();
    let edit = delete_step(doc.project(), steps[2]).expect("unused steps can be deleted");
    doc.apply(edit).unwrap();
    assert_eq!(doc.project().technique.steps.len(), 2);
    doc.undo().unwrap();

    let p = prompt("swift.wrong-person.1");
    doc.apply(
        mark_cell(
            doc.project(),
            steps[0],
            &p,
            Some(CellMark::Parked {
                note: String::new(),
            }),
            &recorder(),
        )
        .unwrap(),
    )
    .unwrap();
    let before = doc.project().clone();
    assert_eq!(
        delete_step(doc.project(), steps[0]),
        Err(TechniqueError::StepInUse("Prescribe".into()))
    );
    assert_eq!(doc.project(), &before);
    doc.apply(set_step_retired(doc.project(), steps[0], true))
        .unwrap();
    assert!(doc.project().technique.step(steps[0]).unwrap().retired);
    assert!(
        doc.project().technique.cell(steps[0], &p).is_some(),
        "records kept"
    );
}

#[test]
fn a_step_covered_in_a_meeting_cannot_be_deleted() {
    let (mut doc, steps) = doc_with_steps();
    let meeting = running_meeting(&mut doc);
    doc.apply(set_meeting_steps(doc.project(), meeting, vec![steps[1]]))
        .unwrap();
    assert_eq!(
        doc.project().technique.steps_of_meeting(meeting),
        [steps[1]]
    );
    assert!(matches!(
        delete_step(doc.project(), steps[1]),
        Err(TechniqueError::StepInUse(_))
    ));
}

#[test]
fn choosing_copies_the_deck_and_unchoosing_keeps_it_only_while_referred_to() {
    let (mut doc, steps) = doc_with_steps();
    assert_eq!(doc.project().technique.decks.len(), 1);
    assert_eq!(&doc.project().technique.decks[0], swift());
    assert!(
        choose_deck(doc.project(), swift()).is_empty(),
        "already chosen"
    );

    doc.apply(unchoose_deck(doc.project(), &swift().id))
        .unwrap();
    assert!(doc.project().technique.decks.is_empty(), "unused: removed");
    doc.undo().unwrap();

    let p = prompt("swift.wrong-time.2");
    doc.apply(
        mark_cell(
            doc.project(),
            steps[0],
            &p,
            Some(CellMark::NoCredibleHazard {
                reason: "Orders wait for results".into(),
            }),
            &recorder(),
        )
        .unwrap(),
    )
    .unwrap();
    doc.apply(unchoose_deck(doc.project(), &swift().id))
        .unwrap();
    let kept = &doc.project().technique.decks[0];
    assert!(
        !kept.chosen,
        "kept, unchosen, for the record that refers to it"
    );
    assert_eq!(doc.project().technique.visible_prompts().count(), 0);
    assert!(doc.project().technique.prompt(&p).is_some());

    // Re-choosing brings back the project's copy with its edits, not the shipped one.
    doc.apply(update_prompt(doc.project(), &p, "Our words?", "Our hint").unwrap())
        .unwrap();
    doc.apply(choose_deck(doc.project(), swift())).unwrap();
    let (_, _, back) = doc.project().technique.prompt(&p).unwrap();
    assert_eq!(back.question, "Our words?");
    assert!(doc.project().technique.decks[0].chosen);
}

#[test]
fn user_decks_prompts_and_hiding() {
    let (mut doc, _) = doc_with_steps();
    let (edit, deck, family) = add_user_deck(doc.project(), "Theatre", "Consent").unwrap();
    doc.apply(edit).unwrap();
    let (edit, id) = add_prompt(
        doc.project(),
        &deck,
        &family,
        "What if consent is\nrecorded for the wrong side?",
        "Wrong-site consent.",
    )
    .unwrap();
    doc.apply(edit).unwrap();
    let (d, f, p) = doc.project().technique.prompt(&id).unwrap();
    assert!(d.user_written && d.chosen);
    assert_eq!(f.name, "Consent");
    assert_eq!(
        p.question,
        "What if consent is recorded for the wrong side?"
    );
    assert!(p.user_written);
    assert_eq!(p.source, USER_SOURCE);

    let (edit, second) = add_family(doc.project(), &deck, "Counts").unwrap();
    doc.apply(edit).unwrap();
    assert_ne!(second, family);
    assert!(add_prompt(doc.project(), &deck, &second, "  ", "").is_err());
    assert_eq!(
        add_prompt(doc.project(), &deck, &FamilyId("nope".into()), "Q?", ""),
        Err(TechniqueError::UnknownFamily("nope".into()))
    );

    doc.apply(rename_deck(doc.project(), &deck, "Theatres").unwrap())
        .unwrap();
    assert_eq!(
        doc.project().technique.deck(&deck).unwrap().name,
        "Theatres"
    );
    assert_eq!(
        rename_deck(doc.project(), &swift().id, "Mine"),
        Err(TechniqueError::NotAUserDeck)
    );

    let shipped = prompt("swift.wrong-place.3");
    let visible = doc.project().technique.visible_prompts().count();
    doc.apply(set_prompt_hidden(doc.project(), &shipped, true).unwrap())
        .unwrap();
    assert_eq!(
        doc.project().technique.visible_prompts().count(),
        visible - 1
    );
    doc.undo().unwrap();
    assert_eq!(doc.project().technique.visible_prompts().count(), visible);

    doc.apply(update_prompt(doc.project(), &shipped, "Reworded?", "Hint").unwrap())
        .unwrap();
    let (_, _, p) = doc.project().technique.prompt(&shipped).unwrap();
    assert!(
        p.user_written,
        "reworded shipped prompts are the project's words"
    );
    assert_eq!(
        p.source, "Card et al., healthcare SWIFT guidewords",
        "source kept"
    );
}

#[test]
fn marking_a_cell_records_who_when_and_writes_the_minutes_of_the_running_meeting() {
    let (mut doc, steps) = doc_with_steps();
    let meeting = running_meeting(&mut doc);
    let p = prompt("swift.wrong-amount.2");

    assert_eq!(
        mark_cell(
            doc.project(),
            steps[1],
            &p,
            Some(CellMark::NoCredibleHazard {
                reason: "   ".into()
            }),
            &recorder()
        ),
        Err(TechniqueError::ReasonRequired)
    );
    let edit = mark_cell(
        doc.project(),
        steps[1],
        &p,
        Some(CellMark::NoCredibleHazard {
            reason: "Units are fixed\nby the formulary".into(),
        }),
        &recorder(),
    )
    .unwrap();
    assert!(edit.label.starts_with("mark “Verify” × “What if the unit"));
    doc.apply(edit).unwrap();

    let cell = doc.project().technique.cell(steps[1], &p).unwrap();
    assert_eq!(
        cell.mark,
        Some(CellMark::NoCredibleHazard {
            reason: "Units are fixed by the formulary".into()
        })
    );
    assert_eq!(cell.stamp.by, "Sam CSO");
    assert_eq!(cell.stamp.meeting, Some(meeting));
    let entries = &doc.project().meeting(meeting).unwrap().entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].kind, EntryKind::NotAHazard);
    assert!(
        entries[0]
            .text
            .starts_with("“Verify” × “What if the unit is wrong")
    );
    assert!(
        entries[0]
            .text
            .ends_with("no credible hazard: Units are fixed by the formulary")
    );
    assert_eq!(entries[0].time, NaiveTime::from_hms_opt(10, 15, 0));
    assert_eq!(
        doc.project().technique.steps_of_meeting(meeting),
        [steps[1]]
    );

    doc.undo().unwrap();
    assert!(doc.project().technique.coverage.is_empty());
    assert!(doc.project().meeting(meeting).unwrap().entries.is_empty());
    assert!(doc.project().technique.meeting_steps.is_empty());
}

#[test]
fn parked_and_not_applicable_and_clearing() {
    let (mut doc, steps) = doc_with_steps();
    let meeting = running_meeting(&mut doc);
    let p = prompt("swift.wrong-place.1");
    let mark = |doc: &Document, m| mark_cell(doc.project(), steps[2], &p, m, &recorder()).unwrap();
    doc.apply(mark(
        &doc,
        Some(CellMark::Parked {
            note: "Ask pharmacy".into(),
        }),
    ))
    .unwrap();
    doc.apply(mark(
        &doc,
        Some(CellMark::NotApplicable {
            reason: String::new(),
        }),
    ))
    .unwrap();
    let kinds: Vec<_> = doc
        .project()
        .meeting(meeting)
        .unwrap()
        .entries
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, [EntryKind::Parked, EntryKind::Note]);
    let grid = CoverageGrid::new(doc.project());
    let column = grid.column(&p).unwrap();
    assert_eq!(grid.state(2, column), CellState::NotApplicable);

    doc.apply(mark(&doc, None)).unwrap();
    assert!(
        doc.project().technique.coverage.is_empty(),
        "an empty record goes"
    );
    assert!(mark(&doc, None).is_empty(), "nothing to clear");
    assert_eq!(
        doc.undo_label(),
        Some("clear the mark of “Administer” × “What if this step is recorded against th…”")
    );
}

#[test]
fn captured_hazards_are_linked_and_win_over_marks_until_withdrawn() {
    let (mut doc, steps) = doc_with_steps();
    let meeting = running_meeting(&mut doc);
    let p = prompt("swift.wrong-person.1");
    doc.apply(
        mark_cell(
            doc.project(),
            steps[0],
            &p,
            Some(CellMark::Parked {
                note: String::new(),
            }),
            &recorder(),
        )
        .unwrap(),
    )
    .unwrap();
    let (edit, hazard) = capture_hazard_at(
        doc.project(),
        steps[0],
        &p,
        "Order on wrong patient",
        &recorder(),
    )
    .unwrap();
    assert_eq!(edit.label, "capture H001");
    doc.apply(edit).unwrap();
    let h = doc.project().hazard(hazard).unwrap();
    assert_eq!(h.raised_in, Some(meeting));
    assert_eq!(h.status, HazardStatus::NewForTriage);
    let cell = doc.project().technique.cell(steps[0], &p).unwrap();
    assert_eq!(cell.hazards, [hazard]);
    let grid = CoverageGrid::new(doc.project());
    assert_eq!(
        grid.state(0, grid.column(&p).unwrap()),
        CellState::HazardsRaised(1)
    );

    assert_eq!(
        mark_cell(
            doc.project(),
            steps[0],
            &p,
            Some(CellMark::NoCredibleHazard { reason: "x".into() }),
            &recorder()
        ),
        Err(TechniqueError::HazardsRaised(1, "No credible hazard"))
    );

    // Withdrawn: the cell falls back to its mark.
    let mut withdrawn = doc.project().hazard(hazard).unwrap().clone();
    withdrawn.status = HazardStatus::Withdrawn {
        reason: "Duplicate".into(),
    };
    doc.apply(ops::update_hazard(
        doc.project(),
        withdrawn,
        "status",
        now(),
    ))
    .unwrap();
    let grid = CoverageGrid::new(doc.project());
    assert_eq!(grid.state(0, grid.column(&p).unwrap()), CellState::Parked);

    // One undo takes back the capture and its link together.
    doc.undo().unwrap();
    doc.undo().unwrap();
    assert!(doc.project().hazards.is_empty());
    assert!(
        doc.project()
            .technique
            .cell(steps[0], &p)
            .unwrap()
            .hazards
            .is_empty()
    );
}

#[test]
fn existing_hazards_link_and_unlink() {
    let (mut doc, steps) = doc_with_steps();
    let (edit, hazard) = ops::capture_hazard(doc.project(), "Wrong dose", now());
    doc.apply(edit).unwrap();
    let p = prompt("swift.wrong-amount.1");
    let edit = link_hazard(doc.project(), steps[0], &p, hazard, &recorder()).unwrap();
    assert!(edit.label.starts_with("link H001 to “Prescribe”"));
    doc.apply(edit).unwrap();
    assert!(
        link_hazard(doc.project(), steps[0], &p, hazard, &recorder())
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        link_hazard(doc.project(), steps[0], &p, HazardKey(999), &recorder()),
        Err(TechniqueError::UnknownHazard)
    );
    assert_eq!(
        link_hazard(doc.project(), StepKey(999), &p, hazard, &recorder()),
        Err(TechniqueError::UnknownStep)
    );
    assert_eq!(
        link_hazard(
            doc.project(),
            steps[0],
            &prompt("nope"),
            hazard,
            &recorder()
        ),
        Err(TechniqueError::UnknownPrompt("nope".into()))
    );
    doc.apply(unlink_hazard(
        doc.project(),
        steps[0],
        &p,
        hazard,
        &recorder(),
    ))
    .unwrap();
    assert!(doc.project().technique.coverage.is_empty());
    assert!(doc.project().hazard(hazard).is_some(), "the hazard stays");
}

#[test]
fn counts_and_the_closing_sweep_follow_the_records() {
    let (mut doc, steps) = doc_with_steps();
    let families = swift().families.len();
    let prompts = swift().prompts().count();
    let grid = CoverageGrid::new(doc.project());
    assert_eq!(grid.not_yet_covered(), 3 * prompts);
    assert_eq!(closing_sweep(doc.project()).len(), families);

    let (edit, _) = capture_hazard_at(
        doc.project(),
        steps[0],
        &prompt("swift.wrong-person.2"),
        "Look-alike patients",
        &recorder(),
    )
    .unwrap();
    doc.apply(edit).unwrap();
    doc.apply(
        mark_cell(
            doc.project(),
            steps[1],
            &prompt("swift.wrong-time.1"),
            Some(CellMark::NoCredibleHazard {
                reason: "Timed by the ward".into(),
            }),
            &recorder(),
        )
        .unwrap(),
    )
    .unwrap();
    // Parked is not a reason: wrong-place stays in the sweep.
    doc.apply(
        mark_cell(
            doc.project(),
            steps[1],
            &prompt("swift.wrong-place.1"),
            Some(CellMark::Parked {
                note: String::new(),
            }),
            &recorder(),
        )
        .unwrap(),
    )
    .unwrap();
    doc.apply(
        record_family_reason(
            doc.project(),
            &swift().id,
            &FamilyId("failure-of-equipment".into()),
            "No devices at this stage",
            &recorder(),
        )
        .unwrap(),
    )
    .unwrap();

    let grid = CoverageGrid::new(doc.project());
    assert_eq!(grid.not_yet_covered(), 3 * prompts - 3);
    let row0 = grid.step_counts(0);
    assert_eq!(
        (row0.hazards_raised, row0.hazard_links, row0.not_yet),
        (1, 1, prompts - 1)
    );
    let row1 = grid.step_counts(1);
    assert_eq!((row1.no_credible_hazard, row1.parked), (1, 1));
    let deck = grid.deck_counts(&swift().id);
    assert_eq!(deck.cells, 3 * prompts);
    assert_eq!(deck, grid.total_counts());

    let gaps: Vec<String> = closing_sweep(doc.project())
        .into_iter()
        .map(|g| g.family.0)
        .collect();
    assert_eq!(gaps.len(), families - 3);
    for covered in ["wrong-person", "wrong-time", "failure-of-equipment"] {
        assert!(!gaps.contains(&covered.to_owned()), "{covered}");
    }
    assert!(gaps.contains(&"wrong-place".to_owned()));

    // Hiding every prompt of a family does not take it out of the sweep.
    for p in &swift()
        .family(&FamilyId("wrong-idea".into()))
        .unwrap()
        .prompts
    {
        doc.apply(set_prompt_hidden(doc.project(), &p.id, true).unwrap())
            .unwrap();
    }
    assert!(
        closing_sweep(doc.project())
            .iter()
            .any(|g| g.family.0 == "wrong-idea")
    );

    // Retiring a step leaves the grid but keeps its evidence for the sweep.
    doc.apply(set_step_retired(doc.project(), steps[0], true))
        .unwrap();
    assert_eq!(CoverageGrid::new(doc.project()).steps.len(), 2);
    assert!(
        !closing_sweep(doc.project())
            .iter()
            .any(|g| g.family.0 == "wrong-person")
    );
}

#[test]
fn family_reasons_replace_and_clear() {
    let (mut doc, _) = doc_with_steps();
    let family = FamilyId("wrong-thing".into());
    assert_eq!(
        record_family_reason(doc.project(), &swift().id, &family, " ", &recorder()),
        Err(TechniqueError::ReasonRequired)
    );
    for reason in ["First", "Second"] {
        let edit = record_family_reason(doc.project(), &swift().id, &family, reason, &recorder());
        doc.apply(edit.unwrap()).unwrap();
    }
    assert_eq!(doc.project().technique.family_reasons.len(), 1);
    assert_eq!(doc.project().technique.family_reasons[0].reason, "Second");
    doc.apply(clear_family_reason(doc.project(), &swift().id, &family))
        .unwrap();
    assert!(doc.project().technique.family_reasons.is_empty());
}

#[test]
fn scope_statement_edits_coalesce() {
    let (mut doc, _) = doc_with_steps();
    for text in ["In", "In scope: ePMA"] {
        let scope = Scope {
            statement: text.into(),
        };
        doc.apply(update_scope(doc.project(), scope)).unwrap();
    }
    assert_eq!(doc.project().technique.scope.statement, "In scope: ePMA");
    doc.undo().unwrap();
    assert_eq!(doc.project().technique.scope.statement, "");
}
