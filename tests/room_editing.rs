//! Issue 15, editing without losing your place: the editor follows the selection, Enter and
//! Tab do what a keyboard user expects, and lists are typed without the mouse. Driven through
//! the real window by labels, roles and keys.

mod common;

use common::{TestApp, app};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

const NONE: egui::Modifiers = egui::Modifiers::NONE;

fn selected_hazard(app: &TestApp) -> &hazard_workshop::domain::Hazard {
    let key = app.state().view.selected.expect("a hazard is selected");
    app.state().doc.project().hazard(key).unwrap()
}

fn is_focused(app: &TestApp, role: Role, label: &str) -> bool {
    app.harness.get_by_role_and_label(role, label).is_focused()
}

#[test]
fn selecting_another_hazard_shows_its_id_and_name_at_the_top() {
    let mut app = app();
    let id_rect = |app: &TestApp| {
        app.harness
            .get_by_role_and_label(Role::TextInput, "Hazard ID")
            .rect()
    };
    let top = id_rect(&app);
    app.harness
        .get_by_role_and_label(
            Role::MultilineTextInput,
            "Residual justification (why the risk is acceptable, ALARP)",
        )
        .scroll_to_me();
    app.settle();
    assert!(
        id_rect(&app).bottom() < top.top(),
        "the editor was scrolled past the id: {:?}, at first {top:?}",
        id_rect(&app)
    );

    let before = selected_hazard(&app).key;
    app.press(NONE, Key::ArrowDown);
    assert_ne!(selected_hazard(&app).key, before);
    assert_eq!(
        id_rect(&app),
        top,
        "the new hazard is shown from its id and name"
    );
    let id = app
        .harness
        .get_by_role_and_label(Role::TextInput, "Hazard ID");
    assert_eq!(
        id.value().as_deref(),
        Some(selected_hazard(&app).display_id.as_str())
    );
}

#[test]
fn enter_on_a_focused_button_presses_only_that_button() {
    let mut app = app();
    let name_before = selected_hazard(&app).name.clone();
    let causes_before = selected_hazard(&app).causes.len();
    app.harness
        .get_by_role_and_label(Role::Button, "Add cause")
        .focus();
    app.settle();
    app.press(NONE, Key::Enter);
    assert_eq!(selected_hazard(&app).causes.len(), causes_before + 1);
    assert!(
        !is_focused(&app, Role::TextInput, "Hazard name"),
        "Enter on a button does not jump into the name"
    );
    let new_cause = format!("Cause {}", causes_before + 1);
    assert!(
        is_focused(&app, Role::MultilineTextInput, &new_cause),
        "the new cause has the cursor"
    );
    app.harness
        .get_by_label(&new_cause)
        .type_text("Network down");
    app.settle();
    // Enter at the end of a cause adds the next one.
    app.press(NONE, Key::Enter);
    let next_cause = format!("Cause {}", causes_before + 2);
    assert!(is_focused(&app, Role::MultilineTextInput, &next_cause));
    app.harness.get_by_label(&next_cause).type_text("Power cut");
    app.settle();
    let hazard = selected_hazard(&app);
    assert_eq!(hazard.name, name_before, "nothing was typed into the name");
    assert_eq!(
        &hazard.causes[causes_before..],
        ["Network down", "Power cut"]
    );
}

#[test]
fn add_control_puts_the_cursor_in_the_new_control() {
    let mut app = app();
    for (button, item, count) in [
        (
            "Add existing control",
            "Existing control",
            selected_hazard(&app).existing_controls.len(),
        ),
        (
            "Add additional control",
            "Additional control",
            selected_hazard(&app).additional_controls.len(),
        ),
    ] {
        app.click(button);
        let new = format!("{item} {}", count + 1);
        assert!(is_focused(&app, Role::MultilineTextInput, &new), "{new}");
        app.harness.get_by_label(&new).type_text("Two-person check");
        app.settle();
        app.press(NONE, Key::Enter);
        let next = format!("{item} {}", count + 2);
        assert!(is_focused(&app, Role::MultilineTextInput, &next), "{next}");
    }
    let hazard = selected_hazard(&app);
    assert_eq!(
        hazard.existing_controls.iter().rev().nth(1).unwrap().text,
        "Two-person check"
    );
    assert_eq!(
        hazard.additional_controls.iter().rev().nth(1).unwrap().text,
        "Two-person check"
    );
}

