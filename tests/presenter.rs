//! Issue 8: the presenter view, themes, zoom and the shortcut sheet.

mod common;

use common::{CTRL, CTRL_SHIFT, TestApp, app, app_with};
use egui::Key;
use egui_kittest::kittest::Queryable;
use hazard_workshop::app::settings::ThemeChoice;

/// The presenter window is named for its project ("Presenter — Example workshop").
const PRESENTER: &str = "Presenter — Example workshop";

/// Moves the list selection with the keyboard (the presenter window may cover the list).
fn down(app: &mut TestApp, times: usize) {
    for _ in 0..times {
        app.press(egui::Modifiers::NONE, Key::ArrowDown);
    }
}

/// The hazard heading the presenter shows, "H003  Wrong dose…".
fn presenter_heading(app: &TestApp, id: &str) -> bool {
    let hazard = app.state().doc.project().hazard_by_display_id(id).unwrap();
    app.harness
        .query_by_label(&format!("{}  {}", hazard.display_id, hazard.name))
        .is_some()
}

#[test]
fn f5_opens_the_presenter_which_follows_the_selection_until_frozen() {
    let mut app = app();
    assert!(app.harness.query_by_label(PRESENTER).is_none());
    app.press(egui::Modifiers::NONE, Key::F5);
    assert!(app.state().presenter.open);
    // Without native windows (as in tests) the viewport is embedded as a window.
    app.harness.get_by_label(PRESENTER);
    assert!(presenter_heading(&app, "H001"));

    down(&mut app, 2);
    assert!(presenter_heading(&app, "H003"), "follows the selection");
    // Its text in large type: the description is a plain label only on the projector (the
    // details pane holds it in an editable field).
    let h003 = app
        .state()
        .doc
        .project()
        .hazard_by_display_id("H003")
        .unwrap()
        .clone();
    app.harness.get_by_label(&h003.description);
    // Cause -> effect -> hazard -> harm, as the v3.6 log records them.
    for text in [&h003.effect, &h003.hazard, &h003.harm] {
        assert!(!text.is_empty());
        app.harness.get_by_label(text);
    }
    let effect = app.harness.get_by_label(&h003.effect).rect().top();
    let harm = app.harness.get_by_label(&h003.harm).rect().top();
    assert!(effect < harm, "effect before harm");
    app.harness.get_by_label("Rating 4: Mandatory elimination");

    app.press(egui::Modifiers::NONE, Key::F6);
    down(&mut app, 1);
    assert_eq!(
        app.state().view.selected,
        Some(
            app.state()
                .doc
                .project()
                .hazard_by_display_id("H004")
                .unwrap()
                .key
        )
    );
    assert!(presenter_heading(&app, "H003"), "frozen on H003");
    assert!(!presenter_heading(&app, "H004"));
    app.harness
        .get_by_label("Unfreeze (follow selection)")
        .click();
    app.settle();
    assert!(presenter_heading(&app, "H004"));

    app.press(egui::Modifiers::NONE, Key::F5);
    assert!(!app.state().presenter.open);
    assert!(app.harness.query_by_label(PRESENTER).is_none());
}

#[test]
fn theme_and_zoom_persist_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.ron");
    {
        let mut app = app_with(None, Some(path.clone()));
        assert_eq!(app.state().settings.theme, ThemeChoice::Light);
        app.press(common::CTRL_SHIFT, Key::T);
        app.press(common::CTRL_SHIFT, Key::T);
        assert_eq!(app.state().settings.theme, ThemeChoice::Projector);
        app.press(CTRL, Key::Plus);
        app.press(CTRL, Key::Plus);
        assert_eq!(app.state().settings.zoom, 1.21);
        assert_eq!(app.harness.ctx.zoom_factor(), 1.21);
        app.settle();
    }
    let app = app_with(None, Some(path.clone()));
    assert_eq!(app.state().settings.theme, ThemeChoice::Projector);
    assert_eq!(app.state().settings.zoom, 1.21);
    assert_eq!(app.harness.ctx.zoom_factor(), 1.21);
    let style = app.harness.ctx.style_of(app.harness.ctx.theme());
    assert_eq!(style.visuals.panel_fill, egui::Color32::WHITE);
}

