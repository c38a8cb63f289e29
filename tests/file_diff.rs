//! The project file is written deterministically, so that it merges and diffs like code: the
//! same project saved twice is the same bytes, and one edit in the app changes a few lines.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use hazard_workshop::edit::{Document, ops};
use hazard_workshop::storage::project_file;

fn example() -> hazard_workshop::domain::Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog");
    project_file::load(&path).unwrap()
}

/// Lines of `after` not in `before` plus lines of `before` not in `after`, counted as bags: the
/// size of a line diff when nothing moved.
fn changed_lines(before: &str, after: &str) -> usize {
    let mut bag: HashMap<&str, i64> = HashMap::new();
    for line in before.lines() {
        *bag.entry(line).or_default() += 1;
    }
    for line in after.lines() {
        *bag.entry(line).or_default() -= 1;
    }
    bag.values().map(|n| n.unsigned_abs() as usize).sum()
}

#[test]
fn saving_the_same_project_twice_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.hazlog"), dir.path().join("b.hazlog"));
    let project = example();
    project_file::save(&project, &a).unwrap();
    project_file::save(&project, &b).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // And a file saved, opened and saved again unchanged is the same bytes too.
    let reopened = project_file::load(&a).unwrap();
    project_file::save(&reopened, &b).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn a_one_field_edit_changes_a_few_lines_of_the_file() {
    let project = example();
    let before = project_file::to_text(&project);

    // The field alone: its line and the lineage line.
    let mut edited = project.clone();
    edited.hazards[3].owner = "Ward manager, Ward 7".into();
    let after = project_file::to_text(&edited);
    assert_eq!(changed_lines(&before, &after), 4, "two lines out, two in");

    // Through the app's edit path: the field, the hazard's updated time, the lineage, and the
    // history entry appended for it.
    let mut doc = Document::new(project.clone(), None);
    let mut hazard = project.hazards[3].clone();
    hazard.owner = "Ward manager, Ward 7".into();
    let now: DateTime<Utc> = "2026-11-28T10:00:00Z".parse().unwrap();
    doc.apply(ops::update_hazard(doc.project(), hazard, "owner", now))
        .unwrap();
    let after = project_file::to_text(doc.project());
    let changed = changed_lines(&before, &after);
    assert!(changed <= 40, "{changed} lines changed:\n{after}");
    assert!(
        after.lines().count() - before.lines().count() <= 30,
        "the history entry is a few lines"
    );
}
