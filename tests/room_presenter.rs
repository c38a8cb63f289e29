//! Issue 15, the room: the presenter shows status and owner, says when it is frozen (there and
//! in the main window), scrolls from the main window and has its own theme; the scoring card;
//! the matrix fills its pane and its "Both" view stays readable with hundreds per cell.

mod common;

use common::{CTRL, TestApp, app, app_opening};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use hazard_workshop::app::settings::ThemeChoice;
use hazard_workshop::domain::{Assessment, Hazard, HazardKey, Likelihood, Project, Severity};
use hazard_workshop::storage::project_file;

const PRESENTER: &str = "Presenter — Example workshop";

fn selected(app: &TestApp) -> Hazard {
    let key = app.state().view.selected.expect("a hazard is selected");
    app.state().doc.project().hazard(key).unwrap().clone()
}

#[test]
fn the_presenter_shows_status_and_owner_and_says_when_it_is_frozen() {
    let mut app = app();
    app.press(Modifiers::NONE, Key::F5);
    app.harness.get_by_label(PRESENTER);
    let hazard = selected(&app);
    let owner = if hazard.owner.trim().is_empty() {
        "no owner yet".to_owned()
    } else {
        hazard.owner.trim().to_owned()
    };
    app.harness.get_by_label(&format!(
        "Status: {}   ·   Owner: {owner}",
        hazard.status.label()
    ));
    let frozen_on_presenter = "Frozen: this view does not follow the selection";
    assert!(
        app.harness
            .query_by_label_contains(frozen_on_presenter)
            .is_none()
    );
    assert!(
        app.harness
            .query_by_label_contains("Presenter frozen")
            .is_none()
    );
    app.press(Modifiers::NONE, Key::F6);
    app.harness.get_by_label_contains(frozen_on_presenter);
    app.harness.get_by_label_contains("Presenter frozen");
    app.press(Modifiers::NONE, Key::F6);
    assert!(
        app.harness
            .query_by_label_contains("Presenter frozen")
            .is_none()
    );
}

#[test]
fn the_presenter_scrolls_from_the_main_window() {
    let mut app = app();
    app.press(Modifiers::NONE, Key::F5);
    // Large type, so the hazard is taller than the presenter window.
    for _ in 0..6 {
        app.harness
            .state_mut()
            .run_command(hazard_workshop::app::Command::PresenterZoomIn);
    }
    app.settle();
    let heading = |app: &TestApp| {
        let hazard = selected(app);
        app.harness
            .get_by_label(&format!("{}  {}", hazard.display_id, hazard.name))
            .rect()
            .top()
    };
    let before = heading(&app);
    app.press(Modifiers::ALT, Key::PageDown);
    let after = heading(&app);
    assert!(app.state().presenter.scroll_offset > 0.0);
    assert!(after < before - 50.0, "scrolled down: {before} -> {after}");
    app.press(Modifiers::ALT, Key::PageUp);
    app.press(Modifiers::ALT, Key::PageUp);
    assert_eq!(app.state().presenter.scroll_offset, 0.0, "back at the top");
    assert!((heading(&app) - before).abs() < 1.0);
}

#[test]
fn the_presenter_has_its_own_theme() {
    let mut app = app();
    assert_eq!(app.state().settings.theme, ThemeChoice::Light);
    assert_eq!(
        app.state().settings.presenter.theme,
        ThemeChoice::Projector,
        "high contrast on the projector by default"
    );
    app.press(Modifiers::NONE, Key::F5);
    app.click("Next theme");
    assert_eq!(app.state().settings.presenter.theme, ThemeChoice::Light);
    app.click("Next theme");
    assert_eq!(app.state().settings.presenter.theme, ThemeChoice::Dark);
    assert_eq!(
        app.state().settings.theme,
        ThemeChoice::Light,
        "main window unchanged"
    );
}

