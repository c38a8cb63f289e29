//! The Versions window: the issued baselines listed (version, date, author, reason, hash), each
//! to open read-only, export, or compare with another version or the current log.

use chrono::Local;

use crate::domain::baseline::Baseline;
use crate::interchange::ExportLayout;

/// What to compare a baseline with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareWith {
    /// The log as it is now.
    Now,
    /// Another baseline, by index.
    Baseline(usize),
}

/// What the user asked for in the Versions window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionsOutcome {
    Close,
    /// Open baseline `index` read-only, in place of the log.
    Open(usize),
    Export(usize, ExportLayout),
    /// Show the changes from baseline `from` to `to`.
    Compare {
        from: usize,
        to: CompareWith,
    },
}

/// The window's own state: which baseline the next comparison starts from.
#[derive(Clone, Debug, Default)]
pub struct VersionsState {
    pub open: bool,
    pub compare_from: Option<usize>,
}

/// Shows the window; returns what the user asked for this frame.
pub fn versions_ui(
    ctx: &egui::Context,
    state: &mut VersionsState,
    baselines: &[Baseline],
) -> Option<VersionsOutcome> {
    let mut outcome = None;
    let mut open = true;
    egui::Window::new("Issued versions")
        .open(&mut open)
        .default_width(760.0)
        .vscroll(true)
        .show(ctx, |ui| {
            if baselines.is_empty() {
                ui.label("No version has been issued yet. Use File › Issue version… to issue one.");
                return;
            }
            for (index, baseline) in baselines.iter().enumerate().rev() {
                baseline_row_ui(ui, state, index, baseline, &mut outcome);
                ui.separator();
            }
        });
    if !open {
        outcome = Some(VersionsOutcome::Close);
    }
    outcome
}

fn baseline_row_ui(
    ui: &mut egui::Ui,
    state: &mut VersionsState,
    index: usize,
    baseline: &Baseline,
    outcome: &mut Option<VersionsOutcome>,
) {
    let version = &baseline.version;
    ui.strong(format!(
        "Version {version} — {} — {} — {} — SHA-256 {}",
        baseline
            .issued
            .with_timezone(&Local)
            .format("%d/%m/%Y %H:%M"),
        baseline.author,
        baseline.reason.label(),
        baseline.frozen.short_hash(),
    ));
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(format!("Open version {version} read-only"))
            .clicked()
        {
            *outcome = Some(VersionsOutcome::Open(index));
        }
        if ui
            .button(format!("Export version {version} (NHS v3.6)"))
            .clicked()
        {
            *outcome = Some(VersionsOutcome::Export(index, ExportLayout::NhsV36));
        }
        if ui
            .button(format!("Export version {version} (layout A)"))
            .clicked()
        {
            *outcome = Some(VersionsOutcome::Export(index, ExportLayout::LayoutA));
        }
        if ui
            .button(format!("Compare version {version} with now"))
            .clicked()
        {
            *outcome = Some(VersionsOutcome::Compare {
                from: index,
                to: CompareWith::Now,
            });
        }
        match state.compare_from {
            Some(from) if from != index => {
                if ui
                    .button(format!("Compare with version {version}"))
                    .clicked()
                {
                    *outcome = Some(VersionsOutcome::Compare {
                        from,
                        to: CompareWith::Baseline(index),
                    });
                    state.compare_from = None;
                }
            }
            Some(_) => {
                if ui.button("Cancel the comparison").clicked() {
                    state.compare_from = None;
                }
            }
            None => {
                if ui
                    .button(format!("Compare version {version} with another version"))
                    .clicked()
                {
                    state.compare_from = Some(index);
                }
            }
        }
    });
}
