//! The hazard table: sortable column headers over a virtualised body, and what a screen reader
//! gets of it (a table of rows and cells, the selected row selected, one Tab stop).

use chrono::Local;
use egui::Ui;
use egui::accesskit::Role;

use super::hazard_list::{ListQuery, SortColumn};
use super::widgets::{risk_chip_ui, risk_name};
use super::{Action, ViewState};
use crate::domain::{Hazard, Project};

/// The table's id, the same from the list's keyboard handling and from the table.
pub(super) fn table_id(ui: &Ui) -> egui::Id {
    ui.make_persistent_id("hazard-table")
}

/// The name keeps at least this width: columns give way before it does.
const NAME_MIN: f32 = 220.0;

/// The order in which columns give way to the name in a narrow pane: the last goes first.
/// The id and the name always stay.
const GIVE_WAY: [SortColumn; 5] = [
    SortColumn::InitialRisk,
    SortColumn::ResidualRisk,
    SortColumn::Status,
    SortColumn::Owner,
    SortColumn::Updated,
];

/// The columns shown and their widths, in order: each at the width the user dragged it to (or
/// its default), the name taking all that is left. Where the name would get less than
/// [`NAME_MIN`], the least needed columns are left out (the row's accessible name still says
/// every cell, and the editor shows them).
pub(super) fn column_widths(
    total: f32,
    spacing: f32,
    user: &[Option<f32>; 7],
) -> Vec<(SortColumn, f32)> {
    let width_of = |column: SortColumn| {
        user[column.index()]
            .unwrap_or(column.width())
            .max(column.min_width())
    };
    let mut shown = SortColumn::ALL.to_vec();
    let mut give_way = GIVE_WAY.iter().rev();
    loop {
        let fixed: f32 = shown
            .iter()
            .filter(|c| **c != SortColumn::Name)
            .map(|c| width_of(*c))
            .sum::<f32>()
            + spacing * (shown.len() - 1) as f32;
        let name = total - fixed;
        if name < NAME_MIN
            && let Some(next) = give_way.next()
        {
            shown.retain(|c| c != next);
            continue;
        }
        return shown
            .into_iter()
            .map(|c| {
                let width = if c == SortColumn::Name {
                    name.max(80.0)
                } else {
                    width_of(c)
                };
                (c, width)
            })
            .collect();
    }
}

/// Where each column starts, from `left`.
fn column_lefts(left: f32, widths: &[(SortColumn, f32)], spacing: f32) -> Vec<f32> {
    let mut x = left;
    widths
        .iter()
        .map(|(_, w)| {
            let at = x;
            x += w + spacing;
            at
        })
        .collect()
}

pub(super) fn row_id(table: egui::Id, hazard: &Hazard) -> egui::Id {
    table.with(("row", hazard.key.0))
}

/// What a screen reader says for a row: every cell, in order.
fn row_name(hazard: &Hazard, project: &Project) -> String {
    let owner = if hazard.owner.trim().is_empty() {
        "no owner".to_owned()
    } else {
        format!("owner {}", hazard.owner)
    };
    format!(
        "{}: {}; {}; {}; {}; {}; updated {}",
        hazard.display_id,
        hazard.name,
        hazard.status.label(),
        risk_name(hazard.initial_rating(&project.matrix), "Initial risk"),
        risk_name(hazard.residual_rating(&project.matrix), "Residual risk"),
        owner,
        updated_text(hazard)
    )
}

fn updated_text(hazard: &Hazard) -> String {
    let local = hazard.updated.with_timezone(&Local);
    local.format("%d %b %Y %H:%M").to_string()
}

