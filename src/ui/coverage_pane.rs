//! The coverage grid pane: steps x prompts with each cell's state in words, the counts, the
//! current cell with its hazards and reasons and the marks the room can record, and the closing
//! sweep.

use egui::{RichText, Ui};

use super::walk::WalkState;
use super::{Action, Shell, ViewState};
use crate::domain::Project;
use crate::domain::technique::{CellMark, CellState, CoverageGrid, StateCounts, closing_sweep};
use crate::shell::Command;

/// Short text for a cell: readable without colour.
fn cell_text(state: CellState) -> String {
    match state {
        CellState::NotYet => "·".to_owned(),
        CellState::HazardsRaised(n) => format!("{n} hz"),
        CellState::NoCredibleHazard => "NCH".to_owned(),
        CellState::Parked => "P".to_owned(),
        CellState::NotApplicable => "N/A".to_owned(),
    }
}

/// The full words, for the accessible name and the tooltip.
fn state_words(state: CellState) -> String {
    match state {
        CellState::HazardsRaised(n) => format!("{n} hazard{}", if n == 1 { "" } else { "s" }),
        other => other.label().to_owned(),
    }
}

fn counts_text(counts: &StateCounts) -> String {
    format!(
        "{} not yet, {} with hazards ({} links), {} no credible hazard, {} parked, {} not applicable",
        counts.not_yet,
        counts.hazards_raised,
        counts.hazard_links,
        counts.no_credible_hazard,
        counts.parked,
        counts.not_applicable
    )
}

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, view: &mut ViewState, actions: &mut Vec<Action>) {
    let project = shell.project();
    let grid = view.walk.grid(shell.doc);
    if grid.steps.is_empty() || grid.columns.is_empty() {
        ui.label(
            "No coverage grid yet: add workflow steps and choose prompt decks \
             (Workshop > Scope and decks…).",
        );
        return;
    }
    let not_yet = grid.not_yet_covered();
    ui.label(
        RichText::new(format!(
            "{not_yet} cell{} not yet covered",
            if not_yet == 1 { "" } else { "s" }
        ))
        .strong(),
    );
    for deck in project.technique.chosen_decks() {
        ui.label(format!(
            "{}: {}",
            deck.name,
            counts_text(&grid.deck_counts(&deck.id))
        ));
    }
    ui.separator();
    walk_controls_ui(ui, shell, view, actions);
    ui.separator();
    let sweep_height = 110.0;
    let grid_height = (ui.available_height() - sweep_height).max(120.0);
    egui::ScrollArea::both()
        .id_salt("coverage-grid")
        .max_height(grid_height)
        .auto_shrink([false, true])
        .show(ui, |ui| grid_ui(ui, project, &grid, &mut view.walk));
    ui.separator();
    sweep_ui(ui, project);
}

