//! The prompt decks tab of the "Scope and decks" window: which decks the project uses, each
//! deck's prompts (reworded, hidden, added) and the project's own decks. Every change is an edit.

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::draft::Draft;
use super::scope_editor::push;
use super::widgets::text_field;
use super::{Action, Shell};
use crate::domain::Project;
use crate::domain::technique::{Deck, DeckId, FamilyId, Prompt, shipped};
use crate::edit::{Edit, technique_ops};

/// Text typed for new decks, families and prompts, not yet added.
#[derive(Default)]
pub struct DeckEditorState {
    new_deck_name: String,
    new_deck_family: String,
    /// New prompt question per family, and new family name per deck.
    new_prompt: HashMap<(DeckId, FamilyId), String>,
    new_family: HashMap<DeckId, String>,
    error: Option<String>,
}

pub fn decks_ui(
    ui: &mut Ui,
    shell: &Shell<'_>,
    state: &mut DeckEditorState,
    actions: &mut Vec<Action>,
) {
    let project = shell.project();
    egui::ScrollArea::vertical()
        .id_salt("deck-editor")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.strong("Decks this project uses");
            ui.label(
                "A chosen deck is copied into the project file, so it shows the same prompts \
                 wherever it is opened.",
            );
            choose_ui(ui, project, actions);
            if let Some(error) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.add_space(6.0);
            ui.strong("Prompts of the chosen decks");
            for deck in project.technique.chosen_decks() {
                deck_ui(ui, project, deck, state, actions);
            }
            ui.add_space(6.0);
            new_deck_ui(ui, project, state, actions);
        });
}

/// A checkbox per shipped deck and per deck the project holds.
fn choose_ui(ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
    let shipped = shipped::shipped_decks();
    let own = project
        .technique
        .decks
        .iter()
        .filter(|d| !shipped.iter().any(|s| s.id == d.id));
    let listed: Vec<&Deck> = shipped.iter().chain(own).collect();
    for deck in listed {
        let held = project.technique.deck(&deck.id);
        let mut chosen = held.is_some_and(|d| d.chosen);
        let prompts = held.unwrap_or(deck).prompts().count();
        let response = ui
            .checkbox(
                &mut chosen,
                format!("Use “{}” ({prompts} prompts)", deck.name),
            )
            .on_hover_text(format!("Source: {}\n{}", deck.source, deck.licence));
        if response.clicked() {
            let edit = if chosen {
                technique_ops::choose_deck(project, held.unwrap_or(deck))
            } else {
                technique_ops::unchoose_deck(project, &deck.id)
            };
            push(actions, edit);
        }
    }
}

fn deck_ui(
    ui: &mut Ui,
    project: &Project,
    deck: &Deck,
    state: &mut DeckEditorState,
    actions: &mut Vec<Action>,
) {
    egui::CollapsingHeader::new(format!("Deck “{}”", deck.name))
        .id_salt(("deck", &deck.id))
        .show(ui, |ui| {
            ui.label(RichText::new(format!("Source: {}", deck.source)).weak());
            if deck.user_written {
                let mut name = Draft::of(&deck.name);
                let label = format!("Name of deck “{}”", deck.name);
                let response = text_field(
                    ui,
                    egui::TextEdit::singleline(&mut name.value).hint_text("Deck name"),
                    &label,
                    false,
                );
                name.changes.track("name", &response);
                name.finish(&deck.name, actions, |value, _| {
                    technique_ops::rename_deck(project, &deck.id, &value)
                        .unwrap_or_else(|_| Edit::new("", vec![]))
                });
            }
            for family in &deck.families {
                egui::CollapsingHeader::new(format!(
                    "{} ({} prompts)",
                    family.name,
                    family.prompts.len()
                ))
                .id_salt(("family", &deck.id, &family.id))
                .show(ui, |ui| {
                    for prompt in &family.prompts {
                        prompt_ui(ui, project, prompt, actions);
                    }
                    let key = (deck.id.clone(), family.id.clone());
                    let text = state.new_prompt.entry(key.clone()).or_default();
                    let mut add = false;
                    ui.horizontal(|ui| {
                        let name = format!("New prompt in “{}”", family.name);
                        let response = text_field(
                            ui,
                            egui::TextEdit::singleline(text)
                                .hint_text("What if …?")
                                .desired_width(360.0),
                            &name,
                            false,
                        );
                        let enter =
                            response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        add = ui
                            .button(format!("Add prompt to “{}”", family.name))
                            .clicked()
                            || enter;
                    });
                    if add {
                        let text = state.new_prompt.remove(&key).unwrap_or_default();
                        match technique_ops::add_prompt(project, &deck.id, &family.id, &text, "") {
                            Ok((edit, _)) => {
                                push(actions, edit);
                                state.error = None;
                            }
                            Err(refused) => {
                                state.new_prompt.insert(key, text);
                                state.error = Some(refused.to_string());
                            }
                        }
                    }
                });
            }
            let text = state.new_family.entry(deck.id.clone()).or_default();
            let mut add = false;
            ui.horizontal(|ui| {
                let name = format!("New family in “{}”", deck.name);
                text_field(
                    ui,
                    egui::TextEdit::singleline(text).hint_text("Family name"),
                    &name,
                    false,
                );
                add = ui
                    .button(format!("Add family to “{}”", deck.name))
                    .clicked();
            });
            if add {
                let text = state.new_family.remove(&deck.id).unwrap_or_default();
                match technique_ops::add_family(project, &deck.id, &text) {
                    Ok((edit, _)) => push(actions, edit),
                    Err(refused) => state.error = Some(refused.to_string()),
                }
            }
        });
}

