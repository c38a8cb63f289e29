//! What a screen reader gets, checked in egui's AccessKit tree (the tree the platform adapters
//! expose; tests/smoke/screen-reader.sh reads the same app through AT-SPI): the named window, the
//! hazard table, selected states, combo values, tabs, names, announcements and the keyboard.

mod common;

use common::{CTRL, CTRL_SHIFT, app};
use egui::Key;
use egui::accesskit::{Action, Live, Role};
use egui_kittest::kittest::{NodeT, Queryable};
use hazard_workshop::ui::a11y;

type Node<'a> = egui_kittest::Node<'a>;

fn all_nodes<'a>(app: &'a common::TestApp) -> Vec<Node<'a>> {
    app.harness.root().children_recursive().collect()
}

fn label(node: &Node<'_>) -> String {
    let data = node.accesskit_node();
    data.label().or_else(|| data.value()).unwrap_or_default()
}

fn table<'a>(app: &'a common::TestApp) -> Node<'a> {
    app.harness.get_by_role_and_label(Role::Table, "Hazards")
}

/// The hazard rows the table exposes (not the header row).
fn rows<'a>(app: &'a common::TestApp) -> Vec<Node<'a>> {
    table(app)
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::Row)
        .filter(|n| label(n) != "Column headers")
        .collect()
}

fn focused<'a>(app: &'a common::TestApp) -> Option<Node<'a>> {
    all_nodes(app)
        .into_iter()
        .find(|n| n.accesskit_node().is_focused())
}

#[test]
fn the_window_is_named_with_the_project_and_the_app() {
    let app = app();
    let root = app.harness.root();
    assert_eq!(
        root.accesskit_node().label().as_deref(),
        Some("Example workshop — Hazard Workshop")
    );
}

#[test]
fn the_hazard_list_is_a_table_of_rows_and_cells_with_the_selected_row_selected() {
    let app = app();
    let project = app.state().doc.project();
    let selected = project.hazard(app.state().view.selected.unwrap()).unwrap();
    let live = project.live_hazards().count();
    let table = table(&app);
    assert_eq!(
        table.accesskit_node().data().row_count(),
        Some(live + 1),
        "rows and header"
    );
    // A narrow pane leaves out the least needed columns (the row's name still says them all).
    let columns = table.accesskit_node().data().column_count().unwrap();
    assert!((4..=7).contains(&columns), "{columns} columns");
    let rows = rows(&app);
    assert!(rows.len() >= 3, "{} rows exposed", rows.len());
    for row in &rows {
        let cells: Vec<String> = row
            .children()
            .filter(|c| c.accesskit_node().role() == Role::Cell)
            .map(|c| label(&c))
            .collect();
        assert_eq!(cells.len(), columns, "{}", label(row));
        assert_eq!(
            label(row).matches("; ").count(),
            5,
            "every cell in its name"
        );
        // Its name is the whole row; its place in the list is known.
        assert!(label(row).starts_with(&format!("{}: {}", cells[0], cells[1])));
        assert_eq!(row.accesskit_node().size_of_set(), Some(live));
    }
    let chosen: Vec<_> = rows
        .iter()
        .filter(|r| r.accesskit_node().is_selected() == Some(true))
        .collect();
    assert_eq!(chosen.len(), 1);
    assert!(label(chosen[0]).starts_with(&format!("{}: {}", selected.display_id, selected.name)));
    let headers = table
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::ColumnHeader)
        .count();
    assert_eq!(headers, columns);
}

#[test]
fn rows_beyond_the_view_can_be_reached_and_scroll_into_view() {
    let mut app = app();
    let project = app.state().doc.project();
    let ids: Vec<String> = project
        .live_hazards()
        .map(|h| h.display_id.clone())
        .collect();
    assert!(
        rows(&app).len() < ids.len(),
        "the test needs a list taller than its pane"
    );
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..ids.len() {
        let rows = rows(&app);
        for row in &rows {
            seen.insert(label(row).split(':').next().unwrap().to_owned());
        }
        // A screen reader moving past the last row asks it to scroll into view.
        rows.last().unwrap().scroll_to_me();
        app.settle();
    }
    let wanted: std::collections::BTreeSet<String> = ids.into_iter().collect();
    assert_eq!(seen, wanted, "every row was reachable");
}

