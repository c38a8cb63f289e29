//! The action pack windows: Send actions to owners (one pack per owner, saved where the user
//! says), and a returned pack's updates to accept one by one before they are taken in.

use crate::domain::{PersonKey, Project};
use crate::interchange::action_pack::PackReturn;

/// Send actions to owners: who has open actions.
#[derive(Clone, Debug)]
pub struct SendPacks {
    pub owners: Vec<(PersonKey, String, usize)>,
}

/// A returned pack under review.
#[derive(Clone, Debug)]
pub struct ReturnedPack {
    pub file_name: String,
    pub pack: PackReturn,
    /// Ticked updates, by position in `pack.updates`.
    pub accepted: Vec<bool>,
}

impl ReturnedPack {
    pub fn new(file_name: String, pack: PackReturn) -> ReturnedPack {
        // Changes to actions that moved on since the pack was sent start unticked.
        let accepted = pack.updates.iter().map(|u| !u.changed_since).collect();
        ReturnedPack {
            file_name,
            pack,
            accepted,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendOutcome {
    Save(PersonKey),
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnedOutcome {
    Apply,
    Cancel,
}

pub fn send_packs_ui(ctx: &egui::Context, send: &SendPacks) -> Option<SendOutcome> {
    let mut outcome = None;
    egui::Window::new("Send actions to owners")
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            if send.owners.is_empty() {
                ui.label("No open action has an owner: give actions owners in the Actions pane.");
            } else {
                ui.label(
                    "Each owner gets a workbook of their open actions, with columns to fill in \
                     (status, progress note, evidence, date done). Import it when it comes back.",
                );
                egui::Grid::new("pack-owners")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (key, name, count) in &send.owners {
                            ui.label(format!(
                                "{name}: {count} open action{}",
                                if *count == 1 { "" } else { "s" }
                            ));
                            if ui.button(format!("Save pack for {name}…")).clicked() {
                                outcome = Some(SendOutcome::Save(*key));
                            }
                            ui.end_row();
                        }
                    });
            }
            ui.separator();
            if ui.button("Close").clicked() {
                outcome = Some(SendOutcome::Close);
            }
        });
    outcome
}

pub fn returned_pack_ui(
    ctx: &egui::Context,
    returned: &mut ReturnedPack,
    project: &Project,
) -> Option<ReturnedOutcome> {
    let mut outcome = None;
    egui::Window::new("Returned action pack")
        .collapsible(false)
        .default_width(620.0)
        .vscroll(true)
        .show(ctx, |ui| {
            ui.label(format!(
                "{} from {}{}",
                returned.file_name,
                returned.pack.owner,
                returned
                    .pack
                    .made
                    .map(|m| format!(", sent {}", m.format("%-d %b %Y")))
                    .unwrap_or_default()
            ));
            for note in &returned.pack.notes {
                ui.colored_label(ui.visuals().warn_fg_color, note);
            }
            if returned.pack.updates.is_empty() {
                ui.label("Nothing was filled in: there is nothing to take in.");
            }
            for (update, on) in returned
                .pack
                .updates
                .iter()
                .zip(returned.accepted.iter_mut())
            {
                let mut said = Vec::new();
                if let Some(status) = update.status {
                    said.push(format!("status {}", status.label()));
                }
                if !update.note.is_empty() {
                    said.push(format!("note “{}”", update.note));
                }
                if !update.evidence.is_empty() {
                    said.push(format!("evidence “{}”", update.evidence));
                }
                if let Some(done) = update.date_done {
                    said.push(format!("done {}", done.format("%-d %b %Y")));
                }
                ui.checkbox(
                    on,
                    format!("Take {}: {}", update.reference, said.join("; ")),
                );
                if let Some(typed) = &update.unreadable_date {
                    ui.label(format!(
                        "    The date done “{typed}” is not a date; it is left out."
                    ));
                }
                if update.changed_since {
                    let now = project
                        .actions
                        .iter()
                        .find(|a| a.key == update.action)
                        .map(|a| format!("“{}”, {}", a.description.trim(), a.status.label()))
                        .unwrap_or_default();
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("    Changed here since the pack was sent: now {now}."),
                    );
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                let count = returned.accepted.iter().filter(|on| **on).count();
                if ui
                    .add_enabled(
                        count > 0,
                        egui::Button::new(format!("Take in {count} updates")),
                    )
                    .clicked()
                {
                    outcome = Some(ReturnedOutcome::Apply);
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(ReturnedOutcome::Cancel);
                }
            });
        });
    outcome
}