/// The hazard table: a header of sort buttons over a virtualised body. To a screen reader it is
/// a table of rows and cells; each row is named with all its cells and knows its place ("3 of
/// 15"); the selected row is selected and is the list's one Tab stop; the row just outside the
/// view on each side exists too, so a screen reader can move to it and it scrolls into view.
pub(super) fn table_ui(
    ui: &mut Ui,
    project: &Project,
    view: &mut ViewState,
    rows: &[usize],
    actions: &mut Vec<Action>,
) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let spacing = ui.spacing().item_spacing.x;
    let table_id = table_id(ui);
    let selected_row = view.list.row_of(project, view.selected);
    let total = rows.len();
    let builder = egui::UiBuilder::new()
        .id_salt("hazard-table")
        .accessibility_role(Role::Table)
        .accessibility_label("Hazards");
    ui.scope_builder(builder, |ui| {
        // Cells are for picking a row, not selecting text: a selectable label would eat the click.
        ui.style_mut().interaction.selectable_labels = false;
        let widths = column_widths(ui.available_width(), spacing, &view.list.column_widths);
        // The header's place is kept first and drawn after the body, so Tab reaches the selected
        // row before the sort buttons.
        let (header_rect, _) = ui.allocate_exact_size(
            egui::vec2(ui.available_width(), row_height),
            egui::Sense::hover(),
        );
        let step = row_height + ui.spacing().item_spacing.y;
        let wheeled = wheel_by_rows(
            ui,
            view.list.rows_scroll_id,
            ui.available_rect_before_wrap(),
            step,
        );
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("hazard-rows")
            .auto_shrink([false, false]);
        if let Some(offset) = wheeled {
            scroll = scroll.vertical_scroll_offset(offset);
        }
        let scroll = scroll.show_viewport(ui, |ui, viewport| {
            body_ui(
                ui,
                BodyArgs {
                    project,
                    rows,
                    selected_row,
                    table_id,
                    widths: &widths,
                    row_height,
                    viewport,
                },
                view,
                actions,
            );
        });
        view.list.rows_scroll_id = Some(scroll.id);
        view.list.page_rows = ((scroll.inner_rect.height() / step).floor() as usize).max(1);
        let header = header_ui(ui, header_rect, &widths, &mut view.list);
        let table = ui.unique_id();
        let bounds = header_rect.union(scroll.inner_rect);
        ui.ctx().accesskit_node_builder(table, |node| {
            node.set_row_count(total + 1);
            node.set_column_count(widths.len());
            // Rows scrolled out of view are not reported as showing.
            node.set_clips_children();
            node.set_bounds(super::a11y::to_accesskit_rect(bounds));
            // The header row first, as it is seen.
            let header = header.accesskit_id();
            if node.children().contains(&header) {
                let mut children: Vec<_> = node
                    .children()
                    .iter()
                    .copied()
                    .filter(|c| *c != header)
                    .collect();
                children.insert(0, header);
                node.set_children(children);
            }
        });
    });
}

struct BodyArgs<'a> {
    project: &'a Project,
    rows: &'a [usize],
    selected_row: Option<usize>,
    table_id: egui::Id,
    widths: &'a [(SortColumn, f32)],
    row_height: f32,
    viewport: egui::Rect,
}

fn body_ui(ui: &mut Ui, args: BodyArgs<'_>, view: &mut ViewState, actions: &mut Vec<Action>) {
    let step = args.row_height + ui.spacing().item_spacing.y;
    let total = args.rows.len();
    ui.set_height(step * total as f32);
    let origin = ui.min_rect().min;
    let width = ui.available_width().max(ui.min_rect().width());
    let row_height = args.row_height;
    let row_rect = move |index: usize| {
        egui::Rect::from_min_size(
            origin + egui::vec2(0.0, index as f32 * step),
            egui::vec2(width, row_height),
        )
    };
    if view.list.scroll_to_selected {
        if let Some(row) = args.selected_row {
            ui.scroll_to_rect(row_rect(row), Some(egui::Align::Center));
        }
        view.list.scroll_to_selected = false;
    }
    // The rows in view, and one more on each side for a screen reader to move to.
    let first = ((args.viewport.min.y / step).floor().max(0.0) as usize).saturating_sub(1);
    let last = ((args.viewport.max.y / step).ceil().max(0.0) as usize + 1).min(total);
    let mut shown: Vec<usize> = (first..last).collect();
    // The selected row keeps its node (and the keyboard focus) when scrolled away.
    if let Some(row) = args.selected_row
        && !(first..last).contains(&row)
    {
        shown.push(row);
    }
    let spacing = ui.spacing().item_spacing.x;
    for index in shown {
        let hazard = &args.project.hazards[args.rows[index]];
        let rect = row_rect(index);
        let selected = Some(index) == args.selected_row;
        // One Tab stop for the whole list: the selected row, or the first when none is.
        let tab_stop = selected || (args.selected_row.is_none() && index == 0);
        let id = row_id(args.table_id, hazard);
        let sense = if tab_stop {
            egui::Sense::click()
        } else {
            egui::Sense::CLICK
        };
        let response = ui.interact(rect, id, sense);
        // Named only when a screen reader asks (egui calls these only then).
        response.widget_info(|| {
            egui::WidgetInfo::labeled(Role::Row, true, row_name(hazard, args.project))
        });
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_selected(selected);
            node.set_row_index(index + 1);
            node.set_position_in_set(index + 1);
            node.set_size_of_set(total);
            if !hazard.description.trim().is_empty() {
                node.set_description(hazard.description.clone());
            }
        });
        if selected && view.list.focus_row == Some(hazard.key) {
            view.list.focus_row = None;
            response.request_focus();
        }
        if response.has_focus() {
            // Up and Down move the selection, not egui's focus.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    egui::EventFilter {
                        vertical_arrows: true,
                        ..Default::default()
                    },
                )
            });
        }
        paint_row_background(ui, rect, index, selected, response.hovered());
        let lefts = column_lefts(rect.left(), args.widths, spacing);
        for (&(column, width), left) in args.widths.iter().zip(lefts) {
            let cell_rect = egui::Rect::from_min_size(
                egui::pos2(left, rect.top()),
                egui::vec2(width, rect.height()),
            );
            cell_ui(ui, cell_rect, id, selected, |ui| {
                cell_contents_ui(ui, column, hazard, args.project)
            });
        }
        if response.clicked() {
            actions.push(Action::Select(Some(hazard.key)));
        }
        if response.double_clicked() {
            view.focus_details = true;
        }
    }
}

