//! Rules about the source itself that the type system cannot state: every change to the project
//! goes through one door, the views do not reach into the app, and no source file grows past
//! what a newcomer can read.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            found.push((path, text));
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The lines, outside `src/edit/` (the document itself and its tests), that call `pattern`.
fn calls(pattern: &str) -> Vec<String> {
    let edit = src().join("edit");
    sources(&src())
        .into_iter()
        .filter(|(path, _)| !path.starts_with(&edit))
        .flat_map(|(path, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| line.contains(pattern))
                .map(|(n, line)| format!("{}:{}: {}", path.display(), n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_change_to_the_document_goes_through_one_door() {
    for pattern in ["doc.apply(", "doc.undo(", "doc.redo("] {
        let found = calls(pattern);
        assert_eq!(
            found.len(),
            1,
            "`{pattern}` belongs in the app's one door and nowhere else: {found:#?}"
        );
        assert!(found[0].contains("src/app/"), "{found:?}");
    }
}

#[test]
fn the_views_import_nothing_from_the_app() {
    let lower_layers = [src().join("ui"), src().join("shell")];
    for dir in lower_layers {
        for (path, text) in sources(&dir) {
            assert!(
                !text.contains("crate::app") && !text.contains("hazard_workshop::app"),
                "{} reaches up into `app`: move what it needs to `shell`",
                path.display()
            );
        }
    }
    let settings = std::fs::read_to_string(src().join("app/settings.rs")).unwrap();
    assert!(
        !settings.contains("crate::ui"),
        "settings are stored below the views and must not depend on them"
    );
}
