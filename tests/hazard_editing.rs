//! Issue 3: capture, score, sort, filter, withdraw and reinstate, and undo/redo of each step,
//! driven through the real window by labels and keys.

mod common;

use common::{CTRL, CTRL_SHIFT, TestApp, app};
use egui::Key;
use egui_kittest::kittest::{NodeT, Queryable};
use hazard_workshop::domain::{HazardStatus, Likelihood, RiskRating, Severity, StatusKind};

const CAPTURE: &str = "New hazard: type its name and press Enter (Ctrl+N)";
const SEARCH: &str = "Search ID, name, description, causes, controls (Ctrl+F)";

fn capture(app: &mut TestApp, name: &str) {
    app.harness.get_by_label(CAPTURE).type_text(name);
    app.settle();
    app.harness.key_press(Key::Enter);
    app.settle();
}

/// The hazard ids in the list, top to bottom, as drawn.
fn listed_ids(app: &TestApp) -> Vec<String> {
    let project = app.state().doc.project();
    let mut shown: Vec<(f32, String)> = project
        .hazards
        .iter()
        .filter_map(|h| {
            // The list cell is a label whose text is the id (the details pane shows it in a field).
            app.harness
                .query_all_by_label(&h.display_id)
                .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Label)
                .map(|n| (n.rect().top(), h.display_id.clone()))
        })
        .collect();
    shown.sort_by(|a, b| a.0.total_cmp(&b.0));
    shown.into_iter().map(|(_, id)| id).collect()
}

fn pick(app: &mut TestApp, combo: &str, option: &str) {
    app.harness.get_by_label(combo).scroll_to_me();
    app.settle();
    app.harness.get_by_label(combo).click();
    app.settle();
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, option)
        .click();
    app.settle();
}

#[test]
fn capture_three_hazards_from_the_keyboard() {
    let mut app = app();
    let before = app.state().doc.project().hazards.len();
    app.press(CTRL, Key::N);
    assert!(app.harness.get_by_label(CAPTURE).is_focused());
    for name in [
        "Barcode scanner fails",
        "Printer offline",
        "Wrong ward shown",
    ] {
        capture(&mut app, name);
        assert!(
            app.harness.get_by_label(CAPTURE).is_focused(),
            "ready for the next one"
        );
        assert_eq!(
            app.harness.get_by_label(CAPTURE).value().as_deref(),
            Some("")
        );
    }
    let project = app.state().doc.project();
    assert_eq!(project.hazards.len(), before + 3);
    let new: Vec<_> = project.hazards.iter().skip(before).collect();
    assert_eq!(
        new.iter()
            .map(|h| h.display_id.as_str())
            .collect::<Vec<_>>(),
        ["H017", "H018", "H019"]
    );
    assert!(new.iter().all(|h| h.status == HazardStatus::NewForTriage));
    assert_eq!(new[2].name, "Wrong ward shown");
    assert_eq!(
        app.state().view.selected,
        Some(new[2].key),
        "the last one is selected"
    );
    assert_eq!(
        app.harness.get_by_label("Hazard name").value().as_deref(),
        Some("Wrong ward shown")
    );
    assert_eq!(app.state().doc.undo_label(), Some("capture H019"));

    // Undo each capture, then redo them.
    for expected in [before + 2, before + 1, before] {
        app.press(CTRL, Key::Z);
        assert_eq!(app.state().doc.project().hazards.len(), expected);
    }
    assert!(!app.state().doc.is_dirty());
    for expected in [before + 1, before + 2, before + 3] {
        app.press(CTRL, Key::Y);
        assert_eq!(app.state().doc.project().hazards.len(), expected);
    }
}

