//! Reading a hazard log from a spreadsheet, whatever its layout: the NHS workbook ("layout A"),
//! the CDS API log (one row per control), the GP Connect consumer log (no scores), and the like.
//!
//! The hazard sheet is found by its header row, not its name. Headers are compared trimmed,
//! whitespace-collapsed and case-insensitively, with synonyms. Every risk rating is recomputed
//! from severity and likelihood with the project's matrix, and any disagreement with the sheet is
//! reported with its cell address and noted on the hazard. Columns the importer cannot map are
//! kept on each hazard as extra fields, so that nothing is lost. The work is bounded: at most
//! [`MAX_ROWS`] rows are read and a cell's text is cut at [`MAX_CELL_BYTES`], with a warning.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Data, Reader, SheetVisible, Sheets, Xlsx, open_workbook_from_rs};
use chrono::{DateTime, Utc};

use super::cell_text::{parse_control_kind, parse_controls, parse_list, parse_status};
use super::layout::{HAZARD_COLUMNS, cell_address, column_letter};
use super::merge::{HazardField, MergePlan, plan_merge_fields};
use super::workbook_xml::{self, SheetLayout};
use crate::domain::risk::normalise;
use crate::domain::summary::Stage;
use crate::domain::{
    AdditionalControl, ControlKind, DocumentStatus, ExistingControl, ExtraField, Hazard, HazardKey,
    HazardStatus, IdCounters, Likelihood, Project, ProjectMetadata, RiskMatrix, RiskRating,
    Severity, SignOff, VersionHistoryLine,
};

/// Rows read below the header row, at most.
pub const MAX_ROWS: u32 = 100_000;
/// A cell's text is cut at this many bytes.
pub const MAX_CELL_BYTES: usize = 1 << 20;
/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// A workbook whose parts would unpack to more than this is refused (a "zip bomb").
pub const MAX_UNPACKED_BYTES: u128 = 2 << 30;
/// Non-empty cells read from one sheet, at most.
const MAX_CELLS: usize = 5_000_000;
/// Columns read, at most (real hazard logs use 10 to 30).
const MAX_COLUMNS: u32 = 1_000;
/// How far down each sheet the header row is looked for.
const HEADER_SCAN_ROWS: u32 = 20;
/// The part of the other sheets searched for the cover page and version history.
const METADATA_ROWS: u32 = 200;
const METADATA_COLUMNS: u32 = 12;
/// How much of a spreadsheet is read, at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportLimits {
    /// Rows below the header row.
    pub max_rows: u32,
    /// Bytes of text in one cell; longer text is cut (at a character boundary).
    pub max_cell_bytes: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_rows: MAX_ROWS,
            max_cell_bytes: MAX_CELL_BYTES,
        }
    }
}

/// The label of the extra field that records what the importer changed or could not read.
pub const IMPORT_NOTE: &str = "Import note";

/// A hazard log read from a spreadsheet, with the account of how it was read.
#[derive(Clone, Debug)]
pub struct ImportResult {
    pub project: Project,
    pub report: ImportReport,
}

impl ImportResult {
    /// How to merge this import into an open project: only the fields the spreadsheet has
    /// columns for are compared (a log without a Status column does not reset statuses).
    pub fn plan_merge(&self, current: &Project) -> MergePlan {
        plan_merge_fields(current, &self.project, &self.report.fields)
    }
}

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
    /// Non-empty rows below the header row that were looked at.
    pub rows_read: usize,
    pub hazards_created: usize,
    /// Columns read into hazard fields.
    pub mappings: Vec<ColumnMapping>,
    /// Columns kept as extra fields on each hazard.
    pub extras: Vec<ColumnMapping>,
    /// Sheets the cover page and version history were read from.
    pub metadata_sheets: Vec<String>,
    /// The matrix the ratings were checked against.
    pub matrix_name: String,
    /// The hazard fields the sheet has columns for (what a merge may change).
    pub fields: Vec<HazardField>,
    pub warnings: Vec<ImportWarning>,
}

impl ImportReport {
    fn warn(&mut self, cell: Option<String>, message: impl Into<String>) {
        self.warnings.push(ImportWarning {
            cell,
            message: message.into(),
        });
    }

    /// The report as plain text, for the command line and the import dialog.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let file = self
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.file.display().to_string());
        out.push_str(&format!(
            "Imported “{file}”: sheet '{}', header row {}.\n",
            self.sheet, self.header_row
        ));
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
        if self.metadata_sheets.is_empty() {
            out.push_str("No cover page or version history found.\n");
        } else {
            out.push_str(&format!(
                "Cover page and version history read from: {}.\n",
                self.metadata_sheets.join(", ")
            ));
        }
        out.push_str(&format!(
            "Risk ratings recomputed with the {} matrix.\n",
            self.matrix_name
        ));
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
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Why a spreadsheet could not be imported. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Could not read “{}”: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("“{}” is empty: it holds no spreadsheet.", path.display())]
    Empty { path: PathBuf },
    #[error("“{}” is not a spreadsheet ({reason}). Choose an Excel workbook (.xlsx).", path.display())]
    NotASpreadsheet { path: PathBuf, reason: String },
    #[error(
        "“{}” is password-protected (encrypted), so it cannot be read. Open it in Excel, remove \
         the password (File > Info > Protect Workbook > Encrypt with Password), save it, and \
         import the saved copy.",
        path.display()
    )]
    Encrypted { path: PathBuf },
    #[error("“{}” is too large to import: {reason}.", path.display())]
    TooLarge { path: PathBuf, reason: String },
    #[error("“{}” could not be read as a spreadsheet: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "“{}” has no hazard log: none of its sheets ({}) has a header row with hazard log \
         columns (such as Hazard Number, Hazard Name, Hazard Description, Severity, Likelihood) \
         in its first {HEADER_SCAN_ROWS} rows.",
        path.display(),
        sheets_list(sheets)
    )]
    NoHazardSheet { path: PathBuf, sheets: Vec<String> },
}

