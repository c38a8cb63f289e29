//! Finding the common ancestor of two copies of a project, for a merge (see docs/merging.md).
//!
//! In order:
//! 1. one copy is an earlier save of the other (its save id is in the other's chain of older
//!    saves): it is the ancestor;
//! 2. the newest save both chains hold, when its content is at hand: either file as it is on
//!    disk, or a local backup of either file ([`super::backup`]), whose save id it is;
//! 3. the newest issued version both copies hold (same version, same content hash): its frozen
//!    content;
//! 4. none: the merge is two-way, every difference a conflict.

use std::path::{Path, PathBuf};

use crate::domain::Project;

use super::{backup, project_file};

/// A common ancestor and where it was found, in words.
#[derive(Clone, Debug)]
pub struct Ancestor {
    pub project: Project,
    pub found_in: String,
}

/// The common ancestor of `ours` and `theirs`, looking in the files at `paths` and their
/// backups. `ours_edited` says ours has changed since the save its lineage names (an open
/// document with unsaved changes): it is then a descendant of that save, not the save itself.
pub fn find_ancestor(
    ours: &Project,
    ours_edited: bool,
    theirs: &Project,
    paths: &[&Path],
) -> Option<Ancestor> {
    let unsaved;
    let o = if ours_edited && !ours.lineage.save_id.is_empty() {
        unsaved = ours.lineage.after_save("");
        &unsaved
    } else {
        &ours.lineage
    };
    let t = &theirs.lineage;
    if !t.save_id.is_empty() && o.knows(&t.save_id) {
        return Some(Ancestor {
            project: theirs.clone(),
            found_in: "the other copy itself (an earlier save of this one)".into(),
        });
    }
    if !o.save_id.is_empty() && t.knows(&o.save_id) {
        return Some(Ancestor {
            project: ours.clone(),
            found_in: "this copy itself (an earlier save of the other)".into(),
        });
    }
    let common: Vec<&str> = o.chain().filter(|id| t.knows(id)).collect();
    if !common.is_empty() {
        let mut found: Option<(usize, PathBuf)> = None;
        for path in paths {
            let files = std::iter::once(path.to_path_buf())
                .chain(backup::list_backups(path).into_iter().map(|b| b.path));
            for file in files {
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let Some(lineage) = project_file::lineage_of_text(&text) else {
                    continue;
                };
                if let Some(rank) = common.iter().position(|id| *id == lineage.save_id)
                    && found.as_ref().is_none_or(|(best, _)| rank < *best)
                {
                    found = Some((rank, file));
                }
            }
        }
        if let Some((_, path)) = found
            && let Ok(project) = project_file::load(&path)
        {
            let is_copy = paths.contains(&path.as_path());
            return Some(Ancestor {
                project,
                found_in: if is_copy {
                    format!("“{}” as saved", path.display())
                } else {
                    format!("the backup “{}”", path.display())
                },
            });
        }
    }
    let shared = ours.baselines.iter().rev().find(|mine| {
        theirs
            .baselines
            .iter()
            .any(|other| other.version == mine.version && other.frozen.sha256 == mine.frozen.sha256)
    })?;
    let project = super::project_file::open_baseline(shared).ok()?;
    Some(Ancestor {
        project,
        found_in: format!("issued version {}", shared.version),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::three_way::Lineage;

    #[test]
    fn an_earlier_save_of_the_other_copy_is_the_ancestor() {
        let older = Project {
            lineage: Lineage::default().after_save("a"),
            ..Project::default()
        };
        let mut newer = older.clone();
        newer.hazard_id_prefix = "R".into();
        newer.lineage = older.lineage.after_save("b");
        let found = find_ancestor(&newer, false, &older, &[]).unwrap();
        assert_eq!(found.project.hazard_id_prefix, "H");
        let stranger = Project {
            lineage: Lineage::default().after_save("z"),
            ..Project::default()
        };
        assert!(find_ancestor(&newer, false, &stranger, &[]).is_none());
        // Edited since its save, a copy is no longer that save: the older copy is still the
        // ancestor, the newer one (edited) is not.
        assert!(find_ancestor(&older, true, &newer, &[]).is_none());
    }

    #[test]
    fn the_newest_common_save_is_found_in_the_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.hazlog");
        let policy = backup::BackupPolicy {
            location: backup::BackupLocation::NextToFile,
            ..backup::BackupPolicy::default()
        };
        let mut base = Project::default();
        base.metadata.system_name = "base".into();
        super::super::save::save_project(&base, &path, None, &policy).unwrap();
        let saved_base = project_file::load(&path).unwrap();
        let mut ours = saved_base.clone();
        ours.metadata.system_name = "ours".into();
        // Saving ours backs up the base next to the file.
        let stamp = super::super::save::DiskStamp::of(&path).unwrap();
        super::super::save::save_project(&ours, &path, stamp.as_ref(), &policy).unwrap();
        let ours = project_file::load(&path).unwrap();
        let mut theirs = saved_base.clone();
        theirs.metadata.system_version = "2".into();
        theirs.lineage = saved_base.lineage.after_save("elsewhere");
        let found = find_ancestor(&ours, false, &theirs, &[&path]).expect("the backup");
        assert_eq!(found.project.metadata.system_name, "base");
        assert!(found.found_in.contains("backup"), "{}", found.found_in);
    }
}
