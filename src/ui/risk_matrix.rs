//! The risk matrix heat map: the DCB0129 5x5 grid with the hazards counted in each cell, the
//! unscored tray, arrows from initial to residual cells, and the per-rating summary. Clicking a
//! cell filters the hazard list to its hazards.

use std::f32::consts::FRAC_PI_2;

use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use super::matrix_arrows::{self, GridPlace};
use super::widgets::colour;
use super::{Action, Shell, ViewState};
use crate::domain::summary::{Cell, MatrixPick, MatrixSummary, Place, Stage, cell_rating};
use crate::domain::{Hazard, Likelihood, Project, RiskRating, Severity};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatrixMode {
    #[default]
    Initial,
    Residual,
    /// Both assessments, with arrows for hazards that moved.
    Both,
}

impl MatrixMode {
    /// The stage counted in cells; `None` for both.
    pub fn stage(self) -> Option<Stage> {
        match self {
            MatrixMode::Initial => Some(Stage::Initial),
            MatrixMode::Residual => Some(Stage::Residual),
            MatrixMode::Both => None,
        }
    }
}

#[derive(Default)]
pub struct MatrixState {
    pub mode: MatrixMode,
}

/// What the matrix asks of the app beyond filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatrixExport {
    CopyImage,
    SavePng,
}

/// The grid's geometry for a given pane size: everything scales with the cell size.
struct Geometry {
    grid: Rect,
    cell: f32,
    label_w: f32,
}

impl Geometry {
    fn place(&self) -> GridPlace {
        GridPlace {
            grid: self.grid,
            cell: self.cell,
        }
    }

    fn cell_rect(&self, cell: Cell) -> Rect {
        self.place().cell_rect(cell)
    }
}

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, view: &mut ViewState, actions: &mut Vec<Action>) {
    let project = shell.project();
    toolbar_ui(ui, view, actions);
    if view.matrix.mode == MatrixMode::Both {
        ui.label(
            egui::RichText::new(
                "Cells show initial over residual counts; thicker arrows carry more hazards \
                 (counts in the movement table below).",
            )
            .weak(),
        );
    }
    // The grid and its legend fill what is left of the pane; the tables scroll below them.
    let pane = ui.available_size();
    let summary = view.matrix_summary(shell.doc);
    egui::ScrollArea::vertical()
        .id_salt("risk-matrix")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let selected = view.selected.and_then(|key| project.hazard(key));
            let grid = grid_ui(
                ui,
                project,
                &summary,
                view.matrix.mode,
                selected,
                view.list.query.matrix,
                pane,
            );
            if let Some(pick) = grid.clicked {
                let query = &mut view.list.query;
                query.matrix = if query.matrix == Some(pick) {
                    None
                } else {
                    Some(pick)
                };
            }
            let rect = grid.rect;
            // Only what is visible can be pictured.
            view.matrix_rect = Some(rect.intersect(ui.clip_rect()));
            ui.add_space(8.0);
            if view.matrix.mode == MatrixMode::Both {
                movement_table_ui(ui, project, &summary);
                ui.add_space(8.0);
            }
            summary_table_ui(ui, &summary);
        });
}

fn toolbar_ui(ui: &mut Ui, view: &mut ViewState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        for (mode, text, tip) in [
            (
                MatrixMode::Initial,
                "Initial",
                "Count hazards by their initial assessment",
            ),
            (
                MatrixMode::Residual,
                "Residual",
                "Count hazards by their residual assessment",
            ),
            (
                MatrixMode::Both,
                "Both",
                "Show both, with arrows from initial to residual cells",
            ),
        ] {
            ui.selectable_value(&mut view.matrix.mode, mode, text)
                .on_hover_text(tip);
        }
        ui.separator();
        if ui
            .button("Copy as image")
            .on_hover_text("Copy the matrix to the clipboard, to paste into a report")
            .clicked()
        {
            actions.push(Action::ExportMatrix(MatrixExport::CopyImage));
        }
        if ui
            .button("Save as PNG…")
            .on_hover_text("Save the matrix as a PNG picture")
            .clicked()
        {
            actions.push(Action::ExportMatrix(MatrixExport::SavePng));
        }
        if let Some(pick) = view.list.query.matrix {
            ui.separator();
            if ui
                .button("Clear matrix filter")
                .on_hover_text(pick_description(pick))
                .clicked()
            {
                view.list.query.matrix = None;
            }
        }
    });
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn pick_description(pick: MatrixPick) -> String {
    let stage = match pick.stage {
        Some(stage) => stage.label().to_lowercase(),
        None => "initial or residual".to_owned(),
    };
    match pick.place {
        Place::Cell(cell) => format!(
            "Hazards with {stage} likelihood {} and severity {}",
            cell.likelihood.label(),
            cell.severity.label()
        ),
        Place::Unscored => format!("Hazards with no {stage} score yet"),
    }
}