fn sheets_list(sheets: &[String]) -> String {
    if sheets.is_empty() {
        "it has no sheets".to_owned()
    } else {
        sheets
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads the hazard log in `path`, checking every risk rating against `matrix` (which the new
/// project gets).
pub fn import_workbook(path: &Path, matrix: &RiskMatrix) -> Result<ImportResult, ImportError> {
    import_workbook_at(path, matrix, Utc::now())
}

/// [`import_workbook`] with the creation time of the new hazards given (for tests).
pub fn import_workbook_at(
    path: &Path,
    matrix: &RiskMatrix,
    now: DateTime<Utc>,
) -> Result<ImportResult, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            reason: format!(
                "{} MB; the limit is {} MB",
                size >> 20,
                MAX_FILE_BYTES >> 20
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    import_bytes(bytes, path, matrix, now, &ImportLimits::default())
}

/// Reads a hazard log from the bytes of a spreadsheet file; `path` names it in messages.
pub fn import_bytes(
    bytes: Vec<u8>,
    path: &Path,
    matrix: &RiskMatrix,
    now: DateTime<Utc>,
    limits: &ImportLimits,
) -> Result<ImportResult, ImportError> {
    let mut book = Book::open(bytes, path)?;
    let sheets = book.sheets();
    let mut report = ImportReport {
        file: path.to_path_buf(),
        matrix_name: matrix.name.clone(),
        ..ImportReport::default()
    };

    // Find the hazard sheet: the row, in the first rows of any sheet, that names the most
    // hazard log columns. Visible sheets win over hidden ones.
    let mut best: Option<(bool, usize, usize, u32)> = None; // (visible, score, sheet, row)
    for (index, (name, visible)) in sheets.iter().enumerate() {
        let Ok(grid) = book.read_grid(name, HEADER_SCAN_ROWS, MAX_COLUMNS, MAX_CELL_BYTES, None)
        else {
            continue;
        };
        for (row, cells) in &grid.rows {
            let score = header_score(cells.values());
            if score > 0 && best.is_none_or(|(v, s, _, _)| (*visible, score) > (v, s)) {
                best = Some((*visible, score, index, *row));
            }
        }
    }
    let Some((_, _, sheet_index, header_row)) = best else {
        return Err(ImportError::NoHazardSheet {
            path: path.to_path_buf(),
            sheets: sheets.into_iter().map(|(name, _)| name).collect(),
        });
    };
    let sheet = sheets[sheet_index].0.clone();
    report.sheet = sheet.clone();
    report.header_row = header_row + 1;

    let last_row = header_row.saturating_add(limits.max_rows);
    let grid = book
        .read_grid(
            &sheet,
            last_row.saturating_add(2),
            MAX_COLUMNS,
            limits.max_cell_bytes,
            Some(&mut report),
        )
        .map_err(|reason| ImportError::Unreadable {
            path: path.to_path_buf(),
            reason,
        })?;
    if grid
        .rows
        .range(last_row.saturating_add(1)..)
        .next()
        .is_some()
    {
        report.warn(
            None,
            format!(
                "Only the first {} rows below the header row were read; the rest of the \
                 sheet was left out.",
                limits.max_rows
            ),
        );
    }
    let sheet_layout = book.layout(&sheet, last_row).unwrap_or_default();
    let links = book.hyperlinks(&sheet);
    let named_ranges = named_ranges_on(&book.defined_names(), &sheet);

    let table = Table {
        sheet: &sheet,
        grid: &grid,
        layout: &sheet_layout,
        links: &links,
        header_row,
        last_row,
    };
    let columns = map_columns(&table, &mut report);
    let mut project = Project {
        matrix: matrix.clone(),
        ..Project::default()
    };
    let groups = group_rows(&table, &columns, &named_ranges, &mut report);
    let mut hazards = Vec::new();
    for group in &groups {
        hazards.push(build_hazard(
            &table,
            &columns,
            group,
            matrix,
            now,
            &mut report,
        ));
    }
    report.hazards_created = hazards.len();
    if let Some(status_col) = columns.column_of(Kind::Status) {
        let missing: Vec<String> = groups
            .iter()
            .filter(|g| {
                !g.rows
                    .iter()
                    .any(|r| r.cells.iter().any(|(c, _)| *c == status_col))
            })
            .map(|g| match g.id.as_str() {
                "" => format!("row {}", g.first_row + 1),
                id => id.to_owned(),
            })
            .collect();
        if !missing.is_empty() {
            let shown = missing
                .iter()
                .take(12)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            report.warn(
                None,
                format!(
                    "{} hazard{} no status ({shown}{}): those with a score were read as Open, \
                     the others as New for triage",
                    missing.len(),
                    if missing.len() == 1 { " has" } else { "s have" },
                    if missing.len() > 12 { ", …" } else { "" }
                ),
            );
        }
    }
    if hazards.is_empty() {
        report.warn(
            None,
            format!(
                "'{sheet}' has a hazard log header row (row {}) but no hazards below it.",
                header_row + 1
            ),
        );
    }

    // Ids: kept as given; the prefix of new ones follows the log's own style.
    infer_id_style(&mut project, &hazards);
    project.hazards = hazards;
    for (index, hazard) in project.hazards.iter_mut().enumerate() {
        hazard.key = HazardKey(index as u64 + 1);
    }
    project.counters.next_key = project.hazards.len() as u64 + 1;
    // Hazards without an id get the next free one, as new hazards in the app do.
    let mut used: HashSet<String> = project
        .hazards
        .iter()
        .map(|h| h.display_id.trim().to_lowercase())
        .collect();
    let missing: Vec<usize> = (0..project.hazards.len())
        .filter(|&i| project.hazards[i].display_id.is_empty())
        .collect();
    for index in missing {
        let id = loop {
            let number = project.counters.next_hazard_number;
            project.counters.next_hazard_number = number.saturating_add(1);
            let candidate = format!(
                "{}{:0width$}",
                project.hazard_id_prefix,
                number,
                width = usize::from(project.hazard_id_digits)
            );
            if used.insert(candidate.to_lowercase()) {
                break candidate;
            }
        };
        let row = groups[index].first_row;
        report.warn(
            Some(cell_address(&sheet, row, columns.id_column.unwrap_or(0))),
            format!("the hazard in row {} has no id; it was given {id}", row + 1),
        );
        project.hazards[index].display_id = id;
    }

    project.metadata = read_metadata(&mut book, &sheets, &sheet, &mut report);
    Ok(ImportResult { project, report })
}

// ---------------------------------------------------------------------------------------------
// Opening workbooks.

type Bytes = Cursor<Arc<[u8]>>;

enum Book {
    Xlsx(Box<Xlsx<Bytes>>, Arc<[u8]>),
    Other(Box<Sheets<Bytes>>),
}

/// The non-empty cells of (part of) a sheet, by 0-based row and column.
#[derive(Default)]
struct Grid {
    rows: BTreeMap<u32, BTreeMap<u32, Data>>,
}

impl Grid {
    fn get(&self, row: u32, col: u32) -> Option<&Data> {
        self.rows.get(&row)?.get(&col)
    }

    fn text(&self, row: u32, col: u32) -> String {
        self.get(row, col).map(data_text).unwrap_or_default()
    }
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn contains_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle)
}

impl Book {
    fn open(bytes: Vec<u8>, path: &Path) -> Result<Book, ImportError> {
        let path_buf = || path.to_path_buf();
        let not_a_spreadsheet = |reason: &str| ImportError::NotASpreadsheet {
            path: path_buf(),
            reason: reason.to_owned(),
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ImportError::Empty { path: path_buf() });
        }
        let unreadable = |reason: String| ImportError::Unreadable {
            path: path_buf(),
            reason,
        };
        let data: Arc<[u8]> = Arc::from(bytes);
        if data.starts_with(&CFB_MAGIC) {
            // An OLE2 container: an encrypted Office file (what Excel makes of a password-
            // protected .xlsx), or a legacy .xls.
            if contains_utf16(&data, "EncryptionInfo") || contains_utf16(&data, "EncryptedPackage")
            {
                return Err(ImportError::Encrypted { path: path_buf() });
            }
            return match open_workbook_from_rs::<calamine::Xls<Bytes>, _>(Cursor::new(data)) {
                Ok(xls) => Ok(Book::Other(Box::new(Sheets::Xls(xls)))),
                Err(calamine::XlsError::Password) => {
                    Err(ImportError::Encrypted { path: path_buf() })
                }
                Err(err) => Err(unreadable(format!(
                    "it looks like an old .xls file, but {err}"
                ))),
            };
        }
        if !data.starts_with(b"PK\x03\x04") {
            // Text, possibly cut in the middle of a character at the end of the sample.
            let text = match std::str::from_utf8(&data[..data.len().min(4096)]) {
                Ok(_) => true,
                Err(e) => e.error_len().is_none(),
            };
            return Err(not_a_spreadsheet(if text {
                "it is a text file"
            } else {
                "its content is not a workbook"
            }));
        }
        let zip = zip::ZipArchive::new(Cursor::new(data.clone()))
            .map_err(|_| not_a_spreadsheet("it is a damaged or incomplete zip archive"))?;
        if zip.decompressed_size().unwrap_or(0) > MAX_UNPACKED_BYTES {
            return Err(ImportError::TooLarge {
                path: path_buf(),
                reason: format!(
                    "its parts would unpack to more than {} GB",
                    MAX_UNPACKED_BYTES >> 30
                ),
            });
        }
        let names: Vec<String> = zip.file_names().flatten().map(|n| n.into_owned()).collect();
        let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
        if has("xl/workbook.xml") {
            let xlsx = open_workbook_from_rs::<Xlsx<Bytes>, _>(Cursor::new(data.clone()))
                .map_err(|err| unreadable(err.to_string()))?;
            Ok(Book::Xlsx(Box::new(xlsx), data))
        } else if has("xl/workbook.bin") {
            let xlsb = open_workbook_from_rs::<calamine::Xlsb<Bytes>, _>(Cursor::new(data))
                .map_err(|err| unreadable(err.to_string()))?;
            Ok(Book::Other(Box::new(Sheets::Xlsb(xlsb))))
        } else if has("content.xml") && has("mimetype") {
            let ods = open_workbook_from_rs::<calamine::Ods<Bytes>, _>(Cursor::new(data))
                .map_err(|err| unreadable(err.to_string()))?;
            Ok(Book::Other(Box::new(Sheets::Ods(ods))))
        } else if has("word/document.xml") {
            Err(not_a_spreadsheet("it is a Word document"))
        } else {
            Err(not_a_spreadsheet(
                "it is a zip archive without a workbook inside",
            ))
        }
    }

    /// Sheet names and whether each is visible, in workbook order; worksheets only.
    fn sheets(&self) -> Vec<(String, bool)> {
        let metadata = match self {
            Book::Xlsx(x, _) => x.sheets_metadata().to_vec(),
            Book::Other(s) => s.sheets_metadata().to_vec(),
        };
        metadata
            .into_iter()
            .filter(|s| s.typ == calamine::SheetType::WorkSheet)
            .map(|s| (s.name, s.visible == SheetVisible::Visible))
            .collect()
    }

    fn defined_names(&self) -> Vec<(String, String)> {
        match self {
            Book::Xlsx(x, _) => x.defined_names().to_vec(),
            Book::Other(s) => s.defined_names().to_vec(),
        }
    }

    /// Rows `0..max_rows`, columns `0..max_columns`, text cut at `max_cell_bytes`. With a
    /// report, cut cells and the cell cap are reported.
    fn read_grid(
        &mut self,
        sheet: &str,
        max_rows: u32,
        max_columns: u32,
        max_cell_bytes: usize,
        mut report: Option<&mut ImportReport>,
    ) -> Result<Grid, String> {
        let mut grid = Grid::default();
        let mut count = 0usize;
        let mut store = |row: u32, col: u32, mut value: Data| -> bool {
            if row >= max_rows {
                return false;
            }
            if col >= max_columns || value == Data::Empty {
                return true;
            }
            if let Data::String(text) = &mut value
                && text.len() > max_cell_bytes
            {
                let mut end = max_cell_bytes;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                if let Some(report) = report.as_deref_mut() {
                    report.warn(
                        Some(cell_address(sheet, row, col)),
                        format!(
                            "the cell holds {} bytes of text; only the first {} were read",
                            text.len(),
                            max_cell_bytes
                        ),
                    );
                }
                text.truncate(end);
            }
            count += 1;
            if count > MAX_CELLS {
                if let Some(report) = report.as_deref_mut() {
                    report.warn(
                        None,
                        format!(
                            "'{sheet}' has more than {MAX_CELLS} filled cells; only the first \
                             {MAX_CELLS} were read"
                        ),
                    );
                }
                return false;
            }
            grid.rows.entry(row).or_default().insert(col, value);
            true
        };
        match self {
            Book::Xlsx(xlsx, _) => {
                let mut cells = xlsx
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| e.to_string())?;
                while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
                    let (row, col) = cell.get_position();
                    if !store(row, col, Data::from(cell.get_value().clone())) {
                        break;
                    }
                }
            }
            Book::Other(sheets) => {
                let range = sheets.worksheet_range(sheet).map_err(|e| e.to_string())?;
                let (row0, col0) = range.start().unwrap_or((0, 0));
                for (r, c, value) in range.used_cells() {
                    if !store(row0 + r as u32, col0 + c as u32, value.clone()) {
                        break;
                    }
                }
            }
        }
        Ok(grid)
    }

    fn layout(&self, sheet: &str, max_row: u32) -> Option<SheetLayout> {
        match self {
            Book::Xlsx(_, data) => {
                workbook_xml::sheet_layout(Cursor::new(data.clone()), sheet, max_row)
            }
            Book::Other(_) => None,
        }
    }

    /// External link targets by cell (internal jumps within the workbook are left out).
    fn hyperlinks(&mut self, sheet: &str) -> HashMap<(u32, u32), String> {
        let mut links = HashMap::new();
        if let Book::Xlsx(xlsx, _) = self
            && let Ok(found) = xlsx.hyperlinks_by_sheet_name(sheet)
        {
            for link in found {
                if let Some(target) = link.target {
                    let mut target = target;
                    if let Some(location) = link.location {
                        target = format!("{target}#{location}");
                    }
                    links.insert(link.range.start, target);
                }
            }
        }
        links
    }
}