/// Rows a wheel notch scrolls, as desktop lists do: egui's notch (40 points) is under two
/// rows here, which makes a long log slow to move through.
const ROWS_PER_NOTCH: f32 = 3.0;

/// Tops egui's scrolling of a wheel notch up to [`ROWS_PER_NOTCH`] rows while the pointer is
/// over the rows (`area`): returns the offset the rows' scroll area (`rows_id`) starts this frame
/// at. Only wheel notches (lines): a trackpad's points already move as far as the fingers do.
fn wheel_by_rows(ui: &Ui, rows_id: Option<egui::Id>, area: egui::Rect, step: f32) -> Option<f32> {
    let over_rows = ui
        .ctx()
        .pointer_hover_pos()
        .is_some_and(|p| area.contains(p));
    if !over_rows {
        return None;
    }
    let notches: f32 = ui.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Line,
                    delta,
                    modifiers,
                    ..
                } if modifiers.is_none() => Some(delta.y),
                _ => None,
            })
            .sum()
    });
    let egui_notch = ui.ctx().options(|o| o.input_options.line_scroll_speed);
    let extra = ROWS_PER_NOTCH * step - egui_notch;
    if notches == 0.0 || extra <= 0.0 {
        return None;
    }
    let offset = egui::scroll_area::State::load(ui.ctx(), rows_id?)?
        .unclamped_offset()
        .y;
    // The area clamps the offset to its content when drawn.
    Some((offset - notches * extra).max(0.0))
}

fn paint_row_background(ui: &Ui, rect: egui::Rect, index: usize, selected: bool, hovered: bool) {
    if !ui.is_rect_visible(rect) {
        return;
    }
    let visuals = ui.visuals();
    let fill = if selected {
        Some(visuals.selection.bg_fill)
    } else if hovered {
        Some(visuals.widgets.hovered.weak_bg_fill)
    } else if index % 2 == 1 {
        Some(visuals.faint_bg_color)
    } else {
        None
    };
    if let Some(fill) = fill {
        ui.painter().rect_filled(rect, 0.0, fill);
    }
}

/// One cell: its own clipped `Ui`, a cell in the accessibility tree named by its content.
fn cell_ui(
    ui: &mut Ui,
    rect: egui::Rect,
    row: egui::Id,
    selected: bool,
    add_contents: impl FnOnce(&mut Ui) -> String,
) {
    let builder = egui::UiBuilder::new()
        .max_rect(rect)
        .layout(egui::Layout::left_to_right(egui::Align::Center))
        .accessibility_parent(row)
        .accessibility_role(Role::Cell);
    let mut cell = ui.new_child(builder);
    cell.shrink_clip_rect(rect);
    cell.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    if selected {
        let ink = cell.visuals().selection.stroke.color;
        cell.style_mut().visuals.override_text_color = Some(ink);
    }
    let name = add_contents(&mut cell);
    cell.ctx()
        .accesskit_node_builder(cell.unique_id(), |node| node.set_label(name));
}

