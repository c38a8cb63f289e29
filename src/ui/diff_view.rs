//! The diff view: the changes between two versions of the log (added, withdrawn, reinstated,
//! changed field by field, risk movements, actions opened and closed), filtered by kind, to read
//! and to export.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::domain::diff::{DiffKind, MoveMatrix, VersionDiff, movement_text};
use crate::interchange::diff_docx::DiffLabels;
use crate::shell::FileKind;

/// A diff on show, with the kinds the user has chosen to see.
#[derive(Clone, Debug)]
pub struct DiffState {
    pub diff: Arc<VersionDiff>,
    pub labels: DiffLabels,
    pub shown: BTreeSet<DiffKind>,
}

impl DiffState {
    pub fn new(diff: VersionDiff, labels: DiffLabels) -> DiffState {
        DiffState {
            diff: Arc::new(diff),
            labels,
            shown: DiffKind::ALL.into_iter().collect(),
        }
    }

    /// The diff as filtered: what is shown and what an export writes.
    pub fn filtered(&self) -> VersionDiff {
        let kinds: Vec<DiffKind> = self.shown.iter().copied().collect();
        self.diff.filtered(&kinds)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffOutcome {
    Close,
    /// Export the filtered diff as a Word document or a spreadsheet.
    Export(FileKind),
}

pub fn diff_view_ui(ctx: &egui::Context, state: &mut DiffState) -> Option<DiffOutcome> {
    let mut outcome = None;
    let mut open = true;
    egui::Window::new(state.labels.title())
        .id(egui::Id::unique("diff-view"))
        .open(&mut open)
        .default_width(760.0)
        .default_height(520.0)
        .vscroll(true)
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("Show:");
                for kind in DiffKind::ALL {
                    let mut on = state.shown.contains(&kind);
                    let text = format!("{} ({})", kind.label(), state.diff.count(kind));
                    if ui.checkbox(&mut on, text).changed() {
                        if on {
                            state.shown.insert(kind);
                        } else {
                            state.shown.remove(&kind);
                        }
                    }
                }
            });
            ui.horizontal(|ui| {
                if ui.button("Export the changes as Word").clicked() {
                    outcome = Some(DiffOutcome::Export(FileKind::Word));
                }
                if ui.button("Export the changes as a spreadsheet").clicked() {
                    outcome = Some(DiffOutcome::Export(FileKind::Spreadsheet));
                }
            });
            ui.separator();
            let diff = state.filtered();
            if diff.hazards.is_empty() && diff.actions.is_empty() {
                ui.label("No changes of the kinds shown.");
            }
            changes_ui(ui, &diff);
            ui.separator();
            ui.columns(2, |columns| {
                matrix_ui(&mut columns[0], "Initial risk moves", &diff.initial_moves);
                matrix_ui(&mut columns[1], "Residual risk moves", &diff.residual_moves);
            });
        });
    if !open {
        outcome = Some(DiffOutcome::Close);
    }
    outcome
}

fn changes_ui(ui: &mut egui::Ui, diff: &VersionDiff) {
    for hazard in &diff.hazards {
        let kinds: Vec<&str> = hazard.kinds.iter().map(|k| k.label()).collect();
        ui.strong(format!(
            "{} {} — {}",
            hazard.display_id,
            hazard.name,
            kinds.join(", ")
        ));
        if let Some(reason) = &hazard.reason {
            ui.label(format!("Reason: {reason}"));
        }
        if hazard.kinds.contains(&DiffKind::RiskMoved) {
            ui.label(format!(
                "Initial risk {}; residual risk {}",
                movement_text(hazard.initial),
                movement_text(hazard.residual)
            ));
        }
        for field in &hazard.fields {
            ui.label(format!(
                "{}: “{}” -> “{}”",
                field.field.label(),
                field.before,
                field.after
            ));
        }
    }
    for action in &diff.actions {
        ui.label(format!(
            "{}: {} ({})",
            action.kind.label(),
            action.description,
            action.hazards.join(", ")
        ));
    }
}

/// Counts of hazards by rating before (rows) and after (columns).
fn matrix_ui(ui: &mut egui::Ui, title: &str, moves: &MoveMatrix) {
    ui.strong(format!("{title} ({} moved)", moves.moved()));
    egui::Grid::new(title).striped(true).show(ui, |ui| {
        ui.label("before \\ after");
        for column in 0..6 {
            ui.label(MoveMatrix::label(column));
        }
        ui.end_row();
        for (row, counts) in moves.0.iter().enumerate() {
            ui.label(MoveMatrix::label(row));
            for count in counts {
                ui.label(count.to_string());
            }
            ui.end_row();
        }
    });
}
