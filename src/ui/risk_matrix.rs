//! The risk matrix heat map: the DCB0129 5x5 grid with a count of hazards in each cell.

use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use super::widgets::colour;
use super::{Action, Shell, ViewState};
use crate::domain::summary::{Cell, Stage, cell_rating, in_cell, matrix_counts};
use crate::domain::{Likelihood, Severity};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatrixMode {
    #[default]
    Initial,
    Residual,
}

impl MatrixMode {
    pub fn stage(self) -> Stage {
        match self {
            MatrixMode::Initial => Stage::Initial,
            MatrixMode::Residual => Stage::Residual,
        }
    }
}

#[derive(Default)]
pub struct MatrixState {
    pub mode: MatrixMode,
}

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, view: &mut ViewState, _actions: &mut Vec<Action>) {
    let project = shell.project();
    ui.horizontal(|ui| {
        ui.selectable_value(&mut view.matrix.mode, MatrixMode::Initial, "Initial");
        ui.selectable_value(&mut view.matrix.mode, MatrixMode::Residual, "Residual");
    });
    let stage = view.matrix.mode.stage();
    let counts = matrix_counts(project, stage);
    let selected_cell = view
        .selected
        .and_then(|key| project.hazard(key))
        .and_then(|h| Cell::of(stage.assessment(h)));

    // Square-ish cells that fill the pane; labels take a fixed share.
    let available = ui.available_size();
    let label_w = (available.x * 0.22).clamp(70.0, 140.0);
    let label_h = 40.0;
    let cell = ((available.x - label_w - 10.0) / 5.0)
        .min((available.y - label_h - 30.0) / 5.0)
        .clamp(28.0, 160.0);
    let (rect, _) = ui.allocate_exact_size(
        vec2(label_w + cell * 5.0, cell * 5.0 + label_h),
        Sense::hover(),
    );
    let font = FontId::proportional((cell * 0.32).clamp(12.0, 40.0));
    let small = FontId::proportional((cell * 0.16).clamp(10.0, 18.0));
    let text_colour = ui.visuals().text_color();
    let painter = ui.painter_at(rect.expand(2.0));

    for (row, likelihood) in Likelihood::ALL.into_iter().rev().enumerate() {
        let y = rect.top() + row as f32 * cell;
        let label_rect = Rect::from_min_size(pos2(rect.left(), y), vec2(label_w - 6.0, cell));
        ui.put(label_rect, egui::Label::new(likelihood.label()))
            .on_hover_text(format!(
                "Likelihood {}: {}",
                likelihood.label(),
                likelihood.definition()
            ));
        for (column, severity) in Severity::ALL.into_iter().enumerate() {
            let this = Cell {
                severity,
                likelihood,
            };
            let cell_rect = Rect::from_min_size(
                pos2(rect.left() + label_w + column as f32 * cell, y),
                Vec2::splat(cell),
            )
            .shrink(1.5);
            let rating = cell_rating(project, this);
            let count = counts.at(this);
            painter.rect_filled(cell_rect, 4.0, colour(rating.colour()));
            let ink = colour(rating.text_colour());
            painter.text(
                cell_rect.center_top() + vec2(0.0, cell * 0.08),
                Align2::CENTER_TOP,
                rating.value().to_string(),
                small.clone(),
                ink,
            );
            if count > 0 {
                painter.text(
                    cell_rect.center() + vec2(0.0, cell * 0.08),
                    Align2::CENTER_CENTER,
                    count.to_string(),
                    font.clone(),
                    ink,
                );
            }
            if selected_cell == Some(this) {
                painter.rect_stroke(
                    cell_rect,
                    4.0,
                    Stroke::new(3.0, Color32::BLACK),
                    egui::StrokeKind::Inside,
                );
            }
            let id = ui.scope_id().with(("matrix-cell", row, column));
            let response = ui.interact(cell_rect, id, Sense::hover());
            let name = format!(
                "Likelihood {}, severity {}: rating {}, {} hazard{}",
                likelihood.label(),
                severity.label(),
                rating.value(),
                count,
                if count == 1 { "" } else { "s" }
            );
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Cell, true, &name));
            response.on_hover_ui(|ui| {
                ui.label(&name);
                for hazard in project.live_hazards().filter(|h| in_cell(h, stage, this)) {
                    ui.label(hazard.title());
                }
            });
        }
    }
    let bottom = rect.top() + cell * 5.0;
    for (column, severity) in Severity::ALL.into_iter().enumerate() {
        let label_rect = Rect::from_min_size(
            pos2(rect.left() + label_w + column as f32 * cell, bottom),
            vec2(cell, label_h / 2.0),
        );
        ui.put(label_rect, egui::Label::new(severity.label()).truncate())
            .on_hover_text(severity.definition_text());
    }
    painter.text(
        pos2(rect.left() + label_w + cell * 2.5, bottom + label_h * 0.75),
        Align2::CENTER_CENTER,
        "Severity",
        small,
        text_colour,
    );
    ui.label(format!(
        "{} not yet scored ({} assessment). Withdrawn hazards are not counted.",
        counts.unscored,
        stage.label().to_lowercase()
    ));
}
