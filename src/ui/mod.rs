//! The views. Each reads the document and its own view state and pushes [`Action`]s; the app
//! runs them after the frame's UI pass. No view changes the document itself.

pub mod a11y;
pub mod action_pack_dialogs;
mod actions_pane;
pub mod agenda_queue;
pub mod checks_pane;
mod coverage_pane;
mod deck_editor;
pub mod diff_view;
pub mod document_dialogs;
pub mod draft;
mod hazard_details;
mod hazard_list;
mod hazard_table;
mod history_ui;
mod inherited_ui;
pub mod issue_dialog;
pub mod layouts;
mod lazy_rows;
pub mod library_picker;
mod matrix_arrows;
mod menus;
pub mod merge_dialogs;
pub mod minutes;
pub mod path_picker;
mod people;
pub mod presenter;
pub mod project_import;
mod provenance_ui;
mod risk_matrix;
pub mod safety_dialogs;
pub mod scope_editor;
mod score_picker;
pub mod scoring_card;
pub mod supplier_dialog;
pub mod theme;
pub mod user_name;
pub mod versions_pane;
pub mod walk;
pub mod widgets;

use std::path::PathBuf;

use crate::domain::{EntryKey, EntryKind, HazardKey, MeetingKey, Project};
use crate::edit::{Document, Edit};
use crate::shell::commands::{NAVIGATION_KEYS, PaneKey, Window};
use crate::shell::{Command, ImportReview, Notice, Pending, ThemeChoice};

pub use crate::shell::Pane;
pub use actions_pane::ActionFilter;
pub use hazard_list::{HazardListState, SortColumn};
pub use risk_matrix::{MatrixExport, MatrixMode, MatrixState};
pub use safety_dialogs::{SafetyAnswer, safety_dialogs_ui};

/// Something the user asked for, run by the app after the UI pass.
#[derive(Clone, Debug)]
pub enum Action {
    Command(Command),
    Edit(Edit),
    /// The current typing burst is over (focus left a field).
    SealEdit,
    Select(Option<HazardKey>),
    /// Go to item `index` of a meeting's review queue (select its hazard, or walk its step).
    GoToAgendaItem {
        meeting: crate::domain::MeetingKey,
        index: usize,
    },
    OpenRecent(PathBuf),
    /// Create a hazard with this name from the capture line.
    CaptureHazard(String),
    Confirm(ConfirmAnswer),
    DismissNotice,
    /// Apply (true) or drop (false) the import under review.
    AnswerImport(bool),
    Safety(SafetyAnswer),
    SetTheme(ThemeChoice),
    ExportMatrix(MatrixExport),
    NewMeeting,
    StartMeeting(MeetingKey),
    EndMeeting(MeetingKey),
    /// Add someone to a meeting as present: an existing person by name, or a new one.
    AddAttendee {
        meeting: MeetingKey,
        name: String,
    },
    /// A line typed in the minutes; `as_hazard` raises it as a hazard too (Shift+Enter).
    AddEntry {
        meeting: MeetingKey,
        kind: EntryKind,
        text: String,
        as_hazard: bool,
    },
    EntryToHazard {
        meeting: MeetingKey,
        entry: EntryKey,
    },
    /// Mark the current coverage cell (no credible hazard, parked, not applicable).
    MarkCell(Option<crate::domain::technique::CellMark>),
    /// Export a meeting's minutes as Word or Markdown (asks where).
    ExportMinutes {
        meeting: MeetingKey,
        kind: crate::shell::FileKind,
    },
    /// Go to what a ready-to-issue problem is about (the hazard's field, or the action).
    ShowProblem(crate::domain::checks::Subject),
    /// Switch a check off for the project, with the reason kept in the log.
    DisableCheck {
        check: crate::domain::checks::CheckId,
        reason: String,
    },
    EnableCheck(crate::domain::checks::CheckId),
}

/// The answer to "save changes first?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmAnswer {
    Save,
    Discard,
    Cancel,
}

