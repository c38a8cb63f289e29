//! The hazard list: capture line, search and filters, and a virtualised, sortable table.

use egui::Ui;

use super::hazard_table;
use super::widgets::text_field;
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
    pub(super) const ALL: [SortColumn; 7] = [
        SortColumn::Id,
        SortColumn::Name,
        SortColumn::Status,
        SortColumn::InitialRisk,
        SortColumn::ResidualRisk,
        SortColumn::Owner,
        SortColumn::Updated,
    ];

    pub(super) fn title(self) -> &'static str {
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

    /// The header's title where the full one does not fit its column.
    pub(super) fn short_title(self) -> &'static str {
        match self {
            SortColumn::InitialRisk => "Initial",
            SortColumn::ResidualRisk => "Residual",
            other => other.title(),
        }
    }

    /// The column's place in [`SortColumn::ALL`].
    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// Widths until the user drags a column's edge; the name's is worked out from the space
    /// left.
    pub(super) fn width(self) -> f32 {
        match self {
            SortColumn::Id => 64.0,
            SortColumn::Name => 0.0,
            SortColumn::Status => 110.0,
            SortColumn::InitialRisk => 72.0,
            SortColumn::ResidualRisk => 84.0,
            SortColumn::Owner => 110.0,
            SortColumn::Updated => 130.0,
        }
    }

    /// The narrowest a column can be dragged (the name's is the table's own minimum).
    pub(super) fn min_width(self) -> f32 {
        match self {
            SortColumn::Id => 48.0,
            SortColumn::Name => 0.0,
            SortColumn::Status => 64.0,
            SortColumn::InitialRisk | SortColumn::ResidualRisk => 56.0,
            SortColumn::Owner => 56.0,
            SortColumn::Updated => 80.0,
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

impl ListQuery {
    /// Whether the list shows `hazard`; `needle` is the search text, trimmed and lower-cased.
    fn shows(&self, hazard: &Hazard, matrix: &crate::domain::RiskMatrix, needle: &str) -> bool {
        let status = hazard.status.kind();
        (self.show_withdrawn || status != StatusKind::Withdrawn || self.status == Some(status))
            && self.status.is_none_or(|s| s == status)
            && self.rating.is_none_or(|r| {
                hazard.initial_rating(matrix) == Some(r)
                    || hazard.residual_rating(matrix) == Some(r)
            })
            && self.matrix.is_none_or(|pick| pick.matches(hazard))
            && matches_search(hazard, needle)
    }

    /// Drops the search and filters (keeping the sort), so every live hazard is listed.
    fn clear_filters(&mut self) {
        *self = ListQuery {
            sort: self.sort,
            ascending: self.ascending,
            show_withdrawn: self.show_withdrawn,
            ..ListQuery::default()
        };
    }
}

#[derive(Default)]
pub struct HazardListState {
    pub query: ListQuery,
    pub focus_search: bool,
    /// Indices into `project.hazards`, filtered and sorted; rebuilt when the document or the
    /// query changes, not every frame.
    rows: std::sync::Arc<[usize]>,
    rows_for: Option<(u64, ListQuery)>,
    /// Counted up each time `rows` is made again.
    rows_generation: u64,
    /// Which row the selected hazard is in, for the rows of this generation.
    selected_row_for: Option<(u64, HazardKey, Option<usize>)>,
    /// Scroll the table to the selected row on the next frame.
    pub(super) scroll_to_selected: bool,
    /// Give this row the keyboard focus when it is drawn (the selection moved to it while the
    /// list had the focus).
    pub(super) focus_row: Option<HazardKey>,
    /// How many rows the table shows at once: what PageUp and PageDown move.
    pub(super) page_rows: usize,
    /// The rows' scroll area, as drawn last frame.
    pub(super) rows_scroll_id: Option<egui::Id>,
    /// Column widths the user set by dragging a column's edge (the name takes what is left).
    pub(super) column_widths: [Option<f32>; 7],
    /// The matrix filter the last frame was drawn with: a new one that hides the selected
    /// hazard clears the selection.
    matrix_seen: Option<MatrixPick>,
}

impl HazardListState {
    /// Brings hazard `key` (just captured) into the list: if the search or a filter hides it,
    /// they are cleared. Returns whether they were, so the user can be told.
    pub fn reveal(&mut self, project: &Project, key: HazardKey) -> bool {
        self.scroll_to_selected = true;
        let Some(hazard) = project.hazard(key) else {
            return false;
        };
        let needle = self.query.search.trim().to_lowercase();
        if self.query.shows(hazard, &project.matrix, &needle) {
            return false;
        }
        self.query.clear_filters();
        if !self.query.shows(hazard, &project.matrix, "") {
            // Withdrawn hazards are not captured, but be sure it is listed.
            self.query.show_withdrawn = true;
        }
        self.matrix_seen = None;
        true
    }

    /// The rows the list shows (shared, not copied: a frame of a 100,000-hazard log must not
    /// copy its row order).
    pub fn visible_rows(&mut self, project: &Project, revision: u64) -> std::sync::Arc<[usize]> {
        let fresh = self
            .rows_for
            .as_ref()
            .is_some_and(|(rev, query)| *rev == revision && *query == self.query);
        if !fresh {
            self.rows = filter_and_sort(project, &self.query).into();
            self.rows_for = Some((revision, self.query.clone()));
            self.rows_generation += 1;
        }
        self.rows.clone()
    }

    /// The row of hazard `key` among the rows [`Self::visible_rows`] last made; looked for again
    /// only when the rows or the key changed, not every frame.
    pub fn row_of(&mut self, project: &Project, key: Option<HazardKey>) -> Option<usize> {
        let key = key?;
        match self.selected_row_for {
            Some((generation, at, row)) if generation == self.rows_generation && at == key => row,
            _ => {
                let row = self
                    .rows
                    .iter()
                    .position(|&i| project.hazards[i].key == key);
                self.selected_row_for = Some((self.rows_generation, key, row));
                row
            }
        }
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
        .filter(|(_, h)| query.shows(h, matrix, &needle))
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
    super::walk::current_line_ui(ui, shell.project(), &view.walk);
    capture_line_ui(ui, view, actions);
    ui.add_space(2.0);
    filters_ui(ui, view);
    let project = shell.project();
    let total = project.hazards.len();
    let rows = view.list.visible_rows(project, shell.doc.revision());
    ui.label(format!(
        "Showing {} of {} hazard{}",
        rows.len(),
        total,
        if total == 1 { "" } else { "s" }
    ));
    hide_selection_under_new_matrix_filter(view, &rows, project, actions);
    keyboard_ui(ui, view, &rows, project, actions);
    hazard_table::table_ui(ui, project, view, &rows, actions);
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

/// A matrix cell picked that does not hold the selected hazard clears the selection, so the
/// editor never shows a hazard the list hides. Only when the filter changes: scoring the
/// selected hazard out of the cell keeps it in the editor.
fn hide_selection_under_new_matrix_filter(
    view: &mut ViewState,
    rows: &[usize],
    project: &Project,
    actions: &mut Vec<Action>,
) {
    let pick = view.list.query.matrix;
    if pick == view.list.matrix_seen {
        return;
    }
    view.list.matrix_seen = pick;
    let hidden = view
        .selected
        .is_some_and(|key| !rows.iter().any(|&i| project.hazards[i].key == key));
    if pick.is_some() && hidden {
        actions.push(Action::Select(None));
    }
}

/// Up/Down, PageUp/PageDown and Home/End move the selection through the visible rows; Enter
/// opens it for editing. Ignored while a text field has the keyboard.
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
    let enter = ui.input(|i| PaneKey::EditSelectedHazard.pressed(i));
    // How far each key moves the selection, in rows (Home and End go all the way).
    let page = view.list.page_rows.max(1) as isize;
    let moves = [
        (PaneKey::PreviousHazard, -1),
        (PaneKey::NextHazard, 1),
        (PaneKey::HazardPageUp, -page),
        (PaneKey::HazardPageDown, page),
        (PaneKey::FirstHazard, isize::MIN / 2),
        (PaneKey::LastHazard, isize::MAX / 2),
    ];
    let step = ui.input(|i| moves.iter().find(|(key, _)| key.pressed(i)).map(|m| m.1));
    let current = view.list.row_of(project, view.selected);
    let table = hazard_table::table_id(ui);
    // The list's keys work from the list (or with nothing focused): a focused button or an
    // open score picker keeps its own Enter and arrows.
    let focused = ui.memory(|m| m.focused());
    let on_list = focused.is_none()
        || current.is_some_and(|at| {
            focused == Some(hazard_table::row_id(table, &project.hazards[rows[at]]))
        });
    if !on_list {
        return;
    }
    let last = rows.len() as isize - 1;
    let next = step.map(|step| match current {
        Some(at) => (at as isize).saturating_add(step).clamp(0, last) as usize,
        None if step == isize::MAX / 2 => last as usize,
        None => 0,
    });
    if let Some(next) = next {
        actions.push(Action::Select(Some(project.hazards[rows[next]].key)));
        view.list.scroll_to_selected = true;
        // The focus follows the selection when it was on the selected row.
        let row_had_focus = current.is_some_and(|at| {
            ui.memory(|m| m.has_focus(hazard_table::row_id(table, &project.hazards[rows[at]])))
        });
        view.list.focus_row = row_had_focus.then_some(project.hazards[rows[next]].key);
    }
    // Enter on another widget (a button elsewhere) is that widget's, not the list's.
    let focus_on_list = current.is_some_and(|at| {
        let row = hazard_table::row_id(hazard_table::table_id(ui), &project.hazards[rows[at]]);
        ui.memory(|m| m.focused().is_none_or(|id| id == row))
    });
    if enter && focus_on_list {
        view.focus_details = true;
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
