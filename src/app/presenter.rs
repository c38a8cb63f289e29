//! The presenter window on the projector: its viewport, its own keys and zoom, and what its
//! controls ask for.

use super::{HazardWorkshopApp, settings};
use crate::shell::Command;
use crate::shell::commands::Window;
use crate::ui;

/// The projector window's viewport.
fn presenter_viewport() -> egui::ViewportId {
    egui::ViewportId::from_hash_of("hazard-workshop-presenter")
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

    pub(super) fn zoom_presenter(&mut self, direction: i8) {
        let presenter = &mut self.settings.presenter;
        presenter.zoom = settings::zoom_step(presenter.zoom, direction);
    }

    /// The projector window: a second native window (embedded as a window where the platform
    /// has only one). It follows the selection unless frozen, and has its own zoom.
    pub(super) fn presenter_window(&mut self, ctx: &egui::Context) {
        let saved = &self.settings.presenter;
        let mut builder = egui::ViewportBuilder::default()
            .with_title("Hazard Workshop — presenter")
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
        let presenter = &mut self.settings.presenter;
        let (asked, pressed, closed) = ctx.show_viewport_immediate(id, builder, |ui, _class| {
            let ctx = ui.ctx().clone();
            // The presenter's own keys (its zoom, full screen...), from its own input.
            let pressed = Command::pressed(&ctx, Window::Presenter);
            ui.style_mut().text_styles = ui::theme::text_styles(presenter.zoom / main_zoom);
            let asked = ui::presenter::presenter_ui(
                ui,
                project,
                hazard,
                presenter.shows,
                frozen,
                walking.clone(),
            );
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
