//! The meeting's review queue in the minutes pane: hazards and walk steps to go through in
//! order, built from the selection, the list's filters or a step, reordered, removed and marked
//! reviewed; every change goes through the edit path.

use egui::{RichText, Ui};

use super::{Action, Shell, ViewState};
use crate::domain::{AgendaItem, AgendaTarget, Meeting, Project};
use crate::edit::meeting_ops;
use crate::shell::Command;

pub(super) fn queue_heading(project: &Project, meeting: &Meeting) -> String {
    if meeting.queue.is_empty() {
        return "Agenda: review queue (empty)".to_owned();
    }
    let progress = crate::domain::QueueProgress::of(meeting, project);
    format!("Agenda: review queue ({})", progress.text())
}

/// The meeting's review queue: hazards (and walk steps) to go through in order, built from the
/// selection, the list's search and filters, or a step's hazards; each item reordered, removed
/// or marked reviewed by hand, every change undoable.
pub(super) fn queue_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    meeting: &Meeting,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let project = shell.project();
    // Looked up once a frame for every listed hazard: a set, not a scan of the queue.
    let queued_set: std::collections::HashSet<&AgendaTarget> =
        meeting.queue.iter().map(|item| &item.target).collect();
    let queued = |target: &AgendaTarget| queued_set.contains(target);
    let add = |items: Vec<AgendaTarget>, label: String, actions: &mut Vec<Action>| {
        let mut queue = meeting.queue.clone();
        queue.extend(items.into_iter().map(AgendaItem::new));
        actions.push(Action::Edit(meeting_ops::set_queue(
            project,
            meeting.key,
            queue,
            label,
        )));
    };
    ui.horizontal_wrapped(|ui| {
        let selected = view.selected.and_then(|key| project.hazard(key));
        let target = selected.map(|h| AgendaTarget::Hazard(h.key));
        let can_add = target.as_ref().is_some_and(|t| !queued(t));
        let hover = selected.map_or("Select a hazard first".to_owned(), |h| {
            format!("Add {} to the end of the review queue", h.display_id)
        });
        if ui
            .add_enabled(can_add, egui::Button::new("Add selected hazard"))
            .on_hover_text(hover)
            .on_disabled_hover_text("No hazard selected, or it is already queued")
            .clicked()
            && let (Some(target), Some(hazard)) = (target, selected)
        {
            add(
                vec![target],
                format!("add {} to the agenda", hazard.display_id),
                actions,
            );
        }
        let listed = |view: &mut ViewState| -> Vec<AgendaTarget> {
            view.list
                .visible_rows(project, shell.doc.revision())
                .iter()
                .map(|&i| AgendaTarget::Hazard(project.hazards[i].key))
                .filter(|t| !queued(t))
                .collect()
        };
        // Counted once per change of the document or the list's query, not every frame.
        let revision = shell.doc.revision();
        let count = match &view.minutes.listed_not_queued {
            Some((at, query, key, count))
                if *at == revision && *query == view.list.query && *key == meeting.key =>
            {
                *count
            }
            _ => {
                let count = listed(view).len();
                let query = view.list.query.clone();
                view.minutes.listed_not_queued = Some((revision, query, meeting.key, count));
                count
            }
        };
        let text = format!("Add listed hazards ({count})");
        if ui
            .add_enabled(count > 0, egui::Button::new(text))
            .on_hover_text(
                "Add every hazard the hazard list shows now (its search and filters) that is not \
                 queued yet, in the list's order",
            )
            .clicked()
        {
            let listed = listed(view);
            let label = format!("add {} hazards to the agenda", listed.len());
            add(listed, label, actions);
        }
        let technique = &project.technique;
        if technique.active_steps().next().is_some() {
            ui.menu_button("Add a step", |ui| {
                for step in technique.active_steps() {
                    let as_step = AgendaTarget::Step(step.key);
                    let text = format!("Walk step {}", step.name);
                    if ui
                        .add_enabled(!queued(&as_step), egui::Button::new(text))
                        .clicked()
                    {
                        add(
                            vec![as_step],
                            format!("add step {} to the agenda", step.name),
                            actions,
                        );
                    }
                    let mut raised: Vec<AgendaTarget> = Vec::new();
                    for cell in technique.coverage.iter().filter(|c| c.step == step.key) {
                        for hazard in &cell.hazards {
                            let target = AgendaTarget::Hazard(*hazard);
                            let live = project
                                .hazard(*hazard)
                                .is_some_and(|h| !h.status.is_withdrawn());
                            if live && !queued(&target) && !raised.contains(&target) {
                                raised.push(target);
                            }
                        }
                    }
                    let text = format!("Hazards raised at {} ({})", step.name, raised.len());
                    if ui
                        .add_enabled(!raised.is_empty(), egui::Button::new(text))
                        .clicked()
                    {
                        let label = format!("add the hazards of step {} to the agenda", step.name);
                        add(raised, label, actions);
                    }
                }
            });
        }
    });
    if meeting.queue.is_empty() {
        ui.label(
            RichText::new("Nothing queued: add the hazards the meeting is to go through.").weak(),
        );
        return;
    }
    let current = meeting.queue_position(view.selected, view.minutes.agenda_at);
    let len = meeting.queue.len();
    let mut op = None;
    let mut rows = std::mem::take(&mut view.minutes.queue_rows);
    rows.begin(ui);
    for (index, item) in meeting.queue.iter().enumerate() {
        rows.row(ui, index, current == Some(index), |ui| {
            ui.horizontal(|ui| {
                // Never wider than the pane: a long name is shortened (in full on hover), so the
                // minutes below keep wrapping at the pane's edge.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                op = super::widgets::item_buttons_ui(ui, "agenda item", index, len).or(op.take());
                let what = item.target.describe(project);
                let mut reviewed = item.reviewed;
                let name = format!("{what} reviewed");
                let tick = ui.add(egui::Checkbox::without_text(&mut reviewed));
                tick.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, true, reviewed, &name)
                });
                if tick.changed() {
                    let mut queue = meeting.queue.clone();
                    queue[index].reviewed = reviewed;
                    let label = if reviewed {
                        format!("mark {what} reviewed")
                    } else {
                        format!("mark {what} not reviewed")
                    };
                    actions.push(Action::Edit(meeting_ops::set_queue(
                        project,
                        meeting.key,
                        queue,
                        label,
                    )));
                }
                let text = match &item.target {
                    AgendaTarget::Hazard(key) => match project.hazard(*key) {
                        Some(h) if h.initial_rating(&project.matrix).is_none() => {
                            format!("{}  {} (unscored)", h.display_id, h.name)
                        }
                        Some(h) => format!("{}  {}", h.display_id, h.name),
                        None => what.clone(),
                    },
                    AgendaTarget::Step(_) => format!("Walk {what}"),
                };
                let at = current == Some(index);
                let mut text = RichText::new(text);
                if item.reviewed {
                    text = text.weak();
                }
                let full = text.text().to_owned();
                let go = ui
                    .selectable_label(at, text)
                    .on_hover_text(format!("{full}: go to it (the presenter follows)"));
                if go.clicked() {
                    actions.push(Action::GoToAgendaItem {
                        meeting: meeting.key,
                        index,
                    });
                }
            })
        });
    }
    view.minutes.queue_rows = rows;
    ui.horizontal_wrapped(|ui| {
        for command in [Command::PreviousAgendaItem, Command::NextAgendaItem] {
            let text = format!("{} ({})", command.text(), command.shortcut_text(ui.ctx()));
            if ui.button(text).clicked() {
                actions.push(Action::Command(command));
            }
        }
    });
    if let Some(op) = op {
        let label = match op {
            super::widgets::ItemOp::Remove(i) => {
                format!(
                    "remove {} from the agenda",
                    meeting.queue[i].target.describe(project)
                )
            }
            _ => "reorder the agenda".to_owned(),
        };
        let mut queue = meeting.queue.clone();
        op.apply(&mut queue);
        actions.push(Action::Edit(meeting_ops::set_queue(
            project,
            meeting.key,
            queue,
            label,
        )));
    }
}
