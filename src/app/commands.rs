//! The command table: every user-level operation with its menu text and keyboard shortcut.
//! Menus, shortcuts and the shortcut sheet are all generated from [`Command::ALL`].

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewProject,
    OpenProject,
    SaveProject,
    SaveProjectAs,
    Quit,
    Undo,
    Redo,
    RedoAlternative,
    CaptureHazard,
    FindHazard,
    DuplicateHazard,
    TogglePresenter,
    FreezePresenter,
    ZoomIn,
    ZoomInAlternative,
    ZoomOut,
    ZoomReset,
    CycleTheme,
    ShowShortcuts,
    ExportWorkbook,
    ExportWorkbookWithWithdrawn,
    ExportWorkbookLayoutA,
    ImportAsNewProject,
    ImportIntoProject,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    pub const ALL: [Command; 24] = [
        Command::NewProject,
        Command::OpenProject,
        Command::SaveProject,
        Command::SaveProjectAs,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::RedoAlternative,
        Command::CaptureHazard,
        Command::FindHazard,
        Command::DuplicateHazard,
        Command::TogglePresenter,
        Command::FreezePresenter,
        Command::ZoomIn,
        Command::ZoomInAlternative,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::CycleTheme,
        Command::ShowShortcuts,
        Command::ExportWorkbook,
        Command::ExportWorkbookWithWithdrawn,
        Command::ExportWorkbookLayoutA,
        Command::ImportAsNewProject,
        Command::ImportIntoProject,
    ];

    /// Menu text.
    pub fn text(self) -> &'static str {
        match self {
            Command::NewProject => "New project",
            Command::OpenProject => "Open…",
            Command::SaveProject => "Save",
            Command::SaveProjectAs => "Save as…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo | Command::RedoAlternative => "Redo",
            Command::CaptureHazard => "Capture a new hazard",
            Command::FindHazard => "Find hazards",
            Command::DuplicateHazard => "Duplicate hazard",
            Command::TogglePresenter => "Presenter view (projector)",
            Command::FreezePresenter => "Freeze the presenter view",
            Command::ZoomIn | Command::ZoomInAlternative => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size",
            Command::CycleTheme => "Next theme",
            Command::ShowShortcuts => "Keyboard shortcuts",
            Command::ExportWorkbook => "Export NHS hazard log (.xlsx)…",
            Command::ExportWorkbookWithWithdrawn => "Export NHS hazard log with withdrawn hazards…",
            Command::ExportWorkbookLayoutA => "Export hazard log in layout A (19 columns)…",
            Command::ImportAsNewProject => "Import spreadsheet as a new project…",
            Command::ImportIntoProject => "Import spreadsheet into this project…",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let s = |modifiers, key| Some(KeyboardShortcut::new(modifiers, key));
        match self {
            Command::NewProject => s(CTRL_SHIFT, Key::N),
            Command::OpenProject => s(CTRL, Key::O),
            Command::SaveProject => s(CTRL, Key::S),
            Command::SaveProjectAs => s(CTRL_SHIFT, Key::S),
            Command::Quit => s(CTRL, Key::Q),
            Command::Undo => s(CTRL, Key::Z),
            Command::Redo => s(CTRL_SHIFT, Key::Z),
            Command::RedoAlternative => s(CTRL, Key::Y),
            Command::CaptureHazard => s(CTRL, Key::N),
            Command::FindHazard => s(CTRL, Key::F),
            Command::DuplicateHazard => s(CTRL, Key::D),
            Command::TogglePresenter => s(Modifiers::NONE, Key::F5),
            Command::FreezePresenter => s(Modifiers::NONE, Key::F6),
            Command::ZoomIn => s(CTRL, Key::Plus),
            Command::ZoomInAlternative => s(CTRL, Key::Equals),
            Command::ZoomOut => s(CTRL, Key::Minus),
            Command::ZoomReset => s(CTRL, Key::Num0),
            Command::CycleTheme => s(CTRL_SHIFT, Key::T),
            Command::ShowShortcuts => s(Modifiers::NONE, Key::F1),
            Command::ExportWorkbook => s(CTRL, Key::E),
            Command::ExportWorkbookWithWithdrawn | Command::ExportWorkbookLayoutA => None,
            Command::ImportAsNewProject => s(CTRL, Key::I),
            Command::ImportIntoProject => s(CTRL_SHIFT, Key::I),
        }
    }

    /// Whether a menu shows this command (alternatives only add a shortcut).
    pub fn in_menu(self) -> bool {
        !matches!(self, Command::RedoAlternative | Command::ZoomInAlternative)
    }

    /// Other keys that run this command, for the shortcut sheet.
    pub fn alternative(self) -> Option<Command> {
        match self {
            Command::Redo => Some(Command::RedoAlternative),
            Command::ZoomIn => Some(Command::ZoomInAlternative),
            _ => None,
        }
    }

    /// Consumes the shortcuts pressed this frame, in an order where `Ctrl+Shift+Z` is tested
    /// before `Ctrl+Z` (egui matches a shortcut even with extra Shift held).
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let mut by_specificity: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .iter()
            .filter_map(|c| c.shortcut().map(|s| (*c, s)))
            .collect();
        by_specificity.sort_by_key(|(_, s)| {
            std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.alt as u8)
        });
        ctx.input_mut(|input| {
            by_specificity
                .into_iter()
                .filter(|(_, shortcut)| input.consume_shortcut(shortcut))
                .map(|(command, _)| command)
                .collect()
        })
    }

    /// "Ctrl+Shift+S" on Linux and Windows, "⇧⌘S" on a Mac.
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for command in Command::ALL {
            if let Some(shortcut) = command.shortcut()
                && let Some(other) = seen.insert(shortcut, command)
            {
                panic!("{command:?} and {other:?} share {shortcut:?}");
            }
        }
        assert!(seen.len() >= 9, "the main commands have shortcuts");
    }

    #[test]
    fn the_standard_shortcuts_are_taken_by_their_commands() {
        let text = |c: Command| c.shortcut().map(|s| (s.modifiers, s.logical_key));
        assert_eq!(text(Command::CaptureHazard), Some((CTRL, Key::N)));
        assert_eq!(text(Command::OpenProject), Some((CTRL, Key::O)));
        assert_eq!(text(Command::SaveProject), Some((CTRL, Key::S)));
        assert_eq!(text(Command::SaveProjectAs), Some((CTRL_SHIFT, Key::S)));
        assert_eq!(text(Command::Quit), Some((CTRL, Key::Q)));
    }
}
