//! "Layout A": the NHS Digital hazard log workbook (the NRL hazard log template), as exported.
//! The import reads any layout; these names and columns are what the export writes.

pub const COVER_SHEET: &str = "Cover Page";
pub const VERSION_SHEET: &str = "Version History";
pub const HAZARD_SHEET: &str = "Hazard Log";
pub const MATRIX_SHEET: &str = "Risk Matrix";
pub const ACTIONS_SHEET: &str = "Actions";
pub const MEETINGS_SHEET: &str = "Meetings";
pub const MINUTES_SHEET: &str = "Minutes";

/// The `Hazard Log` columns A-S: header text, exactly as the NHS workbook has it, and width.
pub const HAZARD_COLUMNS: [(&str, f64); 19] = [
    ("Hazard Number", 8.0),
    ("Hazard Name", 22.7),
    ("Hazard Description", 31.9),
    ("Potential Clinical Impact", 31.3),
    ("Possible Causes", 68.6),
    ("Existing Controls", 67.9),
    ("Severity", 15.0),
    ("Likelihood", 13.8),
    ("Risk", 10.3),
    ("Design", 30.9),
    ("Test", 32.8),
    ("Training", 27.2),
    ("BPC", 32.7),
    ("Severity", 18.3),
    ("Likelihood", 13.8),
    ("Risk", 10.9),
    ("Summary of Actions/Notes", 54.4),
    ("Owner", 10.9),
    ("Status", 11.1),
];

/// Column indexes (0-based) of the Hazard Log sheet.
pub mod col {
    pub const ID: u16 = 0;
    pub const NAME: u16 = 1;
    pub const DESCRIPTION: u16 = 2;
    pub const IMPACT: u16 = 3;
    pub const CAUSES: u16 = 4;
    pub const EXISTING: u16 = 5;
    pub const INITIAL_SEVERITY: u16 = 6;
    pub const INITIAL_LIKELIHOOD: u16 = 7;
    pub const INITIAL_RISK: u16 = 8;
    pub const DESIGN: u16 = 9;
    pub const TEST: u16 = 10;
    pub const TRAINING: u16 = 11;
    pub const BPC: u16 = 12;
    pub const RESIDUAL_SEVERITY: u16 = 13;
    pub const RESIDUAL_LIKELIHOOD: u16 = 14;
    pub const RESIDUAL_RISK: u16 = 15;
    pub const NOTES: u16 = 16;
    pub const OWNER: u16 = 17;
    pub const STATUS: u16 = 18;
    /// The first column after the NHS ones: the ALARP rationale, then the app's other fields
    /// ([`super::OUR_COLUMNS`]), then extra fields.
    pub const RATIONALE: u16 = 19;
    pub const EFFECT: u16 = 20;
    pub const HAZARD_TEXT: u16 = 21;
    pub const INITIAL_JUSTIFICATION: u16 = 22;
    pub const DATE_ADDED: u16 = 23;
    /// Extra fields start here.
    pub const FIRST_EXTRA: u16 = 24;
}

/// The app's columns after `Status` (from [`col::RATIONALE`]), header and width: fields the
/// NHS layout has no column for.
pub const OUR_COLUMNS: [(&str, f64); 5] = [
    (RATIONALE_HEADER, 40.0),
    ("Effect", 30.0),
    ("Hazard", 30.0),
    ("Initial Justification", 40.0),
    ("Date Added", 12.0),
];

/// Written after `Status`: the app records why a residual risk was accepted; the NHS sheet has
/// no column for it.
pub const RATIONALE_HEADER: &str = "Acceptance Rationale";

/// The values of the NHS `Status` list validation.
pub const STATUS_LIST: [&str; 3] = ["Open", "Closed", "Transferred"];

/// Defined names the list validations use, and what they point at.
pub const CONSEQUENCE_NAME: &str = "Consequence";
pub const CONSEQUENCE_RANGE: &str = "'Risk Matrix'!$D$7:$H$7";
pub const LIKELIHOOD_NAME: &str = "Likelihood";
pub const LIKELIHOOD_RANGE: &str = "'Risk Matrix'!$C$2:$C$6";

/// Header fill of the NHS sheet.
pub const HEADER_FILL: u32 = 0xFFFF99;

/// Cover Page labels (column A / C), as the NHS workbooks write them.
pub mod cover {
    pub const PROGRAMME: &str = "Programme";
    pub const DOCUMENT_ID: &str = "Document Record ID Key";
    pub const PROJECT: &str = "Sub-Prog / Project";
    pub const DIRECTOR: &str = "Prog. Director";
    pub const STATUS: &str = "Status";
    pub const OWNER: &str = "Owner";
    pub const VERSION: &str = "Version";
    pub const AUTHOR: &str = "Author";
    pub const VERSION_DATE: &str = "Version Date";
    pub const PURPOSE: &str = "Document Purpose";
    // Not in the NHS cover page; written in its empty rows 14-15.
    pub const SYSTEM: &str = "System";
    pub const SYSTEM_VERSION: &str = "System Version";
    pub const ORGANISATION: &str = "Organisation";
    pub const CSO: &str = "Clinical Safety Officer";
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
pub fn column_letter(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// `'Sheet name'!B7` for a 0-based row and column.
pub fn cell_address(sheet: &str, row: u32, col: u32) -> String {
    format!(
        "'{}'!{}{}",
        sheet.replace('\'', "''"),
        column_letter(col),
        row + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(18), "S");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn addresses_quote_sheet_names() {
        assert_eq!(cell_address("Hazard Log", 4, 8), "'Hazard Log'!I5");
        assert_eq!(cell_address("Bob's", 0, 0), "'Bob''s'!A1");
    }
}
