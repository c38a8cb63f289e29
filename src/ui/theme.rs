//! The app's look: light, dark and a high-contrast projector theme, with sizes chosen for a
//! screen projected to a room. The risk colours are the NHS ones in every theme.

use egui::{Color32, FontFamily, FontId, Stroke, TextStyle};

use crate::shell::ThemeChoice;

/// Fonts and sizes, once at start.
pub fn install(ctx: &egui::Context) {
    // Icons come from a font bundled in the binary, so they draw the same everywhere (and in tests).
    egui_material_icons::initialize(ctx);
    // Zoom is the app's own command, per window (the presenter has its own).
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    ctx.all_styles_mut(|style| {
        style.text_styles = text_styles(1.0);
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
    });
}

/// Slightly larger text than egui's default, readable on a projector; `scale` for the
/// presenter's own zoom.
pub fn text_styles(scale: f32) -> std::collections::BTreeMap<TextStyle, FontId> {
    [
        (
            TextStyle::Heading,
            FontId::new(20.0 * scale, FontFamily::Proportional),
        ),
        (
            TextStyle::Body,
            FontId::new(14.5 * scale, FontFamily::Proportional),
        ),
        (
            TextStyle::Button,
            FontId::new(14.5 * scale, FontFamily::Proportional),
        ),
        (
            TextStyle::Small,
            FontId::new(12.0 * scale, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(14.0 * scale, FontFamily::Monospace),
        ),
    ]
    .into()
}

/// Re-applies the chosen theme if something else changed egui's (a test harness, a platform
/// theme event); cheap when nothing changed, so it runs every frame.
pub fn keep(ctx: &egui::Context, theme: ThemeChoice) {
    let wanted = match theme {
        ThemeChoice::Dark => egui::ThemePreference::Dark,
        ThemeChoice::Light | ThemeChoice::Projector => egui::ThemePreference::Light,
    };
    if ctx.options(|o| o.theme_preference) != wanted {
        apply(ctx, theme);
    }
}

pub fn apply(ctx: &egui::Context, theme: ThemeChoice) {
    match theme {
        ThemeChoice::Light => {
            ctx.set_visuals_of(egui::Theme::Light, egui::Visuals::light());
            ctx.set_theme(egui::Theme::Light);
        }
        ThemeChoice::Dark => {
            ctx.set_visuals_of(egui::Theme::Dark, egui::Visuals::dark());
            ctx.set_theme(egui::Theme::Dark);
        }
        ThemeChoice::Projector => {
            ctx.set_visuals_of(egui::Theme::Light, projector_visuals());
            ctx.set_theme(egui::Theme::Light);
        }
    }
}

/// Black on white with heavy outlines: a washed-out projector still shows every edge.
pub fn projector_visuals() -> egui::Visuals {
    let mut v = egui::Visuals::light();
    v.override_text_color = Some(Color32::BLACK);
    v.panel_fill = Color32::WHITE;
    v.window_fill = Color32::WHITE;
    v.extreme_bg_color = Color32::WHITE;
    v.faint_bg_color = Color32::from_gray(235);
    v.weak_text_color = Some(Color32::from_gray(40));
    v.hyperlink_color = Color32::from_rgb(0, 48, 135);
    v.selection.bg_fill = Color32::from_rgb(0, 94, 184);
    v.selection.stroke = Stroke::new(2.0, Color32::WHITE);
    let outline = Stroke::new(1.5, Color32::BLACK);
    v.widgets.noninteractive.bg_stroke = outline;
    v.widgets.noninteractive.fg_stroke = Stroke::new(1.5, Color32::BLACK);
    for w in [
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.bg_stroke = outline;
        w.fg_stroke = Stroke::new(2.0, Color32::BLACK);
    }
    v.widgets.inactive.weak_bg_fill = Color32::from_gray(225);
    v.widgets.inactive.bg_fill = Color32::from_gray(225);
    v.widgets.hovered.weak_bg_fill = Color32::from_gray(200);
    v.error_fg_color = Color32::from_rgb(180, 0, 0);
    v.warn_fg_color = Color32::from_rgb(140, 70, 0);
    v
}
