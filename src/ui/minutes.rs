//! The minutes pane, for the note-taker: pick or create a meeting, start and end it, record who
//! is there, and type the minutes line by line from the keyboard.

use egui::{Key, RichText, Ui};
use egui_material_icons::icons;

use super::draft::Draft;
use super::widgets::{FieldChange, string_list_ui, text_field};
use super::{Action, Shell, ViewState};
use crate::domain::minutes::{Mentions, TextPart};
use crate::domain::{
    AttendanceStatus, EntryKey, EntryKind, Meeting, MeetingKey, MeetingKind, MinuteEntry,
    PersonKey, Project,
};
use crate::edit::meeting_ops;
use crate::shell::commands::PaneKey;

const CAPTURE_HINT: &str = "Minute: type and press Enter (d: decision, a: action, p: parked, x: not a hazard, i: information needed; Shift+Enter raises a hazard)";

#[derive(Default)]
pub struct MinutesState {
    /// The meeting shown; the running one, or the latest, when unset.
    pub meeting: Option<MeetingKey>,
    pub capture_text: String,
    pub capture_kind: EntryKind,
    pub focus_capture: bool,
    /// An entry being edited, with its text so far.
    pub editing: Option<(EntryKey, String)>,
    pub focus_editing: bool,
    pub attendee_text: String,
    /// The minute line chosen by click or keyboard focus: its edit controls stay shown.
    pub selected_entry: Option<EntryKey>,
    /// The line under the pointer last frame: its edit controls are shown too.
    pub hovered_entry: Option<EntryKey>,
    /// The review queue item last moved to (F8, Shift+F8, or a click on it).
    pub agenda_at: Option<usize>,
    /// The minute lines laid out only while in view.
    lines: super::lazy_rows::LazyRows<EntryKey>,
    /// The review queue's rows, likewise (by position in the queue).
    pub(super) queue_rows: super::lazy_rows::LazyRows<usize>,
    /// How many hazards the list shows that the queue does not hold, with what it was counted
    /// for: the document's revision, the list's query and the meeting.
    pub(super) listed_not_queued: Option<(u64, super::hazard_list::ListQuery, MeetingKey, usize)>,
}

impl MinutesState {
    /// The meeting the pane shows: the chosen one, else the running one, else the latest.
    pub fn shown(&self, project: &Project) -> Option<MeetingKey> {
        self.meeting
            .filter(|key| project.meeting(*key).is_some())
            .or(project.current_meeting)
            .or_else(|| project.meetings.last().map(|m| m.key))
    }
}

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, view: &mut ViewState, actions: &mut Vec<Action>) {
    let before = actions.len();
    entries_pane_ui(ui, shell, view, actions);
    // A hazard raised from the minutes (Shift+Enter, "Make hazard") is announced like one
    // captured in the list: the app selects it before the next frame.
    let raises_hazard = |action: &Action| {
        matches!(
            action,
            Action::AddEntry {
                as_hazard: true,
                ..
            } | Action::EntryToHazard { .. }
        )
    };
    if actions[before..].iter().any(raises_hazard) {
        view.announcer.expect_capture();
    }
}

fn entries_pane_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let project = shell.project();
    let shown = view.minutes.shown(project);
    toolbar_ui(ui, project, shown, view, actions);
    let Some(meeting) = shown.and_then(|key| project.meeting(key)) else {
        ui.label("No meetings yet. Start one with “New meeting”.");
        return;
    };
    ui.separator();
    // The capture line stays at the bottom, always visible, like a chat.
    egui::Panel::bottom("minutes-capture")
        .show_separator_line(false)
        .show(ui, |ui| capture_ui(ui, meeting, view, actions));
    egui::ScrollArea::vertical()
        .id_salt("minutes")
        .auto_shrink([false, false])
        .stick_to_bottom(true)
        .show(ui, |ui| {
            egui::CollapsingHeader::new(RichText::new("Meeting details").strong())
                .id_salt(("meeting-details", meeting.key.0))
                .default_open(
                    project.current_meeting != Some(meeting.key) && meeting.entries.is_empty(),
                )
                .show(ui, |ui| details_ui(ui, project, meeting, actions));
            egui::CollapsingHeader::new(RichText::new(attendance_heading(meeting)).strong())
                .id_salt(("attendance", meeting.key.0))
                .default_open(meeting.attendance.is_empty())
                .show(ui, |ui| attendance_ui(ui, project, meeting, view, actions));
            egui::CollapsingHeader::new(
                RichText::new(super::agenda_queue::queue_heading(project, meeting)).strong(),
            )
            .id_salt(("agenda-queue", meeting.key.0))
            .default_open(true)
            .show(ui, |ui| {
                super::agenda_queue::queue_ui(ui, shell, meeting, view, actions)
            });
            ui.add_space(4.0);
            let mentions = view.mentions(shell.doc);
            entries_ui(ui, project, &mentions, meeting, view, actions);
        });
}