/// Text that fits `width`: the font shrinks (down to a floor) rather than clipping.
fn fitted_galley(
    ui: &Ui,
    text: &str,
    size: f32,
    width: f32,
    colour: Color32,
) -> std::sync::Arc<egui::Galley> {
    let layout = |size: f32| {
        ui.painter()
            .layout_no_wrap(text.to_owned(), FontId::proportional(size), colour)
    };
    let galley = layout(size);
    if galley.size().x <= width {
        return galley;
    }
    layout((size * width / galley.size().x).max(9.0))
}

/// The matrix for the presenter window: both assessments, the discussed hazard marked.
pub fn presenter_matrix_ui(ui: &mut Ui, project: &Project, hazard: Option<&Hazard>) {
    let pane = ui.available_size();
    let summary = MatrixSummary::of(project);
    grid_ui(ui, project, &summary, MatrixMode::Both, hazard, None, pane);
    ui.add_space(8.0);
    movement_table_ui(ui, project, &summary);
}

/// The grid's height in cells: five rows, the severity labels and title, the legend row.
const HEIGHT_IN_CELLS: f32 = 6.45;

struct GridOutput {
    rect: Rect,
    /// A cell or the tray was clicked.
    clicked: Option<MatrixPick>,
}

/// Draws the grid sized to fit `pane` (the legend and summary scroll into view below it).
fn grid_ui(
    ui: &mut Ui,
    project: &Project,
    summary: &MatrixSummary,
    mode: MatrixMode,
    selected: Option<&Hazard>,
    active: Option<MatrixPick>,
    pane: Vec2,
) -> GridOutput {
    let mut clicked = None;
    let stage = mode.stage();
    let (initial, residual) = (&summary.initial, &summary.residual);
    let text_colour = ui.visuals().text_color();

    // Size: fill the pane, keep the grid square, leave room for the labels, the tray and the
    // legend row; cells grow with the space.
    let title_w = 22.0;
    let side = |cell: f32| (cell * 1.1).clamp(52.0, 170.0) + cell.max(50.0);
    let mut cell = ((pane.x - title_w) / 7.4).max(1.0);
    for _ in 0..2 {
        cell = (pane.x - title_w - side(cell)) / 5.3;
    }
    let cell = cell.min((pane.y - 8.0) / HEIGHT_IN_CELLS).max(16.0);
    let label_w = (cell * 1.1).clamp(52.0, 170.0);
    let tray_w = cell.max(50.0);
    let total = vec2(
        title_w + label_w + cell * 5.3 + tray_w,
        cell * HEIGHT_IN_CELLS,
    );
    let (outer, _) = ui.allocate_exact_size(total, Sense::hover());
    let grid = Rect::from_min_size(
        outer.min + vec2(title_w + label_w, 0.0),
        Vec2::splat(cell * 5.0),
    );
    let tray = Rect::from_min_size(
        grid.right_top() + vec2(cell * 0.3 + (tray_w - cell) / 2.0, cell * 2.0),
        vec2(cell, cell),
    );
    let geometry = Geometry {
        grid,
        cell,
        label_w,
    };
    let painter = ui.painter_at(outer);

    // Axis titles.
    let title_font = FontId::proportional((cell * 0.26).clamp(10.0, 22.0));
    let title = painter.layout_no_wrap("Likelihood".into(), title_font.clone(), text_colour);
    let title_pos = pos2(outer.left() + 2.0, grid.center().y + title.size().x / 2.0);
    painter.add(egui::epaint::TextShape::new(title_pos, title, text_colour).with_angle(-FRAC_PI_2));
    painter.text(
        pos2(grid.center().x, grid.bottom() + cell * 0.62),
        Align2::CENTER_TOP,
        "Severity",
        title_font,
        text_colour,
    );

    let label_size = (cell * 0.2).clamp(11.0, 22.0);
    for likelihood in Likelihood::ALL {
        let row_rect = geometry.cell_rect(Cell {
            severity: Severity::Minor,
            likelihood,
        });
        let rect = Rect::from_min_max(
            pos2(grid.left() - geometry.label_w, row_rect.top()),
            pos2(grid.left() - 6.0, row_rect.bottom()),
        );
        axis_label_ui(
            ui,
            rect,
            likelihood.label(),
            &format!(
                "Likelihood {}: {}",
                likelihood.label(),
                likelihood.definition()
            ),
            label_size,
            Align2::RIGHT_CENTER,
        );
    }
    for severity in Severity::ALL {
        let column_rect = geometry.cell_rect(Cell {
            severity,
            likelihood: Likelihood::VeryLow,
        });
        // Its own column only, on up to two lines: neighbours never run together.
        let rect = Rect::from_min_size(
            pos2(column_rect.left(), grid.bottom() + 2.0),
            vec2(column_rect.width(), cell * 0.58),
        );
        axis_label_ui(
            ui,
            rect,
            severity.label(),
            &format!(
                "Severity {}:\n{}",
                severity.label(),
                severity.definition_text()
            ),
            label_size,
            Align2::CENTER_TOP,
        );
    }

    let count_font = FontId::proportional((cell * 0.36).clamp(12.0, 80.0));
    // Counts are drawn last on plates of their cell's colour; the arrows keep clear of the
    // plates, the rating numbers and the ring.
    let mut count_plates = Vec::new();
    let mut obstacles: Vec<Rect> = Vec::new();
    let small_font = FontId::proportional((cell * 0.17).clamp(10.0, 20.0));
    for likelihood in Likelihood::ALL {
        for severity in Severity::ALL {
            let this = Cell {
                severity,
                likelihood,
            };
            let rect = geometry.cell_rect(this);
            let rating = cell_rating(project, this);
            let ink = colour(rating.text_colour());
            painter.rect_filled(rect, cell * 0.06, colour(rating.colour()));
            // The rating in the corner, always: colour is never the only carrier.
            obstacles.push(painter.text(
                rect.left_top() + vec2(cell * 0.07, cell * 0.04),
                Align2::LEFT_TOP,
                rating.value().to_string(),
                small_font.clone(),
                ink,
            ));
            let (count_text, count_name) = match stage {
                Some(Stage::Initial) => count_text(initial.at(this)),
                Some(Stage::Residual) => count_text(residual.at(this)),
                None => {
                    let (i, r) = (initial.at(this), residual.at(this));
                    // Initial over residual: two short lines fit a cell where "312 / 298" would not.
                    let text = if i + r == 0 {
                        String::new()
                    } else {
                        format!("{i}\n{r}")
                    };
                    (text, format!("{i} initially, {r} residual"))
                }
            };
            if !count_text.is_empty() {
                let (size, room) = if stage.is_none() {
                    ((cell * 0.24).clamp(9.0, 40.0), vec2(cell * 0.6, cell * 0.5))
                } else {
                    (count_font.size, vec2(cell * 0.8, cell * 0.5))
                };
                count_plates.push((rect, count_text, size, room, rating));
            }
            let pick = MatrixPick {
                stage,
                place: Place::Cell(this),
            };
            if active == Some(pick) {
                painter.rect_stroke(
                    rect,
                    cell * 0.06,
                    Stroke::new(4.0, Color32::from_rgb(0, 94, 184)),
                    egui::StrokeKind::Inside,
                );
            }
            if let Some(hazard) = selected
                && marks(hazard, stage, this)
            {
                // The selected hazard: a ring in the cell's corner.
                let centre = rect.right_top() + vec2(-cell * 0.14, cell * 0.14);
                obstacles.push(Rect::from_center_size(
                    centre,
                    Vec2::splat(cell * 0.16 + 2.5),
                ));
                painter.circle(
                    centre,
                    cell * 0.08,
                    Color32::WHITE,
                    Stroke::new(2.5, Color32::BLACK),
                );
            }
            let name = format!(
                "Likelihood {}, severity {}: rating {}, {}",
                likelihood.label(),
                severity.label(),
                rating.value(),
                count_name
            );
            let here = selected
                .filter(|hazard| marks(hazard, stage, this))
                .map(|hazard| format!("The selected hazard, {}, is here", hazard.display_id));
            if pick_target_ui(ui, rect, &name, project, pick, active == Some(pick), here) {
                clicked = Some(pick);
            }
        }
    }

    // The tray of hazards not yet scored.
    let unscored = match stage {
        Some(Stage::Residual) => residual.unscored,
        _ => initial.unscored,
    };
    let tray_stage = stage.or(Some(Stage::Initial));
    let tray_pick = MatrixPick {
        stage: tray_stage,
        place: Place::Unscored,
    };
    painter.rect(
        tray,
        cell * 0.06,
        ui.visuals().extreme_bg_color,
        Stroke::new(1.5, ui.visuals().weak_text_color()),
        egui::StrokeKind::Inside,
    );
    if active == Some(tray_pick) {
        painter.rect_stroke(
            tray,
            cell * 0.06,
            Stroke::new(4.0, Color32::from_rgb(0, 94, 184)),
            egui::StrokeKind::Inside,
        );
    }
    painter.text(
        tray.center(),
        Align2::CENTER_CENTER,
        unscored.to_string(),
        count_font,
        text_colour,
    );
    let tray_label = fitted_galley(
        ui,
        "Unscored",
        label_size,
        tray.width() + cell * 0.25,
        text_colour,
    );
    painter.galley(
        pos2(
            tray.center().x - tray_label.size().x / 2.0,
            tray.top() - tray_label.size().y - 4.0,
        ),
        tray_label,
        text_colour,
    );
    let tray_name = format!(
        "Unscored: {unscored} hazard{} with no {} assessment yet",
        plural(unscored),
        tray_stage.map_or("", |s| s.label()).to_lowercase()
    );
    let active_tray = active == Some(tray_pick);
    if pick_target_ui(ui, tray, &tray_name, project, tray_pick, active_tray, None) {
        clicked = Some(tray_pick);
    }

    let plates: Vec<_> = count_plates
        .into_iter()
        .map(|(rect, text, size, room, rating)| {
            let ink = colour(rating.text_colour());
            let galley = boxed_galley(ui, &text, size, room, ink);
            let at = rect.center() + vec2(0.0, cell * 0.06) - galley.size() / 2.0;
            let plate = Rect::from_min_size(at, galley.size()).expand(2.0);
            (plate, at, galley, ink, rating)
        })
        .collect();
    if mode == MatrixMode::Both {
        obstacles.extend(plates.iter().map(|(plate, ..)| *plate));
        let arrows = matrix_arrows::route(&geometry.place(), &summary.movements, &obstacles);
        matrix_arrows::paint(&painter, &arrows);
    }
    for (plate, at, galley, ink, rating) in plates {
        painter.rect_filled(plate, 3.0, colour(rating.colour()));
        painter.galley(at, galley, ink);
    }
    legend_row_ui(ui, &painter, &geometry);
    GridOutput {
        rect: outer,
        clicked,
    }
}