#[test]
fn tab_moves_through_the_editor_in_reading_order() {
    let mut app = app();
    app.harness
        .get_by_role_and_label(Role::TextInput, "Hazard ID")
        .focus();
    app.settle();
    app.press(NONE, Key::Tab);
    assert!(is_focused(&app, Role::TextInput, "Hazard name"));
    // From the description, Tab goes on down the form, never back up to the header.
    app.harness
        .get_by_role_and_label(Role::MultilineTextInput, "Description")
        .focus();
    app.settle();
    let description = app
        .harness
        .get_by_role_and_label(Role::MultilineTextInput, "Description")
        .rect();
    for _ in 0..4 {
        app.press(NONE, Key::Tab);
        let focused = app
            .harness
            .query_all(egui_kittest::kittest::by().predicate(|n| n.is_focused()))
            .next()
            .map(|n| n.rect());
        let rect = focused.expect("something has the focus");
        assert!(
            rect.top() >= description.top(),
            "{rect:?} above {description:?}"
        );
    }
}

const CAPTURE: &str = "New hazard: type its name and press Enter (Ctrl+N)";

fn capture(app: &mut TestApp, name: &str) {
    app.harness.get_by_label(CAPTURE).type_text(name);
    app.settle();
    app.harness.key_press(Key::Enter);
    app.settle();
}

#[test]
fn severity_and_likelihood_are_chosen_from_the_keyboard_with_every_definition_in_view() {
    use hazard_workshop::domain::{Likelihood, Severity};
    use hazard_workshop::shell::scoring::{ScoreAxis, Stage};
    let mut app = app();
    app.press(common::CTRL, Key::N);
    capture(&mut app, "Allergy banner hidden");
    let key = selected_hazard(&app).key;
    let picker = "Initial assessment: severity";
    app.harness.get_by_label(picker).scroll_to_me();
    app.harness.get_by_label(picker).focus();
    app.settle();
    app.press(NONE, Key::Enter);
    // Open: every category and its whole definition is on screen, not in a tooltip.
    for severity in Severity::ALL {
        app.harness
            .get_by_role_and_label(Role::Button, severity.label());
        app.harness.get_by_label(&severity.definition_text());
    }
    let scoring = app.state().view.scoring.picking.expect("a picker is open");
    assert_eq!(
        (scoring.hazard, scoring.stage, scoring.axis),
        (key, Stage::Initial, ScoreAxis::Severity)
    );
    assert_eq!(scoring.severity, None, "starts on the current value");
    // Listed like the matrix's rows, most severe at the top: Up goes towards Catastrophic.
    app.press(NONE, Key::ArrowUp);
    assert_eq!(
        app.state().view.scoring.picking.unwrap().severity,
        Some(Severity::Minor)
    );
    app.press(NONE, Key::ArrowUp);
    app.press(NONE, Key::ArrowUp);
    assert_eq!(
        app.state().view.scoring.picking.unwrap().severity,
        Some(Severity::Considerable)
    );
    assert_eq!(app.state().view.selected, Some(key), "the list kept still");
    // Esc cancels: nothing chosen, the picker closed.
    app.press(NONE, Key::Escape);
    assert!(app.state().view.scoring.picking.is_none());
    assert_eq!(
        app.state()
            .doc
            .project()
            .hazard(key)
            .unwrap()
            .initial
            .severity,
        None
    );
    assert!(app.harness.get_by_label(picker).is_focused());
    // Enter opens, the arrows move, Enter picks.
    app.press(NONE, Key::Enter);
    app.press(NONE, Key::ArrowUp);
    app.press(NONE, Key::ArrowUp);
    app.press(NONE, Key::Enter);
    assert!(app.state().view.scoring.picking.is_none());
    assert_eq!(
        app.state()
            .doc
            .project()
            .hazard(key)
            .unwrap()
            .initial
            .severity,
        Some(Severity::Significant)
    );
    assert_eq!(
        app.harness.get_by_label(picker).value().as_deref(),
        Some("Significant")
    );

    let picker = "Initial assessment: likelihood";
    app.harness.get_by_label(picker).focus();
    app.settle();
    app.press(NONE, Key::Enter);
    for likelihood in Likelihood::ALL {
        app.harness.get_by_label(likelihood.definition());
    }
    for _ in 0..3 {
        app.press(NONE, Key::ArrowUp);
    }
    let scoring = app.state().view.scoring.picking.unwrap();
    assert_eq!(
        (scoring.axis, scoring.severity, scoring.likelihood),
        (
            ScoreAxis::Likelihood,
            Some(Severity::Significant),
            Some(Likelihood::Medium)
        ),
        "the cell the room is choosing"
    );
    app.press(NONE, Key::Enter);
    let hazard = app.state().doc.project().hazard(key).unwrap();
    assert_eq!(hazard.initial.likelihood, Some(Likelihood::Medium));

    // After choosing, the definition and the acceptability wrap inside the editor.
    let right = app
        .harness
        .get_by_role_and_label(Role::TextInput, "Hazard name")
        .rect()
        .right();
    let rating = hazard
        .initial_rating(&app.state().doc.project().matrix)
        .unwrap();
    for text in [
        Severity::Significant.definition_text(),
        rating.acceptability().to_owned(),
    ] {
        let label = app.harness.get_by_label(&text).rect();
        assert!(
            label.right() <= right + 1.0,
            "{text}: {label:?} past {right}"
        );
    }
}

