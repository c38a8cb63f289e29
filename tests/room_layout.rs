//! Issue 15, the room: role layouts one key away and remembered, a pane maximised with one key,
//! and every layout fitting a 1024x768 projector (also at 1.5x scaling and after Ctrl+Plus three
//! times) with the matrix and its legend on screen, as the accessibility tree reports them.

mod common;

use std::sync::Arc;

use common::{CTRL, ScriptedDialogs, TestApp, app_with, quiet_options};
use egui::{Key, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use hazard_workshop::app::{AppOptions, HazardWorkshopApp};
use hazard_workshop::domain::{Likelihood, Severity};
use hazard_workshop::ui::layouts::RoleLayout;

/// The app on a screen of `pixels` at `scale` pixels per point.
fn app_on_screen(pixels: [f32; 2], scale: f32) -> TestApp {
    let dialogs = Arc::new(ScriptedDialogs::default());
    let for_app = dialogs.clone();
    let options = quiet_options();
    let harness = Harness::builder()
        .with_size([pixels[0] / scale, pixels[1] / scale])
        .with_pixels_per_point(scale)
        .build_eframe(move |cc| {
            HazardWorkshopApp::new(
                cc,
                AppOptions {
                    dialogs: for_app,
                    ..options
                },
            )
        });
    let mut app = TestApp { harness, dialogs };
    app.settle();
    app
}

/// The panes shown ("Hazard list pane"), where the app drew them (with their tab strips).
fn shown_panes(app: &TestApp) -> Vec<(String, Rect)> {
    let panes: Vec<(String, Rect)> = app
        .state()
        .view
        .shown_panes
        .iter()
        .map(|(rect, pane)| (format!("{} pane", pane.title()), *rect))
        .collect();
    // Each is also a named region a screen reader announces.
    for (name, _) in &panes {
        assert!(
            app.harness.query_by_label(name).is_some(),
            "{name} is not announced"
        );
    }
    panes
}

fn pane_names(app: &TestApp) -> Vec<String> {
    let mut names: Vec<String> = shown_panes(app).into_iter().map(|(n, _)| n).collect();
    names.sort();
    names
}

fn screen(app: &TestApp) -> Rect {
    app.harness.ctx.content_rect()
}

/// Nothing a layout shows is outside the window or under another pane, and the matrix (when
/// shown) has all 25 cells and its legend inside its pane.
fn assert_fits(app: &TestApp, what: &str) {
    let screen = screen(app).expand(0.5);
    let panes = shown_panes(app);
    assert!(!panes.is_empty(), "{what}: no pane shown");
    for (name, rect) in &panes {
        assert!(
            screen.contains_rect(*rect),
            "{what}: {name} {rect:?} is off {screen:?}"
        );
        assert!(
            rect.width() >= 120.0 && rect.height() >= 100.0,
            "{what}: {name} is only {rect:?}"
        );
    }
    for (i, (a, ra)) in panes.iter().enumerate() {
        for (b, rb) in &panes[i + 1..] {
            let overlap = ra.intersect(*rb);
            assert!(
                overlap.width() <= 1.0 || overlap.height() <= 1.0,
                "{what}: {a} {ra:?} overlaps {b} {rb:?}"
            );
        }
    }
    for menu in ["File", "View", "Help"] {
        let rect = app.harness.get_by_label(menu).rect();
        assert!(
            screen.contains_rect(rect),
            "{what}: the {menu} menu is clipped"
        );
    }
    let Some((_, matrix)) = panes.iter().find(|(n, _)| n == "Risk matrix pane") else {
        return;
    };
    let matrix = matrix.expand(0.5);
    for likelihood in Likelihood::ALL {
        for severity in Severity::ALL {
            let prefix = format!(
                "Likelihood {}, severity {}:",
                likelihood.label(),
                severity.label()
            );
            let cell = app.harness.get_by_label_contains(&prefix).rect();
            assert!(
                matrix.contains_rect(cell) && cell.width() >= 14.0,
                "{what}: cell {prefix} {cell:?} not wholly in the matrix pane {matrix:?}"
            );
        }
    }
    let legend: Vec<Rect> = app
        .harness
        .query_all_by_label_contains("Legend: rating")
        .map(|n| n.rect())
        .collect();
    assert_eq!(legend.len(), 5, "{what}: the legend has five ratings");
    for rect in legend {
        assert!(
            matrix.contains_rect(rect),
            "{what}: legend {rect:?} scrolled out of {matrix:?}"
        );
    }
    // Severity labels side by side never run into each other.
    let labels: Vec<Rect> = Severity::ALL
        .iter()
        .map(|s| {
            app.harness
                .query_all_by_label(s.label())
                .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Label)
                .unwrap_or_else(|| panic!("{what}: no {} label", s.label()))
                .rect()
        })
        .collect();
    for pair in labels.windows(2) {
        assert!(
            pair[0].right() <= pair[1].left() + 0.5,
            "{what}: severity labels {:?} and {:?} run together",
            pair[0],
            pair[1]
        );
    }
}

