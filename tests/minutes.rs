//! Issue 5: a note-taker runs a meeting from the keyboard.

mod common;

use chrono::NaiveDate;
use common::{TestApp, app};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use hazard_workshop::domain::{ActionStatus, AttendanceStatus, EntryKind, HazardStatus};

const ENTRY: &str = "Minute entry";

fn type_line(app: &mut TestApp, field: &str, text: &str, modifiers: egui::Modifiers) {
    app.harness.get_by_label(field).focus();
    app.settle();
    app.harness.get_by_label(field).type_text(text);
    app.settle();
    app.harness.key_press_modifiers(modifiers, Key::Enter);
    app.settle();
}

#[test]
fn run_a_meeting_from_start_to_end() {
    let mut app = app();
    let hazards_before = app.state().doc.project().hazards.len();
    app.harness.get_by_label("New meeting").click();
    app.settle();
    let meeting = *app
        .state()
        .doc
        .project()
        .meetings
        .last()
        .map(|m| &m.key)
        .unwrap();
    app.harness.get_by_label("Start meeting").click();
    app.settle();
    assert_eq!(app.state().doc.project().current_meeting, Some(meeting));
    assert!(
        app.state()
            .doc
            .project()
            .meeting(meeting)
            .unwrap()
            .start
            .is_some()
    );
    app.harness.get_by_label("End meeting");
    assert!(
        app.harness.get_by_label(ENTRY).is_focused(),
        "ready to type the minutes"
    );

    // Attendees: an existing person by part of their name, and a new one.
    let (existing_key, existing_name) = {
        let person = &app.state().doc.project().people[0];
        (person.key, person.name.clone())
    };
    let partial: String = existing_name.chars().take(6).collect();
    type_line(&mut app, "Add attendee", &partial, egui::Modifiers::NONE);
    type_line(
        &mut app,
        "Add attendee",
        "Sam Newcomer",
        egui::Modifiers::NONE,
    );
    let project = app.state().doc.project();
    let m = project.meeting(meeting).unwrap();
    assert_eq!(
        m.attendance_of(existing_key),
        Some(AttendanceStatus::Present)
    );
    let newcomer = project
        .people
        .iter()
        .find(|p| p.name == "Sam Newcomer")
        .expect("added to the directory");
    assert_eq!(
        m.attendance_of(newcomer.key),
        Some(AttendanceStatus::Present)
    );
    let people = project.people.len();

    // Entries of every kind, chosen by prefix.
    for line in [
        "Walked through the discharge workflow",
        "d: Barcode scanning stays mandatory on all wards",
        "a: Test H001 banner on the 4.2 build",
        "p: Self-administration workflow, for wave 2",
        "x: Printer jams: not a hazard because the paper copy is never the record",
        "i: Supplier to confirm timeout behaviour",
    ] {
        type_line(&mut app, ENTRY, line, egui::Modifiers::NONE);
    }
    let project = app.state().doc.project();
    assert_eq!(project.people.len(), people);
    let entries = &project.meeting(meeting).unwrap().entries;
    let kinds: Vec<EntryKind> = entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, EntryKind::ALL);
    assert_eq!(
        entries[1].text,
        "Barcode scanning stays mandatory on all wards"
    );
    assert!(
        entries.iter().all(|e| e.time.is_some()),
        "stamped while the meeting runs"
    );

    // The action entry made an action item linked to H001.
    let h001 = project.hazard_by_display_id("H001").unwrap().key;
    let action = project.actions.last().unwrap().clone();
    assert_eq!(action.description, "Test H001 banner on the 4.2 build");
    assert_eq!(action.raised_in, Some(meeting));
    assert_eq!(action.hazards, [h001]);

    // Follow the hazard link in the minutes.
    app.harness
        .get_by_label("New hazard: type its name and press Enter (Ctrl+N)")
        .focus();
    app.press(egui::Modifiers::NONE, Key::Escape);
    // Move the selection off H001 first, so the link has something to do.
    app.press(egui::Modifiers::NONE, Key::ArrowDown);
    assert_ne!(app.state().view.selected, Some(h001));
    app.harness
        .get_all_by_role_and_label(Role::Link, "H001")
        .last()
        .unwrap()
        .click();
    app.settle();
    assert_eq!(app.state().view.selected, Some(h001));

    // Shift+Enter raises the line as a hazard, linked to its entry, in one undo step.
    type_line(
        &mut app,
        ENTRY,
        "Scanner batteries flat at night",
        egui::Modifiers::SHIFT,
    );
    let project = app.state().doc.project();
    assert_eq!(project.hazards.len(), hazards_before + 1);
    let raised = project.hazards.last().unwrap();
    assert_eq!(
        (raised.display_id.as_str(), raised.name.as_str()),
        ("H017", "Scanner batteries flat at night")
    );
    assert_eq!(raised.status, HazardStatus::NewForTriage);
    assert_eq!(raised.raised_in, Some(meeting));
    let entry = project.meeting(meeting).unwrap().entries.last().unwrap();
    assert_eq!(entry.hazard, Some(raised.key));
    assert_eq!(app.state().view.selected, Some(raised.key));
    assert_eq!(
        app.state().doc.undo_label(),
        Some("raise H017 from the minutes")
    );

    // "Make hazard" on an earlier entry.
    app.click("Minute line 5");
    app.click("Raise entry 5 as a new hazard, linked to it");
    let project = app.state().doc.project();
    let entry = &project.meeting(meeting).unwrap().entries[4];
    let h018 = project.hazard_by_display_id("H018").unwrap();
    assert_eq!(entry.hazard, Some(h018.key));

    // The action gets an owner and a due date in the Actions pane.
    app.harness.get_by_label("Actions").click();
    app.settle();
    let short = "Test H001 banner on the 4.2 build";
    app.click(&format!("Owner of “{short}”"));
    app.click("Sam Newcomer");
    type_line(
        &mut app,
        &format!("Due date of “{short}”"),
        "4/12/2026",
        egui::Modifiers::NONE,
    );
    let action = app
        .state()
        .doc
        .project()
        .action(action.key)
        .unwrap()
        .clone();
    assert_eq!(
        action
            .owner
            .and_then(|k| app.state().doc.project().person(k))
            .map(|p| p.name.as_str()),
        Some("Sam Newcomer")
    );
    assert_eq!(action.due, NaiveDate::from_ymd_opt(2026, 12, 4));
    assert_eq!(action.status, ActionStatus::Open);

    // End the meeting.
    app.harness.get_by_label("Minutes").click();
    app.settle();
    app.harness.get_by_label("End meeting").click();
    app.settle();
    let project = app.state().doc.project();
    assert_eq!(project.current_meeting, None);
    assert!(project.meeting(meeting).unwrap().end.is_some());
    app.harness.get_by_label("Start meeting");
}