fn pick(app: &mut TestApp, combo: &str, option: &str) {
    app.harness.get_by_label(combo).scroll_to_me();
    app.settle();
    app.harness.get_by_label(combo).click();
    app.settle();
    app.harness
        .get_by_role_and_label(Role::Button, option)
        .click();
    app.settle();
}

#[test]
fn withdraw_from_the_hazard_menu_and_reinstate_to_the_status_before() {
    use hazard_workshop::domain::HazardStatus;
    let mut app = app();
    let key = selected_hazard(&app).key;
    pick(&mut app, "Hazard status", "Transferred");
    assert_eq!(selected_hazard(&app).status, HazardStatus::Transferred);

    app.harness.get_by_label("Hazard").click();
    app.settle();
    app.click_menu_item("Withdraw hazard…");
    let reason = "Why is it withdrawn? (required)";
    assert!(app.harness.get_by_label(reason).is_focused());
    app.harness
        .get_by_label(reason)
        .type_text("Duplicate of H004");
    app.settle();
    app.press(NONE, Key::Enter);
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().status,
        HazardStatus::Withdrawn {
            reason: "Duplicate of H004".into()
        }
    );
    assert_eq!(app.state().view.selected, Some(key));

    app.click("Reinstate");
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().status,
        HazardStatus::Transferred,
        "back as it was, not Open"
    );
    // The withdrawal stays in the hazard's record.
    app.click("History");
    app.harness
        .get_by_label_contains("\"Withdrawn: Duplicate of H004\" -> \"Transferred\"");
}

const SEARCH: &str = "Search ID, name, description, causes, controls (Ctrl+F)";

