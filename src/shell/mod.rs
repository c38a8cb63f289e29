//! The vocabulary the app and its views share, below both: the command table, notices, the
//! questions the app is asking, the look the user chose and the panes, so views depend on this
//! and never on `app`.

pub mod commands;
pub mod scoring;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use commands::Command;

/// A message shown in the status strip until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

impl Notice {
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            is_error: true,
        }
    }

    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            is_error: false,
        }
    }
}

/// A step that was asked for while there were unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    NewProject,
    /// Ask for a file to open.
    ChooseFileToOpen,
    Open(PathBuf),
    /// Open a backup to look at, as an unsaved document.
    OpenBackup(crate::storage::backup::Backup),
    /// Ask for a spreadsheet to import as a new project.
    ChooseSpreadsheetToImport,
    Quit,
}

/// What an import found, shown before it applies: a merge into the open project, or a new
/// project that replaces the open one.
pub struct ImportReview {
    pub source: String,
    /// The spreadsheet it came from.
    pub path: PathBuf,
    pub report: String,
    /// Set when the spreadsheet was not read to its end: what was left out, stated before
    /// anything else, since the import is then not the whole hazard log.
    pub incomplete: Option<String>,
    /// How many things in the spreadsheet the import could not keep as they were (rows past
    /// the limit, cut cells, unreadable values): stated first, before the user accepts.
    pub problems: usize,
    /// The changes a merge would make; `None` when the import becomes a new project.
    pub plan: Option<crate::interchange::MergePlan>,
    /// A new project waiting for the user to accept it (the import lost something); `None`
    /// once it is open, or for a merge.
    pub new_project: Option<Box<crate::domain::Project>>,
}

impl ImportReview {
    /// Whether the user still has to accept (or cancel) it.
    pub fn awaits_answer(&self) -> bool {
        self.plan.is_some() || self.new_project.is_some()
    }
}

/// The kinds of file the app opens and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Project,
    Png,
    Word,
    Markdown,
    Spreadsheet,
}

impl FileKind {
    pub fn filter_name(self) -> &'static str {
        match self {
            FileKind::Project => "Hazard Workshop project",
            FileKind::Png => "PNG image",
            FileKind::Word => "Word document",
            FileKind::Markdown => "Markdown text",
            FileKind::Spreadsheet => "Excel workbook",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Project => crate::storage::project_file::EXTENSION,
            FileKind::Png => "png",
            FileKind::Word => "docx",
            FileKind::Markdown => "md",
            FileKind::Spreadsheet => "xlsx",
        }
    }
}

/// The panes of the main window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pane {
    HazardList,
    HazardDetails,
    RiskMatrix,
    Minutes,
    Actions,
    People,
    Coverage,
    Checks,
}

impl Pane {
    pub const ALL: [Pane; 8] = [
        Pane::HazardList,
        Pane::HazardDetails,
        Pane::RiskMatrix,
        Pane::Minutes,
        Pane::Actions,
        Pane::People,
        Pane::Coverage,
        Pane::Checks,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::HazardList => "Hazard list",
            Pane::HazardDetails => "Hazard details",
            Pane::RiskMatrix => "Risk matrix",
            Pane::Minutes => "Minutes",
            Pane::Actions => "Actions",
            Pane::People => "People and attendance",
            Pane::Coverage => "Coverage",
            Pane::Checks => "Checks",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
    /// Maximum contrast and heavier lines, for a dim projector in a bright room.
    Projector,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::Projector,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
            ThemeChoice::Projector => "High contrast (projector)",
        }
    }

    pub fn next(self) -> ThemeChoice {
        match self {
            ThemeChoice::Light => ThemeChoice::Dark,
            ThemeChoice::Dark => ThemeChoice::Projector,
            ThemeChoice::Projector => ThemeChoice::Light,
        }
    }
}

/// What the presenter window shows under the hazard being discussed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PresenterShows {
    #[default]
    Hazard,
    Matrix,
    RaisedInMeeting,
}

/// A pane arrangement for one role. Every arrangement holds every pane (some as tabs), so a
/// pane is never lost by switching.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleLayout {
    /// The list over the matrix, details over the minutes: everything at once.
    #[default]
    AllPanes,
    /// The facilitator on the projector: list and matrix large, the hazard under discussion in
    /// a banner readable from the back of the room.
    Room,
    /// Minutes large, the hazard list (with its capture line) and the current hazard beside.
    NoteTaker,
    /// The list and a full-height editor.
    Editing,
}

impl RoleLayout {
    pub const ALL: [RoleLayout; 4] = [
        RoleLayout::Room,
        RoleLayout::NoteTaker,
        RoleLayout::Editing,
        RoleLayout::AllPanes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RoleLayout::AllPanes => "All panes",
            RoleLayout::Room => "Room",
            RoleLayout::NoteTaker => "Note-taker",
            RoleLayout::Editing => "Editing",
        }
    }

    /// The layout a command switches to.
    pub fn of_command(command: Command) -> Option<RoleLayout> {
        match command {
            Command::LayoutRoom => Some(RoleLayout::Room),
            Command::LayoutNoteTaker => Some(RoleLayout::NoteTaker),
            Command::LayoutEditing => Some(RoleLayout::Editing),
            Command::LayoutAllPanes => Some(RoleLayout::AllPanes),
            _ => None,
        }
    }
}
