//! The v3.6 template's `Hazard Log` header as data: cell formats, header cells, merges, column
//! widths and row heights, read from `clinical_safety_hazard_log_template.xlsx` (NHS Digital,
//! v3.6, 14.02.2020) and checked against that file by `tests/nhs_v36_export.rs`.

/// A border line and its colour (RGB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Line {
    None,
    Thin(u32),
    Medium(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Horizontal {
    Left,
    Center,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Vertical {
    Top,
    Center,
}

/// One cell format: font, solid fill, borders (left, right, top, bottom), alignment, and whether
/// the cell shows a date (number format 14).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct CellStyle {
    pub font: &'static str,
    pub size: f64,
    pub bold: bool,
    pub colour: u32,
    pub fill: Option<u32>,
    pub left: Line,
    pub right: Line,
    pub top: Line,
    pub bottom: Line,
    pub horizontal: Option<Horizontal>,
    pub vertical: Option<Vertical>,
    pub wrap: bool,
    pub date: bool,
}

/// The merged ranges of the header (first row, first column, last row, last column; 0-based).
pub(super) const MERGES: [(u32, u16, u32, u16); 18] = [
    (1, 0, 3, 0),   // A2:A4 No.
    (0, 2, 0, 5),   // C1:F1 Hazard Assessment
    (1, 12, 2, 15), // M2:P3 Initial Risk Assessment
    (0, 6, 0, 15),  // G1:P1 Initial Risk
    (2, 16, 2, 17), // Q3:R3 HIT Design
    (1, 1, 3, 1),   // B2:B4 Date Added
    (1, 2, 2, 5),   // C2:F3 Hazard Description
    (1, 6, 1, 11),  // G2:L2 Existing Controls
    (2, 6, 2, 7),   // G3:H3 HIT Design
    (2, 8, 2, 9),   // I3:J3 User Training
    (2, 10, 2, 11), // K3:L3 Business Process
    (1, 22, 2, 25), // W2:Z3 Residual Risk Assessment
    (0, 16, 0, 25), // Q1:Z1 Residual Risk
    (0, 26, 3, 26), // AA1:AA4 Owner
    (0, 27, 3, 27), // AB1:AB4 Status
    (2, 20, 2, 21), // U3:V3 Business Process Change
    (2, 18, 2, 19), // S3:T3 User Training
    (1, 16, 1, 21), // Q2:V2 Additional Controls
];

/// Column widths as the file stores them (characters plus padding), for columns A-AB.
pub(super) const WIDTHS: [f64; 28] = [
    9.0,
    16.73046875,
    13.53125,
    13.53125,
    13.53125,
    18.33203125,
    17.1328125,
    17.1328125,
    17.1328125,
    17.1328125,
    16.46484375,
    16.46484375,
    15.6640625,
    15.6640625,
    15.6640625,
    15.6640625,
    17.1328125,
    17.1328125,
    17.1328125,
    17.1328125,
    20.33203125,
    20.33203125,
    15.53125,
    15.53125,
    15.53125,
    15.53125,
    19.3984375,
    19.3984375,
];

/// Heights of rows 1-4 (points); data rows are at least [`DATA_ROW_HEIGHT`].
pub(super) const HEADER_HEIGHTS: [f64; 4] = [33.75, 33.75, 24.0, 82.5];
pub(super) const DATA_ROW_HEIGHT: f64 = 33.75;
/// The template formats rows 5-67 for data; the export formats at least as many.
pub(super) const TEMPLATE_LAST_ROW: u32 = 66;

/// Every cell format the template uses on rows 1-5 of `Hazard Log`, theme colours resolved to
/// RGB with the template's own theme (theme 0 is white, 1 black, tints applied).
#[rustfmt::skip]
pub(super) const STYLES: [CellStyle; 51] = [
    // cellXfs 13
    CellStyle { font: "Arial", size: 12.0, bold: false, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Left), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 14
    CellStyle { font: "Arial", size: 12.0, bold: false, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: None, vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 15
    CellStyle { font: "Arial", size: 12.0, bold: false, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 16
    CellStyle { font: "Arial", size: 12.0, bold: false, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 114
    CellStyle { font: "Arial", size: 14.0, bold: false, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 115
    CellStyle { font: "Arial", size: 14.0, bold: false, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::None, top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 116
    CellStyle { font: "Arial", size: 12.0, bold: false, colour: 0xFFFFFF, fill: Some(0x000000), left: Line::None, right: Line::None, top: Line::None, bottom: Line::None, horizontal: None, vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 117
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0xFF0000, fill: Some(0xD9D9D9), left: Line::None, right: Line::Thin(0x000000), top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 118
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::None, bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 119
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x604A7B, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::None, top: Line::None, bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 120
    CellStyle { font: "Arial", size: 14.0, bold: false, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::Thin(0x000000), top: Line::None, bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 129
    CellStyle { font: "Arial", size: 12.0, bold: false, colour: 0xFFFFFF, fill: Some(0x000000), left: Line::None, right: Line::None, top: Line::None, bottom: Line::None, horizontal: None, vertical: Some(Vertical::Center), wrap: true, date: true },
    // cellXfs 130
    CellStyle { font: "Arial", size: 12.0, bold: false, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Left), vertical: Some(Vertical::Center), wrap: true, date: true },
    // cellXfs 163
    CellStyle { font: "Arial", size: 18.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::None, top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Top), wrap: true, date: false },
    // cellXfs 164
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::None, top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Top), wrap: false, date: false },
    // cellXfs 165
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Top), wrap: false, date: false },
    // cellXfs 166
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::None, top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Top), wrap: false, date: false },
    // cellXfs 167
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::None, top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Top), wrap: false, date: false },
    // cellXfs 168
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::Thin(0x000000), top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Top), wrap: false, date: false },
    // cellXfs 169
    CellStyle { font: "Arial", size: 20.0, bold: false, colour: 0xFFFFFF, fill: Some(0x000000), left: Line::Medium(0xFFFFFF), right: Line::None, top: Line::Medium(0xFFFFFF), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 170
    CellStyle { font: "Calibri", size: 11.0, bold: false, colour: 0xFFFFFF, fill: Some(0x000000), left: Line::None, right: Line::None, top: Line::Medium(0xFFFFFF), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 171
    CellStyle { font: "Calibri", size: 11.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::None, top: Line::Medium(0xFFFFFF), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 172
    CellStyle { font: "Calibri", size: 11.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::Thin(0x000000), top: Line::Medium(0xFFFFFF), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 173
    CellStyle { font: "Calibri", size: 20.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 174
    CellStyle { font: "Calibri", size: 11.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::None, bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 175
    CellStyle { font: "Calibri", size: 11.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 176
    CellStyle { font: "Calibri", size: 20.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 177
    CellStyle { font: "Calibri", size: 11.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::Thin(0x000000), top: Line::None, bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 178
    CellStyle { font: "Calibri", size: 11.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::Thin(0x000000), top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 179
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::None, top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 180
    CellStyle { font: "Calibri", size: 14.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 181
    CellStyle { font: "Calibri", size: 14.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::None, top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 182
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: true },
    // cellXfs 183
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::None, bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: true },
    // cellXfs 184
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: true },
    // cellXfs 185
    CellStyle { font: "Arial", size: 18.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::None, top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 186
    CellStyle { font: "Calibri", size: 18.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::None, top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 187
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 188
    CellStyle { font: "Calibri", size: 18.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::None, top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 189
    CellStyle { font: "Calibri", size: 18.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::None, top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 190
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::Thin(0x000000), top: Line::None, bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 191
    CellStyle { font: "Arial", size: 18.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::None, top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 192
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::None, top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 193
    CellStyle { font: "Calibri", size: 18.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 194
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::None, right: Line::None, top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 195
    CellStyle { font: "Calibri", size: 11.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::None, top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 196
    CellStyle { font: "Calibri", size: 11.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 197
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x000000, fill: Some(0xD9D9D9), left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 198
    CellStyle { font: "Arial", size: 14.0, bold: true, colour: 0x000000, fill: None, left: Line::Thin(0x000000), right: Line::Thin(0x000000), top: Line::Thin(0x000000), bottom: Line::Thin(0x000000), horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: false, date: false },
    // cellXfs 199
    CellStyle { font: "Calibri", size: 11.0, bold: false, colour: 0xFFFFFF, fill: Some(0x000000), left: Line::None, right: Line::Medium(0xFFFFFF), top: Line::Medium(0xFFFFFF), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
    // cellXfs 200
    CellStyle { font: "Calibri", size: 11.0, bold: false, colour: 0x000000, fill: None, left: Line::None, right: Line::Medium(0xFFFFFF), top: Line::Medium(0xFFFFFF), bottom: Line::None, horizontal: Some(Horizontal::Center), vertical: Some(Vertical::Center), wrap: true, date: false },
];

/// The header cells A1:AB4: (row, column, index into [`STYLES`], text), 0-based, texts exactly as
/// the template has them (stray spaces and line breaks included).
#[rustfmt::skip]
pub(super) const HEADER_CELLS: [(u32, u16, usize, &str); 112] = [
    (0, 0, 6, ""),
    (0, 1, 11, ""),
    (0, 2, 19, "Hazard Assessment"),
    (0, 3, 20, ""),
    (0, 4, 20, ""),
    (0, 5, 49, ""),
    (0, 6, 19, "Initial Risk"),
    (0, 7, 20, ""),
    (0, 8, 20, ""),
    (0, 9, 20, ""),
    (0, 10, 21, ""),
    (0, 11, 21, ""),
    (0, 12, 21, ""),
    (0, 13, 21, ""),
    (0, 14, 21, ""),
    (0, 15, 50, ""),
    (0, 16, 19, "Residual  Risk"),
    (0, 17, 20, ""),
    (0, 18, 20, ""),
    (0, 19, 20, ""),
    (0, 20, 21, ""),
    (0, 21, 21, ""),
    (0, 22, 21, ""),
    (0, 23, 21, ""),
    (0, 24, 21, ""),
    (0, 25, 22, ""),
    (0, 26, 23, "Owner"),
    (0, 27, 26, "Status"),
    (1, 0, 47, "No."),
    (1, 1, 32, "Date Added"),
    (1, 2, 35, "Hazard Description"),
    (1, 3, 36, ""),
    (1, 4, 36, ""),
    (1, 5, 37, ""),
    (1, 6, 41, "Existing Controls"),
    (1, 7, 42, ""),
    (1, 8, 42, ""),
    (1, 9, 42, ""),
    (1, 10, 42, ""),
    (1, 11, 43, ""),
    (1, 12, 13, "\nInitial Risk Assessment"),
    (1, 13, 14, ""),
    (1, 14, 14, ""),
    (1, 15, 15, ""),
    (1, 16, 41, "Additional Controls"),
    (1, 17, 45, ""),
    (1, 18, 45, ""),
    (1, 19, 45, ""),
    (1, 20, 45, ""),
    (1, 21, 46, ""),
    (1, 22, 13, "\nResidual Risk Assessment"),
    (1, 23, 14, ""),
    (1, 24, 14, ""),
    (1, 25, 15, ""),
    (1, 26, 24, ""),
    (1, 27, 27, ""),
    (2, 0, 48, ""),
    (2, 1, 33, ""),
    (2, 2, 38, ""),
    (2, 3, 39, ""),
    (2, 4, 39, ""),
    (2, 5, 40, ""),
    (2, 6, 44, "HIT Design"),
    (2, 7, 31, ""),
    (2, 8, 29, "User Training"),
    (2, 9, 31, ""),
    (2, 10, 29, "Business Process "),
    (2, 11, 31, ""),
    (2, 12, 16, ""),
    (2, 13, 17, ""),
    (2, 14, 17, ""),
    (2, 15, 18, ""),
    (2, 16, 29, "HIT Design"),
    (2, 17, 31, ""),
    (2, 18, 29, "User Training"),
    (2, 19, 31, ""),
    (2, 20, 29, "Business Process Change"),
    (2, 21, 30, ""),
    (2, 22, 16, ""),
    (2, 23, 17, ""),
    (2, 24, 17, ""),
    (2, 25, 18, ""),
    (2, 26, 24, ""),
    (2, 27, 27, ""),
    (3, 0, 48, ""),
    (3, 1, 34, ""),
    (3, 2, 7, "Effect"),
    (3, 3, 8, "Hazard "),
    (3, 4, 9, "Harm"),
    (3, 5, 8, "Possible Causes"),
    (3, 6, 10, "Description"),
    (3, 7, 10, "Evidence"),
    (3, 8, 10, "Description"),
    (3, 9, 10, "Evidence"),
    (3, 10, 10, "Description"),
    (3, 11, 10, "Evidence"),
    (3, 12, 10, "Severity"),
    (3, 13, 10, "Likelihood"),
    (3, 14, 10, "Risk"),
    (3, 15, 4, "Justification"),
    (3, 16, 10, "Description"),
    (3, 17, 10, "Evidence"),
    (3, 18, 10, "Description"),
    (3, 19, 10, "Evidence"),
    (3, 20, 10, "Description"),
    (3, 21, 10, "Evidence"),
    (3, 22, 10, "Severity"),
    (3, 23, 10, "Likelihood"),
    (3, 24, 10, "Risk"),
    (3, 25, 5, "Justification"),
    (3, 26, 25, ""),
    (3, 27, 28, ""),
];

/// The format of each data column A-AB (index into [`STYLES`]), as the template's row 5 has it.
#[rustfmt::skip]
pub(super) const DATA_STYLES: [usize; 28] = [
    0, 12, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 3, 0, 0, 0,
];
