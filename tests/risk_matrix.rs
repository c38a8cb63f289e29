//! Issue 4: the risk matrix heat map, driven by its accessible names.

mod common;

use common::{TestApp, app};
use egui_kittest::kittest::{NodeT, Queryable};
use hazard_workshop::domain::summary::{Cell, Stage, matrix_counts};
use hazard_workshop::domain::{Likelihood, Severity};

fn cell_name(app: &TestApp, likelihood: Likelihood, severity: Severity, stage: Stage) -> String {
    let project = app.state().doc.project();
    let cell = Cell {
        severity,
        likelihood,
    };
    let count = matrix_counts(project, stage).at(cell);
    format!(
        "Likelihood {}, severity {}: rating {}, {} hazard{}",
        likelihood.label(),
        severity.label(),
        project.matrix.rating(severity, likelihood).value(),
        count,
        if count == 1 { "" } else { "s" }
    )
}

/// The display ids of the hazards the list shows.
fn listed(app: &TestApp) -> Vec<String> {
    let project = app.state().doc.project();
    let mut ids: Vec<String> = project
        .hazards
        .iter()
        .filter(|h| {
            app.harness
                .query_all_by_label(&h.display_id)
                .any(|n| n.accesskit_node().role() == egui::accesskit::Role::Label)
        })
        .map(|h| h.display_id.clone())
        .collect();
    ids.sort();
    ids
}

/// The DCB0129 table, written out here rather than taken from the app: rows from Very High
/// down, columns Minor to Catastrophic.
const DCB0129: [(&str, [u8; 5]); 5] = [
    ("Very High", [3, 4, 4, 5, 5]),
    ("High", [2, 3, 3, 4, 5]),
    ("Medium", [2, 2, 3, 3, 4]),
    ("Low", [1, 2, 2, 3, 4]),
    ("Very Low", [1, 1, 2, 2, 3]),
];
const SEVERITIES: [&str; 5] = [
    "Minor",
    "Significant",
    "Considerable",
    "Major",
    "Catastrophic",
];

#[test]
fn every_cell_is_named_with_its_rating_and_count() {
    let app = app();
    let project = app.state().doc.project();
    // Counted here from the hazards themselves, not with the app's summary code.
    let count = |likelihood: &str, severity: &str| {
        project
            .hazards
            .iter()
            .filter(|h| !h.status.is_withdrawn())
            .filter(|h| {
                h.initial.likelihood.map(|l| l.label()) == Some(likelihood)
                    && h.initial.severity.map(|s| s.label()) == Some(severity)
            })
            .count()
    };
    let mut expected = Vec::new();
    for (likelihood, ratings) in DCB0129 {
        for (severity, rating) in SEVERITIES.iter().zip(ratings) {
            let n = count(likelihood, severity);
            let plural = if n == 1 { "" } else { "s" };
            expected.push(format!(
                "Likelihood {likelihood}, severity {severity}: rating {rating}, {n} hazard{plural}"
            ));
        }
    }
    let mut shown: Vec<String> = app
        .harness
        .query_all_by_label_contains("Likelihood ")
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| label.contains(", severity "))
        .collect();
    shown.sort();
    shown.dedup();
    expected.sort();
    assert_eq!(
        shown, expected,
        "exactly the 25 cells, each with its rating and count"
    );
    // The example has two hazards scored Medium x Considerable initially (H002, H007).
    app.harness
        .get_by_label("Likelihood Medium, severity Considerable: rating 3, 2 hazards");
    app.harness
        .get_by_label("Likelihood Very High, severity Catastrophic: rating 5, 0 hazards");
    // Three New for triage hazards (H014-H016) have no initial assessment yet.
    app.harness
        .get_by_label("Unscored: 3 hazards with no initial assessment yet");
}

