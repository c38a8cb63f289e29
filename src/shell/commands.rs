//! The command table: every user-level operation with its menu text, keyboard shortcut and the
//! window it works in, and the keys that work inside panes. Menus, keyboard handling and the
//! shortcut sheet are all generated from [`Command::ALL`] and [`PaneKey::ALL`].

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
    WithdrawHazard,
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
    IssueVersion,
    ShowVersions,
    DocumentDetails,
    ExportSafetyCaseReport,
    ExportHandoverPack,
    InheritFromSupplier,
    UpdateFromSupplier,
    SendActionPacks,
    ImportActionPack,
    MergeCopy,
    ShowMergeConflicts,
    BackToCurrentLog,
    ShowChecks,
    SetUserName,
    PresenterZoomIn,
    PresenterZoomInAlternative,
    PresenterZoomOut,
    PresenterZoomReset,
    PresenterFullScreen,
    MovePresenterHere,
    NextPrompt,
    PreviousPrompt,
    NextStep,
    ScopeAndDecks,
    StarterLibrary,
    ImportHazardsFromProject,
    LayoutRoom,
    LayoutNoteTaker,
    LayoutEditing,
    LayoutAllPanes,
    MaximisePane,
    PresenterScrollDown,
    PresenterScrollUp,
    ScoreInTheRoom,
    NextAgendaItem,
    PreviousAgendaItem,
}

/// The windows that take keyboard shortcuts: each has its own keys, so the same keys may do
/// different things in each (Ctrl+Plus zooms the window it is pressed in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Window {
    Main,
    /// The projector window.
    Presenter,
}

impl Window {
    pub const ALL: [Window; 2] = [Window::Main, Window::Presenter];

