//! The arrows of the risk matrix's *Both* view, from each initial cell to its residual cell, and
//! where they may run: never under a count plate, a rating number or the selected hazard's ring.
//! An arrow between two cells goes straight when nothing is in its way (neighbouring cells,
//! mostly); otherwise it runs along the gaps between the cells, which hold nothing, and enters
//! its cell from the side. Thickness grows with the number of hazards; the movement table under
//! the matrix gives the counts.

use egui::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use crate::domain::summary::Cell;

/// The grid: its top-left square of 5 x 5 cells of `cell` points each.
#[derive(Clone, Copy, Debug)]
pub(super) struct GridPlace {
    pub grid: Rect,
    pub cell: f32,
}

/// One arrow: a line through `points` of `width`, and its head (tip first).
#[derive(Clone, Debug)]
pub(super) struct ArrowPath {
    pub points: Vec<Pos2>,
    pub width: f32,
    pub head: [Pos2; 3],
}

impl GridPlace {
    /// (column, row) of a cell, rows from the top (Very High likelihood first).
    fn place(cell: Cell) -> (usize, usize) {
        (cell.severity.index(), 4 - cell.likelihood.index())
    }

    /// How far a cell's coloured square is inset from its share of the grid.
    pub fn inset(&self) -> f32 {
        self.cell * 0.025 + 1.0
    }

    /// The cell's coloured square.
    pub fn cell_rect(&self, cell: Cell) -> Rect {
        let (column, row) = Self::place(cell);
        Rect::from_min_size(
            self.grid.min + vec2(column as f32 * self.cell, row as f32 * self.cell),
            Vec2::splat(self.cell),
        )
        .shrink(self.inset())
    }

    /// The x of the gap left of `column` (0 to 5), the y of the gap above `row`.
    fn gap_x(&self, column: usize) -> f32 {
        self.grid.left() + column as f32 * self.cell
    }

    fn gap_y(&self, row: usize) -> f32 {
        self.grid.top() + row as f32 * self.cell
    }
}

/// Thicker for more hazards, growing with the order of magnitude so hundreds stay drawable;
/// never wider than the gaps between cells can carry clear of what is in the cells.
pub(super) fn arrow_width(count: usize, cell: f32) -> f32 {
    let widest = (cell * 0.1).max(2.0);
    // One hazard: the thinnest; a thousand or more: the widest.
    let share = ((count.max(1) as f32).log10() / 3.0).min(1.0);
    2.0 + (widest - 2.0) * share
}

/// Whether the segment `p`-`q` passes through `rect` (Liang-Barsky clipping).
fn segment_hits(p: Pos2, q: Pos2, rect: Rect) -> bool {
    let d = q - p;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (pk, qk) in [
        (-d.x, p.x - rect.min.x),
        (d.x, rect.max.x - p.x),
        (-d.y, p.y - rect.min.y),
        (d.y, rect.max.y - p.y),
    ] {
        if pk == 0.0 {
            if qk < 0.0 {
                return false;
            }
        } else {
            let t = qk / pk;
            if pk < 0.0 {
                if t > t1 {
                    return false;
                }
                t0 = t0.max(t);
            } else {
                if t < t0 {
                    return false;
                }
                t1 = t1.min(t);
            }
        }
    }
    t0 <= t1
}

impl ArrowPath {
    fn segments(&self) -> impl Iterator<Item = (Pos2, Pos2)> + '_ {
        self.points.windows(2).map(|pair| (pair[0], pair[1]))
    }

    /// Whether any part of the arrow, at its width, touches `rect`.
    pub fn touches(&self, rect: Rect) -> bool {
        let grown = rect.expand(self.width / 2.0 + 1.0);
        self.segments().any(|(p, q)| segment_hits(p, q, grown))
            || Rect::from_points(&self.head).expand(1.0).intersects(rect)
    }

    /// Whether this arrow runs along `other` (parallel and overlapping), so the two would read
    /// as one.
    fn runs_along(&self, other: &ArrowPath) -> bool {
        let apart = (self.width + other.width) / 2.0 + 1.0;
        self.segments().any(|(a, b)| {
            other.segments().any(|(c, d)| {
                let horizontal = |p: Pos2, q: Pos2| (p.y - q.y).abs() < 0.01;
                let vertical = |p: Pos2, q: Pos2| (p.x - q.x).abs() < 0.01;
                let overlap = |a0: f32, a1: f32, b0: f32, b1: f32| {
                    a0.min(a1) < b0.max(b1) && b0.min(b1) < a0.max(a1)
                };
                (horizontal(a, b)
                    && horizontal(c, d)
                    && (a.y - c.y).abs() < apart
                    && overlap(a.x, b.x, c.x, d.x))
                    || (vertical(a, b)
                        && vertical(c, d)
                        && (a.x - c.x).abs() < apart
                        && overlap(a.y, b.y, c.y, d.y))
            })
        })
    }
}