fn walk_controls_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let project = shell.project();
    ui.horizontal_wrapped(|ui| {
        for command in [
            Command::PreviousPrompt,
            Command::NextPrompt,
            Command::NextStep,
        ] {
            if super::command_button(ui, shell, command, command.text()) {
                actions.push(Action::Command(command));
            }
        }
    });
    let Some((step, prompt)) = view.walk.current_cell(project) else {
        ui.label("No cell is current: click one, or press Next prompt.");
        return;
    };
    super::walk::current_line_ui(ui, project, &view.walk);
    if let Some((deck, family, p)) = project.technique.prompt(&prompt) {
        ui.label(format!("{} · {} — {}", deck.name, family.name, p.hint));
    }
    if let Some(record) = project.technique.cell(step, &prompt) {
        for key in &record.hazards {
            if let Some(h) = project.hazard(*key) {
                let text = format!("{} {}", h.display_id, h.name);
                if ui.link(text).clicked() {
                    actions.push(Action::Select(Some(h.key)));
                }
            }
        }
        if let Some(mark) = &record.mark {
            let text = mark.text();
            ui.label(if text.is_empty() {
                mark.label().to_owned()
            } else {
                format!("{}: {text}", mark.label())
            });
        }
    }
    let read_only = shell.read_only;
    ui.add_enabled_ui(!read_only, |ui| {
        super::widgets::text_field(
            ui,
            egui::TextEdit::singleline(&mut view.walk.reason)
                .hint_text("Reason (one line)")
                .desired_width(f32::INFINITY),
            "Reason (one line)",
            false,
        );
        ui.horizontal_wrapped(|ui| {
            let reason = view.walk.reason.trim().to_owned();
            let no_credible = ui
                .add_enabled(!reason.is_empty(), egui::Button::new("No credible hazard"))
                .on_disabled_hover_text("Type the reason first");
            if no_credible.clicked() {
                actions.push(Action::MarkCell(Some(CellMark::NoCredibleHazard {
                    reason: reason.clone(),
                })));
            }
            if ui.button("Parked").clicked() {
                actions.push(Action::MarkCell(Some(CellMark::Parked {
                    note: reason.clone(),
                })));
            }
            if ui.button("Not applicable").clicked() {
                actions.push(Action::MarkCell(Some(CellMark::NotApplicable {
                    reason: reason.clone(),
                })));
            }
        });
    });
}

fn grid_ui(ui: &mut Ui, project: &Project, grid: &CoverageGrid, walk: &mut WalkState) {
    let current = walk.current_in(grid);
    let mut clicked = None;
    egui::Grid::new("coverage-cells")
        .striped(true)
        .spacing([4.0, 2.0])
        .show(ui, |ui| {
            ui.label("Step");
            ui.label("Covered");
            for (i, column) in grid.columns.iter().enumerate() {
                let question = project
                    .technique
                    .prompt(&column.prompt)
                    .map(|(_, _, p)| p.question.as_str())
                    .unwrap_or("");
                ui.label(format!("P{}", i + 1)).on_hover_text(question);
            }
            ui.end_row();
            for (row, step) in grid.steps.iter().enumerate() {
                let name = project
                    .technique
                    .step(*step)
                    .map(|s| s.name.as_str())
                    .unwrap_or("");
                ui.label(name);
                let counts = grid.step_counts(row);
                ui.label(format!(
                    "{}/{}",
                    counts.cells - counts.not_yet,
                    counts.cells
                ))
                .on_hover_text(counts_text(&counts));
                for column in 0..grid.columns.len() {
                    let state = grid.state(row, column);
                    let is_current = current == Some((row, column));
                    let response = ui
                        .selectable_label(is_current, cell_text(state))
                        .on_hover_text(state_words(state));
                    let label = format!("{name} × P{}: {}", column + 1, state_words(state));
                    ui.ctx().accesskit_node_builder(response.id, |node| {
                        node.set_label(label);
                    });
                    if response.clicked() {
                        clicked = Some((row, column));
                    }
                }
                ui.end_row();
            }
        });
    if let Some((row, column)) = clicked
        && let (Some(step), Some(col)) = (grid.steps.get(row), grid.columns.get(column))
    {
        walk.current = Some((*step, col.prompt.clone()));
        walk.reason.clear();
    }
}

fn sweep_ui(ui: &mut Ui, project: &Project) {
    let gaps = closing_sweep(project);
    if gaps.is_empty() {
        ui.label("Closing sweep: every family has a hazard or a recorded reason.");
        return;
    }
    ui.label(
        RichText::new(format!(
            "Closing sweep: {} famil{} with neither a hazard nor a reason",
            gaps.len(),
            if gaps.len() == 1 { "y" } else { "ies" }
        ))
        .strong(),
    );
    egui::ScrollArea::vertical()
        .id_salt("closing-sweep")
        .max_height(80.0)
        .show(ui, |ui| {
            for gap in gaps {
                ui.label(format!("{}: {}", gap.deck_name, gap.family_name));
            }
        });
}