fn attendance_heading(meeting: &Meeting) -> String {
    let present = meeting.people_with(AttendanceStatus::Present).count();
    let apologies = meeting.people_with(AttendanceStatus::Apologies).count();
    format!("Attendance: {present} present, {apologies} apologies")
}

fn meeting_title(meeting: &Meeting) -> String {
    match meeting.date {
        Some(date) => format!("{} — {}", date.format("%d %b %Y"), meeting.title),
        None => meeting.title.clone(),
    }
}

fn toolbar_ui(
    ui: &mut Ui,
    project: &Project,
    shown: Option<MeetingKey>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let selected_text = shown
            .and_then(|key| project.meeting(key))
            .map_or("No meeting".to_owned(), meeting_title);
        egui::ComboBox::from_id_salt("meeting-picker")
            .selected_text(selected_text)
            .width(260.0)
            .show_ui(ui, |ui| {
                for meeting in project.meetings.iter().rev() {
                    let mut text = meeting_title(meeting);
                    if project.current_meeting == Some(meeting.key) {
                        text.push_str(" (running)");
                    }
                    if ui.selectable_label(shown == Some(meeting.key), text).clicked() {
                        view.minutes.meeting = Some(meeting.key);
                    }
                }
            })
            .response
            .on_hover_text("Meeting");
        if ui.button("New meeting").clicked() {
            actions.push(Action::NewMeeting);
        }
        if let Some(key) = shown {
            ui.menu_button("Export minutes", |ui| {
                if ui.button("Word document (.docx)…").clicked() {
                    actions.push(Action::ExportMinutes {
                        meeting: key,
                        kind: crate::shell::FileKind::Word,
                    });
                }
                if ui.button("Markdown (.md)…").clicked() {
                    actions.push(Action::ExportMinutes {
                        meeting: key,
                        kind: crate::shell::FileKind::Markdown,
                    });
                }
            });
            if project.current_meeting == Some(key) {
                let since = project
                    .meeting(key)
                    .and_then(|m| m.start)
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default();
                ui.label(
                    RichText::new(format!("{} Running since {since}", <&str>::from(icons::ICON_FIBER_MANUAL_RECORD)))
                        .color(ui.visuals().error_fg_color),
                );
                if ui.button("End meeting").clicked() {
                    actions.push(Action::EndMeeting(key));
                }
            } else if ui
                .button("Start meeting")
                .on_hover_text("Stamp entries with the time and record hazards raised and discussed in this meeting")
                .clicked()
            {
                actions.push(Action::StartMeeting(key));
            }
        }
    });
}

