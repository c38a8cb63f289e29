//! Saving keeps the file as it was apart from its content: its permissions, a symbolic link to
//! it, and its other names; a file the user may not write is refused, not replaced; temporary
//! files a killed save left behind are tidied away.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::Path;

use hazard_workshop::domain::{Hazard, HazardKey, Project};
use hazard_workshop::storage::backup::BackupPolicy;
use hazard_workshop::storage::project_file;
use hazard_workshop::storage::save::{self, SaveError};

fn project(name: &str) -> Project {
    let mut project = Project::default();
    project.hazards.push(Hazard::new(
        HazardKey(1),
        "H001".into(),
        name.into(),
        chrono::DateTime::UNIX_EPOCH,
    ));
    project
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn saved(path: &Path, name: &str) -> save::OpenedProject {
    save::save_project(&project(name), path, None, &BackupPolicy::none()).unwrap();
    save::open_project(path).unwrap()
}

#[test]
fn a_save_keeps_the_files_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    for wanted in [0o644, 0o640, 0o664] {
        let opened = saved(&path, "old");
        fs::set_permissions(&path, fs::Permissions::from_mode(wanted)).unwrap();
        save::save_project(
            &project("new"),
            &path,
            Some(&opened.stamp),
            &BackupPolicy::none(),
        )
        .unwrap();
        assert_eq!(mode(&path), wanted, "{wanted:o}");
        assert_eq!(project_file::load(&path).unwrap(), project("new"));
    }
}

#[test]
fn a_read_only_file_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    let opened = saved(&path, "old");
    let before = fs::read(&path).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    for expected in [Some(&opened.stamp), None] {
        let err = save::save_project(&project("new"), &path, expected, &BackupPolicy::none())
            .unwrap_err();
        assert!(matches!(err, SaveError::FileReadOnly { .. }), "{err}");
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before);
        assert_eq!(mode(&path), 0o444);
    }
}

#[test]
fn a_save_through_a_symbolic_link_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_folder = dir.path().join("shared");
    fs::create_dir(&real_folder).unwrap();
    let target = real_folder.join("log.hazlog");
    saved(&target, "old");
    let link = dir.path().join("my-log.hazlog");
    std::os::unix::fs::symlink("shared/log.hazlog", &link).unwrap();

    let opened = save::open_project(&link).unwrap();
    let stamp = save::save_project(
        &project("new"),
        &link,
        Some(&opened.stamp),
        &BackupPolicy::none(),
    )
    .unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert_eq!(project_file::load(&target).unwrap(), project("new"));
    assert!(stamp.still_matches(&link).unwrap());
    // The temporary file was written beside the target, and none is left anywhere.
    for folder in [dir.path(), real_folder.as_path()] {
        let temps: Vec<_> = fs::read_dir(folder)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(temps.is_empty(), "{temps:?}");
    }
    // A second save through the link, with the stamp from the first, is not a conflict.
    save::save_project(
        &project("newer"),
        &link,
        Some(&stamp),
        &BackupPolicy::none(),
    )
    .unwrap();
    assert_eq!(project_file::load(&target).unwrap(), project("newer"));
}

#[test]
fn a_file_with_other_names_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    let opened = saved(&path, "old");
    let other = dir.path().join("copy-for-audit.hazlog");
    fs::hard_link(&path, &other).unwrap();
    let before = fs::read(&path).unwrap();
    let err = save::save_project(
        &project("new"),
        &path,
        Some(&opened.stamp),
        &BackupPolicy::none(),
    )
    .unwrap_err();
    assert!(
        matches!(err, SaveError::HardLinked { links: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("another name"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 2, "still linked");
}

/// What a save killed half-way an hour ago left: a 4 MB temporary file of ours. (One whose
/// process is gone is removed at once, whatever its age: see `storage::util`'s tests, which can
/// name one.)
fn left_by_a_killed_save(folder: &Path) -> std::path::PathBuf {
    let path = folder.join(".hazard-workshop-Xy12Ab.tmp");
    fs::write(&path, vec![b'x'; 4 * 1024 * 1024]).unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    path
}

#[test]
fn temporary_files_of_a_killed_save_are_removed_on_the_next_open_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    save::save_project(&project("old"), &path, None, &BackupPolicy::none()).unwrap();
    let someone_elses = dir.path().join(".other-app.tmp");
    fs::write(&someone_elses, "x").unwrap();

    let left = left_by_a_killed_save(dir.path());
    save::open_project(&path).unwrap();
    assert!(!left.exists(), "removed on open");

    let left = left_by_a_killed_save(dir.path());
    save::save_project(&project("new"), &path, None, &BackupPolicy::none()).unwrap();
    assert!(!left.exists(), "removed on save");
    assert!(someone_elses.exists(), "only ours are touched");
}