#[test]
fn score_in_the_room_shows_the_scoring_card_on_the_presenter() {
    let mut app = app();
    let hazard = selected(&app);
    assert!(!app.state().presenter.open);
    let definitions: Vec<String> = Severity::ALL
        .iter()
        .map(|s| s.definition_text())
        .chain(Likelihood::ALL.iter().map(|l| l.definition().to_owned()))
        .collect();
    let count = |app: &TestApp, text: &str| app.harness.query_all_by_label(text).count();
    let before: Vec<usize> = definitions.iter().map(|d| count(&app, d)).collect();
    app.press(Modifiers::NONE, Key::F7);
    assert!(
        app.state().presenter.open,
        "the card is for the room: the presenter opens"
    );
    let stage = if hazard.initial.severity.is_some() && hazard.initial.likelihood.is_some() {
        "residual"
    } else {
        "initial"
    };
    app.harness.get_by_label(&format!(
        "Scoring {}  {} — {stage} risk",
        hazard.display_id, hazard.name
    ));
    // Every definition of both scales, readable while choosing (each once more than before).
    for (definition, before) in definitions.iter().zip(before) {
        assert_eq!(count(&app, definition), before + 1, "{definition}");
    }
    // Likelihood listed highest first, as the matrix's rows run.
    let top = |text: &str| {
        app.harness
            .query_all_by_label(text)
            .last()
            .unwrap()
            .rect()
            .top()
    };
    assert!(top(Likelihood::VeryHigh.definition()) < top(Likelihood::VeryLow.definition()));
    // The cell being chosen: the hazard's residual (or initial) scores so far.
    let assessment = if stage == "residual" {
        &hazard.residual
    } else {
        &hazard.initial
    };
    let cell = match (assessment.severity, assessment.likelihood) {
        (Some(s), Some(l)) => format!("Severity {} × likelihood {}:", s.label(), l.label()),
        (Some(s), None) => format!("Severity {}: now choose the likelihood", s.label()),
        (None, Some(l)) => format!("Likelihood {}: now choose the severity", l.label()),
        (None, None) => "Choose the severity and the likelihood".to_owned(),
    };
    app.harness.get_by_label_contains(&cell);
    // The View menu names it, and F7 again hides it.
    app.press(Modifiers::NONE, Key::F7);
    assert!(
        app.harness
            .query_by_label_contains(&format!("Scoring {}", hazard.display_id))
            .is_none()
    );
}

/// A log with hundreds of hazards in a few cells, all moving.
fn crowded_project(dir: &std::path::Path) -> std::path::PathBuf {
    let mut project = Project::default();
    let moves = [
        (
            Severity::Major,
            Likelihood::High,
            Severity::Major,
            Likelihood::Low,
            300,
        ),
        (
            Severity::Major,
            Likelihood::Low,
            Severity::Major,
            Likelihood::High,
            250,
        ),
        (
            Severity::Catastrophic,
            Likelihood::VeryHigh,
            Severity::Minor,
            Likelihood::VeryLow,
            180,
        ),
    ];
    let mut key = 0;
    for (s1, l1, s2, l2, count) in moves {
        for _ in 0..count {
            key += 1;
            let mut hazard = Hazard::new(
                HazardKey(key),
                format!("H{key:04}"),
                format!("Hazard {key}"),
                chrono::DateTime::UNIX_EPOCH,
            );
            hazard.initial = Assessment::new(s1, l1);
            hazard.residual = Assessment::new(s2, l2);
            project.hazards.push(hazard);
        }
    }
    let path = dir.join("crowded.hazlog");
    project_file::save(&project, &path).unwrap();
    path
}

#[test]
fn the_both_view_with_hundreds_per_cell_lists_every_movement_with_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_opening(Some(crowded_project(dir.path())));
    app.click("Both");
    app.harness.get_by_label_contains(
        "Likelihood High, severity Major: rating 4, 300 initially, 250 residual",
    );
    app.harness.get_by_label_contains(
        "Likelihood Low, severity Major: rating 3, 250 initially, 300 residual",
    );
    // Arrows carry no numbers of their own: the movement table does.
    app.harness.get_by_label("Initial (severity × likelihood)");
    for (from, to, count) in [
        ("Major × High (4)", "Major × Low (3)", "300"),
        ("Major × Low (3)", "Major × High (4)", "250"),
        (
            "Catastrophic × Very High (5)",
            "Minor × Very Low (1)",
            "180",
        ),
    ] {
        let at = |text: &str, row: f32, right_of: f32| {
            app.harness
                .query_all_by_label(text)
                .any(|n| (n.rect().center().y - row).abs() < 2.0 && n.rect().left() > right_of)
        };
        let listed = app.harness.query_all_by_label(from).any(|n| {
            let (row, x) = (n.rect().center().y, n.rect().right());
            at(to, row, x) && at(count, row, x)
        });
        assert!(listed, "{from} -> {to}: {count}");
    }
}

#[test]
fn the_matrix_cells_grow_with_their_pane() {
    let mut app = app();
    let cell = |app: &TestApp| {
        app.harness
            .get_by_label_contains("Likelihood High, severity Major:")
            .rect()
            .width()
    };
    let small = cell(&app);
    app.harness
        .get_by_label_contains("Likelihood High, severity Major:")
        .focus();
    app.settle();
    app.press(CTRL, Key::M);
    let large = cell(&app);
    assert!(large > small * 1.4, "{small} -> {large}");
}