#[test]
fn score_a_hazard_through_the_pickers() {
    let mut app = app();
    app.press(CTRL, Key::N);
    capture(&mut app, "Barcode scanner fails");
    let key = app.state().view.selected.unwrap();
    app.harness.get_by_value("Initial assessment: not scored");

    pick(&mut app, "Initial assessment: severity", "Major");
    // Half scored: still no rating, but the category definition is shown.
    app.harness.get_by_value("Initial assessment: not scored");
    app.harness.get_by_label_contains("Death (Single patient)");
    pick(&mut app, "Initial assessment: likelihood", "High");
    app.harness
        .get_by_value("Initial assessment: rating 4 (Mandatory elimination)");
    app.harness
        .get_by_label(RiskRating::new(4).unwrap().acceptability());
    let hazard = app.state().doc.project().hazard(key).unwrap();
    assert_eq!(hazard.initial.severity, Some(Severity::Major));
    assert_eq!(hazard.initial.likelihood, Some(Likelihood::High));

    // A residual rating above the initial one is a warning.
    pick(&mut app, "Residual assessment: severity", "Catastrophic");
    pick(&mut app, "Residual assessment: likelihood", "Very High");
    app.harness
        .get_by_label_contains("The residual risk is higher than the initial risk");

    // Each pick is one undo step.
    app.press(CTRL, Key::Z);
    app.press(CTRL, Key::Z);
    app.press(CTRL, Key::Z);
    let hazard = app.state().doc.project().hazard(key).unwrap();
    assert_eq!(hazard.initial.severity, Some(Severity::Major));
    assert_eq!(hazard.initial.likelihood, None);
    app.press(CTRL_SHIFT, Key::Z);
    assert_eq!(
        app.state()
            .doc
            .project()
            .hazard(key)
            .unwrap()
            .initial
            .likelihood,
        Some(Likelihood::High)
    );
}

#[test]
fn sort_by_clicking_headers_and_filter_by_search_status_and_risk() {
    let mut app = app();
    let ids = listed_ids(&app);
    assert_eq!(ids.first().map(String::as_str), Some("H001"), "{ids:?}");
    assert!(
        !ids.contains(&"H011".to_owned()),
        "the withdrawn hazard is hidden"
    );

    app.harness.get_by_label("ID").click();
    app.settle();
    let reversed = listed_ids(&app);
    assert_eq!(
        reversed.first().map(String::as_str),
        Some("H016"),
        "{reversed:?}"
    );
    app.harness.get_by_label("sorted descending");

    app.harness.get_by_label("Initial risk").click();
    app.settle();
    let by_risk = listed_ids(&app);
    let project = app.state().doc.project();
    let ratings: Vec<Option<RiskRating>> = by_risk
        .iter()
        .map(|id| {
            project
                .hazard_by_display_id(id)
                .unwrap()
                .initial_rating(&project.matrix)
        })
        .collect();
    assert!(
        ratings.windows(2).all(|w| w[0] <= w[1]),
        "{by_risk:?} {ratings:?}"
    );

    // Search as you type, over names, causes and controls.
    app.harness.get_by_label(SEARCH).focus();
    app.settle();
    app.harness.get_by_label(SEARCH).type_text("wristband");
    app.settle();
    let project = app.state().doc.project();
    let expected: Vec<&str> = project
        .live_hazards()
        .filter(|h| {
            let hit = |t: &str| t.to_lowercase().contains("wristband");
            hit(&h.name)
                || hit(&h.description)
                || h.causes.iter().any(|c| hit(c))
                || h.existing_controls.iter().any(|c| hit(&c.text))
                || h.additional_controls.iter().any(|c| hit(&c.text))
        })
        .map(|h| h.display_id.as_str())
        .collect();
    assert!(!expected.is_empty());
    let mut shown = listed_ids(&app);
    shown.sort();
    assert_eq!(shown, expected);
    app.harness.get_by_label(&format!(
        "Showing {} of {} hazards",
        expected.len(),
        project.hazards.len()
    ));

    // Clear the search; filter by status.
    app.harness.get_by_label(SEARCH).focus();
    app.harness.key_press_modifiers(CTRL, Key::A);
    app.harness.key_press(Key::Backspace);
    app.settle();
    pick(&mut app, "Filter by status", "New for triage");
    let shown = listed_ids(&app);
    let project = app.state().doc.project();
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|id| {
        project.hazard_by_display_id(id).unwrap().status.kind() == StatusKind::NewForTriage
    }));

    pick(&mut app, "Filter by status", "Any status");
    pick(
        &mut app,
        "Filter by initial or residual risk rating",
        "Risk 4: Mandatory elimination",
    );
    let project = app.state().doc.project();
    for id in listed_ids(&app) {
        let h = project.hazard_by_display_id(&id).unwrap();
        let four = RiskRating::new(4);
        assert!(
            h.initial_rating(&project.matrix) == four || h.residual_rating(&project.matrix) == four
        );
    }
}

