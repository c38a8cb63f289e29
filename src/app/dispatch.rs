//! Runs what the user asked for: the views' actions and the command table's commands, through
//! the one door ([`HazardWorkshopApp::apply`]) every change to the document takes.

use crate::ui::document_dialogs::ReportKind;
use crate::ui::supplier_dialog::SupplierMode;
use chrono::{Local, Utc};

use super::{AfterSave, FileKind, HazardWorkshopApp, Pending, SavePurpose, settings};
use crate::domain::checks::{DisabledCheck, Subject};
use crate::domain::technique::CellMark;
use crate::domain::{EntryKind, MeetingKey};
use crate::edit::technique_ops::{self, Recorder};
use crate::edit::{Composite, meeting_ops, ops, version_ops};
use crate::shell::Command;
use crate::ui::{self, Action};

impl HazardWorkshopApp {
    /// Runs one user action. The only place, with [`Self::run_command`], that changes state.
    pub fn handle(&mut self, action: Action) {
        match action {
            Action::Command(command) => self.run_command(command),
            Action::SetTheme(theme) => self.set_theme(None, theme),
            Action::Edit(edit) => {
                self.apply(edit);
            }
            Action::SealEdit => self.doc.seal(),
            Action::Select(key) => self.view.selected = key,
            Action::GoToAgendaItem { meeting, index } => self.go_to_agenda_item(meeting, index),
            Action::OpenRecent(path) => self.guard(Pending::Open(path)),
            Action::CaptureHazard(name) => self.capture_hazard(&name),
            Action::MarkCell(mark) => self.mark_current_cell(mark),
            Action::Confirm(answer) => self.answer_confirm(answer),
            Action::DismissNotice => self.notice = None,
            Action::AnswerImport(apply) => self.answer_import(apply),
            Action::Safety(answer) => self.answer_safety(answer),
            Action::ExportMatrix(export) => self.matrix_export = Some(export),
            Action::NewMeeting => {
                let today = Local::now().date_naive();
                let title = format!("Workshop {}", today.format("%d %b %Y"));
                let (edit, key) = meeting_ops::add_meeting(self.doc.project(), &title, today);
                if self.apply(edit) {
                    self.view.minutes.meeting = Some(key);
                }
            }
            Action::StartMeeting(key) => {
                let now = Local::now();
                let edit = meeting_ops::start_meeting(
                    self.doc.project(),
                    key,
                    now.time(),
                    now.date_naive(),
                );
                if self.apply(edit) {
                    self.view.minutes.meeting = Some(key);
                    self.view.minutes.focus_capture = true;
                }
            }
            Action::EndMeeting(key) => {
                let edit = meeting_ops::end_meeting(self.doc.project(), key, Local::now().time());
                self.apply(edit);
            }
            Action::AddAttendee { meeting, name } => {
                self.apply(meeting_ops::add_attendee(
                    self.doc.project(),
                    meeting,
                    &name,
                ));
            }
            Action::AddEntry {
                meeting,
                kind,
                text,
                as_hazard,
            } => self.add_entry(meeting, kind, &text, as_hazard),
            Action::ExportMinutes { meeting, kind } => {
                let Some(m) = self.doc.project().meeting(meeting) else {
                    return;
                };
                let name = format!(
                    "{}.{}",
                    crate::interchange::minutes::suggested_file_stem(m),
                    kind.extension()
                );
                let project = self.doc.snapshot();
                self.jobs.pick_save(
                    kind,
                    "Export the minutes",
                    name,
                    SavePurpose::Minutes {
                        project,
                        meeting,
                        kind,
                    },
                );
            }
            Action::ShowProblem(subject) => self.show_problem(subject),
            Action::DisableCheck { check, reason } => {
                let disabled = DisabledCheck {
                    check,
                    reason,
                    by: self.doc.user_name().to_owned(),
                    on: Some(Local::now().date_naive()),
                };
                match version_ops::disable_check(self.doc.project(), disabled) {
                    Ok(edit) => {
                        self.apply(edit);
                    }
                    Err(refused) => self.error(refused),
                }
            }
            Action::EnableCheck(check) => {
                self.apply(version_ops::enable_check(self.doc.project(), check));
            }
            Action::EntryToHazard { meeting, entry } => {
                if let Some((edit, key)) =
                    meeting_ops::entry_to_hazard(self.doc.project(), meeting, entry, Utc::now())
                    && self.apply(edit)
                {
                    self.show_new_hazard(key);
                }
            }
        }
    }