/// Hazard list over the matrix on the left; details over the minutes on the right, with the
/// actions and people as tabs beside the minutes (the note-taker's corner).
pub fn default_layout() -> egui_tiles::Tree<Pane> {
    layouts::tree(layouts::RoleLayout::AllPanes)
}

/// A stored layout is used only if it still holds every pane (an older build may have had fewer).
pub fn layout_is_complete(tree: &egui_tiles::Tree<Pane>) -> bool {
    Pane::ALL.iter().all(|pane| {
        tree.tiles
            .iter()
            .any(|(_, tile)| matches!(tile, egui_tiles::Tile::Pane(p) if p == pane))
    })
}

/// What the views see of the app, read-only.
pub struct Shell<'a> {
    pub doc: &'a Document,
    /// Most recent first, for File > Open recent.
    pub recent_files: &'a [PathBuf],
    pub theme: ThemeChoice,
    pub presenter_open: bool,
    pub presenter_frozen: bool,
    pub read_only: bool,
    pub confirm: Option<&'a Pending>,
    pub notice: Option<&'a Notice>,
    /// Why unsaved work could not be journalled for recovery, until a write succeeds.
    pub journal_error: Option<&'a str>,
    pub busy: bool,
    /// Commands that can run now.
    pub enabled: &'a [Command],
    /// The window title (the screen reader's name for the window).
    pub title: String,
    /// The ready-to-issue problems last found.
    pub checks: &'a checks_pane::CheckReport,
    /// The pane arrangement chosen last.
    pub layout: layouts::RoleLayout,
    /// The presenter is showing the scoring card.
    pub scoring_card: bool,
}

impl Shell<'_> {
    pub fn project(&self) -> &Project {
        self.doc.project()
    }
}

/// State of the views that is not part of the document: selection, sorting, filters, drafts.
#[derive(Default)]
pub struct ViewState {
    pub selected: Option<HazardKey>,
    pub list: HazardListState,
    pub matrix: MatrixState,
    /// Text typed in the capture line, not yet a hazard.
    pub capture_text: String,
    pub focus_capture: bool,
    /// Move the keyboard focus to the details pane's first field.
    pub focus_details: bool,
    /// Move the keyboard focus to this field of the selected hazard (from the Checks pane).
    pub focus_field: Option<crate::domain::hazard_fields::HazardField>,
    /// Bring this pane's tab to the front.
    pub show_pane: Option<Pane>,
    pub checks: checks_pane::ChecksState,
    /// A withdrawal being prepared: the reason typed so far.
    pub withdraw_reason: Option<String>,
    /// Put the cursor in the withdrawal reason (Hazard > Withdraw).
    pub focus_withdraw_reason: bool,
    /// Where the matrix grid was drawn last frame, for "copy as image".
    pub matrix_rect: Option<egui::Rect>,
    pub minutes: minutes::MinutesState,
    pub actions: actions_pane::ActionsState,
    /// What a screen reader must hear: captures, saves, errors.
    pub announcer: a11y::Announcer,
    /// The step and prompt the room is walking, and the cached coverage grid.
    pub walk: walk::WalkState,
    /// The "Scope and decks" window.
    pub scope_editor: scope_editor::ScopeEditorState,
    /// The starter library window.
    pub library: library_picker::LibraryPickerState,
    /// Hazards being picked from another hazard log.
    pub project_import: project_import::ProjectImportState,
    /// The one pane filling the window, until restored.
    pub maximised: Option<Pane>,
    /// Where each shown pane was drawn last frame: to know which pane a key press means.
    pub shown_panes: Vec<(egui::Rect, Pane)>,
    /// What the room is scoring, for the presenter's scoring card.
    pub scoring: scoring_card::Scoring,
    /// Hazards by display id for the document revision it was built at.
    hazard_index: Derived<crate::domain::minutes::HazardIndex>,
    /// The matrix pane's counts for the document revision they were made at.
    matrix_summary: Derived<crate::domain::summary::MatrixSummary>,
    /// The minute entries that mention each hazard, for the same revision.
    mentions: Derived<crate::domain::minutes::Mentions>,
}

/// A view of the whole document that panes read every frame, made again only when the
/// document's revision changes.
pub struct Derived<T>(Option<(u64, std::sync::Arc<T>)>);