fn count_text(count: usize) -> (String, String) {
    let text = if count == 0 {
        String::new()
    } else {
        count.to_string()
    };
    (text, format!("{count} hazard{}", plural(count)))
}

/// Whether the selected hazard is drawn in `cell` in this view.
fn marks(hazard: &Hazard, stage: Option<Stage>, cell: Cell) -> bool {
    let at = |s: Stage| Cell::of(s.assessment(hazard)) == Some(cell);
    match stage {
        Some(s) => at(s),
        None => at(Stage::Residual) || (Cell::of(&hazard.residual).is_none() && at(Stage::Initial)),
    }
}

fn axis_label_ui(ui: &mut Ui, rect: Rect, text: &str, tooltip: &str, size: f32, align: Align2) {
    let colour = ui.visuals().text_color();
    let galley = boxed_galley(ui, text, size, rect.size(), colour);
    let pos = align
        .anchor_size(align.pos_in_rect(&rect), galley.size())
        .min;
    let drawn = Rect::from_min_size(pos, galley.size()).intersect(rect);
    ui.painter().galley(pos, galley, colour);
    let response = ui.interact(drawn, ui.scope_id().with(("axis", text)), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    response.on_hover_text(tooltip);
}

/// Text laid out to fit `room`: wrapped onto as many lines as the height takes, the font
/// shrinking (down to a floor) until it fits, and a word too long for the width broken.
fn boxed_galley(
    ui: &Ui,
    text: &str,
    size: f32,
    room: Vec2,
    colour: Color32,
) -> std::sync::Arc<egui::Galley> {
    let layout = |size: f32, break_anywhere: bool| {
        let mut job = egui::text::LayoutJob::simple(
            text.to_owned(),
            FontId::proportional(size),
            colour,
            room.x,
        );
        job.wrap.break_anywhere = break_anywhere;
        ui.painter().layout_job(job)
    };
    // egui breaks a word wider than the line: shrink first, so "Considerable" stays whole.
    let widest_word = |size: f32| {
        text.split_whitespace()
            .map(|word| {
                ui.painter()
                    .layout_no_wrap(word.to_owned(), FontId::proportional(size), colour)
                    .size()
                    .x
            })
            .fold(0.0, f32::max)
    };
    let fits = |g: &egui::Galley, size: f32| {
        g.size().x <= room.x + 0.5 && g.size().y <= room.y + 0.5 && widest_word(size) <= room.x
    };
    let mut size = size;
    loop {
        let galley = layout(size, false);
        if fits(&galley, size) || size <= 8.0 {
            // egui breaks a word wider than the line mid-word: shorten it instead.
            return if widest_word(size) <= room.x + 0.5 {
                galley
            } else {
                abbreviated_galley(ui, text, size, room.x, colour)
            };
        }
        size = (size * 0.9).max(8.0);
    }
}

/// The last resort for a word too wide at the smallest size: shortened with a full stop
/// ("Considerable" to "Consid."), never broken mid-word onto a second line. The full words stay
/// in the accessible name and the hover text.
fn abbreviated_galley(
    ui: &Ui,
    text: &str,
    size: f32,
    width: f32,
    colour: Color32,
) -> std::sync::Arc<egui::Galley> {
    let font = FontId::proportional(size);
    let wide = |word: &str| {
        ui.painter()
            .layout_no_wrap(word.to_owned(), font.clone(), colour)
            .size()
            .x
            > width
    };
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            let mut chars: Vec<char> = word.chars().collect();
            let mut short = word.to_owned();
            while wide(&short) && chars.len() > 2 {
                chars.pop();
                short = chars.iter().collect::<String>() + ".";
            }
            short
        })
        .collect();
    let mut job = egui::text::LayoutJob::simple(words.join(" "), font.clone(), colour, width);
    job.wrap.break_anywhere = true;
    ui.painter().layout_job(job)
}