fn switch(app: &mut TestApp, layout: RoleLayout) {
    let key = match layout {
        RoleLayout::Room => Key::Num1,
        RoleLayout::NoteTaker => Key::Num2,
        RoleLayout::Editing => Key::Num3,
        RoleLayout::AllPanes => Key::Num4,
    };
    app.press(CTRL, key);
    assert_eq!(app.state().settings.role_layout, layout);
}

#[test]
fn each_role_has_its_layout_one_key_away() {
    let mut app = app_on_screen([1024.0, 768.0], 1.0);
    switch(&mut app, RoleLayout::Room);
    assert_eq!(pane_names(&app), ["Hazard list pane", "Risk matrix pane"]);
    // The hazard under discussion, in large type, readable from the back of the room.
    let selected = app
        .state()
        .view
        .selected
        .expect("the first hazard is selected");
    let hazard = app.state().doc.project().hazard(selected).unwrap().clone();
    let banner = format!("{}  {}", hazard.display_id, hazard.name);
    let node = app.harness.get_by_label(&banner);
    assert!(
        node.rect().height() >= 30.0,
        "banner type too small: {:?}",
        node.rect()
    );

    switch(&mut app, RoleLayout::NoteTaker);
    assert_eq!(
        pane_names(&app),
        ["Hazard details pane", "Hazard list pane", "Minutes pane"]
    );
    let panes = shown_panes(&app);
    let width = |name: &str| panes.iter().find(|(n, _)| n == name).unwrap().1.width();
    assert!(
        width("Minutes pane") > width("Hazard list pane"),
        "minutes large"
    );
    assert!(
        app.harness.query_by_label(&banner).is_none(),
        "the banner is the room's"
    );

    switch(&mut app, RoleLayout::Editing);
    assert_eq!(
        pane_names(&app),
        ["Hazard details pane", "Hazard list pane"]
    );
    let panes = shown_panes(&app);
    let editor = panes
        .iter()
        .find(|(n, _)| n == "Hazard details pane")
        .unwrap()
        .1;
    let list = panes
        .iter()
        .find(|(n, _)| n == "Hazard list pane")
        .unwrap()
        .1;
    assert!(
        (editor.height() - list.height()).abs() < 1.0,
        "full-height editor"
    );

    switch(&mut app, RoleLayout::AllPanes);
    assert_eq!(pane_names(&app).len(), 4);

    // The View menu lists them, the chosen one marked.
    app.click("View");
    assert!(
        app.harness
            .query_by_label_contains("All panes layout (current)")
            .is_some()
    );
    app.click_menu_item("Room layout");
    assert_eq!(app.state().settings.role_layout, RoleLayout::Room);
}

#[test]
fn the_chosen_layout_is_remembered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings.ron");
    let mut app = app_with(None, Some(settings.clone()));
    app.press(CTRL, Key::Num3);
    app.harness.state_mut().persist_settings(true);
    drop(app);
    let app = app_with(None, Some(settings));
    assert_eq!(app.state().settings.role_layout, RoleLayout::Editing);
    assert_eq!(
        pane_names(&app),
        ["Hazard details pane", "Hazard list pane"]
    );
}