/// How long an arrow's head is.
fn head_length(cell: f32, width: f32) -> f32 {
    cell * 0.08 + width * 0.5
}

/// An arrow ending at `tip`, coming in along `direction`.
fn head(tip: Pos2, direction: Vec2, cell: f32, width: f32) -> [Pos2; 3] {
    let length = head_length(cell, width);
    let base = tip - direction * length;
    // Wide enough to see from the back of the room.
    let side = vec2(-direction.y, direction.x) * length * 0.7;
    [tip, base + side, base - side]
}

/// The straight arrow between two cells' centres, off to one side so opposite moves between
/// the same cells run side by side.
fn straight(place: &GridPlace, from: Cell, to: Cell, width: f32) -> ArrowPath {
    let cell = place.cell;
    let a = place.cell_rect(from).center();
    let b = place.cell_rect(to).center();
    let direction = (b - a).normalized();
    let lane = 0.3 + 0.1 * ((from.likelihood.index() + from.severity.index()) % 2) as f32;
    let normal = vec2(direction.y, -direction.x) * cell * lane;
    let shorten = direction * cell * 0.22;
    let (start, tip) = (a + shorten + normal, b - shorten + normal);
    let head = head(tip, direction, cell, width);
    // The line stops where the head begins: the head's point stays sharp.
    let end = tip - direction * head_length(cell, width) * 0.7;
    ArrowPath {
        points: vec![start, end],
        width,
        head,
    }
}

/// The arrow along the gaps between cells, which hold nothing: out of the source cell's edge,
/// along a gap, round a corner, along another gap and into the target through its edge. The
/// first way (`other_way` false) leaves by the side facing the target's column and arrives
/// through the top or bottom; the other leaves by the top or bottom and arrives through a side.
/// `lane` moves the parts in the gaps off the gaps' middle (0: in the middle).
fn through_gaps(
    place: &GridPlace,
    from: Cell,
    to: Cell,
    width: f32,
    lane: f32,
    other_way: bool,
) -> ArrowPath {
    let cell = place.cell;
    let (fc, fr) = GridPlace::place(from);
    let (tc, tr) = GridPlace::place(to);
    let source = place.cell_rect(from);
    let target = place.cell_rect(to);
    let (points, direction);
    // Leaving by a side: which one, and the gap beside it.
    let side_gap = |column: usize, towards_left: bool| {
        if towards_left {
            place.gap_x(column)
        } else {
            place.gap_x(column + 1)
        }
    };
    // Leaving by the top or bottom: the gap above or below.
    let row_gap = |row: usize, below: bool| {
        if below {
            place.gap_y(row + 1)
        } else {
            place.gap_y(row)
        }
    };
    if fc == tc {
        // Same column: down (or up) the gap on one side, into the target from that side.
        let left = if other_way { fc > 0 } else { fc == 4 };
        let x = side_gap(fc, left) + lane;
        let (sy, ty) = (source.center().y + lane, target.center().y + lane);
        let start_x = if left { source.left() } else { source.right() };
        points = vec![pos2(start_x, sy), pos2(x, sy), pos2(x, ty)];
        direction = vec2(if left { 1.0 } else { -1.0 }, 0.0);
    } else if !other_way {
        // Out of the side facing the target's column, along that gap to the gap beside the
        // target's row (below it when they share a row, above on the bottom row), into its top or
        // bottom.
        let left = tc < fc;
        let x = side_gap(fc, left) + lane;
        let start_x = if left { source.left() } else { source.right() };
        let sy = source.center().y + lane;
        let below = if fr == tr { fr < 4 } else { tr < fr };
        let y = row_gap(tr, below) + lane;
        let tx = target.center().x + lane;
        points = vec![pos2(start_x, sy), pos2(x, sy), pos2(x, y), pos2(tx, y)];
        direction = vec2(0.0, if below { -1.0 } else { 1.0 });
    } else {
        // Out of the top or bottom facing the target's row, along that gap to the gap beside
        // the target's column, into its side.
        let below = if fr == tr { fr < 4 } else { tr > fr };
        let y = row_gap(fr, below) + lane;
        let start_y = if below { source.bottom() } else { source.top() };
        let sx = source.center().x + lane;
        let from_right = tc < fc;
        let x = side_gap(tc, !from_right) + lane;
        let ty = target.center().y + lane;
        points = vec![pos2(sx, start_y), pos2(sx, y), pos2(x, y), pos2(x, ty)];
        direction = vec2(if from_right { -1.0 } else { 1.0 }, 0.0);
    }
    // The head starts in the middle of the gap beside the target, whatever the lane, and
    // reaches into the target's edge; the line runs on from its last corner to the head.
    let mut points = points;
    let corner = *points.last().unwrap_or(&target.center());
    let gap_middle = if direction.x > 0.0 {
        target.left() - place.inset()
    } else if direction.x < 0.0 {
        target.right() + place.inset()
    } else if direction.y > 0.0 {
        target.top() - place.inset()
    } else {
        target.bottom() + place.inset()
    };
    let base = if direction.x != 0.0 {
        pos2(gap_middle, corner.y)
    } else {
        pos2(corner.x, gap_middle)
    };
    points.push(base);
    let tip = base + direction * head_length(cell, width);
    let head = head(tip, direction, cell, width);
    ArrowPath {
        points,
        width,
        head,
    }
}

