//! Small reusable widgets.

use egui::{Color32, Response, Sense, Ui, Vec2};

use crate::domain::{Rgb, RiskRating};

pub fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// A rating number on its NHS colour; "—" when not scored. Never colour alone: the number is
/// always drawn, and the accessible name says the rating and its meaning.
pub fn risk_chip_ui(ui: &mut Ui, rating: Option<RiskRating>, what: &str) -> Response {
    let height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let size = Vec2::new(height * 1.6, height);
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let accessible = risk_name(rating, what);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &accessible));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        let font = egui::TextStyle::Body.resolve(ui.style());
        match rating {
            Some(r) => {
                painter.rect_filled(rect, 3.0, colour(r.colour()));
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    r.value().to_string(),
                    font,
                    colour(r.text_colour()),
                );
            }
            None => {
                painter.rect_stroke(
                    rect,
                    3.0,
                    ui.visuals().widgets.noninteractive.bg_stroke,
                    egui::StrokeKind::Inside,
                );
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    "—",
                    font,
                    ui.visuals().weak_text_color(),
                );
            }
        }
    }
    let tip = match rating {
        Some(r) => format!("Rating {}: {}", r.value(), r.acceptability()),
        None => "Not scored".to_owned(),
    };
    response.on_hover_text(tip)
}

/// What a screen reader says for a rating: "Initial risk: rating 3 (Medium)".
pub fn risk_name(rating: Option<RiskRating>, what: &str) -> String {
    match rating {
        Some(r) => format!("{what}: rating {} ({})", r.value(), r.short_label()),
        None => format!("{what}: not scored"),
    }
}

/// A small icon button whose accessible name (and tooltip) says what it does.
pub fn icon_button(
    ui: &mut Ui,
    icon: egui_material_icons::MaterialIcon,
    name: &str,
    enabled: bool,
) -> Response {
    let response = ui.add_enabled(enabled, egui::Button::new(icon).small());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
    response.on_hover_text(name)
}

/// The most characters one field takes: at four bytes a character at most, a field always fits
/// the longest text a project file may hold (`storage::integrity::MAX_TEXT_BYTES`), so nothing
/// typed or pasted can make a project that will not open again.
pub const MAX_FIELD_CHARS: usize = crate::storage::integrity::MAX_TEXT_BYTES / 4;

/// Adds a text field whose accessible name is `name`. egui gives a field's hint text only as a
/// placeholder; screen readers, and tests that find fields by name, need a label.
pub fn text_field(ui: &mut Ui, edit: egui::TextEdit<'_>, name: &str, multiline: bool) -> Response {
    let response = ui.add(edit.char_limit(MAX_FIELD_CHARS));
    let role = if multiline {
        egui::Role::MultilineTextInput
    } else {
        egui::Role::TextInput
    };
    response.widget_info(|| egui::WidgetInfo {
        label: Some(name.to_owned()),
        ..egui::WidgetInfo::new(role)
    });
    response
}

/// What a compound editor did this frame: `changed` the value, and whether the edit is
/// `finished` (a click, or focus left a field), which ends a typing burst.
#[derive(Clone, Copy, Debug, Default)]
pub struct FieldChange {
    pub changed: bool,
    pub finished: bool,
}

impl FieldChange {
    pub fn of(response: &Response) -> FieldChange {
        FieldChange {
            changed: response.changed(),
            finished: response.lost_focus(),
        }
    }

    pub fn merge(&mut self, other: FieldChange) {
        self.changed |= other.changed;
        self.finished |= other.finished;
    }

    fn clicked() -> FieldChange {
        FieldChange {
            changed: true,
            finished: true,
        }
    }
}

/// A move or removal asked for by [`item_buttons_ui`].
pub enum ItemOp {
    Up(usize),
    Down(usize),
    Remove(usize),
}

impl ItemOp {
    pub fn apply<T>(self, list: &mut Vec<T>) {
        match self {
            ItemOp::Up(i) => list.swap(i, i - 1),
            ItemOp::Down(i) => list.swap(i, i + 1),
            ItemOp::Remove(i) => {
                list.remove(i);
            }
        }
    }
}

