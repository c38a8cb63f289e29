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
    let egui_theme = match theme {
        ThemeChoice::Dark => egui::Theme::Dark,
        ThemeChoice::Light | ThemeChoice::Projector => egui::Theme::Light,
    };
    ctx.set_visuals_of(egui_theme, visuals(theme));
    ctx.set_theme(egui_theme);
}

/// The look of a theme, for the main window or (its own choice) the presenter.
pub fn visuals(theme: ThemeChoice) -> egui::Visuals {
    match theme {
        ThemeChoice::Light => egui::Visuals::light(),
        ThemeChoice::Dark => dark_visuals(),
        ThemeChoice::Projector => projector_visuals(),
    }
}

/// egui's dark look with body text brightened to 7:1 against every background it sits on
/// (WCAG AAA; egui's own grey reaches about 5:1), and weak text to 4.5:1.
pub fn dark_visuals() -> egui::Visuals {
    let mut v = egui::Visuals::dark();
    v.widgets.noninteractive.fg_stroke.color = Color32::from_gray(215);
    v.widgets.inactive.fg_stroke.color = Color32::from_gray(225);
    v.weak_text_color = Some(Color32::from_gray(170));
    v
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_computed_as_wcag_defines_it() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #767676 on white is the classic 4.54:1 AA boundary.
        let grey = Color32::from_gray(0x76);
        assert!((contrast_ratio(grey, Color32::WHITE) - 4.54).abs() < 0.01);
        assert_eq!(
            contrast_ratio(grey, Color32::WHITE),
            contrast_ratio(Color32::WHITE, grey)
        );
    }

    #[test]
    fn dark_theme_body_text_reaches_seven_to_one_on_every_background() {
        let v = visuals(ThemeChoice::Dark);
        assert!(v.dark_mode);
        for background in [
            v.panel_fill,
            v.window_fill,
            v.extreme_bg_color,
            v.faint_bg_color,
        ] {
            for text in [v.text_color(), v.widgets.inactive.fg_stroke.color] {
                let ratio = contrast_ratio(text, background);
                assert!(ratio >= 7.0, "{text:?} on {background:?}: {ratio:.2}");
            }
            let weak = contrast_ratio(v.weak_text_color(), background);
            assert!(weak >= 4.5, "weak text on {background:?}: {weak:.2}");
        }
        // egui's own dark grey does not: the override is what makes the difference.
        let stock = egui::Visuals::dark();
        assert!(contrast_ratio(stock.text_color(), stock.panel_fill) < 7.0);
    }

    #[test]
    fn the_light_and_projector_themes_reach_seven_to_one_too() {
        for theme in [ThemeChoice::Light, ThemeChoice::Projector] {
            let v = visuals(theme);
            let ratio = contrast_ratio(v.text_color(), v.panel_fill);
            assert!(ratio >= 7.0, "{theme:?}: {ratio:.2}");
        }
    }
}