/// A clickable matrix place: hover lists its hazards; returns whether it was clicked. To a
/// screen reader it is selected while it filters the list, and says when the selected hazard
/// is in it.
fn pick_target_ui(
    ui: &mut Ui,
    rect: Rect,
    name: &str,
    project: &Project,
    pick: MatrixPick,
    filtering: bool,
    selected_hazard_here: Option<String>,
) -> bool {
    let response = ui.interact(
        rect,
        ui.scope_id().with(("matrix-pick", pick_id(pick))),
        Sense::click(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_selected(filtering);
        if let Some(here) = selected_hazard_here {
            node.set_description(here);
        }
    });
    let response = response.on_hover_ui(|ui| {
        ui.label(egui::RichText::new(name).strong());
        let hazards: Vec<&Hazard> = project.live_hazards().filter(|h| pick.matches(h)).collect();
        for hazard in hazards.iter().take(20) {
            ui.label(hazard.title());
        }
        if hazards.len() > 20 {
            ui.label(format!("… and {} more", hazards.len() - 20));
        }
        ui.label(egui::RichText::new("Click to show these in the hazard list").weak());
    });
    response.clicked()
}

fn pick_id(pick: MatrixPick) -> (i32, i32, i32) {
    let stage = match pick.stage {
        Some(Stage::Initial) => 0,
        Some(Stage::Residual) => 1,
        None => 2,
    };
    match pick.place {
        Place::Cell(c) => (
            stage,
            c.likelihood.index() as i32,
            c.severity.index() as i32,
        ),
        Place::Unscored => (stage, -1, -1),
    }
}

