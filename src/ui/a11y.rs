//! Accessibility beyond what egui's AccessKit output gives on its own: the window's name, pane
//! tabs as tabs, combo box values a screen reader can read, names for the controls egui and
//! egui_tiles leave unnamed, icon glyphs kept out of names, live announcements, and the focus ring.
//!
//! egui builds one AccessKit node per widget and `Ui`, parented by where it was built. A few
//! fixes need a node that no widget makes (a tab list, a combo box's value), or a node moved to
//! another parent (tabs into their tab list): [`adopt`] does that. Everything here costs nothing
//! when no screen reader is on, because egui then builds no nodes.

use egui::accesskit::{self, Live, Role};
use egui::{Color32, Context, Id, Rect, Stroke};

use crate::domain::Hazard;

/// The accessible name of the main window: the title without its "●" unsaved marker, which a
/// screen reader would read as "black circle".
pub fn window_name(title: &str) -> String {
    match title.strip_prefix("● ") {
        Some(rest) => match rest.split_once(" — ") {
            Some((name, app)) => format!("{name}, unsaved changes — {app}"),
            None => format!("{rest}, unsaved changes"),
        },
        None => title.to_owned(),
    }
}

/// Names the window's root node (the AT-SPI frame, the UIA window) after `title`.
pub fn name_window(ctx: &Context, title: &str) {
    let name = window_name(title);
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(name));
}

/// Whether `c` is an icon-font glyph (the Unicode private use areas).
fn is_icon_glyph(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}')
}