#[test]
fn withdraw_needs_a_reason_and_can_be_reinstated() {
    let mut app = app();
    let key = app.state().view.selected.unwrap();
    let id = app
        .state()
        .doc
        .project()
        .hazard(key)
        .unwrap()
        .display_id
        .clone();
    pick(&mut app, "Hazard status", "Withdrawn");
    assert!(
        !app.state()
            .doc
            .project()
            .hazard(key)
            .unwrap()
            .status
            .is_withdrawn(),
        "not until a reason is given"
    );
    let withdraw = app
        .harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Withdraw");
    assert!(withdraw.accesskit_node().is_disabled());
    app.harness
        .get_by_label("Why is it withdrawn? (required)")
        .focus();
    app.settle();
    app.harness
        .get_by_label("Why is it withdrawn? (required)")
        .type_text("Duplicate of H004");
    app.settle();
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Withdraw")
        .click();
    app.settle();
    let status = app
        .state()
        .doc
        .project()
        .hazard(key)
        .unwrap()
        .status
        .clone();
    assert_eq!(
        status,
        HazardStatus::Withdrawn {
            reason: "Duplicate of H004".into()
        }
    );
    assert!(!listed_ids(&app).contains(&id), "hidden from the list");
    assert_eq!(
        app.state().doc.undo_label(),
        Some(format!("edit status of {id}").as_str())
    );

    app.harness.get_by_label("Show withdrawn").click();
    app.settle();
    assert!(
        listed_ids(&app).contains(&id),
        "still in the log, never deleted"
    );

    app.harness.get_by_label("Reinstate").click();
    app.settle();
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().status,
        HazardStatus::Open
    );

    app.press(CTRL, Key::Z);
    assert!(
        app.state()
            .doc
            .project()
            .hazard(key)
            .unwrap()
            .status
            .is_withdrawn()
    );
    app.press(CTRL, Key::Z);
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().status,
        HazardStatus::Open
    );
    assert!(!app.state().doc.is_dirty());
}

#[test]
fn keyboard_moves_the_selection_and_enter_opens_the_hazard() {
    let mut app = app();
    let first = app.state().view.selected.unwrap();
    app.harness.get_by_label("Risk matrix").click();
    app.settle();
    app.press(egui::Modifiers::NONE, Key::ArrowDown);
    let second = app.state().view.selected.unwrap();
    assert_ne!(first, second);
    assert_eq!(
        app.state().doc.project().hazard(second).unwrap().display_id,
        "H002"
    );
    app.press(egui::Modifiers::NONE, Key::ArrowUp);
    assert_eq!(app.state().view.selected, Some(first));
    app.press(egui::Modifiers::NONE, Key::Enter);
    assert!(app.harness.get_by_label("Hazard name").is_focused());
    app.press(CTRL, Key::F);
    assert!(app.harness.get_by_label(SEARCH).is_focused());
}

#[test]
fn lists_of_causes_can_be_added_edited_reordered_and_removed() {
    let mut app = app();
    let key = app.state().view.selected.unwrap();
    let causes = app
        .state()
        .doc
        .project()
        .hazard(key)
        .unwrap()
        .causes
        .clone();
    assert!(causes.len() >= 2);
    app.harness.get_by_label("Move cause 2 up").click();
    app.settle();
    let moved = &app.state().doc.project().hazard(key).unwrap().causes;
    assert_eq!((&moved[0], &moved[1]), (&causes[1], &causes[0]));
    app.harness.get_by_label("Remove cause 1").click();
    app.settle();
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().causes.len(),
        causes.len() - 1
    );
    app.harness.get_by_label("Add cause").click();
    app.settle();
    let n = causes.len();
    let field = format!("Cause {n}");
    app.harness.get_by_label(&field).focus();
    app.settle();
    app.harness
        .get_by_label(&field)
        .type_text("Label printer out of stock");
    app.settle();
    assert_eq!(
        app.state()
            .doc
            .project()
            .hazard(key)
            .unwrap()
            .causes
            .last()
            .map(String::as_str),
        Some("Label printer out of stock")
    );
    // Add and type are separate steps; remove and move undo in turn.
    for _ in 0..4 {
        app.press(CTRL, Key::Z);
    }
    assert_eq!(
        app.state().doc.project().hazard(key).unwrap().causes,
        causes
    );
}

