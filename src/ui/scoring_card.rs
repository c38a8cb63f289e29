//! The scoring card: while the room scores a hazard, the presenter shows every severity and
//! likelihood definition and the matrix cell being chosen, in projector type.

use egui::{RichText, Ui};

use super::widgets::colour;
use crate::domain::summary::Stage;
use crate::domain::{Hazard, Likelihood, Project, Severity};
use crate::shell::scoring::ScoringFocus;

/// What the room is scoring. The editor's severity/likelihood picker reports itself here each
/// frame it is open (`picking`); "Score in the room" turns the card on by hand.
#[derive(Clone, Debug, Default)]
pub struct Scoring {
    /// Set by the editor while a score picker is open this frame (cleared every frame).
    pub picking: Option<ScoringFocus>,
    /// Shown by the "Score in the room" command, until toggled off.
    pub card_on: bool,
}

/// The assessment being scored and the values the picker points at (not yet chosen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Picking {
    pub stage: Stage,
    pub severity: Option<Severity>,
    pub likelihood: Option<Likelihood>,
}

impl Scoring {
    /// Whether the presenter shows the card now.
    pub fn shown(&self) -> bool {
        self.card_on || self.picking.is_some()
    }

    /// What the card shows for `hazard`: what the picker points at, else the hazard's own
    /// scores (the initial ones until they are complete, then the residual ones).
    pub fn choice(&self, hazard: &Hazard) -> Picking {
        if let Some(focus) = self.picking.filter(|f| f.hazard == hazard.key) {
            return Picking {
                stage: focus.stage,
                severity: focus.severity,
                likelihood: focus.likelihood,
            };
        }
        let initial_done = hazard.initial.severity.is_some() && hazard.initial.likelihood.is_some();
        let stage = if !initial_done {
            Stage::Initial
        } else {
            Stage::Residual
        };
        let assessment = stage.assessment(hazard);
        Picking {
            stage,
            severity: assessment.severity,
            likelihood: assessment.likelihood,
        }
    }
}

/// The card itself, for the presenter's central area.
pub fn scoring_card_ui(ui: &mut Ui, project: &Project, hazard: Option<&Hazard>, scoring: &Scoring) {
    let body = ui.text_style_height(&egui::TextStyle::Body) * 1.6;
    let Some(hazard) = hazard else {
        ui.label(RichText::new("Scoring: no hazard selected").size(body * 1.2));
        return;
    };
    let choice = scoring.choice(hazard);
    ui.label(
        RichText::new(format!(
            "Scoring {}  {} — {} risk",
            hazard.display_id,
            hazard.name,
            choice.stage.label().to_lowercase()
        ))
        .size(body)
        .strong(),
    );
    ui.add_space(body * 0.3);
    let half = (ui.available_width() - body) / 2.0;
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(half.max(200.0));
            ui.label(RichText::new("Severity").size(body).strong());
            for severity in Severity::ALL {
                definition_ui(
                    ui,
                    severity.label(),
                    &severity.definition_text(),
                    choice.severity == Some(severity),
                    body,
                );
            }
        });
        ui.vertical(|ui| {
            ui.set_width(half.max(200.0));
            ui.label(RichText::new("Likelihood").size(body).strong());
            // Highest first, as the matrix's rows run.
            for likelihood in Likelihood::ALL.into_iter().rev() {
                definition_ui(
                    ui,
                    likelihood.label(),
                    likelihood.definition(),
                    choice.likelihood == Some(likelihood),
                    body,
                );
            }
            ui.add_space(body * 0.5);
            // The cell being chosen, beside the (longer) severity scale.
            cell_ui(ui, project, choice, body);
        });
    });
}

/// The cell being chosen, with its rating, or what is still to choose.
fn cell_ui(ui: &mut Ui, project: &Project, choice: Picking, body: f32) {
    let text = match (choice.severity, choice.likelihood) {
        (Some(severity), Some(likelihood)) => {
            let rating = project.matrix.rating(severity, likelihood);
            let chip = RichText::new(format!("  {}  ", rating.value()))
                .size(body * 1.4)
                .strong()
                .color(colour(rating.text_colour()))
                .background_color(colour(rating.colour()));
            ui.horizontal_wrapped(|ui| {
                ui.label(chip);
                ui.label(
                    RichText::new(format!(
                        "Severity {} × likelihood {}: {}",
                        severity.label(),
                        likelihood.label(),
                        rating.short_label()
                    ))
                    .size(body),
                );
            });
            return;
        }
        (Some(severity), None) => {
            format!("Severity {}: now choose the likelihood", severity.label())
        }
        (None, Some(likelihood)) => {
            format!("Likelihood {}: now choose the severity", likelihood.label())
        }
        (None, None) => "Choose the severity and the likelihood".to_owned(),
    };
    ui.label(RichText::new(text).size(body));
}

fn definition_ui(ui: &mut Ui, label: &str, definition: &str, chosen: bool, body: f32) {
    let frame = if chosen {
        egui::Frame::new()
            .fill(ui.visuals().selection.bg_fill)
            .stroke(egui::Stroke::new(3.0, ui.visuals().strong_text_color()))
    } else {
        egui::Frame::new()
    };
    frame.inner_margin(3).show(ui, |ui| {
        ui.spacing_mut().item_spacing.y = 1.0;
        let ink = if chosen {
            ui.visuals().selection.stroke.color
        } else {
            ui.visuals().text_color()
        };
        let mark = if chosen { "Chosen: " } else { "" };
        ui.label(
            RichText::new(format!("{mark}{label}"))
                .size(body * 0.8)
                .strong()
                .color(ink),
        );
        ui.label(RichText::new(definition).size(body * 0.55).color(ink));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Assessment;

    use crate::shell::scoring::ScoreAxis;

    #[test]
    fn the_card_shows_what_the_picker_points_at_else_the_scores_still_to_do() {
        let mut hazard = Hazard::new(
            crate::domain::HazardKey(1),
            "H001".into(),
            "Wrong dose".into(),
            chrono::Utc::now(),
        );
        let mut scoring = Scoring::default();
        assert!(!scoring.shown());
        assert_eq!(scoring.choice(&hazard).stage, Stage::Initial);
        hazard.initial = Assessment::new(Severity::Major, Likelihood::High);
        let choice = scoring.choice(&hazard);
        assert_eq!(choice.stage, Stage::Residual, "initial done: residual next");
        assert_eq!(choice.severity, None);
        scoring.picking = Some(ScoringFocus {
            hazard: hazard.key,
            stage: Stage::Initial,
            axis: ScoreAxis::Severity,
            severity: Some(Severity::Minor),
            likelihood: None,
        });
        assert!(scoring.shown());
        let choice = scoring.choice(&hazard);
        assert_eq!(
            (choice.stage, choice.severity, choice.likelihood),
            (Stage::Initial, Some(Severity::Minor), None)
        );
    }
}
