//! Issue 16: setting the workshop up in the app, as a person would: the scope and its workflow
//! steps, and the project's prompt decks, in the "Scope and decks" window, all undoable.

mod common;

use common::{CTRL, CTRL_SHIFT, TestApp, app};
use egui::Key;
use egui_kittest::kittest::{NodeT, Queryable};
use hazard_workshop::domain::technique::shipped;

/// The window on a new, empty project (the bundled example has its scope set up already).
fn open_window(app: &mut TestApp) {
    app.press(CTRL_SHIFT, Key::N);
    assert!(app.state().doc.project().technique.steps.is_empty());
    app.harness.get_by_label("Workshop").click();
    app.settle();
    app.click_menu_item("Scope and decks…");
}

fn type_into(app: &mut TestApp, label: &str, text: &str) {
    app.harness.get_by_label(label).focus();
    app.settle();
    app.harness.get_by_label(label).type_text(text);
    app.settle();
}

fn add_step(app: &mut TestApp, name: &str, description: &str) {
    type_into(app, "New step name", name);
    type_into(app, "New step description", description);
    app.click("Add step");
}

fn step_names(app: &TestApp) -> Vec<(String, bool)> {
    let project = app.state().doc.project();
    project
        .technique
        .steps
        .iter()
        .map(|s| (s.name.clone(), s.retired))
        .collect()
}

#[test]
fn scope_and_steps_are_added_edited_reordered_and_retired_through_undo() {
    let mut app = app();
    open_window(&mut app);

    type_into(&mut app, "System under assessment", " (test)");
    let system = app.state().doc.project().metadata.system_name.clone();
    assert!(system.ends_with(" (test)"), "{system}");
    type_into(&mut app, "Scope statement", "Inpatient prescribing only");
    assert_eq!(
        app.state().doc.project().technique.scope.statement,
        "Inpatient prescribing only"
    );

    add_step(&mut app, "Prescribe", "Doctor writes the order");
    add_step(&mut app, "Verify", "Pharmacist checks it");
    add_step(&mut app, "Administer", "Nurse gives the dose");
    assert_eq!(
        step_names(&app),
        [
            ("Prescribe".into(), false),
            ("Verify".into(), false),
            ("Administer".into(), false)
        ]
    );
    assert_eq!(
        app.state().doc.project().technique.steps[0].description,
        "Doctor writes the order"
    );
    // A name is required: nothing is added, and the window says why.
    app.click("Add step");
    assert_eq!(step_names(&app).len(), 3);
    app.harness.get_by_label("A name is required.");

    // Rename in place.
    type_into(&mut app, "Step 2 name", " order");
    assert_eq!(step_names(&app)[1].0, "Verify order");

    // Reorder: Administer moves above Verify order.
    app.click("Move step 3 up");
    let names: Vec<String> = step_names(&app).into_iter().map(|s| s.0).collect();
    assert_eq!(names, ["Prescribe", "Administer", "Verify order"]);
    app.press(CTRL, Key::Z);
    let names: Vec<String> = step_names(&app).into_iter().map(|s| s.0).collect();
    assert_eq!(names, ["Prescribe", "Verify order", "Administer"]);

    // Retire and reinstate.
    app.click("Retire step 1");
    assert!(step_names(&app)[0].1);
    app.click("Reinstate step 1");
    assert!(!step_names(&app)[0].1);

    // An unused step can be deleted; undo brings it back.
    app.click("Delete step 3");
    assert_eq!(step_names(&app).len(), 2);
    app.press(CTRL, Key::Z);
    assert_eq!(step_names(&app).len(), 3);
}