    /// The app's one door to the document: every change a user asks for goes through here to
    /// [`crate::edit::Document::apply`], and a refusal (read-only) is shown, never silent. Returns whether
    /// the change was taken.
    pub(super) fn apply(&mut self, change: impl Into<Composite>) -> bool {
        match self.doc.apply(change) {
            Ok(()) => true,
            Err(refused) => {
                self.error(refused.reason);
                false
            }
        }
    }

    /// Undo (or redo) the last step, through the document's rules like any change.
    pub(super) fn step_history(&mut self, redo: bool) {
        let result = if redo {
            self.doc.redo()
        } else {
            self.doc.undo()
        };
        match result {
            Ok(_) => self.view.keep_selection_valid(self.doc.project()),
            Err(refused) => self.error(refused.reason),
        }
    }

    pub fn run_command(&mut self, command: Command) {
        self.run_command_in(None, command);
    }

    /// Runs a command; `ctx` is needed by the commands that change the look (theme, zoom).
    pub fn run_command_in(&mut self, ctx: Option<&egui::Context>, command: Command) {
        match command {
            Command::NewProject => self.guard(Pending::NewProject),
            Command::OpenProject => self.guard(Pending::ChooseFileToOpen),
            Command::SaveProject => self.save(AfterSave::Nothing),
            Command::SaveProjectAs => self.save_as(AfterSave::Nothing),
            Command::Quit => self.guard(Pending::Quit),
            Command::Undo => self.step_history(false),
            Command::Redo | Command::RedoAlternative => self.step_history(true),
            Command::CaptureHazard => self.view.focus_capture = true,
            Command::FindHazard => self.view.list.focus_search = true,
            Command::DuplicateHazard => {
                if let Some(key) = self.view.selected
                    && let Some((edit, new_key)) =
                        ops::duplicate_hazard(self.doc.project(), key, Utc::now())
                    && self.apply(edit)
                {
                    self.show_new_hazard(new_key);
                }
            }
            Command::WithdrawHazard => {
                if self.selected_is_live() {
                    self.view.withdraw_reason = Some(String::new());
                    self.view.focus_withdraw_reason = true;
                }
            }
            Command::TogglePresenter => self.presenter.open = !self.presenter.open,
            Command::PresenterZoomIn | Command::PresenterZoomInAlternative => {
                self.zoom_presenter(1)
            }
            Command::PresenterZoomOut => self.zoom_presenter(-1),
            Command::PresenterZoomReset => self.zoom_presenter(0),
            Command::PresenterFullScreen => self.toggle_presenter_fullscreen(ctx),
            Command::MovePresenterHere => self.move_presenter_here(ctx),
            Command::FreezePresenter => {
                self.presenter.frozen = match self.presenter.frozen {
                    Some(_) => None,
                    None => Some(self.view.selected),
                };
            }
            Command::ZoomIn | Command::ZoomInAlternative => self.zoom(ctx, 1),
            Command::ZoomOut => self.zoom(ctx, -1),
            Command::ZoomReset => self.zoom(ctx, 0),
            Command::CycleTheme => self.set_theme(ctx, self.settings.theme.next()),
            Command::ShowShortcuts => self.shortcuts_open = !self.shortcuts_open,
            Command::ExportWorkbook
            | Command::ExportWorkbookWithWithdrawn
            | Command::ExportWorkbookLayoutA => {
                let options = crate::interchange::ExportOptions {
                    include_withdrawn: command == Command::ExportWorkbookWithWithdrawn,
                    layout: if command == Command::ExportWorkbookLayoutA {
                        crate::interchange::ExportLayout::LayoutA
                    } else {
                        crate::interchange::ExportLayout::NhsV36
                    },
                };
                let name = format!("{}.xlsx", self.suggested_file_stem());
                let project = self.doc.snapshot();
                self.jobs.pick_save(
                    FileKind::Spreadsheet,
                    "Export the NHS hazard log",
                    name,
                    SavePurpose::Workbook { project, options },
                );
            }
            Command::IssueVersion => self.start_issue(),
            Command::ShowVersions => self.versions.list.open = true,
            Command::DocumentDetails => self.open_document_details(),
            Command::ExportSafetyCaseReport => self.open_report_choice(ReportKind::SafetyCase),
            Command::ExportHandoverPack => self.open_report_choice(ReportKind::Handover),
            Command::InheritFromSupplier => self.open_supplier_window(SupplierMode::Inherit),
            Command::UpdateFromSupplier => self.open_supplier_window(SupplierMode::Update),
            Command::SendActionPacks => self.open_send_packs(),
            Command::ImportActionPack => self.pick_returned_pack(),
            Command::MergeCopy => self.pick_merge_copy(),
            Command::ShowMergeConflicts => self.show_merge_conflicts(),
            Command::BackToCurrentLog => self.back_to_current_log(),
            Command::ShowChecks => self.view.show_pane = Some(ui::Pane::Checks),
            Command::SetUserName => {
                self.user_name_draft = Some(self.settings.user_name.clone().unwrap_or_default())
            }
            Command::ImportAsNewProject => self.guard(Pending::ChooseSpreadsheetToImport),
            Command::ImportIntoProject => match self.doc.read_only() {
                // Said before the user picks a file and reads a report they cannot apply.
                Some(reason) => self.error(reason.to_owned()),
                None => self.jobs.pick_import(true),
            },
            Command::NextPrompt => self.view.walk.next_prompt(&self.doc),
            Command::PreviousPrompt => self.view.walk.previous_prompt(&self.doc),
            Command::NextStep => self.view.walk.next_step(&self.doc),
            Command::ScopeAndDecks => {
                self.view.scope_editor.open = !self.view.scope_editor.open;
            }
            Command::StarterLibrary => self.view.library.open = !self.view.library.open,
            Command::ImportHazardsFromProject => match self.doc.read_only() {
                Some(reason) => self.error(reason.to_owned()),
                None => self.jobs.pick_project_hazards(),
            },
            Command::LayoutRoom
            | Command::LayoutNoteTaker
            | Command::LayoutEditing
            | Command::LayoutAllPanes => {
                if let Some(layout) = ui::layouts::RoleLayout::of_command(command) {
                    self.set_layout(layout);
                }
            }
            Command::MaximisePane => {
                self.view.maximised = match (self.view.maximised, ctx) {
                    (Some(_), _) => None,
                    (None, Some(ctx)) => {
                        Some(ui::layouts::current_pane(ctx, &self.view.shown_panes))
                    }
                    (None, None) => Some(ui::Pane::HazardList),
                };
            }
            Command::PresenterScrollDown => self.scroll_presenter(1.0),
            Command::PresenterScrollUp => self.scroll_presenter(-1.0),
            Command::NextAgendaItem => self.move_in_agenda(true),
            Command::PreviousAgendaItem => self.move_in_agenda(false),
            Command::ScoreInTheRoom => {
                self.view.scoring.card_on = !self.view.scoring.card_on;
                // The card is for the room: show it there.
                if self.view.scoring.card_on {
                    self.presenter.open = true;
                }
            }
        }
    }

