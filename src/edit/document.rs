//! The open document: the project, where it lives on disk, and its undo history.
//! The only way to change the project is [`Document::apply`], so undo, the unsaved marker and
//! the recovery journal see every change.

use std::path::PathBuf;
use std::sync::Arc;

use super::change::Edit;
use crate::domain::Project;

/// Enough for a long workshop; older steps fall off the bottom.
const UNDO_LIMIT: usize = 2_000;

#[derive(Debug)]
struct HistoryEntry {
    edit: Edit,
    /// Identifies the project state after this edit, for the unsaved-changes marker.
    state_id: u64,
}

#[derive(Debug)]
pub struct Document {
    /// Shared with snapshots (the recovery journal, a save in progress): an edit copies the
    /// project only if a snapshot of the previous state is still being written.
    project: Arc<Project>,
    path: Option<PathBuf>,
    undo: Vec<HistoryEntry>,
    redo: Vec<HistoryEntry>,
    /// The last state id handed out; 0 is the state the document was opened in.
    last_state_id: u64,
    /// The state with nothing left to undo (moves up when old steps fall off the history).
    base_state_id: u64,
    /// The state that is on disk, if any is.
    saved_state_id: Option<u64>,
    /// Whether the top undo step may still absorb a following edit with the same coalesce key.
    burst_open: bool,
    /// Bumped on every change, for views that cache derived data (sorted lists, counts).
    revision: u64,
}

impl Document {
    /// A document as loaded from `path`, or a new one (`path` None) that holds nothing worth
    /// asking about until it is edited. Saving a document without a path asks where.
    pub fn new(project: Project, path: Option<PathBuf>) -> Document {
        Document {
            project: Arc::new(project),
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            last_state_id: 0,
            base_state_id: 0,
            saved_state_id: Some(0),
            burst_open: false,
            revision: 0,
        }
    }

    /// A document whose content exists only in memory (an import, a restored recovery): it
    /// counts as unsaved from the start.
    pub fn unsaved(project: Project) -> Document {
        Document {
            saved_state_id: None,
            ..Document::new(project, None)
        }
    }

    /// Work restored after a crash: it belongs to `path` (if it was ever saved) but is not on
    /// disk there, so it counts as unsaved.
    pub fn recovered(project: Project, path: Option<PathBuf>) -> Document {
        Document {
            saved_state_id: None,
            ..Document::new(project, path)
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The project as it is now, shared rather than copied: for work on other threads.
    pub fn snapshot(&self) -> Arc<Project> {
        self.project.clone()
    }

    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The id of the current project state; pass it to [`Document::mark_saved`] once the
    /// snapshot taken now is safely on disk.
    pub fn state_id(&self) -> u64 {
        self.undo
            .last()
            .map_or(self.base_state_id, |entry| entry.state_id)
    }

    /// Unsaved changes exist: the current state is not the one on disk, or was never saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_state_id != Some(self.state_id())
    }

    /// The snapshot with `state_id` was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf, state_id: u64) {
        self.path = Some(path);
        self.saved_state_id = Some(state_id);
    }

    /// Applies an edit and records it for undo. Empty edits are ignored.
    pub fn apply(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        edit.apply(Arc::make_mut(&mut self.project));
        self.revision += 1;
        self.redo.clear();
        self.last_state_id += 1;
        let state_id = self.last_state_id;

        if let Some(top) = self.undo.last_mut()
            && self.burst_open
            && edit.coalesce.is_some()
            && top.edit.coalesce == edit.coalesce
        {
            for change in edit.changes {
                let absorbed = top
                    .edit
                    .changes
                    .last_mut()
                    .is_some_and(|last| last.absorb(&change));
                if !absorbed {
                    top.edit.changes.push(change);
                }
            }
            // A new state: if the burst began before a save, the document is dirty again.
            top.state_id = state_id;
            return;
        }

        self.burst_open = edit.coalesce.is_some();
        self.undo.push(HistoryEntry { edit, state_id });
        if self.undo.len() > UNDO_LIMIT {
            self.base_state_id = self.undo.remove(0).state_id;
        }
    }

    /// Applies an edit as part of the last undo step, for a user action that takes two edits
    /// where the second is built from the project after the first (add an entry, then raise
    /// it as a hazard): one keystroke, one undo.
    pub fn apply_joined(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        let Some(top) = self.undo.last_mut() else {
            self.apply(edit);
            return;
        };
        edit.apply(Arc::make_mut(&mut self.project));
        self.revision += 1;
        self.redo.clear();
        self.last_state_id += 1;
        top.state_id = self.last_state_id;
        top.edit.label = edit.label;
        top.edit.changes.extend(edit.changes);
        self.burst_open = false;
    }

    /// Ends the current typing burst: the next edit is a new undo step.
    pub fn seal(&mut self) {
        self.burst_open = false;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|entry| entry.edit.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|entry| entry.edit.label.as_str())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let entry = self.undo.pop()?;
        entry.edit.unapply(Arc::make_mut(&mut self.project));
        self.revision += 1;
        self.burst_open = false;
        let label = entry.edit.label.clone();
        self.redo.push(entry);
        Some(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let entry = self.redo.pop()?;
        entry.edit.apply(Arc::make_mut(&mut self.project));
        self.revision += 1;
        self.burst_open = false;
        let label = entry.edit.label.clone();
        self.undo.push(entry);
        Some(label)
    }
}