fn details_ui(ui: &mut Ui, project: &Project, meeting: &Meeting, actions: &mut Vec<Action>) {
    let mut draft = Draft::of(meeting);
    egui::Grid::new(("meeting-grid", meeting.key.0))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label("Title");
            let r = text_field(
                ui,
                egui::TextEdit::singleline(&mut draft.value.title)
                    .hint_text("Meeting title")
                    .desired_width(f32::INFINITY),
                "Meeting title",
                false,
            );
            draft.changes.track("title", &r);
            ui.end_row();

            ui.label("Kind");
            let before = draft.value.kind;
            egui::ComboBox::from_id_salt(("meeting-kind", meeting.key.0))
                .selected_text(draft.value.kind.label())
                .show_ui(ui, |ui| {
                    for kind in MeetingKind::ALL {
                        ui.selectable_value(&mut draft.value.kind, kind, kind.label());
                    }
                })
                .response
                .on_hover_text("Kind of meeting");
            draft.changes.mark("kind", draft.value.kind != before);
            ui.end_row();

            ui.label("Date");
            draft.changes.note(
                "date",
                super::widgets::date_field(
                    ui,
                    ("date-text", meeting.key.0),
                    "Meeting date",
                    &mut draft.value.date,
                ),
            );
            ui.end_row();
            ui.label("Time");
            ui.horizontal(|ui| {
                draft.changes.note(
                    "start time",
                    time_field(ui, "Start time", &mut draft.value.start),
                );
                ui.label("to");
                draft
                    .changes
                    .note("end time", time_field(ui, "End time", &mut draft.value.end));
            });
            ui.end_row();

            ui.label("Location");
            let r = text_field(
                ui,
                egui::TextEdit::singleline(&mut draft.value.location)
                    .hint_text("Room or call link")
                    .desired_width(f32::INFINITY),
                "Location or call link",
                false,
            );
            draft.changes.track("location", &r);
            ui.end_row();

            ui.label("Scope");
            let r = text_field(
                ui,
                egui::TextEdit::multiline(&mut draft.value.scope)
                    .hint_text("System, version, workflows covered")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
                "Scope",
                true,
            );
            draft.changes.track("scope", &r);
            ui.end_row();

            ui.label("Facilitator");
            draft.changes.note(
                "facilitator",
                person_picker(ui, project, "Facilitator", &mut draft.value.facilitator),
            );
            ui.end_row();
            ui.label("Note-taker");
            draft.changes.note(
                "note-taker",
                person_picker(ui, project, "Note-taker", &mut draft.value.note_taker),
            );
            ui.end_row();
        });
    ui.label(RichText::new("Agenda").strong());
    draft.changes.note(
        "agenda",
        string_list_ui(ui, "agenda item", &mut draft.value.agenda),
    );

    draft.finish(meeting, actions, |value, field| {
        meeting_ops::update_meeting(project, value, field)
    });
}

fn time_field(ui: &mut Ui, name: &str, time: &mut Option<chrono::NaiveTime>) -> FieldChange {
    super::widgets::parsed_field(
        ui,
        ("time-text", name),
        name,
        "hh:mm",
        56.0,
        time,
        |t| t.format("%H:%M").to_string(),
        |text| chrono::NaiveTime::parse_from_str(text, "%H:%M").ok(),
        "Not a time (hh:mm)",
    )
}

pub fn person_picker(
    ui: &mut Ui,
    project: &Project,
    name: &str,
    person: &mut Option<PersonKey>,
) -> FieldChange {
    let before = *person;
    let text = person
        .and_then(|key| project.person(key))
        .map_or("Nobody".to_owned(), |p| p.name.clone());
    egui::ComboBox::from_id_salt(("person", name))
        .selected_text(text)
        .show_ui(ui, |ui| {
            ui.selectable_value(person, None, "Nobody");
            for p in &project.people {
                ui.selectable_value(person, Some(p.key), &p.name);
            }
        })
        .response
        .on_hover_text(name);
    FieldChange {
        changed: *person != before,
        finished: true,
    }
}