    pub(super) fn zoom(&mut self, ctx: Option<&egui::Context>, direction: i8) {
        self.settings.zoom = settings::zoom_step(self.settings.zoom, direction);
        if let Some(ctx) = ctx {
            ctx.set_zoom_factor(self.settings.zoom);
        }
        self.persist_settings(false);
    }

    /// Switches the main window to a role's arrangement of panes, remembered for next time.
    pub fn set_layout(&mut self, layout: ui::layouts::RoleLayout) {
        self.tree = ui::layouts::tree(layout);
        self.settings.role_layout = layout;
        self.view.maximised = None;
        self.persist_settings(false);
    }

    pub fn set_theme(&mut self, ctx: Option<&egui::Context>, theme: settings::ThemeChoice) {
        self.settings.theme = theme;
        if let Some(ctx) = ctx {
            ui::theme::apply(ctx, theme);
        }
        self.persist_settings(false);
    }

    pub fn command_enabled(&self, command: Command) -> bool {
        match command {
            Command::Undo => self.doc.can_undo(),
            Command::Redo | Command::RedoAlternative => self.doc.can_redo(),
            Command::DuplicateHazard => self.view.selected.is_some(),
            Command::BackToCurrentLog => self.versions.return_to.is_some(),
            Command::WithdrawHazard => self.selected_is_live(),
            // Only a save under way blocks another (not a settings write or an export).
            Command::SaveProject | Command::SaveProjectAs => !self.jobs.is_saving(),
            _ => true,
        }
    }