impl<T> Default for Derived<T> {
    fn default() -> Self {
        Derived(None)
    }
}

impl<T> Derived<T> {
    fn get(&mut self, doc: &Document, make: impl FnOnce(&Project) -> T) -> std::sync::Arc<T> {
        match &self.0 {
            Some((revision, value)) if *revision == doc.revision() => value.clone(),
            _ => {
                let value = std::sync::Arc::new(make(doc.project()));
                self.0 = Some((doc.revision(), value.clone()));
                value
            }
        }
    }
}

impl ViewState {
    /// The display-id index of the document as it is now (rebuilt only when it changed).
    pub fn hazard_index(
        &mut self,
        doc: &Document,
    ) -> std::sync::Arc<crate::domain::minutes::HazardIndex> {
        self.hazard_index
            .get(doc, crate::domain::minutes::HazardIndex::new)
    }

    /// The matrix counts of the document as it is now (counted again only when it changed).
    pub fn matrix_summary(
        &mut self,
        doc: &Document,
    ) -> std::sync::Arc<crate::domain::summary::MatrixSummary> {
        self.matrix_summary
            .get(doc, crate::domain::summary::MatrixSummary::of)
    }

    /// The minute entries that mention each hazard (read again only when the document changed).
    pub fn mentions(&mut self, doc: &Document) -> std::sync::Arc<crate::domain::minutes::Mentions> {
        self.mentions
            .get(doc, crate::domain::minutes::Mentions::new)
    }

    pub fn select_first(&mut self, project: &Project) {
        self.selected = project.live_hazards().next().map(|h| h.key);
    }

    /// After undo or redo the selected hazard may be gone.
    pub fn keep_selection_valid(&mut self, project: &Project) {
        if self
            .selected
            .is_some_and(|key| project.hazard(key).is_none())
        {
            self.selected = None;
        }
    }
}

/// One pane in its named region, with its margin.
fn pane_contents_ui(
    ui: &mut egui::Ui,
    pane: Pane,
    shell: &Shell<'_>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let frame = egui::Frame::new().inner_margin(egui::Margin::same(6));
    // A named region, so a screen reader says which pane it is in.
    let region = egui::UiBuilder::new()
        .accessibility_role(egui::accesskit::Role::Group)
        .accessibility_label(format!("{} pane", pane.title()));
    ui.scope_builder(region, |ui| {
        frame.show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            match pane {
                Pane::HazardList => hazard_list::pane_ui(ui, shell, view, actions),
                Pane::HazardDetails => hazard_details::pane_ui(ui, shell, view, actions),
                Pane::RiskMatrix => risk_matrix::pane_ui(ui, shell, view, actions),
                Pane::Minutes => minutes::pane_ui(ui, shell, view, actions),
                Pane::Actions => actions_pane::pane_ui(ui, shell, view, actions),
                Pane::People => people::pane_ui(ui, shell, view, actions),
                Pane::Coverage => coverage_pane::pane_ui(ui, shell, view, actions),
                Pane::Checks => checks_pane::pane_ui(ui, shell, view, actions),
            }
        })
    });
}

struct PaneBehavior<'a, 'b> {
    shell: &'a Shell<'b>,
    view: &'a mut ViewState,
    actions: &'a mut Vec<Action>,
}

impl egui_tiles::Behavior<Pane> for PaneBehavior<'_, '_> {
    fn tab_title_for_pane(&mut self, pane: &Pane) -> egui::WidgetText {
        pane.title().into()
    }

    fn pane_ui(
        &mut self,
        ui: &mut egui::Ui,
        _tile_id: egui_tiles::TileId,
        pane: &mut Pane,
    ) -> egui_tiles::UiResponse {
        pane_contents_ui(ui, *pane, self.shell, self.view, self.actions);
        egui_tiles::UiResponse::None
    }

    fn simplification_options(&self) -> egui_tiles::SimplificationOptions {
        egui_tiles::SimplificationOptions {
            all_panes_must_have_tabs: true,
            ..Default::default()
        }
    }

