//! The account of an import that the user reads: which sheet and columns were read as what, and
//! every warning with its cell.

use std::path::PathBuf;

use crate::interchange::layout::column_letter;
use crate::interchange::merge::HazardField;

/// A column of the hazard sheet and what it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMapping {
    /// `A`, `B`, …
    pub column: String,
    pub header: String,
    /// What the column was read as (`Hazard id`, `Initial severity`, `extra field`, …).
    pub field: String,
}

/// Something the user should know about the import, at a cell when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportWarning {
    /// `'Hazard Log'!I5`, or a range.
    pub cell: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.cell {
            Some(cell) => write!(f, "{cell}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// How a spreadsheet was read.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    pub file: PathBuf,
    /// The sheet the hazards came from.
    pub sheet: String,
    /// 1-based, as Excel numbers rows.
    pub header_row: u32,
    /// The layout recognised by its header, when it is one the app knows by name.
    pub layout: Option<String>,
    /// Non-empty rows below the header row that were looked at.
    pub rows_read: usize,
    pub hazards_created: usize,
    /// Columns read into hazard fields.
    pub mappings: Vec<ColumnMapping>,
    /// Columns kept as extra fields on each hazard.
    pub extras: Vec<ColumnMapping>,
    /// Sheets the cover page and version history were read from.
    pub metadata_sheets: Vec<String>,
    /// Our own Meetings, Minutes and Actions sheets read back.
    pub workshop_sheets: Vec<String>,
    /// Meetings, minute entries and actions read from them.
    pub workshop_counts: (usize, usize, usize),
    /// Other sheets kept cell by cell with the project, written back on export.
    pub kept_sheets: Vec<String>,
    /// The workbook's risk matrix sheet, not kept: the project's matrix is written instead.
    pub matrix_sheet: Option<String>,
    /// The matrix the ratings were checked against.
    pub matrix_name: String,
    /// The hazard fields the sheet has columns for (what a merge may change).
    pub fields: Vec<HazardField>,
    pub warnings: Vec<ImportWarning>,
    /// Set when the hazard sheet was not read to its end: the import is not the whole log.
    pub truncated: Option<Truncation>,
}

/// Why the hazard sheet was not read to its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truncation {
    /// The sheet goes on below the `limit` rows read under its header row.
    Rows { limit: u32 },
    /// The sheet has more than `limit` filled cells; `row` (0-based) and those below were
    /// left out.
    Cells { limit: usize, row: u32 },
    /// The sheet's cells hold more than `limit` bytes of text; `row` (0-based) and those below
    /// were left out.
    Text { limit: usize, row: u32 },
}

impl Truncation {
    /// What was left out, to follow the sheet's name.
    pub fn describe(&self) -> String {
        match self {
            Truncation::Rows { limit } => format!(
                "goes on below the first {limit} rows under its header row, the most that are \
                 read; the rows below them were left out"
            ),
            Truncation::Cells { limit, row } => format!(
                "has more than {limit} filled cells, the most that are read; row {} and the \
                 rows below it were left out",
                row + 1
            ),
            Truncation::Text { limit, row } => format!(
                "holds more than {} MB of text, the most that is read; row {} and the rows \
                 below it were left out",
                limit >> 20,
                row + 1
            ),
        }
    }
}

impl ImportReport {
    pub(super) fn warn(&mut self, cell: Option<String>, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            cell,
            message: message.into(),
        });
    }

    /// When the import is not the whole log: what was left out, which rows were read and how
    /// many hazards they gave, in one paragraph.
    pub fn truncation_text(&self) -> Option<String> {
        let cut = self.truncated?;
        let last_read = match cut {
            Truncation::Rows { limit } => self.header_row.saturating_add(limit),
            // 0-based, the first row left out is the 1-based number of the last row read.
            Truncation::Cells { row, .. } | Truncation::Text { row, .. } => row,
        };
        Some(format!(
            "sheet '{}' {}. Only rows {} to {last_read} were read, giving {} hazard{}: this is \
             not the whole hazard log.",
            self.sheet,
            cut.describe(),
            self.header_row + 1,
            self.hazards_created,
            plural(self.hazards_created)
        ))
    }

    /// The report as plain text, for the command line and the import dialog. An incomplete
    /// import says so on its first line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(truncation) = self.truncation_text() {
            out.push_str(&format!("INCOMPLETE: {truncation}\n"));
        }
        let file = self
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.file.display().to_string());
        out.push_str(&format!(
            "Imported “{file}”: sheet '{}', header row {}.\n",
            self.sheet, self.header_row
        ));
        if let Some(layout) = &self.layout {
            out.push_str(&format!("Layout: {layout}.\n"));
        }
        out.push_str(&format!(
            "{} row{} read, {} hazard{} created.\n",
            self.rows_read,
            plural(self.rows_read),
            self.hazards_created,
            plural(self.hazards_created)
        ));
        if self.hazards_created == 0 {
            out.push_str("The sheet has a hazard log header row but no hazards below it.\n");
        }
        self.columns_text(&mut out);
        if self.metadata_sheets.is_empty() {
            out.push_str("No cover page or version history found.\n");
        } else {
            out.push_str(&format!(
                "Cover page and version history read from: {}.\n",
                self.metadata_sheets.join(", ")
            ));
        }
        if !self.workshop_sheets.is_empty() {
            let (meetings, entries, actions) = self.workshop_counts;
            out.push_str(&format!(
                "Workshop records read from {}: {meetings} meeting{}, {entries} minute entr{}, \
                 {actions} action{}.\n",
                self.workshop_sheets.join(", "),
                plural(meetings),
                if entries == 1 { "y" } else { "ies" },
                plural(actions)
            ));
        }
        if !self.kept_sheets.is_empty() {
            out.push_str(&format!(
                "Other sheets kept as they are (written back on export): {}.\n",
                self.kept_sheets.join(", ")
            ));
        }
        out.push_str(&format!(
            "Risk ratings recomputed with the {} matrix.\n",
            self.matrix_name
        ));
        if let Some(sheet) = &self.matrix_sheet {
            out.push_str(&format!(
                "Sheet '{sheet}' not kept: the export writes the {} matrix in its place.\n",
                self.matrix_name
            ));
        }
        if self.warnings.is_empty() {
            out.push_str("No warnings.\n");
        } else {
            out.push_str(&format!("Warnings ({}):\n", self.warnings.len()));
            for w in &self.warnings {
                out.push_str(&format!("  {w}\n"));
            }
        }
        out
    }

    /// The columns read into fields, then those kept as extra fields.
    fn columns_text(&self, out: &mut String) {
        out.push_str("Columns read:\n");
        let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        for m in &self.mappings {
            out.push_str(&format!(
                "  {:<3} {} -> {}\n",
                m.column,
                one_line(&m.header),
                m.field
            ));
        }
        if !self.extras.is_empty() {
            out.push_str("Columns kept as extra fields on each hazard:\n");
            for m in &self.extras {
                out.push_str(&format!("  {:<3} {}\n", m.column, one_line(&m.header)));
            }
        }
    }
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `'Sheet'!C:C`: a whole column, for warnings about a column rather than a cell.
pub(super) fn whole_column(sheet: &str, col: u32) -> String {
    let letter = column_letter(col);
    format!("'{}'!{letter}:{letter}", sheet.replace('\'', "''"))
}
