//! Issue 13: a project opened read-only (another live instance holds its lock) refuses every
//! change a user can make, from every pane, menu and shortcut, and says why each time.

mod common;

use common::{CTRL, CTRL_SHIFT, TestApp, app_with_options, quiet_options};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use hazard_workshop::app::AppOptions;
use hazard_workshop::domain::Project;
use hazard_workshop::storage::{lock::ProjectLock, project_file};

const REFUSED: &str = "read-only";

struct ReadOnly {
    app: TestApp,
    before: Project,
    _lock: ProjectLock,
    _dir: tempfile::TempDir,
}

/// The example project, locked by "someone else" (this process's own lock, which is as live as
/// another instance's), opened read-only as the user chooses when asked.
fn open_read_only() -> ReadOnly {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.hazlog");
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog");
    project_file::save(&project_file::load(&example).unwrap(), &path).unwrap();
    let lock = ProjectLock::take_over(&path).unwrap();
    let mut app = app_with_options(AppOptions {
        open_path: Some(path),
        ..quiet_options()
    });
    app.click("Open read-only");
    assert!(app.state().doc.read_only().is_some());
    let before = app.state().doc.project().clone();
    ReadOnly {
        app,
        before,
        _lock: lock,
        _dir: dir,
    }
}

impl ReadOnly {
    /// Does `act` with no notice showing, then checks the project is unchanged and the status
    /// bar says, in the error colour, that it is read-only.
    fn refused(&mut self, what: &str, act: impl FnOnce(&mut TestApp)) {
        if self.app.state().notice.is_some() {
            self.app.click("Dismiss");
        }
        act(&mut self.app);
        self.app.settle();
        assert_eq!(
            self.app.state().doc.project(),
            &self.before,
            "{what} changed a read-only project"
        );
        assert!(!self.app.state().doc.is_dirty(), "{what}");
        let notice = self.app.state().notice.clone();
        let notice = notice.unwrap_or_else(|| panic!("{what}: the user was not told"));
        assert!(notice.is_error, "{what}: {}", notice.text);
        assert!(notice.text.contains(REFUSED), "{what}: {}", notice.text);
        self.app.harness.get_by_label(&notice.text);
    }
}

fn type_into(app: &mut TestApp, field: &str, text: &str) {
    app.harness.get_by_label(field).focus();
    app.settle();
    app.harness.get_by_label(field).type_text(text);
    app.settle();
}

fn type_line(app: &mut TestApp, field: &str, text: &str, modifiers: Modifiers) {
    type_into(app, field, text);
    app.harness.key_press_modifiers(modifiers, Key::Enter);
    app.settle();
}

const CAPTURE: &str = "New hazard: type its name and press Enter (Ctrl+N)";

#[test]
fn every_change_from_the_hazard_panes_menus_and_shortcuts_is_refused_with_a_reason() {
    let mut ro = open_read_only();
    ro.refused("typing in the hazard name", |app| {
        type_into(app, "Hazard name", " (edited)")
    });
    ro.refused("typing in the hazard ID", |app| {
        type_into(app, "Hazard ID", "9")
    });
    ro.refused("the capture line", |app| {
        type_line(app, CAPTURE, "Captured", Modifiers::NONE)
    });
    ro.refused("Ctrl+N and Enter", |app| {
        app.press(CTRL, Key::N);
        app.harness.get_by_label(CAPTURE).type_text("By shortcut");
        app.settle();
        app.press(Modifiers::NONE, Key::Enter);
    });
    ro.refused("the Duplicate button", |app| app.click("Duplicate"));
    ro.refused("Ctrl+D", |app| app.press(CTRL, Key::D));
    ro.refused("Hazard > Duplicate hazard", |app| {
        app.click("Hazard");
        app.click_menu_item("Duplicate hazard");
    });
    ro.refused("File > Import spreadsheet into this project", |app| {
        app.click("File");
        app.click_menu_item("Import spreadsheet into this project…");
    });
    ro.refused("Ctrl+Shift+I", |app| app.press(CTRL_SHIFT, Key::I));
}

#[test]
fn every_change_from_the_minutes_actions_and_people_panes_is_refused_with_a_reason() {
    let mut ro = open_read_only();
    ro.refused("New meeting", |app| app.click("New meeting"));
    if ro.app.harness.query_by_label("Start meeting").is_some() {
        ro.refused("Start meeting", |app| app.click("Start meeting"));
    } else {
        ro.refused("End meeting", |app| app.click("End meeting"));
    }
    ro.refused("a minute entry", |app| {
        type_line(app, "Minute entry", "Noted", Modifiers::NONE)
    });
    ro.refused("a minute entry raised as a hazard", |app| {
        type_line(app, "Minute entry", "Raised", Modifiers::SHIFT)
    });
    ro.refused("a new attendee", |app| {
        if app.harness.query_by_label("Add attendee").is_none() {
            // The example's meeting has attendees, so the list starts folded.
            let heading = app
                .harness
                .get_by_label_contains("Attendance: ")
                .accesskit_node()
                .label()
                .unwrap_or_default();
            app.click(&heading);
        }
        type_line(app, "Add attendee", "Sam Newcomer", Modifiers::NONE)
    });
    // A line shows "Make hazard" once selected: find one not raised yet.
    let mut make_hazard = None;
    for line in 1.. {
        let handle = format!("Minute line {line}");
        if make_hazard.is_some() || ro.app.harness.query_by_label(&handle).is_none() {
            break;
        }
        ro.app.click(&handle);
        make_hazard = ro
            .app
            .harness
            .query_all_by_label_contains("as a new hazard, linked to it")
            .next()
            .map(|node| node.accesskit_node().label().unwrap_or_default());
    }
    let make_hazard = make_hazard.expect("the example's minutes have an entry to raise");
    ro.refused("Make hazard from an entry", |app| app.click(&make_hazard));

    ro.refused("the meeting title", |app| {
        app.click("Meeting details");
        type_into(app, "Meeting title", " (edited)");
    });
    ro.refused("an action's description", |app| {
        app.click("Actions");
        let field = app
            .harness
            .query_all_by_label("Action description")
            .next()
            .is_some();
        assert!(field, "the example has actions");
        app.harness
            .query_all_by_label("Action description")
            .next()
            .unwrap()
            .focus();
        app.settle();
        app.harness
            .query_all_by_label("Action description")
            .next()
            .unwrap()
            .type_text(" now");
    });
    let person = ro.before.people[0].name.clone();
    ro.refused("a person's name", |app| {
        app.click("People and attendance");
        type_into(app, &format!("Name of {person}"), " Jr");
    });
}

#[test]
fn undo_and_redo_have_nothing_to_take_back_in_a_read_only_project() {
    let mut ro = open_read_only();
    ro.app.press(CTRL, Key::Z);
    ro.app.press(CTRL, Key::Y);
    assert_eq!(ro.app.state().doc.project(), &ro.before);
    assert!(
        !ro.app
            .state()
            .command_enabled(hazard_workshop::app::Command::Undo)
    );
}