/// Buttons to move or remove item `index` of a list of `len`, named "Move cause 2 up" etc.
pub fn item_buttons_ui(ui: &mut Ui, what: &str, index: usize, len: usize) -> Option<ItemOp> {
    use egui_material_icons::icons;
    let number = index + 1;
    let mut op = None;
    let up = format!("Move {what} {number} up");
    if icon_button(ui, icons::ICON_ARROW_UPWARD, &up, index > 0).clicked() {
        op = Some(ItemOp::Up(index));
    }
    let down = format!("Move {what} {number} down");
    if icon_button(ui, icons::ICON_ARROW_DOWNWARD, &down, index + 1 < len).clicked() {
        op = Some(ItemOp::Down(index));
    }
    let remove = format!("Remove {what} {number}");
    if icon_button(ui, icons::ICON_CLOSE, &remove, true).clicked() {
        op = Some(ItemOp::Remove(index));
    }
    op
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The keyboard of a list of text items (causes, controls): "Add" and Enter at the end of an
/// item add the next item and put the cursor in it, so a list is typed without the mouse.
pub struct ListKeys {
    id: egui::Id,
    /// The item to focus this frame (added last frame).
    focus: Option<usize>,
    /// Enter was pressed at the end of an item this frame.
    enter_at_end: bool,
}

impl ListKeys {
    pub fn new(ui: &Ui, salt: impl std::hash::Hash + std::fmt::Debug) -> ListKeys {
        let id = ui.make_persistent_id(salt);
        let focus = ui.data_mut(|d| d.remove_temp::<usize>(id));
        ListKeys {
            id,
            focus,
            enter_at_end: false,
        }
    }

    /// Item `index`'s text field, named `name`. Enter with the cursor at the end of the text
    /// asks for a new item (Shift+Enter still starts a new line inside the item).
    pub fn field(&mut self, ui: &mut Ui, index: usize, text: &mut String, name: &str) -> Response {
        let field_id = self.id.with(index);
        if ui.memory(|m| m.has_focus(field_id)) {
            let end = text.chars().count();
            let at_end = egui::TextEdit::load_state(ui.ctx(), field_id)
                .and_then(|state| state.cursor.char_range())
                .is_none_or(|range| range.is_empty() && range.primary.index.0 >= end);
            if at_end && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
                self.enter_at_end = true;
            }
        }
        let response = text_field(
            ui,
            egui::TextEdit::multiline(text)
                .id(field_id)
                .hint_text(name)
                .desired_rows(1)
                .desired_width(f32::INFINITY),
            name,
            true,
        );
        if self.focus == Some(index) {
            response.request_focus();
        }
        response
    }

    /// Draws the "Add …" button; returns whether to add an item (clicked, or Enter at the end of
    /// an item), and if so the cursor goes to the new one, at `len` (the list's length now).
    pub fn add_button(&self, ui: &mut Ui, text: &str, len: usize) -> bool {
        let add = ui.button(text).clicked() || self.enter_at_end;
        if add {
            ui.data_mut(|d| d.insert_temp(self.id, len));
        }
        add
    }
}

/// An editable, numbered list of texts (causes, controls, agenda items): edit in place, move,
/// remove, add.
pub fn string_list_ui(ui: &mut Ui, item_name: &str, items: &mut Vec<String>) -> FieldChange {
    let mut change = FieldChange::default();
    let mut op = None;
    let len = items.len();
    let mut keys = ListKeys::new(ui, ("string-list", item_name));
    for (index, item) in items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{})", index + 1));
            op = item_buttons_ui(ui, item_name, index, len).or(op.take());
            let name = format!("{} {}", capitalise(item_name), index + 1);
            let response = keys.field(ui, index, item, &name);
            change.merge(FieldChange::of(&response));
        });
    }
    if let Some(op) = op {
        op.apply(items);
        change.merge(FieldChange::clicked());
    }
    if keys.add_button(ui, &format!("Add {item_name}"), items.len()) {
        items.push(String::new());
        change.merge(FieldChange::clicked());
    }
    change
}

/// A small text button whose accessible name says more than its text ("Make hazard" on a
/// row is "Raise entry 5 as a new hazard"), so each row's button can be told apart.
pub fn named_small_button(ui: &mut Ui, text: &str, name: &str) -> Response {
    let response = ui.small_button(text);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    response.on_hover_text(name)
}

/// A text field for a value that must parse (a date, a time). What the user types is kept as
/// typed while the field has focus; the value changes only when the text parses (or is
/// cleared), and a problem is shown beside the field. Never loses a half-typed date.
#[allow(clippy::too_many_arguments)]
pub fn parsed_field<T: PartialEq + Copy>(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    hint: &str,
    width: f32,
    value: &mut Option<T>,
    format: impl Fn(T) -> String,
    parse: impl Fn(&str) -> Option<T>,
    problem: &str,
) -> FieldChange {
    let id = ui.make_persistent_id(id_salt);
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| value.map(&format).unwrap_or_default());
    let response = text_field(
        ui,
        egui::TextEdit::singleline(&mut text)
            .hint_text(hint)
            .desired_width(width),
        name,
        false,
    );
    let mut change = FieldChange {
        changed: false,
        finished: response.lost_focus(),
    };
    let parsed = parse(text.trim());
    if response.changed() && (parsed.is_some() || text.trim().is_empty()) && parsed != *value {
        *value = parsed;
        change.changed = true;
    }
    let valid = text.trim().is_empty() || parsed.is_some();
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    if !valid {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    change
}

/// A date as UK users type and read it.
pub fn date_field(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    date: &mut Option<chrono::NaiveDate>,
) -> FieldChange {
    parsed_field(
        ui,
        id_salt,
        name,
        "dd/mm/yyyy",
        110.0,
        date,
        |d| d.format("%d/%m/%Y").to_string(),
        crate::domain::minutes::parse_date,
        "Not a date (dd/mm/yyyy)",
    )
}
