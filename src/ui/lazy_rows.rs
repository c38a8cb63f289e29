//! Rows of a scrolled list of varying heights that are laid out only while in view: a row
//! scrolled away is space of the height it had when last laid out, so a long list costs a frame
//! what its visible rows cost. (egui's `show_rows` needs rows of one height.)

use std::collections::HashMap;
use std::hash::Hash;

use egui::Ui;

/// The remembered heights of one list's rows, kept in the view state between frames.
pub struct LazyRows<K> {
    heights: HashMap<K, f32>,
    /// The width the heights were measured at: a narrower pane wraps rows onto more lines.
    width: f32,
    /// A screen reader is reading the window (egui builds an accessibility tree only then):
    /// every row is laid out so that it can find each one, in view or not.
    screen_reader: bool,
}

impl<K> Default for LazyRows<K> {
    fn default() -> Self {
        LazyRows {
            heights: HashMap::new(),
            width: 0.0,
            screen_reader: false,
        }
    }
}

impl<K: Hash + Eq + Copy> LazyRows<K> {
    /// Call once a frame before the rows, inside the scroll area.
    pub fn begin(&mut self, ui: &Ui) {
        let width = ui.available_width();
        if (self.width - width).abs() > 0.5 {
            self.heights.clear();
            self.width = width;
        }
        self.screen_reader = ui.ctx().has_accesskit_node(ui.unique_id());
    }

    /// Row `key`, laid out by `add_row` when it is in view, when its height is not known yet, or
    /// when `keep` (a row holding the keyboard or being edited must stay in the frame); otherwise
    /// only its space is taken. Returns what `add_row` returned, if it ran.
    pub fn row<R>(
        &mut self,
        ui: &mut Ui,
        key: K,
        keep: bool,
        add_row: impl FnOnce(&mut Ui) -> egui::InnerResponse<R>,
    ) -> Option<egui::InnerResponse<R>> {
        if let Some(&height) = self.heights.get(&key)
            && !keep
            && !self.screen_reader
        {
            let top = ui.cursor().top();
            let visible = ui.clip_rect().y_range();
            if top + height < visible.min || top > visible.max {
                ui.allocate_space(egui::vec2(self.width, height));
                return None;
            }
        }
        let row = add_row(ui);
        self.heights.insert(key, row.response.rect.height());
        Some(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one frame of a 400-point-high scroll area holding `rows` rows of different heights;
    /// returns which rows were laid out and the height of the scrolled content.
    fn frame(
        ctx: &egui::Context,
        lazy: &mut LazyRows<usize>,
        rows: usize,
        scroll_to: Option<f32>,
    ) -> (Vec<usize>, f32) {
        let mut laid_out = Vec::new();
        let mut content_height = 0.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(300.0, 400.0),
            )),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
            if let Some(offset) = scroll_to {
                area = area.vertical_scroll_offset(offset);
            }
            let output = area.show(ui, |ui| {
                lazy.begin(ui);
                for index in 0..rows {
                    lazy.row(ui, index, false, |ui| {
                        laid_out.push(index);
                        // Rows of 20, 40 and 60 points.
                        let height = 20.0 * (1 + index % 3) as f32;
                        ui.allocate_ui(egui::vec2(200.0, height), |ui| {
                            ui.set_min_height(height);
                            ui.label(format!("Row {index}"));
                        })
                    });
                }
            });
            content_height = output.content_size.y;
        });
        // No renderer takes the font texture.
        output.textures_delta.clear();
        (laid_out, content_height)
    }

    #[test]
    fn rows_out_of_view_keep_their_space_but_are_not_laid_out() {
        let ctx = egui::Context::default();
        let mut lazy = LazyRows::default();
        // The first frame measures every row.
        let (first, full_height) = frame(&ctx, &mut lazy, 300, None);
        assert_eq!(first.len(), 300);
        // Then only the rows in the 400-point view are laid out, and the list is as tall.
        let (top, height) = frame(&ctx, &mut lazy, 300, None);
        assert!(top.contains(&0) && top.len() < 20, "{top:?}");
        assert_eq!(height, full_height);
        // Scrolled to the middle: the rows there, and none of the top ones.
        let (middle, height) = frame(&ctx, &mut lazy, 300, Some(full_height / 2.0));
        assert!(!middle.contains(&0) && middle.len() < 20, "{middle:?}");
        assert!(middle.contains(&150), "{middle:?}");
        assert_eq!(height, full_height);
    }

    #[test]
    fn every_row_is_laid_out_for_a_screen_reader() {
        let ctx = egui::Context::default();
        ctx.enable_accesskit();
        let mut lazy = LazyRows::default();
        frame(&ctx, &mut lazy, 300, None);
        let (laid_out, _) = frame(&ctx, &mut lazy, 300, None);
        assert_eq!(laid_out.len(), 300);
    }
}
