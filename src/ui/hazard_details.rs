//! The hazard details pane: every field of the selected hazard, edited in place. The pane edits
//! a copy and pushes one [`Action::Edit`] when the copy differs, so every keystroke takes the
//! undoable path and a burst of typing in one field is one undo step.

use chrono::Utc;
use egui::{RichText, Ui};

use egui_material_icons::icons;

use super::draft::{Changes, Draft};
use super::score_picker::{Choice, score_picker_ui};
use super::widgets::{ListKeys, item_buttons_ui, risk_chip_ui, string_list_ui, text_field};
use super::{Action, Shell, ViewState};
use crate::domain::hazard_fields::HazardField;
use crate::domain::{
    AdditionalControl, Assessment, ControlKind, ExistingControl, ExistingControlKind, Hazard,
    HazardKey, HazardStatus, Likelihood, Project, Severity, StatusKind,
};
use crate::edit::ops;
use crate::shell::scoring::{ScoreAxis, ScoringFocus, Stage};

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, view: &mut ViewState, actions: &mut Vec<Action>) {
    let project = shell.project();
    let Some(hazard) = view.selected.and_then(|key| project.hazard(key)) else {
        view.scoring.picking = None;
        ui.centered_and_justified(|ui| {
            ui.label("Select a hazard in the list, or capture a new one with Ctrl+N.");
        });
        return;
    };
    let mut state = Draft::of(hazard);
    // A field the Checks pane asked for: reached at most once, this frame.
    let mut focus = view.focus_field.take();
    // Set again below while a score picker is open.
    view.scoring.picking = None;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("hazard-details")
        .auto_shrink([false, false]);
    if shows_a_new_hazard(ui, hazard.key) {
        // Another hazard: start at its id and name, never midway down the last one's controls
        // (an edit there would land on the wrong hazard). A half-typed withdrawal was for the
        // last hazard, not this one.
        scroll = scroll.vertical_scroll_offset(0.0);
        view.withdraw_reason = None;
    }
    scroll.show(ui, |ui| {
        let Draft {
            value: draft,
            changes,
        } = &mut state;
        header_ui(ui, draft, view, changes, actions, &mut focus);
        ui.separator();
        super::inherited_ui::inherited_ui(ui, project, hazard, actions);
        let response = multiline(ui, "Description", &mut draft.description);
        changes.track("description", &response);
        land(&mut focus, HazardField::Description, &response);
        ui.add_space(6.0);
        cause_to_harm_ui(ui, draft, changes, &mut focus);
        let heading = existing_controls_ui(ui, &mut draft.existing_controls, changes);
        land(&mut focus, HazardField::ExistingControls, &heading);
        let heading = assessment_ui(
            ui,
            project,
            hazard.key,
            Stage::Initial,
            &mut draft.initial,
            changes,
            &mut view.scoring.picking,
        );
        land(&mut focus, HazardField::Initial, &heading);
        let response = multiline(
            ui,
            "Initial justification",
            &mut draft.initial_justification,
        );
        changes.track("initial justification", &response);
        land(&mut focus, HazardField::InitialJustification, &response);
        ui.add_space(6.0);
        let heading = additional_controls_ui(ui, &mut draft.additional_controls, changes);
        land(&mut focus, HazardField::AdditionalControls, &heading);
        let heading = assessment_ui(
            ui,
            project,
            hazard.key,
            Stage::Residual,
            &mut draft.residual,
            changes,
            &mut view.scoring.picking,
        );
        land(&mut focus, HazardField::Residual, &heading);
        if draft.residual_exceeds_initial(&project.matrix) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} The residual risk is higher than the initial risk. Additional controls \
                     should not increase risk: check the scores.",
                    <&str>::from(icons::ICON_WARNING)
                ),
            );
        }
        ui.add_space(6.0);
        let response = multiline(
            ui,
            "Residual justification (why the risk is acceptable, ALARP)",
            &mut draft.residual_justification,
        );
        changes.track("residual justification", &response);
        land(&mut focus, HazardField::ResidualJustification, &response);
        let response = multiline(
            ui,
            "Summary of actions and notes",
            &mut draft.actions_and_notes,
        );
        changes.track("actions and notes", &response);
        land(&mut focus, HazardField::ActionsAndNotes, &response);
        extras_ui(ui, draft, changes);
        let mentions = view.mentions(shell.doc);
        mentions_ui(ui, project, &mentions, hazard, view);
        super::provenance_ui::provenance_ui(ui, project, hazard.key, actions);
        super::history_ui::history_ui(ui, project, hazard.key);
        record_ui(ui, project, hazard);
    });

    state.finish(hazard, actions, |value, field| {
        ops::update_hazard(project, value, field, Utc::now())
    });
}