#[test]
fn any_pane_is_maximised_and_restored_with_one_key() {
    let mut app = app_on_screen([1024.0, 768.0], 1.0);
    assert_eq!(pane_names(&app).len(), 4);
    // The keyboard is in the matrix pane (on a cell): that pane fills the window.
    app.harness
        .get_by_label_contains("Likelihood High, severity Major:")
        .focus();
    app.settle();
    app.press(CTRL, Key::M);
    assert_eq!(pane_names(&app), ["Risk matrix pane"]);
    let (_, rect) = shown_panes(&app).remove(0);
    assert!(rect.width() > 900.0 && rect.height() > 550.0, "{rect:?}");
    assert_fits(&app, "matrix maximised");
    app.press(CTRL, Key::M);
    assert_eq!(pane_names(&app).len(), 4);
    // The restore button says the key.
    app.press(CTRL, Key::M);
    app.click_menu_item("Restore all panes");
    assert_eq!(pane_names(&app).len(), 4);
}

#[test]
fn every_layout_fits_1024_by_768_and_1_5x_scaling() {
    for (pixels, scale) in [([1024.0, 768.0], 1.0), ([1024.0, 768.0], 1.5)] {
        let mut app = app_on_screen(pixels, scale);
        for layout in [
            RoleLayout::Room,
            RoleLayout::NoteTaker,
            RoleLayout::Editing,
            RoleLayout::AllPanes,
        ] {
            switch(&mut app, layout);
            assert_fits(&app, &format!("{layout:?} at {scale}x"));
        }
    }
}

#[test]
fn the_room_layout_survives_ctrl_plus_three_times() {
    let mut app = app_on_screen([1024.0, 768.0], 1.0);
    switch(&mut app, RoleLayout::Room);
    for _ in 0..3 {
        app.press(CTRL, Key::Plus);
    }
    assert!(app.state().settings.zoom > 1.3);
    for layout in [RoleLayout::Room, RoleLayout::Editing, RoleLayout::NoteTaker] {
        switch(&mut app, layout);
        assert_fits(&app, &format!("{layout:?} zoomed in three times"));
    }
}

#[test]
fn the_hazard_name_gets_the_room_in_every_layout_and_columns_can_be_resized() {
    for (pixels, scale) in [([1024.0, 768.0], 1.0), ([1024.0, 768.0], 1.5)] {
        let mut app = app_on_screen(pixels, scale);
        for layout in [
            RoleLayout::Room,
            RoleLayout::NoteTaker,
            RoleLayout::Editing,
            RoleLayout::AllPanes,
        ] {
            switch(&mut app, layout);
            let name = app.harness.get_by_label("Name").rect();
            let table = app.harness.get_by_label("Hazards").rect();
            // At least 200 points, or (in a pane narrower than that at 1.5x) most of the row.
            assert!(
                name.width() >= 200.0 || name.width() >= 0.6 * table.width(),
                "{layout:?} at {scale}x: the Name column is {} wide of {}",
                name.width(),
                table.width()
            );
            // The name takes what the other columns leave, and the row is not overrun.
            let headers: Vec<Rect> = app
                .harness
                .get_all_by_role(egui::accesskit::Role::ColumnHeader)
                .map(|h| h.rect())
                .collect();
            let right = headers.iter().map(|r| r.right()).fold(0.0, f32::max);
            assert!(
                right <= table.right() + 1.0,
                "{layout:?} at {scale}x: headers end at {right}, the table at {}",
                table.right()
            );
        }
    }

    // Dragging the edge of the initial risk column widens it; the name gives way.
    let mut app = app_on_screen([1024.0, 768.0], 1.0);
    switch(&mut app, RoleLayout::Room);
    let before = app.harness.get_by_label("Name").rect().width();
    let initial = app.harness.get_by_label("Initial risk").rect().width();
    let handle = app
        .harness
        .get_by_label("Resize the initial risk column")
        .rect()
        .center();
    app.harness.hover_at(handle);
    app.harness.run();
    app.harness.drag_at(handle);
    app.harness.run();
    for step in 1..=3 {
        app.harness
            .hover_at(handle - egui::vec2(10.0 * step as f32, 0.0));
        app.harness.run();
    }
    app.harness.drop_at(handle - egui::vec2(30.0, 0.0));
    app.settle();
    let after = app.harness.get_by_label("Name").rect().width();
    let widened = app.harness.get_by_label("Initial risk").rect().width();
    assert!(widened > initial + 20.0, "{initial} -> {widened}");
    assert!(after < before - 20.0, "{before} -> {after}");
}