fn attendance_ui(
    ui: &mut Ui,
    project: &Project,
    meeting: &Meeting,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    egui::Grid::new(("attendance-grid", meeting.key.0))
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for attendance in &meeting.attendance {
                let Some(person) = project.person(attendance.person) else {
                    continue;
                };
                let mut who = person.name.clone();
                if !person.role.is_empty() {
                    who.push_str(&format!(", {}", person.role));
                }
                if !person.organisation.is_empty() {
                    who.push_str(&format!(" ({})", person.organisation));
                }
                ui.label(who);
                let mut status = attendance.status;
                egui::ComboBox::from_id_salt(("attendance", meeting.key.0, person.key.0))
                    .selected_text(status.label())
                    .show_ui(ui, |ui| {
                        for option in AttendanceStatus::ALL {
                            ui.selectable_value(&mut status, option, option.label());
                        }
                    })
                    .response
                    .on_hover_text(format!("Attendance of {}", person.name));
                if status != attendance.status {
                    actions.push(Action::Edit(meeting_ops::set_attendance(
                        project,
                        meeting.key,
                        person.key,
                        status,
                    )));
                }
                if super::widgets::icon_button(
                    ui,
                    icons::ICON_CLOSE,
                    &format!("Remove {} from this meeting", person.name),
                    true,
                )
                .clicked()
                {
                    actions.push(Action::Edit(meeting_ops::remove_attendance(
                        project,
                        meeting.key,
                        person.key,
                    )));
                }
                ui.end_row();
            }
        });
    // Typing a name offers the people already in the directory; Enter adds the first match
    // or, if nobody matches, a new person.
    let response = text_field(
        ui,
        egui::TextEdit::singleline(&mut view.minutes.attendee_text)
            .hint_text("Add attendee: type a name, Enter")
            .desired_width(260.0),
        "Add attendee",
        false,
    );
    let typed = view.minutes.attendee_text.trim().to_lowercase();
    let matches: Vec<_> = if typed.is_empty() {
        Vec::new()
    } else {
        project
            .people
            .iter()
            .filter(|p| {
                p.name.to_lowercase().contains(&typed) && meeting.attendance_of(p.key).is_none()
            })
            .take(6)
            .collect()
    };
    let mut chosen: Option<String> = None;
    if !matches.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Existing:").weak());
            for person in &matches {
                let text = if person.role.is_empty() {
                    person.name.clone()
                } else {
                    format!("{} ({})", person.name, person.role)
                };
                if ui.button(text).clicked() {
                    chosen = Some(person.name.clone());
                }
            }
        });
    }
    if response.lost_focus() && ui.input(|i| PaneKey::AddLine.pressed(i)) && !typed.is_empty() {
        chosen = Some(matches.first().map_or_else(
            || view.minutes.attendee_text.trim().to_owned(),
            |p| p.name.clone(),
        ));
        response.request_focus();
    }
    if let Some(name) = chosen {
        view.minutes.attendee_text.clear();
        actions.push(Action::AddAttendee {
            meeting: meeting.key,
            name,
        });
    }
}

fn entries_ui(
    ui: &mut Ui,
    project: &Project,
    mentions: &Mentions,
    meeting: &Meeting,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    if meeting.entries.is_empty() {
        ui.label(RichText::new("No minutes yet: type below.").weak());
        return;
    }
    let len = meeting.entries.len();
    let mut reorder = None;
    let mut hovered = None;
    // Out of the view state while the lines (which read and write it) are drawn.
    let mut lines = std::mem::take(&mut view.minutes.lines);
    lines.begin(ui);
    for (index, entry) in meeting.entries.iter().enumerate() {
        let in_use = view.minutes.selected_entry == Some(entry.key)
            || view
                .minutes
                .editing
                .as_ref()
                .is_some_and(|(key, _)| *key == entry.key);
        let row = lines.row(ui, entry.key, in_use, |ui| {
            ui.horizontal_wrapped(|ui| {
                // The line's handle: a click or Tab selects the line and shows its controls, so
                // a screen reader finds them by name on the focused line.
                let selected = view.minutes.selected_entry == Some(entry.key);
                let time = entry
                    .time
                    .map_or_else(|| "--:--".into(), |t| t.format("%H:%M").to_string());
                let handle = ui.add(egui::Button::selectable(
                    selected,
                    RichText::new(time).monospace().weak(),
                ));
                let name = format!("Minute line {}", index + 1);
                handle.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Button, true, selected, &name)
                });
                let handle = handle.on_hover_text("Select this line to edit, move or delete it");
                if handle.clicked() || handle.has_focus() {
                    view.minutes.selected_entry = Some(entry.key);
                }
                kind_chip_ui(ui, entry.kind);
                let editing = view
                    .minutes
                    .editing
                    .as_ref()
                    .is_some_and(|(key, _)| *key == entry.key);
                if editing {
                    edit_entry_ui(ui, project, meeting, entry, view, actions);
                    return;
                }
                entry_text_ui(ui, project, mentions, meeting.key, entry, actions);
                if let Some(hazard) = entry.about.and_then(|key| project.hazard(key)) {
                    let name = format!("About {}: show it", hazard.display_id);
                    let link = ui
                        .link(format!("about {}", hazard.display_id))
                        .on_hover_text(format!("Typed while {} was discussed", hazard.title()));
                    link.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &name));
                    if link.clicked() {
                        actions.push(Action::Select(Some(hazard.key)));
                    }
                }
                if let Some(hazard) = entry.hazard.and_then(|key| project.hazard(key))
                    && ui
                        .link(format!("Raised as {}", hazard.display_id))
                        .clicked()
                {
                    actions.push(Action::Select(Some(hazard.key)));
                }
                let shown = view.minutes.selected_entry == Some(entry.key)
                    || view.minutes.hovered_entry == Some(entry.key);
                if shown {
                    let (op, focused) =
                        line_controls_ui(ui, project, meeting, entry, index, len, view, actions);
                    reorder = op.or(reorder.take());
                    if focused {
                        view.minutes.selected_entry = Some(entry.key);
                    }
                }
            })
        });
        if row.is_some_and(|row| ui.rect_contains_pointer(row.response.rect)) {
            hovered = Some(entry.key);
        }
    }
    view.minutes.lines = lines;
    if hovered != view.minutes.hovered_entry {
        view.minutes.hovered_entry = hovered;
        ui.ctx().request_repaint();
    }
    if let Some(super::widgets::ItemOp::Remove(index)) = reorder {
        let entry = meeting.entries[index].key;
        actions.push(Action::Edit(meeting_ops::delete_entry(
            project,
            meeting.key,
            entry,
        )));
    } else if let Some(op) = reorder {
        let mut draft = meeting.clone();
        op.apply(&mut draft.entries);
        let mut edit = meeting_ops::update_meeting(project, draft, "minutes order");
        edit.coalesce = None;
        actions.push(Action::Edit(edit));
    }
}

