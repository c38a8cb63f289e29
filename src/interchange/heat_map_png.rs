//! A heat map as a PNG picture for the safety case report: the 5x5 matrix in the NHS colours,
//! each cell's count large in its centre and its rating small in the corner, with the severity
//! and likelihood labels, drawn with egui's own font so it needs no system fonts.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{ImageFormat, Rgba, RgbaImage};

use super::minutes::HeatMap;

const LABEL_WIDTH: u32 = 150;
const CELL_WIDTH: u32 = 150;
const CELL_HEIGHT: u32 = 90;
const FOOT_HEIGHT: u32 = 60;
const GRID: Rgba<u8> = Rgba([90, 90, 90, 255]);
const INK: Rgba<u8> = Rgba([33, 43, 50, 255]);

fn rgb(hex: &str) -> Rgba<u8> {
    let value = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0xFF_FF_FF);
    Rgba([(value >> 16) as u8, (value >> 8) as u8, value as u8, 255])
}

/// The picture's size in pixels for a map of `columns` x `rows` cells.
pub fn picture_size(columns: usize, rows: usize) -> (u32, u32) {
    (
        LABEL_WIDTH + CELL_WIDTH * columns as u32,
        CELL_HEIGHT * rows as u32 + FOOT_HEIGHT,
    )
}

/// Draws `text` centred on (`cx`, `cy`), `size` pixels high; a word too wide for `max_width` is
/// scaled down to fit rather than cut.
fn text(
    image: &mut RgbaImage,
    font: &FontRef,
    text: &str,
    (cx, cy): (f32, f32),
    (size, max_width): (f32, f32),
    colour: Rgba<u8>,
) {
    let width_at = |size: f32| {
        let scaled = font.as_scaled(PxScale::from(size));
        text.chars()
            .map(|c| scaled.h_advance(font.glyph_id(c)))
            .sum::<f32>()
    };
    let size = if width_at(size) > max_width {
        size * max_width / width_at(size)
    } else {
        size
    };
    let scaled = font.as_scaled(PxScale::from(size));
    let mut x = cx - width_at(size) / 2.0;
    let baseline = cy + (scaled.ascent() + scaled.descent()) / 2.0;
    for c in text.chars() {
        let id = font.glyph_id(c);
        let glyph = id.with_scale_and_position(PxScale::from(size), point(x, baseline));
        x += scaled.h_advance(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let px = bounds.min.x as i64 + i64::from(gx);
            let py = bounds.min.y as i64 + i64::from(gy);
            if px < 0 || py < 0 || px >= i64::from(image.width()) || py >= i64::from(image.height())
            {
                return;
            }
            let under = *image.get_pixel(px as u32, py as u32);
            let blend =
                |a: u8, b: u8| (f32::from(a) * (1.0 - coverage) + f32::from(b) * coverage) as u8;
            image.put_pixel(
                px as u32,
                py as u32,
                Rgba([
                    blend(under[0], colour[0]),
                    blend(under[1], colour[1]),
                    blend(under[2], colour[2]),
                    255,
                ]),
            );
        });
    }
}

fn fill(image: &mut RgbaImage, x: u32, y: u32, w: u32, h: u32, colour: Rgba<u8>) {
    for py in y..(y + h).min(image.height()) {
        for px in x..(x + w).min(image.width()) {
            image.put_pixel(px, py, colour);
        }
    }
}

/// The centre of cell (`row`, `column`) in the picture.
pub fn cell_centre(row: usize, column: usize) -> (u32, u32) {
    (
        LABEL_WIDTH + CELL_WIDTH * column as u32 + CELL_WIDTH / 2,
        CELL_HEIGHT * row as u32 + CELL_HEIGHT / 2,
    )
}

