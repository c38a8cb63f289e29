//! The hazard sheet as read: its cells, hidden rows and merges, links, where the table of
//! hazards starts and stops, and which of its cells hold a formula with no stored value.

use std::collections::HashMap;

use super::report::{ImportReport, plural};
use super::workbook::Grid;
use crate::interchange::layout::column_letter;
use crate::interchange::workbook_xml::SheetLayout;

pub(super) struct Table<'a> {
    pub sheet: &'a str,
    pub grid: &'a Grid,
    pub layout: &'a SheetLayout,
    pub links: &'a HashMap<(u32, u32), String>,
    /// 0-based.
    pub header_row: u32,
    /// The last row read as data (0-based).
    pub last_row: u32,
}

impl Table<'_> {
    /// A data cell as text, with an external hyperlink's target kept: `text <target>`.
    pub fn text(&self, row: u32, col: u32) -> String {
        let text = self.grid.text(row, col);
        match self.links.get(&(row, col)) {
            Some(target) if text.trim().is_empty() => target.clone(),
            Some(target) if text.trim() != target => format!("{} <{target}>", text.trim()),
            _ => text,
        }
    }

    /// A header, taking merged header cells into account (`Links to documentation` over H:I).
    pub fn header(&self, col: u32) -> String {
        self.merged_text(self.header_row, col)
    }

    /// The group caption above a header (`Initial risk` over Severity, Likelihood and Risk),
    /// when the row above the header holds one.
    pub fn caption(&self, col: u32) -> String {
        match self.header_row.checked_sub(1) {
            Some(row) => self.merged_text(row, col),
            None => String::new(),
        }
    }

    /// A cell's text, or that of the merge it lies in.
    fn merged_text(&self, row: u32, col: u32) -> String {
        for merge in &self.layout.merges {
            if merge.first_row <= row
                && row <= merge.last_row
                && merge.first_col <= col
                && col <= merge.last_col
            {
                return self.grid.text(merge.first_row, merge.first_col);
            }
        }
        self.grid.text(row, col)
    }

    /// Formula cells of the table with no stored value read as empty: each column's are named.
    pub fn report_unstored_formulas(&self, report: &mut ImportReport) {
        let mut by_column: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
        for &(row, col) in &self.layout.formulas_without_value {
            if row > self.header_row && row <= self.last_row {
                by_column.entry(col).or_default().push(row);
            }
        }
        for (col, rows) in by_column {
            let letter = column_letter(col);
            let cells: Vec<String> = rows
                .iter()
                .take(5)
                .map(|r| format!("{letter}{}", r + 1))
                .collect();
            report.warn(
                Some(format!("'{}'!{}", self.sheet.replace('\'', "''"), cells[0])),
                format!(
                    "{} cell{} of column {letter} ({}{}) hold{} a formula with no stored value \
                     (the file was saved without calculating it): read as empty. Open the file \
                     in Excel and save it to store the values, then import it again",
                    rows.len(),
                    plural(rows.len()),
                    cells.join(", "),
                    if rows.len() > 5 { ", …" } else { "" },
                    if rows.len() == 1 { "s" } else { "" }
                ),
            );
        }
    }
}