/// `text` without icon glyphs and the spaces they leave: "\u{f083} Overdue" reads "Overdue".
pub fn without_icons(text: &str) -> String {
    if !text.chars().any(is_icon_glyph) {
        return text.to_owned();
    }
    let kept: String = text.chars().filter(|&c| !is_icon_glyph(c)).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The node that `id`'s node hangs under: its nearest ancestor with a node, or the root.
fn node_parent(ctx: &Context, id: Id) -> Id {
    ctx.viewport(|viewport| {
        let Some(state) = &viewport.this_pass.accesskit_state else {
            return egui::accesskit_root_id();
        };
        let mut at = id;
        while let Some(parent) = state.parent_map.get(&at) {
            if state.nodes.contains_key(parent) {
                return *parent;
            }
            at = *parent;
        }
        egui::accesskit_root_id()
    })
}

/// Moves node `child` (made this pass) under `parent`, appended to its children.
pub fn adopt(ctx: &Context, parent: Id, child: Id) {
    if !ctx.has_accesskit_node(child) || !ctx.has_accesskit_node(parent) {
        return;
    }
    let from = node_parent(ctx, child);
    detach(ctx, from, child);
    // A node egui made for an id it has no parent for went under the root.
    if from != egui::accesskit_root_id() {
        detach(ctx, egui::accesskit_root_id(), child);
    }
    ctx.accesskit_node_builder(parent, |node| node.push_child(child.accesskit_id()));
}

fn detach(ctx: &Context, parent: Id, child: Id) {
    let child = child.accesskit_id();
    ctx.accesskit_node_builder(parent, |node| {
        if node.children().contains(&child) {
            let kept: Vec<_> = node
                .children()
                .iter()
                .copied()
                .filter(|c| *c != child)
                .collect();
            node.set_children(kept);
        }
    });
}

/// Makes a node for `id`, which no widget has, under `parent`. Returns false when there is no
/// accessibility tree this pass (no screen reader) or `parent` has no node.
pub fn add_node(
    ctx: &Context,
    parent: Id,
    id: Id,
    fill: impl FnOnce(&mut accesskit::Node),
) -> bool {
    if !ctx.has_accesskit_node(parent) {
        return false;
    }
    let fresh = !ctx.has_accesskit_node(id);
    if ctx.accesskit_node_builder(id, fill).is_none() {
        return false;
    }
    if fresh {
        // egui hung it under the root, knowing no parent for it.
        detach(ctx, egui::accesskit_root_id(), id);
        ctx.accesskit_node_builder(parent, |node| node.push_child(id.accesskit_id()));
    }
    true
}

pub fn to_accesskit_rect(rect: Rect) -> accesskit::Rect {
    accesskit::Rect {
        x0: rect.min.x.into(),
        y0: rect.min.y.into(),
        x1: rect.max.x.into(),
        y1: rect.max.y.into(),
    }
}

/// Marks node `id` selected or not (a list row, a tab, a matrix cell).
pub fn set_selected(ctx: &Context, id: Id, selected: bool) {
    ctx.accesskit_node_builder(id, |node| node.set_selected(selected));
}

/// A pane tab from egui_tiles (a toggle button there, "on" when shown) as a tab, selected when
/// shown, inside a tab list for its strip named after its tabs, so a screen reader says
/// "Minutes, tab, 1 of 3, selected".
pub fn pane_tab(ctx: &Context, tab: Id) {
    let Some(name) = ctx.accesskit_node_builder(tab, |node| {
        let active = node.toggled() == Some(accesskit::Toggled::True);
        node.set_role(Role::Tab);
        node.clear_toggled();
        node.set_selected(active);
        node.label().unwrap_or_default().to_owned()
    }) else {
        return;
    };
    let strip_parent = node_parent(ctx, tab);
    let strip = strip_parent.with("a11y-tab-list");
    if !ctx.has_accesskit_node(strip) {
        add_node(ctx, strip_parent, strip, |node| {
            node.set_role(Role::TabList);
        });
    }
    adopt(ctx, strip, tab);
    ctx.accesskit_node_builder(strip, |node| {
        let label = match node.label() {
            Some(before) => format!("{before}, {name}"),
            None => format!("Pane tabs: {name}"),
        };
        node.set_label(label);
    });
}

/// What the user must hear, said once through a live region: a screen reader announces a live
/// node when it appears. Each announcement is a fresh node, so the same words said twice
/// ("Saved to …") are announced twice. A notice is announced by its own label in the status
/// strip ([`Announcer::notice_ui`]); a capture, which shows no text of its own, by a node of its
/// own ([`Announcer::ui`]).
#[derive(Default)]
pub struct Announcer {
    text: String,
    assertive: bool,
    serial: u64,
    /// The current announcement is the notice shown in the status strip.
    from_notice: bool,
    /// A hazard was just captured: announce the one selected next frame.
    capture_pending: bool,
    /// The last notice seen, to announce a new one once.
    last_notice: Option<(String, bool)>,
}

impl Announcer {
    fn say(&mut self, text: String, assertive: bool, from_notice: bool) {
        self.text = text;
        self.assertive = assertive;
        self.from_notice = from_notice;
        self.serial += 1;
    }

    /// The capture line raised a hazard; the app selects it before the next frame.
    pub fn expect_capture(&mut self) {
        self.capture_pending = true;
    }

    /// The latest announcement.
    pub fn current(&self) -> &str {
        &self.text
    }

    /// Turns this frame's news into an announcement: a captured hazard, a new notice (saved,
    /// an error: errors interrupt).
    pub fn update(&mut self, captured: Option<&Hazard>, notice: Option<(&str, bool)>) {
        if self.capture_pending
            && let Some(hazard) = captured
        {
            self.capture_pending = false;
            let text = format!("{} captured: {}", hazard.display_id, hazard.name);
            self.say(text, false, false);
        }
        let notice = notice.map(|(text, error)| (text.to_owned(), error));
        if notice != self.last_notice {
            if let Some((text, error)) = &notice {
                self.say(text.clone(), *error, true);
            }
            self.last_notice = notice;
        }
    }

    fn live(&self) -> Live {
        if self.assertive {
            Live::Assertive
        } else {
            Live::Polite
        }
    }

    /// The notice's label in the status strip, a live status node while it is the news.
    pub fn notice_ui(&self, ui: &mut egui::Ui, text: &str, colour: Color32) {
        ui.push_id(("notice", self.serial), |ui| {
            let response = ui.colored_label(colour, text);
            if self.from_notice && self.text == text {
                let live = self.live();
                ui.ctx().accesskit_node_builder(response.id, |node| {
                    // A status node is named by its label (a plain label by its value).
                    node.set_role(Role::Status);
                    node.set_label(text.to_owned());
                    node.set_live(live);
                });
            }
        });
    }

    /// A live node for an announcement no label shows (a capture), in the status strip.
    pub fn ui(&self, ui: &egui::Ui) {
        if self.text.is_empty() || self.from_notice {
            return;
        }
        let id = Id::unique(("announcement", self.serial));
        let text = self.text.clone();
        let rect = ui.max_rect();
        let live = self.live();
        add_node(ui.ctx(), ui.unique_id(), id, |node| {
            node.set_role(Role::Status);
            node.set_label(text);
            node.set_live(live);
            node.set_bounds(to_accesskit_rect(rect));
        });
    }
}

/// The ring drawn around the focused control: at least 3:1 against the panel in every theme
/// (WCAG 2.1 non-text contrast), and thicker than any outline the theme draws.
pub fn focus_ring_stroke(visuals: &egui::Visuals) -> Stroke {
    let colour = if visuals.dark_mode {
        Color32::from_rgb(255, 200, 40)
    } else {
        Color32::from_rgb(0, 48, 135)
    };
    Stroke::new(3.0, colour)
}

/// Draws the focus ring around the focused widget, above everything, so keyboard users see
/// where they are in every theme (egui's own focus look is faint in some).
pub fn focus_ring(ctx: &Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let rect: Rect = response.interact_rect;
    if !rect.is_positive() {
        return;
    }
    let stroke = focus_ring_stroke(&ctx.global_style().visuals);
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        Id::unique("focus-ring"),
    ));
    painter.rect_stroke(rect.expand(2.0), 3.0, stroke, egui::StrokeKind::Outside);
}