/// One prompt: shown or hidden, its question and hint editable.
fn prompt_ui(ui: &mut Ui, project: &Project, prompt: &Prompt, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let mut shown = !prompt.hidden;
        let response = ui
            .checkbox(&mut shown, "")
            .on_hover_text("Shown in the grid and the walk");
        let short: String = prompt.question.chars().take(60).collect();
        response.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::CheckBox,
                true,
                shown,
                format!("Show prompt “{short}”"),
            )
        });
        if response.clicked()
            && let Ok(edit) = technique_ops::set_prompt_hidden(project, &prompt.id, !shown)
        {
            push(actions, edit);
        }
        ui.vertical(|ui| {
            let mut draft = Draft::of(&(prompt.question.clone(), prompt.hint.clone()));
            let response = text_field(
                ui,
                egui::TextEdit::singleline(&mut draft.value.0).desired_width(f32::INFINITY),
                &format!("Question “{short}”"),
                false,
            );
            draft.changes.track("question", &response);
            let response = text_field(
                ui,
                egui::TextEdit::singleline(&mut draft.value.1)
                    .hint_text("What kind of hazard it looks for")
                    .desired_width(f32::INFINITY),
                &format!("Hint of “{short}”"),
                false,
            );
            draft.changes.track("hint", &response);
            let original = (prompt.question.clone(), prompt.hint.clone());
            draft.finish(&original, actions, |(question, hint), _| {
                technique_ops::update_prompt(project, &prompt.id, &question, &hint)
                    .unwrap_or_else(|_| Edit::new("", vec![]))
            });
            let mut tags = vec![prompt.source.clone()];
            if prompt.user_written {
                tags.push("reworded or written by the project team".to_owned());
            }
            ui.label(RichText::new(tags.join(" · ")).small().weak());
        });
    });
}

fn new_deck_ui(
    ui: &mut Ui,
    project: &Project,
    state: &mut DeckEditorState,
    actions: &mut Vec<Action>,
) {
    ui.strong("Write your own deck");
    let mut add = false;
    ui.horizontal(|ui| {
        text_field(
            ui,
            egui::TextEdit::singleline(&mut state.new_deck_name).hint_text("Deck name"),
            "New deck name",
            false,
        );
        text_field(
            ui,
            egui::TextEdit::singleline(&mut state.new_deck_family).hint_text("Its first family"),
            "New deck's first family",
            false,
        );
        add = ui.button("Add deck").clicked();
    });
    if add {
        match technique_ops::add_user_deck(project, &state.new_deck_name, &state.new_deck_family) {
            Ok((edit, _, _)) => {
                push(actions, edit);
                state.new_deck_name.clear();
                state.new_deck_family.clear();
                state.error = None;
            }
            Err(refused) => state.error = Some(refused.to_string()),
        }
    }
}