#[test]
fn tabbing_into_the_list_lands_on_the_selected_row_and_arrows_move_it() {
    let mut app = app();
    app.harness.get_by_label("Show withdrawn").focus();
    app.settle();
    app.press(egui::Modifiers::NONE, Key::Tab);
    let project = app.state().doc.project().clone();
    let selected = project.hazard(app.state().view.selected.unwrap()).unwrap();
    let row = focused(&app).expect("something has the focus");
    assert_eq!(row.accesskit_node().role(), Role::Row);
    assert!(label(&row).starts_with(&format!("{}: {}", selected.display_id, selected.name)));
    assert_eq!(
        row.accesskit_node().description().as_deref(),
        Some(selected.description.as_str()),
        "the full description is read with the row"
    );
    app.press(egui::Modifiers::NONE, Key::ArrowDown);
    let next = app.state().view.selected.unwrap();
    assert_ne!(next, selected.key, "Down moved the selection");
    let now = focused(&app).expect("the focus stayed in the list");
    let next = project.hazard(next).unwrap();
    assert_eq!(now.accesskit_node().role(), Role::Row);
    assert!(label(&now).starts_with(&next.display_id), "{}", label(&now));
    assert_eq!(now.accesskit_node().is_selected(), Some(true));
}

#[test]
fn every_combo_box_exposes_its_value() {
    let app = app();
    let combos: Vec<_> = all_nodes(&app)
        .into_iter()
        .filter(|n| n.accesskit_node().role() == Role::ComboBox)
        .collect();
    assert!(combos.len() >= 5, "status filters and the editor's pickers");
    for combo in combos {
        let value = combo.accesskit_node().value().expect("a value");
        let option = combo
            .children()
            .find(|c| c.accesskit_node().is_selected() == Some(true))
            .unwrap_or_else(|| panic!("{} has no selected option", label(&combo)));
        assert_eq!(label(&option), value);
    }
    // The editor's status says what the hazard's status is.
    let project = app.state().doc.project();
    let selected = project.hazard(app.state().view.selected.unwrap()).unwrap();
    let status = app
        .harness
        .get_by_role_and_label(Role::ComboBox, "Hazard status");
    assert_eq!(
        status.accesskit_node().value().as_deref(),
        Some(selected.status.label())
    );
}

#[test]
fn the_matrix_cell_filtering_the_list_is_selected() {
    let mut app = app();
    let cells: Vec<String> = all_nodes(&app)
        .iter()
        .map(label)
        .filter(|l| {
            l.starts_with("Likelihood ") && l.contains(", severity ") && l.contains(": rating ")
        })
        .collect();
    assert_eq!(cells.len(), 25, "{cells:?}");
    assert!(
        all_nodes(&app)
            .iter()
            .all(|n| !label(n).starts_with("Likelihood ")
                || n.accesskit_node().is_selected() != Some(true)),
        "no cell filters yet"
    );
    let target = cells
        .iter()
        .find(|c| !c.ends_with(" 0 hazards"))
        .unwrap()
        .clone();
    app.click(&target);
    let cell = app.harness.get_by_label(&target);
    assert_eq!(cell.accesskit_node().is_selected(), Some(true));
    // The selected hazard's cell says so.
    let marked = all_nodes(&app)
        .iter()
        .filter(|n| {
            n.accesskit_node()
                .description()
                .is_some_and(|d| d.starts_with("The selected hazard"))
        })
        .count();
    assert!(marked <= 1);
}

#[test]
fn pane_tabs_are_tabs_in_tab_lists_with_the_shown_one_selected() {
    let mut app = app();
    let lists: Vec<_> = all_nodes(&app)
        .into_iter()
        .filter(|n| n.accesskit_node().role() == Role::TabList)
        .collect();
    assert!(!lists.is_empty());
    for list in &lists {
        let tabs: Vec<_> = list
            .children()
            .filter(|c| c.accesskit_node().role() == Role::Tab)
            .collect();
        assert!(!tabs.is_empty(), "{}", label(list));
        let selected = tabs
            .iter()
            .filter(|t| t.accesskit_node().is_selected() == Some(true))
            .count();
        assert_eq!(selected, 1, "{}", label(list));
        assert!(tabs.iter().all(|t| t.accesskit_node().toggled().is_none()));
    }
    app.click("Actions");
    let actions = app.harness.get_by_role_and_label(Role::Tab, "Actions");
    assert_eq!(actions.accesskit_node().is_selected(), Some(true));
    let minutes = app.harness.get_by_role_and_label(Role::Tab, "Minutes");
    assert_eq!(minutes.accesskit_node().is_selected(), Some(false));
}