#[test]
fn a_hazard_lists_the_minutes_that_mention_it() {
    let mut app = app();
    let h003 = app
        .state()
        .doc
        .project()
        .hazard_by_display_id("H003")
        .unwrap()
        .key;
    app.harness
        .get_by_label("Search ID, name, description, causes, controls (Ctrl+F)")
        .focus();
    app.settle();
    app.harness
        .get_by_label("Search ID, name, description, causes, controls (Ctrl+F)")
        .type_text("H003");
    app.settle();
    app.harness
        .get_by_role_and_label(Role::Label, "H003")
        .click();
    app.settle();
    assert_eq!(app.state().view.selected, Some(h003));
    let project = app.state().doc.project();
    let index = hazard_workshop::domain::minutes::HazardIndex::new(project);
    let mentions = hazard_workshop::domain::minutes::entries_about(
        project,
        &index,
        project.hazard(h003).unwrap(),
    );
    assert!(mentions.len() >= 2);
    app.harness
        .get_by_label(&format!("Minutes that mention H003 ({})", mentions.len()));
}

#[test]
fn editing_and_reordering_entries_are_undoable() {
    let mut app = app();
    let meeting = app.state().doc.project().meetings.last().unwrap().clone();
    app.click("Minute line 2");
    app.click("Move entry 2 up");
    let entries = &app
        .state()
        .doc
        .project()
        .meeting(meeting.key)
        .unwrap()
        .entries;
    assert_eq!(entries[0], meeting.entries[1]);
    assert_eq!(entries[1], meeting.entries[0]);
    app.click("Edit entry 1");
    app.harness
        .get_by_label("Entry text")
        .type_text(" (amended)");
    app.settle();
    app.harness.get_by_label("Done").click();
    app.settle();
    let entries = &app
        .state()
        .doc
        .project()
        .meeting(meeting.key)
        .unwrap()
        .entries;
    assert_eq!(
        entries[0].text,
        format!("{} (amended)", meeting.entries[1].text)
    );
    app.press(common::CTRL, Key::Z);
    app.press(common::CTRL, Key::Z);
    assert_eq!(
        app.state().doc.project().meeting(meeting.key).unwrap(),
        &meeting
    );
}