#[test]
fn a_hazard_captured_under_a_search_is_shown_and_the_user_told() {
    let mut app = app();
    app.press(common::CTRL, Key::F);
    app.harness.get_by_label(SEARCH).type_text("formulary");
    app.settle();
    app.press(common::CTRL, Key::N);
    capture(&mut app, "Printer offline");
    let id = selected_hazard(&app).display_id.clone();
    assert_eq!(selected_hazard(&app).name, "Printer offline");
    assert_eq!(
        app.harness.get_by_label(SEARCH).value().as_deref(),
        Some(""),
        "the search that hid it is cleared"
    );
    let row = app
        .harness
        .query_all_by_label(&id)
        .find(|n| n.accesskit_node().role() == Role::Label);
    assert!(row.is_some(), "{id} is listed");
    app.harness.get_by_label_contains(&format!(
        "Search and filters cleared to show the new hazard {id}"
    ));
}

#[test]
fn a_matrix_cell_that_hides_the_selected_hazard_clears_the_editor() {
    use hazard_workshop::domain::{Likelihood, Severity};
    let mut app = app();
    let selected = selected_hazard(&app).clone();
    assert!(
        !(selected.initial.severity == Some(Severity::Considerable)
            && selected.initial.likelihood == Some(Likelihood::Medium)),
        "the test needs a hazard outside the cell"
    );
    app.harness
        .get_by_label("Likelihood Medium, severity Considerable: rating 3, 2 hazards")
        .click();
    app.settle();
    assert_eq!(app.state().view.selected, None);
    app.harness
        .get_by_label("Select a hazard in the list, or capture a new one with Ctrl+N.");
    // A hazard picked from the filtered list stays while it is scored out of the cell.
    app.press(NONE, Key::ArrowDown);
    let key = app.state().view.selected.expect("picked from the cell");
    pick(&mut app, "Initial assessment: severity", "Minor");
    assert_eq!(app.state().view.selected, Some(key));
}

fn selected_id(app: &TestApp) -> String {
    selected_hazard(app).display_id.clone()
}

/// The top of the list cell showing `id`.
fn row_top(app: &TestApp, id: &str) -> f32 {
    app.harness
        .query_all_by_label(id)
        .find(|n| n.accesskit_node().role() == Role::Label)
        .unwrap_or_else(|| panic!("{id} is drawn"))
        .rect()
        .top()
}

#[test]
fn the_list_answers_home_end_and_page_keys() {
    let mut app = app();
    app.harness.get_by_label("Risk matrix").click();
    app.settle();
    app.press(NONE, Key::End);
    assert_eq!(selected_id(&app), "H016");
    app.press(NONE, Key::Home);
    assert_eq!(selected_id(&app), "H001");
    app.press(NONE, Key::PageDown);
    let page: u32 = selected_id(&app)[1..].parse().unwrap();
    assert!(page > 3, "a page is more than a row or two: H{page:03}");
    app.press(NONE, Key::PageUp);
    assert_eq!(selected_id(&app), "H001", "a page back up");
    app.press(NONE, Key::PageDown);
    app.press(NONE, Key::PageDown);
    app.press(NONE, Key::PageDown);
    assert_eq!(selected_id(&app), "H016", "stops at the last row");
}

#[test]
fn a_wheel_notch_scrolls_the_list_three_rows() {
    let mut app = app();
    let step = row_top(&app, "H003") - row_top(&app, "H002");
    let before = row_top(&app, "H002");
    let over_list = egui::pos2(200.0, row_top(&app, "H004") + 2.0);
    app.harness.event(egui::Event::PointerMoved(over_list));
    app.harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, -1.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    // egui smooths a notch over a few frames.
    app.harness.run_steps(10);
    app.settle();
    let moved = before - row_top(&app, "H005");
    assert!(
        moved.abs() < 1.0,
        "one notch moves three rows, H005 to where H002 was: off by {moved} (a row is {step})"
    );
}

