//! The journal file format: which document a journal is of ([`JournalId`]), what it says about
//! itself ([`JournalMeta`]), and how a journal is written and checked whole when read back.

use std::io;
use std::path::Path;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::Project;
use crate::storage::project_file::{self, LoadError};
use crate::storage::save::DiskStamp;
use crate::storage::util;

/// The journal format this build writes and reads.
pub(super) const JOURNAL_FORMAT: u32 = 1;
pub(super) const EXTENSION: &str = "journal";
pub(super) const DAMAGED_SUFFIX: &str = ".damaged";
pub(super) const MARKER: &str = "\n=== project ===\n";
pub(super) const PREAMBLE: &str = "// Hazard Workshop recovery journal: unsaved work, kept in case the app stopped unexpectedly.\n\
                        // The project follows the line \"=== project ===\"; that part alone is a .hazlog file.\n";

/// Which document a journal belongs to. Stable for a saved file (derived from its path, so the
/// same file gets the same id); unique for an untitled document. One open document per id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JournalId(String);

impl JournalId {
    /// The id of the document saved at `path` (from a hash of its normalised path).
    pub fn for_path(path: &Path) -> JournalId {
        JournalId(format!("p{}", util::path_hash(path)))
    }

    /// A fresh id for a document that has no file yet (new, imported, restored).
    pub fn untitled() -> JournalId {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        JournalId(format!(
            "u{:x}{:x}{:x}",
            std::process::id(),
            nanos & 0xffff_ffff_ffff,
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An id read back from a file name; only the characters ids are made of.
    pub(super) fn parse(text: &str) -> Option<JournalId> {
        let valid = !text.is_empty()
            && text.len() <= 64
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        valid.then(|| JournalId(text.to_owned()))
    }
}

impl std::fmt::Display for JournalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a journal is of, for the "restore or discard?" question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalMeta {
    /// Where the document was saved, if it ever was (any path, also one that is not Unicode).
    #[serde(with = "crate::storage::paths::lossless::option")]
    pub project_path: Option<PathBuf>,
    /// The name the user knows it by (the file name, or "Untitled").
    pub display_name: String,
    /// When the journalled change was made.
    pub last_change: DateTime<Utc>,
    /// The Hazard Workshop that wrote the journal.
    pub app_version: String,
    /// The file on disk as the journalled work last knew it (opened or saved): restored work
    /// is saved against this, so a file changed by someone else after the work was journalled
    /// is a conflict to ask about, not silently overwritten. `None` for work never saved, and
    /// in journals of older versions.
    #[serde(default)]
    pub disk_stamp: Option<DiskStamp>,
}

impl JournalMeta {
    /// Meta for a change made at `last_change`, written by this version of the app.
    pub fn new(
        project_path: Option<PathBuf>,
        display_name: impl Into<String>,
        last_change: DateTime<Utc>,
    ) -> JournalMeta {
        JournalMeta {
            project_path,
            display_name: display_name.into(),
            last_change,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            disk_stamp: None,
        }
    }

    /// The same, with the stamp of the file as the work last knew it.
    pub fn with_disk_stamp(self, disk_stamp: Option<DiskStamp>) -> JournalMeta {
        JournalMeta { disk_stamp, ..self }
    }
}

/// The header of a journal file.
#[derive(Serialize, Deserialize)]
#[serde(rename = "RecoveryJournal")]
pub(super) struct JournalHeader {
    journal_format: u32,
    session: String,
    id: String,
    pub(super) meta: JournalMeta,
    project_len: u64,
    project_sha256: String,
}

/// `<session>--<id>.journal` → (session, id).
pub(super) fn split_journal_name(name: &str) -> Option<(&str, JournalId)> {
    let stem = name.strip_suffix(&format!(".{EXTENSION}"))?;
    let (session, id) = stem.split_once("--")?;
    let session_ok = session.len() <= 64
        && session.starts_with('s')
        && session.chars().all(|c| c.is_ascii_alphanumeric());
    session_ok.then_some(())?;
    Some((session, JournalId::parse(id)?))
}

/// The whole journal file. Every path is stored exactly ([`crate::storage::paths::lossless`]),
/// so the header always serialises; should it ever not, the caller reports a failed write rather
/// than journal the work without saying where it belongs.
pub(super) fn journal_text(
    session: &str,
    id: &JournalId,
    meta: &JournalMeta,
    project: &Project,
) -> Result<String, ron::Error> {
    let project_text = project_file::to_text(project);
    let header = JournalHeader {
        journal_format: JOURNAL_FORMAT,
        session: session.to_owned(),
        id: id.0.clone(),
        meta: meta.clone(),
        project_len: project_text.len() as u64,
        project_sha256: util::hex(&util::sha256(project_text.as_bytes())),
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ");
    let header_text = ron::ser::to_string_pretty(&header, config)?;
    Ok(format!("{PREAMBLE}{header_text}{MARKER}{project_text}"))
}

pub(super) enum Damage {
    /// The file disappeared while being read (another session restored or discarded it).
    Vanished,
    /// Written by a newer journal format: left alone for that version.
    Newer(Option<Box<JournalMeta>>),
    Bad {
        meta: Option<Box<JournalMeta>>,
        problem: String,
    },
}

/// Reads a journal and checks it whole: header, length, checksum, and that the project parses.
pub(super) fn check_journal(path: &Path) -> Result<(JournalHeader, Project), Damage> {
    let bad = |meta: Option<JournalMeta>, problem: &str| Damage::Bad {
        meta: meta.map(Box::new),
        problem: problem.to_owned(),
    };
    let bytes = match project_file::read_bounded(path) {
        Ok(bytes) => bytes,
        Err(LoadError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Err(Damage::Vanished);
        }
        Err(err) => return Err(bad(None, &err.to_string())),
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(bad(None, "it is not text"));
    };
    let Some(split) = text.find(MARKER) else {
        return Err(bad(None, "it is cut short: the project is missing"));
    };
    let header: JournalHeader = match ron::from_str(&text[..split]) {
        Ok(header) => header,
        Err(err) => {
            return Err(bad(None, &format!("its header is damaged ({})", err.code)));
        }
    };
    if header.journal_format > JOURNAL_FORMAT {
        return Err(Damage::Newer(Some(Box::new(header.meta))));
    }
    let project_text = &text[split + MARKER.len()..];
    if project_text.len() as u64 != header.project_len {
        return Err(bad(
            Some(header.meta),
            "it is cut short or has been changed: its length does not match",
        ));
    }
    if util::hex(&util::sha256(project_text.as_bytes())) != header.project_sha256 {
        return Err(bad(
            Some(header.meta),
            "it has been damaged: its checksum does not match",
        ));
    }
    match project_file::from_text(project_text, path) {
        Ok(project) => Ok((header, project)),
        Err(err) => Err(bad(Some(header.meta), &err.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_ids_are_stable_for_paths_and_unique_for_untitled() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.hazlog");
        assert_eq!(
            JournalId::for_path(&a),
            JournalId::for_path(&dir.path().join(".").join("a.hazlog"))
        );
        assert_ne!(
            JournalId::for_path(&a),
            JournalId::for_path(&dir.path().join("b.hazlog"))
        );
        assert_ne!(JournalId::untitled(), JournalId::untitled());
        for id in [JournalId::for_path(&a), JournalId::untitled()] {
            assert_eq!(JournalId::parse(id.as_str()), Some(id.clone()), "{id}");
        }
    }

    #[test]
    fn journal_names_are_parsed_strictly() {
        let (session, id) = split_journal_name("s1fx2a--p0123abcd.journal").unwrap();
        assert_eq!((session, id.as_str()), ("s1fx2a", "p0123abcd"));
        for bad in [
            "s1--p1.txt",
            "x1--p1.journal",
            "s1-p1.journal",
            "s1--P1.journal",
            "s1--.journal",
            "s1--../x.journal",
        ] {
            assert!(split_journal_name(bad).is_none(), "{bad}");
        }
    }
}