/// `map` as the bytes of a PNG file.
pub fn heat_map_png(map: &HeatMap) -> Vec<u8> {
    let font = FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT)
        .expect("egui's bundled font is a valid font");
    let (width, height) = picture_size(map.columns.len(), map.rows.len());
    let mut image = RgbaImage::from_pixel(width, height, Rgba([255, 255, 255, 255]));
    for (row, (label, cells)) in map.rows.iter().enumerate() {
        let y = CELL_HEIGHT * row as u32;
        text(
            &mut image,
            &font,
            label,
            (LABEL_WIDTH as f32 / 2.0, (y + CELL_HEIGHT / 2) as f32),
            (24.0, LABEL_WIDTH as f32 - 12.0),
            INK,
        );
        for (column, cell) in cells.iter().enumerate() {
            let x = LABEL_WIDTH + CELL_WIDTH * column as u32;
            fill(&mut image, x, y, CELL_WIDTH, CELL_HEIGHT, rgb(&cell.fill));
            if !cell.text.is_empty() {
                let (cx, cy) = cell_centre(row, column);
                text(
                    &mut image,
                    &font,
                    &cell.text,
                    (cx as f32, cy as f32),
                    (44.0, CELL_WIDTH as f32 - 16.0),
                    rgb(&cell.ink),
                );
            }
        }
    }
    let grid_bottom = CELL_HEIGHT * map.rows.len() as u32;
    for row in 0..=map.rows.len() as u32 {
        fill(
            &mut image,
            LABEL_WIDTH,
            (row * CELL_HEIGHT).min(grid_bottom - 1),
            width - LABEL_WIDTH,
            2,
            GRID,
        );
    }
    for column in 0..=map.columns.len() as u32 {
        fill(
            &mut image,
            (LABEL_WIDTH + column * CELL_WIDTH).min(width - 2),
            0,
            2,
            grid_bottom,
            GRID,
        );
    }
    for (column, label) in map.columns.iter().enumerate() {
        let cx = LABEL_WIDTH + CELL_WIDTH * column as u32 + CELL_WIDTH / 2;
        text(
            &mut image,
            &font,
            label,
            (cx as f32, (grid_bottom + FOOT_HEIGHT / 2) as f32),
            (24.0, CELL_WIDTH as f32 - 12.0),
            INK,
        );
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, ImageFormat::Png)
        .expect("an in-memory PNG always encodes");
    bytes.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::minutes::HeatCell;

    fn map() -> HeatMap {
        let fills = ["9EFEB5", "FFFF66", "FABF8F", "D99594", "E36C0A"];
        HeatMap {
            corner: "Likelihood \\ Severity".into(),
            columns: [
                "Minor",
                "Significant",
                "Considerable",
                "Major",
                "Catastrophic",
            ]
            .map(String::from)
            .to_vec(),
            rows: (0..5)
                .map(|row| {
                    let cells = (0..5)
                        .map(|column| HeatCell {
                            text: if row == column {
                                "12".into()
                            } else {
                                String::new()
                            },
                            fill: fills[(row + column) / 2].into(),
                            ink: "000000".into(),
                        })
                        .collect();
                    (format!("Row {row}"), cells)
                })
                .collect(),
        }
    }

    #[test]
    fn each_cell_is_painted_in_its_fill_and_a_count_is_drawn_in_ink() {
        let png = heat_map_png(&map());
        let image = image::load_from_memory(&png).unwrap().to_rgba8();
        assert_eq!(image.dimensions(), picture_size(5, 5));
        let fills = ["9EFEB5", "FFFF66", "FABF8F", "D99594", "E36C0A"];
        for row in 0..5 {
            for column in 0..5 {
                let (cx, cy) = cell_centre(row, column);
                // A corner of the cell, away from any text, is its fill.
                let corner = image.get_pixel(cx - CELL_WIDTH / 2 + 6, cy - CELL_HEIGHT / 2 + 6);
                assert_eq!(
                    *corner,
                    rgb(fills[(row + column) / 2]),
                    "cell {row},{column}"
                );
                // The count's ink darkens the centre of the cells that have one.
                let inked = (0..20).any(|dx| {
                    let p = image.get_pixel(cx - 10 + dx, cy);
                    p[0] < 80 && p[1] < 80 && p[2] < 80
                });
                assert_eq!(inked, row == column, "cell {row},{column}");
            }
        }
    }
}