#[test]
fn deleting_a_minute_entry_says_so_in_the_undo_label() {
    let mut app = app();
    let meeting = app.state().doc.project().meetings.last().unwrap().clone();
    app.click("Minute line 1");
    app.click("Delete entry 1");
    let entries = &app
        .state()
        .doc
        .project()
        .meeting(meeting.key)
        .unwrap()
        .entries;
    assert_eq!(entries.as_slice(), &meeting.entries[1..]);
    assert_eq!(app.state().doc.undo_label(), Some("delete minute entry"));
    app.harness.get_by_label("Edit").click();
    app.settle();
    app.click_menu_item("Undo: delete minute entry");
    assert_eq!(
        app.state().doc.project().meeting(meeting.key).unwrap(),
        &meeting,
        "Undo brings it back where it was"
    );
}

fn type_minute(app: &mut TestApp, text: &str) {
    let field = "Minute entry";
    app.harness.get_by_label(field).focus();
    app.settle();
    app.harness.get_by_label(field).type_text(text);
    app.settle();
    app.press(NONE, Key::Enter);
}

#[test]
fn an_action_line_gives_the_action_its_owner_and_due_date() {
    use chrono::Datelike;
    let mut app = app();
    let people_before = app.state().doc.project().people.len();
    type_minute(&mut app, "a: Tom Reid to check the formulary by 5 Dec");
    let project = app.state().doc.project();
    let action = project.actions.last().unwrap();
    let owner = project
        .people
        .iter()
        .find(|p| Some(p.key) == action.owner)
        .expect("an owner")
        .clone();
    assert_eq!(owner.name, "Tom Reid");
    assert_eq!(project.people.len(), people_before + 1, "a new person");
    let due = action.due.expect("a due date");
    assert_eq!((due.day(), due.month()), (5, 12));

    // A known person is matched, not created again.
    type_minute(&mut app, "a: tom reid - review dose limits - due 12/12");
    let project = app.state().doc.project();
    let action = project.actions.last().unwrap();
    assert_eq!(action.owner, Some(owner.key));
    assert_eq!(project.people.len(), people_before + 1);
    let due = action.due.expect("a due date");
    assert_eq!((due.day(), due.month()), (12, 12));
    // One undo step takes the entry, the action and the new person back.
    assert_eq!(
        app.state().doc.undo_label(),
        Some("add action to the minutes")
    );

    // What could not be read is left for the user, and said.
    type_minute(&mut app, "a: check the interface logs");
    let action = app.state().doc.project().actions.last().unwrap();
    assert_eq!((action.owner, action.due), (None, None));
    app.harness.get_by_label_contains(
        "Action added: its owner and due date could not be read from the line",
    );
}

#[test]
fn decisions_and_actions_typed_during_a_hazard_are_linked_to_it() {
    let mut app = app();
    app.harness.get_by_label("Risk matrix").click();
    app.settle();
    app.press(NONE, Key::ArrowDown);
    let discussed = selected_hazard(&app).clone();
    type_minute(&mut app, "d: keep the paper fallback for a month");
    type_minute(&mut app, "a: pharmacy - review dose limits - due 12/12");
    type_minute(&mut app, "printer noise in the room");
    let project = app.state().doc.project();
    let meeting = project.meetings.last().unwrap();
    let last: Vec<_> = meeting.entries.iter().rev().take(3).rev().collect();
    assert_eq!(last[0].about, Some(discussed.key), "the decision");
    assert_eq!(last[1].about, Some(discussed.key), "the action entry");
    assert_eq!(last[2].about, None, "a plain note is not linked");
    assert!(
        project
            .actions
            .last()
            .unwrap()
            .hazards
            .contains(&discussed.key)
    );
    // Visibly: the line says which hazard, and the link selects it.
    let link = format!("About {}: show it", discussed.display_id);
    assert_eq!(app.harness.query_all_by_label(&link).count(), 2);
    app.harness.get_by_label("Risk matrix").click();
    app.settle();
    app.press(NONE, Key::Home);
    assert_ne!(app.state().view.selected, Some(discussed.key));
    app.harness
        .query_all_by_label(&link)
        .next()
        .unwrap()
        .click();
    app.settle();
    assert_eq!(app.state().view.selected, Some(discussed.key));
}