/// Moves the keyboard to `response` and scrolls it into view if `field` is the one asked for
/// (a problem clicked in the Checks pane).
fn land(focus: &mut Option<HazardField>, field: HazardField, response: &egui::Response) {
    if *focus == Some(field) {
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
        *focus = None;
    }
}

/// Whether `key` is not the hazard this pane showed last frame (and remembers it).
fn shows_a_new_hazard(ui: &Ui, key: HazardKey) -> bool {
    let id = egui::Id::unique("hazard-details-shown");
    let previous = ui.data(|d| d.get_temp::<HazardKey>(id));
    ui.data_mut(|d| d.insert_temp(id, key));
    previous != Some(key)
}

fn header_ui(
    ui: &mut Ui,
    draft: &mut Hazard,
    view: &mut ViewState,
    changes: &mut Changes,
    actions: &mut Vec<Action>,
    focus: &mut Option<HazardField>,
) {
    ui.horizontal(|ui| {
        let id = text_field(
            ui,
            egui::TextEdit::singleline(&mut draft.display_id)
                .hint_text("ID")
                .desired_width(70.0)
                .font(egui::TextStyle::Heading),
            "Hazard ID",
            false,
        );
        changes.track("ID", &id);
        let name = text_field(
            ui,
            egui::TextEdit::singleline(&mut draft.name)
                .hint_text("Hazard name")
                .desired_width(f32::INFINITY)
                .font(egui::TextStyle::Heading),
            "Hazard name",
            false,
        );
        changes.track("name", &name);
        land(focus, HazardField::Name, &name);
        if view.focus_details {
            name.request_focus();
            view.focus_details = false;
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Status");
        let status = status_ui(ui, draft, view, changes);
        land(focus, HazardField::Status, &status);
        ui.separator();
        let owner = text_field(
            ui,
            egui::TextEdit::singleline(&mut draft.owner)
                .hint_text("Owner")
                .desired_width(140.0),
            "Owner",
            false,
        );
        changes.track("owner", &owner);
        land(focus, HazardField::Owner, &owner);
        ui.separator();
        if ui
            .button("Duplicate")
            .on_hover_text("A new hazard with the same content and the next ID (Ctrl+D)")
            .clicked()
        {
            actions.push(Action::Command(crate::shell::Command::DuplicateHazard));
        }
    });
}

/// Status picker. Withdrawing needs a reason; a withdrawn hazard can be reinstated.
fn status_ui(
    ui: &mut Ui,
    draft: &mut Hazard,
    view: &mut ViewState,
    changes: &mut Changes,
) -> egui::Response {
    let current = draft.status.kind();
    let mut chosen = current;
    let picker = egui::ComboBox::from_id_salt("hazard-status")
        .selected_text(current.label())
        .show_ui(ui, |ui| {
            for kind in StatusKind::ALL {
                ui.selectable_value(&mut chosen, kind, kind.label());
            }
        })
        .response
        .on_hover_text("Hazard status");
    if chosen != current {
        match chosen {
            StatusKind::Withdrawn => view.withdraw_reason = Some(String::new()),
            other => {
                draft.status = match other {
                    StatusKind::NewForTriage => HazardStatus::NewForTriage,
                    StatusKind::Open => HazardStatus::Open,
                    StatusKind::Transferred => HazardStatus::Transferred,
                    _ => HazardStatus::Closed,
                };
                view.withdraw_reason = None;
                changes.mark("status", true);
            }
        }
    }
    if let HazardStatus::Withdrawn { reason } = &mut draft.status {
        let response = text_field(
            ui,
            egui::TextEdit::singleline(reason)
                .hint_text("Reason for withdrawal")
                .desired_width(220.0),
            "Reason for withdrawal",
            false,
        );
        changes.track("withdrawal reason", &response);
        let before = draft
            .status_before_withdrawal
            .as_ref()
            .map_or("Open", HazardStatus::label);
        if ui
            .button("Reinstate")
            .on_hover_text(format!("Bring the hazard back as it was before: {before}"))
            .clicked()
        {
            draft.reinstate();
            changes.mark("status", true);
        }
    }
    let mut withdraw = false;
    let mut cancel = false;
    if let Some(reason) = &mut view.withdraw_reason {
        let field = text_field(
            ui,
            egui::TextEdit::singleline(reason)
                .hint_text("Why is it withdrawn? (required)")
                .desired_width(240.0),
            "Why is it withdrawn? (required)",
            false,
        );
        if std::mem::take(&mut view.focus_withdraw_reason) {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        withdraw = entered && !reason.trim().is_empty();
        withdraw |= ui
            .add_enabled(!reason.trim().is_empty(), egui::Button::new("Withdraw"))
            .on_disabled_hover_text("A withdrawn hazard needs a reason")
            .clicked();
        cancel = ui.button("Cancel withdrawal").clicked();
    }
    if withdraw && let Some(reason) = view.withdraw_reason.take() {
        draft.withdraw(reason.trim().to_owned());
        changes.mark("status", true);
    }
    if cancel {
        view.withdraw_reason = None;
    }
    picker
}

fn multiline(ui: &mut Ui, label: &str, text: &mut String) -> egui::Response {
    ui.label(RichText::new(label).strong());
    text_field(
        ui,
        egui::TextEdit::multiline(text)
            .hint_text(label)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
        label,
        true,
    )
}

/// Cause, effect, hazard and harm, in the order NHS clinical safety training reasons through
/// them (and the v3.6 template's columns run).
fn cause_to_harm_ui(
    ui: &mut Ui,
    draft: &mut Hazard,
    changes: &mut Changes,
    focus: &mut Option<HazardField>,
) {
    let heading = ui.label(RichText::new("Possible causes").strong());
    land(focus, HazardField::Causes, &heading);
    changes.note("causes", string_list_ui(ui, "cause", &mut draft.causes));
    ui.add_space(4.0);
    let response = multiline(
        ui,
        "Effect (change to the intended care pathway)",
        &mut draft.effect,
    );
    changes.track("effect", &response);
    land(focus, HazardField::Effect, &response);
    let response = multiline(ui, "Hazard (the potential for harm)", &mut draft.hazard);
    changes.track("hazard", &response);
    land(focus, HazardField::HazardText, &response);
    let response = multiline(ui, "Harm (what the severity scores)", &mut draft.harm);
    changes.track("harm", &response);
    land(focus, HazardField::Harm, &response);
    ui.add_space(4.0);
}

/// Existing controls, each typed as the v3.6 template types them, with its evidence.
/// Returns the section's heading, for the Checks pane to scroll to.
fn existing_controls_ui(
    ui: &mut Ui,
    controls: &mut Vec<ExistingControl>,
    changes: &mut Changes,
) -> egui::Response {
    const FIELD: &str = "existing controls";
    let heading = ui.label(RichText::new("Existing controls").strong());
    let mut op = None;
    let len = controls.len();
    let mut keys = ListKeys::new(ui, "existing-controls");
    for (index, control) in controls.iter_mut().enumerate() {
        let number = index + 1;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("{number})"));
                let mut kind = control.kind;
                egui::ComboBox::from_id_salt(("existing-control-kind", index))
                    .selected_text(kind.label())
                    .show_ui(ui, |ui| {
                        for option in ExistingControlKind::ALL {
                            ui.selectable_value(&mut kind, option, option.label());
                        }
                    })
                    .response
                    .on_hover_text(format!("Type of existing control {number}"));
                if kind != control.kind {
                    control.kind = kind;
                    changes.mark(FIELD, true);
                }
                op = item_buttons_ui(ui, "existing control", index, len).or(op.take());
            });
            let text = keys.field(
                ui,
                index,
                &mut control.text,
                &format!("Existing control {number}"),
            );
            changes.track(FIELD, &text);
            let evidence = text_field(
                ui,
                egui::TextEdit::singleline(&mut control.evidence)
                    .hint_text(format!("Evidence for existing control {number}"))
                    .desired_width(f32::INFINITY),
                &format!("Evidence for existing control {number}"),
                false,
            );
            changes.track(FIELD, &evidence);
        });
    }
    if let Some(op) = op {
        op.apply(controls);
        changes.mark(FIELD, true);
    }
    if keys.add_button(ui, "Add existing control", controls.len()) {
        controls.push(ExistingControl::default());
        changes.mark(FIELD, true);
    }
    ui.add_space(4.0);
    heading
}

