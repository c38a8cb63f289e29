//! The people pane: the project's directory of people, and attendance as people x meetings.

use egui::{RichText, Ui};

use super::draft::Draft;
use super::widgets::text_field;
use super::{Action, Shell, ViewState};
use crate::domain::{AttendanceStatus, Person};
use crate::edit::meeting_ops;

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, _view: &mut ViewState, actions: &mut Vec<Action>) {
    let project = shell.project();
    egui::ScrollArea::both()
        .id_salt("people")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(RichText::new("Attendance").strong());
            if project.people.is_empty() {
                ui.label("Nobody yet: add attendees in the Minutes pane.");
            }
            egui::Grid::new("attendance-matrix")
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("Person").strong());
                    for meeting in &project.meetings {
                        let date = meeting
                            .date
                            .map(|d| d.format("%d %b %y").to_string())
                            .unwrap_or_default();
                        ui.label(RichText::new(date).strong())
                            .on_hover_text(&meeting.title);
                    }
                    ui.end_row();
                    for person in &project.people {
                        ui.label(&person.name);
                        for meeting in &project.meetings {
                            let status = meeting.attendance_of(person.key);
                            let (text, full) = match status {
                                Some(AttendanceStatus::Present) => ("Present", "present"),
                                Some(AttendanceStatus::Apologies) => {
                                    ("Apologies", "sent apologies")
                                }
                                Some(AttendanceStatus::Absent) => ("Absent", "absent"),
                                None => ("—", "not invited"),
                            };
                            let label = ui.label(text);
                            let name = format!("{} at {}: {full}", person.name, meeting.title);
                            label.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Label, true, &name)
                            });
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(10.0);
            ui.label(RichText::new("People").strong());
            egui::Grid::new("people-directory")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    for person in &project.people {
                        person_row_ui(ui, shell, person, actions);
                        ui.end_row();
                    }
                });
        });
}

fn person_row_ui(ui: &mut Ui, shell: &Shell<'_>, person: &Person, actions: &mut Vec<Action>) {
    let mut draft = Draft::of(person);
    for (name, value, width) in [
        ("name", &mut draft.value.name, 160.0),
        ("role", &mut draft.value.role, 180.0),
        ("organisation", &mut draft.value.organisation, 180.0),
        ("email", &mut draft.value.email, 180.0),
    ] {
        let label = format!("{} of {}", super::widgets::capitalise(name), person.name);
        let response = text_field(
            ui,
            egui::TextEdit::singleline(value)
                .hint_text(super::widgets::capitalise(name))
                .desired_width(width),
            &label,
            false,
        );
        draft.changes.track(name, &response);
    }
    draft.finish(person, actions, |value, field| {
        meeting_ops::update_person(shell.project(), value, field)
    });
}
