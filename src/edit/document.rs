//! The open document: the project, where it lives on disk, its undo history, and the rules every
//! change must pass (read-only); [`Document::apply`] is the one door every change goes through.

use std::path::PathBuf;
use std::sync::Arc;

use super::change::Edit;
use super::history_record::{self, RecordContext};
use crate::domain::Project;

/// A change the document would not take, and why, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub reason: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Refused {}

/// A later step of a [`Composite`]: built from the project as the steps before left it.
type Step = Box<dyn FnOnce(&Project) -> Edit>;

/// What one user action asks of the document: an edit, and maybe further edits that can only be
/// built once the first is applied (add a person, then mark them present). All of it is one
/// undo step. Built by the builders in [`super::ops`] and [`super::meeting_ops`].
pub struct Composite {
    first: Edit,
    then: Vec<Step>,
}

impl Composite {
    pub fn new(first: Edit) -> Composite {
        Composite {
            first,
            then: Vec::new(),
        }
    }

    /// Adds a step built from the project after the steps before it.
    pub fn then(mut self, step: impl FnOnce(&Project) -> Edit + 'static) -> Composite {
        self.then.push(Box::new(step));
        self
    }
}

impl From<Edit> for Composite {
    fn from(edit: Edit) -> Composite {
        Composite::new(edit)
    }
}

impl std::fmt::Debug for Composite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Composite")
            .field("first", &self.first)
            .field("then", &self.then.len())
            .finish()
    }
}

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
    /// Why changes are refused (the file is open elsewhere), if they are.
    read_only: Option<String>,
    /// Who the per-hazard history says made each change.
    user_name: String,
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
            read_only: None,
            user_name: history_record::user_name(None),
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

    /// The snapshot with `state_id` was saved with `lineage`: when the project is still that
    /// state, it records the save, so the next save names it as its parent. Lineage is not
    /// content: this is not an edit, and changes nothing undo or the unsaved marker see.
    pub fn saved_as(&mut self, state_id: u64, lineage: crate::domain::three_way::Lineage) {
        if self.state_id() == state_id {
            Arc::make_mut(&mut self.project).lineage = lineage;
        }
    }

    /// Refuses every change from now on, telling the user `reason` (the project is open
    /// elsewhere); `None` accepts changes again (saved under a name of its own).
    pub fn set_read_only(&mut self, reason: Option<String>) {
        self.read_only = reason;
        self.burst_open = false;
    }

    /// The name the per-hazard history records changes under (the app's user name setting,
    /// by default the operating-system user).
    pub fn set_user_name(&mut self, name: Option<&str>) {
        self.user_name = history_record::user_name(name);
    }

    pub fn user_name(&self) -> &str {
        &self.user_name
    }

    /// Who, when and in which meeting, for the history entry of a change made now.
    fn record_context(&self, continues_burst: bool) -> RecordContext {
        RecordContext {
            at: chrono::Utc::now(),
            by: self.user_name.clone(),
            meeting: self.project.current_meeting,
            continues_burst,
        }
    }

    /// Why changes are refused, if they are.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    fn check_rules(&self) -> Result<(), Refused> {
        match &self.read_only {
            Some(reason) => Err(Refused {
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    /// The one door every change to the project goes through: checks the rules (read-only),
    /// applies the edit (and a composite's later steps) and records it all as one undo step.
    /// Empty edits change nothing and are not recorded.
    pub fn apply(&mut self, change: impl Into<Composite>) -> Result<(), Refused> {
        self.check_rules()?;
        let Composite { first, then } = change.into();
        let mut recorded = self.apply_one(first);
        for step in then {
            let edit = step(&self.project);
            if recorded {
                self.join_to_last(edit);
            } else {
                recorded = self.apply_one(edit);
            }
        }
        Ok(())
    }

    /// Applies an edit and records it for undo; false if it was empty.
    fn apply_one(&mut self, edit: Edit) -> bool {
        if edit.is_empty() {
            return false;
        }
        edit.apply(Arc::make_mut(&mut self.project));
        self.revision += 1;
        self.redo.clear();
        self.last_state_id += 1;
        let state_id = self.last_state_id;

        let continues_burst = self.burst_open
            && edit.coalesce.is_some()
            && self
                .undo
                .last()
                .is_some_and(|top| top.edit.coalesce == edit.coalesce);
        let context = self.record_context(continues_burst);
        history_record::record_edit(
            &mut Arc::make_mut(&mut self.project).history,
            &edit,
            &context,
        );

        if continues_burst && let Some(top) = self.undo.last_mut() {
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
            return true;
        }

        self.burst_open = edit.coalesce.is_some();
        self.undo.push(HistoryEntry { edit, state_id });
        if self.undo.len() > UNDO_LIMIT {
            self.base_state_id = self.undo.remove(0).state_id;
        }
        true
    }

    /// Applies an edit as part of the last undo step (a composite's later step): one keystroke,
    /// one undo.
    fn join_to_last(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        if self.undo.is_empty() {
            self.apply_one(edit);
            return;
        }
        edit.apply(Arc::make_mut(&mut self.project));
        let context = self.record_context(false);
        history_record::record_edit(
            &mut Arc::make_mut(&mut self.project).history,
            &edit,
            &context,
        );
        let Some(top) = self.undo.last_mut() else {
            return;
        };
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
        self.read_only.is_none() && !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        self.read_only.is_none() && !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|entry| entry.edit.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|entry| entry.edit.label.as_str())
    }

    /// Undoes the last step; returns its label. Refused, like any change, when read-only.
    pub fn undo(&mut self) -> Result<Option<String>, Refused> {
        self.check_rules()?;
        let Some(entry) = self.undo.pop() else {
            return Ok(None);
        };
        entry.edit.unapply(Arc::make_mut(&mut self.project));
        let context = self.record_context(false);
        history_record::record_undo(
            &mut Arc::make_mut(&mut self.project).history,
            &entry.edit,
            &context,
        );
        self.revision += 1;
        self.burst_open = false;
        let label = entry.edit.label.clone();
        self.redo.push(entry);
        Ok(Some(label))
    }

    /// Redoes the last undone step; returns its label. Refused, like any change, when read-only.
    pub fn redo(&mut self) -> Result<Option<String>, Refused> {
        self.check_rules()?;
        let Some(entry) = self.redo.pop() else {
            return Ok(None);
        };
        entry.edit.apply(Arc::make_mut(&mut self.project));
        let context = self.record_context(false);
        history_record::record_redo(
            &mut Arc::make_mut(&mut self.project).history,
            &entry.edit,
            &context,
        );
        self.revision += 1;
        self.burst_open = false;
        let label = entry.edit.label.clone();
        self.undo.push(entry);
        Ok(Some(label))
    }
}

/// The project without its per-hazard history: for tests that compare a project after undo
/// with the original (undo adds to the history rather than removing from it).
#[cfg(test)]
pub(crate) fn without_history(project: &Project) -> Project {
    Project {
        history: Default::default(),
        ..project.clone()
    }
}
