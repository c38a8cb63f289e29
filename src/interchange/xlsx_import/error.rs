//! Why a spreadsheet could not be imported at all, in the user's terms and naming the file.

use std::path::PathBuf;

use super::headers::HEADER_SCAN_ROWS;

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
        "“{}” is damaged, so it cannot be imported: {reason}. If Excel or LibreOffice opens \
         it, save it from there as a new .xlsx file and import that; otherwise ask for a new \
         copy.",
        path.display()
    )]
    Damaged { path: PathBuf, reason: String },
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
