//! Which rows of the hazard sheet make up each hazard: rows sharing an id (one row per control)
//! are grouped, rows without an id continue the hazard above or are skipped as notes, and every
//! row left out or read in doubt is reported.

use std::collections::BTreeMap;

use calamine::Data;

use super::columns::Columns;
use super::headers::Kind;
use super::report::{ImportReport, plural};
use super::table::Table;
use crate::domain::risk::normalise;
use crate::interchange::layout::cell_address;

/// The cells of one row that belong to mapped or extra columns, as text.
pub(super) struct RowData {
    pub row: u32,
    pub cells: Vec<(u32, String)>,
}

impl RowData {
    /// The trimmed text in `col`, empty when the row has none.
    fn text_in(&self, col: Option<u32>) -> String {
        col.and_then(|c| self.cells.iter().find(|(cc, _)| *cc == c))
            .map(|(_, t)| t.trim().to_owned())
            .unwrap_or_default()
    }
}

/// The rows of one hazard.
pub(super) struct Group {
    pub id: String,
    pub first_row: u32,
    pub rows: Vec<RowData>,
}

/// `(name, first_row, last_row)` of the defined names that point into `sheet`.
pub(super) fn named_ranges_on(names: &[(String, String)], sheet: &str) -> Vec<(String, u32, u32)> {
    let mut ranges = Vec::new();
    for (name, formula) in names {
        if name.starts_with("_xlnm") || formula.contains("#REF!") {
            continue;
        }
        for area in formula.trim_start_matches('=').split(',') {
            let Some((sheet_part, range)) = area.rsplit_once('!') else {
                continue;
            };
            let sheet_name = sheet_part.trim().trim_matches('\'').replace("''", "'");
            if sheet_name != sheet {
                continue;
            }
            let range = range.replace('$', "");
            let (first, last) = range.split_once(':').unwrap_or((&range, &range));
            let row_of = |cell: &str| {
                cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .parse::<u32>()
                    .ok()
            };
            if let (Some(first), Some(last)) = (row_of(first), row_of(last))
                && first >= 1
            {
                ranges.push((name.clone(), first - 1, last.max(first) - 1));
            }
        }
    }
    ranges
}

/// The rows below the header, grouped into hazards, in sheet order.
pub(super) fn group_rows(
    table: &Table,
    columns: &Columns,
    named_ranges: &[(String, u32, u32)],
    report: &mut ImportReport,
) -> Vec<Group> {
    let mut grouping = Grouping {
        table,
        columns,
        name_column: columns.column_of(Kind::Name),
        groups: Vec::new(),
        skipped: Vec::new(),
        hidden_skipped: Vec::new(),
        hidden_read: 0,
        filtered_read: 0,
        previous_row: None,
        continues_group: false,
    };
    for (&row, cells) in table.grid.rows.range(table.header_row + 1..=table.last_row) {
        let Some(data) = row_data(table, columns, row, cells) else {
            continue;
        };
        report.rows_read += 1;
        grouping.add(data, report);
    }
    grouping.report_skipped(named_ranges, report);
    grouping.report_hidden(report);
    grouping.groups
}

/// The non-blank cells of a row in mapped or extra columns; `None` for a blank row.
fn row_data(
    table: &Table,
    columns: &Columns,
    row: u32,
    cells: &BTreeMap<u32, Data>,
) -> Option<RowData> {
    let mut data = RowData {
        row,
        cells: Vec::new(),
    };
    for &col in cells.keys() {
        if !columns.roles.contains_key(&col) {
            continue;
        }
        let text = table.text(row, col);
        if !text.trim().is_empty() {
            data.cells.push((col, text));
        }
    }
    (!data.cells.is_empty()).then_some(data)
}

/// The state of grouping the rows, one row at a time.
struct Grouping<'t, 'a> {
    table: &'t Table<'a>,
    columns: &'t Columns,
    name_column: Option<u32>,
    groups: Vec<Group>,
    /// Rows without an id after the end of the table, in runs: (first, last, samples).
    skipped: Vec<(u32, u32, Vec<String>)>,
    hidden_skipped: Vec<u32>,
    hidden_read: usize,
    filtered_read: usize,
    previous_row: Option<u32>,
    /// The row before was part of a hazard, so a row without an id may continue it.
    continues_group: bool,
}

impl Grouping<'_, '_> {
    fn add(&mut self, data: RowData, report: &mut ImportReport) {
        let row = data.row;
        let gap = self.previous_row.is_none_or(|p| row > p + 1);
        self.previous_row = Some(row);
        let id = data.text_in(self.columns.id_column);
        let layout = self.table.layout;
        let hidden = layout.hidden_rows.contains(&row);
        if hidden && layout.filter_active {
            self.filtered_read += 1;
        }
        if hidden && !layout.filter_active {
            if id.is_empty() {
                self.hidden_skipped.push(row);
                self.continues_group = false;
                return;
            }
            self.hidden_read += 1;
        }
        if self.columns.id_column.is_some() && id.is_empty() {
            self.add_without_id(data, gap, report);
        } else {
            self.continues_group = true;
            self.add_with_id(data, id, gap);
        }
    }

