//! Issue 16 in the app: walking a meeting step x prompt from the keyboard, the coverage grid,
//! the closing sweep and the presenter.

mod common;

use common::{CTRL, CTRL_SHIFT, TestApp, app};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use hazard_workshop::domain::EntryKind;
use hazard_workshop::domain::technique::{CellMark, CoverageGrid, shipped};
use hazard_workshop::edit::technique_ops;
use hazard_workshop::ui::Action;

const ALT: Modifiers = Modifiers::ALT;

/// A new project with three workflow steps and two shipped decks, set up through the edit door
/// (the bundled example has its own scope).
fn set_up_scope(app: &mut TestApp) {
    app.press(CTRL_SHIFT, Key::N);
    for name in ["Order", "Verify", "Administer"] {
        let (edit, _) =
            technique_ops::add_step(app.state().doc.project(), name, "").expect("a step");
        app.harness.state_mut().handle(Action::Edit(edit));
    }
    for deck in &shipped::shipped_decks()[..2] {
        let edit = technique_ops::choose_deck(app.state().doc.project(), deck);
        app.harness.state_mut().handle(Action::Edit(edit));
    }
    app.settle();
}

fn capture(app: &mut TestApp, name: &str) {
    app.press(CTRL, Key::N);
    app.harness
        .get_by_label("New hazard: type its name and press Enter (Ctrl+N)")
        .type_text(name);
    app.settle();
    app.press(Modifiers::NONE, Key::Enter);
}

fn entries_of_kind(app: &TestApp, kind: EntryKind) -> Vec<String> {
    let project = app.state().doc.project();
    let meeting = project.current_meeting.expect("a running meeting");
    project
        .meeting(meeting)
        .unwrap()
        .entries
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.text.clone())
        .collect()
}

#[test]
fn walk_three_steps_with_two_decks_from_the_keyboard() {
    let mut app = app();
    set_up_scope(&mut app);
    app.harness.get_by_label("New meeting").click();
    app.settle();
    app.harness.get_by_label("Start meeting").click();
    app.settle();
    app.harness.get_by_label("Coverage").click();
    app.settle();
    let grid = CoverageGrid::new(app.state().doc.project());
    assert_eq!(grid.steps.len(), 3);
    let columns = grid.columns.len();
    assert!(columns > 2);
    let total = 3 * columns;
    app.harness
        .get_by_label(&format!("{total} cells not yet covered"));

    // Step 1, prompt 1: a hazard captured now is linked to the cell.
    app.press(ALT, Key::ArrowRight);
    let first = grid.columns[0].prompt.clone();
    let question = |app: &TestApp, prompt| {
        let project = app.state().doc.project();
        let (_, _, p) = project.technique.prompt(prompt).unwrap();
        p.question.clone()
    };
    let q1 = question(&app, &first);
    // Above the capture line and in the coverage pane.
    let walking = format!("Walking: step “Order”, prompt “{q1}”");
    assert_eq!(app.harness.query_all_by_label(&walking).count(), 2);
    capture(&mut app, "Order placed on the wrong patient");
    let project = app.state().doc.project();
    let hazard = project
        .hazards
        .iter()
        .find(|h| h.name == "Order placed on the wrong patient")
        .expect("captured");
    let cell = project.technique.cell(grid.steps[0], &first).unwrap();
    assert_eq!(cell.hazards, vec![hazard.key]);

    // Step 2, prompt 1: no credible hazard, with its reason.
    app.press(ALT, Key::ArrowDown);
    let reason_field = "Reason (one line)";
    app.harness.get_by_label(reason_field).focus();
    app.harness
        .get_by_label(reason_field)
        .type_text("Verification is done on paper");
    app.settle();
    app.click("No credible hazard");
    let project = app.state().doc.project();
    let marked = project.technique.cell(grid.steps[1], &first).unwrap();
    assert_eq!(
        marked.mark,
        Some(CellMark::NoCredibleHazard {
            reason: "Verification is done on paper".into()
        })
    );
    // Recorded under the name the history uses, in the running meeting.
    assert_eq!(marked.stamp.by, app.state().doc.user_name());
    assert_ne!(marked.stamp.by, "Facilitator");
    assert_eq!(marked.stamp.meeting, project.current_meeting);
    assert!(marked.stamp.meeting.is_some());
    let not_hazards = entries_of_kind(&app, EntryKind::NotAHazard);
    assert!(
        not_hazards
            .iter()
            .any(|t| t.contains("“Verify”") && t.contains("Verification is done on paper")),
        "{not_hazards:?}"
    );

    // Step 2, prompt 2: parked.
    app.press(ALT, Key::ArrowRight);
    app.click("Parked");
    let second = grid.columns[1].prompt.clone();
    assert!(matches!(
        app.state()
            .doc
            .project()
            .technique
            .cell(grid.steps[1], &second)
            .unwrap()
            .mark,
        Some(CellMark::Parked { .. })
    ));
    assert!(
        entries_of_kind(&app, EntryKind::Parked)
            .iter()
            .any(|t| t.contains("“Verify”") && t.contains("parked"))
    );

    // Step 3, prompt 1: another linked hazard.
    app.press(ALT, Key::ArrowDown);
    capture(&mut app, "Dose given twice");

    // The grid says each cell's state in words, and the counts follow.
    for label in [
        "Order × P1: 1 hazard",
        "Verify × P1: No credible hazard",
        "Verify × P2: Parked",
        "Administer × P1: 1 hazard",
        "Order × P2: Not yet",
    ] {
        app.harness.get_by_label(label);
    }
    app.harness
        .get_by_label(&format!("{} cells not yet covered", total - 4));
    // A prompt's column header gives its question on hover.
    app.harness.get_by_label("P2").hover();
    app.settle();
    let q2 = question(&app, &grid.columns[1].prompt);
    assert!(app.harness.query_all_by_label(&q2).count() >= 1, "{q2}");
    // The closing sweep lists the families with neither a hazard nor a reason.
    let gaps = hazard_workshop::domain::technique::closing_sweep(app.state().doc.project());
    assert!(!gaps.is_empty());
    app.harness.get_by_label(&format!(
        "Closing sweep: {} families with neither a hazard nor a reason",
        gaps.len()
    ));
    app.harness
        .get_by_label(&format!("{}: {}", gaps[0].deck_name, gaps[0].family_name));

    // Clicking a cell makes it current and shows its reason.
    app.click("Verify × P1: No credible hazard");
    app.harness
        .get_by_label("No credible hazard: Verification is done on paper");

    // The presenter shows the current step and prompt.
    app.press(Modifiers::NONE, Key::F5);
    app.harness.get_by_label("Step: Verify");
    assert!(app.harness.query_all_by_label(&q1).count() >= 1);
}
