//! The coverage grid pane: steps x prompts with each cell's state in words, the counts, the
//! current cell with its hazards and reasons and the marks the room can record, and the closing
//! sweep.

use egui::{RichText, Ui};

use super::walk::WalkState;
use super::{Action, Shell, ViewState};
use crate::domain::Project;
use crate::domain::technique::{CellMark, CellState, CoverageGrid, StateCounts};
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
    // The grid first, at most half the pane, so it stays in view in a small pane (a projector
    // at 1024x768); what follows scrolls.
    let not_yet = grid.not_yet_covered();
    ui.label(
        RichText::new(format!(
            "{not_yet} cell{} not yet covered",
            if not_yet == 1 { "" } else { "s" }
        ))
        .strong(),
    );
    let grid_height = (ui.available_height() * 0.5).max(120.0);
    egui::ScrollArea::both()
        .id_salt("coverage-grid")
        .max_height(grid_height)
        .auto_shrink([false, true])
        .show(ui, |ui| grid_ui(ui, project, &grid, &mut view.walk));
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("coverage-walk")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            walk_controls_ui(ui, shell, view, actions);
            ui.separator();
            for deck in project.technique.chosen_decks() {
                ui.label(format!(
                    "{}: {}",
                    deck.name,
                    counts_text(&grid.deck_counts(&deck.id))
                ));
            }
            sweep_ui(ui, &grid);
        });
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
            if super::menus::command_button(ui, shell, command, command.text()) {
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

/// Sizes of the grid's parts, in points: every row and cell the same size, so the visible
/// ones are found by arithmetic and only they are laid out.
struct GridGeometry {
    name_width: f32,
    count_width: f32,
    cell_width: f32,
    row_height: f32,
}

impl GridGeometry {
    fn of(ui: &Ui) -> GridGeometry {
        GridGeometry {
            name_width: 150.0,
            count_width: 72.0,
            cell_width: 44.0,
            row_height: ui.spacing().interact_size.y + 2.0,
        }
    }

    fn cells_left(&self) -> f32 {
        self.name_width + self.count_width
    }

    /// The columns (prompts) and rows (steps, after the header row) inside `viewport`.
    fn visible(
        &self,
        viewport: egui::Rect,
        columns: usize,
        rows: usize,
    ) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let left = ((viewport.min.x - self.cells_left()) / self.cell_width).floor();
        let right = ((viewport.max.x - self.cells_left()) / self.cell_width).ceil();
        let top = (viewport.min.y / self.row_height).floor() - 1.0;
        let bottom = (viewport.max.y / self.row_height).ceil();
        let clamp = |v: f32, max: usize| (v.max(0.0) as usize).min(max);
        (
            clamp(left, columns)..clamp(right, columns),
            clamp(top, rows)..clamp(bottom, rows),
        )
    }
}

/// The grid, virtualised: only the cells in view are laid out, so 50 steps x 200 prompts
/// costs what the visible part costs.
fn grid_ui(ui: &mut Ui, project: &Project, grid: &CoverageGrid, walk: &mut WalkState) {
    let geometry = GridGeometry::of(ui);
    let (columns, rows) = (grid.columns.len(), grid.steps.len());
    let size = egui::vec2(
        geometry.cells_left() + columns as f32 * geometry.cell_width,
        (rows + 1) as f32 * geometry.row_height,
    );
    let current = walk.current_in(grid);
    let mut clicked = None;
    ui.set_width(size.x);
    ui.set_height(size.y);
    let origin = ui.max_rect().min;
    let viewport = ui.clip_rect().translate(-origin.to_vec2());
    let (visible_columns, visible_rows) = geometry.visible(viewport, columns, rows);
    let at = |x: f32, row: usize, width: f32| {
        egui::Rect::from_min_size(
            origin + egui::vec2(x, row as f32 * geometry.row_height),
            egui::vec2(width - 2.0, geometry.row_height - 2.0),
        )
    };
    header_cell_ui(ui, at(0.0, 0, geometry.name_width), "Step");
    header_cell_ui(
        ui,
        at(geometry.name_width, 0, geometry.count_width),
        "Covered",
    );
    for column in visible_columns.clone() {
        let x = geometry.cells_left() + column as f32 * geometry.cell_width;
        let text = format!("P{}", column + 1);
        // The question is looked up only while the header is hovered, not for every column
        // in view every frame.
        header_cell_ui(ui, at(x, 0, geometry.cell_width), &text).on_hover_ui(|ui| {
            if let Some((_, _, prompt)) = project.technique.prompt(&grid.columns[column].prompt) {
                ui.label(&prompt.question);
            }
        });
    }
    for row in visible_rows {
        let name = project
            .technique
            .step(grid.steps[row])
            .map_or("", |s| s.name.as_str());
        header_cell_ui(ui, at(0.0, row + 1, geometry.name_width), name);
        let counts = grid.step_counts(row);
        let covered = format!("{}/{}", counts.cells - counts.not_yet, counts.cells);
        let rect = at(geometry.name_width, row + 1, geometry.count_width);
        header_cell_ui(ui, rect, &covered).on_hover_ui(|ui| {
            ui.label(counts_text(&counts));
        });
        for column in visible_columns.clone() {
            let x = geometry.cells_left() + column as f32 * geometry.cell_width;
            let rect = at(x, row + 1, geometry.cell_width);
            let state = grid.state(row, column);
            let label = || format!("{name} × P{}: {}", column + 1, state_words(state));
            let is_current = current == Some((row, column));
            if cell_ui(ui, rect, (row, column), state, is_current, label).clicked() {
                clicked = Some((row, column));
            }
        }
    }
    if let Some((row, column)) = clicked
        && let (Some(step), Some(col)) = (grid.steps.get(row), grid.columns.get(column))
    {
        walk.current = Some((*step, col.prompt.clone()));
        walk.reason.clear();
    }
}

/// A header or count: text, to which the caller adds its full meaning on hover.
fn header_cell_ui(ui: &mut Ui, rect: egui::Rect, text: &str) -> egui::Response {
    let response = ui.allocate_rect(rect, egui::Sense::hover());
    ui.painter().with_clip_rect(rect).text(
        rect.left_center() + egui::vec2(2.0, 0.0),
        egui::Align2::LEFT_CENTER,
        text,
        egui::TextStyle::Body.resolve(ui.style()),
        ui.visuals().strong_text_color(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    response
}

/// One cell: its state in short text, selected when current, clickable and named in words.
/// Drawn by hand rather than as an `egui::Button`: hundreds are in view at once, and a button's
/// layout was most of the grid's frame.
fn cell_ui(
    ui: &mut Ui,
    rect: egui::Rect,
    (row, column): (usize, usize),
    state: CellState,
    is_current: bool,
    label: impl Fn() -> String,
) -> egui::Response {
    // A stable id per cell, whichever cells are in view.
    let id = ui.make_persistent_id(("coverage-cell", row, column));
    let response = ui.interact(rect, id, egui::Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, is_current, label()));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, is_current);
        let painter = ui.painter();
        painter.rect(
            rect,
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        painter.with_clip_rect(rect).text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            cell_text(state),
            egui::TextStyle::Button.resolve(ui.style()),
            visuals.text_color(),
        );
    }
    response.on_hover_ui(|ui| {
        ui.label(state_words(state));
    })
}

fn sweep_ui(ui: &mut Ui, grid: &CoverageGrid) {
    let gaps = &grid.gaps;
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
    for gap in gaps {
        ui.label(format!("{}: {}", gap.deck_name, gap.family_name));
    }
}
