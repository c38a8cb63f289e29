//! The hazard list: capture line, search and filters, and a virtualised, sortable table.

use chrono::Local;
use egui::accesskit::Role;
use egui::Ui;

use super::widgets::{risk_chip_ui, risk_name, text_field};
use super::{Action, Shell, ViewState};
use crate::domain::summary::MatrixPick;
use crate::domain::{Hazard, HazardKey, Project, RiskRating, StatusKind};
use crate::shell::commands::PaneKey;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Id,
    Name,
    Status,
    InitialRisk,
    ResidualRisk,
    Owner,
    Updated,
}

impl SortColumn {
    const ALL: [SortColumn; 7] = [
        SortColumn::Id,
        SortColumn::Name,
        SortColumn::Status,
        SortColumn::InitialRisk,
        SortColumn::ResidualRisk,
        SortColumn::Owner,
        SortColumn::Updated,
    ];

    fn title(self) -> &'static str {
        match self {
            SortColumn::Id => "ID",
            SortColumn::Name => "Name",
            SortColumn::Status => "Status",
            SortColumn::InitialRisk => "Initial risk",
            SortColumn::ResidualRisk => "Residual risk",
            SortColumn::Owner => "Owner",
            SortColumn::Updated => "Updated",
        }
    }

    /// Fixed widths; the name's is worked out from the space left.
    fn width(self) -> f32 {
        match self {
            SortColumn::Id => 64.0,
            SortColumn::Name => 0.0,
            SortColumn::Status => 110.0,
            SortColumn::InitialRisk => 84.0,
            SortColumn::ResidualRisk => 100.0,
            SortColumn::Owner => 110.0,
            SortColumn::Updated => 130.0,
        }
    }
}

/// Which hazards the list shows, and in what order.
#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    pub search: String,
    pub status: Option<StatusKind>,
    /// Either assessment has this rating.
    pub rating: Option<RiskRating>,
    pub show_withdrawn: bool,
    /// A matrix cell (or the unscored tray) picked in the risk matrix.
    pub matrix: Option<MatrixPick>,
    pub sort: SortColumn,
    pub ascending: bool,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            search: String::new(),
            status: None,
            rating: None,
            show_withdrawn: false,
            matrix: None,
            sort: SortColumn::Id,
            ascending: true,
        }
    }
}

#[derive(Default)]
pub struct HazardListState {
    pub query: ListQuery,
    pub focus_search: bool,
    /// Indices into `project.hazards`, filtered and sorted; rebuilt when the document or the
    /// query changes, not every frame.
    rows: Vec<usize>,
    rows_for: Option<(u64, ListQuery)>,
    /// Scroll the table to the selected row on the next frame.
    scroll_to_selected: bool,
    /// Give this row the keyboard focus when it is drawn (the selection moved to it while the
    /// list had the focus).
    focus_row: Option<HazardKey>,
}

impl HazardListState {
    pub fn visible_rows(&mut self, project: &Project, revision: u64) -> &[usize] {
        let fresh = self
            .rows_for
            .as_ref()
            .is_some_and(|(rev, query)| *rev == revision && *query == self.query);
        if !fresh {
            self.rows = filter_and_sort(project, &self.query);
            self.rows_for = Some((revision, self.query.clone()));
        }
        &self.rows
    }
}

/// Case-insensitive search over the fields a facilitator would remember a hazard by.
fn matches_search(hazard: &Hazard, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let hit = |text: &str| text.to_lowercase().contains(needle);
    hit(&hazard.display_id)
        || hit(&hazard.name)
        || hit(&hazard.description)
        || hazard.causes.iter().any(|c| hit(c))
        || hazard.existing_controls.iter().any(|c| hit(&c.text))
        || hazard.additional_controls.iter().any(|c| hit(&c.text))
}

/// Natural order for ids: `H2` before `H10`, plain numbers numerically.
fn id_sort_key(id: &str) -> (String, u64, String) {
    let trimmed = id.trim();
    let digits_at = trimmed
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (prefix, rest) = trimmed.split_at(digits_at);
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let number = rest[..digits_end].parse().unwrap_or(0);
    (
        prefix.to_lowercase(),
        number,
        rest[digits_end..].to_lowercase(),
    )
}