// ---------------------------------------------------------------------------------------------
// Cell values as text.

/// A cell as text: numbers without a trailing `.0`, dates as `dd.mm.yyyy`, line breaks as `\n`.
fn data_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n").replace('\r', "\n"),
        Data::Float(f) => number_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) => {
            let (y, m, d, h, min, s, _) = dt.to_ymd_hms_milli();
            if dt.is_duration() || dt.as_f64() < 1.0 {
                format!("{h:02}:{min:02}")
            } else if (h, min, s) == (0, 0, 0) {
                format!("{d:02}.{m:02}.{y:04}")
            } else {
                format!("{d:02}.{m:02}.{y:04} {h:02}:{min:02}")
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A document version: `1.0` stays `1.0`.
fn version_text(data: &Data) -> String {
    match data {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e6 => format!("{f:.1}"),
        other => data_text(other).trim().to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Header recognition.

/// What a hazard sheet column holds, without initial/residual.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Id,
    Name,
    Description,
    Impact,
    Causes,
    Existing,
    Severity,
    Likelihood,
    Risk,
    Design,
    Test,
    Training,
    Bpc,
    /// One additional control per row (the CDS log), typed by a Control type column.
    Controls,
    ControlType,
    ControlOwner,
    ControlEvidence,
    ControlAction,
    ControlActionStatus,
    Notes,
    Owner,
    Status,
    Rationale,
}

/// Trimmed, whitespace-collapsed, lower-case, `a / b` as `a/b`, no trailing `:`, `*` or `.`.
fn header_key(text: &str) -> String {
    normalise(text)
        .replace(" /", "/")
        .replace("/ ", "/")
        .trim_end_matches([':', '*', '.', ' '])
        .to_owned()
}

fn kind_of(key: &str) -> Option<Kind> {
    use Kind::*;
    Some(match key {
        "hazard number" | "hazard no" | "hazard num" | "hazard #" | "hazard id" | "hazard ref"
        | "hazard reference" | "hazard identifier" | "num" | "number" | "no" | "id" | "ref"
        | "reference" | "ref no" | "#" => Id,
        "hazard name" | "hazard title" | "name" | "title" | "hazard" | "hazard summary" => Name,
        "hazard description" | "description" | "detailed description" => Description,
        "potential clinical impact"
        | "clinical impact"
        | "potential impact"
        | "impact"
        | "potential harm"
        | "harm"
        | "clinical harm"
        | "potential clinical harm"
        | "effect"
        | "hazard effect" => Impact,
        "possible causes" | "possible cause" | "hazard causes" | "hazard cause" | "causes"
        | "cause" | "potential causes" | "potential cause" | "causes of hazard" => Causes,
        "existing controls"
        | "existing control"
        | "existing controls in place"
        | "current controls"
        | "controls in place"
        | "existing mitigations"
        | "existing mitigation" => Existing,
        "severity" | "consequence" | "harm severity" | "severity of harm" => Severity,
        "likelihood" | "probability" | "frequency" | "likelihood of harm" => Likelihood,
        "risk" | "risk rating" | "risk score" | "risk level" | "risk value" | "rating" => Risk,
        "design" | "design controls" | "design control" => Design,
        "test" | "testing" | "test controls" | "test control" => Test,
        "training" | "training controls" | "training control" => Training,
        "bpc" | "business process change" | "business process changes" | "business process" => Bpc,
        "additional controls"
        | "additional control"
        | "additional controls/mitigations"
        | "additional mitigations"
        | "mitigations"
        | "mitigation"
        | "risk controls"
        | "control measures"
        | "new controls"
        | "controls" => Controls,
        "control type" | "type of control" | "control category" => ControlType,
        "control owner" | "owner of control" => ControlOwner,
        "evidence" | "control evidence" | "evidence of control" | "verification evidence" => {
            ControlEvidence
        }
        "action" | "control action" => ControlAction,
        "action status" | "control status" => ControlActionStatus,
        "summary of actions/notes"
        | "summary of actions"
        | "actions/notes"
        | "notes/actions"
        | "actions"
        | "notes"
        | "comments"
        | "comment"
        | "suggested actions to mitigate hazard"
        | "suggested actions" => Notes,
        "owner" | "hazard owner" | "risk owner" | "responsible" | "responsible person" => Owner,
        "status" | "hazard status" | "current status" => Status,
        "acceptance rationale"
        | "alarp rationale"
        | "alarp justification"
        | "risk acceptance rationale"
        | "residual risk acceptance rationale"
        | "rationale"
        | "justification"
        | "alarp" => Rationale,
        _ => return None,
    })
}

fn is_assessment(kind: Kind) -> bool {
    matches!(kind, Kind::Severity | Kind::Likelihood | Kind::Risk)
}

/// The kind of a header and its stage when the header says it (`Initial Consequence`,
/// `Residual Risk`, `Initial Risk - Likelihood`).
fn classify(header: &str) -> Option<(Kind, Option<Stage>)> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    if let Some(kind) = kind_of(&key) {
        return Some((kind, None));
    }
    const STAGES: [(&str, Stage); 6] = [
        ("initial", Stage::Initial),
        ("pre-mitigation", Stage::Initial),
        ("pre mitigation", Stage::Initial),
        ("residual", Stage::Residual),
        ("post-mitigation", Stage::Residual),
        ("post mitigation", Stage::Residual),
    ];
    let separators: &[char] = &[' ', '-', ':', '–', '—', '(', ')'];
    for (prefix, stage) in STAGES {
        let Some(rest) = key.strip_prefix(prefix) else {
            continue;
        };
        let rest = rest.trim_matches(separators);
        if let Some(kind) = kind_of(rest).filter(|k| is_assessment(*k)) {
            return Some((kind, Some(stage)));
        }
        if let Some(after) = rest.strip_prefix("risk") {
            let after = after.trim_matches(separators);
            if let Some(kind) = kind_of(after).filter(|k| is_assessment(*k)) {
                return Some((kind, Some(stage)));
            }
        }
    }
    None
}

/// How many different hazard log columns a row names; 0 unless it has an id or name column
/// and at least three in all.
fn header_score<'a>(cells: impl Iterator<Item = &'a Data>) -> usize {
    let mut kinds: Vec<Kind> = cells
        .filter_map(|d| match d {
            Data::String(s) => classify(s).map(|(k, _)| k),
            _ => None,
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    let named = kinds.contains(&Kind::Id) || kinds.contains(&Kind::Name);
    if named && kinds.len() >= 3 {
        kinds.len()
    } else {
        0
    }
}

/// What a column is read as.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Role {
    Field(Kind, Option<Stage>),
    Extra(String),
}

struct Columns {
    roles: BTreeMap<u32, Role>,
    id_column: Option<u32>,
}

impl Columns {
    fn column_of(&self, kind: Kind) -> Option<u32> {
        self.roles
            .iter()
            .find(|(_, r)| matches!(r, Role::Field(k, _) if *k == kind))
            .map(|(c, _)| *c)
    }

    fn has(&self, kind: Kind) -> bool {
        self.column_of(kind).is_some()
    }
}

struct Table<'a> {
    sheet: &'a str,
    grid: &'a Grid,
    layout: &'a SheetLayout,
    links: &'a HashMap<(u32, u32), String>,
    header_row: u32,
    last_row: u32,
}

impl Table<'_> {
    /// A data cell as text, with an external hyperlink's target kept: `text <target>`.
    fn text(&self, row: u32, col: u32) -> String {
        let text = self.grid.text(row, col);
        match self.links.get(&(row, col)) {
            Some(target) if text.trim().is_empty() => target.clone(),
            Some(target) if text.trim() != target => format!("{} <{target}>", text.trim()),
            _ => text,
        }
    }

    /// A header, taking merged header cells into account (`Links to documentation` over H:I).
    fn header(&self, col: u32) -> String {
        let row = self.header_row;
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
}

fn field_label(kind: Kind, stage: Option<Stage>) -> String {
    let stage = stage
        .map(|s| s.label().to_owned() + " ")
        .unwrap_or_default();
    let base = match kind {
        Kind::Id => "hazard id",
        Kind::Name => "hazard name",
        Kind::Description => "description",
        Kind::Impact => "potential clinical impact",
        Kind::Causes => "possible causes (one per numbered line)",
        Kind::Existing => "existing controls (one per numbered line)",
        Kind::Severity => "severity",
        Kind::Likelihood => "likelihood",
        Kind::Risk => "risk (recomputed from severity and likelihood, checked)",
        Kind::Design => "Design controls",
        Kind::Test => "Test controls",
        Kind::Training => "Training controls",
        Kind::Bpc => "Business process change controls",
        Kind::Controls => "additional controls (typed by the control type column)",
        Kind::ControlType => "control type",
        Kind::ControlOwner => "control owner",
        Kind::ControlEvidence => "control evidence",
        Kind::ControlAction => "control evidence (the action that verifies the control)",
        Kind::ControlActionStatus => "control evidence (the status of that action)",
        Kind::Notes => "summary of actions/notes",
        Kind::Owner => "owner",
        Kind::Status => "status",
        Kind::Rationale => "acceptance rationale",
    };
    let text = format!("{stage}{base}");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

fn map_columns(table: &Table, report: &mut ImportReport) -> Columns {
    let grid = table.grid;
    let mut max_col = 0;
    for (_, cells) in grid
        .rows
        .range(table.header_row..=table.last_row.saturating_add(1))
    {
        if let Some((&col, _)) = cells.last_key_value() {
            max_col = max_col.max(col);
        }
    }
    let headers: Vec<String> = (0..=max_col)
        .map(|c| table.header(c).trim().to_owned())
        .collect();
    // Filled (non-blank) cells per column below the header, counted once.
    let mut filled: BTreeMap<u32, usize> = BTreeMap::new();
    for (_, cells) in grid.rows.range(table.header_row + 1..=table.last_row) {
        for (col, value) in cells {
            if !data_text(value).trim().is_empty() {
                *filled.entry(*col).or_default() += 1;
            }
        }
    }
    let filled_in = |col: u32| filled.get(&col).copied().unwrap_or(0);
    let is_layout_a = headers.len() >= HAZARD_COLUMNS.len()
        && HAZARD_COLUMNS
            .iter()
            .zip(&headers)
            .all(|((expected, _), found)| header_key(expected) == header_key(found));

    let mut roles = BTreeMap::new();
    let mut taken: Vec<(Kind, Option<Stage>)> = Vec::new();
    for (col, header) in headers.iter().enumerate() {
        let col = col as u32;
        if header.is_empty() && filled_in(col) == 0 {
            continue;
        }
        let mut classified = classify(header);
        if is_layout_a && col as usize >= HAZARD_COLUMNS.len() {
            // After Status, only the app's rationale column is a field: the rest are extras
            // whatever their labels, so exported extra fields read back as extra fields.
            classified = classified.filter(|(k, _)| *k == Kind::Rationale);
        }
        let role = match classified {
            Some((kind, stage)) if is_assessment(kind) => {
                let stage = match stage {
                    Some(stage) => Some(stage),
                    None if !taken.contains(&(kind, Some(Stage::Initial))) => Some(Stage::Initial),
                    None => Some(Stage::Residual),
                };
                if taken.contains(&(kind, stage)) {
                    None
                } else {
                    Some((kind, stage))
                }
            }
            Some((kind, _)) if !taken.contains(&(kind, None)) => Some((kind, None)),
            _ => None,
        };
        let label = if header.is_empty() {
            format!("Column {}", column_letter(col))
        } else {
            header.clone()
        };
        if table.layout.hidden_cols.contains(&col) && role.is_none() {
            let filled = filled_in(col);
            report.warn(
                Some(whole_column(table.sheet, col)),
                format!(
                    "column “{label}” is hidden and not a hazard log column; it was skipped \
                     ({filled} filled cell{} below the header)",
                    plural(filled)
                ),
            );
            continue;
        }
        match role {
            Some((kind, stage)) => {
                taken.push((kind, stage));
                if table.layout.hidden_cols.contains(&col) {
                    report.warn(
                        Some(cell_address(table.sheet, table.header_row, col)),
                        format!("column “{label}” is hidden; it was read all the same"),
                    );
                }
                roles.insert(col, Role::Field(kind, stage));
            }
            None => {
                if header.is_empty() {
                    let sample: Vec<String> = grid
                        .rows
                        .range(table.header_row + 1..=table.last_row)
                        .filter_map(|(_, cells)| cells.get(&col).map(data_text))
                        .take(3)
                        .collect();
                    let looks_scored = !sample.is_empty()
                        && sample.iter().all(|s| {
                            Severity::parse(s).is_some()
                                || Likelihood::parse(s).is_some()
                                || rating_of(s).is_some()
                        });
                    if looks_scored {
                        report.warn(
                            Some(whole_column(table.sheet, col)),
                            format!(
                                "column {} has no header but holds what look like scores ({}); \
                                 kept as the extra field “{label}”, not used as an assessment",
                                column_letter(col),
                                sample.join(", ")
                            ),
                        );
                    }
                }
                roles.insert(col, Role::Extra(label));
            }
        }
    }

    // Companions of a one-control-per-row column mean nothing without it: keep them as extras.
    let has_controls = roles
        .values()
        .any(|r| matches!(r, Role::Field(Kind::Controls, _)));
    if !has_controls {
        for role in roles.values_mut() {
            if let Role::Field(
                Kind::ControlType
                | Kind::ControlOwner
                | Kind::ControlEvidence
                | Kind::ControlAction
                | Kind::ControlActionStatus,
                _,
            ) = role
            {
                *role = Role::Extra(String::new());
            }
        }
        for (col, role) in roles.iter_mut() {
            if let Role::Extra(label) = role
                && label.is_empty()
            {
                *label = headers[*col as usize].clone();
            }
        }
    }

    for (col, role) in &roles {
        let header = headers[*col as usize].clone();
        let column = column_letter(*col);
        match role {
            Role::Field(kind, stage) => report.mappings.push(ColumnMapping {
                column,
                header,
                field: field_label(*kind, *stage),
            }),
            Role::Extra(label) => report.extras.push(ColumnMapping {
                column,
                header: label.clone(),
                field: "extra field".to_owned(),
            }),
        }
    }

    let columns = Columns {
        id_column: None,
        roles,
    };
    let id_column = columns.column_of(Kind::Id);
    let mut fields = vec![HazardField::ExtraFields];
    let mut add = |field| {
        if !fields.contains(&field) {
            fields.push(field);
        }
    };
    for (col, role) in &columns.roles {
        if filled_in(*col) == 0 {
            continue;
        }
        if let Role::Field(kind, stage) = role {
            match kind {
                Kind::Name => add(HazardField::Name),
                Kind::Description => add(HazardField::Description),
                Kind::Impact => add(HazardField::Harm),
                Kind::Causes => add(HazardField::Causes),
                Kind::Existing => add(HazardField::ExistingControls),
                Kind::Severity | Kind::Likelihood => add(match stage {
                    Some(Stage::Residual) => HazardField::Residual,
                    _ => HazardField::Initial,
                }),
                Kind::Design | Kind::Test | Kind::Training | Kind::Bpc | Kind::Controls => {
                    add(HazardField::AdditionalControls)
                }
                Kind::Notes => add(HazardField::ActionsAndNotes),
                Kind::Owner => add(HazardField::Owner),
                Kind::Status => add(HazardField::Status),
                Kind::Rationale => add(HazardField::ResidualJustification),
                _ => {}
            }
        }
    }
    fields.sort();
    report.fields = fields;
    if id_column.is_none() {
        report.warn(
            None,
            "the sheet has no hazard id column: every row is read as a separate hazard and \
             given a new id",
        );
    }
    if !columns.has(Kind::Status) {
        report.warn(
            None,
            "the sheet has no status column: hazards with a score are Open, the others New \
             for triage",
        );
    }
    Columns {
        id_column,
        ..columns
    }
}

/// A rating written in a cell: `3`, `3.0`, `3 - Undesirable`.
fn rating_of(text: &str) -> Option<RiskRating> {
    let text = text.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &text[digits.len()..];
    if !(rest.is_empty() || rest.starts_with(|c: char| !c.is_ascii_digit())) {
        return None;
    }
    let rest = rest.trim_start();
    if rest.starts_with('.') && !rest[1..].chars().all(|c| c == '0') {
        return None;
    }
    RiskRating::new(digits.parse().ok()?)
}

// ---------------------------------------------------------------------------------------------
// Rows into hazards.

/// The cells of one row that belong to mapped or extra columns, as text.
struct RowData {
    row: u32,
    cells: Vec<(u32, String)>,
}

struct Group {
    id: String,
    first_row: u32,
    rows: Vec<RowData>,
}

/// `(name, first_row, last_row)` of the defined names that point into `sheet`.
fn named_ranges_on(names: &[(String, String)], sheet: &str) -> Vec<(String, u32, u32)> {
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

fn group_rows(
    table: &Table,
    columns: &Columns,
    named_ranges: &[(String, u32, u32)],
    report: &mut ImportReport,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    // Rows without an id after the end of the table, in runs: (first, last, samples).
    let mut skipped: Vec<(u32, u32, Vec<String>)> = Vec::new();
    let mut hidden_skipped: Vec<u32> = Vec::new();
    let mut hidden_read = 0usize;
    let mut filtered_read = 0usize;
    let mut ids_seen: HashSet<String> = HashSet::new();
    let mut previous_row: Option<u32> = None;
    let mut continues_group = false;
    let name_column = columns.column_of(Kind::Name);

    for (&row, cells) in table.grid.rows.range(table.header_row + 1..=table.last_row) {
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
        if data.cells.is_empty() {
            continue;
        }
        report.rows_read += 1;
        let gap = previous_row.is_none_or(|p| row > p + 1);
        previous_row = Some(row);
        let cell_of = |col: Option<u32>| {
            col.and_then(|c| data.cells.iter().find(|(cc, _)| *cc == c))
                .map(|(_, t)| t.trim().to_owned())
                .unwrap_or_default()
        };
        let id = cell_of(columns.id_column);
        let hidden = table.layout.hidden_rows.contains(&row);
        if hidden && table.layout.filter_active {
            filtered_read += 1;
        }
        if hidden && !table.layout.filter_active {
            if id.is_empty() {
                hidden_skipped.push(row);
                continues_group = false;
                continue;
            }
            hidden_read += 1;
        }

        if columns.id_column.is_some() && id.is_empty() {
            let name = cell_of(name_column);
            match groups.last_mut() {
                Some(group) if continues_group && !gap => {
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
                            Some(cell_address(
                                table.sheet,
                                row,
                                columns.id_column.unwrap_or(0),
                            )),
                            format!(
                                "row {} has no hazard id; it was read as part of {} (the row \
                                 above)",
                                row + 1,
                                group.id
                            ),
                        );
                        group.rows.push(data);
                        continue;
                    }
                    // A new hazard without an id, straight after the one before.
                    groups.push(Group {
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
                    match skipped.last_mut() {
                        Some((_, last, samples)) if *last + 1 == row => {
                            *last = row;
                            samples.push(sample);
                        }
                        _ => skipped.push((row, row, vec![sample])),
                    }
                    continues_group = false;
                }
            }
            continue;
        }

        continues_group = true;
        match groups.last_mut() {
            Some(group)
                if !id.is_empty() && !gap && group.id.to_lowercase() == id.to_lowercase() =>
            {
                group.rows.push(data)
            }
            _ => {
                if !id.is_empty() && !ids_seen.insert(id.to_lowercase()) {
                    report.warn(
                        Some(cell_address(
                            table.sheet,
                            row,
                            columns.id_column.unwrap_or(0),
                        )),
                        format!(
                            "the id {id} was used before, in another part of the sheet; row {} \
                             was read as a separate hazard with the same id",
                            row + 1
                        ),
                    );
                }
                groups.push(Group {
                    id,
                    first_row: row,
                    rows: vec![data],
                });
            }
        }
    }

    for (first, last, samples) in skipped {
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
                table.sheet.replace('\'', "''"),
                first + 1,
                last + 1
            )),
            format!(
                "{count} row{} without a hazard id below the table {} skipped: {why} ({}{})",
                plural(count),
                if count == 1 { "was" } else { "were" },
                shown.join(", "),
                if count > 3 { ", …" } else { "" }
            ),
        );
    }
    if !hidden_skipped.is_empty() {
        let first = hidden_skipped[0] + 1;
        let last = hidden_skipped[hidden_skipped.len() - 1] + 1;
        report.warn(
            None,
            format!(
                "{} hidden row{} without a hazard id (between rows {first} and {last}) {} \
                 skipped",
                hidden_skipped.len(),
                plural(hidden_skipped.len()),
                if hidden_skipped.len() == 1 {
                    "was"
                } else {
                    "were"
                }
            ),
        );
    }
    if hidden_read > 0 {
        report.warn(
            None,
            format!(
                "{hidden_read} hidden row{} with a hazard id {} read all the same",
                plural(hidden_read),
                if hidden_read == 1 { "was" } else { "were" }
            ),
        );
    }
    if table.layout.filter_active && filtered_read > 0 {
        report.warn(
            None,
            format!(
                "the sheet was saved with a filter on: the {filtered_read} row{} it hid {} read \
                 too",
                plural(filtered_read),
                if filtered_read == 1 { "was" } else { "were" }
            ),
        );
    }
    groups
}