#[test]
fn duplicate_makes_a_copy_with_the_next_id() {
    let mut app = app();
    let key = app.state().view.selected.unwrap();
    app.press(CTRL, Key::D);
    let copy_key = app.state().view.selected.unwrap();
    assert_ne!(copy_key, key);
    let project = app.state().doc.project();
    let (source, copy) = (
        project.hazard(key).unwrap(),
        project.hazard(copy_key).unwrap(),
    );
    assert_eq!(copy.display_id, "H017");
    assert_eq!(
        (&copy.name, &copy.causes, &copy.initial),
        (&source.name, &source.causes, &source.initial)
    );
}

/// The control labelled `label`, not the caption above it with the same text.
fn field<'a>(app: &'a TestApp, label: &'a str) -> egui_kittest::Node<'a> {
    app.harness
        .query_all_by_label(label)
        .find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label)
        .unwrap_or_else(|| panic!("no control labelled {label}"))
}

/// Issue 14: the v3.6 fields, in the order NHS training reasons (cause, effect, hazard, harm),
/// typed existing controls with evidence, and a justification for each assessment.
#[test]
fn the_v36_fields_are_edited_in_the_nhs_order() {
    const EFFECT: &str = "Effect (change to the intended care pathway)";
    const HAZARD: &str = "Hazard (the potential for harm)";
    const HARM: &str = "Harm (what the severity scores)";
    let mut app = app();
    app.press(CTRL, Key::N);
    capture(&mut app, "Barcode scanner fails");
    let key = app.state().view.selected.unwrap();

    // Cause, then effect, hazard and harm, top to bottom.
    let top = |app: &TestApp, label: &str| field(app, label).rect().top();
    app.harness.get_by_label("Add cause").click();
    app.settle();
    let tops = [
        top(&app, "Cause 1"),
        top(&app, EFFECT),
        top(&app, HAZARD),
        top(&app, HARM),
        top(&app, "Add existing control"),
        top(&app, "Initial justification"),
        top(&app, "Add additional control"),
    ];
    assert!(tops.windows(2).all(|w| w[0] < w[1]), "{tops:?}");

    for (label, text) in [
        (EFFECT, "Doses recorded without a scan"),
        (HAZARD, "Wrong patient given a dose"),
        (HARM, "Overdose"),
        ("Initial justification", "Scanners fail weekly"),
    ] {
        field(&app, label).scroll_to_me();
        field(&app, label).focus();
        app.settle();
        field(&app, label).type_text(text);
        app.settle();
    }
    let hazard = app.state().doc.project().hazard(key).unwrap().clone();
    assert_eq!(hazard.effect, "Doses recorded without a scan");
    assert_eq!(hazard.hazard, "Wrong patient given a dose");
    assert_eq!(hazard.harm, "Overdose");
    assert_eq!(hazard.initial_justification, "Scanners fail weekly");

    // An existing control: typed, with its evidence.
    app.harness
        .get_by_label("Add existing control")
        .scroll_to_me();
    app.harness.get_by_label("Add existing control").click();
    app.settle();
    app.harness.get_by_label("Existing control 1").focus();
    app.settle();
    app.harness
        .get_by_label("Existing control 1")
        .type_text("Ward scanner spares");
    app.settle();
    pick(&mut app, "Type of existing control 1", "User training");
    app.harness
        .get_by_label("Evidence for existing control 1")
        .focus();
    app.settle();
    app.harness
        .get_by_label("Evidence for existing control 1")
        .type_text("Training log 7");
    app.settle();
    let controls = &app
        .state()
        .doc
        .project()
        .hazard(key)
        .unwrap()
        .existing_controls;
    assert_eq!(
        controls,
        &[hazard_workshop::domain::ExistingControl {
            kind: hazard_workshop::domain::ExistingControlKind::UserTraining,
            text: "Ward scanner spares".into(),
            evidence: "Training log 7".into(),
        }]
    );

    let residual = "Residual justification (why the risk is acceptable, ALARP)";
    field(&app, residual).scroll_to_me();
    field(&app, residual).focus();
    app.settle();
    field(&app, residual).type_text("ALARP");
    app.settle();
    assert_eq!(
        app.state()
            .doc
            .project()
            .hazard(key)
            .unwrap()
            .residual_justification,
        "ALARP"
    );

    // Each went through the edit path: undo takes the justification back first.
    app.harness.key_press(Key::Escape);
    app.settle();
    app.press(CTRL, Key::Z);
    let hazard = app.state().doc.project().hazard(key).unwrap();
    assert_eq!(hazard.residual_justification, "");
    assert_eq!(hazard.existing_controls.len(), 1);
}