#[test]
fn a_step_with_coverage_is_retired_never_deleted() {
    let mut app = app();
    open_window(&mut app);
    add_step(&mut app, "Prescribe", "");
    app.click("Prompt decks");
    let first = &shipped::shipped_decks()[0];
    app.click(&format!(
        "Use “{}” ({} prompts)",
        first.name,
        first.prompts().count()
    ));
    // Record coverage on the only step: the walk's first cell, marked parked.
    app.press(egui::Modifiers::ALT, Key::ArrowRight);
    app.harness.get_by_label("Coverage").click();
    app.settle();
    app.click("Parked");
    assert_eq!(app.state().doc.project().technique.coverage.len(), 1);
    app.click("Scope and steps");
    let delete = app.harness.get_by_label("Delete step 1");
    assert!(
        delete.accesskit_node().is_disabled(),
        "a step in use cannot be deleted"
    );
    app.click("Retire step 1");
    let project = app.state().doc.project();
    assert!(project.technique.steps[0].retired);
    assert_eq!(project.technique.coverage.len(), 1, "its records are kept");
}

#[test]
fn decks_are_chosen_prompts_hidden_and_written_and_saved_in_the_project() {
    let mut app = app();
    open_window(&mut app);
    app.click("Prompt decks");
    let decks = shipped::shipped_decks();
    for deck in &decks[..2] {
        app.click(&format!(
            "Use “{}” ({} prompts)",
            deck.name,
            deck.prompts().count()
        ));
    }
    let chosen: Vec<String> = app
        .state()
        .doc
        .project()
        .technique
        .chosen_decks()
        .map(|d| d.id.0.clone())
        .collect();
    assert_eq!(chosen, [decks[0].id.0.clone(), decks[1].id.0.clone()]);

    // Unchoosing an unused deck takes it out; undo puts it back.
    app.click(&format!(
        "Use “{}” ({} prompts)",
        decks[1].name,
        decks[1].prompts().count()
    ));
    assert_eq!(app.state().doc.project().technique.decks.len(), 1);
    app.press(CTRL, Key::Z);
    assert_eq!(app.state().doc.project().technique.decks.len(), 2);

    // Hide a prompt of the first deck.
    let family = &decks[0].families[0];
    let prompt = &family.prompts[0];
    app.click(&format!("Deck “{}”", decks[0].name));
    app.click(&format!(
        "{} ({} prompts)",
        family.name,
        family.prompts.len()
    ));
    let short: String = prompt.question.chars().take(60).collect();
    app.click(&format!("Show prompt “{short}”"));
    let project = app.state().doc.project();
    let (_, _, p) = project.technique.prompt(&prompt.id).unwrap();
    assert!(p.hidden);

    // Reword its hint: the prompt becomes the team's wording.
    type_into(&mut app, &format!("Hint of “{short}”"), " (local)");
    let project = app.state().doc.project();
    let (_, _, p) = project.technique.prompt(&prompt.id).unwrap();
    assert!(p.hint.ends_with(" (local)"));
    assert!(p.user_written);

    // Add a prompt to that family.
    type_into(
        &mut app,
        &format!("New prompt in “{}”", family.name),
        "What if the ward is closed?",
    );
    app.click(&format!("Add prompt to “{}”", family.name));
    let project = app.state().doc.project();
    let deck = project.technique.deck(&decks[0].id).unwrap();
    assert_eq!(
        deck.families[0].prompts.last().unwrap().question,
        "What if the ward is closed?"
    );

    // Write our own deck.
    type_into(&mut app, "New deck name", "Ward rounds");
    type_into(&mut app, "New deck's first family", "Handover");
    app.click("Add deck");
    let project = app.state().doc.project();
    let own = project
        .technique
        .chosen_decks()
        .find(|d| d.name == "Ward rounds")
        .expect("our own deck");
    assert!(own.user_written);
    assert_eq!(own.families[0].name, "Handover");

    // Saved in the project: a file written and read back holds the same decks.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("decks.hazlog");
    hazard_workshop::storage::project_file::save(app.state().doc.project(), &path).unwrap();
    let back = hazard_workshop::storage::project_file::load(&path).unwrap();
    assert_eq!(
        back.technique.decks,
        app.state().doc.project().technique.decks
    );
}