    /// The heading of this window's part of the shortcut sheet.
    pub fn title(self) -> &'static str {
        match self {
            Window::Main => "Main window",
            Window::Presenter => "Presenter window",
        }
    }
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    pub const ALL: [Command; 61] = [
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
        Command::WithdrawHazard,
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
        Command::IssueVersion,
        Command::ShowVersions,
        Command::DocumentDetails,
        Command::ExportSafetyCaseReport,
        Command::ExportHandoverPack,
        Command::InheritFromSupplier,
        Command::UpdateFromSupplier,
        Command::SendActionPacks,
        Command::ImportActionPack,
        Command::MergeCopy,
        Command::ShowMergeConflicts,
        Command::BackToCurrentLog,
        Command::ShowChecks,
        Command::SetUserName,
        Command::PresenterZoomIn,
        Command::PresenterZoomInAlternative,
        Command::PresenterZoomOut,
        Command::PresenterZoomReset,
        Command::PresenterFullScreen,
        Command::MovePresenterHere,
        Command::NextPrompt,
        Command::PreviousPrompt,
        Command::NextStep,
        Command::ScopeAndDecks,
        Command::StarterLibrary,
        Command::ImportHazardsFromProject,
        Command::LayoutRoom,
        Command::LayoutNoteTaker,
        Command::LayoutEditing,
        Command::LayoutAllPanes,
        Command::MaximisePane,
        Command::PresenterScrollDown,
        Command::PresenterScrollUp,
        Command::ScoreInTheRoom,
        Command::NextAgendaItem,
        Command::PreviousAgendaItem,
    ];

    /// The Workshop menu: the technique's set-up and the walk.
    pub const WORKSHOP_MENU: [Command; 8] = [
        Command::ScopeAndDecks,
        Command::StarterLibrary,
        Command::ImportHazardsFromProject,
        Command::PreviousPrompt,
        Command::NextPrompt,
        Command::NextStep,
        Command::PreviousAgendaItem,
        Command::NextAgendaItem,
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
            Command::WithdrawHazard => "Withdraw hazard…",
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
            Command::IssueVersion => "Issue version…",
            Command::ShowVersions => "Issued versions and changes…",
            Command::DocumentDetails => "Document details…",
            Command::ExportSafetyCaseReport => "Export safety case report (.docx)…",
            Command::ExportHandoverPack => "Export DCB0160 handover pack…",
            Command::InheritFromSupplier => "Inherit hazards from a supplier's log…",
            Command::UpdateFromSupplier => "Take in a supplier's next version…",
            Command::SendActionPacks => "Send actions to owners…",
            Command::ImportActionPack => "Import a returned action pack…",
            Command::MergeCopy => "Merge another copy of this project…",
            Command::ShowMergeConflicts => "Merge conflicts…",
            Command::BackToCurrentLog => "Back to the current log",
            Command::ShowChecks => "Ready-to-issue checks",
            Command::SetUserName => "Your name in the history…",
            Command::PresenterZoomIn | Command::PresenterZoomInAlternative => {
                "Zoom the presenter in"
            }
            Command::PresenterZoomOut => "Zoom the presenter out",
            Command::PresenterZoomReset => "Presenter at actual size",
            Command::PresenterFullScreen => "Presenter full screen",
            Command::MovePresenterHere => "Move presenter to this screen",
            Command::NextPrompt => "Next prompt",
            Command::PreviousPrompt => "Previous prompt",
            Command::NextStep => "Next step",
            Command::ScopeAndDecks => "Scope and decks…",
            Command::StarterLibrary => "Add hazards from the starter library…",
            Command::ImportHazardsFromProject => "Import hazards from another hazard log…",
            Command::LayoutRoom => "Room layout (list and matrix large)",
            Command::LayoutNoteTaker => "Note-taker layout (minutes large)",
            Command::LayoutEditing => "Editing layout (list and full-height editor)",
            Command::LayoutAllPanes => "All panes layout",
            Command::MaximisePane => "Maximise or restore the current pane",
            Command::PresenterScrollDown => "Scroll the presenter down",
            Command::PresenterScrollUp => "Scroll the presenter up",
            Command::ScoreInTheRoom => "Score in the room (scoring card on the presenter)",
            Command::NextAgendaItem => "Next agenda item (marks this one reviewed)",
            Command::PreviousAgendaItem => "Previous agenda item",
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
            Command::ExportWorkbookWithWithdrawn
            | Command::WithdrawHazard
            | Command::ExportWorkbookLayoutA
            | Command::IssueVersion
            | Command::ShowVersions
            | Command::DocumentDetails
            | Command::ExportSafetyCaseReport
            | Command::ExportHandoverPack
            | Command::InheritFromSupplier
            | Command::UpdateFromSupplier
            | Command::SendActionPacks
            | Command::ImportActionPack
            | Command::MergeCopy
            | Command::ShowMergeConflicts
            | Command::BackToCurrentLog
            | Command::ShowChecks
            | Command::SetUserName
            | Command::ScopeAndDecks
            | Command::StarterLibrary
            | Command::ImportHazardsFromProject => None,
            Command::ImportAsNewProject => s(CTRL, Key::I),
            Command::ImportIntoProject => s(CTRL_SHIFT, Key::I),
            Command::PresenterZoomIn => s(CTRL, Key::Plus),
            Command::PresenterZoomInAlternative => s(CTRL, Key::Equals),
            Command::PresenterZoomOut => s(CTRL, Key::Minus),
            Command::PresenterZoomReset => s(CTRL, Key::Num0),
            Command::PresenterFullScreen => s(Modifiers::NONE, Key::F11),
            Command::MovePresenterHere => s(CTRL_SHIFT, Key::F5),
            Command::NextPrompt => s(Modifiers::ALT, Key::ArrowRight),
            Command::PreviousPrompt => s(Modifiers::ALT, Key::ArrowLeft),
            Command::NextStep => s(Modifiers::ALT, Key::ArrowDown),
            Command::LayoutRoom => s(CTRL, Key::Num1),
            Command::LayoutNoteTaker => s(CTRL, Key::Num2),
            Command::LayoutEditing => s(CTRL, Key::Num3),
            Command::LayoutAllPanes => s(CTRL, Key::Num4),
            Command::MaximisePane => s(CTRL, Key::M),
            Command::PresenterScrollDown => s(Modifiers::ALT, Key::PageDown),
            Command::PresenterScrollUp => s(Modifiers::ALT, Key::PageUp),
            Command::ScoreInTheRoom => s(Modifiers::NONE, Key::F7),
            Command::NextAgendaItem => s(Modifiers::NONE, Key::F8),
            Command::PreviousAgendaItem => s(Modifiers::SHIFT, Key::F8),
        }
    }

    /// The windows whose keyboard runs this command.
    pub fn windows(self) -> &'static [Window] {
        match self {
            Command::TogglePresenter | Command::FreezePresenter => {
                &[Window::Main, Window::Presenter]
            }
            Command::PresenterZoomIn
            | Command::PresenterZoomInAlternative
            | Command::PresenterZoomOut
            | Command::PresenterZoomReset
            | Command::PresenterFullScreen => &[Window::Presenter],
            _ => &[Window::Main],
        }
    }

    /// Whether this only adds another key to a command listed under its own name.
    pub fn is_alternative(self) -> bool {
        matches!(
            self,
            Command::RedoAlternative
                | Command::ZoomInAlternative
                | Command::PresenterZoomInAlternative
        )
    }

    /// Other keys that run this command, for the shortcut sheet.
    pub fn alternative(self) -> Option<Command> {
        match self {
            Command::Redo => Some(Command::RedoAlternative),
            Command::ZoomIn => Some(Command::ZoomInAlternative),
            Command::PresenterZoomIn => Some(Command::PresenterZoomInAlternative),
            _ => None,
        }
    }

    /// Consumes the shortcuts pressed this frame in `window` (whose context `ctx` is), in an
    /// order where `Ctrl+Shift+Z` is tested before `Ctrl+Z` (egui matches a shortcut even with
    /// extra Shift held).
    pub fn pressed(ctx: &egui::Context, window: Window) -> Vec<Command> {
        let mut by_specificity: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .iter()
            .filter(|c| c.windows().contains(&window))
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

/// Keys that act inside a pane (on the focused list or text line) rather than run a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaneKey {
    PreviousHazard,
    NextHazard,
    FirstHazard,
    LastHazard,
    HazardPageUp,
    HazardPageDown,
    EditSelectedHazard,
    /// Enter in a capture line: a new hazard, minute entry or attendee.
    AddLine,
    /// Shift+Enter in the minutes line.
    AddEntryAsHazard,
}

