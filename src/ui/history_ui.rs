//! The "History" section of the hazard details pane: one hazard's recorded changes, newest first.

use std::sync::Arc;

use egui::{RichText, Ui};

use crate::domain::history::{HistoryEntry, HistoryEvent};
use crate::domain::{HazardKey, Project};

/// One hazard's entries as read at one document revision: reading unpacks the sealed chunks of
/// the whole history, so it is done only when the section is open and the document changed.
#[derive(Clone)]
struct Cached {
    revision: u64,
    hazard: HazardKey,
    entries: Arc<Result<Vec<HistoryEntry>, String>>,
}

/// Shows the collapsible history of `hazard` (closed by default).
pub fn history_ui(ui: &mut Ui, project: &Project, revision: u64, hazard: HazardKey) {
    egui::CollapsingHeader::new(RichText::new("History").strong())
        .id_salt("hazard-history")
        .default_open(false)
        .show(ui, |ui| {
            let entries = cached_entries(ui, project, revision, hazard);
            match entries.as_ref() {
                Err(problem) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("The history cannot be read: {problem}"),
                    );
                }
                Ok(entries) if entries.is_empty() => {
                    ui.label("No changes recorded yet.");
                }
                Ok(entries) => {
                    for entry in entries.iter().rev() {
                        entry_ui(ui, project, entry);
                    }
                }
            }
        });
}

fn cached_entries(
    ui: &Ui,
    project: &Project,
    revision: u64,
    hazard: HazardKey,
) -> Arc<Result<Vec<HistoryEntry>, String>> {
    let id = ui.make_persistent_id("hazard-history-cache");
    let cached: Option<Cached> = ui.data(|data| data.get_temp(id));
    if let Some(cached) = cached
        && cached.revision == revision
        && cached.hazard == hazard
    {
        return cached.entries;
    }
    let entries = Arc::new(
        project
            .history
            .for_hazard(hazard)
            .map_err(|err| err.to_string()),
    );
    ui.data_mut(|data| {
        data.insert_temp(
            id,
            Cached {
                revision,
                hazard,
                entries: entries.clone(),
            },
        )
    });
    entries
}

fn entry_ui(ui: &mut Ui, project: &Project, entry: &HistoryEntry) {
    let meeting = entry
        .meeting
        .and_then(|key| project.meeting(key))
        .map(|m| format!(" in {}", m.title))
        .unwrap_or_default();
    let when = entry.at.format("%d %b %Y %H:%M");
    ui.label(RichText::new(format!("{when} · {}{meeting} · {}", entry.by, entry.label)).weak());
    match &entry.event {
        HistoryEvent::Added(_) => {
            ui.label("Added to the log");
        }
        HistoryEvent::Removed => {
            ui.label("Removed from the log");
        }
        HistoryEvent::Changed => {
            for change in &entry.changes {
                ui.label(format!(
                    "{}: {} -> {}",
                    change.field.label(),
                    shown(&change.before.display(&project.matrix)),
                    shown(&change.after.display(&project.matrix)),
                ));
            }
        }
    }
    ui.add_space(4.0);
}

/// An empty value said in words, so "-> " never looks like a missing value.
fn shown(text: &str) -> String {
    if text.trim().is_empty() {
        "(empty)".to_owned()
    } else {
        format!("\"{text}\"")
    }
}