/// The edit controls of one minute line, shown only on the hovered and the selected line.
/// Returns a move or delete asked for, and whether one of the controls has the keyboard.
#[allow(clippy::too_many_arguments)]
fn line_controls_ui(
    ui: &mut Ui,
    project: &Project,
    meeting: &Meeting,
    entry: &MinuteEntry,
    index: usize,
    len: usize,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) -> (Option<super::widgets::ItemOp>, bool) {
    use super::widgets::{ItemOp, icon_button};
    let number = index + 1;
    let mut op = None;
    let mut focused = false;
    let edit = icon_button(ui, icons::ICON_EDIT, &format!("Edit entry {number}"), true);
    focused |= edit.has_focus();
    if edit.clicked() {
        view.minutes.editing = Some((entry.key, entry.text.clone()));
        view.minutes.focus_editing = true;
    }
    let up = icon_button(
        ui,
        icons::ICON_ARROW_UPWARD,
        &format!("Move entry {number} up"),
        index > 0,
    );
    focused |= up.has_focus();
    if up.clicked() {
        op = Some(ItemOp::Up(index));
    }
    let down = icon_button(
        ui,
        icons::ICON_ARROW_DOWNWARD,
        &format!("Move entry {number} down"),
        index + 1 < len,
    );
    focused |= down.has_focus();
    if down.clicked() {
        op = Some(ItemOp::Down(index));
    }
    let delete = icon_button(
        ui,
        icons::ICON_DELETE,
        &format!("Delete entry {number}"),
        true,
    );
    focused |= delete.has_focus();
    if delete.clicked() {
        op = Some(ItemOp::Remove(index));
    }
    if entry.hazard.and_then(|key| project.hazard(key)).is_none() {
        let name = format!("Raise entry {number} as a new hazard, linked to it");
        let make = super::widgets::named_small_button(ui, "Make hazard", &name);
        focused |= make.has_focus();
        if make.clicked() {
            actions.push(Action::EntryToHazard {
                meeting: meeting.key,
                entry: entry.key,
            });
        }
    }
    (op, focused)
}