/// Distinct non-empty trimmed values, in order.
fn distinct(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        let value = value.trim().to_owned();
        if !value.is_empty() && !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

fn build_hazard(
    table: &Table,
    columns: &Columns,
    group: &Group,
    matrix: &RiskMatrix,
    now: DateTime<Utc>,
    report: &mut ImportReport,
) -> Hazard {
    let mut hazard = Hazard::new(HazardKey(0), group.id.clone(), String::new(), now);
    let mut notes: Vec<String> = Vec::new();
    let title = if group.id.is_empty() {
        format!("the hazard in row {}", group.first_row + 1)
    } else {
        group.id.clone()
    };
    // Every (row, col, text) of the group for one role.
    let cells = |wanted: &dyn Fn(&Role) -> bool| -> Vec<(u32, u32, String)> {
        group
            .rows
            .iter()
            .flat_map(|r| {
                r.cells
                    .iter()
                    .filter(|(c, _)| columns.roles.get(c).is_some_and(wanted))
                    .map(move |(c, t)| (r.row, *c, t.clone()))
            })
            .collect()
    };
    let field = |kind: Kind| move |r: &Role| matches!(r, Role::Field(k, _) if *k == kind);
    let text_of = |kind: Kind| -> String {
        distinct(cells(&field(kind)).into_iter().map(|(_, _, t)| t)).join("\n")
    };

    hazard.name = text_of(Kind::Name);
    hazard.description = text_of(Kind::Description);
    hazard.harm = text_of(Kind::Impact);
    hazard.owner = text_of(Kind::Owner);
    hazard.actions_and_notes = text_of(Kind::Notes);
    hazard.residual_justification = text_of(Kind::Rationale);
    if group.rows.len() > 1 && hazard.name.contains('\n') {
        report.warn(
            Some(cell_address(table.sheet, group.first_row, 0)),
            format!("the rows of {title} give different names; all of them were kept"),
        );
    }
    // Lists: every item of the first cell (repeats too: `None` placeholders keep the numbering
    // in step with the causes); later rows (one row per control) add only items not seen yet.
    fn merge_items<T: PartialEq>(cells: Vec<String>, parse: impl Fn(&str) -> Vec<T>) -> Vec<T> {
        let mut items: Vec<T> = Vec::new();
        for (i, cell) in distinct(cells).iter().enumerate() {
            for item in parse(cell) {
                if i == 0 || !items.contains(&item) {
                    items.push(item);
                }
            }
        }
        items
    }
    let texts_of = |kind: Kind| -> Vec<String> {
        cells(&field(kind)).into_iter().map(|(_, _, t)| t).collect()
    };
    hazard.causes = merge_items(texts_of(Kind::Causes), parse_list);
    hazard.existing_controls =
        ExistingControl::from_texts(merge_items(texts_of(Kind::Existing), parse_list));

    // Additional controls: the four NHS columns, then one-per-row controls.
    let mut controls: Vec<AdditionalControl> = Vec::new();
    for (kind, control_kind) in [
        (Kind::Design, ControlKind::Design),
        (Kind::Test, ControlKind::Test),
        (Kind::Training, ControlKind::Training),
        (Kind::Bpc, ControlKind::BusinessProcessChange),
    ] {
        controls.extend(merge_items(texts_of(kind), |t| {
            parse_controls(t, control_kind)
        }));
    }
    if columns.has(Kind::Controls) {
        for row in &group.rows {
            let in_row = |kind: Kind| -> String {
                row.cells
                    .iter()
                    .filter(|(c, _)| columns.roles.get(c).is_some_and(field(kind)))
                    .map(|(_, t)| t.trim().to_owned())
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let texts: Vec<String> = row
                .cells
                .iter()
                .filter(|(c, _)| columns.roles.get(c).is_some_and(field(Kind::Controls)))
                .flat_map(|(_, t)| parse_list(t))
                .collect();
            if texts.is_empty() {
                continue;
            }
            let type_text = in_row(Kind::ControlType);
            let mut evidence = in_row(Kind::ControlEvidence);
            let kind = match parse_control_kind(&type_text) {
                Some(kind) => kind,
                None => {
                    let type_col = columns.column_of(Kind::ControlType);
                    let cell = cell_address(
                        table.sheet,
                        row.row,
                        type_col.or(columns.column_of(Kind::Controls)).unwrap_or(0),
                    );
                    if type_text.is_empty() {
                        report.warn(
                            Some(cell),
                            format!("a control of {title} has no control type; read as Design"),
                        );
                    } else {
                        report.warn(
                            Some(cell),
                            format!(
                                "control type “{type_text}” is not Design, Test, Training or \
                                 Business process change; read as Design (the type is kept in \
                                 the control's evidence)"
                            ),
                        );
                        evidence = join_nonempty(
                            &[&evidence, &format!("Control type: {type_text}")],
                            "; ",
                        );
                    }
                    ControlKind::Design
                }
            };
            let action = in_row(Kind::ControlAction);
            let status = in_row(Kind::ControlActionStatus);
            let action_text = match (action.is_empty(), status.is_empty()) {
                (false, false) => format!("{action} ({status})"),
                (false, true) => action,
                (true, false) => format!("Action status: {status}"),
                (true, true) => String::new(),
            };
            evidence = join_nonempty(&[&evidence, &action_text], "; ");
            for text in texts {
                let (text, owner, extra_evidence) = super::cell_text::split_control(&text);
                let control = AdditionalControl {
                    kind,
                    text,
                    owner: join_nonempty(&[&owner, &in_row(Kind::ControlOwner)], "; "),
                    evidence: join_nonempty(&[&extra_evidence, &evidence], "; "),
                };
                if !controls.contains(&control) {
                    controls.push(control);
                }
            }
        }
    }
    hazard.additional_controls = controls;

    // Assessments, recomputed and checked.
    for stage in [Stage::Initial, Stage::Residual] {
        let stage_word = stage.label().to_lowercase();
        let of = |kind: Kind| move |r: &Role| *r == Role::Field(kind, Some(stage));
        let severity_cells = cells(&of(Kind::Severity));
        let likelihood_cells = cells(&of(Kind::Likelihood));
        let severity = read_category(
            table,
            &severity_cells,
            Severity::parse,
            &format!("{stage_word} severity"),
            "Minor, Significant, Considerable, Major, Catastrophic",
            &title,
            &mut notes,
            report,
        );
        let likelihood = read_category(
            table,
            &likelihood_cells,
            Likelihood::parse,
            &format!("{stage_word} likelihood"),
            "Very Low, Low, Medium, High, Very High",
            &title,
            &mut notes,
            report,
        );
        let assessment = crate::domain::Assessment {
            severity,
            likelihood,
        };
        let risk_cells = cells(&of(Kind::Risk));
        if let Some((row, col, given)) = risk_cells.first() {
            let address = cell_address(table.sheet, *row, *col);
            let given = given.trim();
            match (assessment.rating(matrix), rating_of(given)) {
                (Some(rating), Some(found)) if rating == found => {}
                (Some(rating), found) => {
                    let (s, l) = (
                        severity.unwrap_or(Severity::Minor),
                        likelihood.unwrap_or(Likelihood::VeryLow),
                    );
                    let given_text = match found {
                        Some(found) => found.to_string(),
                        None => format!("“{given}”"),
                    };
                    report.warn(
                        Some(address.clone()),
                        format!(
                            "{stage_word} risk given as {given_text} but {} x {} is {rating} in \
                             the {} matrix; {title} has {rating}",
                            s.label(),
                            l.label(),
                            matrix.name
                        ),
                    );
                    notes.push(format!(
                        "{} risk was {given_text} in the spreadsheet ({address}); {} x {} is \
                         {rating} in the {} matrix, so it is {rating} here.",
                        stage.label(),
                        s.label(),
                        l.label(),
                        matrix.name
                    ));
                }
                (None, _) => {
                    report.warn(
                        Some(address.clone()),
                        format!(
                            "{stage_word} risk given as “{given}” for {title} without both a \
                             severity and a likelihood; it cannot be checked and was not kept as \
                             a score"
                        ),
                    );
                    notes.push(format!(
                        "{} risk was “{given}” in the spreadsheet ({address}) without both a \
                         severity and a likelihood.",
                        stage.label()
                    ));
                }
            }
        }
        match stage {
            Stage::Initial => hazard.initial = assessment,
            Stage::Residual => hazard.residual = assessment,
        }
    }

    // Status.
    let statuses = distinct(cells(&field(Kind::Status)).into_iter().map(|(_, _, t)| t));
    let status_cells = cells(&field(Kind::Status));
    hazard.status = match statuses.first() {
        Some(text) => match parse_status(text) {
            Some(status) => status,
            None => {
                let (row, col, _) = &status_cells[0];
                report.warn(
                    Some(cell_address(table.sheet, *row, *col)),
                    format!(
                        "status “{text}” of {title} is not Open, Closed, Transferred, New for \
                         triage or Withdrawn; read as Open"
                    ),
                );
                notes.push(format!(
                    "Status was “{text}” in the spreadsheet; read as Open."
                ));
                HazardStatus::Open
            }
        },
        // No status given: a scored hazard is being worked on; an unscored one awaits triage.
        None if !hazard.initial.is_unscored() || !hazard.residual.is_unscored() => {
            HazardStatus::Open
        }
        None => HazardStatus::NewForTriage,
    };
    if statuses.len() > 1 {
        report.warn(
            Some(cell_address(table.sheet, group.first_row, 0)),
            format!(
                "the rows of {title} give different statuses ({}); the first was used",
                statuses.join(", ")
            ),
        );
        notes.push(format!(
            "The spreadsheet rows gave different statuses: {}.",
            statuses.join(", ")
        ));
    }

    // Extra fields, column by column, then what the import had to say.
    for (col, role) in &columns.roles {
        if let Role::Extra(label) = role {
            let values = distinct(
                group
                    .rows
                    .iter()
                    .flat_map(|r| r.cells.iter().filter(|(c, _)| c == col))
                    .map(|(_, t)| t.clone()),
            );
            if !values.is_empty() {
                hazard.extra_fields.push(ExtraField {
                    label: label.clone(),
                    value: values.join("\n"),
                });
            }
        }
    }
    if !notes.is_empty() {
        hazard.extra_fields.push(ExtraField {
            label: IMPORT_NOTE.to_owned(),
            value: notes.join("\n"),
        });
    }
    hazard
}

fn join_nonempty(parts: &[&str], separator: &str) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

/// The first value of a severity or likelihood column in a group, parsed; problems reported.
#[allow(clippy::too_many_arguments)]
fn read_category<T: Copy + PartialEq>(
    table: &Table,
    cells: &[(u32, u32, String)],
    parse: fn(&str) -> Option<T>,
    what: &str,
    allowed: &str,
    title: &str,
    notes: &mut Vec<String>,
    report: &mut ImportReport,
) -> Option<T> {
    let (row, col, first) = cells.first()?;
    let first = first.trim();
    let parsed = parse(first);
    if parsed.is_none() {
        let address = cell_address(table.sheet, *row, *col);
        report.warn(
            Some(address.clone()),
            format!("{what} “{first}” of {title} is not one of {allowed}; left unscored"),
        );
        notes.push(format!(
            "The {what} was “{first}” in the spreadsheet ({address}), which is not one of \
             {allowed}."
        ));
        return None;
    }
    let others: Vec<&str> = cells
        .iter()
        .map(|(_, _, t)| t.trim())
        .filter(|t| parse(t) != parsed)
        .collect();
    if !others.is_empty() {
        report.warn(
            Some(cell_address(table.sheet, *row, *col)),
            format!(
                "the rows of {title} disagree on the {what} ({first}, {}); {first} was used",
                others.join(", ")
            ),
        );
        notes.push(format!(
            "The spreadsheet rows gave different values for the {what}: {first}, {}.",
            others.join(", ")
        ));
    }
    parsed
}

/// New hazard ids follow the log's own style: `NRL` + 2 digits after `NRL01`…`NRL11`.
fn infer_id_style(project: &mut Project, hazards: &[Hazard]) {
    let mut prefix: Option<String> = None;
    let mut digits = usize::MAX;
    let mut highest = 0u32;
    for hazard in hazards {
        let id = hazard.display_id.trim();
        if id.is_empty() {
            continue;
        }
        let number_len = id.chars().rev().take_while(char::is_ascii_digit).count();
        let (head, number) = id.split_at(id.len() - number_len);
        let Ok(number) = number.parse::<u32>() else {
            return;
        };
        if head
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_whitespace())
        {
            return;
        }
        match &prefix {
            Some(p) if p != head => return,
            _ => prefix = Some(head.to_owned()),
        }
        digits = digits.min(number_len);
        highest = highest.max(number);
    }
    if let Some(prefix) = prefix
        && digits <= 9
    {
        project.hazard_id_prefix = prefix;
        project.hazard_id_digits = digits as u8;
        project.counters = IdCounters {
            next_hazard_number: highest.saturating_add(1),
            ..project.counters
        };
    }
}

// ---------------------------------------------------------------------------------------------
// Cover Page and Version History.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CoverField {
    Programme,
    DocumentId,
    Project,
    Director,
    Status,
    Owner,
    Version,
    Author,
    VersionDate,
    Purpose,
    System,
    SystemVersion,
    Organisation,
    Cso,
}

