//! Issue 15, editing without losing your place: the editor follows the selection, Enter and
//! Tab do what a keyboard user expects, and lists are typed without the mouse. Driven through
//! the real window by labels, roles and keys.

mod common;

use common::{TestApp, app};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

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
