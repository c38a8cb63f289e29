//! The "History" section of the hazard details pane: one hazard's recorded changes, newest first.

use std::sync::Arc;

use egui::{RichText, Ui};

use crate::domain::history::{HistoryEntry, HistoryEvent, SealedMark};
use crate::domain::{HazardKey, Project};

/// One hazard's entries in the sealed chunks of the history, as read for those chunks: they
/// change only when another chunk is sealed, so edits (which add to the open chunk) do not read
/// them again.
#[derive(Clone)]
struct Cached {
    sealed: SealedMark,
    hazard: HazardKey,
    entries: Arc<Result<Vec<HistoryEntry>, String>>,
}

/// Shows the collapsible history of `hazard` (closed by default).
pub fn history_ui(ui: &mut Ui, project: &Project, hazard: HazardKey) {
    egui::CollapsingHeader::new(RichText::new("History").strong())
        .id_salt("hazard-history")
        .default_open(false)
        .show(ui, |ui| {
            let sealed = sealed_entries(ui, project, hazard);
            let sealed = match sealed.as_ref() {
                Ok(entries) => entries,
                Err(problem) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("The history cannot be read: {problem}"),
                    );
                    return;
                }
            };
            let open = project.history.open_entries().iter();
            let newest_first = open
                .filter(|e| e.hazard == hazard)
                .rev()
                .chain(sealed.iter().rev());
            let mut any = false;
            for entry in newest_first {
                any = true;
                entry_ui(ui, project, entry);
            }
            if !any {
                ui.label("No changes recorded yet.");
            }
        });
}

fn sealed_entries(
    ui: &Ui,
    project: &Project,
    hazard: HazardKey,
) -> Arc<Result<Vec<HistoryEntry>, String>> {
    let id = ui.make_persistent_id("hazard-history-cache");
    let sealed = project.history.sealed_mark();
    let cached: Option<Cached> = ui.data(|data| data.get_temp(id));
    if let Some(cached) = cached
        && cached.sealed == sealed
        && cached.hazard == hazard
    {
        return cached.entries;
    }
    let entries = Arc::new(
        project
            .history
            .sealed_for_hazard(hazard)
            .map_err(|err| err.to_string()),
    );
    ui.data_mut(|data| {
        data.insert_temp(
            id,
            Cached {
                sealed,
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
