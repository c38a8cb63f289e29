//! Where a hazard came from (the starter library or another project) and the controls its
//! source suggested, each to adopt as an additional control or dismiss, in the details pane.

use chrono::Utc;
use egui::{RichText, Ui};

use super::Action;
use crate::domain::{HazardKey, Project};
use crate::edit::library_ops;

pub fn provenance_ui(ui: &mut Ui, project: &Project, hazard: HazardKey, actions: &mut Vec<Action>) {
    let Some(record) = project.technique.provenance_of(hazard) else {
        return;
    };
    ui.add_space(6.0);
    ui.label(RichText::new(record.origin.describe()).italics());
    if record.suggested_controls.is_empty() {
        return;
    }
    ui.strong("Suggested controls (not in place until adopted)");
    for (index, control) in record.suggested_controls.iter().enumerate() {
        let number = index + 1;
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{number}) {}: {}",
                control.kind.label(),
                control.text
            ));
            if ui
                .button(format!("Adopt suggestion {number}"))
                .on_hover_text("Add it to the additional controls (owner and evidence to fill in)")
                .clicked()
            {
                actions.push(Action::SealEdit);
                actions.push(Action::Edit(library_ops::adopt_suggestion(
                    project,
                    hazard,
                    index,
                    Utc::now(),
                )));
            }
            if ui.button(format!("Dismiss suggestion {number}")).clicked() {
                actions.push(Action::SealEdit);
                actions.push(Action::Edit(library_ops::dismiss_suggestion(
                    project, hazard, index,
                )));
            }
        });
    }
}