    fn tab_bar_height(&self, _style: &egui::Style) -> f32 {
        28.0
    }

    /// Pane tabs are tabs to a screen reader, selected when shown, in a named tab list.
    fn on_tab_button(
        &mut self,
        _tiles: &mut egui_tiles::Tiles<Pane>,
        _tile_id: egui_tiles::TileId,
        button_response: egui::Response,
    ) -> egui::Response {
        a11y::pane_tab(&button_response.ctx, button_response.id);
        button_response
    }

    /// Panes move by their tabs; a tab strip's empty background is no extra Tab stop.
    fn is_tile_draggable(
        &self,
        tiles: &egui_tiles::Tiles<Pane>,
        tile_id: egui_tiles::TileId,
    ) -> bool {
        matches!(tiles.get(tile_id), Some(egui_tiles::Tile::Pane(_)))
    }
}

/// The whole main window.
pub fn root_ui(
    ui: &mut egui::Ui,
    shell: &Shell<'_>,
    view: &mut ViewState,
    tree: &mut egui_tiles::Tree<Pane>,
    actions: &mut Vec<Action>,
) {
    a11y::name_window(ui.ctx(), &shell.title);
    // The editor's picker says again this frame if it is still open.
    view.scoring.picking = None;
    egui::Panel::top("menu-bar").show(ui, |ui| menus::menu_bar_ui(ui, shell, actions));
    let captured = view.selected.and_then(|key| shell.project().hazard(key));
    let notice = shell.notice.map(|n| (n.text.as_str(), n.is_error));
    view.announcer.update(captured, notice);
    let agenda = view
        .minutes
        .shown(shell.project())
        .and_then(|key| shell.project().meeting(key))
        .filter(|meeting| !meeting.queue.is_empty())
        .map(|meeting| {
            let progress = crate::domain::QueueProgress::of(meeting, shell.project());
            format!("Agenda: {}", progress.text())
        });
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        status_bar_ui(ui, shell, &view.announcer, agenda.as_deref(), actions);
        view.announcer.ui(ui);
    });
    if let Some(pane) = view.show_pane.take() {
        // Shown where it is, or, when a pane fills the window, in place of it.
        if view.maximised.is_some() {
            view.maximised = Some(pane);
        }
        tree.make_active(|_, tile| matches!(tile, egui_tiles::Tile::Pane(p) if *p == pane));
    }
    if shell.layout == layouts::RoleLayout::Room {
        egui::Panel::top("room-banner").show(ui, |ui| layouts::room_banner_ui(ui, shell, captured));
    }
    let shown = egui::CentralPanel::default()
        .show(ui, |ui| match view.maximised {
            Some(pane) => {
                layouts::maximised_header_ui(ui, pane, actions);
                pane_contents_ui(ui, pane, shell, view, actions);
                vec![(ui.max_rect(), pane.title().to_owned())]
            }
            None => {
                let mut behavior = PaneBehavior {
                    shell,
                    view,
                    actions,
                };
                tree.ui(&mut behavior, ui);
                pane_rects(tree)
            }
        })
        .inner;
    view.shown_panes = shown
        .iter()
        .filter_map(|(rect, title)| {
            let pane = Pane::ALL.into_iter().find(|p| p.title() == title)?;
            Some((*rect, pane))
        })
        .collect();
    technique_windows_ui(ui.ctx(), shell, view, actions);
    a11y::end_of_frame(ui.ctx(), shown);
    if let Some(pending) = shell.confirm {
        confirm_ui(ui.ctx(), pending, actions);
    }
}

/// Where each shown pane is (with its tab strip), with its title: to name the dividers.
fn pane_rects(tree: &egui_tiles::Tree<Pane>) -> Vec<(egui::Rect, String)> {
    tree.active_tiles()
        .into_iter()
        .filter_map(|id| {
            let Some(egui_tiles::Tile::Pane(pane)) = tree.tiles.get(id) else {
                return None;
            };
            let outer = tree.tiles.parent_of(id).unwrap_or(id);
            let rect = tree.tiles.rect(outer).or_else(|| tree.tiles.rect(id))?;
            Some((rect, pane.title().to_owned()))
        })
        .collect()
}

