//! The merge windows: what merging another copy will do (before it is applied), and the review
//! of the merge conflicts the project holds, each resolved with ours, theirs or an edited value.

use crate::domain::Project;
use crate::domain::three_way::{MergeConflict, MergeOutcome};

/// A merge worked out and waiting for the user's go-ahead.
pub struct MergePreview {
    /// The other copy's file name.
    pub file_name: String,
    /// Where the common ancestor was found; `None`: a two-way merge.
    pub found_in: Option<String>,
    pub outcome: MergeOutcome,
}

pub enum PreviewOutcome {
    Apply,
    Cancel,
}

/// Lines shown of a long list before "and N more".
const SHOWN: usize = 200;

fn lines_ui(ui: &mut egui::Ui, lines: &[String]) {
    for line in lines.iter().take(SHOWN) {
        ui.label(format!("• {line}"));
    }
    if lines.len() > SHOWN {
        ui.label(format!("… and {} more", lines.len() - SHOWN));
    }
}

fn conflict_values_ui(ui: &mut egui::Ui, conflict: &MergeConflict) {
    let value = |text: &str| {
        if text.is_empty() {
            "(empty)".to_owned()
        } else {
            text.to_owned()
        }
    };
    ui.label(format!(
        "Ours ({}): {}",
        conflict.ours.from,
        value(&conflict.ours.text)
    ));
    ui.label(format!(
        "Theirs ({}): {}",
        conflict.theirs.from,
        value(&conflict.theirs.text)
    ));
    match &conflict.base {
        Some(base) => ui.label(format!("Before both changes: {}", value(&base.text))),
        None => ui.label("Before both changes: not known (no common ancestor)"),
    };
}

pub fn merge_preview_ui(ctx: &egui::Context, preview: &MergePreview) -> Option<PreviewOutcome> {
    let mut outcome = None;
    let result = &preview.outcome;
    egui::Window::new("Merge another copy")
        .collapsible(false)
        .default_width(640.0)
        .show(ctx, |ui| {
            ui.label(format!(
                "Merging “{}” into this project.",
                preview.file_name
            ));
            match &preview.found_in {
                Some(found) => ui.label(format!("Common ancestor: {found}.")),
                None => ui.label(
                    "No common ancestor was found: every difference between the copies is a \
                     conflict, and items only one copy holds are kept.",
                ),
            };
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    ui.heading(format!(
                        "Changes taken from the other copy: {}",
                        result.summary.taken.len()
                    ));
                    lines_ui(ui, &result.summary.taken);
                    if !result.renumbered.is_empty() {
                        ui.heading("Renumbered");
                        let lines: Vec<String> = result
                            .renumbered
                            .iter()
                            .map(|r| {
                                format!(
                                    "the other copy's {} becomes {} ({} is taken)",
                                    r.from, r.to, r.from
                                )
                            })
                            .collect();
                        lines_ui(ui, &lines);
                    }
                    if !result.summary.notes.is_empty() {
                        ui.heading("Also");
                        lines_ui(ui, &result.summary.notes);
                    }
                    ui.heading(format!("Conflicts: {}", result.conflicts.len()));
                    if result.conflicts.is_empty() {
                        ui.label("None: the copies merge cleanly.");
                    } else {
                        ui.label(
                            "The project keeps this copy's value of each until you resolve it \
                             in Merge conflicts; no version can be issued before then.",
                        );
                    }
                    for conflict in result.conflicts.iter().take(SHOWN) {
                        ui.separator();
                        ui.strong(&conflict.label);
                        conflict_values_ui(ui, conflict);
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Apply merge").clicked() {
                    outcome = Some(PreviewOutcome::Apply);
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(PreviewOutcome::Cancel);
                }
            });
        });
    outcome
}

/// The conflicts window's own state.
#[derive(Default)]
pub struct ConflictsView {
    /// The conflict whose value is being typed, and the text so far.
    pub editing: Option<(usize, String)>,
}