/// Returns the section's heading, for the Checks pane to scroll to.
fn additional_controls_ui(
    ui: &mut Ui,
    controls: &mut Vec<AdditionalControl>,
    changes: &mut Changes,
) -> egui::Response {
    const FIELD: &str = "additional controls";
    let heading = ui.label(RichText::new("Additional controls").strong());
    let mut op = None;
    let len = controls.len();
    let mut keys = ListKeys::new(ui, "additional-controls");
    for (index, control) in controls.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("{})", index + 1));
                let mut kind = control.kind;
                egui::ComboBox::from_id_salt(("control-kind", index))
                    .selected_text(kind.label())
                    .show_ui(ui, |ui| {
                        for option in ControlKind::ALL {
                            ui.selectable_value(&mut kind, option, option.label());
                        }
                    })
                    .response
                    .on_hover_text(format!("Type of additional control {}", index + 1));
                if kind != control.kind {
                    control.kind = kind;
                    changes.mark(FIELD, true);
                }
                op = item_buttons_ui(ui, "additional control", index, len).or(op.take());
            });
            let text = keys.field(
                ui,
                index,
                &mut control.text,
                &format!("Additional control {}", index + 1),
            );
            changes.track(FIELD, &text);
            ui.horizontal(|ui| {
                let owner = text_field(
                    ui,
                    egui::TextEdit::singleline(&mut control.owner)
                        .hint_text(format!("Owner of control {}", index + 1))
                        .desired_width(160.0),
                    &format!("Owner of control {}", index + 1),
                    false,
                );
                changes.track(FIELD, &owner);
                let evidence = text_field(
                    ui,
                    egui::TextEdit::singleline(&mut control.evidence)
                        .hint_text(format!("Evidence for control {}", index + 1))
                        .desired_width(f32::INFINITY),
                    &format!("Evidence for control {}", index + 1),
                    false,
                );
                changes.track(FIELD, &evidence);
            });
        });
    }
    if let Some(op) = op {
        op.apply(controls);
        changes.mark(FIELD, true);
    }
    if keys.add_button(ui, "Add additional control", controls.len()) {
        controls.push(AdditionalControl::default());
        changes.mark(FIELD, true);
    }
    ui.add_space(4.0);
    heading
}

