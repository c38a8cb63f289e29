//! The severity and likelihood picker: a button that opens, in place, the whole scale with
//! every category's definition readable, chosen with the arrows, Enter and Esc or the pointer.

use std::hash::Hash;

use egui::{Key, Modifiers, RichText, Ui};
use egui_material_icons::icons;

/// One option of a scale: its value (`None` is "Not scored"), name and definition.
pub struct Choice<T> {
    pub value: Option<T>,
    pub label: &'static str,
    pub definition: String,
}

impl<T> Choice<T> {
    pub fn not_scored() -> Choice<T> {
        Choice {
            value: None,
            label: "Not scored",
            definition: String::new(),
        }
    }
}

/// What the picker did this frame: whether the value `changed`, and while it is open, the
/// option it points at (under the keyboard, or the pointer).
pub struct Picked<T> {
    pub changed: bool,
    pub pointing_at: Option<Option<T>>,
    /// The picker's button: where the keyboard goes to choose.
    pub response: egui::Response,
}

/// The one picker open in the window (opening another closes it) and its highlighted option.
#[derive(Clone, Copy)]
struct OpenPicker {
    id: egui::Id,
    highlight: usize,
}

fn open_picker_id() -> egui::Id {
    egui::Id::unique("score-picker-open")
}

/// A picker named `name` ("Initial assessment: severity") choosing `value` from `choices`,
/// listed top to bottom as given. Closed, it shows the chosen category's definition in full.
pub fn score_picker_ui<T: Copy + PartialEq>(
    ui: &mut Ui,
    id_salt: impl Hash + std::fmt::Debug,
    label: &str,
    name: &str,
    value: &mut Option<T>,
    choices: &[Choice<T>],
) -> Picked<T> {
    let id = ui.make_persistent_id(id_salt);
    let mut open = ui
        .data(|d| d.get_temp::<OpenPicker>(open_picker_id()))
        .filter(|o| o.id == id)
        .map(|o| o.highlight);
    let current = choices
        .iter()
        .position(|c| c.value == *value)
        .unwrap_or(choices.len() - 1);
    let mut changed = false;

    let trigger = ui
        .horizontal(|ui| {
            ui.label(label);
            let arrow = if open.is_some() {
                icons::ICON_ARROW_DROP_UP
            } else {
                icons::ICON_ARROW_DROP_DOWN
            };
            let text = format!("{} {}", choices[current].label, <&str>::from(arrow));
            let response = ui.add(egui::Button::new(text).min_size(egui::vec2(160.0, 0.0)));
            let expanded = open.is_some();
            let shown = choices[current].label;
            response.widget_info(|| egui::WidgetInfo {
                label: Some(name.to_owned()),
                current_text_value: Some(shown.to_owned()),
                ..egui::WidgetInfo::new(egui::Role::ComboBox)
            });
            ui.ctx()
                .accesskit_node_builder(response.id, |node| node.set_expanded(expanded));
            response.on_hover_text(format!(
                "{name}: Enter or click to choose; arrows move, Enter picks, Esc cancels"
            ))
        })
        .inner;

    if let Some(highlight) = &mut open {
        if trigger.has_focus() {
            // The arrows and Esc belong to the open list, not to egui's focus moves.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    trigger.id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                        tab: false,
                    },
                )
            });
            let (up, down, escape) = ui.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::ArrowUp),
                    i.consume_key(Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(Modifiers::NONE, Key::Escape),
                )
            });
            if up {
                *highlight = highlight.saturating_sub(1);
            }
            if down {
                *highlight = (*highlight + 1).min(choices.len() - 1);
            }
            if escape {
                open = None;
            }
        }
        if trigger.clicked() {
            let by_keyboard = ui.input(|i| i.key_pressed(Key::Enter) || i.key_pressed(Key::Space));
            if by_keyboard && let Some(highlight) = open {
                changed = *value != choices[highlight].value;
                *value = choices[highlight].value;
            }
            open = None;
        }
    } else if trigger.clicked() {
        open = Some(current);
        trigger.request_focus();
    }

    match open {
        None => {
            if value.is_some() {
                ui.add(
                    egui::Label::new(RichText::new(&choices[current].definition).small().weak())
                        .wrap(),
                );
            }
        }
        Some(highlight) => {
            let mut highlight = highlight;
            let mut picked = None;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                for (index, choice) in choices.iter().enumerate() {
                    let row = ui.selectable_label(index == highlight, choice.label);
                    if row.hovered() {
                        highlight = index;
                    }
                    if row.clicked() {
                        picked = Some(index);
                    }
                    if !choice.definition.is_empty() {
                        ui.add(egui::Label::new(RichText::new(&choice.definition).small()).wrap());
                    }
                    ui.add_space(2.0);
                }
            });
            if let Some(index) = picked {
                changed = *value != choices[index].value;
                *value = choices[index].value;
                open = None;
            } else {
                open = Some(highlight);
            }
        }
    }

    ui.data_mut(|d| match open {
        Some(highlight) => {
            d.insert_temp(open_picker_id(), OpenPicker { id, highlight });
        }
        None => {
            if d.get_temp::<OpenPicker>(open_picker_id())
                .is_some_and(|o| o.id == id)
            {
                d.remove::<OpenPicker>(open_picker_id());
            }
        }
    });
    Picked {
        response: trigger,
        changed,
        pointing_at: open.map(|highlight| choices[highlight].value),
    }
}