pub fn filter_and_sort(project: &Project, query: &ListQuery) -> Vec<usize> {
    let needle = query.search.trim().to_lowercase();
    let matrix = &project.matrix;
    let mut rows: Vec<usize> = project
        .hazards
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            let status = h.status.kind();
            (query.show_withdrawn
                || status != StatusKind::Withdrawn
                || query.status == Some(status))
                && query.status.is_none_or(|s| s == status)
                && query.rating.is_none_or(|r| {
                    h.initial_rating(matrix) == Some(r) || h.residual_rating(matrix) == Some(r)
                })
                && query.matrix.is_none_or(|pick| pick.matches(h))
                && matches_search(h, &needle)
        })
        .map(|(i, _)| i)
        .collect();
    let hazards = &project.hazards;
    match query.sort {
        SortColumn::Id => rows.sort_by_cached_key(|&i| id_sort_key(&hazards[i].display_id)),
        SortColumn::Name => rows.sort_by_cached_key(|&i| hazards[i].name.to_lowercase()),
        SortColumn::Status => rows.sort_by_key(|&i| hazards[i].status.kind()),
        SortColumn::InitialRisk => rows.sort_by_key(|&i| hazards[i].initial_rating(matrix)),
        SortColumn::ResidualRisk => rows.sort_by_key(|&i| hazards[i].residual_rating(matrix)),
        SortColumn::Owner => rows.sort_by_cached_key(|&i| hazards[i].owner.to_lowercase()),
        SortColumn::Updated => rows.sort_by_key(|&i| hazards[i].updated),
    }
    if !query.ascending {
        rows.reverse();
    }
    rows
}

pub fn pane_ui(ui: &mut Ui, shell: &Shell<'_>, view: &mut ViewState, actions: &mut Vec<Action>) {
    capture_line_ui(ui, view, actions);
    ui.add_space(2.0);
    filters_ui(ui, view);
    let project = shell.project();
    let total = project.hazards.len();
    let rows = view
        .list
        .visible_rows(project, shell.doc.revision())
        .to_vec();
    ui.label(format!(
        "Showing {} of {} hazard{}",
        rows.len(),
        total,
        if total == 1 { "" } else { "s" }
    ));
    keyboard_ui(ui, view, &rows, project, actions);
    table_ui(ui, project, view, &rows, actions);
}

fn capture_line_ui(ui: &mut Ui, view: &mut ViewState, actions: &mut Vec<Action>) {
    let response = text_field(
        ui,
        egui::TextEdit::singleline(&mut view.capture_text)
            .hint_text("New hazard: type its name and press Enter (Ctrl+N)")
            .desired_width(f32::INFINITY),
        "New hazard: type its name and press Enter (Ctrl+N)",
        false,
    );
    if view.focus_capture {
        response.request_focus();
        view.focus_capture = false;
    }
    if response.lost_focus() && ui.input(|i| PaneKey::AddLine.pressed(i)) {
        let name = std::mem::take(&mut view.capture_text);
        if !name.trim().is_empty() {
            actions.push(Action::CaptureHazard(name));
            view.list.scroll_to_selected = true;
            view.announcer.expect_capture();
        }
        // Ready for the next one: the room rarely raises just one hazard.
        response.request_focus();
    }
}

fn filters_ui(ui: &mut Ui, view: &mut ViewState) {
    let query = &mut view.list.query;
    let search = text_field(
        ui,
        egui::TextEdit::singleline(&mut query.search)
            .hint_text("Search ID, name, description, causes, controls (Ctrl+F)")
            .desired_width(f32::INFINITY),
        "Search ID, name, description, causes, controls (Ctrl+F)",
        false,
    );
    if view.list.focus_search {
        search.request_focus();
        view.list.focus_search = false;
    }
    ui.horizontal_wrapped(|ui| {
        let status_text = query.status.map_or("Any status", StatusKind::label);
        egui::ComboBox::from_id_salt("status-filter")
            .selected_text(status_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut query.status, None, "Any status");
                for kind in StatusKind::ALL {
                    ui.selectable_value(&mut query.status, Some(kind), kind.label());
                }
            })
            .response
            .on_hover_text("Filter by status");
        let rating_text = query
            .rating
            .map_or("Any risk".to_owned(), |r| format!("Risk {r}"));
        egui::ComboBox::from_id_salt("rating-filter")
            .selected_text(rating_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut query.rating, None, "Any risk");
                for rating in RiskRating::ALL {
                    let text = format!("Risk {rating}: {}", rating.short_label());
                    ui.selectable_value(&mut query.rating, Some(rating), text);
                }
            })
            .response
            .on_hover_text("Filter by initial or residual risk rating");
        ui.checkbox(&mut query.show_withdrawn, "Show withdrawn");
    });
    if let Some(pick) = query.matrix {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                egui::RichText::new(super::risk_matrix::pick_description(pick))
                    .color(ui.visuals().hyperlink_color),
            );
            if ui
                .small_button("Clear")
                .on_hover_text("Clear the matrix filter")
                .clicked()
            {
                query.matrix = None;
            }
        });
    }
}