/// Draws a cell's content; returns what a screen reader should call the cell.
fn cell_contents_ui(ui: &mut Ui, column: SortColumn, hazard: &Hazard, project: &Project) -> String {
    match column {
        SortColumn::Id => {
            ui.label(egui::RichText::new(&hazard.display_id).strong());
            hazard.display_id.clone()
        }
        SortColumn::Name => {
            ui.label(&hazard.name);
            hazard.name.clone()
        }
        SortColumn::Status => {
            ui.label(hazard.status.label());
            hazard.status.label().to_owned()
        }
        SortColumn::InitialRisk => {
            let rating = hazard.initial_rating(&project.matrix);
            risk_chip_ui(ui, rating, "Initial risk");
            risk_name(rating, "Initial risk")
        }
        SortColumn::ResidualRisk => {
            let rating = hazard.residual_rating(&project.matrix);
            risk_chip_ui(ui, rating, "Residual risk");
            risk_name(rating, "Residual risk")
        }
        SortColumn::Owner => {
            ui.label(&hazard.owner);
            hazard.owner.clone()
        }
        SortColumn::Updated => {
            let text = updated_text(hazard);
            ui.label(&text);
            text
        }
    }
}

/// The header row, drawn into `rect`; returns the row's id. Each column header is itself the
/// sort button (a sortable column header, with its sort direction, to a screen reader).
fn header_ui(
    ui: &mut Ui,
    rect: egui::Rect,
    widths: &[(SortColumn, f32)],
    list: &mut super::hazard_list::HazardListState,
) -> egui::Id {
    let spacing = ui.spacing().item_spacing.x;
    let builder = egui::UiBuilder::new()
        .max_rect(rect)
        .id_salt("hazard-table-header")
        .accessibility_role(Role::Row)
        .accessibility_label("Column headers");
    let mut header = ui.new_child(builder);
    let lefts = column_lefts(rect.left(), widths, spacing);
    let mut after_name = false;
    // A column grows only as far as the name can give way.
    let spare = widths
        .iter()
        .find(|(c, _)| *c == SortColumn::Name)
        .map_or(0.0, |(_, w)| (w - NAME_MIN).max(0.0));
    for (&(column, width), left) in widths.iter().zip(lefts) {
        let cell_rect = egui::Rect::from_min_size(
            egui::pos2(left, rect.top()),
            egui::vec2(width, rect.height()),
        );
        column_header_ui(&mut header, cell_rect, column, &mut list.query);
        if column == SortColumn::Name {
            after_name = true;
            continue;
        }
        // The edge beside the name: dragging it sizes this column, the name takes the rest.
        let edge = if after_name {
            cell_rect.left() - spacing / 2.0
        } else {
            cell_rect.right() + spacing / 2.0
        };
        let widths = (width, width + spare);
        resize_handle_ui(&mut header, edge, rect, column, widths, after_name, list);
    }
    header.unique_id()
}

/// A column edge that can be dragged to size the column (double-click: back to its default).
fn resize_handle_ui(
    ui: &mut Ui,
    x: f32,
    row: egui::Rect,
    column: SortColumn,
    (width, widest): (f32, f32),
    right_of_name: bool,
    list: &mut super::hazard_list::HazardListState,
) {
    let rect =
        egui::Rect::from_center_size(egui::pos2(x, row.center().y), egui::vec2(6.0, row.height()));
    let id = ui.unique_id().with(("resize", column.title()));
    let response = ui.interact(rect, id, egui::Sense::click_and_drag());
    let name = format!("Resize the {} column", column.title().to_lowercase());
    response.widget_info(|| egui::WidgetInfo::labeled(Role::Splitter, true, &name));
    let response = response.on_hover_cursor(egui::CursorIcon::ResizeColumn);
    if response.hovered() || response.dragged() {
        let stroke = ui.visuals().widgets.hovered.fg_stroke;
        ui.painter().vline(x, row.y_range(), stroke);
    }
    let slot = &mut list.column_widths[column.index()];
    if response.double_clicked() {
        *slot = None;
    } else if response.dragged() {
        let dx = response.drag_delta().x;
        let grown = if right_of_name {
            width - dx
        } else {
            width + dx
        };
        let widest = widest.clamp(column.min_width(), 400.0);
        *slot = Some(grown.clamp(column.min_width(), widest));
    }
}