    /// Takes the user to what a ready-to-issue problem is about: the hazard, with the keyboard
    /// in the field; for an action, the overdue actions.
    fn show_problem(&mut self, subject: Subject) {
        match subject {
            Subject::Hazard { key, field } => {
                if self.doc.project().hazard(key).is_none() {
                    return self.error("That hazard is no longer in the log.".to_owned());
                }
                self.view.selected = Some(key);
                self.view.focus_field = Some(field);
                self.view.show_pane = Some(ui::Pane::HazardDetails);
            }
            Subject::Action { key } => {
                let project = self.doc.project();
                if let Some(action) = project.actions.iter().find(|a| a.key == key) {
                    if let Some(hazard) = action
                        .hazards
                        .iter()
                        .find(|h| project.hazard(**h).is_some())
                    {
                        self.view.selected = Some(*hazard);
                    }
                    self.view.actions.filter = ui::ActionFilter::Overdue;
                    self.view.show_pane = Some(ui::Pane::Actions);
                }
            }
        }
    }

    /// A hazard is selected and not withdrawn.
    fn selected_is_live(&self) -> bool {
        self.view
            .selected
            .and_then(|key| self.doc.project().hazard(key))
            .is_some_and(|h| !h.status.is_withdrawn())
    }

    /// Adds a minute entry, stamped with the time if its meeting is running; with `as_hazard`
    /// it is raised as a hazard in the same undo step.
    pub(super) fn add_entry(
        &mut self,
        meeting: MeetingKey,
        kind: EntryKind,
        text: &str,
        as_hazard: bool,
    ) {
        let running = self.doc.project().current_meeting == Some(meeting);
        let time = running.then(|| Local::now().time());
        let project = self.doc.project();
        let change = if as_hazard {
            meeting_ops::add_entry_as_hazard(project, meeting, kind, text, time, Utc::now())
        } else {
            // Linked to the hazard under discussion (the selected one, as the presenter shows).
            let about = self.view.selected;
            meeting_ops::add_entry_about(project, meeting, kind, text, time, about).into()
        };
        let applied = self.apply(change);
        if applied && kind == EntryKind::Action {
            let today = Local::now().date_naive();
            let missing = crate::domain::action_line::parse(text, today).missing();
            if !missing.is_empty() {
                self.notice = Some(crate::shell::Notice::info(format!(
                    "Action added: its {} could not be read from the line; fill them in the \
                     Actions pane",
                    missing.join(" and ")
                )));
            }
        }
        if applied && as_hazard {
            let raised = self
                .doc
                .project()
                .meeting(meeting)
                .and_then(|m| m.entries.last())
                .and_then(|e| e.hazard);
            if let Some(key) = raised {
                self.show_new_hazard(key);
            }
        }
    }

