//! The spreadsheet file itself: opening it (whatever its format), its sheets, its cells as text,
//! and the limits that bound how much of it is read.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use calamine::{
    Data, DataRef, Reader, SheetVisible, Sheets, Xlsx, XlsxError, open_workbook_from_rs,
};

use super::ImportError;
use super::damage::{SheetError, other_problem, xlsx_problem};
use super::parts::oversized_part;
use super::report::{ImportReport, Truncation};
use crate::interchange::layout::cell_address;
use crate::interchange::workbook_xml::{self, SheetLayout};

/// Rows read below the header row, at most.
pub const MAX_ROWS: u32 = 100_000;
/// A cell's text is cut at this many bytes.
pub const MAX_CELL_BYTES: usize = 1 << 20;
/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// A workbook whose parts would unpack to more than this is refused (a "zip bomb").
pub const MAX_UNPACKED_BYTES: u128 = 2 << 30;
/// A part that is read whole into memory (the shared text, styles, the workbook's list of
/// sheets; everything but the sheets themselves, which are read row by row) may unpack to at
/// most this many bytes.
pub const MAX_WHOLE_PART_BYTES: u64 = 256 << 20;
/// Above [`EXPANSION_FLOOR_BYTES`], a part may unpack to at most this many times its packed
/// size. Real workbooks stay well below (text packs about 4 to 1, sheets of empty formatted
/// cells about 30 to 1); a part far above it is damaged or made to exhaust memory.
pub const MAX_EXPANSION: u64 = 100;
/// Parts up to this size are never refused for how well they pack.
pub const EXPANSION_FLOOR_BYTES: u64 = 64 << 20;
/// Bytes of cell text kept from one sheet, at most: a few large texts repeated in many cells
/// would otherwise fill memory from a small file.
pub const MAX_TEXT_BYTES: usize = 256 << 20;
/// Non-empty cells read from one sheet, at most.
pub const MAX_CELLS: usize = 5_000_000;
/// Columns read, at most (real hazard logs use 10 to 30).
pub(super) const MAX_COLUMNS: u32 = 1_000;

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

type Bytes = Cursor<Arc<[u8]>>;

/// An open workbook: an `.xlsx` (whose XML the importer also reads directly), or another format
/// calamine reads.
pub(super) enum Book {
    Xlsx(Box<Xlsx<Bytes>>, Arc<[u8]>),
    Other(Box<Sheets<Bytes>>),
}

/// The non-empty cells of (part of) a sheet, by 0-based row and column.
#[derive(Default)]
pub(super) struct Grid {
    pub rows: BTreeMap<u32, BTreeMap<u32, Data>>,
    /// Set when the sheet holds more cells or text than are read.
    pub cut_short: Option<Truncation>,
    /// The sheet has cells below the rows read.
    pub more_below: bool,
}

impl Grid {
    pub fn get(&self, row: u32, col: u32) -> Option<&Data> {
        self.rows.get(&row)?.get(&col)
    }

    pub fn text(&self, row: u32, col: u32) -> String {
        self.get(row, col).map(data_text).unwrap_or_default()
    }
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn contains_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle)
}

fn not_a_spreadsheet(path: &Path, reason: &str) -> ImportError {
    ImportError::NotASpreadsheet {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    }
}