#[test]
fn no_focusable_node_is_unnamed_and_no_name_holds_an_icon_glyph() {
    let app = app();
    for node in all_nodes(&app) {
        let data = node.accesskit_node();
        let name = label(&node);
        if data.data().supports_action(Action::Focus) {
            assert!(
                !name.trim().is_empty(),
                "a focusable {:?} at {:?} has no name",
                data.role(),
                data.raw_bounds()
            );
        }
        if data.role() == Role::ScrollBar || data.role() == Role::Splitter {
            assert!(!name.trim().is_empty(), "an unnamed {:?}", data.role());
        }
        let text = format!("{name} {}", data.description().unwrap_or_default());
        assert!(
            !text.chars().any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c)),
            "an icon glyph in {text:?}"
        );
    }
    let menu_bar = app.harness.get_by_role(Role::MenuBar);
    assert_eq!(label(&menu_bar), "Menu bar");
    // The dividers between panes are named splitters.
    let dividers: Vec<String> = all_nodes(&app)
        .iter()
        .filter(|n| n.accesskit_node().role() == Role::Splitter)
        .map(label)
        .collect();
    assert!(
        dividers
            .iter()
            .any(|d| d.contains("Hazard list") && d.contains("Risk matrix")),
        "{dividers:?}"
    );
}

fn announcement(app: &common::TestApp) -> Option<(String, Live)> {
    all_nodes(app)
        .iter()
        .find(|n| n.accesskit_node().role() == Role::Status)
        .map(|n| (label(n), n.accesskit_node().live()))
}

#[test]
fn a_captured_hazard_a_save_and_an_error_are_announced() {
    let mut app = app();
    app.press(CTRL, Key::N);
    app.harness
        .get_by_label("New hazard: type its name and press Enter (Ctrl+N)")
        .type_text("Wristband printer jams");
    app.settle();
    app.press(egui::Modifiers::NONE, Key::Enter);
    let captured = app.state().doc.project().hazards.last().unwrap().clone();
    assert_eq!(captured.name, "Wristband printer jams");
    assert_eq!(
        announcement(&app),
        Some((
            format!("{} captured: Wristband printer jams", captured.display_id),
            Live::Polite
        ))
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("announced.hazlog");
    app.dialogs.answer(Some(path.clone()));
    app.press(CTRL, Key::S);
    let (said, live) = announcement(&app).expect("an announcement");
    assert!(said.starts_with("Saved"), "{said}");
    assert_eq!(live, Live::Polite);

    app.dialogs
        .answer(Some(dir.path().join("no such folder").join("x.hazlog")));
    app.press(CTRL_SHIFT, Key::S);
    let (said, live) = announcement(&app).expect("an announcement");
    assert_eq!(live, Live::Assertive, "errors interrupt: {said}");
    assert!(app.state().notice.as_ref().is_some_and(|n| n.is_error));
    assert_eq!(said, app.state().notice.as_ref().unwrap().text);
}

#[test]
fn a_hazard_raised_from_the_minutes_is_announced_like_a_captured_one() {
    let mut app = app();
    app.harness
        .get_by_role_and_label(Role::Tab, "Minutes")
        .click();
    app.settle();
    app.click("New meeting");
    let entry = "Minute entry";
    app.harness.get_by_label(entry).focus();
    app.settle();
    app.harness
        .get_by_label(entry)
        .type_text("Scanner batteries flat at night");
    app.settle();
    app.press(egui::Modifiers::SHIFT, Key::Enter);
    let raised = app.state().doc.project().hazards.last().unwrap().clone();
    assert_eq!(raised.name, "Scanner batteries flat at night");
    assert_eq!(
        announcement(&app),
        Some((
            format!(
                "{} captured: Scanner batteries flat at night",
                raised.display_id
            ),
            Live::Polite
        ))
    );
}

#[test]
fn f10_reaches_the_menu_bar_and_the_shortcut_sheet_says_how_to_use_the_keyboard() {
    let mut app = app();
    app.press(egui::Modifiers::NONE, Key::F10);
    let now = focused(&app).expect("F10 focuses the menu bar");
    assert_eq!(label(&now), "File");
    app.press(egui::Modifiers::NONE, Key::F1);
    for text in ["Tab / Shift+Tab", "F10, then Enter", "Tab into the list"] {
        app.harness.get_by_label(text);
    }
}

#[test]
fn window_names_say_unsaved_in_words() {
    assert_eq!(
        a11y::window_name("● Example workshop — Hazard Workshop"),
        "Example workshop, unsaved changes — Hazard Workshop"
    );
}