/// Up/Down move the selection through the visible rows; Enter opens it for editing. Ignored
/// while a text field has the keyboard.
fn keyboard_ui(
    ui: &mut Ui,
    view: &mut ViewState,
    rows: &[usize],
    project: &Project,
    actions: &mut Vec<Action>,
) {
    if ui.ctx().text_edit_focused() || rows.is_empty() || egui::Popup::is_any_open(ui.ctx()) {
        return;
    }
    let (up, down, enter) = ui.input(|i| {
        (
            PaneKey::PreviousHazard.pressed(i),
            PaneKey::NextHazard.pressed(i),
            PaneKey::EditSelectedHazard.pressed(i),
        )
    });
    let current = view
        .selected
        .and_then(|key| rows.iter().position(|&i| project.hazards[i].key == key));
    let next = match (current, up, down) {
        (Some(at), true, false) => Some(at.saturating_sub(1)),
        (Some(at), false, true) => Some((at + 1).min(rows.len() - 1)),
        (None, true, _) | (None, _, true) => Some(0),
        _ => None,
    };
    if let Some(next) = next {
        actions.push(Action::Select(Some(project.hazards[rows[next]].key)));
        view.list.scroll_to_selected = true;
        // The focus follows the selection when it was on the selected row.
        let table = ui.make_persistent_id("hazard-table");
        let row_had_focus = current.is_some_and(|at| {
            ui.memory(|m| m.has_focus(row_id(table, &project.hazards[rows[at]])))
        });
        view.list.focus_row = row_had_focus.then_some(project.hazards[rows[next]].key);
    }
    if enter && current.is_some() {
        view.focus_details = true;
    }
}

/// Column widths: the name takes what the others leave (at least 160 points).
fn column_widths(total: f32, spacing: f32) -> [f32; 7] {
    let mut widths = SortColumn::ALL.map(SortColumn::width);
    let fixed: f32 = widths.iter().sum::<f32>() + spacing * (widths.len() - 1) as f32;
    widths[1] = (total - fixed).max(160.0);
    widths
}

/// Where each column starts, from `left`.
fn column_lefts(left: f32, widths: &[f32; 7], spacing: f32) -> [f32; 7] {
    let mut x = left;
    widths.map(|w| {
        let at = x;
        x += w + spacing;
        at
    })
}