impl Book {
    pub fn open(bytes: Vec<u8>, path: &Path) -> Result<Book, ImportError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ImportError::Empty {
                path: path.to_path_buf(),
            });
        }
        let data: Arc<[u8]> = Arc::from(bytes);
        if data.starts_with(&CFB_MAGIC) {
            return Book::open_ole2(data, path);
        }
        if !data.starts_with(b"PK\x03\x04") {
            // Text, possibly cut in the middle of a character at the end of the sample.
            let text = match std::str::from_utf8(&data[..data.len().min(4096)]) {
                Ok(_) => true,
                Err(e) => e.error_len().is_none(),
            };
            return Err(not_a_spreadsheet(
                path,
                if text {
                    "it is a text file"
                } else {
                    "its content is not a workbook"
                },
            ));
        }
        Book::open_zip(data, path)
    }

    /// An OLE2 container: an encrypted Office file (what Excel makes of a password-protected
    /// .xlsx), or a legacy .xls.
    fn open_ole2(data: Arc<[u8]>, path: &Path) -> Result<Book, ImportError> {
        if contains_utf16(&data, "EncryptionInfo") || contains_utf16(&data, "EncryptedPackage") {
            return Err(ImportError::Encrypted {
                path: path.to_path_buf(),
            });
        }
        match open_workbook_from_rs::<calamine::Xls<Bytes>, _>(Cursor::new(data)) {
            Ok(xls) => Ok(Book::Other(Box::new(Sheets::Xls(xls)))),
            Err(calamine::XlsError::Password) => Err(ImportError::Encrypted {
                path: path.to_path_buf(),
            }),
            Err(err) => Err(ImportError::Unreadable {
                path: path.to_path_buf(),
                reason: format!("it looks like an old .xls file, but {err}"),
            }),
        }
    }

    /// A zip archive: an `.xlsx`, `.xlsb` or `.ods` workbook, or something else zipped.
    fn open_zip(data: Arc<[u8]>, path: &Path) -> Result<Book, ImportError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(data.clone()))
            .map_err(|_| not_a_spreadsheet(path, "it is a damaged or incomplete zip archive"))?;
        if let Some(reason) = oversized_part(&mut zip) {
            return Err(ImportError::TooLarge {
                path: path.to_path_buf(),
                reason,
            });
        }
        let names: Vec<String> = zip.file_names().flatten().map(|n| n.into_owned()).collect();
        let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
        let damaged = |reason: String| ImportError::Damaged {
            path: path.to_path_buf(),
            reason,
        };
        if has("xl/workbook.xml") {
            let xlsx = open_workbook_from_rs::<Xlsx<Bytes>, _>(Cursor::new(data.clone()))
                .map_err(|err| damaged(xlsx_problem(&err)))?;
            Ok(Book::Xlsx(Box::new(xlsx), data))
        } else if has("xl/workbook.bin") {
            let xlsb = open_workbook_from_rs::<calamine::Xlsb<Bytes>, _>(Cursor::new(data))
                .map_err(|err| damaged(other_problem(&calamine::Error::Xlsb(err))))?;
            Ok(Book::Other(Box::new(Sheets::Xlsb(xlsb))))
        } else if has("content.xml") && has("mimetype") {
            let ods = open_workbook_from_rs::<calamine::Ods<Bytes>, _>(Cursor::new(data))
                .map_err(|err| damaged(other_problem(&calamine::Error::Ods(err))))?;
            Ok(Book::Other(Box::new(Sheets::Ods(ods))))
        } else if has("word/document.xml") {
            Err(not_a_spreadsheet(path, "it is a Word document"))
        } else {
            Err(not_a_spreadsheet(
                path,
                "it is a zip archive without a workbook inside",
            ))
        }
    }

    /// Sheet names and whether each is visible, in workbook order; worksheets only.
    pub fn sheets(&self) -> Vec<(String, bool)> {
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

    pub fn defined_names(&self) -> Vec<(String, String)> {
        match self {
            Book::Xlsx(x, _) => x.defined_names().to_vec(),
            Book::Other(s) => s.defined_names().to_vec(),
        }
    }

    /// Rows `0..max_rows`, columns `0..max_columns`, text cut at `max_cell_bytes`, at most
    /// [`MAX_CELLS`] cells and [`MAX_TEXT_BYTES`] of text. With a report, cut cells and
    /// where the sheet was cut short are reported.
    pub fn read_grid(
        &mut self,
        sheet: &str,
        max_rows: u32,
        max_columns: u32,
        max_cell_bytes: usize,
        report: Option<&mut ImportReport>,
    ) -> Result<Grid, SheetError> {
        let mut sink = GridSink {
            sheet,
            max_rows,
            max_columns,
            max_cell_bytes,
            max_cells: MAX_CELLS,
            max_text_bytes: MAX_TEXT_BYTES,
            report,
            count: 0,
            text_bytes: 0,
            last: None,
            grid: Grid::default(),
        };
        let problem = match self {
            Book::Xlsx(xlsx, _) => read_xlsx_cells(xlsx, &mut sink)
                .err()
                .map(|e| xlsx_problem(&e)),
            Book::Other(sheets) => match sheets.worksheet_range(sheet) {
                Ok(range) => {
                    let (row0, col0) = range.start().unwrap_or((0, 0));
                    for (r, c, value) in range.used_cells() {
                        let value = Cut::of(value, max_cell_bytes);
                        if !sink.store(row0 + r as u32, col0 + c as u32, value) {
                            break;
                        }
                    }
                    None
                }
                Err(err) => Some(other_problem(&err)),
            },
        };
        match problem {
            None => Ok(sink.grid),
            Some(problem) => Err(SheetError {
                sheet: sheet.to_owned(),
                after: sink.last,
                problem,
            }),
        }
    }

    /// The grid as [`Book::read_grid`] reads it, and beside it the sheet's layout, read from
    /// its XML on a second thread: both passes go through the whole sheet, so a large import
    /// takes the time of the longer one rather than both.
    pub fn read_grid_and_layout(
        &mut self,
        sheet: &str,
        max_rows: u32,
        max_columns: u32,
        max_cell_bytes: usize,
        report: Option<&mut ImportReport>,
        layout_rows: u32,
    ) -> (Result<Grid, SheetError>, Option<SheetLayout>) {
        let data = match self {
            Book::Xlsx(_, data) => Some(data.clone()),
            Book::Other(_) => None,
        };
        std::thread::scope(|scope| {
            let layout = data.map(|data| {
                scope.spawn(move || {
                    workbook_xml::sheet_layout(Cursor::new(data), sheet, layout_rows)
                })
            });
            let grid = self.read_grid(sheet, max_rows, max_columns, max_cell_bytes, report);
            let layout = layout.and_then(|thread| thread.join().ok().flatten());
            (grid, layout)
        })
    }

    /// External link targets by cell (internal jumps within the workbook are left out).
    pub fn hyperlinks(&mut self, sheet: &str) -> HashMap<(u32, u32), String> {
        let mut links = HashMap::new();
        if let Book::Xlsx(xlsx, data) = self
            // Finding none means parsing the whole sheet again: look first whether it can have any.
            && workbook_xml::may_have_external_links(Cursor::new(data.clone()), sheet)
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

/// Streams the cells of an `.xlsx` sheet into `sink` until it has enough.
fn read_xlsx_cells(xlsx: &mut Xlsx<Bytes>, sink: &mut GridSink) -> Result<(), XlsxError> {
    let mut cells = xlsx.worksheet_cells_reader(sink.sheet)?;
    while let Some(cell) = cells.next_cell()? {
        let (row, col) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::SharedString(text) => Cut::text(text, sink.max_cell_bytes),
            DataRef::String(text) => Cut::text(text, sink.max_cell_bytes),
            other => Cut::whole(Data::from(other.clone())),
        };
        if !sink.store(row, col, value) {
            break;
        }
    }
    Ok(())
}

/// A cell's value with its text cut to the limit (before it is copied), and the length of the
/// text it had when cut.
struct Cut {
    value: Data,
    cut_from: Option<usize>,
}

impl Cut {
    fn whole(value: Data) -> Cut {
        Cut {
            value,
            cut_from: None,
        }
    }

    fn text(text: &str, max_bytes: usize) -> Cut {
        if text.len() <= max_bytes {
            return Cut::whole(Data::String(text.to_owned()));
        }
        let mut end = max_bytes;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Cut {
            value: Data::String(text[..end].to_owned()),
            cut_from: Some(text.len()),
        }
    }

    fn of(value: &Data, max_bytes: usize) -> Cut {
        match value {
            Data::String(text) => Cut::text(text, max_bytes),
            other => Cut::whole(other.clone()),
        }
    }
}

/// Collects the cells of a sheet into a [`Grid`] within the limits, reporting what it cuts.
struct GridSink<'a, 'r> {
    sheet: &'a str,
    max_rows: u32,
    max_columns: u32,
    max_cell_bytes: usize,
    max_cells: usize,
    max_text_bytes: usize,
    report: Option<&'r mut ImportReport>,
    count: usize,
    text_bytes: usize,
    /// The last cell read.
    last: Option<(u32, u32)>,
    grid: Grid,
}

impl GridSink<'_, '_> {
    /// Keeps one cell; `false` once no more cells should be read.
    fn store(&mut self, row: u32, col: u32, cut: Cut) -> bool {
        if row >= self.max_rows {
            self.grid.more_below = true;
            return false;
        }
        self.last = Some((row, col));
        if col >= self.max_columns || cut.value == Data::Empty {
            return true;
        }
        if let (Some(length), Some(report)) = (cut.cut_from, self.report.as_deref_mut()) {
            report.warn(
                Some(cell_address(self.sheet, row, col)),
                format!(
                    "the cell holds {length} bytes of text; only the first {} were read",
                    self.max_cell_bytes
                ),
            );
        }
        self.count += 1;
        if let Data::String(text) = &cut.value {
            self.text_bytes += text.len();
        }
        if self.count > self.max_cells || self.text_bytes > self.max_text_bytes {
            self.cut_short(row);
            return false;
        }
        self.grid
            .rows
            .entry(row)
            .or_default()
            .insert(col, cut.value);
        true
    }

    /// The sheet holds more than is read: `row`, only partly read, and the rest are left out.
    fn cut_short(&mut self, row: u32) {
        self.grid.rows.remove(&row);
        let cut = if self.count > self.max_cells {
            Truncation::Cells {
                limit: self.max_cells,
                row,
            }
        } else {
            Truncation::Text {
                limit: self.max_text_bytes,
                row,
            }
        };
        self.grid.cut_short = Some(cut);
        if let Some(report) = self.report.as_deref_mut() {
            report.warn(None, format!("'{}' {}", self.sheet, cut.describe()));
        }
    }
}

/// A cell as text: numbers without a trailing `.0`, dates as `dd.mm.yyyy`, line breaks as `\n`.
pub(super) fn data_text(data: &Data) -> String {
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
pub(super) fn version_text(data: &Data) -> String {
    match data {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e6 => format!("{f:.1}"),
        other => data_text(other).trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sink(max_cells: usize, max_text_bytes: usize) -> GridSink<'static, 'static> {
        GridSink {
            sheet: "Log",
            max_rows: 100,
            max_columns: 10,
            max_cell_bytes: 100,
            max_cells,
            max_text_bytes,
            report: None,
            count: 0,
            text_bytes: 0,
            last: None,
            grid: Grid::default(),
        }
    }

    /// Stores rows of two 50-byte cells until the sink has enough.
    fn fill(sink: &mut GridSink) {
        for row in 0..10 {
            for col in 0..2 {
                if !sink.store(row, col, Cut::text(&"x".repeat(50), 100)) {
                    return;
                }
            }
        }
    }

    #[test]
    fn a_sheet_with_more_text_than_is_kept_is_cut_before_a_whole_row() {
        let mut sink = sink(1000, 250);
        fill(&mut sink);
        let rows: Vec<u32> = sink.grid.rows.keys().copied().collect();
        assert_eq!(
            rows,
            [0, 1],
            "row 2 was only partly read, so it is left out"
        );
        assert_eq!(
            sink.grid.cut_short,
            Some(Truncation::Text { limit: 250, row: 2 })
        );
    }

    #[test]
    fn a_sheet_with_more_cells_than_are_kept_is_cut_before_a_whole_row() {
        let mut sink = sink(5, usize::MAX);
        fill(&mut sink);
        let rows: Vec<u32> = sink.grid.rows.keys().copied().collect();
        assert_eq!(rows, [0, 1]);
        assert_eq!(
            sink.grid.cut_short,
            Some(Truncation::Cells { limit: 5, row: 2 })
        );
    }

    #[test]
    fn long_text_is_cut_at_a_character_boundary_and_remembers_its_length() {
        let cut = Cut::text(&"é".repeat(10), 5);
        assert_eq!(cut.value, Data::String("éé".into()));
        assert_eq!(cut.cut_from, Some(20));
        assert_eq!(Cut::text("short", 5).cut_from, None);
    }

    #[test]
    fn numbers_lose_their_trailing_zero() {
        assert_eq!(data_text(&Data::Float(61.0)), "61");
        assert_eq!(data_text(&Data::Float(1.6)), "1.6");
        assert_eq!(version_text(&Data::Float(1.0)), "1.0");
        assert_eq!(data_text(&Data::String("61\r\n".into())), "61\n");
    }
}