fn panes_id() -> Id {
    Id::unique("a11y-pane-rects")
}

/// Remembers where the panes are and makes sure [`finish_tree`] and the focus ring run at the
/// end of every pass, after every window and dialog of the frame.
pub fn end_of_frame(ctx: &Context, panes: Vec<(Rect, String)>) {
    ctx.data_mut(|d| d.insert_temp(panes_id(), std::sync::Arc::new(panes)));
    ctx.add_plugin(EndOfPass);
}

struct EndOfPass;

impl egui::plugin::Plugin for EndOfPass {
    fn debug_name(&self) -> &'static str {
        "hazard-workshop-accessibility"
    }

    fn on_end_pass(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let panes: std::sync::Arc<Vec<(Rect, String)>> =
            ctx.data(|d| d.get_temp(panes_id())).unwrap_or_default();
        finish_tree(&ctx, &panes);
        focus_ring(&ctx);
    }
}

/// After the frame's UI: what egui leaves unnamed or unreadable. Icon glyphs come out of names;
/// scroll bars are named after the region they scroll; a combo box gets a selected child
/// holding its value (how Orca reads a combo box's value over AT-SPI); pane dividers become
/// named splitters.
pub fn finish_tree(ctx: &Context, panes: &[(Rect, String)]) {
    struct Fix {
        id: Id,
        role: Role,
        label: Option<String>,
        value: Option<String>,
        description: Option<String>,
        bounds: Option<Rect>,
        focusable: bool,
    }
    let to_rect = |r: accesskit::Rect| {
        Rect::from_min_max(
            egui::pos2(r.x0 as f32, r.y0 as f32),
            egui::pos2(r.x1 as f32, r.y1 as f32),
        )
    };
    let fixes: Vec<Fix> = ctx.viewport(|viewport| {
        let Some(state) = &viewport.this_pass.accesskit_state else {
            return Vec::new();
        };
        state
            .nodes
            .iter()
            .filter_map(|(id, node)| {
                let has_icon = |t: Option<&str>| t.is_some_and(|t| t.chars().any(is_icon_glyph));
                let unnamed = node.label().is_none_or(|l| l.trim().is_empty())
                    && node.labelled_by().is_empty();
                let needs = has_icon(node.label())
                    || has_icon(node.value())
                    || has_icon(node.description())
                    || (node.role() == Role::ScrollBar && unnamed)
                    || (node.role() == Role::ComboBox && node.value().is_some())
                    || (node.role() == Role::Unknown
                        && unnamed
                        && node.supports_action(accesskit::Action::Focus));
                needs.then(|| Fix {
                    id: *id,
                    role: node.role(),
                    label: node.label().map(str::to_owned),
                    value: node.value().map(str::to_owned),
                    description: node.description().map(str::to_owned),
                    bounds: node.bounds().map(to_rect),
                    focusable: node.supports_action(accesskit::Action::Focus),
                })
            })
            .collect()
    });
    for fix in fixes {
        let label = fix.label.as_deref().map(without_icons);
        let value = fix.value.as_deref().map(without_icons);
        let description = fix.description.as_deref().map(without_icons);
        ctx.accesskit_node_builder(fix.id, |node| {
            if let Some(label) = &label {
                node.set_label(label.clone());
            }
            if let Some(value) = &value {
                node.set_value(value.clone());
            }
            if let Some(description) = description {
                node.set_description(description);
            }
        });
        match fix.role {
            Role::ScrollBar if label.as_deref().is_none_or(|l| l.trim().is_empty()) => {
                let (name, region) = scroll_bar_name(ctx, fix.id, fix.bounds);
                ctx.accesskit_node_builder(fix.id, |node| {
                    node.set_label(name);
                    if let Some(region) = region {
                        node.set_description(region);
                    }
                });
            }
            Role::ComboBox => {
                if let Some(value) = value {
                    combo_value_node(ctx, fix.id, value);
                }
            }
            Role::Unknown if fix.focusable => {
                if let Some(bounds) = fix.bounds {
                    name_divider(ctx, fix.id, bounds, panes);
                }
            }
            _ => {}
        }
    }
}