#[test]
fn the_shortcut_sheet_lists_every_command_with_a_key() {
    let mut app = app();
    app.press(egui::Modifiers::NONE, Key::F1);
    assert!(
        app.harness.query_all_by_label("Keyboard shortcuts").count() >= 2,
        "the sheet and its title"
    );
    for command in hazard_workshop::app::Command::ALL {
        if !command.is_alternative() && command.shortcut().is_some() {
            assert!(
                app.harness.query_all_by_label(command.text()).count() >= 1,
                "{command:?} is on the sheet"
            );
        }
    }
    // The keys that work inside panes come from their table too, and the presenter's own keys
    // are listed under their window.
    for key in hazard_workshop::shell::commands::PaneKey::ALL {
        app.harness.get_by_label(key.text());
    }
    app.harness.get_by_label("Presenter window");
    app.harness.get_by_label("Presenter full screen");
    app.harness.get_by_label("Move presenter to this screen");
    app.press(egui::Modifiers::NONE, Key::Escape);
    assert!(!app.state().shortcuts_open);
}

#[test]
fn the_view_menu_opens_the_presenter_and_picks_a_theme() {
    let mut app = app();
    app.click("View");
    app.click_menu_item("Open the presenter view");
    assert!(app.state().presenter.open);
    app.click("View");
    app.click("Dark");
    assert_eq!(app.state().settings.theme, ThemeChoice::Dark);
    assert!(app.harness.ctx.theme() == egui::Theme::Dark);
    app.click("Help");
    app.click_menu_item("Keyboard shortcuts");
    assert!(app.state().shortcuts_open);
}

/// At a projector's 1024x768, at 1x and 2x pixel density, the controls a facilitator needs are
/// all on screen and none sits on top of another.
#[test]
fn nothing_is_clipped_or_overlapping_at_1024x768_and_2x() {
    for ppp in [1.0, 2.0] {
        let mut app = app();
        app.harness.set_pixels_per_point(ppp);
        app.harness.set_size(egui::vec2(1024.0, 768.0));
        app.settle();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 768.0));
        let labels = [
            "File",
            "Edit",
            "Hazard",
            "View",
            "Help",
            "Hazard list",
            "Hazard details",
            "Risk matrix",
            "Minutes",
            "Actions",
            "People and attendance",
            "New hazard: type its name and press Enter (Ctrl+N)",
            "Search ID, name, description, causes, controls (Ctrl+F)",
            "Filter by status",
            "Filter by initial or residual risk rating",
            "Show withdrawn",
            "Hazard ID",
            "Hazard name",
            "Hazard status",
            "Duplicate",
            "Copy as image",
            "Save as PNG…",
            "New meeting",
            "Start meeting",
            "Minute entry",
            "All changes saved",
        ];
        let rects: Vec<(&str, egui::Rect)> = labels
            .iter()
            .map(|label| (*label, app.harness.get_by_label(label).rect()))
            .collect();
        for (label, rect) in &rects {
            assert!(
                screen.contains_rect(*rect) && rect.width() > 4.0 && rect.height() > 4.0,
                "{label} is clipped at {ppp}x: {rect:?}"
            );
        }
        for (i, (a, ra)) in rects.iter().enumerate() {
            for (b, rb) in &rects[i + 1..] {
                let overlap = ra.intersect(*rb);
                assert!(
                    !overlap.is_positive() || overlap.area() < 4.0,
                    "{a} and {b} overlap at {ppp}x"
                );
            }
        }
    }
}

/// Issue 15: a presenter lost on an unplugged projector is brought back by a command, from the
/// View menu or with Ctrl+Shift+F5, onto the main window's screen and out of full screen.
#[test]
fn move_presenter_to_this_screen_brings_it_back_from_the_menu_and_keys() {
    let mut app = app();
    app.click("View");
    app.click_menu_item("Move presenter to this screen");
    assert!(app.state().presenter.open, "opens it if it was closed");
    app.harness.get_by_label(PRESENTER);

    app.press(egui::Modifiers::NONE, Key::F5);
    assert!(!app.state().presenter.open);
    // As if last seen full screen far off on a projector no longer there.
    {
        let presenter = &mut app.harness.state_mut().settings.presenter;
        presenter.position = Some([5000.0, 3000.0]);
        presenter.size = Some([4000.0, 3000.0]);
        presenter.fullscreen = true;
    }
    app.press(CTRL_SHIFT, Key::F5);
    assert!(app.state().presenter.open);
    let presenter = &app.state().settings.presenter;
    assert!(!presenter.fullscreen);
    let [x, y] = presenter.position.unwrap();
    let [w, h] = presenter.size.unwrap();
    assert!(
        x < 2000.0 && y < 2000.0,
        "moved to the main window ({x}, {y})"
    );
    assert!(
        w < 4000.0 && h < 3000.0,
        "no larger than its screen ({w}x{h})"
    );
}
