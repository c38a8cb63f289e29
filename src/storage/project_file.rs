//! The `.hazlog` project file: RON text with a format version, written atomically.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::Project;
use crate::domain::baseline::sha256_hex;
use crate::domain::three_way::Lineage;

/// The format this build writes. Bump it (and add a migration) when a change would make an older
/// app misread a newer file.
pub const FORMAT_VERSION: u32 = 2;

/// The file extension, without the dot.
pub const EXTENSION: &str = "hazlog";

/// The largest project file (or recovery journal) that is read. A real hazard log of thousands of
/// hazards is a few megabytes; anything this large is not one, and reading it could exhaust
/// memory. Checked before reading.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

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
    /// Informative only; read so that it is not mistaken for a field this version does not know.
    #[serde(default)]
    #[allow(dead_code)]
    app_version: String,
    project: Project,
    /// Which saves the file came from (see [`Lineage`]); files before lineage have none.
    #[serde(default)]
    lineage: Lineage,
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
    #[error(
        "“{}” is {size_mb} MB, larger than any hazard log ({limit_mb} MB at most): it was not opened.",
        path.display(),
        size_mb = size / (1024 * 1024),
        limit_mb = MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "“{}” holds {} that this version of Hazard Workshop ({ours}) does not know: {}. It was \
         probably written by a newer version{}. It was not opened, because saving it here would \
         lose {}.",
        path.display(),
        if fields.len() == 1 { "a field" } else { "fields" },
        fields.join(", "),
        writer.as_deref().map_or(String::new(), |v| format!(" (Hazard Workshop {v})")),
        if fields.len() == 1 { "it" } else { "them" },
        ours = env!("CARGO_PKG_VERSION"),
    )]
    UnknownFields {
        path: PathBuf,
        /// Where each field is, e.g. `project.hazards.3.colour`.
        fields: Vec<String>,
        writer: Option<String>,
    },
    #[error(
        "“{}” was not opened: {}. Clicks and changes would land on the wrong item. The file was \
         probably edited by hand or by another tool; restore it from a backup, or give each item \
         its own key.",
        path.display(),
        problems.join("; ")
    )]
    DuplicateKeys {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error(
        "“{}” was not opened: it holds text longer than Hazard Workshop can edit ({} MB in one \
         field): {}. The file was not changed.",
        path.display(),
        super::integrity::MAX_TEXT_BYTES / (1 << 20),
        problems.join("; ")
    )]
    TextTooLong {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error(
        "“{}” is in project format {from}, which could not be upgraded to format {FORMAT_VERSION}: \
         {message}. The file was not changed.",
        path.display()
    )]
    Upgrade {
        path: PathBuf,
        from: u32,
        message: String,
    },
}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Empty { path }
            | LoadError::NotAHazardLog { path, .. }
            | LoadError::Malformed { path, .. }
            | LoadError::NewerVersion { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::UnknownFields { path, .. }
            | LoadError::DuplicateKeys { path, .. }
            | LoadError::TextTooLong { path, .. }
            | LoadError::Upgrade { path, .. } => path,
        }
    }
}

/// A project read from file text, with what the file said about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub project: Project,
    /// The format the file was in; less than [`FORMAT_VERSION`] when it was upgraded on reading
    /// (saving then writes the current format, which older versions cannot open).
    pub format_version: u32,
    /// The version of Hazard Workshop that wrote it, when the file says.
    pub app_version: Option<String>,
    /// What the user should know about the file although it opened (hazards sharing a display
    /// id): show each one.
    pub warnings: Vec<String>,
}

impl Parsed {
    pub fn was_upgraded(&self) -> bool {
        self.format_version < FORMAT_VERSION
    }
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
    // The save id is a hash of what is saved, so saving the same project twice writes the same
    // bytes; the lineage goes last, on one line, so a save changes one line of it.
    let save_id = sha256_hex(&body)[..16].to_owned();
    let lineage = project.lineage.after_save(&save_id);
    let lineage = ron::to_string(&lineage).expect("a lineage always serialises");
    let body = match body.trim_end().strip_suffix(')') {
        Some(open) => format!("{}\n  lineage: {lineage},\n)", open.trim_end()),
        None => body,
    };
    format!("// Hazard Workshop project file (a DCB0129 hazard log). RON text.\n{body}\n")
}

/// The lineage a project file records, read from its last lines without parsing the project
/// (as [`to_text`] writes it); `None` when the file records none.
pub fn lineage_of_text(text: &str) -> Option<Lineage> {
    let start = text.rfind("\n  lineage: ")? + "\n  lineage: ".len();
    let line = text[start..]
        .lines()
        .next()?
        .trim_end()
        .trim_end_matches(',');
    ron::from_str(line).ok()
}

/// A baseline's project, read back from its frozen content (checked against its hash, upgraded
/// from an older project format if need be). Open it read-only: it is the version as issued.
pub fn open_baseline(baseline: &crate::domain::baseline::Baseline) -> Result<Project, String> {
    let frozen = &baseline.frozen;
    let text = frozen.text().map_err(|e| e.to_string())?;
    let file = format!(
        "HazardWorkshopProject(format_version: {}, project: {text})",
        frozen.format_version
    );
    let name = format!("version {}", baseline.version);
    from_text(&file, name.as_ref()).map_err(|e| e.to_string())
}

