//! The app's side of action packs: one pack per owner written on a job thread from a snapshot,
//! and a returned pack read on a job thread, reviewed, and taken in through the one door.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Utc;

use super::jobs::with_extension;
use super::{FileKind, HazardWorkshopApp, JobResult, Notice, SavePurpose};
use crate::domain::{PersonKey, Project};
use crate::edit::action_pack_ops::apply_pack;
use crate::interchange::action_pack::{
    PackReturn, action_pack, owners_with_open_actions, read_action_pack, suggested_pack_name,
};
use crate::storage::project_file::write_atomically;
use crate::ui::action_pack_dialogs::{
    ReturnedOutcome, ReturnedPack, SendOutcome, SendPacks, returned_pack_ui, send_packs_ui,
};

/// The action pack windows while open.
#[derive(Default)]
pub struct ActionPacksUi {
    pub send: Option<SendPacks>,
    pub returned: Option<ReturnedPack>,
}

/// A returned pack, read: its file name and what it says (or why it cannot be used).
pub struct PackRead {
    pub file_name: String,
    pub result: Result<PackReturn, String>,
}

/// A pack to write once the user has picked where.
pub struct PackExport {
    project: Arc<Project>,
    owner: PersonKey,
}

impl HazardWorkshopApp {
    pub(super) fn open_send_packs(&mut self) {
        let owners = owners_with_open_actions(self.doc.project());
        self.action_packs.send = Some(SendPacks { owners });
    }

    pub(super) fn pick_returned_pack(&mut self) {
        let project = self.doc.snapshot();
        self.jobs.pick_open_then(
            FileKind::Spreadsheet,
            "Import a returned action pack",
            move |path| {
                JobResult::ActionPackRead(path.map(|path| Box::new(read_pack(&path, &project))))
            },
        );
    }

    pub(super) fn action_pack_windows(&mut self, ctx: &egui::Context) {
        if let Some(send) = &self.action_packs.send {
            match send_packs_ui(ctx, send) {
                Some(SendOutcome::Save(owner)) => {
                    let name = send
                        .owners
                        .iter()
                        .find(|(k, _, _)| *k == owner)
                        .map(|(_, n, _)| n.clone())
                        .unwrap_or_default();
                    let suggested = suggested_pack_name(self.doc.project(), &name);
                    let export = PackExport {
                        project: self.doc.snapshot(),
                        owner,
                    };
                    self.jobs.pick_save(
                        FileKind::Spreadsheet,
                        "Save the action pack",
                        suggested,
                        SavePurpose::ActionPack(Box::new(export)),
                    );
                }
                Some(SendOutcome::Close) => self.action_packs.send = None,
                None => {}
            }
        }
        let project = self.doc.project();
        if let Some(returned) = &mut self.action_packs.returned {
            match returned_pack_ui(ctx, returned, project) {
                Some(ReturnedOutcome::Apply) => {
                    let accepted: Vec<usize> = returned
                        .accepted
                        .iter()
                        .enumerate()
                        .filter(|(_, on)| **on)
                        .map(|(i, _)| i)
                        .collect();
                    let edit = apply_pack(project, &returned.pack, &accepted, Utc::now());
                    let owner = returned.pack.owner.clone();
                    if self.apply(edit) {
                        self.action_packs.returned = None;
                        self.notice = Some(Notice {
                            text: format!(
                                "Took in {} update{} from {owner}.",
                                accepted.len(),
                                if accepted.len() == 1 { "" } else { "s" }
                            ),
                            is_error: false,
                        });
                    }
                }
                Some(ReturnedOutcome::Cancel) => self.action_packs.returned = None,
                None => {}
            }
        }
    }

    pub(super) fn write_action_pack(&mut self, export: PackExport, path: PathBuf) {
        let path = with_extension(path, "xlsx");
        self.jobs.spawn(move || {
            let result = action_pack(&export.project, export.owner, Utc::now())
                .map_err(std::io::Error::other)
                .and_then(|bytes| write_atomically(&path, &bytes));
            JobResult::Wrote { path, result }
        });
    }

    pub(super) fn finish_pack_read(&mut self, read: Option<Box<PackRead>>) {
        let Some(read) = read else {
            return;
        };
        match read.result {
            Ok(pack) => {
                self.action_packs.returned = Some(ReturnedPack::new(read.file_name, pack));
            }
            Err(why) => self.error(why),
        }
    }
}

fn read_pack(path: &std::path::Path, project: &Project) -> PackRead {
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let result = std::fs::read(path)
        .map_err(|e| format!("Could not read “{file_name}”: {e}"))
        .and_then(|bytes| read_action_pack(&bytes, project).map_err(|e| e.to_string()));
    PackRead { file_name, result }
}
