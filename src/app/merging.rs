//! The app's side of merging another copy of the project: the copy is read, its common ancestor
//! found and the merge worked out on a job thread; the user sees what it will do and applies it
//! as one undoable step; the conflicts it leaves are resolved one by one in their window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{FileKind, HazardWorkshopApp, JobResult, Notice};
use crate::domain::Project;
use crate::domain::three_way::{Sources, merge_with};
use crate::edit::merge_ops::{Resolution, apply_merge, resolve_conflict};
use crate::storage::{ancestor, project_file, sync_copies};
use crate::ui::merge_dialogs::{
    ConflictAction, ConflictsView, MergePreview, PreviewOutcome, SyncCopiesAnswer, conflicts_ui,
    merge_preview_ui, sync_copies_ui,
};

/// The merge windows while open.
#[derive(Default)]
pub struct MergingUi {
    /// A merge worked out, and the project state it was worked out from.
    pub preview: Option<(MergePreview, Arc<Project>)>,
    /// The Merge conflicts window, when open.
    pub conflicts: Option<ConflictsView>,
    /// Sync clients' copies found beside the open project, offered for merging.
    pub sync_copies: Vec<PathBuf>,
}

/// Another copy read and merged with a snapshot of the project (or why not).
pub struct MergeRead {
    result: Result<MergePreview, String>,
    source: Arc<Project>,
}

impl HazardWorkshopApp {
    pub(super) fn pick_merge_copy(&mut self) {
        let project = self.doc.snapshot();
        let own_path = self.doc.path().map(Path::to_path_buf);
        let edited = self.doc.is_dirty();
        self.jobs.pick_open_then(
            FileKind::Project,
            "Merge another copy of this project",
            move |path| {
                JobResult::MergeRead(
                    path.map(|path| {
                        Box::new(read_copy(&path, project, edited, own_path.as_deref()))
                    }),
                )
            },
        );
    }

    /// Lists, on a job thread, the copies sync clients left beside the project just opened.
    pub(super) fn look_for_sync_copies(&mut self, path: PathBuf) {
        self.merging.sync_copies.clear();
        self.jobs.spawn(move || JobResult::SyncCopies {
            copies: sync_copies::conflicted_copies(&path),
            path,
        });
    }

    pub(super) fn finish_sync_copies(&mut self, path: PathBuf, copies: Vec<PathBuf>) {
        if self.doc.path() == Some(path.as_path()) {
            self.merging.sync_copies = copies;
        }
    }

    /// Merges the copy at `path` (one the app found), as "Merge another copy" does.
    fn merge_copy_at(&mut self, path: PathBuf) {
        let project = self.doc.snapshot();
        let own_path = self.doc.path().map(Path::to_path_buf);
        let edited = self.doc.is_dirty();
        self.jobs.spawn(move || {
            JobResult::MergeRead(Some(Box::new(read_copy(
                &path,
                project,
                edited,
                own_path.as_deref(),
            ))))
        });
    }

    pub(super) fn show_merge_conflicts(&mut self) {
        self.merging
            .conflicts
            .get_or_insert_with(ConflictsView::default);
    }

    pub(super) fn finish_merge_read(&mut self, read: Option<Box<MergeRead>>) {
        let Some(read) = read else {
            return;
        };
        match read.result {
            Ok(preview) => self.merging.preview = Some((preview, read.source)),
            Err(why) => self.error(why),
        }
    }

    pub(super) fn merge_windows(&mut self, ctx: &egui::Context) {
        if !self.merging.sync_copies.is_empty() {
            match sync_copies_ui(ctx, &self.merging.sync_copies) {
                Some(SyncCopiesAnswer::Merge(index)) => {
                    let path = self.merging.sync_copies.remove(index);
                    self.merge_copy_at(path);
                }
                Some(SyncCopiesAnswer::NotNow) => self.merging.sync_copies.clear(),
                None => {}
            }
        }
        if let Some((preview, source)) = &self.merging.preview {
            match merge_preview_ui(ctx, preview) {
                Some(PreviewOutcome::Apply) => {
                    if !Arc::ptr_eq(source, &self.doc.snapshot()) {
                        self.merging.preview = None;
                        return self.error(
                            "The project changed while the other copy was being merged: merge \
                             it again."
                                .to_owned(),
                        );
                    }
                    let Some((preview, _)) = self.merging.preview.take() else {
                        return;
                    };
                    let taken = preview.outcome.summary.taken.len();
                    let conflicts = preview.outcome.conflicts.len();
                    let edit = apply_merge(
                        self.doc.project(),
                        preview.outcome.project,
                        &format!("“{}”", preview.file_name),
                    );
                    if self.apply(edit) {
                        self.notice = Some(Notice {
                            text: format!(
                                "Merged “{}”: {taken} change{} taken, {conflicts} conflict{} to \
                                 resolve.",
                                preview.file_name,
                                if taken == 1 { "" } else { "s" },
                                if conflicts == 1 { "" } else { "s" }
                            ),
                            is_error: false,
                        });
                        if self.doc.project().conflicts.is_empty() {
                            self.merging.conflicts = None;
                        } else {
                            self.show_merge_conflicts();
                        }
                    }
                }
                Some(PreviewOutcome::Cancel) => self.merging.preview = None,
                None => {}
            }
        }
        let Some(view) = &mut self.merging.conflicts else {
            return;
        };
        let project = self.doc.project();
        let resolution = match conflicts_ui(ctx, project, view) {
            Some(ConflictAction::Close) => {
                self.merging.conflicts = None;
                return;
            }
            Some(ConflictAction::KeepOurs(index)) => (index, Resolution::Ours),
            Some(ConflictAction::KeepTheirs(index)) => (index, Resolution::Theirs),
            Some(ConflictAction::Edited(index, text)) => {
                match project
                    .conflicts
                    .get(index)
                    .and_then(|c| c.value_from_text(&text))
                {
                    Some(ron) => (index, Resolution::Edited(ron)),
                    None => return,
                }
            }
            None => return,
        };
        match resolve_conflict(project, resolution.0, &resolution.1) {
            Ok(edit) => {
                if self.apply(edit)
                    && let Some(view) = &mut self.merging.conflicts
                {
                    view.editing = None;
                }
            }
            Err(why) => self.error(why.to_string()),
        }
    }
}

fn read_copy(
    path: &Path,
    project: Arc<Project>,
    edited: bool,
    own_path: Option<&Path>,
) -> MergeRead {
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let result = project_file::load(path)
        .map_err(|e| e.to_string())
        .map(|other| {
            let paths: Vec<&Path> = own_path.into_iter().chain([path]).collect();
            let found = ancestor::find_ancestor(&project, edited, &other, &paths);
            let sources = Sources {
                base: found
                    .as_ref()
                    .map_or_else(String::new, |a| a.found_in.clone()),
                ours: "this copy".into(),
                theirs: file_name.clone(),
            };
            let outcome = merge_with(
                found.as_ref().map(|a| &a.project),
                &project,
                &other,
                &sources,
            );
            MergePreview {
                file_name: file_name.clone(),
                found_in: found.map(|a| a.found_in),
                outcome,
            }
        });
    MergeRead {
        result,
        source: project,
    }
}
