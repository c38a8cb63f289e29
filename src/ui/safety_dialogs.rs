//! The questions the safety net asks: restore work a crash left, what to do with a project open
//! elsewhere, whether to overwrite a file changed on disk or save without a backup, and which
//! backup to open.

use egui::RichText;

use super::Action;
use crate::storage::backup::Backup;
use crate::storage::recovery::RecoveryEntry;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SafetyAnswer {
    Restore(usize),
    /// Asks whether to delete this recovered work for good.
    Discard(usize),
    ConfirmDiscard(usize),
    /// Do not delete it after all.
    KeepRecovered,
    OpenReadOnly,
    TakeOver,
    CancelOpen,
    Overwrite,
    SaveElsewhere,
    /// Save although the previous version could not be backed up.
    SaveWithoutBackup,
    CancelSave,
    ListBackups,
    OpenBackup(usize),
    CloseBackups,
}

/// What is being asked, if anything.
pub struct Questions<'a> {
    pub recovery: &'a [RecoveryEntry],
    /// The recovered work the user asked to discard, being asked about.
    pub discard_asked: Option<usize>,
    pub lock: Option<&'a str>,
    pub conflict: Option<&'a str>,
    /// Why saving was refused: the previous version could not be backed up.
    pub backup_refused: Option<&'a str>,
    pub backups: Option<&'a [Backup]>,
}

fn answer(actions: &mut Vec<Action>, answer: SafetyAnswer) {
    actions.push(Action::Safety(answer));
}

pub fn safety_dialogs_ui(ctx: &egui::Context, questions: Questions<'_>, actions: &mut Vec<Action>) {
    if !questions.recovery.is_empty() {
        egui::Modal::new(egui::Id::unique("recovery-offer")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("Restore unsaved work?");
            ui.label(
                "Hazard Workshop did not close normally last time. This unsaved work was kept:",
            );
            ui.add_space(6.0);
            for (index, entry) in questions.recovery.iter().enumerate() {
                ui.group(|ui| {
                    ui.label(RichText::new(entry.describe()).strong());
                    if let Some(problem) = &entry.problem {
                        ui.colored_label(ui.visuals().error_fg_color, problem);
                    }
                    if questions.discard_asked == Some(index) {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            "Delete this work for good? It cannot be restored afterwards.",
                        );
                        ui.horizontal(|ui| {
                            if ui.button("Delete for good").clicked() {
                                answer(actions, SafetyAnswer::ConfirmDiscard(index));
                            }
                            if ui.button("Keep it").clicked() {
                                answer(actions, SafetyAnswer::KeepRecovered);
                            }
                        });
                        return;
                    }
                    ui.horizontal(|ui| {
                        if entry.is_restorable() && ui.button("Restore").clicked() {
                            answer(actions, SafetyAnswer::Restore(index));
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Delete this recovered work for good (asks first)")
                            .clicked()
                        {
                            answer(actions, SafetyAnswer::Discard(index));
                        }
                    });
                });
            }
        });
        return;
    }
    if let Some(why) = questions.lock {
        egui::Modal::new(egui::Id::unique("lock-question")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("This hazard log is open elsewhere");
            ui.label(why);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Open read-only").clicked() {
                    answer(actions, SafetyAnswer::OpenReadOnly);
                }
                if ui
                    .button("Take over")
                    .on_hover_text(
                        "Their next save will be refused; only do this if they have finished",
                    )
                    .clicked()
                {
                    answer(actions, SafetyAnswer::TakeOver);
                }
                if ui.button("Cancel").clicked() {
                    answer(actions, SafetyAnswer::CancelOpen);
                }
            });
        });
    }
    if let Some(why) = questions.conflict {
        egui::Modal::new(egui::Id::unique("save-conflict")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("The file changed since you opened it");
            ui.label(why);
            ui.label("Overwriting replaces those changes (the old file is kept as a backup).");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Save as…").clicked() {
                    answer(actions, SafetyAnswer::SaveElsewhere);
                }
                if ui.button("Overwrite").clicked() {
                    answer(actions, SafetyAnswer::Overwrite);
                }
                if ui.button("Cancel").clicked() {
                    answer(actions, SafetyAnswer::CancelSave);
                }
            });
        });
    }
    if let Some(why) = questions.backup_refused {
        egui::Modal::new(egui::Id::unique("backup-refused")).show(ctx, |ui| {
            // Narrow enough for a 1024 px projector screen, with the text wrapped.
            ui.set_max_width(440.0);
            ui.heading("Not saved: no backup could be made");
            ui.label(why);
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Save without a backup")
                    .on_hover_text("Replace the file without keeping its previous version")
                    .clicked()
                {
                    answer(actions, SafetyAnswer::SaveWithoutBackup);
                }
                if ui.button("Cancel").clicked() {
                    answer(actions, SafetyAnswer::CancelSave);
                }
            });
        });
    }
    if let Some(backups) = questions.backups {
        let mut open = true;
        egui::Window::new("Backups of this hazard log")
            .open(&mut open)
            .collapsible(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                if backups.is_empty() {
                    ui.label("No backups yet: one is kept each time the file is saved over.");
                }
                for (index, backup) in backups.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let when = backup.taken.with_timezone(&chrono::Local);
                        let text = format!(
                            "{} ({:.0} kB)",
                            when.format("%d %b %Y %H:%M:%S"),
                            backup.size as f64 / 1000.0
                        );
                        if ui
                            .button(text)
                            .on_hover_text(backup.path.display().to_string())
                            .clicked()
                        {
                            answer(actions, SafetyAnswer::OpenBackup(index));
                        }
                    });
                }
            });
        if !open {
            answer(actions, SafetyAnswer::CloseBackups);
        }
    }
}