fn cover_field(key: &str) -> Option<CoverField> {
    use CoverField::*;
    Some(match key {
        "programme" | "program" => Programme,
        "document record id key" | "document id" | "document record id" | "document reference" => {
            DocumentId
        }
        "sub-prog/project" | "sub-programme/project" | "project" => Project,
        "prog. director" | "prog director" | "programme director" | "program director" => Director,
        "status" | "document status" => Status,
        "owner" | "document owner" => Owner,
        "version" | "document version" => Version,
        "author" | "authors" => Author,
        "version date" => VersionDate,
        "document purpose" | "purpose" => Purpose,
        "system" | "system name" => System,
        "system version" => SystemVersion,
        "organisation" | "organization" => Organisation,
        "clinical safety officer" | "cso" => Cso,
        _ => return None,
    })
}

fn read_metadata(
    book: &mut Book,
    sheets: &[(String, bool)],
    hazard_sheet: &str,
    report: &mut ImportReport,
) -> ProjectMetadata {
    let mut meta = ProjectMetadata::default();
    let mut cover_done = false;
    let mut history_done = false;
    for (name, _) in sheets {
        if name == hazard_sheet || (cover_done && history_done) {
            continue;
        }
        let Ok(grid) = book.read_grid(name, METADATA_ROWS, METADATA_COLUMNS, MAX_CELL_BYTES, None)
        else {
            continue;
        };
        let mut used = false;
        if !cover_done && read_cover(&grid, name, &mut meta, report) {
            cover_done = true;
            used = true;
        }
        if !history_done && read_history(&grid, &mut meta) {
            history_done = true;
            used = true;
        }
        if used {
            report.metadata_sheets.push(name.clone());
        }
    }
    meta
}

