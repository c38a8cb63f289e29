//! The presenter window on the projector: its viewport, its place on a connected screen, its own
//! keys and zoom, and what its controls ask for.

use super::{HazardWorkshopApp, settings};
use crate::shell::Command;
use crate::shell::commands::Window;
use crate::ui;

/// The projector window's viewport.
fn presenter_viewport() -> egui::ViewportId {
    egui::ViewportId::from_hash_of("hazard-workshop-presenter")
}

/// The presenter window's title, "Presenter — Example workshop.hazlog".
pub fn presenter_title(project: &str) -> String {
    format!("Presenter — {project}")
}

/// The connected screens, in points on the desktop, as the windowing system reports them (none
/// without a native window, as in tests).
pub(super) fn monitor_rects(frame: &eframe::Frame) -> Vec<egui::Rect> {
    let Some(window) = frame.winit_window() else {
        return Vec::new();
    };
    window
        .available_monitors()
        .map(|monitor| {
            let scale = monitor.scale_factor() as f32;
            let (at, size) = (monitor.position(), monitor.size());
            egui::Rect::from_min_size(
                egui::pos2(at.x as f32, at.y as f32) / scale,
                egui::vec2(size.width as f32, size.height as f32) / scale,
            )
        })
        .collect()
}

impl HazardWorkshopApp {
    pub(super) fn toggle_presenter_fullscreen(&mut self, ctx: Option<&egui::Context>) {
        let full = !self.settings.presenter.fullscreen;
        self.settings.presenter.fullscreen = full;
        if let Some(ctx) = ctx {
            ctx.send_viewport_cmd_to(
                presenter_viewport(),
                egui::ViewportCommand::Fullscreen(full),
            );
        }
    }

    /// Before the presenter opens where it was last seen: pulled back onto a connected screen
    /// if that place is gone (a projector unplugged since), and never larger than the screen.
    pub(super) fn keep_presenter_on_a_screen(&mut self, monitors: &[egui::Rect]) {
        let saved = &mut self.settings.presenter;
        let (Some(position), Some(size)) = (saved.position, saved.size) else {
            return;
        };
        let was = egui::Rect::from_min_size(position.into(), size.into());
        let now = settings::clamp_to_monitors(was, monitors);
        if now != was {
            saved.position = Some(now.min.into());
            saved.size = Some(now.size().into());
        }
    }

    /// Opens the presenter (if closed) on the main window's screen, at its top-left corner and
    /// no larger than that screen, out of full screen: the way back when it is out of sight.
    pub(super) fn move_presenter_here(&mut self, ctx: Option<&egui::Context>) {
        self.presenter.open = true;
        let Some(ctx) = ctx else { return };
        // The main window's corner, else the desktop's origin (on the primary screen).
        let (corner, screen) = ctx.input_for(egui::ViewportId::ROOT, |i| {
            let viewport = i.viewport();
            let main = viewport.outer_rect.or(viewport.inner_rect);
            (
                main.map_or(egui::Pos2::ZERO, |r| r.min),
                viewport.monitor_size,
            )
        });
        let screen = egui::Rect::from_min_size(corner, screen.unwrap_or(egui::vec2(1024.0, 768.0)));
        let presenter = &mut self.settings.presenter;
        let size = egui::Vec2::from(presenter.size.unwrap_or([1024.0, 768.0])).min(screen.size());
        let place = egui::Rect::from_min_size(screen.min, size);
        presenter.position = Some(place.min.into());
        presenter.size = Some(size.into());
        if presenter.fullscreen {
            presenter.fullscreen = false;
            ctx.send_viewport_cmd_to(
                presenter_viewport(),
                egui::ViewportCommand::Fullscreen(false),
            );
        }
        ctx.send_viewport_cmd_to(
            presenter_viewport(),
            egui::ViewportCommand::OuterPosition(place.min),
        );
        ctx.send_viewport_cmd_to(presenter_viewport(), egui::ViewportCommand::InnerSize(size));
        self.presenter_placed = true;
    }

    /// Scrolls the presenter's contents from the main window (positive is down).
    pub(super) fn scroll_presenter(&mut self, direction: f32) {
        self.presenter.scroll_by += direction * ui::presenter::SCROLL_STEP;
    }

    pub(super) fn zoom_presenter(&mut self, direction: i8) {
        let presenter = &mut self.settings.presenter;
        presenter.zoom = settings::zoom_step(presenter.zoom, direction);
    }

    /// The projector window: a second native window (embedded as a window where the platform
    /// has only one). It follows the selection unless frozen, and has its own zoom.
    pub(super) fn presenter_window(&mut self, ctx: &egui::Context) {
        let saved = &self.settings.presenter;
        // Named for the window list and screen readers: which window, and of which project.
        let mut builder = egui::ViewportBuilder::default()
            .with_title(presenter_title(&self.display_name()))
            .with_inner_size(saved.size.unwrap_or([1024.0, 768.0]))
            .with_fullscreen(saved.fullscreen);
        if let Some(position) = saved.position {
            builder = builder.with_position(position);
        }
        let id = presenter_viewport();
        let project = self.doc.project();
        let hazard = self
            .presenter
            .hazard(self.view.selected)
            .and_then(|key| project.hazard(key));
        let frozen = self.presenter.frozen.is_some();
        let walking = ui::walk::current_text(project, &self.view.walk);
        let main_zoom = self.settings.zoom;
        let scoring = self.view.scoring.shown().then_some(&self.view.scoring);
        let state = &mut self.presenter;
        let presenter = &mut self.settings.presenter;
        let (asked, pressed, closed) = ctx.show_viewport_immediate(id, builder, |ui, _class| {
            let ctx = ui.ctx().clone();
            // The presenter's own keys (its zoom, full screen...), from its own input.
            let pressed = Command::pressed(&ctx, Window::Presenter);
            ui.style_mut().text_styles = ui::theme::text_styles(presenter.zoom / main_zoom);
            // Its own theme: the projector can be high contrast while the laptop stays dark.
            ui.style_mut().visuals = ui::theme::visuals(presenter.theme);
            let showing = ui::presenter::Showing {
                project,
                hazard,
                shows: presenter.shows,
                frozen,
                walking: walking.clone(),
                scoring,
            };
            let asked = ui::presenter::presenter_ui(ui, showing, state);
            ctx.input(|i| {
                let viewport = i.viewport();
                if let Some(rect) = viewport.outer_rect {
                    presenter.position = Some([rect.min.x, rect.min.y]);
                }
                if let Some(rect) = viewport.inner_rect {
                    presenter.size = Some([rect.width(), rect.height()]);
                }
            });
            (
                asked,
                pressed,
                ctx.input(|i| i.viewport().close_requested()),
            )
        });
        for command in pressed {
            self.run_command_in(Some(ctx), command);
        }
        for action in asked {
            match action {
                ui::presenter::PresenterAction::ToggleFreeze => {
                    self.run_command_in(Some(ctx), Command::FreezePresenter)
                }
                ui::presenter::PresenterAction::Show(shows) => {
                    self.settings.presenter.shows = shows
                }
                ui::presenter::PresenterAction::ToggleFullscreen => {
                    self.run_command_in(Some(ctx), Command::PresenterFullScreen)
                }
                ui::presenter::PresenterAction::NextTheme => {
                    let theme = &mut self.settings.presenter.theme;
                    *theme = theme.next();
                    self.persist_settings(false);
                }
            }
        }
        if closed {
            self.presenter.open = false;
        }
        if !self.presenter.open {
            self.persist_settings(false);
        }
    }
}
