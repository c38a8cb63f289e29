//! The supplier's log window (DCB0160): open a supplier's hazard log (a project or an NHS
//! spreadsheet), then either pick hazards to inherit, or review what the supplier's next version
//! changes and accept each change (never replacing a local assessment unless ticked).

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::domain::inheritance::LocalState;
use crate::domain::{HazardKey, Project};
use crate::edit::inheritance_ops::{Supplier, UpstreamDecision, UpstreamPlan};
use crate::ui::widgets::text_field;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupplierMode {
    /// Pick hazards of the supplier's log to inherit.
    Inherit,
    /// Take in the supplier's next version of a log already inherited from.
    Update,
}

/// The window's state while open.
#[derive(Clone, Debug)]
pub struct SupplierWindow {
    pub mode: SupplierMode,
    /// The supplier's log is being read.
    pub loading: bool,
    pub log: Option<Arc<Project>>,
    pub file_name: String,
    /// How a spreadsheet was read: each thing it could not keep.
    pub report: Vec<String>,
    pub error: Option<String>,
    pub supplier: Supplier,
    /// Suppliers already inherited from (for the update).
    pub known_suppliers: Vec<String>,
    pub search: String,
    pub chosen: BTreeSet<HazardKey>,
    pub plan: Option<UpstreamPlan>,
    pub decision: UpstreamDecision,
}

impl SupplierWindow {
    pub fn new(mode: SupplierMode, known_suppliers: Vec<String>) -> SupplierWindow {
        SupplierWindow {
            mode,
            loading: false,
            log: None,
            file_name: String::new(),
            report: Vec::new(),
            error: None,
            supplier: Supplier {
                name: known_suppliers.first().cloned().unwrap_or_default(),
                version: String::new(),
            },
            known_suppliers,
            search: String::new(),
            chosen: BTreeSet::new(),
            plan: None,
            decision: UpstreamDecision::default(),
        }
    }

    fn title(&self) -> &'static str {
        match self.mode {
            SupplierMode::Inherit => "Inherit hazards from a supplier's log",
            SupplierMode::Update => "Take in a supplier's next version",
        }
    }
}

/// What the user asked for this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupplierOutcome {
    OpenProjectFile,
    OpenSpreadsheet,
    /// The supplier named changed: the update plan is to be made again.
    SupplierChanged,
    Inherit,
    ApplyUpdate,
    Close,
}

/// Shows the window; `None` when nothing was asked for.
pub fn supplier_window_ui(ctx: &egui::Context, w: &mut SupplierWindow) -> Option<SupplierOutcome> {
    let mut outcome = None;
    egui::Window::new(w.title())
        .collapsible(false)
        .default_width(720.0)
        .default_height(520.0)
        .vscroll(true)
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Open the supplier's project (.hazlog)…")
                    .clicked()
                {
                    outcome = Some(SupplierOutcome::OpenProjectFile);
                }
                if ui
                    .button("Open the supplier's spreadsheet (.xlsx)…")
                    .clicked()
                {
                    outcome = Some(SupplierOutcome::OpenSpreadsheet);
                }
                if w.loading {
                    ui.spinner();
                    ui.label("Reading the supplier's log…");
                }
            });
            if let Some(error) = &w.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            if w.log.is_some() {
                ui.label(format!("Read from {}", w.file_name));
                if !w.report.is_empty() {
                    egui::CollapsingHeader::new(format!(
                        "How the spreadsheet was read ({} lines)",
                        w.report.len()
                    ))
                    .show(ui, |ui| {
                        for line in &w.report {
                            ui.label(line);
                        }
                    });
                }
            }
            ui.separator();
            egui::Grid::new("supplier-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Supplier:");
                    let before = w.supplier.name.clone();
                    text_field(
                        ui,
                        egui::TextEdit::singleline(&mut w.supplier.name).desired_width(300.0),
                        "Supplier",
                        false,
                    );
                    if w.mode == SupplierMode::Update && !w.known_suppliers.is_empty() {
                        egui::ComboBox::from_id_salt("known-suppliers")
                            .selected_text("Inherited from…")
                            .show_ui(ui, |ui| {
                                for name in &w.known_suppliers {
                                    ui.selectable_value(&mut w.supplier.name, name.clone(), name);
                                }
                            })
                            .response
                            .on_hover_text("Suppliers inherited from");
                    }
                    if w.supplier.name != before {
                        outcome = Some(SupplierOutcome::SupplierChanged);
                    }
                    ui.end_row();
                    ui.label("Their version:");
                    text_field(
                        ui,
                        egui::TextEdit::singleline(&mut w.supplier.version).desired_width(120.0),
                        "Their version",
                        false,
                    );
                    ui.end_row();
                });
            ui.separator();
            let Some(log) = w.log.clone() else {
                ui.label("Open the supplier's hazard log to continue.");
                close_row(ui, &mut outcome, None);
                return;
            };
            match w.mode {
                SupplierMode::Inherit => inherit_ui(ui, w, &log, &mut outcome),
                SupplierMode::Update => update_ui(ui, w, &mut outcome),
            }
        });
    outcome
}

fn close_row(
    ui: &mut egui::Ui,
    outcome: &mut Option<SupplierOutcome>,
    action: Option<(&str, bool, SupplierOutcome)>,
) {
    ui.separator();
    ui.horizontal(|ui| {
        if let Some((text, enabled, what)) = action
            && ui.add_enabled(enabled, egui::Button::new(text)).clicked()
        {
            *outcome = Some(what);
        }
        if ui.button("Close").clicked() {
            *outcome = Some(SupplierOutcome::Close);
        }
    });
}