/// One arrow per pair of cells (`from`, `to`, hazards moved), none touching `obstacles` (the
/// count plates, rating numbers and ring as drawn), and as few as can be running along another.
/// In cells too small for an arrow to pass clear (under about 45 points) a move gets no arrow
/// (`None`): the movement table still lists it, and a count is never hidden.
pub(super) fn route(
    place: &GridPlace,
    moves: &[(Cell, Cell, usize)],
    obstacles: &[Rect],
) -> Vec<Option<ArrowPath>> {
    let clear = |path: &ArrowPath| !obstacles.iter().any(|r| path.touches(*r));
    let mut placed: Vec<ArrowPath> = Vec::new();
    let mut routes = Vec::new();
    for &(from, to, count) in moves {
        let width = arrow_width(count, place.cell);
        let line = straight(place, from, to, width);
        if clear(&line) {
            placed.push(line.clone());
            routes.push(Some(line));
            continue;
        }
        // The middle of the gaps is always clear; the other way round, or a lane off the
        // middle, is taken when that keeps this arrow from running along one already drawn.
        let step = width + 2.0;
        let lanes = [0.0, step, -step, 2.0 * step, -2.0 * step];
        let candidates: Vec<ArrowPath> = lanes
            .iter()
            .flat_map(|&lane| {
                [false, true].map(|other_way| through_gaps(place, from, to, width, lane, other_way))
            })
            .filter(|path| clear(path))
            .collect();
        let chosen = candidates
            .iter()
            .find(|path| !placed.iter().any(|other| path.runs_along(other)))
            .or(candidates.first())
            .cloned();
        if let Some(path) = &chosen {
            placed.push(path.clone());
        }
        routes.push(chosen);
    }
    routes
}

