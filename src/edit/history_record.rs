//! Recording each applied edit, undo and redo in the per-hazard history
//! ([`crate::domain::history`]), and who "by whom" is.
//!
//! # Wiring (for [`super::Document`])
//!
//! The history is part of the project but not of any [`Edit`]: undo never removes history, it
//! adds to it. The document's apply path calls, on the project it just changed:
//!
//! - [`Document::apply`](super::Document::apply), after `edit.apply(project)`:
//!   `record_edit(&mut project.history, &edit, &context)` with `context.continues_burst` true
//!   when the edit was absorbed into the open typing burst (same coalesce key, burst open), so a
//!   burst of typing stays one entry;
//! - [`Document::apply_joined`](super::Document::apply_joined): the same, `continues_burst`
//!   false;
//! - [`Document::undo`](super::Document::undo), after unapplying: `record_undo(&mut
//!   project.history, &entry.edit, &context)`;
//! - [`Document::redo`](super::Document::redo), after re-applying: `record_redo(...)`.
//!
//! `context` is [`RecordContext`] with the time, the app's user name ([`os_user_name`] until the
//! user sets one), and `project.current_meeting`.

use chrono::{DateTime, Utc};

use super::change::{Change, Edit, Slot};
use crate::domain::MeetingKey;
use crate::domain::hazard_fields::HazardField;
use crate::domain::history::{FieldChange, HistoryEntry, HistoryEvent, HistoryLog};
use crate::domain::three_way::merge_history;

/// Who did it, when, and in which meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordContext {
    pub at: DateTime<Utc>,
    pub by: String,
    pub meeting: Option<MeetingKey>,
    /// The edit continues the typing burst recorded last: extend that entry.
    pub continues_burst: bool,
}

/// The operating-system user's name, the default for "by whom" until the user sets a name in
/// the app: `USER` (Unix), `USERNAME` (Windows), then `LOGNAME`; "unknown user" without any.
pub fn os_user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| value.trim().to_owned())
        .find(|value| !value.is_empty())
        .unwrap_or_else(|| "unknown user".to_owned())
}

/// The name to record: the one the user set in the app, or else the operating-system user's.
pub fn user_name(set_in_app: Option<&str>) -> String {
    set_in_app
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map_or_else(os_user_name, str::to_owned)
}

/// Records an applied edit.
pub fn record_edit(history: &mut HistoryLog, edit: &Edit, context: &RecordContext) {
    record_changes(history, &edit.changes, &edit.label, context);
}

/// Records the undo of `edit` (its changes reversed): undoing is itself a change.
pub fn record_undo(history: &mut HistoryLog, edit: &Edit, context: &RecordContext) {
    let inverse: Vec<Change> = edit.changes.iter().rev().map(Change::inverse).collect();
    let context = RecordContext {
        continues_burst: false,
        ..context.clone()
    };
    record_changes(history, &inverse, &format!("undo {}", edit.label), &context);
}

/// Records the redo of `edit`.
pub fn record_redo(history: &mut HistoryLog, edit: &Edit, context: &RecordContext) {
    let context = RecordContext {
        continues_burst: false,
        ..context.clone()
    };
    record_changes(
        history,
        &edit.changes,
        &format!("redo {}", edit.label),
        &context,
    );
}

fn record_changes(
    history: &mut HistoryLog,
    changes: &[Change],
    label: &str,
    context: &RecordContext,
) {
    for change in changes {
        if let Change::Merged { after, .. } = change {
            // The other copy's entries, appended once (a redo finds them already there, an undo
            // finds nothing new: the history never shrinks).
            if let Ok((merged, _)) = merge_history(history, &after.history) {
                *history = merged;
            }
            continue;
        }
        let Change::Hazard(slot) = change else {
            continue;
        };
        let entry = |hazard, event, changes| HistoryEntry {
            hazard,
            at: context.at,
            by: context.by.clone(),
            meeting: context.meeting,
            label: label.to_owned(),
            event,
            changes,
        };
        match slot {
            Slot::Insert { item, .. } => {
                history.push(entry(
                    item.key,
                    HistoryEvent::Added(item.clone()),
                    Vec::new(),
                ));
            }
            Slot::Remove { item, .. } => {
                history.push(entry(item.key, HistoryEvent::Removed, Vec::new()));
            }
            Slot::Replace { before, after, .. } => {
                let changes: Vec<FieldChange> = HazardField::changed(before, after)
                    .into_iter()
                    .map(|field| FieldChange {
                        field,
                        before: field.get(before),
                        after: field.get(after),
                    })
                    .collect();
                if changes.is_empty() {
                    continue;
                }
                if context.continues_burst
                    && extend_burst(history, after.key, label, context, &changes)
                {
                    continue;
                }
                history.push(entry(after.key, HistoryEvent::Changed, changes));
            }
        }
    }
}

/// Folds the next keystroke of a burst into the newest entry when it is the same person's
/// change to the same hazard in the same step: each field keeps its first `before` and takes
/// the new `after`. A field typed back to where it started drops out.
fn extend_burst(
    history: &mut HistoryLog,
    hazard: crate::domain::HazardKey,
    label: &str,
    context: &RecordContext,
    changes: &[FieldChange],
) -> bool {
    let Some(last) = history.last_mut() else {
        return false;
    };
    let same_step = last.hazard == hazard
        && last.event == HistoryEvent::Changed
        && last.label == label
        && last.by == context.by
        && last.meeting == context.meeting;
    if !same_step {
        return false;
    }
    for change in changes {
        match last.changes.iter_mut().find(|c| c.field == change.field) {
            Some(existing) => existing.after = change.after.clone(),
            None => last.changes.push(change.clone()),
        }
    }
    last.changes.retain(|c| c.before != c.after);
    last.at = context.at;
    true
}

#[cfg(test)]
mod tests;
