//! The `.hazlog` project file: RON text with a format version, written atomically.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::Project;

/// The format this build writes. Bump it (and add a migration) when a change would make an older
/// app misread a newer file.
pub const FORMAT_VERSION: u32 = 1;

/// The file extension, without the dot.
pub const EXTENSION: &str = "hazlog";

/// The root of a project file, as written.
#[derive(Serialize)]
#[serde(rename = "HazardWorkshopProject")]
struct FileOut<'a> {
    format_version: u32,
    app_version: &'a str,
    project: &'a Project,
}

/// The root of a project file, as read.
#[derive(Deserialize)]
#[serde(rename = "HazardWorkshopProject")]
struct FileIn {
    #[allow(dead_code)]
    format_version: u32,
    project: Project,
}

/// Just enough of the root to learn which format a file is in, whatever follows.
#[derive(Deserialize)]
#[serde(rename = "HazardWorkshopProject")]
struct VersionProbe {
    format_version: u32,
    #[serde(default)]
    app_version: String,
}

/// Why a project file could not be opened. Each message names the file and the problem.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("Could not read “{}”: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("“{}” is empty: it holds no hazard log.", path.display())]
    Empty { path: PathBuf },
    #[error("“{}” is not a Hazard Workshop project file ({reason}).", path.display())]
    NotAHazardLog { path: PathBuf, reason: String },
    #[error(
        "“{}” is damaged or incomplete: {message} at line {line}, column {column}.",
        path.display()
    )]
    Malformed {
        path: PathBuf,
        message: String,
        line: usize,
        column: usize,
    },
    #[error(
        "“{}” was written in project format {found} by {writer}; this version of Hazard Workshop \
         ({ours}) reads formats up to {FORMAT_VERSION}. Open it with that version or newer.",
        path.display(),
        ours = env!("CARGO_PKG_VERSION"),
        writer = writer.as_deref().map_or("a newer Hazard Workshop".to_owned(), |v| format!("Hazard Workshop {v}"))
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        writer: Option<String>,
    },
}

/// Why a project could not be saved. The old file is left as it was.
#[derive(Debug, thiserror::Error)]
#[error("Could not save “{}”: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// The project as file text.
pub fn to_text(project: &Project) -> String {
    let file = FileOut {
        format_version: FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION"),
        project,
    };
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ");
    let body = ron::ser::to_string_pretty(&file, config)
        .expect("a project always serialises: it holds only strings, numbers and lists");
    format!("// Hazard Workshop project file (a DCB0129 hazard log). RON text.\n{body}\n")
}

/// Reads a project from file text; `path` is only used to name the file in errors.
pub fn from_text(text: &str, path: &Path) -> Result<Project, LoadError> {
    let path_buf = || path.to_path_buf();
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path_buf() });
    }
    let probe: VersionProbe = match ron::from_str(text) {
        Ok(probe) => probe,
        Err(err) => {
            // Tell a broken hazard log from some other file: ours start with our root name.
            let looks_like_ours = text
                .trim_start_matches(|c: char| c.is_whitespace())
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<String>()
                .trim_start()
                .starts_with("HazardWorkshopProject");
            return Err(if looks_like_ours {
                malformed(err, path)
            } else {
                LoadError::NotAHazardLog {
                    path: path_buf(),
                    reason: "it does not start with a Hazard Workshop project header".into(),
                }
            });
        }
    };
    if probe.format_version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            path: path_buf(),
            found: probe.format_version,
            writer: Some(probe.app_version).filter(|v| !v.is_empty()),
        });
    }
    let file: FileIn = ron::from_str(text).map_err(|err| malformed(err, path))?;
    Ok(file.project)
}

fn malformed(err: ron::error::SpannedError, path: &Path) -> LoadError {
    LoadError::Malformed {
        path: path.to_path_buf(),
        message: err.code.to_string(),
        line: err.span.start.line,
        column: err.span.start.col,
    }
}

/// Opens a project file. Nothing on disk is changed, whatever the outcome.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotAHazardLog {
        path: path.to_path_buf(),
        reason: "it is a binary file, not text".into(),
    })?;
    from_text(&text, path)
}

/// Saves a project atomically: the text goes to a temporary file in the same folder, is flushed
/// to disk, and only then renamed over the old file; the folder is flushed too, so the rename
/// itself survives a power cut. At every instant the path holds either the old or the new file.
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, to_text(project).as_bytes()).map_err(|source| SaveError {
        path: path.to_path_buf(),
        source,
    })
}

/// Replaces `path` with `bytes` so that a crash at any point leaves either the old or the new
/// content, never a mixture.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".hazard-workshop-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    sync_folder(folder);
    Ok(())
}

/// Flushes the folder entry of a rename to disk. Windows has no folder handles to flush; NTFS
/// journals the rename itself.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        // A failure here cannot undo the rename and most file systems do not need it: ignore.
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}
