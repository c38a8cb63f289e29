//! The `merge` command as git's merge driver: a real repository, two branches editing the same
//! project file, `git merge` running the built binary. Also the command's own exit statuses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::DateTime;
use hazard_workshop::domain::{Hazard, HazardKey, Project};
use hazard_workshop::storage::project_file;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_hazard-workshop")
}

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("RUST_LOG", "off")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .expect("git runs")
}

fn ok(output: Output) -> Output {
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn project() -> Project {
    let mut project = Project::default();
    for (key, id, name) in [(1, "H001", "Wrong patient"), (2, "H002", "Late result")] {
        project.hazards.push(Hazard::new(
            HazardKey(key),
            id.into(),
            name.into(),
            DateTime::UNIX_EPOCH,
        ));
    }
    project.counters.next_key = 3;
    project.counters.next_hazard_number = 3;
    project
}

/// A repository on `main` holding `log.hazlog` with the driver configured.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    ok(git(&repo, &["init", "-q"]));
    ok(git(&repo, &["config", "user.name", "Test"]));
    ok(git(&repo, &["config", "user.email", "test@example.org"]));
    let driver = format!("\"{}\" merge %O %A %B -o %A", binary());
    ok(git(&repo, &["config", "merge.hazlog.driver", &driver]));
    std::fs::write(repo.join(".gitattributes"), "*.hazlog merge=hazlog\n").unwrap();
    project_file::save(&project(), &repo.join("log.hazlog")).unwrap();
    ok(git(&repo, &["add", "."]));
    ok(git(&repo, &["commit", "-q", "-m", "base"]));
    (dir, repo)
}

fn commit_edit(repo: &Path, branch: &str, edit: impl FnOnce(&mut Project)) {
    ok(git(repo, &["checkout", "-q", branch]));
    let path = repo.join("log.hazlog");
    let mut project = project_file::load(&path).unwrap();
    edit(&mut project);
    project_file::save(&project, &path).unwrap();
    ok(git(
        repo,
        &["commit", "-q", "-am", &format!("edit on {branch}")],
    ));
}

#[test]
fn git_merges_edits_to_different_hazards_cleanly() {
    let (_dir, repo) = repository();
    ok(git(&repo, &["branch", "other"]));
    commit_edit(&repo, "other", |p| {
        p.hazards[1].description = "Results arrive late".into()
    });
    commit_edit(&repo, "main", |p| {
        p.hazards[0].name = "Wrong patient selected".into()
    });

    let merged = git(&repo, &["merge", "--no-edit", "other"]);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let project = project_file::load(&repo.join("log.hazlog")).unwrap();
    assert_eq!(project.hazards[0].name, "Wrong patient selected");
    assert_eq!(project.hazards[1].description, "Results arrive late");
    assert!(project.conflicts.is_empty());
    assert!(
        project.lineage.parents.len() == 2,
        "a merge records both parents: {:?}",
        project.lineage
    );
}

#[test]
fn git_reports_a_conflict_and_the_file_records_it() {
    let (_dir, repo) = repository();
    ok(git(&repo, &["branch", "other"]));
    commit_edit(&repo, "other", |p| p.hazards[0].owner = "Bob".into());
    commit_edit(&repo, "main", |p| p.hazards[0].owner = "Ann".into());

    let merged = git(&repo, &["merge", "--no-edit", "other"]);
    assert_eq!(merged.status.code(), Some(1), "git reports the conflict");
    let project = project_file::load(&repo.join("log.hazlog")).unwrap();
    assert_eq!(project.conflicts.len(), 1);
    let conflict = &project.conflicts[0];
    assert_eq!(conflict.label, "H001 Wrong patient: owner");
    assert_eq!(
        (conflict.ours.text.as_str(), conflict.theirs.text.as_str()),
        ("Ann", "Bob")
    );
    assert_eq!(
        project.hazards[0].owner, "Ann",
        "ours' value until resolved"
    );
    let status = ok(git(&repo, &["status", "--porcelain"]));
    assert!(
        String::from_utf8_lossy(&status.stdout).contains("UU log.hazlog"),
        "unmerged until added"
    );
}

#[test]
fn the_merge_command_exits_2_and_writes_nothing_when_a_file_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.hazlog");
    project_file::save(&project(), &good).unwrap();
    let bad = dir.path().join("bad.hazlog");
    std::fs::write(&bad, "not a hazard log").unwrap();
    let out = dir.path().join("out.hazlog");
    let output = Command::new(binary())
        .args(["merge"])
        .args([&good, &good, &bad])
        .arg("-o")
        .arg(&out)
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("bad.hazlog"),
        "the message names the file"
    );
    assert!(!out.exists(), "nothing written");

    let output = Command::new(binary())
        .args(["merge"])
        .args([&good, &good, &good])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(project_file::load(&out).unwrap(), project());
}