impl PaneKey {
    pub const ALL: [PaneKey; 9] = [
        PaneKey::PreviousHazard,
        PaneKey::NextHazard,
        PaneKey::FirstHazard,
        PaneKey::LastHazard,
        PaneKey::HazardPageUp,
        PaneKey::HazardPageDown,
        PaneKey::EditSelectedHazard,
        PaneKey::AddLine,
        PaneKey::AddEntryAsHazard,
    ];

    /// What it does, for the shortcut sheet.
    pub fn text(self) -> &'static str {
        match self {
            PaneKey::PreviousHazard => "Previous hazard in the list",
            PaneKey::NextHazard => "Next hazard in the list",
            PaneKey::FirstHazard => "First hazard in the list",
            PaneKey::LastHazard => "Last hazard in the list",
            PaneKey::HazardPageUp => "A page up the hazard list",
            PaneKey::HazardPageDown => "A page down the hazard list",
            PaneKey::EditSelectedHazard => "Edit the selected hazard",
            PaneKey::AddLine => "Add the hazard, minute entry or attendee typed in its line",
            PaneKey::AddEntryAsHazard => "Add a minute entry and raise it as a hazard",
        }
    }

    pub fn shortcut(self) -> KeyboardShortcut {
        let (modifiers, key) = match self {
            PaneKey::PreviousHazard => (Modifiers::NONE, Key::ArrowUp),
            PaneKey::NextHazard => (Modifiers::NONE, Key::ArrowDown),
            PaneKey::FirstHazard => (Modifiers::NONE, Key::Home),
            PaneKey::LastHazard => (Modifiers::NONE, Key::End),
            PaneKey::HazardPageUp => (Modifiers::NONE, Key::PageUp),
            PaneKey::HazardPageDown => (Modifiers::NONE, Key::PageDown),
            PaneKey::EditSelectedHazard | PaneKey::AddLine => (Modifiers::NONE, Key::Enter),
            PaneKey::AddEntryAsHazard => (Modifiers::SHIFT, Key::Enter),
        };
        KeyboardShortcut::new(modifiers, key)
    }

    /// Pressed this frame, with exactly its modifiers (Enter and Shift+Enter are different keys).
    pub fn pressed(self, input: &egui::InputState) -> bool {
        let shortcut = self.shortcut();
        input.key_pressed(shortcut.logical_key) && input.modifiers.matches_exact(shortcut.modifiers)
    }
}

/// Keys egui itself gives every window (focus, menus, dialogs), listed on the shortcut sheet so
/// that keyboard-only use can be learnt there: what it does, and the keys.
pub const NAVIGATION_KEYS: [(&str, &str); 6] = [
    ("Next or previous control", "Tab / Shift+Tab"),
    (
        "Press the focused button, tab or matrix cell",
        "Enter or Space",
    ),
    ("Go to the menu bar", "F10, then Enter"),
    ("Close a menu, list or dialog", "Escape"),
    ("Show another pane", "Tab to its tab, then Enter"),
    (
        "The hazard list (lands on the selected row)",
        "Tab into the list",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut_in_one_window() {
        for window in Window::ALL {
            let mut seen = std::collections::HashMap::new();
            for command in Command::ALL
                .into_iter()
                .filter(|c| c.windows().contains(&window))
            {
                if let Some(shortcut) = command.shortcut()
                    && let Some(other) = seen.insert(shortcut, command)
                {
                    panic!("{command:?} and {other:?} share {shortcut:?} in {window:?}");
                }
            }
        }
    }

    #[test]
    fn the_presenter_keys_are_in_the_table() {
        let in_presenter = |key: Key| {
            Command::ALL
                .into_iter()
                .filter(|c| c.windows().contains(&Window::Presenter))
                .find(|c| c.shortcut().is_some_and(|s| s.logical_key == key))
        };
        assert_eq!(in_presenter(Key::F5), Some(Command::TogglePresenter));
        assert_eq!(in_presenter(Key::F6), Some(Command::FreezePresenter));
        assert_eq!(in_presenter(Key::F11), Some(Command::PresenterFullScreen));
        assert_eq!(in_presenter(Key::Plus), Some(Command::PresenterZoomIn));
        assert_eq!(in_presenter(Key::Minus), Some(Command::PresenterZoomOut));
        assert_eq!(in_presenter(Key::Num0), Some(Command::PresenterZoomReset));
        assert_eq!(in_presenter(Key::S), None, "saving is the main window's");
    }

    #[test]
    fn pane_keys_do_not_take_a_command_shortcut() {
        for key in PaneKey::ALL {
            assert!(
                Command::ALL
                    .iter()
                    .all(|c| c.shortcut() != Some(key.shortcut())),
                "{key:?}"
            );
        }
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