#[test]
fn switching_to_residual_changes_the_counts() {
    let mut app = app();
    let project = app.state().doc.project().clone();
    let initial = matrix_counts(&project, Stage::Initial);
    let residual = matrix_counts(&project, Stage::Residual);
    assert_ne!(initial, residual);
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Residual")
        .click();
    app.settle();
    for likelihood in Likelihood::ALL {
        for severity in Severity::ALL {
            app.harness
                .get_by_label(&cell_name(&app, likelihood, severity, Stage::Residual));
        }
    }
    app.harness.get_by_label(&format!(
        "Unscored: {} hazards with no residual assessment yet",
        residual.unscored
    ));
    // In "Both" each cell gives both counts; pick a cell whose counts differ.
    let cell = Likelihood::ALL
        .into_iter()
        .flat_map(|likelihood| {
            Severity::ALL.map(|severity| Cell {
                severity,
                likelihood,
            })
        })
        .find(|&cell| initial.at(cell) != residual.at(cell))
        .expect("some hazards moved");
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Both")
        .click();
    app.settle();
    app.harness.get_by_label(&format!(
        "Likelihood {}, severity {}: rating {}, {} initially, {} residual",
        cell.likelihood.label(),
        cell.severity.label(),
        project
            .matrix
            .rating(cell.severity, cell.likelihood)
            .value(),
        initial.at(cell),
        residual.at(cell)
    ));
}

#[test]
fn clicking_a_cell_filters_the_list_to_exactly_its_hazards_and_again_clears() {
    let mut app = app();
    let all = listed(&app);
    let name = "Likelihood Medium, severity Considerable: rating 3, 2 hazards";
    app.harness.get_by_label(name).click();
    app.settle();
    let project = app.state().doc.project();
    let mut expected: Vec<String> = project
        .live_hazards()
        .filter(|h| {
            h.initial.severity == Some(Severity::Considerable)
                && h.initial.likelihood == Some(Likelihood::Medium)
        })
        .map(|h| h.display_id.clone())
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 2);
    assert_eq!(listed(&app), expected);
    app.harness.get_by_label("Showing 2 of 16 hazards");

    app.harness.get_by_label(name).click();
    app.settle();
    assert_eq!(listed(&app), all, "a second click clears the filter");

    // The unscored tray filters to the hazards still to score.
    app.harness
        .get_by_label("Unscored: 3 hazards with no initial assessment yet")
        .click();
    app.settle();
    assert_eq!(listed(&app), ["H014", "H015", "H016"]);
    app.harness.get_by_label("Clear").click();
    app.settle();
    assert_eq!(listed(&app), all);
}

#[test]
fn the_counts_follow_an_edit_and_its_undo() {
    use hazard_workshop::domain::Assessment;
    use hazard_workshop::edit::ops;
    use hazard_workshop::ui::Action;
    let mut app = app();
    let before = app.state().doc.project().clone();
    // Move a hazard's initial score into another cell.
    let target = Cell {
        severity: Severity::Catastrophic,
        likelihood: Likelihood::VeryHigh,
    };
    let hazard = before
        .live_hazards()
        .find(|h| !h.initial.is_unscored() && Cell::of(&h.initial) != Some(target))
        .expect("a scored hazard elsewhere")
        .clone();
    let label = |app: &TestApp| cell_name(app, target.likelihood, target.severity, Stage::Initial);
    let count_before = matrix_counts(&before, Stage::Initial).at(target);
    app.harness.get_by_label(&label(&app));
    let mut after = hazard.clone();
    after.initial = Assessment::new(target.severity, target.likelihood);
    let edit = ops::update_hazard(&before, after, "initial", chrono::Utc::now());
    app.harness.state_mut().handle(Action::Edit(edit));
    app.settle();
    let now = app.state().doc.project().clone();
    assert_eq!(
        matrix_counts(&now, Stage::Initial).at(target),
        count_before + 1
    );
    // The pane shows the new count (its cached counts were made again after the edit).
    app.harness.get_by_label(&label(&app));
    app.press(egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(
        matrix_counts(app.state().doc.project(), Stage::Initial).at(target),
        count_before
    );
    app.harness.get_by_label(&label(&app));
}