fn read_cover(
    grid: &Grid,
    sheet: &str,
    meta: &mut ProjectMetadata,
    report: &mut ImportReport,
) -> bool {
    let mut found: Vec<(CoverField, u32, u32)> = Vec::new();
    for (&row, cells) in &grid.rows {
        for (&col, value) in cells {
            if let Data::String(text) = value
                && let Some(field) = cover_field(&header_key(text))
                && !found.iter().any(|(f, _, _)| *f == field)
            {
                found.push((field, row, col));
            }
        }
    }
    let strong = found.iter().any(|(f, _, _)| {
        matches!(
            f,
            CoverField::Programme
                | CoverField::DocumentId
                | CoverField::Director
                | CoverField::Author
        )
    });
    if !strong || found.len() < 3 {
        return false;
    }
    let labels: Vec<(u32, u32)> = found.iter().map(|(_, r, c)| (*r, *c)).collect();
    for (field, row, col) in &found {
        let (value_row, value_col) = if *field == CoverField::DocumentId {
            (row + 1, *col)
        } else {
            (*row, col + 1)
        };
        let value_data = grid.get(value_row, value_col);
        let value = if labels.contains(&(value_row, value_col)) {
            String::new()
        } else {
            value_data
                .map(data_text)
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        match field {
            CoverField::Programme => meta.programme = value,
            CoverField::DocumentId => meta.document_id = value,
            CoverField::Project => meta.project = value,
            CoverField::Director => meta.programme_director = value,
            CoverField::Owner => meta.owner = value,
            CoverField::Version => {
                meta.document_version = value_data.map(version_text).unwrap_or_default()
            }
            CoverField::Author => meta.author = value,
            CoverField::VersionDate => meta.version_date = value,
            CoverField::System => meta.system_name = value,
            CoverField::SystemVersion => meta.system_version = value,
            CoverField::Organisation => meta.organisation = value,
            CoverField::Cso => meta.clinical_safety_officer = value,
            CoverField::Status => {
                if !value.is_empty() {
                    match DocumentStatus::ALL
                        .into_iter()
                        .find(|s| normalise(s.label()) == normalise(&value))
                    {
                        Some(status) => meta.document_status = status,
                        None => report.warn(
                            Some(cell_address(sheet, value_row, value_col)),
                            format!(
                                "document status “{value}” is not Draft, Live, Approved or \
                                 Final; the project's status is Draft"
                            ),
                        ),
                    }
                }
            }
            CoverField::Purpose => {
                let mut parts = Vec::new();
                for cells in grid.rows.range(row + 1..).map(|(_, cells)| cells) {
                    let Some(value) = cells.get(col) else {
                        continue;
                    };
                    let text = data_text(value).trim().to_owned();
                    if cover_field(&header_key(&text)).is_some() {
                        break;
                    }
                    if text.is_empty() || normalise(&text).starts_with("copyright") {
                        continue;
                    }
                    parts.push(text);
                }
                meta.document_purpose = parts.join("\n\n");
            }
        }
    }
    // The title: the first text above the labels.
    let top = found.iter().map(|(_, r, _)| *r).min().unwrap_or(0);
    meta.document_title = grid
        .rows
        .range(..top)
        .flat_map(|(_, cells)| cells.values())
        .map(|v| data_text(v).trim().to_owned())
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    true
}

fn is_blank_row(grid: &Grid, row: u32) -> bool {
    grid.rows
        .get(&row)
        .is_none_or(|cells| cells.values().all(|v| data_text(v).trim().is_empty()))
}

fn read_history(grid: &Grid, meta: &mut ProjectMetadata) -> bool {
    // The amendment table: a row with Version and Amendment History headers.
    let mut header = None;
    for (&row, cells) in &grid.rows {
        let key_at = |want: &[&str]| {
            cells
                .iter()
                .find(|(_, v)| want.contains(&header_key(&data_text(v)).as_str()))
                .map(|(c, _)| *c)
        };
        let version = key_at(&["version", "version no", "version number"]);
        let amendment = key_at(&[
            "amendment history",
            "amendment",
            "amendments",
            "summary of changes",
            "changes",
            "change",
            "description of change",
        ]);
        if let (Some(version), Some(amendment)) = (version, amendment) {
            header = Some((
                row,
                version,
                key_at(&["date", "version date", "issue date"]),
                amendment,
            ));
            break;
        }
    }
    let Some((header_row, version_col, date_col, amendment_col)) = header else {
        return false;
    };
    let mut row = header_row + 1;
    while !is_blank_row(grid, row) && row < METADATA_ROWS {
        let first = grid.text(row, 0);
        if is_block_title(&first) {
            break;
        }
        meta.version_history.push(VersionHistoryLine {
            version: grid
                .get(row, version_col)
                .map(version_text)
                .unwrap_or_default(),
            date: date_col
                .map(|c| grid.text(row, c).trim().to_owned())
                .unwrap_or_default(),
            amendment: grid.text(row, amendment_col).trim().to_owned(),
        });
        row += 1;
    }
    meta.reviewers = read_sign_offs(grid, &["reviewers", "reviewed by", "review"]);
    meta.approvers = read_sign_offs(
        grid,
        &[
            "approved",
            "approvers",
            "approved by",
            "approval",
            "approvals",
        ],
    );
    true
}

fn is_block_title(text: &str) -> bool {
    matches!(
        header_key(text).as_str(),
        "reviewers"
            | "reviewed by"
            | "approved"
            | "approvers"
            | "approved by"
            | "approval"
            | "approvals"
            | "distribution"
            | "document status"
    )
}

const SIGN_OFF_HEADERS: [&str; 10] = [
    "name",
    "reviewer name",
    "approver name",
    "title/responsibility",
    "title",
    "role",
    "responsibility",
    "job title",
    "date",
    "version",
];

fn read_sign_offs(grid: &Grid, titles: &[&str]) -> Vec<SignOff> {
    let Some(title_row) = grid.rows.iter().find_map(|(&row, cells)| {
        cells
            .values()
            .any(|v| titles.contains(&header_key(&data_text(v)).as_str()))
            .then_some(row)
    }) else {
        return Vec::new();
    };
    // The header row: within a few rows, naming Name.
    let Some((header_row, columns)) = (title_row + 1..title_row + 5).find_map(|row| {
        let cells = grid.rows.get(&row)?;
        let col_of = |want: &[&str]| {
            cells
                .iter()
                .find(|(_, v)| want.contains(&header_key(&data_text(v)).as_str()))
                .map(|(c, _)| *c)
        };
        let name = col_of(&["name", "reviewer name", "approver name"])?;
        Some((
            row,
            (
                name,
                col_of(&[
                    "title/responsibility",
                    "title",
                    "role",
                    "responsibility",
                    "job title",
                ]),
                col_of(&["date"]),
                col_of(&["version"]),
            ),
        ))
    }) else {
        return Vec::new();
    };
    let (name_col, title_col, date_col, version_col) = columns;
    let mut people = Vec::new();
    let mut row = header_row + 1;
    while !is_blank_row(grid, row) && row < METADATA_ROWS {
        let cells = &grid.rows[&row];
        if cells.values().any(|v| is_block_title(&data_text(v))) {
            break;
        }
        let header_like = cells
            .values()
            .filter(|v| SIGN_OFF_HEADERS.contains(&header_key(&data_text(v)).as_str()))
            .count();
        if header_like < 2 {
            let text = |col: Option<u32>| {
                col.map(|c| grid.text(row, c).trim().to_owned())
                    .unwrap_or_default()
            };
            people.push(SignOff {
                name: text(Some(name_col)),
                title: text(title_col),
                date: text(date_col),
                version: version_col
                    .and_then(|c| grid.get(row, c))
                    .map(version_text)
                    .unwrap_or_default(),
            });
        }
        row += 1;
    }
    people
}

/// `'Sheet'!C:C`: a whole column, for warnings about a column rather than a cell.
fn whole_column(sheet: &str, col: u32) -> String {
    let letter = column_letter(col);
    format!("'{}'!{letter}:{letter}", sheet.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_with_synonyms_and_stages() {
        assert_eq!(classify(" Hazard  Number "), Some((Kind::Id, None)));
        assert_eq!(classify("Num"), Some((Kind::Id, None)));
        assert_eq!(
            classify("Initial Consequence"),
            Some((Kind::Severity, Some(Stage::Initial)))
        );
        assert_eq!(
            classify("Initial Risk - Likelihood"),
            Some((Kind::Likelihood, Some(Stage::Initial)))
        );
        assert_eq!(
            classify("Residual Risk"),
            Some((Kind::Risk, Some(Stage::Residual)))
        );
        assert_eq!(classify("Initial Risk - Acceptability"), None);
        assert_eq!(classify("Business Process Change"), Some((Kind::Bpc, None)));
        assert_eq!(classify("Hazard Status"), Some((Kind::Status, None)));
        assert_eq!(classify("Hazard Causes"), Some((Kind::Causes, None)));
        assert_eq!(
            classify("Summary of Actions / Notes"),
            Some((Kind::Notes, None))
        );
        assert_eq!(classify("Hazard type"), None);
    }

    #[test]
    fn ratings_are_read_from_numbers_and_text() {
        assert_eq!(rating_of("3"), RiskRating::new(3));
        assert_eq!(rating_of(" 2.0 "), RiskRating::new(2));
        assert_eq!(rating_of("4 - Mandatory elimination"), RiskRating::new(4));
        assert_eq!(rating_of("12"), None);
        assert_eq!(rating_of("2.5"), None);
        assert_eq!(rating_of("High"), None);
    }

    #[test]
    fn numbers_lose_their_trailing_zero() {
        assert_eq!(data_text(&Data::Float(61.0)), "61");
        assert_eq!(data_text(&Data::Float(1.6)), "1.6");
        assert_eq!(version_text(&Data::Float(1.0)), "1.0");
        assert_eq!(data_text(&Data::String("61\r\n".into())), "61\n");
    }

    #[test]
    fn id_style_follows_the_log() {
        let hazard =
            |id: &str| Hazard::new(HazardKey(1), id.into(), "x".into(), DateTime::UNIX_EPOCH);
        let mut project = Project::default();
        infer_id_style(&mut project, &[hazard("NRL01"), hazard("NRL11")]);
        assert_eq!(project.hazard_id_prefix, "NRL");
        assert_eq!(project.hazard_id_digits, 2);
        assert_eq!(project.next_hazard_display_id().0, "NRL12");

        let mut project = Project::default();
        infer_id_style(&mut project, &[hazard("H01"), hazard("X02")]);
        assert_eq!(
            project.hazard_id_prefix, "H",
            "mixed prefixes keep the default"
        );
    }
}
