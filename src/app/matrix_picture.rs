//! The risk matrix as a picture: a window screenshot, cut down to the matrix, copied to the
//! clipboard or saved as a PNG.

use std::sync::Arc;

use egui::Rect;

use super::{FileKind, HazardWorkshopApp, Notice, SavePurpose};
use crate::ui::MatrixExport;

/// A window screenshot taken to cut the risk matrix out of, with what it is for.
pub(super) type MatrixShot = (MatrixExport, Rect, Arc<egui::ColorImage>);

impl HazardWorkshopApp {
    /// Asks the renderer for a picture of the window; the matrix is cut out of it when it
    /// arrives (the renderer is the only thing that knows what the matrix looks like in pixels).
    pub(super) fn request_matrix_screenshot(&mut self, ctx: &egui::Context) {
        let (Some(export), Some(rect)) = (self.matrix_export.take(), self.view.matrix_rect) else {
            return;
        };
        let sender = self.screenshots.0.clone();
        let waker = ctx.clone();
        ctx.request_screenshot(move |image| {
            // The receiver lives as long as the app.
            let _ = sender.send((export, rect, image));
            waker.request_repaint();
        });
    }

    pub(super) fn finish_screenshots(&mut self, ctx: &egui::Context) {
        while let Ok((export, rect, screenshot)) = self.screenshots.1.try_recv() {
            let Some(image) = crop_to_points(&screenshot, rect, ctx.pixels_per_point()) else {
                self.notice = Some(Notice {
                    text: "The risk matrix is not on screen: show its pane, then try again.".into(),
                    is_error: true,
                });
                continue;
            };
            let image = Arc::new(image);
            match export {
                MatrixExport::CopyImage => {
                    ctx.copy_image((*image).clone());
                    self.notice = Some(Notice {
                        text: "Risk matrix copied: paste it into your report.".into(),
                        is_error: false,
                    });
                }
                MatrixExport::SavePng => self.jobs.pick_save(
                    FileKind::Png,
                    "Save risk matrix as PNG",
                    format!("{} risk matrix.png", self.suggested_file_stem()),
                    SavePurpose::MatrixImage(image),
                ),
            }
        }
    }
}

/// Cuts the part of a window screenshot under `rect` (in points) out of it; `None` when the
/// rect is off the picture.
pub fn crop_to_points(
    screenshot: &egui::ColorImage,
    rect: Rect,
    pixels_per_point: f32,
) -> Option<egui::ColorImage> {
    let [width, height] = screenshot.size;
    let whole = Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(width as f32, height as f32) / pixels_per_point,
    );
    let rect = rect.intersect(whole);
    rect.is_positive()
        .then(|| screenshot.region(&rect, Some(pixels_per_point)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_in_pixels_and_clamps_to_the_picture() {
        let mut shot = egui::ColorImage::filled([200, 100], egui::Color32::WHITE);
        shot.pixels[200 * 30 + 40] = egui::Color32::BLUE; // (40, 30) in pixels
        let rect = Rect::from_min_max(egui::pos2(20.0, 15.0), egui::pos2(60.0, 40.0));
        let image = crop_to_points(&shot, rect, 2.0).unwrap();
        assert_eq!(image.size, [80, 50]);
        assert_eq!(
            image.pixels[0],
            egui::Color32::BLUE,
            "(40, 30) px is the crop's origin"
        );
        let past_edge = Rect::from_min_max(egui::pos2(90.0, 40.0), egui::pos2(300.0, 300.0));
        assert_eq!(
            crop_to_points(&shot, past_edge, 2.0).unwrap().size,
            [20, 20]
        );
        let off = Rect::from_min_max(egui::pos2(500.0, 500.0), egui::pos2(600.0, 600.0));
        assert!(crop_to_points(&shot, off, 2.0).is_none());
    }
}
