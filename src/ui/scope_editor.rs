//! The "Scope and decks" window: the system and version under assessment, the scope statement
//! and the workflow steps (added, edited, reordered, retired or deleted while unused), with the
//! prompt decks on a second tab. Every change is an edit pushed through the one door.

use egui::{RichText, Ui};
use egui_material_icons::icons;

use super::deck_editor::{self, DeckEditorState};
use super::draft::Draft;
use super::widgets::{icon_button, text_field};
use super::{Action, Shell};
use crate::domain::technique::Step;
use crate::edit::{Edit, ops, technique_ops};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tab {
    #[default]
    Scope,
    Decks,
}

/// Whether the window is open, which tab it shows, and what is typed but not yet added.
#[derive(Default)]
pub struct ScopeEditorState {
    pub open: bool,
    tab: Tab,
    new_step_name: String,
    new_step_description: String,
    /// Why the last add or delete was refused, shown in the window until the next one.
    error: Option<String>,
    pub decks: DeckEditorState,
}

impl ScopeEditorState {
    /// Opens the window on its decks tab.
    pub fn open_decks(&mut self) {
        self.open = true;
        self.tab = Tab::Decks;
    }
}

/// The window, when open.
pub fn window_ui(
    ctx: &egui::Context,
    shell: &Shell<'_>,
    state: &mut ScopeEditorState,
    actions: &mut Vec<Action>,
) {
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Scope and decks")
        .open(&mut open)
        .collapsible(false)
        .default_size([640.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut state.tab, Tab::Scope, "Scope and steps");
                ui.selectable_value(&mut state.tab, Tab::Decks, "Prompt decks");
            });
            ui.separator();
            ui.add_enabled_ui(!shell.read_only, |ui| match state.tab {
                Tab::Scope => scope_tab_ui(ui, shell, state, actions),
                Tab::Decks => deck_editor::decks_ui(ui, shell, &mut state.decks, actions),
            });
        });
    state.open = open;
}

fn scope_tab_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    state: &mut ScopeEditorState,
    actions: &mut Vec<Action>,
) {
    let project = shell.project();
    egui::ScrollArea::vertical()
        .id_salt("scope-editor")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut metadata = Draft::of(&project.metadata);
            egui::Grid::new("scope-system")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("System:");
                    let response = text_field(
                        ui,
                        egui::TextEdit::singleline(&mut metadata.value.system_name)
                            .desired_width(f32::INFINITY),
                        "System under assessment",
                        false,
                    );
                    metadata.changes.track("system name", &response);
                    ui.end_row();
                    ui.label("Version:");
                    let response = text_field(
                        ui,
                        egui::TextEdit::singleline(&mut metadata.value.system_version)
                            .desired_width(f32::INFINITY),
                        "System version",
                        false,
                    );
                    metadata.changes.track("system version", &response);
                    ui.end_row();
                });
            metadata.finish(&project.metadata, actions, |value, field| {
                ops::update_metadata(project, value, field)
            });
            let mut scope = Draft::of(&project.technique.scope);
            let response = text_field(
                ui,
                egui::TextEdit::multiline(&mut scope.value.statement)
                    .hint_text("What is in and out of scope")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
                "Scope statement",
                true,
            );
            scope.changes.track("scope", &response);
            scope.finish(&project.technique.scope, actions, |value, _| {
                technique_ops::update_scope(project, value)
            });
            ui.add_space(8.0);
            ui.strong("Workflow steps, in walking order");
            steps_ui(ui, shell, state, actions);
            ui.add_space(6.0);
            add_step_ui(ui, shell, state, actions);
        });
}

fn steps_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    state: &mut ScopeEditorState,
    actions: &mut Vec<Action>,
) {
    let project = shell.project();
    let steps = &project.technique.steps;
    if steps.is_empty() {
        ui.label("No workflow steps yet: add the first below.");
    }
    for (index, step) in steps.iter().enumerate() {
        let number = index + 1;
        let mut draft = Draft::of(step);
        ui.horizontal(|ui| {
            ui.label(format!("{number}."));
            if icon_button(
                ui,
                icons::ICON_ARROW_UPWARD,
                &format!("Move step {number} up"),
                index > 0,
            )
            .clicked()
            {
                push(
                    actions,
                    technique_ops::move_step(project, step.key, index - 1),
                );
            }
            if icon_button(
                ui,
                icons::ICON_ARROW_DOWNWARD,
                &format!("Move step {number} down"),
                number < steps.len(),
            )
            .clicked()
            {
                push(actions, technique_ops::move_step(project, step.key, number));
            }
            let name = format!("Step {number} name");
            let response = text_field(
                ui,
                egui::TextEdit::singleline(&mut draft.value.name)
                    .hint_text(name.as_str())
                    .desired_width(150.0),
                &name,
                false,
            );
            draft.changes.track("name", &response);
            let description = format!("Step {number} description");
            let response = text_field(
                ui,
                egui::TextEdit::singleline(&mut draft.value.description)
                    .hint_text("What happens in this step")
                    .desired_width(240.0),
                &description,
                false,
            );
            draft.changes.track("description", &response);
            let (verb, retired) = if step.retired {
                ("Reinstate", false)
            } else {
                ("Retire", true)
            };
            if ui
                .button(format!("{verb} step {number}"))
                .on_hover_text(if retired {
                    "Take it off the grid; its coverage records are kept"
                } else {
                    "Put it back on the grid"
                })
                .clicked()
            {
                push(
                    actions,
                    technique_ops::set_step_retired(project, step.key, retired),
                );
            }
            let in_use = project.technique.step_in_use(step.key);
            let delete = ui
                .add_enabled(!in_use, egui::Button::new(format!("Delete step {number}")))
                .on_disabled_hover_text(
                    "Coverage or a meeting refers to this step: retire it instead",
                );
            if delete.clicked() {
                match technique_ops::delete_step(project, step.key) {
                    Ok(edit) => push(actions, edit),
                    Err(refused) => state.error = Some(refused.to_string()),
                }
            }
            if step.retired {
                ui.label(RichText::new("retired").italics());
            }
        });
        draft.finish(step, actions, |value: Step, field| {
            technique_ops::update_step(project, value, field)
        });
    }
}

fn add_step_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    state: &mut ScopeEditorState,
    actions: &mut Vec<Action>,
) {
    let mut add = false;
    ui.horizontal(|ui| {
        let name = text_field(
            ui,
            egui::TextEdit::singleline(&mut state.new_step_name)
                .hint_text("New step name")
                .desired_width(150.0),
            "New step name",
            false,
        );
        text_field(
            ui,
            egui::TextEdit::singleline(&mut state.new_step_description)
                .hint_text("Its description")
                .desired_width(240.0),
            "New step description",
            false,
        );
        let enter = name.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        add = ui.button("Add step").clicked() || enter;
    });
    if add {
        match technique_ops::add_step(
            shell.project(),
            &state.new_step_name,
            &state.new_step_description,
        ) {
            Ok((edit, _)) => {
                push(actions, edit);
                state.new_step_name.clear();
                state.new_step_description.clear();
                state.error = None;
            }
            Err(refused) => state.error = Some(refused.to_string()),
        }
    }
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}

/// A whole step on its own (a click), so it is never merged into a typing burst.
pub(super) fn push(actions: &mut Vec<Action>, edit: Edit) {
    if !edit.changes.is_empty() {
        actions.push(Action::SealEdit);
        actions.push(Action::Edit(edit));
    }
}