fn edit_entry_ui(
    ui: &mut Ui,
    project: &Project,
    meeting: &Meeting,
    entry: &MinuteEntry,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let Some((_, text)) = view.minutes.editing.as_mut() else {
        return;
    };
    let response = text_field(
        ui,
        egui::TextEdit::singleline(text).desired_width(ui.available_width() - 160.0),
        "Entry text",
        false,
    );
    // Keep asking until the field has the keyboard: the click that opened the editor can
    // still be releasing over empty space, which would otherwise drop the focus again.
    if view.minutes.focus_editing {
        if response.has_focus() {
            view.minutes.focus_editing = false;
        } else {
            response.request_focus();
        }
    }
    let mut kind = entry.kind;
    egui::ComboBox::from_id_salt(("entry-kind", entry.key.0))
        .selected_text(kind.label())
        .show_ui(ui, |ui| {
            for option in EntryKind::ALL {
                ui.selectable_value(&mut kind, option, option.label());
            }
        })
        .response
        .on_hover_text("Kind of entry");
    let done = ui.button("Done").clicked()
        || (response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)));
    let mut draft = Draft::of(meeting);
    if let Some(e) = draft.value.entries.iter_mut().find(|e| e.key == entry.key) {
        e.kind = kind;
        if done {
            e.text = text.trim().to_owned();
        }
    }
    // The text is kept in the view until Done: the entry changes in one step.
    draft
        .changes
        .mark("minute entry", kind != entry.kind || done);
    draft.finish(meeting, actions, |value, field| {
        let mut edit = meeting_ops::update_meeting(project, value, field);
        edit.coalesce = None;
        edit
    });
    if done {
        view.minutes.editing = None;
    }
}

pub fn kind_chip_ui(ui: &mut Ui, kind: EntryKind) {
    let text = match kind {
        EntryKind::NotAHazard => "Not a hazard".to_owned(),
        other => other.label().to_owned(),
    };
    let colour = match kind {
        EntryKind::Decision => egui::Color32::from_rgb(0, 94, 184),
        EntryKind::Action => egui::Color32::from_rgb(150, 60, 0),
        EntryKind::NotAHazard => egui::Color32::from_rgb(0, 110, 60),
        EntryKind::Parked | EntryKind::InformationNeeded => egui::Color32::from_rgb(110, 70, 140),
        EntryKind::Note => ui.visuals().weak_text_color(),
    };
    ui.label(RichText::new(text).strong().color(colour));
}

/// Entry text with hazard ids as links that select the hazard.
fn entry_text_ui(
    ui: &mut Ui,
    project: &Project,
    mentions: &Mentions,
    meeting: MeetingKey,
    entry: &MinuteEntry,
    actions: &mut Vec<Action>,
) {
    // Runs of text and links flow as one sentence.
    let spacing = std::mem::replace(&mut ui.spacing_mut().item_spacing.x, 0.0);
    for part in mentions.parts(project, meeting, entry) {
        match part {
            TextPart::Plain(text) => {
                ui.label(text);
            }
            TextPart::Hazard { text, hazard } => {
                if ui.link(text).on_hover_text(hazard.title()).clicked() {
                    actions.push(Action::Select(Some(hazard.key)));
                }
            }
        }
    }
    ui.spacing_mut().item_spacing.x = spacing;
}

fn capture_ui(ui: &mut Ui, meeting: &Meeting, view: &mut ViewState, actions: &mut Vec<Action>) {
    let state = &mut view.minutes;
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("capture-kind")
            .selected_text(state.capture_kind.label())
            .show_ui(ui, |ui| {
                for kind in EntryKind::ALL {
                    ui.selectable_value(
                        &mut state.capture_kind,
                        kind,
                        format!("{} ({})", kind.label(), kind.prefix()),
                    );
                }
            })
            .response
            .on_hover_text("Kind of the next entry (or type a prefix such as d:)");
        let response = text_field(
            ui,
            egui::TextEdit::singleline(&mut state.capture_text)
                .hint_text(CAPTURE_HINT)
                .desired_width(f32::INFINITY),
            "Minute entry",
            false,
        );
        if state.focus_capture {
            response.request_focus();
            state.focus_capture = false;
        }
        let (add, as_hazard) = ui.input(|i| {
            (
                PaneKey::AddLine.pressed(i),
                PaneKey::AddEntryAsHazard.pressed(i),
            )
        });
        if response.lost_focus() && (add || as_hazard) {
            let line = std::mem::take(&mut state.capture_text);
            if !line.trim().is_empty() {
                let (kind, text) =
                    crate::domain::minutes::parse_entry_input(&line, state.capture_kind);
                if !text.is_empty() {
                    actions.push(Action::AddEntry {
                        meeting: meeting.key,
                        kind,
                        text,
                        as_hazard,
                    });
                }
            }
            response.request_focus();
        }
    });
}
