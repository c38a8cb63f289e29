//! The Checks pane: every ready-to-issue problem (hazard, field, one-line reason), each one click
//! or Enter away from its field, and the project's switched-off checks with their reasons.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::{Action, Shell, ViewState};
use crate::domain::checks::Problem;

/// The problems the app last found, as the views see them. The app computes them on a job
/// thread; `current` is false while the log has changed since and they are being recomputed.
#[derive(Clone, Debug, Default)]
pub struct CheckReport {
    pub problems: Arc<Vec<Problem>>,
    /// Whether any result has arrived yet for the open document.
    pub ready: bool,
    /// Whether the results are of the document as it is now.
    pub current: bool,
}

impl CheckReport {
    /// "3 problems", "1 problem", "No problems", or "Checking…" before the first result.
    pub fn summary(&self) -> String {
        if !self.ready {
            return "Checking…".to_owned();
        }
        match self.problems.len() {
            0 => "No problems".to_owned(),
            1 => "1 problem".to_owned(),
            n => format!("{n} problems"),
        }
    }
}

/// The pane's own state: the problem last used, and why its check is to be switched off.
#[derive(Default)]
pub struct ChecksState {
    pub selected: Option<usize>,
    /// Why the selected problem's check is to be switched off, as typed so far.
    pub switch_off_reason: String,
}

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, view: &mut ViewState, actions: &mut Vec<Action>) {
    let report = shell.checks;
    ui.horizontal(|ui| {
        ui.heading(report.summary());
        if report.ready && !report.current {
            ui.spinner();
            ui.label(RichText::new("rechecking…").weak());
        }
    });
    ui.label(
        RichText::new("Fix each before issuing a version, or switch its check off with a reason.")
            .weak(),
    );
    switched_off_ui(ui, shell, actions);
    switch_off_ui(ui, report, &mut view.checks, actions);
    ui.separator();
    if report.ready && report.problems.is_empty() {
        ui.label("Every check passes: the log is ready to issue.");
        return;
    }
    let row_height = ui.spacing().interact_size.y + 2.0;
    egui::ScrollArea::vertical()
        .id_salt("checks-list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, report.problems.len(), |ui, rows| {
            for index in rows {
                let problem = &report.problems[index];
                let selected = view.checks.selected == Some(index);
                let response = ui
                    .add(
                        egui::Button::selectable(selected, row_text(problem))
                            .wrap_mode(egui::TextWrapMode::Truncate),
                    )
                    .on_hover_text(format!(
                        "{}. Click or press Enter to go to the field.",
                        problem.check.description()
                    ));
                // A focused button is clicked by Enter (and Space), as a person expects.
                if response.clicked() {
                    view.checks.selected = Some(index);
                    actions.push(Action::ShowProblem(problem.subject.clone()));
                }
            }
        });
}

/// `H004 · harm: no harm to patients recorded`: the hazard, the field and the reason.
pub fn row_text(problem: &Problem) -> String {
    format!(
        "{} · {}: {}",
        problem.display_id, problem.field, problem.reason
    )
}

/// The checks switched off, each with its reason and a way to switch it back on.
fn switched_off_ui(ui: &mut Ui, shell: &Shell<'_>, actions: &mut Vec<Action>) {
    let settings = &shell.project().checks;
    let title = format!(
        "Checks switched off for this project ({})",
        settings.disabled.len()
    );
    egui::CollapsingHeader::new(title)
        .id_salt("checks-switched-off")
        .default_open(!settings.disabled.is_empty())
        .show(ui, |ui| {
            if settings.disabled.is_empty() {
                ui.label("None: every check is on.");
            }
            for disabled in &settings.disabled {
                ui.horizontal_wrapped(|ui| {
                    let who = match (disabled.by.trim(), disabled.on) {
                        ("", None) => String::new(),
                        (by, Some(on)) => format!(" ({by}, {})", on.format("%d %b %Y")),
                        (by, None) => format!(" ({by})"),
                    };
                    ui.label(format!(
                        "{}: off because “{}”{who}",
                        disabled.check.description(),
                        disabled.reason
                    ));
                    if ui
                        .button(format!("Switch on “{}”", disabled.check.description()))
                        .clicked()
                    {
                        actions.push(Action::EnableCheck(disabled.check));
                    }
                });
            }
        });
}

/// Switching off the check of the selected problem, with a required reason kept in the log.
fn switch_off_ui(
    ui: &mut Ui,
    report: &CheckReport,
    state: &mut ChecksState,
    actions: &mut Vec<Action>,
) {
    let Some(problem) = state.selected.and_then(|i| report.problems.get(i)) else {
        return;
    };
    let check = problem.check;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "Not applicable here? Switch off “{}”:",
            check.description()
        ));
        super::widgets::text_field(
            ui,
            egui::TextEdit::singleline(&mut state.switch_off_reason)
                .hint_text("Why is this check switched off? (required)")
                .desired_width(260.0),
            "Why is this check switched off? (required)",
            false,
        );
        let reason = state.switch_off_reason.trim();
        if ui
            .add_enabled(
                !reason.is_empty(),
                egui::Button::new("Switch the check off"),
            )
            .on_disabled_hover_text("Say why: the reason is kept in the log")
            .clicked()
        {
            actions.push(Action::DisableCheck {
                check,
                reason: reason.to_owned(),
            });
            state.switch_off_reason.clear();
            state.selected = None;
        }
    });
}
