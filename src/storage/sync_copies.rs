//! Copies of a project file that sync clients leave beside it when two computers changed it
//! apart: Dropbox's "name (Jane's conflicted copy 2026-11-28).hazlog", OneDrive's
//! "name-DESKTOP-4F2K1LM.hazlog" (the computer's name), "name (1).hazlog", and Syncthing's
//! "name.sync-conflict-20261128-101500-ABCDEFG.hazlog". Found when a project opens, so the user
//! can be offered a merge.

use std::path::{Path, PathBuf};

/// Whether `candidate` (a file name) looks like a sync client's copy of `original` (a file
/// name), by the patterns above. Letters are compared without regard to case.
pub fn is_conflicted_copy_name(original: &str, candidate: &str) -> bool {
    let (Some((stem, ext)), Some((other_stem, other_ext))) = (split(original), split(candidate))
    else {
        return false;
    };
    if !ext.eq_ignore_ascii_case(other_ext) || stem.eq_ignore_ascii_case(other_stem) {
        return false;
    }
    let Some(rest) = strip_prefix_ignore_case(other_stem, stem) else {
        return false;
    };
    if let Some(inside) = rest.strip_prefix(" (").and_then(|r| r.strip_suffix(')')) {
        // "(Jane's conflicted copy 2026-11-28)", "(conflicted copy)", "(1)".
        return inside.to_ascii_lowercase().contains("conflicted copy")
            || (!inside.is_empty() && inside.chars().all(|c| c.is_ascii_digit()));
    }
    if let Some(computer) = rest.strip_prefix('-') {
        // A computer's name, as OneDrive adds it: capitals, digits and hyphens.
        return (1..=40).contains(&computer.len())
            && computer
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && computer.chars().any(|c| c.is_ascii_uppercase());
    }
    rest.to_ascii_lowercase().starts_with(".sync-conflict-")
}

fn split(name: &str) -> Option<(&str, &str)> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty()).then_some((stem, ext))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The sync clients' copies of the project at `path` in its folder, sorted by name. Reads the
/// folder only (no file is opened); an unreadable folder has none.
pub fn conflicted_copies(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|candidate| is_conflicted_copy_name(name, candidate))
        })
        .map(|entry| entry.path())
        .collect();
    copies.sort();
    copies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sync_clients_copies_are_recognised() {
        let original = "Ward log.hazlog";
        for copy in [
            "Ward log (conflicted copy).hazlog",
            "Ward log (Jane Smith's conflicted copy 2026-11-28).hazlog",
            "ward log (Conflicted Copy 2026-11-28 101500).HAZLOG",
            "Ward log-DESKTOP-4F2K1LM.hazlog",
            "Ward log-PCNAME.hazlog",
            "Ward log-LAPTOP_7.hazlog",
            "Ward log (1).hazlog",
            "Ward log (12).hazlog",
            "Ward log.sync-conflict-20261128-101500-ABCDEFG.hazlog",
        ] {
            assert!(is_conflicted_copy_name(original, copy), "{copy}");
        }
    }

    #[test]
    fn other_files_are_not_copies() {
        let original = "Ward log.hazlog";
        for other in [
            "Ward log.hazlog",
            "Ward log (conflicted copy).xlsx",
            "Ward log-v2.hazlog",
            "Ward log-final-draft.hazlog",
            "Ward log (draft).hazlog",
            "Ward log ().hazlog",
            "Ward logs (1).hazlog",
            "Ward.hazlog",
            "Other log (1).hazlog",
            ".hazlog",
        ] {
            assert!(!is_conflicted_copy_name(original, other), "{other}");
        }
    }

    #[test]
    fn copies_beside_the_file_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.hazlog");
        for name in [
            "log.hazlog",
            "log (1).hazlog",
            "log-DESKTOP-AB12.hazlog",
            "notes.txt",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let names: Vec<String> = conflicted_copies(&path)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["log (1).hazlog", "log-DESKTOP-AB12.hazlog"]);
    }
}
