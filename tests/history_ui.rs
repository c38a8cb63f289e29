//! Issue 17: each hazard's recorded history, read in its details pane as a person would.

mod common;

use common::{TestApp, app};
use egui_kittest::kittest::{NodeT, Queryable};

const HARM: &str = "Harm (what the severity scores)";

fn field<'a>(app: &'a TestApp, label: &'a str) -> egui_kittest::Node<'a> {
    app.harness
        .query_all_by_label(label)
        .find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label)
        .unwrap_or_else(|| panic!("no control labelled {label}"))
}

#[test]
fn a_typed_change_shows_in_the_hazards_history_with_who_and_old_and_new() {
    let mut app = app();
    let key = app
        .state()
        .view
        .selected
        .expect("the example selects a hazard");
    let before = app.state().doc.project().hazard(key).unwrap().harm.clone();

    field(&app, HARM).scroll_to_me();
    field(&app, HARM).focus();
    app.settle();
    field(&app, HARM).type_text(" XYZ");
    app.settle();
    let after = app.state().doc.project().hazard(key).unwrap().harm.clone();
    assert_eq!(after, format!("{before} XYZ"));

    app.harness.get_by_label("History").scroll_to_me();
    app.click("History");
    let expected = format!("\"{before}\" -> \"{after}\"");
    let shown = app.harness.query_all_by_label_contains(&expected).next();
    assert!(shown.is_some(), "the history shows old -> new");
    let who = app.state().doc.user_name().to_owned();
    assert!(
        app.harness
            .query_all_by_label_contains(&format!("· {who}"))
            .next()
            .is_some(),
        "the history says who made the change"
    );
}
