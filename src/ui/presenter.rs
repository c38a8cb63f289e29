//! The presenter view: what the room sees on the projector. The hazard being discussed in large
//! type, without admin fields; or the matrix; or the hazards raised in the running meeting.

use egui::{RichText, Ui};

use super::scoring_card::Scoring;
use super::widgets::colour;
use crate::domain::{Assessment, Hazard, HazardKey, Project, RiskRating};
use crate::shell::PresenterShows;

/// The presenter's own state (its zoom and what it shows are settings).
#[derive(Default)]
pub struct PresenterState {
    pub open: bool,
    /// Holds this hazard while the note-taker works elsewhere.
    pub frozen: Option<Option<HazardKey>>,
    /// Where its contents are scrolled to, in points.
    pub scroll_offset: f32,
    /// Scrolling asked for from the main window, not yet done.
    pub scroll_by: f32,
}

/// How far one "scroll the presenter" command moves it.
pub const SCROLL_STEP: f32 = 240.0;

/// What the presenter draws this frame.
pub struct Showing<'a> {
    pub project: &'a Project,
    pub hazard: Option<&'a Hazard>,
    pub shows: PresenterShows,
    pub frozen: bool,
    /// The step and prompt being walked.
    pub walking: Option<(String, String)>,
    /// The scoring card, while the room scores a hazard.
    pub scoring: Option<&'a Scoring>,
}

impl PresenterState {
    /// The hazard shown: the frozen one, or the main window's selection.
    pub fn hazard(&self, selected: Option<HazardKey>) -> Option<HazardKey> {
        self.frozen.unwrap_or(selected)
    }
}

pub enum PresenterAction {
    ToggleFreeze,
    Show(PresenterShows),
    ToggleFullscreen,
    /// Its own theme, the next one.
    NextTheme,
}

/// The presenter's contents. Returns what its controls asked for.
pub fn presenter_ui(
    ui: &mut Ui,
    showing: Showing<'_>,
    state: &mut PresenterState,
) -> Vec<PresenterAction> {
    let Showing {
        project,
        hazard,
        shows,
        frozen,
        walking,
        scoring,
    } = showing;
    let mut asked = Vec::new();
    egui::Panel::top("presenter-controls").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            for (option, text) in [
                (PresenterShows::Hazard, "Hazard"),
                (PresenterShows::Matrix, "Risk matrix"),
                (PresenterShows::RaisedInMeeting, "Raised in this meeting"),
            ] {
                if ui.selectable_label(shows == option, text).clicked() {
                    asked.push(PresenterAction::Show(option));
                }
            }
            ui.separator();
            let freeze = if frozen {
                "Unfreeze (follow selection)"
            } else {
                "Freeze"
            };
            if ui
                .selectable_label(frozen, freeze)
                .on_hover_text("Hold this view while the note-taker works elsewhere (F6)")
                .clicked()
            {
                asked.push(PresenterAction::ToggleFreeze);
            }
            if ui.button("Full screen").on_hover_text("F11").clicked() {
                asked.push(PresenterAction::ToggleFullscreen);
            }
            if ui
                .button("Next theme")
                .on_hover_text("The presenter's own look, apart from the main window's")
                .clicked()
            {
                asked.push(PresenterAction::NextTheme);
            }
        });
    });
    if frozen {
        egui::Panel::top("presenter-frozen").show(ui, |ui| {
            let size = ui.text_style_height(&egui::TextStyle::Body) * 1.3;
            ui.label(
                RichText::new(" Frozen: this view does not follow the selection ")
                    .size(size)
                    .strong()
                    .color(egui::Color32::BLACK)
                    .background_color(egui::Color32::from_rgb(255, 210, 0)),
            );
        });
    }
    if let Some((step, prompt)) = walking {
        egui::Panel::top("presenter-walk").show(ui, |ui| walk_ui(ui, &step, &prompt));
    }
    egui::CentralPanel::default().show(ui, |ui| {
        let mut area = egui::ScrollArea::vertical()
            .id_salt("presenter")
            .auto_shrink([false, false]);
        if state.scroll_by != 0.0 {
            state.scroll_offset = (state.scroll_offset + state.scroll_by).max(0.0);
            state.scroll_by = 0.0;
            area = area.vertical_scroll_offset(state.scroll_offset);
        }
        let output = area.show(ui, |ui| match (scoring, shows) {
            (Some(scoring), _) => {
                super::scoring_card::scoring_card_ui(ui, project, hazard, scoring)
            }
            (None, PresenterShows::Hazard) => match hazard {
                Some(h) => hazard_ui(ui, project, h),
                None => {
                    ui.heading("No hazard selected");
                }
            },
            (None, PresenterShows::Matrix) => {
                super::risk_matrix::presenter_matrix_ui(ui, project, hazard)
            }
            (None, PresenterShows::RaisedInMeeting) => raised_ui(ui, project),
        });
        // Kept in bounds by the scroll area, so the next command starts from where it is.
        state.scroll_offset = output.state.clamped_offset().y;
    });
    asked
}

