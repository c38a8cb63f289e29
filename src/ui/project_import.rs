//! The "Import hazards from another hazard log" window: the other project's hazards (read off
//! the UI thread) listed with a search, the ones ticked brought in as new hazards, unscored
//! unless the user keeps the scores, and what was not kept as it was reported in the window.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::Utc;
use egui::{RichText, Ui};

use super::widgets::text_field;
use super::{Action, Shell};
use crate::domain::{HazardKey, Project};
use crate::edit::library_ops;

/// The project being picked from.
struct Source {
    path: PathBuf,
    project: Arc<Project>,
}

#[derive(Default)]
pub struct ProjectImportState {
    source: Option<Source>,
    query: String,
    chosen: BTreeSet<HazardKey>,
    keep_scores: bool,
    /// What the last import did and could not keep, shown until the window closes.
    report: Vec<String>,
}

impl ProjectImportState {
    /// Opens the window on a project read from `path`.
    pub fn show(&mut self, path: PathBuf, project: Project) {
        *self = ProjectImportState {
            source: Some(Source {
                path,
                project: Arc::new(project),
            }),
            ..ProjectImportState::default()
        };
    }

    pub fn is_open(&self) -> bool {
        self.source.is_some()
    }
}

pub fn window_ui(
    ctx: &egui::Context,
    shell: &Shell<'_>,
    state: &mut ProjectImportState,
    actions: &mut Vec<Action>,
) {
    let Some(source) = &state.source else {
        return;
    };
    let file = source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.path.display().to_string());
    let other = source.project.clone();
    let mut open = true;
    egui::Window::new(format!("Import hazards from {file}"))
        .open(&mut open)
        .collapsible(false)
        .default_size([600.0, 520.0])
        .show(ctx, |ui| {
            ui.label(
                "Ticked hazards arrive as new hazards with new ids, New for triage, and record \
                 where they came from.",
            );
            text_field(
                ui,
                egui::TextEdit::singleline(&mut state.query)
                    .hint_text("Search their hazards")
                    .desired_width(f32::INFINITY),
                "Search their hazards",
                false,
            );
            ui.separator();
            let shown = matching(&other, &state.query);
            egui::ScrollArea::vertical()
                .id_salt("project-import-list")
                .max_height(280.0)
                .auto_shrink([false, true])
                .show(ui, |ui| list_ui(ui, &other, &shown, &mut state.chosen));
            ui.separator();
            ui.add_enabled_ui(!shell.read_only, |ui| {
                ui.checkbox(
                    &mut state.keep_scores,
                    "Keep their scores and justifications",
                )
                .on_hover_text("Otherwise they arrive unscored, to be assessed here");
                let count = state.chosen.len();
                let text = format!("Import {count} hazard{}", if count == 1 { "" } else { "s" });
                if ui.add_enabled(count > 0, egui::Button::new(text)).clicked() {
                    let chosen: Vec<HazardKey> = state.chosen.iter().copied().collect();
                    let import = library_ops::import_from_project(
                        shell.project(),
                        &other,
                        &file,
                        &chosen,
                        state.keep_scores,
                        Utc::now(),
                    );
                    state.report = vec![format!(
                        "Imported {} hazard{} (one undo step).",
                        import.added.len(),
                        if import.added.len() == 1 { "" } else { "s" }
                    )];
                    state.report.extend(import.notes);
                    state.chosen.clear();
                    actions.push(Action::SealEdit);
                    actions.push(Action::Edit(import.edit));
                    if let Some((_, key)) = import.added.first() {
                        actions.push(Action::Select(Some(*key)));
                    }
                }
            });
            for line in &state.report {
                ui.label(RichText::new(line).strong());
            }
        });
    if !open {
        *state = ProjectImportState::default();
    }
}

/// Their live hazards matching every word of the query (id, name or description).
fn matching<'a>(project: &'a Project, query: &str) -> Vec<&'a crate::domain::Hazard> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    project
        .live_hazards()
        .filter(|h| {
            let text = format!("{} {} {}", h.display_id, h.name, h.description).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}

fn list_ui(
    ui: &mut Ui,
    other: &Project,
    shown: &[&crate::domain::Hazard],
    chosen: &mut BTreeSet<HazardKey>,
) {
    if shown.is_empty() {
        ui.label(if other.live_hazards().next().is_none() {
            "That hazard log has no hazards."
        } else {
            "No hazard there matches the search."
        });
        return;
    }
    for hazard in shown {
        let mut ticked = chosen.contains(&hazard.key);
        let rating = hazard.initial_rating(&other.matrix).map_or_else(
            || "unscored".to_owned(),
            |r| format!("rating {}", r.value()),
        );
        let label = format!("{} {} ({rating})", hazard.display_id, hazard.name);
        if ui.checkbox(&mut ticked, label).changed() {
            if ticked {
                chosen.insert(hazard.key);
            } else {
                chosen.remove(&hazard.key);
            }
        }
    }
}
