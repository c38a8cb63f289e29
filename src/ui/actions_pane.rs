//! The actions pane: every action item across meetings, with filters; overdue ones stand out.

use chrono::{Local, NaiveDate};
use egui::{RichText, Ui};
use egui_material_icons::icons;

use super::draft::Draft;
use super::minutes::person_picker;
use super::widgets::{FieldChange, text_field};
use super::{Action, Shell, ViewState};
use crate::domain::{ActionItem, ActionStatus, PersonKey, Project};
use crate::edit::meeting_ops;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActionFilter {
    #[default]
    Open,
    Overdue,
    All,
}

#[derive(Default)]
pub struct ActionsState {
    pub filter: ActionFilter,
    pub owner: Option<PersonKey>,
}

fn shows(action: &ActionItem, state: &ActionsState, today: NaiveDate) -> bool {
    let by_status = match state.filter {
        ActionFilter::Open => action.status == ActionStatus::Open,
        ActionFilter::Overdue => action.is_overdue(today),
        ActionFilter::All => true,
    };
    by_status && state.owner.is_none_or(|owner| action.owner == Some(owner))
}

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, view: &mut ViewState, actions: &mut Vec<Action>) {
    let project = shell.project();
    let today = Local::now().date_naive();
    let state = &mut view.actions;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut state.filter, ActionFilter::Open, "Open");
        ui.selectable_value(&mut state.filter, ActionFilter::Overdue, "Overdue");
        ui.selectable_value(&mut state.filter, ActionFilter::All, "All");
        ui.separator();
        let owner_text = state
            .owner
            .and_then(|key| project.person(key))
            .map_or("Any owner".to_owned(), |p| p.name.clone());
        egui::ComboBox::from_id_salt("action-owner-filter")
            .selected_text(owner_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.owner, None, "Any owner");
                for person in &project.people {
                    ui.selectable_value(&mut state.owner, Some(person.key), &person.name);
                }
            })
            .response
            .on_hover_text("Filter actions by owner");
    });
    let shown: Vec<&ActionItem> = project
        .actions
        .iter()
        .filter(|a| shows(a, state, today))
        .collect();
    let overdue = project
        .actions
        .iter()
        .filter(|a| a.is_overdue(today))
        .count();
    ui.label(format!(
        "Showing {} of {} actions · {overdue} overdue",
        shown.len(),
        project.actions.len()
    ));
    egui::ScrollArea::vertical()
        .id_salt("actions")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for action in shown {
                egui::Frame::group(ui.style())
                    .show(ui, |ui| action_ui(ui, project, action, today, actions));
            }
        });
}

fn action_ui(
    ui: &mut Ui,
    project: &Project,
    action: &ActionItem,
    today: NaiveDate,
    actions: &mut Vec<Action>,
) {
    let mut draft = Draft::of(action);
    ui.horizontal(|ui| {
        if action.is_overdue(today) {
            ui.label(
                RichText::new(format!("{} Overdue", <&str>::from(icons::ICON_WARNING)))
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
        }
        let r = text_field(
            ui,
            egui::TextEdit::multiline(&mut draft.value.description)
                .hint_text("Action")
                .desired_rows(1)
                .desired_width(f32::INFINITY),
            "Action description",
            true,
        );
        draft.changes.track("description", &r);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Owner");
        let owner = person_picker(
            ui,
            project,
            &format!("Owner of “{}”", short(&action.description)),
            &mut draft.value.owner,
        );
        draft.changes.note("owner", owner);
        ui.label("Due");
        let due = due_field(ui, action, &mut draft.value.due);
        draft.changes.note("due date", due);
        let before = draft.value.status;
        egui::ComboBox::from_id_salt(("action-status", action.key.0))
            .selected_text(draft.value.status.label())
            .show_ui(ui, |ui| {
                for status in [
                    ActionStatus::Open,
                    ActionStatus::Done,
                    ActionStatus::Cancelled,
                ] {
                    ui.selectable_value(&mut draft.value.status, status, status.label());
                }
            })
            .response
            .on_hover_text(format!("Status of “{}”", short(&action.description)));
        draft.changes.mark("status", draft.value.status != before);
        let test_issue = ui
            .checkbox(&mut draft.value.test_issue, "Test issue")
            .on_hover_text("Listed under Test issues in the safety case report");
        draft.changes.mark("test issue", test_issue.changed());
        if let Some(meeting) = action.raised_in.and_then(|key| project.meeting(key)) {
            ui.label(RichText::new(format!("raised in {}", meeting.title)).weak());
        }
        for hazard in action.hazards.iter().filter_map(|key| project.hazard(*key)) {
            if ui
                .link(&hazard.display_id)
                .on_hover_text(hazard.title())
                .clicked()
            {
                actions.push(Action::Select(Some(hazard.key)));
            }
        }
    });
    reports_ui(ui, project, action);
    draft.finish(action, actions, |value, field| {
        meeting_ops::update_action(project, value, field)
    });
}

/// What the owner reported in returned action packs, oldest first.
fn reports_ui(ui: &mut Ui, project: &Project, action: &ActionItem) {
    for report in project
        .action_reports
        .iter()
        .filter(|r| r.action == action.key)
    {
        let mut said = Vec::new();
        if let Some(status) = report.status {
            said.push(format!("status {}", status.label()));
        }
        if !report.note.is_empty() {
            said.push(format!("“{}”", report.note));
        }
        if !report.evidence.is_empty() {
            said.push(format!("evidence: {}", report.evidence));
        }
        if let Some(done) = report.date_done {
            said.push(format!("done {}", done.format("%-d %b %Y")));
        }
        ui.label(
            RichText::new(format!(
                "Reported by {} ({}): {}",
                report.reported_by,
                report.received.format("%-d %b %Y"),
                said.join("; ")
            ))
            .weak(),
        );
    }
}

fn due_field(ui: &mut Ui, action: &ActionItem, due: &mut Option<NaiveDate>) -> FieldChange {
    let name = format!("Due date of “{}”", short(&action.description));
    super::widgets::date_field(ui, ("due", action.key.0), &name, due)
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ActionKey;

    #[test]
    fn filters_by_status_overdue_and_owner() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let action = |key, status, due: Option<NaiveDate>, owner| ActionItem {
            key: ActionKey(key),
            description: String::new(),
            owner,
            due,
            status,
            raised_in: None,
            hazards: vec![],
            test_issue: false,
        };
        let past = NaiveDate::from_ymd_opt(2026, 11, 1);
        let items = [
            action(1, ActionStatus::Open, past, Some(PersonKey(7))),
            action(2, ActionStatus::Open, None, None),
            action(3, ActionStatus::Done, past, Some(PersonKey(7))),
        ];
        let keys = |state: ActionsState| -> Vec<u64> {
            items
                .iter()
                .filter(|a| shows(a, &state, today))
                .map(|a| a.key.0)
                .collect()
        };
        assert_eq!(
            keys(ActionsState {
                filter: ActionFilter::Open,
                owner: None
            }),
            [1, 2]
        );
        assert_eq!(
            keys(ActionsState {
                filter: ActionFilter::Overdue,
                owner: None
            }),
            [1]
        );
        assert_eq!(
            keys(ActionsState {
                filter: ActionFilter::All,
                owner: Some(PersonKey(7))
            }),
            [1, 3]
        );
    }
}
