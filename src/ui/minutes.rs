//! The minutes pane: the project's meetings, who attended, and what was recorded.

use egui::{RichText, Ui};

use super::{Action, Shell, ViewState};
use crate::domain::{AttendanceStatus, Meeting, Project};

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, _view: &mut ViewState, _actions: &mut Vec<Action>) {
    let project = shell.project();
    if project.meetings.is_empty() {
        ui.label("No meetings recorded yet.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("minutes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for meeting in &project.meetings {
                egui::CollapsingHeader::new(RichText::new(meeting_heading(meeting)).strong())
                    .id_salt(("meeting", meeting.key.0))
                    .default_open(true)
                    .show(ui, |ui| meeting_ui(ui, project, meeting));
            }
        });
}

fn meeting_heading(meeting: &Meeting) -> String {
    match meeting.date {
        Some(date) => format!("{} — {}", date.format("%d %b %Y"), meeting.title),
        None => meeting.title.clone(),
    }
}

fn people_list(project: &Project, meeting: &Meeting, status: AttendanceStatus) -> String {
    meeting
        .people_with(status)
        .filter_map(|key| project.person(key))
        .map(|p| {
            if p.role.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.role)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn meeting_ui(ui: &mut Ui, project: &Project, meeting: &Meeting) {
    let mut facts = vec![meeting.kind.label().to_owned()];
    if let (Some(start), Some(end)) = (meeting.start, meeting.end) {
        facts.push(format!("{}–{}", start.format("%H:%M"), end.format("%H:%M")));
    }
    if !meeting.location.is_empty() {
        facts.push(meeting.location.clone());
    }
    ui.label(RichText::new(facts.join(" · ")).weak());
    if !meeting.scope.is_empty() {
        ui.label(format!("Scope: {}", meeting.scope));
    }
    for (status, title) in [
        (AttendanceStatus::Present, "Present"),
        (AttendanceStatus::Apologies, "Apologies"),
    ] {
        let people = people_list(project, meeting, status);
        if !people.is_empty() {
            ui.label(format!("{title}: {people}"));
        }
    }
    egui::Grid::new(("entries", meeting.key.0))
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for entry in &meeting.entries {
                ui.label(
                    entry
                        .time
                        .map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_default(),
                );
                ui.label(RichText::new(entry.kind.label()).strong());
                ui.label(&entry.text);
                ui.end_row();
            }
        });
}