/// The workshop technique's windows (scope and decks, starter library).
fn technique_windows_ui(
    ctx: &egui::Context,
    shell: &Shell<'_>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    scope_editor::window_ui(ctx, shell, &mut view.scope_editor, actions);
    library_picker::window_ui(ctx, shell, &mut view.library, actions);
    project_import::window_ui(ctx, shell, &mut view.project_import, actions);
}

fn status_bar_ui(
    ui: &mut egui::Ui,
    shell: &Shell<'_>,
    announcer: &a11y::Announcer,
    agenda: Option<&str>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        if let Some(agenda) = agenda {
            ui.label(agenda).on_hover_text(
                "The meeting's review queue (in the Minutes pane): F8 marks the item reviewed and \
                 moves to the next, Shift+F8 goes back",
            );
            ui.separator();
        }
        if shell.read_only {
            ui.label(
                egui::RichText::new(" READ-ONLY ")
                    .strong()
                    .color(egui::Color32::WHITE)
                    .background_color(egui::Color32::from_rgb(150, 0, 0)),
            )
            .on_hover_text(shell.doc.read_only().unwrap_or_default());
        }
        if shell.enabled.contains(&Command::BackToCurrentLog)
            && ui.button(Command::BackToCurrentLog.text()).clicked()
        {
            actions.push(Action::Command(Command::BackToCurrentLog));
        }
        let conflicts = shell.doc.project().conflicts.len();
        if conflicts > 0
            && ui
                .small_button(format!(
                    "{conflicts} merge conflict{}",
                    if conflicts == 1 { "" } else { "s" }
                ))
                .on_hover_text("Resolve them before issuing a version: show them")
                .clicked()
        {
            actions.push(Action::Command(Command::ShowMergeConflicts));
        }
        if ui
            .small_button(shell.checks.summary())
            .on_hover_text("Ready-to-issue checks: show them in the Checks pane")
            .clicked()
        {
            actions.push(Action::Command(Command::ShowChecks));
        }
        if shell.presenter_frozen {
            ui.label(
                egui::RichText::new(" Presenter frozen ")
                    .strong()
                    .color(egui::Color32::BLACK)
                    .background_color(egui::Color32::from_rgb(255, 210, 0)),
            )
            .on_hover_text("The projector holds its hazard while you work elsewhere: F6 makes it follow the selection again");
        }
        if shell.busy {
            ui.spinner();
            ui.label("Working…");
        }
        if let Some(error) = shell.journal_error {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "Unsaved work is not protected against a crash",
            )
            .on_hover_text(format!(
                "Keeping unsaved work for recovery failed: {error}. Save to keep your changes."
            ));
        }
        match shell.notice {
            Some(notice) => {
                let colour = if notice.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                announcer.notice_ui(ui, &notice.text, colour);
                if ui.small_button("Dismiss").clicked() {
                    actions.push(Action::DismissNotice);
                }
            }
            None => {
                let unsaved = if shell.doc.is_dirty() {
                    "Unsaved changes"
                } else {
                    "All changes saved"
                };
                ui.label(unsaved);
            }
        }
    });
}

fn confirm_ui(ctx: &egui::Context, pending: &Pending, actions: &mut Vec<Action>) {
    let what = match pending {
        Pending::NewProject | Pending::ChooseSpreadsheetToImport => "starting a new project",
        Pending::ChooseFileToOpen | Pending::Open(_) | Pending::OpenBackup(_) => {
            "opening another project"
        }
        Pending::Quit => "quitting",
    };
    let modal = egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Save changes to this hazard log?");
        ui.label(format!(
            "The project has changes that are not saved. Save them before {what}?"
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                actions.push(Action::Confirm(ConfirmAnswer::Save));
            }
            if ui.button("Discard changes").clicked() {
                actions.push(Action::Confirm(ConfirmAnswer::Discard));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::Confirm(ConfirmAnswer::Cancel));
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::Confirm(ConfirmAnswer::Cancel));
    }
}