pub(super) fn paint(painter: &egui::Painter, arrows: &[Option<ArrowPath>]) {
    let ink = Color32::from_rgb(0, 48, 135);
    for arrow in arrows.iter().flatten() {
        painter.add(egui::Shape::line(
            arrow.points.clone(),
            Stroke::new(arrow.width, ink),
        ));
        painter.add(egui::Shape::convex_polygon(
            arrow.head.to_vec(),
            ink,
            Stroke::new(1.0, Color32::WHITE),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Likelihood, Severity};

    fn all_cells() -> Vec<Cell> {
        Likelihood::ALL
            .into_iter()
            .flat_map(|likelihood| {
                Severity::ALL.into_iter().map(move |severity| Cell {
                    severity,
                    likelihood,
                })
            })
            .collect()
    }

    /// What a cell holds that an arrow must not cross, as large as the matrix ever draws it:
    /// the count plate at its largest (the room the count is fitted to, plus its margin), the
    /// rating number in the top-left corner and the selected hazard's ring in the top-right.
    fn obstacles(place: &GridPlace) -> Vec<Rect> {
        let cell = place.cell;
        all_cells()
            .into_iter()
            .flat_map(|c| {
                let rect = place.cell_rect(c);
                let plate = Rect::from_center_size(
                    rect.center() + vec2(0.0, cell * 0.06),
                    vec2(cell * 0.6, cell * 0.5),
                )
                .expand(2.0);
                let digit = Rect::from_min_size(
                    rect.left_top() + vec2(cell * 0.07, cell * 0.04),
                    vec2(cell * 0.12, (cell * 0.2).max(14.0)),
                );
                let ring = Rect::from_center_size(
                    rect.right_top() + vec2(-cell * 0.14, cell * 0.14),
                    Vec2::splat(cell * 0.16 + 2.5),
                );
                [plate, digit, ring]
            })
            .collect()
    }

    #[test]
    fn no_arrow_passes_under_a_count_plate_or_a_badge_at_hundreds_per_cell() {
        let cells = all_cells();
        // Every possible move, each carried by hundreds of hazards: the thickest arrows.
        let moves: Vec<(Cell, Cell, usize)> = cells
            .iter()
            .flat_map(|&from| {
                cells
                    .iter()
                    .filter(move |&&to| to != from)
                    .map(move |&to| (from, to, 300))
            })
            .collect();
        for cell in [32.0, 48.0, 64.0, 100.0, 160.0] {
            let place = GridPlace {
                grid: Rect::from_min_size(pos2(80.0, 20.0), Vec2::splat(cell * 5.0)),
                cell,
            };
            let obstacles = obstacles(&place);
            let arrows = route(&place, &moves, &obstacles);
            assert_eq!(arrows.len(), moves.len());
            if cell >= 48.0 {
                assert!(
                    arrows.iter().all(Option::is_some),
                    "cell {cell}: every move drawn"
                );
            }
            for (arrow, (from, to, _)) in arrows.iter().zip(&moves) {
                let Some(arrow) = arrow else { continue };
                for rect in &obstacles {
                    assert!(
                        !arrow.touches(*rect),
                        "cell {cell}: the arrow {from:?} -> {to:?} crosses {rect:?}: {arrow:?}"
                    );
                }
                // It starts in its own cell and points into its target.
                assert!(
                    place.cell_rect(*from).contains(arrow.points[0]) || {
                        // A straight arrow starts off-centre, still within its cell's share.
                        let share = place.cell_rect(*from).expand(place.inset());
                        share.contains(arrow.points[0])
                    }
                );
                assert!(
                    place.cell_rect(*to).contains(arrow.head[0]),
                    "{from:?} -> {to:?}"
                );
            }
        }
    }

    #[test]
    fn the_usual_moves_down_a_column_get_arrows_of_their_own() {
        let cell = 80.0;
        let place = GridPlace {
            grid: Rect::from_min_size(pos2(0.0, 0.0), Vec2::splat(cell * 5.0)),
            cell,
        };
        let at = |severity, likelihood| Cell {
            severity,
            likelihood,
        };
        // Two hazards' worth of moves that share a column: Major High -> Major Very Low and
        // Major Medium -> Major Very Low.
        let moves = [
            (
                at(Severity::Major, Likelihood::High),
                at(Severity::Major, Likelihood::VeryLow),
                250,
            ),
            (
                at(Severity::Major, Likelihood::Medium),
                at(Severity::Major, Likelihood::VeryLow),
                120,
            ),
        ];
        let arrows: Vec<ArrowPath> = route(&place, &moves, &obstacles(&place))
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(arrows.len(), 2);
        assert!(
            !arrows[0].runs_along(&arrows[1]),
            "two moves read as one: {arrows:?}"
        );
        assert!(arrows[0].width > arrows[1].width, "more hazards, thicker");
    }
}