fn column_header_ui(ui: &mut Ui, rect: egui::Rect, column: SortColumn, query: &mut ListQuery) {
    let id = ui.unique_id().with(("sort-by", column.title()));
    let response = ui
        .interact(rect, id, egui::Sense::click())
        .on_hover_text(format!("Sort by {}", column.title().to_lowercase()));
    response.widget_info(|| egui::WidgetInfo::labeled(Role::ColumnHeader, true, column.title()));
    let sorted = (query.sort == column).then_some(query.ascending);
    if let Some(ascending) = sorted {
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_sort_direction(if ascending {
                egui::accesskit::SortDirection::Ascending
            } else {
                egui::accesskit::SortDirection::Descending
            })
        });
    }
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        if response.hovered() {
            ui.painter().rect_filled(rect, 2.0, visuals.weak_bg_fill);
        }
    }
    let builder = egui::UiBuilder::new()
        .max_rect(rect.shrink2(egui::vec2(4.0, 0.0)))
        .layout(egui::Layout::left_to_right(egui::Align::Center))
        .accessibility_parent(id);
    let mut inside = ui.new_child(builder);
    inside.shrink_clip_rect(rect);
    // Painted, not a label: the header already carries the name. A narrow column shows its
    // short title ("Initial" for "Initial risk").
    let font = egui::TextStyle::Body.resolve(inside.style());
    let ink = inside.visuals().strong_text_color();
    let mut title = inside
        .painter()
        .layout_no_wrap(column.title().to_owned(), font.clone(), ink);
    let arrow_room = if sorted.is_some() { 18.0 } else { 0.0 };
    if title.size().x + arrow_room > inside.available_width() {
        title = inside
            .painter()
            .layout_no_wrap(column.short_title().to_owned(), font, ink);
    }
    let (title_rect, _) = inside.allocate_exact_size(title.size(), egui::Sense::hover());
    inside
        .painter()
        .galley(title_rect.min, title, inside.visuals().strong_text_color());
    if let Some(ascending) = sorted {
        let (arrow, order) = if ascending {
            (egui_material_icons::icons::ICON_ARROW_DROP_UP, "ascending")
        } else {
            (
                egui_material_icons::icons::ICON_ARROW_DROP_DOWN,
                "descending",
            )
        };
        inside.label(arrow).widget_info(|| {
            egui::WidgetInfo::labeled(Role::Label, true, format!("sorted {order}"))
        });
    }
    if response.clicked() {
        if query.sort == column {
            query.ascending = !query.ascending;
        } else {
            query.sort = column;
            query.ascending = true;
        }
    }
}

#[cfg(test)]
mod column_tests {
    use super::*;

    fn name_width(widths: &[(SortColumn, f32)]) -> f32 {
        widths
            .iter()
            .find(|(c, _)| *c == SortColumn::Name)
            .map(|(_, w)| *w)
            .unwrap()
    }

    #[test]
    fn the_name_takes_the_space_the_other_columns_leave() {
        let wide = column_widths(1000.0, 8.0, &[None; 7]);
        assert_eq!(wide.len(), 7, "a wide pane shows every column");
        let used: f32 = wide.iter().map(|(_, w)| w).sum::<f32>() + 8.0 * 6.0;
        assert!((used - 1000.0).abs() < 0.01, "the row is filled: {used}");
        assert!(name_width(&wide) > NAME_MIN);
    }

    #[test]
    fn in_a_narrow_pane_columns_give_way_before_the_name_gets_too_narrow() {
        // The room layout's list at 1024x768 is about 490 points wide.
        let room = column_widths(490.0, 8.0, &[None; 7]);
        let shown: Vec<_> = room.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            shown,
            [
                SortColumn::Id,
                SortColumn::Name,
                SortColumn::InitialRisk,
                SortColumn::ResidualRisk
            ]
        );
        assert!(name_width(&room) >= NAME_MIN);
        for total in (300..1400).step_by(10) {
            let widths = column_widths(total as f32, 8.0, &[None; 7]);
            let used: f32 =
                widths.iter().map(|(_, w)| w).sum::<f32>() + 8.0 * (widths.len() - 1) as f32;
            assert!(used <= total as f32 + 0.01, "{total}: {used}");
            assert!(name_width(&widths) >= NAME_MIN, "{total}");
        }
    }

    #[test]
    fn a_dragged_column_keeps_its_width_within_its_minimum() {
        let mut user = [None; 7];
        user[SortColumn::Status.index()] = Some(10.0);
        user[SortColumn::Owner.index()] = Some(200.0);
        let widths = column_widths(1200.0, 8.0, &user);
        let width = |column| widths.iter().find(|(c, _)| *c == column).unwrap().1;
        assert_eq!(width(SortColumn::Status), SortColumn::Status.min_width());
        assert_eq!(width(SortColumn::Owner), 200.0);
    }
}