    /// A row without an id continues the hazard straight above it when it has no name or the
    /// same name; with another name it is a new hazard; after the table it is skipped.
    fn add_without_id(&mut self, data: RowData, gap: bool, report: &mut ImportReport) {
        let row = data.row;
        let name = data.text_in(self.name_column);
        let name_column = self.name_column;
        let id_cell = self.id_cell(row);
        match self.groups.last_mut() {
            Some(group) if self.continues_group && !gap => {
                let group_name = group
                    .rows
                    .iter()
                    .find_map(|r| {
                        r.cells
                            .iter()
                            .find(|(c, _)| Some(*c) == name_column)
                            .map(|(_, t)| t.trim().to_owned())
                    })
                    .unwrap_or_default();
                if name.is_empty() || normalise(&name) == normalise(&group_name) {
                    report.warn(
                        Some(id_cell),
                        format!(
                            "row {} has no hazard id; it was read as part of {} (the row above)",
                            row + 1,
                            group.id
                        ),
                    );
                    group.rows.push(data);
                    return;
                }
                // A new hazard without an id, straight after the one before.
                self.groups.push(Group {
                    id: String::new(),
                    first_row: row,
                    rows: vec![data],
                });
            }
            _ => {
                let sample = data
                    .cells
                    .first()
                    .map(|(_, t)| t.trim().chars().take(40).collect::<String>())
                    .unwrap_or_default();
                match self.skipped.last_mut() {
                    Some((_, last, samples)) if *last + 1 == row => {
                        *last = row;
                        samples.push(sample);
                    }
                    _ => self.skipped.push((row, row, vec![sample])),
                }
                self.continues_group = false;
            }
        }
    }

    /// A row with the id of the hazard straight above joins it; otherwise it starts a hazard.
    fn add_with_id(&mut self, data: RowData, id: String, gap: bool) {
        let row = data.row;
        match self.groups.last_mut() {
            Some(group)
                if !id.is_empty() && !gap && group.id.to_lowercase() == id.to_lowercase() =>
            {
                group.rows.push(data)
            }
            // An id used before, further up, starts a hazard of its own: `ids` reports it.
            _ => {
                self.groups.push(Group {
                    id,
                    first_row: row,
                    rows: vec![data],
                });
            }
        }
    }

    fn id_cell(&self, row: u32) -> String {
        cell_address(self.table.sheet, row, self.columns.id_column.unwrap_or(0))
    }

    /// Each run of skipped rows, with why they look like something other than hazards.
    fn report_skipped(&self, named_ranges: &[(String, u32, u32)], report: &mut ImportReport) {
        for (first, last, samples) in &self.skipped {
            let (first, last) = (*first, *last);
            let names: Vec<&str> = named_ranges
                .iter()
                .filter(|(_, f, l)| *f <= last && first <= *l)
                .map(|(n, _, _)| n.as_str())
                .collect();
            let why = if names.is_empty() {
                "they look like notes or drop-down lists, not hazards".to_owned()
            } else {
                format!(
                    "they hold the drop-down list{} {}",
                    if names.len() == 1 { "" } else { "s" },
                    names
                        .iter()
                        .map(|n| format!("“{n}”"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let count = (last - first + 1) as usize;
            let shown: Vec<String> = samples.iter().take(3).map(|s| format!("“{s}”")).collect();
            report.warn(
                Some(format!(
                    "'{}'!{}:{}",
                    self.table.sheet.replace('\'', "''"),
                    first + 1,
                    last + 1
                )),
                format!(
                    "{count} row{} without a hazard id below the table {} skipped: {why} ({}{})",
                    plural(count),
                    was_were(count),
                    shown.join(", "),
                    if count > 3 { ", …" } else { "" }
                ),
            );
        }
    }

    /// Hidden rows skipped or read, and rows a saved filter hid.
    fn report_hidden(&self, report: &mut ImportReport) {
        if let (Some(first), Some(last)) = (self.hidden_skipped.first(), self.hidden_skipped.last())
        {
            let count = self.hidden_skipped.len();
            report.warn(
                None,
                format!(
                    "{count} hidden row{} without a hazard id (between rows {} and {}) {} skipped",
                    plural(count),
                    first + 1,
                    last + 1,
                    was_were(count)
                ),
            );
        }
        if self.hidden_read > 0 {
            report.warn(
                None,
                format!(
                    "{} hidden row{} with a hazard id {} read all the same",
                    self.hidden_read,
                    plural(self.hidden_read),
                    was_were(self.hidden_read)
                ),
            );
        }
        if self.table.layout.filter_active && self.filtered_read > 0 {
            report.warn(
                None,
                format!(
                    "the sheet was saved with a filter on: the {} row{} it hid {} read too",
                    self.filtered_read,
                    plural(self.filtered_read),
                    was_were(self.filtered_read)
                ),
            );
        }
    }
}

fn was_were(n: usize) -> &'static str {
    if n == 1 { "was" } else { "were" }
}
