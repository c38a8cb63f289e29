//! The starter library window: the shipped common health IT hazards, searchable and grouped by
//! area; adding one makes a New for triage, unscored hazard that records where it came from.

use chrono::Utc;
use egui::{RichText, Ui};

use super::widgets::text_field;
use super::{Action, Shell};
use crate::domain::library::{LibraryArea, LibraryItem, starter_library};
use crate::edit::library_ops;

#[derive(Default)]
pub struct LibraryPickerState {
    pub open: bool,
    query: String,
    /// "Added H012 …", until the next add.
    last_added: Option<String>,
}

pub fn window_ui(
    ctx: &egui::Context,
    shell: &Shell<'_>,
    state: &mut LibraryPickerState,
    actions: &mut Vec<Action>,
) {
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Starter hazard library")
        .open(&mut open)
        .collapsible(false)
        .default_size([560.0, 520.0])
        .show(ctx, |ui| {
            ui.label(
                "Common health IT hazards to start from. An added hazard is New for triage and \
                 unscored; its typical controls are offered as suggestions in its details.",
            );
            text_field(
                ui,
                egui::TextEdit::singleline(&mut state.query)
                    .hint_text("Search the library")
                    .desired_width(f32::INFINITY),
                "Search the library",
                false,
            );
            if let Some(added) = &state.last_added {
                ui.label(RichText::new(added).strong());
            }
            ui.separator();
            ui.add_enabled_ui(!shell.read_only, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("starter-library")
                    .auto_shrink([false, false])
                    .show(ui, |ui| areas_ui(ui, shell, state, actions));
            });
        });
    state.open = open;
}

fn areas_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    state: &mut LibraryPickerState,
    actions: &mut Vec<Action>,
) {
    let library = starter_library();
    let found = library.search(&state.query, None);
    if found.is_empty() {
        ui.label("Nothing in the library matches the search.");
        return;
    }
    let searching = !state.query.trim().is_empty();
    for area in &library.areas {
        let items: Vec<&LibraryItem> = found
            .iter()
            .filter(|(a, _)| a.id == area.id)
            .map(|(_, i)| *i)
            .collect();
        if items.is_empty() {
            continue;
        }
        // Searching opens the areas with matches; otherwise the user opens the one they want.
        egui::CollapsingHeader::new(format!("{} ({})", area.name, items.len()))
            .id_salt(("library-area", &area.id))
            .open(searching.then_some(true))
            .show(ui, |ui| {
                for item in items {
                    item_ui(ui, shell, area, item, state, actions);
                }
            });
    }
}

fn item_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    area: &LibraryArea,
    item: &LibraryItem,
    state: &mut LibraryPickerState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        if ui.button(format!("Add “{}”", item.name)).clicked() {
            let project = shell.project();
            let (edit, key) = library_ops::add_from_library(project, area, item, Utc::now());
            actions.push(Action::SealEdit);
            actions.push(Action::Edit(edit));
            actions.push(Action::Select(Some(key)));
            state.last_added = Some(format!(
                "Added “{}” as New for triage: it is selected in the hazard list.",
                item.name
            ));
        }
        ui.vertical(|ui| {
            ui.label(&item.description);
            ui.label(
                RichText::new(format!("Source: {}", item.source))
                    .small()
                    .weak(),
            );
        });
    });
    ui.separator();
}