/// The keyboard shortcut sheet (F1), generated from the command table. Returns whether it stays
/// open.
pub fn shortcut_sheet_ui(ctx: &egui::Context) -> bool {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            for window in Window::ALL {
                ui.strong(window.title());
                egui::Grid::new(("shortcut-sheet", window.title()))
                    .num_columns(2)
                    .striped(true)
                    .spacing([24.0, 4.0])
                    .show(ui, |ui| {
                        let listed = Command::ALL.into_iter().filter(|c| {
                            !c.is_alternative()
                                && c.shortcut().is_some()
                                && c.windows().contains(&window)
                        });
                        for command in listed {
                            let mut keys = command.shortcut_text(ctx);
                            if let Some(other) = command.alternative() {
                                keys = format!("{keys} or {}", other.shortcut_text(ctx));
                            }
                            ui.label(command.text());
                            ui.label(egui::RichText::new(keys).monospace().strong());
                            ui.end_row();
                        }
                        if window == Window::Main {
                            for key in PaneKey::ALL {
                                ui.label(key.text());
                                let keys = ctx.format_shortcut(&key.shortcut());
                                ui.label(egui::RichText::new(keys).monospace().strong());
                                ui.end_row();
                            }
                            for (text, keys) in NAVIGATION_KEYS {
                                ui.label(text);
                                ui.label(egui::RichText::new(keys).monospace().strong());
                                ui.end_row();
                            }
                        }
                    });
                ui.add_space(6.0);
            }
        });
    open && !ctx.input(|i| i.key_pressed(egui::Key::Escape))
}

/// The import report, and for an import into the open project the changes it would make, with
/// Apply and Cancel.
pub fn import_review_ui(ctx: &egui::Context, review: &ImportReview, actions: &mut Vec<Action>) {
    let title = if review.plan.is_some() {
        format!("Import {} into this project", review.source)
    } else if review.new_project.is_some() {
        format!("Import {} as a new project", review.source)
    } else {
        format!("Imported {}", review.source)
    };
    egui::Window::new(title)
        .collapsible(false)
        .default_size([640.0, 480.0])
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            if let Some(incomplete) = &review.incomplete {
                // Before everything else: this is not the whole hazard log.
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    egui::RichText::new(format!("Incomplete import: {incomplete}")).strong(),
                );
            }
            if review.problems > 0 {
                // First, before anything is accepted: what the import could not keep.
                let things = if review.problems == 1 { "thing" } else { "things" };
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    egui::RichText::new(format!(
                        "{} {things} in the spreadsheet could not be kept as they were: read \
                         the report below before you accept this import.",
                        review.problems
                    ))
                    .strong(),
                );
                ui.separator();
            }
            if let Some(plan) = &review.plan {
                ui.strong("Changes to apply (one step: Undo takes it all back)");
                egui::ScrollArea::vertical()
                    .id_salt("merge-plan")
                    .max_height(200.0)
                    .show(ui, |ui| {
                        let lines = plan.describe();
                        if lines.is_empty() {
                            ui.label("Nothing to change: the project already holds everything in the spreadsheet.");
                        }
                        for line in lines {
                            ui.label(line);
                        }
                    });
                ui.separator();
            }
            ui.strong("Import report");
            egui::ScrollArea::vertical()
                .id_salt("import-report")
                .max_height(240.0)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(&review.report).monospace());
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Copy report").clicked() {
                    ui.ctx().copy_text(review.report.clone());
                }
                if let Some(plan) = &review.plan {
                    if ui.add_enabled(!plan.is_empty(), egui::Button::new("Apply changes")).clicked() {
                        actions.push(Action::AnswerImport(true));
                    }
                } else if review.new_project.is_some()
                    && ui
                        .button("Open as a new project")
                        .on_hover_text("Replace the open project with this import (unsaved)")
                        .clicked()
                {
                    actions.push(Action::AnswerImport(true));
                }
                if review.awaits_answer() {
                    if ui.button("Cancel import").clicked() {
                        actions.push(Action::AnswerImport(false));
                    }
                } else if ui.button("Close").clicked() {
                    actions.push(Action::AnswerImport(false));
                }
            });
        });
}
