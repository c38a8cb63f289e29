//! The app's own file picker, used where no native file dialog can be shown (to save, and to
//! open or import): a typed path, the project's folder, recent folders and recent files one
//! click away, and a clear reason when a path cannot be used.

use std::path::{Path, PathBuf};

use crate::shell::FileKind;

/// What the user has typed and may pick from.
pub struct PathPicker {
    pub title: String,
    pub kind: FileKind,
    pub text: String,
    /// Why the typed path cannot be used, after Save was pressed.
    pub problem: Option<String>,
    /// The project's folder first, then recent folders.
    pub folders: Vec<PathBuf>,
    /// Recent files of the kind wanted, when opening.
    pub files: Vec<PathBuf>,
    /// A file to read (it must exist), rather than one to write.
    pub opening: bool,
    focus_field: bool,
}

pub enum PickerAnswer {
    Chosen(PathBuf),
    Cancel,
}

impl PathPicker {
    /// Starts at the first folder offered (else the home folder) with the suggested name.
    pub fn new(title: &str, kind: FileKind, suggested: &str, folders: Vec<PathBuf>) -> PathPicker {
        let start = folders
            .first()
            .cloned()
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_default();
        PathPicker {
            title: title.to_owned(),
            kind,
            text: start.join(suggested).display().to_string(),
            problem: None,
            folders,
            files: Vec::new(),
            opening: false,
            focus_field: true,
        }
    }

    /// A picker for a file to open or import: starts in the first folder offered, with the
    /// recent files of the kind wanted one click away.
    pub fn to_open(
        title: &str,
        kind: FileKind,
        folders: Vec<PathBuf>,
        files: Vec<PathBuf>,
    ) -> PathPicker {
        let mut picker = PathPicker::new(title, kind, "", folders);
        if !picker.text.is_empty() && !picker.text.ends_with(std::path::MAIN_SEPARATOR) {
            picker.text.push(std::path::MAIN_SEPARATOR);
        }
        picker.files = files;
        picker.opening = true;
        picker
    }

    /// The file name typed so far (kept when another folder is picked).
    fn file_name(&self) -> String {
        Path::new(self.text.trim())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The path to write, or why `text` cannot be one: it must be a full path to a file (the app
/// adds the file kind's extension if it is missing).
pub fn checked_path(text: &str) -> Result<PathBuf, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Type the full path of the file to write.".to_owned());
    }
    let path = PathBuf::from(text);
    if !path.is_absolute() {
        return Err(format!(
            "“{text}” is not a full path: start it at the top of a drive or folder tree."
        ));
    }
    if text.ends_with(std::path::MAIN_SEPARATOR)
        || text.ends_with('/')
        || path.file_name().is_none()
    {
        return Err(format!("“{text}” names a folder: add a file name."));
    }
    Ok(path)
}

/// The file to read, or why `text` cannot be one: a full path to a file that exists (typed
/// without its extension, the file with the kind's extension is taken).
pub fn checked_open_path(text: &str, kind: FileKind) -> Result<PathBuf, String> {
    let path = checked_path(text)
        .map_err(|problem| problem.replace("the file to write", "the file to open"))?;
    if path.is_file() {
        return Ok(path);
    }
    let mut with_extension = path.clone().into_os_string();
    with_extension.push(".");
    with_extension.push(kind.extension());
    let with_extension = PathBuf::from(with_extension);
    if with_extension.is_file() {
        return Ok(with_extension);
    }
    if path.is_dir() {
        return Err(format!(
            "“{}” is a folder: add the file name.",
            path.display()
        ));
    }
    Err(format!("There is no file at “{}”.", path.display()))
}

/// Shows the picker; returns the user's answer once given.
pub fn path_picker_ui(ctx: &egui::Context, picker: &mut PathPicker) -> Option<PickerAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("typed-path-picker")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(&picker.title);
        ui.label(if picker.opening {
            "No file dialog can be shown on this computer, so type the path of the file to open \
             (or pick a recent file or a folder below)."
        } else {
            "No file dialog can be shown on this computer, so type where to save (or pick a \
             folder below and edit the name)."
        });
        ui.add_space(6.0);
        let field = ui.add(
            egui::TextEdit::singleline(&mut picker.text)
                .hint_text("File path")
                .desired_width(f32::INFINITY),
        );
        ui.ctx()
            .accesskit_node_builder(field.id, |node| node.set_label("File path"));
        let field = field.on_hover_text(format!(
            "A full path ending in .{}",
            picker.kind.extension()
        ));
        if std::mem::take(&mut picker.focus_field) {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(problem) = &picker.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        if !picker.files.is_empty() {
            ui.add_space(6.0);
            ui.strong("Recent files");
            for file in picker.files.clone() {
                if ui
                    .button(format!("Recent file: {}", file.display()))
                    .clicked()
                {
                    picker.text = file.display().to_string();
                    picker.problem = None;
                    picker.focus_field = true;
                }
            }
        }
        if !picker.folders.is_empty() {
            ui.add_space(6.0);
            ui.strong("Folders");
            let name = picker.file_name();
            for (i, folder) in picker.folders.clone().iter().enumerate() {
                let what = if i == 0 {
                    "Project folder"
                } else {
                    "Recent folder"
                };
                let text = format!("{what}: {}", folder.display());
                if ui.button(text).clicked() {
                    picker.text = if picker.opening {
                        // Opening: the folder, for the file name to be typed after it.
                        format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR)
                    } else {
                        folder.join(&name).display().to_string()
                    };
                    picker.problem = None;
                    picker.focus_field = true;
                }
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let button = if picker.opening {
                "Open this file"
            } else {
                "Save here"
            };
            if ui.button(button).clicked() || entered {
                let checked = if picker.opening {
                    checked_open_path(&picker.text, picker.kind)
                } else {
                    checked_path(&picker.text)
                };
                match checked {
                    Ok(path) => answer = Some(PickerAnswer::Chosen(path)),
                    Err(problem) => picker.problem = Some(problem),
                }
            }
            if ui.button("Cancel").clicked() {
                answer = Some(PickerAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(PickerAnswer::Cancel);
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_must_be_a_full_path_to_a_file() {
        assert!(checked_path("  ").is_err());
        assert!(checked_path("log.hazlog").is_err(), "relative");
        let root = if cfg!(windows) {
            "C:\\logs\\"
        } else {
            "/logs/"
        };
        assert!(checked_path(root).is_err(), "a folder");
        let path = checked_path(&format!(" {root}ward log ")).unwrap();
        assert_eq!(path.file_name().unwrap(), "ward log");
    }

    #[test]
    fn a_file_to_open_must_exist_and_may_be_typed_without_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ward log.hazlog");
        std::fs::write(&file, "x").unwrap();
        let text = |path: &Path| path.display().to_string();
        assert_eq!(
            checked_open_path(&text(&file), FileKind::Project),
            Ok(file.clone())
        );
        let bare = dir.path().join("ward log");
        assert_eq!(checked_open_path(&text(&bare), FileKind::Project), Ok(file));
        let missing = checked_open_path(&text(&dir.path().join("gone.hazlog")), FileKind::Project);
        assert!(missing.unwrap_err().starts_with("There is no file at"));
        let folder = checked_open_path(&text(dir.path()), FileKind::Project);
        assert!(folder.unwrap_err().contains("is a folder"));
        assert!(checked_open_path("relative.hazlog", FileKind::Project).is_err());
    }
}