/// Which hazards moved where between their initial and residual assessments, with counts.
fn movement_table_ui(ui: &mut Ui, project: &Project, summary: &MatrixSummary) {
    let moves = &summary.movements;
    if moves.is_empty() {
        ui.label("No hazard moved cell between its initial and residual assessment.");
        return;
    }
    let place = |c: Cell| {
        format!(
            "{} × {} ({})",
            c.severity.label(),
            c.likelihood.label(),
            cell_rating(project, c).value()
        )
    };
    egui::Grid::new("matrix-movements")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Initial (severity × likelihood)");
            ui.strong("Residual");
            ui.strong("Hazards");
            ui.end_row();
            for &(from, to, count) in moves {
                ui.label(place(from));
                ui.label(place(to));
                ui.label(count.to_string());
                ui.end_row();
            }
        });
}

/// The ratings in a row under the grid, each a swatch with its number and short meaning, so
/// the legend is always on screen with the grid (the acceptability text on hover).
fn legend_row_ui(ui: &mut Ui, painter: &egui::Painter, geometry: &Geometry) {
    let cell = geometry.cell;
    let top = geometry.grid.bottom() + cell * 0.98;
    for (i, rating) in RiskRating::ALL.into_iter().enumerate() {
        let rect = Rect::from_min_size(
            pos2(geometry.grid.left() + i as f32 * cell, top),
            vec2(cell, cell * 0.45),
        )
        .shrink2(vec2(cell * 0.025 + 1.0, 0.0));
        let ink = colour(rating.text_colour());
        painter.rect_filled(rect, 3.0, colour(rating.colour()));
        let text = format!("{} {}", rating.value(), rating.short_label());
        let size = (cell * 0.2).clamp(8.0, 20.0);
        let mut galley = boxed_galley(ui, &text, size, rect.size(), ink);
        let shortened = galley.text() != text;
        if shortened
            || galley.size().x > rect.width() + 0.5
            || galley.size().y > rect.height() + 0.5
        {
            // Too small a swatch for the words: the number alone, never text spilling onto the
            // labels (the meaning is in the name and on hover).
            galley = boxed_galley(ui, &rating.value().to_string(), size, rect.size(), ink);
        }
        painter.galley(rect.center() - galley.size() / 2.0, galley, ink);
        let name = format!(
            "Legend: rating {}, {}: {}",
            rating.value(),
            rating.short_label(),
            rating.acceptability()
        );
        let response = ui.interact(rect, ui.scope_id().with(("legend", i)), Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
        response.on_hover_text(rating.acceptability());
    }
}

/// The executive statement table of a safety case report: hazards per rating.
fn summary_table_ui(ui: &mut Ui, summary: &MatrixSummary) {
    let (initial, residual) = (summary.initial_ratings, summary.residual_ratings);
    let unscored_initial = summary.initial.unscored;
    let unscored_residual = summary.residual.unscored;
    egui::Grid::new("matrix-summary")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.strong("Risk rating");
            ui.strong("Initial");
            ui.strong("Residual");
            ui.end_row();
            for rating in RiskRating::ALL.into_iter().rev() {
                let i = rating.value() as usize - 1;
                super::widgets::risk_chip_ui(ui, Some(rating), "Summary");
                ui.label(initial[i].to_string());
                ui.label(residual[i].to_string());
                ui.end_row();
            }
            ui.label("Not scored");
            ui.label(unscored_initial.to_string());
            ui.label(unscored_residual.to_string());
            ui.end_row();
        });
    ui.label(egui::RichText::new("Withdrawn hazards are not counted.").weak());
}