/// Reads a project from file text; `path` is only used to name the file in errors.
///
/// Older formats are upgraded through [`super::migrate`]. A file holding fields this version does
/// not know is refused ([`LoadError::UnknownFields`]) rather than opened without them: the next
/// save would silently drop what someone recorded.
pub fn from_text(text: &str, path: &Path) -> Result<Project, LoadError> {
    parse(text, path).map(|parsed| parsed.project)
}

/// As [`from_text`], also telling which format the file was in and which version wrote it.
pub fn parse(text: &str, path: &Path) -> Result<Parsed, LoadError> {
    let (parsed, unknown) = parse_collecting_unknown(text, path)?;
    if !unknown.is_empty() {
        return Err(LoadError::UnknownFields {
            path: path.to_path_buf(),
            fields: unknown,
            writer: parsed.app_version,
        });
    }
    Ok(parsed)
}

/// For looking at a file that [`parse`] refuses for its unknown fields: the project without them,
/// and where they were. A project read this way must only be shown read-only (never saved over
/// the file, which would lose those fields).
pub fn parse_ignoring_unknown_fields(
    text: &str,
    path: &Path,
) -> Result<(Parsed, Vec<String>), LoadError> {
    parse_collecting_unknown(text, path)
}

fn parse_collecting_unknown(text: &str, path: &Path) -> Result<(Parsed, Vec<String>), LoadError> {
    let path_buf = || path.to_path_buf();
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path_buf() });
    }
    // The header as we write it says the format at once; only a file whose first lines were
    // written some other way needs the full pass over it that `ron` makes to find two fields.
    let probe = match header_probe(text).map_or_else(|| ron::from_str(text), Ok) {
        Ok(probe) => probe,
        Err(err) => {
            // Tell a broken hazard log from some other file: ours start with our root name.
            return Err(if starts_like_a_project(text) {
                malformed(err, path)
            } else {
                LoadError::NotAHazardLog {
                    path: path_buf(),
                    reason: "it does not start with a Hazard Workshop project header".into(),
                }
            });
        }
    };
    let app_version = Some(probe.app_version).filter(|v| !v.is_empty());
    if probe.format_version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            path: path_buf(),
            found: probe.format_version,
            writer: app_version,
        });
    }
    let (file, unknown) = if probe.format_version == FORMAT_VERSION {
        deserialize_tracking_unknown(text).map_err(|err| malformed(err, path))?
    } else {
        let upgrade_error = |message: String| LoadError::Upgrade {
            path: path_buf(),
            from: probe.format_version,
            message,
        };
        let mut document = super::ron_tree::parse(text).map_err(|err| LoadError::Malformed {
            path: path_buf(),
            message: err.message,
            line: err.line,
            column: err.column,
        })?;
        super::migrate::upgrade(&mut document, probe.format_version).map_err(upgrade_error)?;
        let upgraded = super::ron_tree::print(&document);
        // Memory: the file's text, its tree, the upgraded text and the project each hold every
        // string once; letting the tree go before the project is built keeps the peak near three
        // times the file's size rather than four.
        drop(document);
        deserialize_tracking_unknown(&upgraded).map_err(|err| {
            upgrade_error(format!(
                "{} (in the upgraded text, line {})",
                err.code, err.span.start.line
            ))
        })?
    };
    let problems = super::integrity::duplicate_keys(&file.project);
    if !problems.is_empty() {
        return Err(LoadError::DuplicateKeys {
            path: path_buf(),
            problems,
        });
    }
    let problems = super::integrity::oversized_texts(&file.project);
    if !problems.is_empty() {
        return Err(LoadError::TextTooLong {
            path: path_buf(),
            problems,
        });
    }
    let parsed = Parsed {
        warnings: super::integrity::duplicate_display_ids(&file.project),
        project: Project {
            lineage: file.lineage,
            ..file.project
        },
        format_version: probe.format_version,
        app_version,
    };
    Ok((parsed, unknown))
}

/// Deserialises the root, noting every field the model has no place for (`serde_ignored` sees
/// each key the derived `Deserialize` impls skip).
fn deserialize_tracking_unknown(
    text: &str,
) -> Result<(FileIn, Vec<String>), ron::error::SpannedError> {
    let mut deserializer = ron::Deserializer::from_str(text)?;
    let mut unknown = Vec::new();
    let file: FileIn = serde_ignored::deserialize(&mut deserializer, |field| {
        unknown.push(field.to_string());
    })
    .map_err(|err| deserializer.span_error(err))?;
    deserializer
        .end()
        .map_err(|err| deserializer.span_error(err))?;
    Ok((file, unknown))
}

fn malformed(err: ron::error::SpannedError, path: &Path) -> LoadError {
    LoadError::Malformed {
        path: path.to_path_buf(),
        message: describe_ron_error(&err.code),
        line: err.span.start.line,
        column: err.span.start.col,
    }
}