/// "Vertical scroll bar", described by the nearest named region it scrolls ("Hazards").
fn scroll_bar_name(ctx: &Context, id: Id, bounds: Option<Rect>) -> (String, Option<String>) {
    let vertical = bounds.is_none_or(|b| b.height() >= b.width());
    let orientation = if vertical { "Vertical" } else { "Horizontal" };
    let region = ctx.viewport(|viewport| {
        let state = viewport.this_pass.accesskit_state.as_ref()?;
        let mut at = id;
        while let Some(parent) = state.parent_map.get(&at) {
            if let Some(label) = state.nodes.get(parent).and_then(|n| n.label())
                && !label.trim().is_empty()
            {
                return Some(label.to_owned());
            }
            at = *parent;
        }
        None
    });
    (format!("{orientation} scroll bar"), region)
}

/// The combo box's current value as a selected option inside it.
fn combo_value_node(ctx: &Context, combo: Id, value: String) {
    add_node(ctx, combo, combo.with("a11y-value"), |node| {
        node.set_role(Role::ListBoxOption);
        node.set_label(value);
        node.set_selected(true);
    });
}

/// A pane divider (focusable, unnamed, role unknown from egui_tiles) as a splitter named after
/// the panes on either side.
fn name_divider(ctx: &Context, id: Id, bounds: Rect, panes: &[(Rect, String)]) {
    let vertical_line = bounds.height() >= bounds.width();
    let near = |a: f32, b: f32| (a - b).abs() <= bounds.width().max(bounds.height()).min(24.0);
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (rect, title) in panes {
        let (overlaps, ends_at, starts_at) = if vertical_line {
            (
                rect.y_range().intersects(bounds.y_range()),
                near(rect.right(), bounds.center().x),
                near(rect.left(), bounds.center().x),
            )
        } else {
            (
                rect.x_range().intersects(bounds.x_range()),
                near(rect.bottom(), bounds.center().y),
                near(rect.top(), bounds.center().y),
            )
        };
        if overlaps && ends_at {
            before.push(title.as_str());
        } else if overlaps && starts_at {
            after.push(title.as_str());
        }
    }
    let name = if before.is_empty() || after.is_empty() {
        "Pane divider".to_owned()
    } else {
        format!(
            "Pane divider between {} and {}",
            before.join(" and "),
            after.join(" and ")
        )
    };
    ctx.accesskit_node_builder(id, |node| {
        node.set_role(Role::Splitter);
        node.set_orientation(if vertical_line {
            accesskit::Orientation::Vertical
        } else {
            accesskit::Orientation::Horizontal
        });
        node.set_label(name);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unsaved_marker_is_said_in_words() {
        assert_eq!(
            window_name("● Example workshop — Hazard Workshop"),
            "Example workshop, unsaved changes — Hazard Workshop"
        );
        assert_eq!(
            window_name("Example workshop — Hazard Workshop"),
            "Example workshop — Hazard Workshop"
        );
    }

    #[test]
    fn icon_glyphs_leave_names() {
        assert_eq!(without_icons("\u{f083} Overdue"), "Overdue");
        assert_eq!(
            without_icons("Running \u{e061} since 10:00"),
            "Running since 10:00"
        );
        assert_eq!(without_icons("µg — “dose”"), "µg — “dose”");
    }

    /// WCAG 2.1 relative luminance and contrast ratio.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let lum = |c: Color32| {
            let channel = |v: u8| {
                let v = v as f32 / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn the_focus_ring_stands_out_in_every_theme() {
        for (name, visuals) in [
            ("light", egui::Visuals::light()),
            ("dark", egui::Visuals::dark()),
            ("projector", super::super::theme::projector_visuals()),
        ] {
            let ring = focus_ring_stroke(&visuals);
            for background in [
                visuals.panel_fill,
                visuals.window_fill,
                visuals.extreme_bg_color,
            ] {
                let ratio = contrast(ring.color, background);
                assert!(ratio >= 3.0, "{name}: focus ring contrast {ratio:.1} < 3:1");
            }
            for widget in [&visuals.widgets.inactive, &visuals.widgets.active] {
                assert!(
                    ring.width > widget.bg_stroke.width,
                    "{name}: the ring must be thicker than a widget's outline"
                );
            }
        }
    }
}