fn row_id(table: egui::Id, hazard: &Hazard) -> egui::Id {
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
fn table_ui(
    ui: &mut Ui,
    project: &Project,
    view: &mut ViewState,
    rows: &[usize],
    actions: &mut Vec<Action>,
) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let spacing = ui.spacing().item_spacing.x;
    let table_id = ui.make_persistent_id("hazard-table");
    let selected_row = view
        .selected
        .and_then(|key| rows.iter().position(|&i| project.hazards[i].key == key));
    let total = rows.len();
    let builder = egui::UiBuilder::new()
        .id_salt("hazard-table")
        .accessibility_role(Role::Table)
        .accessibility_label("Hazards");
    ui.scope_builder(builder, |ui| {
        // Cells are for picking a row, not selecting text: a selectable label would eat the click.
        ui.style_mut().interaction.selectable_labels = false;
        let widths = column_widths(ui.available_width(), spacing);
        // The header's place is kept first and drawn after the body, so Tab reaches the selected
        // row before the sort buttons.
        let (header_rect, _) = ui.allocate_exact_size(
            egui::vec2(ui.available_width(), row_height),
            egui::Sense::hover(),
        );
        let scroll = egui::ScrollArea::vertical()
            .id_salt("hazard-rows")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                body_ui(
                    ui,
                    BodyArgs {
                        project,
                        rows,
                        selected_row,
                        table_id,
                        widths,
                        row_height,
                        viewport,
                    },
                    view,
                    actions,
                );
            });
        let header = header_ui(ui, header_rect, &widths, &mut view.list.query);
        let table = ui.unique_id();
        let bounds = header_rect.union(scroll.inner_rect);
        ui.ctx().accesskit_node_builder(table, |node| {
            node.set_row_count(total + 1);
            node.set_column_count(SortColumn::ALL.len());
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
    widths: [f32; 7],
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
        let name = row_name(hazard, args.project);
        response.widget_info(|| egui::WidgetInfo::labeled(Role::Row, true, &name));
        let description = hazard.description.clone();
        ui.ctx().accesskit_node_builder(id, |node| {
            node.set_selected(selected);
            node.set_row_index(index + 1);
            node.set_position_in_set(index + 1);
            node.set_size_of_set(total);
            if !description.trim().is_empty() {
                node.set_description(description);
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
        let lefts = column_lefts(rect.left(), &args.widths, spacing);
        for (column, (left, width)) in SortColumn::ALL
            .into_iter()
            .zip(lefts.into_iter().zip(args.widths))
        {
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

/// The header row of sort buttons, drawn into `rect`; returns the row's id.
fn header_ui(ui: &mut Ui, rect: egui::Rect, widths: &[f32; 7], query: &mut ListQuery) -> egui::Id {
    let spacing = ui.spacing().item_spacing.x;
    let builder = egui::UiBuilder::new()
        .max_rect(rect)
        .id_salt("hazard-table-header")
        .accessibility_role(Role::Row)
        .accessibility_label("Column headers");
    let mut header = ui.new_child(builder);
    let lefts = column_lefts(rect.left(), widths, spacing);
    for (column, (left, width)) in SortColumn::ALL
        .into_iter()
        .zip(lefts.into_iter().zip(*widths))
    {
        let cell_rect = egui::Rect::from_min_size(
            egui::pos2(left, rect.top()),
            egui::vec2(width, rect.height()),
        );
        let builder = egui::UiBuilder::new()
            .max_rect(cell_rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center))
            .accessibility_role(Role::ColumnHeader)
            .accessibility_label(column.title());
        let mut cell = header.new_child(builder);
        cell.shrink_clip_rect(cell_rect);
        column_header_ui(&mut cell, column, query);
    }
    header.unique_id()
}

fn column_header_ui(ui: &mut Ui, column: SortColumn, query: &mut ListQuery) {
    let title = egui::RichText::new(column.title()).strong();
    let response = ui
        .add(egui::Button::new(title).frame(false))
        .on_hover_text(format!("Sort by {}", column.title().to_lowercase()));
    if query.sort == column {
        let arrow = if query.ascending {
            egui_material_icons::icons::ICON_ARROW_DROP_UP
        } else {
            egui_material_icons::icons::ICON_ARROW_DROP_DOWN
        };
        let order = if query.ascending {
            "ascending"
        } else {
            "descending"
        };
        ui.label(arrow).widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Label, true, format!("sorted {order}"))
        });
        ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
            node.set_sort_direction(if query.ascending {
                egui::accesskit::SortDirection::Ascending
            } else {
                egui::accesskit::SortDirection::Descending
            })
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
mod tests {
    use super::*;
    use crate::domain::{Assessment, HazardKey, HazardStatus, Likelihood, Severity};
    use chrono::DateTime;

    fn project() -> Project {
        let mut project = Project::default();
        let mut add = |id: &str, name: &str, status: HazardStatus| {
            let key = HazardKey(project.hazards.len() as u64 + 1);
            let mut h = Hazard::new(key, id.into(), name.into(), DateTime::UNIX_EPOCH);
            h.status = status;
            project.hazards.push(h);
        };
        add("H10", "Allergy not shown", HazardStatus::Open);
        add("H2", "Wrong patient selected", HazardStatus::NewForTriage);
        add(
            "H1",
            "Duplicate order",
            HazardStatus::Withdrawn {
                reason: "Merged into H10".into(),
            },
        );
        project.hazards[0].causes.push("Interface down".into());
        project.hazards[1].initial = Assessment::new(Severity::Major, Likelihood::High);
        project
    }

    fn ids(project: &Project, rows: &[usize]) -> Vec<String> {
        rows.iter()
            .map(|&i| project.hazards[i].display_id.clone())
            .collect()
    }

    #[test]
    fn ids_sort_naturally_and_withdrawn_are_hidden() {
        let p = project();
        let rows = filter_and_sort(&p, &ListQuery::default());
        assert_eq!(ids(&p, &rows), ["H2", "H10"]);
        let with_withdrawn = ListQuery {
            show_withdrawn: true,
            ..ListQuery::default()
        };
        assert_eq!(
            ids(&p, &filter_and_sort(&p, &with_withdrawn)),
            ["H1", "H2", "H10"]
        );
    }

    #[test]
    fn search_looks_in_causes_and_filters_combine() {
        let p = project();
        let query = ListQuery {
            search: "INTERFACE".into(),
            ..ListQuery::default()
        };
        assert_eq!(ids(&p, &filter_and_sort(&p, &query)), ["H10"]);
        let query = ListQuery {
            rating: RiskRating::new(4),
            ..ListQuery::default()
        };
        assert_eq!(ids(&p, &filter_and_sort(&p, &query)), ["H2"]);
        let query = ListQuery {
            status: Some(StatusKind::Withdrawn),
            ..ListQuery::default()
        };
        assert_eq!(
            ids(&p, &filter_and_sort(&p, &query)),
            ["H1"],
            "asking for withdrawn shows them"
        );
    }

    #[test]
    fn sorting_reverses() {
        let p = project();
        let query = ListQuery {
            sort: SortColumn::Name,
            ascending: false,
            ..ListQuery::default()
        };
        assert_eq!(ids(&p, &filter_and_sort(&p, &query)), ["H2", "H10"]);
    }
}
