//! The app's own "save as" picker, used where no native file dialog can be shown: a typed path,
//! the project's folder and recent folders one click away, and a clear reason when a path
//! cannot be used.

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
    focus_field: bool,
    /// Picking a file to read (it must exist) rather than where to save.
    pub opening: bool,
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
            focus_field: true,
            opening: false,
        }
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

/// Shows the picker; returns the user's answer once given.
pub fn path_picker_ui(ctx: &egui::Context, picker: &mut PathPicker) -> Option<PickerAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("typed-path-picker")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(&picker.title);
        ui.label(
            "No file dialog can be shown on this computer, so type where to save (or pick a \
             folder below and edit the name).",
        );
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
                    picker.text = folder.join(&name).display().to_string();
                    picker.problem = None;
                    picker.focus_field = true;
                }
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let go = if picker.opening {
                "Open this file"
            } else {
                "Save here"
            };
            if ui.button(go).clicked() || entered {
                let checked = checked_path(&picker.text).and_then(|path| {
                    if picker.opening && !path.is_file() {
                        Err(format!("There is no file at {}.", path.display()))
                    } else {
                        Ok(path)
                    }
                });
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
}