/// Severity and likelihood pickers that show every category's NHS definition while choosing
/// and the chosen one's after, and the rating with its acceptability text. Both scales run
/// from the top down as the matrix does upwards: most severe and most likely first.
fn assessment_ui(
    ui: &mut Ui,
    project: &Project,
    hazard: HazardKey,
    stage: Stage,
    assessment: &mut Assessment,
    changes: &mut Changes,
    scoring: &mut Option<ScoringFocus>,
) -> egui::Response {
    let (title, field) = match stage {
        Stage::Initial => ("Initial assessment", "initial assessment"),
        Stage::Residual => ("Residual assessment", "residual assessment"),
    };
    ui.label(RichText::new(title).strong());
    let severities: Vec<Choice<Severity>> = Severity::ALL
        .into_iter()
        .rev()
        .map(|s| Choice {
            value: Some(s),
            label: s.label(),
            definition: s.definition_text(),
        })
        .chain([Choice::not_scored()])
        .collect();
    let picked = score_picker_ui(
        ui,
        ("severity", stage == Stage::Initial, hazard),
        "Severity",
        &format!("{title}: severity"),
        &mut assessment.severity,
        &severities,
    );
    changes.mark(field, picked.changed);
    // Where the Checks pane puts the keyboard for an assessment.
    let severity_picker = picked.response.clone();
    if let Some(severity) = picked.pointing_at {
        *scoring = Some(ScoringFocus {
            hazard,
            stage,
            axis: ScoreAxis::Severity,
            severity,
            likelihood: assessment.likelihood,
        });
    }
    let likelihoods: Vec<Choice<Likelihood>> = Likelihood::ALL
        .into_iter()
        .rev()
        .map(|l| Choice {
            value: Some(l),
            label: l.label(),
            definition: l.definition().to_owned(),
        })
        .chain([Choice::not_scored()])
        .collect();
    let picked = score_picker_ui(
        ui,
        ("likelihood", stage == Stage::Initial, hazard),
        "Likelihood",
        &format!("{title}: likelihood"),
        &mut assessment.likelihood,
        &likelihoods,
    );
    changes.mark(field, picked.changed);
    if let Some(likelihood) = picked.pointing_at {
        *scoring = Some(ScoringFocus {
            hazard,
            stage,
            axis: ScoreAxis::Likelihood,
            severity: assessment.severity,
            likelihood,
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Risk");
        let rating = assessment.rating(&project.matrix);
        risk_chip_ui(ui, rating, title);
        match rating {
            Some(r) => ui.add(egui::Label::new(r.acceptability()).wrap()),
            None => ui.label(RichText::new("Not scored yet").weak()),
        };
    });
    ui.add_space(6.0);
    severity_picker
}

fn extras_ui(ui: &mut Ui, draft: &mut Hazard, changes: &mut Changes) {
    if draft.extra_fields.is_empty() {
        return;
    }
    ui.label(RichText::new("Other columns (from an imported spreadsheet)").strong());
    egui::Grid::new("extra-fields")
        .num_columns(2)
        .show(ui, |ui| {
            for extra in &mut draft.extra_fields {
                ui.label(&extra.label);
                let response = text_field(
                    ui,
                    egui::TextEdit::multiline(&mut extra.value)
                        .hint_text(extra.label.as_str())
                        .desired_rows(1),
                    &extra.label,
                    true,
                );
                changes.track("imported columns", &response);
                ui.end_row();
            }
        });
}

/// The minute entries that mention this hazard, so its history in the workshops is one click
/// away.
fn mentions_ui(
    ui: &mut Ui,
    project: &Project,
    mentions: &crate::domain::minutes::Mentions,
    hazard: &Hazard,
    view: &mut ViewState,
) {
    let mentions = mentions.of(project, hazard.key);
    if mentions.is_empty() {
        return;
    }
    let title = format!(
        "Minutes that mention {} ({})",
        hazard.display_id,
        mentions.len()
    );
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt("hazard-mentions")
        .default_open(true)
        .show(ui, |ui| {
            for (meeting_key, entry) in mentions {
                let Some(meeting) = project.meeting(meeting_key) else {
                    continue;
                };
                ui.horizontal_wrapped(|ui| {
                    let when = [
                        meeting.date.map(|d| d.format("%d %b %Y").to_string()),
                        entry.time.map(|t| t.format("%H:%M").to_string()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                    if ui
                        .link(when)
                        .on_hover_text(format!("Show “{}” in the minutes", meeting.title))
                        .clicked()
                    {
                        view.minutes.meeting = Some(meeting_key);
                    }
                    super::minutes::kind_chip_ui(ui, entry.kind);
                    ui.label(&entry.text);
                });
            }
        });
}

/// When the hazard was created, changed and raised: part of the record, not editable.
fn record_ui(ui: &mut Ui, project: &Project, hazard: &Hazard) {
    ui.add_space(8.0);
    let local = |t: chrono::DateTime<Utc>| t.with_timezone(&chrono::Local).format("%d %b %Y %H:%M");
    let mut text = format!(
        "Created {} · updated {}",
        local(hazard.created),
        local(hazard.updated)
    );
    if let Some(day) = hazard.date_added {
        text.push_str(&format!(" · added to the log {}", day.format("%d %b %Y")));
    }
    if let Some(meeting) = hazard.raised_in.and_then(|key| project.meeting(key)) {
        text.push_str(&format!(" · raised in {}", meeting.title));
    }
    ui.label(RichText::new(text).small().weak());
}