pub enum ConflictAction {
    KeepOurs(usize),
    KeepTheirs(usize),
    /// The text typed for conflict `index`.
    Edited(usize, String),
    Close,
}

pub fn conflicts_ui(
    ctx: &egui::Context,
    project: &Project,
    view: &mut ConflictsView,
) -> Option<ConflictAction> {
    let mut action = None;
    egui::Window::new("Merge conflicts")
        .collapsible(false)
        .default_width(600.0)
        .show(ctx, |ui| {
            let count = project.conflicts.len();
            if count == 0 {
                ui.label("No merge conflicts remain.");
            } else {
                ui.label(format!(
                    "{count} merge conflict{} to resolve. The project holds ours (this copy's \
                     value) until you choose.",
                    if count == 1 { "" } else { "s" }
                ));
            }
            egui::ScrollArea::vertical()
                .max_height(440.0)
                .show(ui, |ui| {
                    for (index, conflict) in project.conflicts.iter().enumerate() {
                        ui.separator();
                        ui.strong(&conflict.label);
                        conflict_values_ui(ui, conflict);
                        match &mut view.editing {
                            Some((editing, text)) if *editing == index => {
                                let label = ui.label(format!("New value for {}", conflict.label));
                                ui.add(egui::TextEdit::multiline(text).desired_rows(2))
                                    .labelled_by(label.id);
                                let mut cancel = false;
                                ui.horizontal(|ui| {
                                    if ui.button("Use this value").clicked() {
                                        action = Some(ConflictAction::Edited(index, text.clone()));
                                    }
                                    cancel = ui.button("Cancel edit").clicked();
                                });
                                if cancel {
                                    view.editing = None;
                                }
                            }
                            _ => {
                                ui.horizontal(|ui| {
                                    if ui
                                        .button("Keep ours")
                                        .on_hover_text(format!("Keep ours for {}", conflict.label))
                                        .clicked()
                                    {
                                        action = Some(ConflictAction::KeepOurs(index));
                                    }
                                    if ui
                                        .button("Keep theirs")
                                        .on_hover_text(format!(
                                            "Keep theirs for {}",
                                            conflict.label
                                        ))
                                        .clicked()
                                    {
                                        action = Some(ConflictAction::KeepTheirs(index));
                                    }
                                    if conflict.is_text()
                                        && ui
                                            .button("Edit…")
                                            .on_hover_text(format!(
                                                "Type the value for {}",
                                                conflict.label
                                            ))
                                            .clicked()
                                    {
                                        view.editing = Some((index, conflict.ours.text.clone()));
                                    }
                                });
                            }
                        }
                    }
                });
            ui.separator();
            if ui.button("Close").clicked() {
                action = Some(ConflictAction::Close);
            }
        });
    action
}

pub enum SyncCopiesAnswer {
    /// Merge copy `index` of the list.
    Merge(usize),
    NotNow,
}

/// The notice offering to merge the copies sync clients left beside the project.
pub fn sync_copies_ui(
    ctx: &egui::Context,
    copies: &[std::path::PathBuf],
) -> Option<SyncCopiesAnswer> {
    let mut answer = None;
    // A notice in the corner, clear of the menus and the hazard being edited.
    egui::Window::new("Copies of this project")
        .collapsible(false)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(
                "A sync client (OneDrive, Dropbox, a shared folder) left these copies beside \
                 this project. They may hold changes made on another computer: merge each to \
                 keep them.",
            );
            for (index, copy) in copies.iter().enumerate() {
                let name = copy.file_name().map_or_else(
                    || copy.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui.button(format!("Merge “{name}”…")).clicked() {
                    answer = Some(SyncCopiesAnswer::Merge(index));
                }
            }
            if ui.button("Not now").clicked() {
                answer = Some(SyncCopiesAnswer::NotNow);
            }
        });
    answer
}