#[test]
fn export_the_shown_meetings_minutes_as_markdown_and_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let meeting = app.state().doc.project().meetings.last().unwrap().clone();

    let md = dir.path().join("minutes.md");
    app.dialogs.answer(Some(md.clone()));
    app.click("Export minutes");
    app.click("Markdown (.md)…");
    let text = std::fs::read_to_string(&md).expect("the Markdown file is written");
    for entry in &meeting.entries {
        let first_words: String = entry.text.chars().take(30).collect();
        assert!(text.contains(&first_words), "{first_words}");
    }
    assert!(text.contains(&meeting.title));

    let docx = dir.path().join("minutes.docx");
    app.dialogs.answer(Some(docx.clone()));
    app.click("Export minutes");
    app.click("Word document (.docx)…");
    let bytes = std::fs::read(&docx).expect("the Word file is written");
    assert_eq!(&bytes[..2], b"PK", "a .docx is a zip package");
    let notice = app.state().notice.clone().unwrap();
    assert!(
        !notice.is_error && notice.text.contains("minutes.docx"),
        "{}",
        notice.text
    );
}

#[test]
fn minute_line_controls_show_on_hover_and_selection_only() {
    let mut app = app();
    let edit_buttons = |app: &TestApp| {
        app.harness
            .query_all_by_label_contains("Edit entry ")
            .map(|node| node.accesskit_node().label().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert!(
        edit_buttons(&app).is_empty(),
        "no line shows its controls until it is hovered or selected"
    );

    // Hover: the hovered line, and only it, shows Edit and Delete.
    app.harness.get_by_label("Minute line 2").scroll_to_me();
    app.settle();
    app.harness.get_by_label("Minute line 2").hover();
    app.settle();
    app.harness.get_by_label("Edit entry 2");
    app.harness.get_by_label("Delete entry 2");
    assert_eq!(edit_buttons(&app), ["Edit entry 2"]);
    assert!(app.harness.query_by_label("Delete entry 1").is_none());
    assert!(app.harness.query_by_label("Delete entry 3").is_none());

    // Keyboard: focus on line 3 selects it; Tab goes on (past any links in its text) to its
    // own Edit button.
    app.harness.get_by_label("Minute line 3").focus();
    app.settle();
    let mut tabs = 0;
    while !app.harness.get_by_label("Edit entry 3").is_focused() {
        tabs += 1;
        assert!(tabs < 8, "Tab from line 3 never reached its Edit button");
        app.harness.key_press(Key::Tab);
        app.settle();
    }
    app.harness.key_press(Key::Tab);
    app.settle();
    assert!(app.harness.get_by_label("Move entry 3 up").is_focused());
    assert!(app.harness.query_by_label("Edit entry 1").is_none());

    // The selected line shows its controls with the pointer on another line; Delete deletes it.
    let meeting = app.state().doc.project().meetings.last().unwrap().clone();
    app.harness.get_by_label("Delete entry 3").click();
    // The next line slides under the pointer and shows its controls (and, after a moment, a
    // tooltip): let that settle.
    app.harness.run_steps(60);
    app.settle();
    let entries = &app
        .state()
        .doc
        .project()
        .meeting(meeting.key)
        .unwrap()
        .entries;
    assert_eq!(entries.len(), meeting.entries.len() - 1);
    assert!(!entries.iter().any(|e| e.key == meeting.entries[2].key));
}

#[test]
fn the_agenda_is_a_review_queue_walked_with_next_and_previous() {
    let mut app = app();
    let project = app.state().doc.project().clone();
    let meeting = app.state().view.minutes.shown(&project).unwrap();
    let free_text = project.meeting(meeting).unwrap().agenda.clone();
    let hazards: Vec<_> = project
        .live_hazards()
        .skip(1)
        .take(3)
        .map(|h| (h.key, h.display_id.clone()))
        .collect();
    let unscored = project
        .live_hazards()
        .skip(1)
        .take(3)
        .filter(|h| h.initial_rating(&project.matrix).is_none())
        .count();

    // Build the queue from the selection, one hazard at a time.
    for (key, _) in &hazards {
        app.harness.state_mut().view.selected = Some(*key);
        app.settle();
        app.click("Add selected hazard");
    }
    let queue = |app: &TestApp| {
        app.state()
            .doc
            .project()
            .meeting(meeting)
            .unwrap()
            .queue
            .clone()
    };
    assert_eq!(queue(&app).len(), 3);
    assert_eq!(
        app.state().doc.project().meeting(meeting).unwrap().agenda,
        free_text,
        "the free-text agenda is kept"
    );
    let status = |reviewed: usize| format!("Agenda: {reviewed} of 3 reviewed, {unscored} unscored");
    app.harness.get_by_label(&status(0));

    // From the first item, Next twice: the selection follows, each item left is reviewed.
    app.harness.state_mut().view.selected = Some(hazards[0].0);
    app.settle();
    app.press(egui::Modifiers::NONE, Key::F8);
    assert_eq!(app.state().view.selected, Some(hazards[1].0));
    assert_eq!(
        app.state().doc.undo_label(),
        Some(format!("review {}", hazards[0].1).as_str())
    );
    app.press(egui::Modifiers::NONE, Key::F8);
    assert_eq!(app.state().view.selected, Some(hazards[2].0));
    app.harness.get_by_label(&status(2));
    let reviewed: Vec<bool> = queue(&app).iter().map(|i| i.reviewed).collect();
    assert_eq!(reviewed, [true, true, false]);

    // Undo takes back the last mark; Previous goes back without marking anything.
    app.press(common::CTRL, Key::Z);
    app.harness.get_by_label(&status(1));
    app.press(egui::Modifiers::SHIFT, Key::F8);
    assert_eq!(app.state().view.selected, Some(hazards[1].0));
    app.harness.get_by_label(&status(1));

    // Reorder and remove from the pane, each undoable.
    app.click("Move agenda item 3 up");
    assert_eq!(queue(&app)[1].hazard(), Some(hazards[2].0));
    app.click("Remove agenda item 1");
    assert_eq!(queue(&app).len(), 2);
    app.press(common::CTRL, Key::Z);
    app.press(common::CTRL, Key::Z);
    assert_eq!(queue(&app)[1].hazard(), Some(hazards[1].0));
    assert_eq!(queue(&app).len(), 3);
}

#[test]
fn the_agenda_takes_the_listed_hazards_and_a_steps_hazards_in_one_step_each() {
    let mut app = app();
    let project = app.state().doc.project().clone();
    let meeting = app.state().view.minutes.shown(&project).unwrap();
    let queue_len = |app: &TestApp| {
        app.state()
            .doc
            .project()
            .meeting(meeting)
            .unwrap()
            .queue
            .len()
    };
    // The hazards a search lists.
    app.harness
        .get_by_label("Search ID, name, description, causes, controls (Ctrl+F)")
        .focus();
    app.settle();
    app.harness
        .get_by_label("Search ID, name, description, causes, controls (Ctrl+F)")
        .type_text("dose");
    app.settle();
    let listed = project
        .live_hazards()
        .filter(|h| h.name.to_lowercase().contains("dose"))
        .count();
    assert!(listed >= 2, "the example has hazards about doses");
    let button = app
        .harness
        .get_by_label_contains("Add listed hazards (")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    app.click(&button);
    let queued = queue_len(&app);
    assert!(
        queued >= listed,
        "{queued} queued, {listed} named with dose"
    );
    assert_eq!(
        app.state().doc.undo_label(),
        Some(format!("add {queued} hazards to the agenda").as_str())
    );

    // A step's hazards: those raised at it and not queued yet.
    let step = project
        .technique
        .active_steps()
        .next()
        .unwrap()
        .name
        .clone();
    app.click("Add a step");
    let item = app
        .harness
        .get_by_label_contains(&format!("Hazards raised at {step} ("))
        .accesskit_node()
        .label()
        .unwrap_or_default();
    let raised: usize = item
        .rsplit('(')
        .next()
        .and_then(|n| n.trim_end_matches(')').parse().ok())
        .unwrap();
    assert!(raised > 0, "the example's walk raised hazards at {step}");
    app.click(&item);
    assert_eq!(queue_len(&app), queued + raised);
    app.press(common::CTRL, Key::Z);
    assert_eq!(queue_len(&app), queued, "undone in one step");
    app.press(common::CTRL, Key::Z);
    assert_eq!(queue_len(&app), 0);
}

#[test]
fn a_step_on_the_agenda_is_walked_from_its_first_prompt() {
    let mut app = app();
    let project = app.state().doc.project().clone();
    let steps: Vec<_> = project
        .technique
        .active_steps()
        .take(2)
        .map(|s| (s.key, s.name.clone()))
        .collect();
    for (_, name) in &steps {
        app.click("Add a step");
        app.click(&format!("Walk step {name}"));
    }
    app.press(egui::Modifiers::NONE, Key::F8);
    let current = |app: &TestApp| app.state().view.walk.current.clone().map(|(s, _)| s);
    assert_eq!(
        current(&app),
        Some(steps[0].0),
        "the first item, its first prompt"
    );
    app.press(egui::Modifiers::NONE, Key::F8);
    assert_eq!(current(&app), Some(steps[1].0));
    app.harness
        .get_by_label_contains("Agenda: 1 of 2 reviewed, 0 unscored");
}
