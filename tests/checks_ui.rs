//! Issue 17 in the app: the Checks pane lists each ready-to-issue problem, a click (or Enter)
//! takes the user to its field, the status bar counts them, and a check can be switched off
//! with a recorded reason; the user's name for the history is set in the app.

mod common;

use common::{TestApp, app};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

fn type_into(app: &mut TestApp, label: &str, text: &str) {
    app.harness.get_by_label(label).scroll_to_me();
    app.settle();
    app.harness.get_by_label(label).focus();
    app.settle();
    app.harness.get_by_label(label).type_text(text);
    app.settle();
}

fn pick(app: &mut TestApp, combo: &str, option: &str) {
    app.harness.get_by_label_contains(combo).scroll_to_me();
    app.settle();
    app.harness.get_by_label_contains(combo).click();
    app.settle();
    app.harness
        .get_by_role_and_label(Role::Button, option)
        .click();
    app.settle();
}

fn problem_count(app: &TestApp) -> usize {
    app.state().check_report().problems.len()
}

/// Clicks the problem row that starts with `start` ("H003 · residual").
fn click_problem(app: &mut TestApp, start: &str) {
    let label = app
        .harness
        .query_all_by_role(Role::Button)
        .filter_map(|node| node.accesskit_node().label())
        .find(|label| label.starts_with(start))
        .unwrap_or_else(|| panic!("no problem row starts with {start}"));
    app.click(&label);
}

fn selected_display_id(app: &TestApp) -> String {
    let state = app.state();
    let key = state.view.selected.expect("a hazard is selected");
    state.doc.project().hazard(key).unwrap().display_id.clone()
}

#[test]
fn every_problem_in_the_example_is_fixed_from_the_checks_pane() {
    let mut app = app();
    assert_eq!(problem_count(&app), 7, "{:#?}", app.state().check_report());
    // The status bar counts them; clicking the count shows the pane.
    app.click("7 problems");
    app.harness
        .get_by_label_contains("H003 · residual: Open but the residual risk is not scored");

    // Unscored residual risks: the click selects the hazard and puts the keyboard on the score.
    for id in ["H003", "H006", "H009"] {
        click_problem(&mut app, &format!("{id} · residual"));
        assert_eq!(selected_display_id(&app), id);
        assert!(
            app.harness
                .get_by_label("Residual assessment: severity")
                .is_focused(),
            "the keyboard is on {id}'s residual severity"
        );
        // The keyboard is there: Enter opens the picker on "Not scored", Up moves to Minor,
        // Enter picks.
        for key in [Key::Enter, Key::ArrowUp, Key::Enter] {
            app.press(egui::Modifiers::NONE, key);
        }
        pick(&mut app, "Residual assessment: likelihood", "Low");
    }
    assert_eq!(problem_count(&app), 4);

    // A closed hazard's existing controls without evidence.
    click_problem(&mut app, "H007 · existing-controls");
    assert_eq!(selected_display_id(&app), "H007");
    type_into(
        &mut app,
        "Evidence for existing control 1",
        "Service desk runbook RB-12",
    );
    type_into(
        &mut app,
        "Evidence for existing control 2",
        "Scanning audit March 2026",
    );
    assert_eq!(problem_count(&app), 2);

    // A transferred hazard needs the deploying organisation's control, with its owner.
    click_problem(&mut app, "H002 · additional-controls");
    assert_eq!(selected_display_id(&app), "H002");
    app.click("Add additional control");
    pick(&mut app, "Type of additional control 3", "Training");
    type_into(
        &mut app,
        "Additional control 3",
        "Ward pharmacists trained on the new search order",
    );
    type_into(&mut app, "Owner of control 3", "Lead Pharmacist");
    app.harness.key_press(Key::Tab);
    app.settle();
    assert_eq!(problem_count(&app), 1);

    // The overdue action: the click shows the overdue actions, where it is marked done.
    click_problem(&mut app, "H003 · due");
    pick(&mut app, "Status of “Run boundary tests", "Done");

    assert_eq!(
        problem_count(&app),
        0,
        "{:#?}",
        app.state().check_report().problems
    );
    app.click("No problems");
    app.harness
        .get_by_label("Every check passes: the log is ready to issue.");
}

#[test]
fn enter_on_a_problem_goes_to_its_field() {
    let mut app = app();
    app.click("7 problems");
    let row = app
        .harness
        .query_all_by_role(Role::Button)
        .filter_map(|node| node.accesskit_node().label())
        .find(|label| label.starts_with("H006 · residual"))
        .unwrap();
    app.harness.get_by_label(&row).focus();
    app.settle();
    assert!(
        app.harness.get_by_label(&row).is_focused(),
        "the row has the keyboard"
    );
    app.press(egui::Modifiers::NONE, Key::Enter);
    assert_eq!(selected_display_id(&app), "H006");
    assert!(
        app.harness
            .get_by_label("Residual assessment: severity")
            .is_focused()
    );
}

#[test]
fn a_check_is_switched_off_with_a_reason_and_back_on() {
    let mut app = app();
    app.click("7 problems");
    // The overdue action is handled outside the log: its check is switched off.
    click_problem(&mut app, "H003 · due");
    app.click("7 problems");
    // No reason, no switching off.
    assert!(
        app.harness
            .get_by_label("Switch the check off")
            .accesskit_node()
            .is_disabled()
    );
    type_into(
        &mut app,
        "Why is this check switched off? (required)",
        "Actions are tracked in the trust's Datix",
    );
    app.click("Switch the check off");
    let project = app.state().doc.project();
    assert_eq!(project.checks.disabled.len(), 1);
    let off = &project.checks.disabled[0];
    assert_eq!(off.reason, "Actions are tracked in the trust's Datix");
    assert!(!off.by.is_empty(), "who switched it off is recorded");
    assert!(off.on.is_some());
    assert_eq!(
        problem_count(&app),
        6,
        "the overdue action is no longer listed"
    );
    app.harness
        .get_by_role_and_label(Role::Button, "6 problems");

    // Undoable like any change, and switched back on from the pane.
    app.click("Checks switched off for this project (1)");
    app.click("Switch on “No open action is past its due date”");
    assert!(app.state().doc.project().checks.disabled.is_empty());
    assert_eq!(problem_count(&app), 7);
}

#[test]
fn the_history_records_the_name_set_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings.ron");
    let mut app = common::app_with(None, Some(settings.clone()));
    app.click("Edit");
    app.click_menu_item("Your name in the history…");
    type_into(&mut app, "Your name", "Dr Ada Jones");
    app.click("Save name");
    assert_eq!(
        app.state().settings.user_name.as_deref(),
        Some("Dr Ada Jones")
    );

    type_into(&mut app, "Hazard name", " (reviewed)");
    app.harness.key_press(Key::Tab);
    app.settle();
    let last = app.state().doc.project().history.last().cloned().unwrap();
    assert_eq!(last.by, "Dr Ada Jones");

    // Kept for the next start.
    app.harness.state_mut().persist_settings(true);
    drop(app);
    let app = common::app_with(None, Some(settings));
    assert_eq!(app.state().doc.user_name(), "Dr Ada Jones");
}
