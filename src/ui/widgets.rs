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
    let accessible = match rating {
        Some(r) => format!("{what}: rating {} ({})", r.value(), r.short_label()),
        None => format!("{what}: not scored"),
    };
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

/// Adds a text field whose accessible name is `name`. egui gives a field's hint text only as a
/// placeholder; screen readers, and tests that find fields by name, need a label.
pub fn text_field(ui: &mut Ui, edit: egui::TextEdit<'_>, name: &str, multiline: bool) -> Response {
    let response = ui.add(edit);
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
