//! The inherited-hazard box at the top of the hazard editor: where the hazard came from (supplier,
//! their id and version), its local state, and the supplier's assessment beside ours when it is
//! assessed locally.

use egui::Ui;

use crate::domain::hazard_fields::assessment_text;
use crate::domain::inheritance::LocalState;
use crate::domain::{Hazard, Project};
use crate::edit::inheritance_ops::set_state;
use crate::ui::Action;
use crate::ui::widgets::text_field;

pub fn inherited_ui(ui: &mut Ui, project: &Project, hazard: &Hazard, actions: &mut Vec<Action>) {
    let Some(record) = project.inherited(hazard.key) else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(format!(
            "Inherited from {}: their {}, version {}",
            record.supplier, record.supplier_id, record.supplier_version
        ));
        let mut wanted = None;
        ui.horizontal_wrapped(|ui| {
            ui.label("Local state:");
            for state in [LocalState::AcceptedAsIs, LocalState::LocallyAssessed] {
                if ui
                    .radio(record.state == state, state.label())
                    .on_hover_text(match state {
                        LocalState::AcceptedAsIs => {
                            "Take the supplier's assessment and controls as they are"
                        }
                        _ => "Score it and add controls here; the supplier's stay beside",
                    })
                    .clicked()
                    && record.state != state
                {
                    wanted = Some(state);
                }
            }
            let not_applicable = matches!(record.state, LocalState::NotApplicable { .. });
            let reason_id = egui::Id::unique(("not-applicable-reason", hazard.key.0));
            let mut reason: String = ui.data(|d| d.get_temp(reason_id)).unwrap_or_default();
            if not_applicable {
                ui.add_enabled(false, egui::RadioButton::new(true, "Not applicable"));
            } else {
                let edit = egui::TextEdit::singleline(&mut reason)
                    .hint_text("why it does not apply here")
                    .desired_width(220.0);
                text_field(ui, edit, "Why it does not apply", false);
                if ui
                    .add_enabled(
                        !reason.trim().is_empty(),
                        egui::Button::new("Mark not applicable"),
                    )
                    .clicked()
                {
                    wanted = Some(LocalState::NotApplicable {
                        reason: reason.trim().to_owned(),
                    });
                    reason.clear();
                }
                ui.data_mut(|d| d.insert_temp(reason_id, reason));
            }
        });
        match &record.state {
            LocalState::NotApplicable { reason } => {
                ui.label(format!("Not applicable here: {reason}"));
            }
            LocalState::LocallyAssessed => {
                let theirs = &record.upstream;
                ui.label(format!(
                    "The supplier's assessment: initial {}; residual {}",
                    assessment_text(&theirs.initial, &project.matrix),
                    assessment_text(&theirs.residual, &project.matrix)
                ));
            }
            LocalState::AcceptedAsIs => {}
        }
        if let Some(state) = wanted
            && let Ok(edit) = set_state(project, hazard.key, state)
        {
            actions.push(Action::Edit(edit));
        }
    });
    ui.add_space(4.0);
}