    pub(super) fn capture_hazard(&mut self, name: &str) {
        if name.trim().is_empty() {
            return;
        }
        let project = self.doc.project();
        let (edit, key) = match self.view.walk.current_cell(project) {
            Some((step, prompt)) => {
                match technique_ops::capture_hazard_at(
                    project,
                    step,
                    &prompt,
                    name,
                    &recorder(&self.doc),
                ) {
                    Ok(captured) => captured,
                    Err(refused) => return self.error(refused.to_string()),
                }
            }
            None => ops::capture_hazard(project, name, Utc::now()),
        };
        if self.apply(edit) {
            self.show_new_hazard(key);
        }
    }

    /// Selects a hazard just made and makes sure the list shows it: a search or filter that
    /// would hide it is cleared, and the user is told.
    pub(super) fn show_new_hazard(&mut self, key: crate::domain::HazardKey) {
        self.view.selected = Some(key);
        if self.view.list.reveal(self.doc.project(), key) {
            let id = self
                .doc
                .project()
                .hazard(key)
                .map(|h| h.display_id.clone())
                .unwrap_or_default();
            self.notice = Some(crate::shell::Notice::info(format!(
                "Search and filters cleared to show the new hazard {id}"
            )));
        }
    }

    /// Records the room's answer for the current step and prompt (the edit writes the minute).
    pub(super) fn mark_current_cell(&mut self, mark: Option<CellMark>) {
        let project = self.doc.project();
        let Some((step, prompt)) = self.view.walk.current_cell(project) else {
            return self.error(
                "No step and prompt is current: pick a cell in the coverage grid.".to_owned(),
            );
        };
        match technique_ops::mark_cell(project, step, &prompt, mark, &recorder(&self.doc)) {
            Ok(edit) => {
                if self.apply(edit) {
                    self.view.walk.reason.clear();
                }
            }
            Err(refused) => self.error(refused.to_string()),
        }
    }

    /// The user's answer to the import review: apply the merge (one undoable step) or not.
    pub(super) fn answer_import(&mut self, apply: bool) {
        let Some(mut review) = self.import_review.take() else {
            return;
        };
        if !apply {
            return;
        }
        if let Some(plan) = review.plan.take() {
            let edit = plan.into_edit(self.doc.project(), Utc::now());
            self.apply(edit);
        } else if let Some(project) = review.new_project.take() {
            self.open_import(&review, *project);
        }
    }
}

/// Who records coverage and when: the name the history records changes under (Edit › Your
/// name in the history…, else the operating-system user).
fn recorder(doc: &crate::edit::Document) -> Recorder {
    let now = Local::now();
    Recorder {
        by: doc.user_name().to_owned(),
        at: now.with_timezone(&Utc),
        clock: Some(now.time()),
    }
}

impl HazardWorkshopApp {
    /// The "Your name in the history" window, while open: the name is kept in the settings and
    /// used for every change recorded from now on.
    pub(super) fn user_name_window(&mut self, ctx: &egui::Context) {
        use crate::ui::user_name::{UserNameOutcome, user_name_ui};
        let Some(draft) = &mut self.user_name_draft else {
            return;
        };
        let os_user = crate::edit::history_record::os_user_name();
        match user_name_ui(ctx, draft, &os_user) {
            Some(UserNameOutcome::Save(name)) => {
                self.user_name_draft = None;
                self.settings.user_name = (!name.is_empty()).then_some(name);
                self.doc.set_user_name(self.settings.user_name.as_deref());
                self.persist_settings(false);
                self.notice = Some(crate::shell::Notice::info(format!(
                    "Changes are now recorded as made by {}.",
                    self.doc.user_name()
                )));
            }
            Some(UserNameOutcome::Cancel) => self.user_name_draft = None,
            None => {}
        }
    }
}