fn inherit_ui(
    ui: &mut egui::Ui,
    w: &mut SupplierWindow,
    log: &Project,
    outcome: &mut Option<SupplierOutcome>,
) {
    ui.horizontal(|ui| {
        ui.label("Search:");
        text_field(
            ui,
            egui::TextEdit::singleline(&mut w.search).desired_width(260.0),
            "Search the supplier's hazards",
            false,
        );
    });
    let needle = w.search.trim().to_lowercase();
    let shown: Vec<_> = log
        .hazards
        .iter()
        .filter(|h| {
            needle.is_empty()
                || h.display_id.to_lowercase().contains(&needle)
                || h.name.to_lowercase().contains(&needle)
                || h.description.to_lowercase().contains(&needle)
        })
        .collect();
    ui.horizontal(|ui| {
        if ui.button("Select all shown").clicked() {
            w.chosen.extend(shown.iter().map(|h| h.key));
        }
        if ui.button("Select none").clicked() {
            w.chosen.clear();
        }
        ui.label(format!(
            "{} of {} hazards shown, {} chosen",
            shown.len(),
            log.hazards.len(),
            w.chosen.len()
        ));
    });
    egui::ScrollArea::vertical()
        .id_salt("supplier-hazards")
        .max_height(280.0)
        .show_rows(ui, 22.0, shown.len(), |ui, rows| {
            for hazard in &shown[rows] {
                let mut on = w.chosen.contains(&hazard.key);
                let text = format!("{}: {}", hazard.display_id, hazard.name);
                if ui.checkbox(&mut on, text).changed() {
                    if on {
                        w.chosen.insert(hazard.key);
                    } else {
                        w.chosen.remove(&hazard.key);
                    }
                }
            }
        });
    let ready = !w.chosen.is_empty() && !w.supplier.name.trim().is_empty();
    if !w.chosen.is_empty() && w.supplier.name.trim().is_empty() {
        ui.label("Name the supplier: each inherited hazard records where it came from.");
    }
    let text = format!("Inherit {} hazards", w.chosen.len());
    close_row(ui, outcome, Some((&text, ready, SupplierOutcome::Inherit)));
}

fn update_ui(ui: &mut egui::Ui, w: &mut SupplierWindow, outcome: &mut Option<SupplierOutcome>) {
    // Borrowed, not cloned: the plan holds a copy of every changed hazard and this runs
    // every frame the window is open.
    let SupplierWindow {
        plan,
        decision,
        supplier,
        ..
    } = w;
    let Some(plan) = plan.as_ref() else {
        close_row(ui, outcome, None);
        return;
    };
    ui.label(format!(
        "{} changed, {} new, {} no longer in their log, {} unchanged.",
        plan.changed.len(),
        plan.added.len(),
        plan.removed.len(),
        plan.unchanged
    ));
    if !plan.changed.is_empty() {
        ui.strong("Changed by the supplier");
    }
    for (i, change) in plan.changed.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let mut take = decision.take.contains(&i);
            let fields: Vec<&str> = change.fields.iter().map(|f| f.label()).collect();
            let text = format!("{}: {}", change.supplier_id, fields.join(", "));
            if ui.checkbox(&mut take, text).changed() {
                toggle(&mut decision.take, i, take);
                if !take {
                    toggle(&mut decision.replace_local_assessment, i, false);
                }
            }
            match &change.state {
                LocalState::LocallyAssessed if change.assessment_changed => {
                    let mut replace = decision.replace_local_assessment.contains(&i);
                    let label = format!(
                        "Replace our assessment of {} with theirs",
                        change.supplier_id
                    );
                    if ui
                        .add_enabled(take, egui::Checkbox::new(&mut replace, label))
                        .changed()
                    {
                        toggle(&mut decision.replace_local_assessment, i, replace);
                    }
                }
                LocalState::LocallyAssessed => {
                    ui.label("(locally assessed: our assessment stays)");
                }
                LocalState::NotApplicable { .. } => {
                    ui.label("(not applicable here: only their record is updated)");
                }
                LocalState::AcceptedAsIs => {}
            }
        });
    }
    if !plan.added.is_empty() {
        ui.strong("New in their log");
    }
    for (i, hazard) in plan.added.iter().enumerate() {
        let mut add = decision.add.contains(&i);
        if ui
            .checkbox(
                &mut add,
                format!("Inherit {}: {}", hazard.display_id, hazard.name),
            )
            .changed()
        {
            toggle(&mut decision.add, i, add);
        }
    }
    if !plan.removed.is_empty() {
        ui.strong("No longer in their log (review these yourself)");
        for (_, id) in &plan.removed {
            ui.label(id);
        }
    }
    let count = decision.take.len() + decision.add.len();
    let ready = count > 0 && !supplier.version.trim().is_empty();
    if count > 0 && supplier.version.trim().is_empty() {
        ui.label("Give their version: each hazard records the version it was taken from.");
    }
    let text = format!("Apply {count} accepted");
    close_row(
        ui,
        outcome,
        Some((&text, ready, SupplierOutcome::ApplyUpdate)),
    );
}

fn toggle(list: &mut Vec<usize>, index: usize, on: bool) {
    list.retain(|&i| i != index);
    if on {
        list.push(index);
        list.sort_unstable();
    }
}