fn big(text: impl Into<String>, size: f32) -> RichText {
    RichText::new(text).size(size)
}

/// The step and prompt the room is answering, in projector type.
fn walk_ui(ui: &mut Ui, step: &str, prompt: &str) {
    let body = ui.text_style_height(&egui::TextStyle::Body) * 1.6;
    ui.label(big(format!("Step: {step}"), body).strong());
    ui.label(big(prompt, body * 1.4));
}

fn hazard_ui(ui: &mut Ui, project: &Project, hazard: &Hazard) {
    let body = ui.text_style_height(&egui::TextStyle::Body) * 1.6;
    ui.label(
        big(
            format!("{}  {}", hazard.display_id, hazard.name),
            body * 1.5,
        )
        .strong(),
    );
    let owner = if hazard.owner.trim().is_empty() {
        "no owner yet"
    } else {
        hazard.owner.trim()
    };
    ui.label(big(
        format!("Status: {}   ·   Owner: {owner}", hazard.status.label()),
        body * 0.8,
    ));
    ui.add_space(body * 0.5);
    ui.horizontal_wrapped(|ui| {
        rating_block_ui(ui, project, "Initial risk", &hazard.initial, body);
        ui.add_space(body);
        rating_block_ui(ui, project, "Residual risk", &hazard.residual, body);
    });
    ui.add_space(body * 0.5);
    let section = |ui: &mut Ui, title: &str, text: &str| {
        if !text.trim().is_empty() {
            ui.label(big(title, body * 0.8).strong());
            ui.label(big(text, body));
            ui.add_space(body * 0.4);
        }
    };
    let list = |ui: &mut Ui, title: &str, items: Vec<String>| {
        if !items.is_empty() {
            ui.label(big(title, body * 0.8).strong());
            for (i, item) in items.iter().enumerate() {
                ui.label(big(format!("{}) {item}", i + 1), body));
            }
            ui.add_space(body * 0.4);
        }
    };
    section(ui, "Description", &hazard.description);
    // Cause -> effect -> hazard -> harm, as NHS clinical safety training reasons.
    list(ui, "Causes", hazard.causes.clone());
    section(ui, "Effect", &hazard.effect);
    section(ui, "Hazard", &hazard.hazard);
    section(ui, "Harm", &hazard.harm);
    list(
        ui,
        "Existing controls",
        hazard
            .existing_controls
            .iter()
            .map(|c| format!("{} ({})", c.text, c.kind.label()))
            .collect(),
    );
    list(
        ui,
        "Additional controls",
        hazard
            .additional_controls
            .iter()
            .map(|c| format!("{} ({})", c.text, c.kind.label()))
            .collect(),
    );
}

fn rating_block_ui(
    ui: &mut Ui,
    project: &Project,
    title: &str,
    assessment: &Assessment,
    size: f32,
) {
    ui.vertical(|ui| {
        ui.label(big(title, size * 0.8).strong());
        match assessment.rating(&project.matrix) {
            Some(rating) => {
                let (severity, likelihood) = (
                    assessment.severity.map_or("", |s| s.label()),
                    assessment.likelihood.map_or("", |l| l.label()),
                );
                chip(ui, rating, size);
                ui.label(big(format!("{severity} × {likelihood}"), size * 0.8));
                ui.set_max_width(size * 14.0);
                ui.label(big(rating.acceptability(), size * 0.7));
            }
            None => {
                ui.label(big("Not scored yet", size));
            }
        }
    });
}

/// A large rating chip with its number, and an accessible name that says it.
fn chip(ui: &mut Ui, rating: RiskRating, size: f32) {
    let text = RichText::new(format!("  {}  ", rating.value()))
        .size(size * 1.6)
        .strong()
        .color(colour(rating.text_colour()))
        .background_color(colour(rating.colour()));
    let response = ui.label(text);
    let name = format!("Rating {}: {}", rating.value(), rating.short_label());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
}

fn raised_ui(ui: &mut Ui, project: &Project) {
    let body = ui.text_style_height(&egui::TextStyle::Body) * 1.6;
    let Some(meeting) = project.current_meeting.and_then(|key| project.meeting(key)) else {
        ui.heading("No meeting is running");
        return;
    };
    ui.label(big(format!("Raised in {}", meeting.title), body * 1.2).strong());
    let raised: Vec<&Hazard> = project
        .hazards
        .iter()
        .filter(|h| h.raised_in == Some(meeting.key))
        .collect();
    if raised.is_empty() {
        ui.label(big("None yet", body));
    }
    for hazard in raised {
        ui.horizontal(|ui| {
            match hazard.initial_rating(&project.matrix) {
                Some(rating) => chip(ui, rating, body * 0.6),
                None => {
                    ui.label(big("—", body));
                }
            }
            ui.label(big(format!("{}  {}", hazard.display_id, hazard.name), body));
        });
    }
}