/// A parse error in the user's terms: `ron`'s own words, except where they are advice for the
/// programmer (nesting too deep names `recursion_limit` and `serde_stacker`).
fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => format!(
            "values are nested more than {} deep, which no hazard log is (the file is damaged or \
             was not written by Hazard Workshop)",
            super::ron_tree::RECURSION_LIMIT
        ),
        other => other.to_string(),
    }
}

/// Where the first byte that is not UTF-8 text is: (byte, line, column), counting as an editor
/// does (from 1).
fn first_invalid_byte(bytes: &[u8], error: &std::str::Utf8Error) -> (u8, usize, usize) {
    let valid = &bytes[..error.valid_up_to()];
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    (bytes[error.valid_up_to()], line, column)
}

/// Whether text (perhaps with a few damaged bytes) starts as our files do.
/// The format and writer read from the first lines of a file as [`to_text`] writes them
/// (`HazardWorkshopProject(`, then `format_version: N,` and `app_version: "…",` on lines of their
/// own), without reading the rest; `None` for any other shape, which the full parse then reads.
fn header_probe(text: &str) -> Option<VersionProbe> {
    let mut lines = code_lines(text);
    if lines.next()? != "HazardWorkshopProject(" {
        return None;
    }
    let field = |line: &str, name: &str| -> Option<String> {
        let value = line
            .strip_prefix(name)?
            .strip_prefix(':')?
            .strip_suffix(',')?;
        Some(value.trim().to_owned())
    };
    let format_version = field(lines.next()?, "format_version")?;
    if format_version.is_empty() || !format_version.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let app_version = field(lines.next()?, "app_version")?;
    Some(VersionProbe {
        format_version: format_version.parse().ok()?,
        app_version: ron::from_str(&app_version).ok()?,
    })
}

/// The lines of a file's text that are not blank or comments, trimmed.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
}

fn starts_like_a_project(text: &str) -> bool {
    code_lines(text)
        .next()
        .is_some_and(|line| line.starts_with("HazardWorkshopProject"))
}

/// Opens a project file. Nothing on disk is changed, whatever the outcome.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let bytes = read_bounded(path)?;
    from_bytes(&bytes, path).map(|parsed| parsed.project)
}

/// Parses file bytes (which must be UTF-8 text). A project file with a damaged byte is reported
/// as damaged, at the byte's line and column; only a file that is not one of ours at all is
/// "not a Hazard Workshop project file".
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Parsed, LoadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let head = &bytes[..bytes.len().min(4096)];
            return Err(if starts_like_a_project(&String::from_utf8_lossy(head)) {
                let (byte, line, column) = first_invalid_byte(bytes, &error);
                LoadError::Malformed {
                    path: path.to_path_buf(),
                    message: format!(
                        "a byte (0x{byte:02X}) that is not text in UTF-8, the encoding \
                         Hazard Workshop writes (damaged on disk, or changed in an editor that \
                         saved it in another encoding)"
                    ),
                    line,
                    column,
                }
            } else {
                LoadError::NotAHazardLog {
                    path: path.to_path_buf(),
                    reason: "it is a binary file, not text".into(),
                }
            });
        }
    };
    parse(text, path)
}

/// Reads a whole file, refusing one over [`MAX_FILE_BYTES`] before reading it (and stopping at the
/// limit should it grow while being read, or be a device that never ends).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read as _;
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a folder, not a file",
        )));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: metadata.len(),
        });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
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
/// content, never a mixture. On an error the temporary file is removed and `path` is untouched.
/// The new file keeps the old one's permissions; a new file gets the usual ones (`0666` less
/// the umask on Unix). `path` itself is replaced: resolve a symbolic link first to write
/// through it ([`super::save::save_project`] does).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, bytes, &|_| None)
}

/// A step of [`write_atomically`], for tests that make one fail as a full disk or a vanished
/// network drive would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WriteStep {
    CreateTemp,
    /// The error comes after half of the bytes were written.
    Write,
    Sync,
    Rename,
}

/// [`write_atomically`] with a hook that can fail any step.
pub(crate) fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    fail: &dyn Fn(WriteStep) -> Option<std::io::Error>,
) -> std::io::Result<()> {
    let check = |step| fail(step).map_or(Ok(()), Err);
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    check(WriteStep::CreateTemp)?;
    let mut temp = super::util::temp_file_in(folder, "save")?;
    // The new version keeps the permissions of the one it replaces (a file shared read-only
    // with the team stays so), rather than a temporary file's.
    match fs::metadata(path) {
        Ok(old) if old.is_file() => temp.as_file().set_permissions(old.permissions())?,
        _ => {}
    }
    if let Some(err) = fail(WriteStep::Write) {
        temp.write_all(&bytes[..bytes.len() / 2])?;
        return Err(err);
    }
    temp.write_all(bytes)?;
    check(WriteStep::Sync)?;
    temp.as_file().sync_all()?;
    check(WriteStep::Rename)?;
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
