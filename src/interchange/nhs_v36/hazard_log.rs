//! The `Hazard Log` sheet of the v3.6 template, cell for cell: its grouped four-row header, its
//! formats, merges, widths and heights, frozen panes, filter, drop-downs, live risk formulas and
//! risk colours, then one row per hazard and the app's own columns after `AB`.

use rust_xlsxwriter::{
    Color, ConditionalFormatText, ConditionalFormatTextRule, DataValidation, Format, FormatAlign,
    FormatBorder, Formula, Worksheet,
};

use super::cells::{ControlCells, additional_cells, existing_cells};
use super::template::{
    CellStyle, DATA_ROW_HEIGHT, DATA_STYLES, HEADER_CELLS, HEADER_HEIGHTS, Horizontal, Line,
    MERGES, STYLES, TEMPLATE_LAST_ROW, Vertical, WIDTHS,
};
use crate::domain::{
    Assessment, ControlKind, ExistingControlKind, Hazard, HazardStatus, Likelihood, Project,
    RiskRating, Severity,
};
use crate::interchange::cell_text::format_list;
use crate::interchange::layout::{self, column_letter};
use crate::interchange::xlsx_export::{
    ExportError, check_length, extra_columns, rating_fill, wrapped_lines, write_text,
};

/// Columns (0-based) of the template's Hazard Log.
pub mod col {
    pub const NUMBER: u16 = 0;
    pub const DATE_ADDED: u16 = 1;
    pub const EFFECT: u16 = 2;
    pub const HAZARD: u16 = 3;
    pub const HARM: u16 = 4;
    pub const CAUSES: u16 = 5;
    /// HIT Design, User Training and Business Process: Description then Evidence each.
    pub const EXISTING: [u16; 3] = [6, 8, 10];
    pub const INITIAL_SEVERITY: u16 = 12;
    pub const INITIAL_LIKELIHOOD: u16 = 13;
    pub const INITIAL_RISK: u16 = 14;
    pub const INITIAL_JUSTIFICATION: u16 = 15;
    /// HIT Design (with Test), User Training and Business Process Change.
    pub const ADDITIONAL: [u16; 3] = [16, 18, 20];
    pub const RESIDUAL_SEVERITY: u16 = 22;
    pub const RESIDUAL_LIKELIHOOD: u16 = 23;
    pub const RESIDUAL_RISK: u16 = 24;
    pub const RESIDUAL_JUSTIFICATION: u16 = 25;
    pub const OWNER: u16 = 26;
    pub const STATUS: u16 = 27;
    /// The first of the app's own columns, after the template's last.
    pub const OURS: u16 = 28;
}

/// The app's own columns after `AB`, in order; extra fields follow them.
pub const OUR_HEADERS: [&str; 4] = [
    "Hazard Name",
    "Hazard Description (detail)",
    "Summary of Actions/Notes",
    "Withdrawal Reason",
];

/// The Status drop-down: the template's three values, then the app's two other states, so
/// that a hazard still in triage or withdrawn passes the validation.
pub const STATUS_LIST: [&str; 5] = [
    "Open",
    "Closed",
    "Transferred",
    "New for triage",
    "Withdrawn",
];

const OUR_WIDTH: f64 = 30.0;

/// The template's risk formula for row `excel_row` (1-based), `O` from `M`/`N` or `Y` from `W`/`X`.
pub fn risk_formula(excel_row: u32, severity_col: u16, likelihood_col: u16) -> String {
    let s = format!("{}{excel_row}", column_letter(u32::from(severity_col)));
    let l = format!("{}{excel_row}", column_letter(u32::from(likelihood_col)));
    format!(
        "IF(OR(ISBLANK({s}),ISBLANK({l})),\"\",INDEX('Risk Matrix'!$D$2:$H$6,MATCH('Hazard Log'!{l},Likelihood,0),MATCH('Hazard Log'!{s},Consequence,0)))"
    )
}

fn border(line: Line) -> (FormatBorder, Option<Color>) {
    match line {
        Line::None => (FormatBorder::None, None),
        Line::Thin(rgb) => (FormatBorder::Thin, Some(Color::RGB(rgb))),
        Line::Medium(rgb) => (FormatBorder::Medium, Some(Color::RGB(rgb))),
    }
}

/// The rust_xlsxwriter format for a template cell style.
fn format_of(style: &CellStyle) -> Format {
    let mut format = Format::new()
        .set_font_name(style.font)
        .set_font_size(style.size)
        .set_font_color(Color::RGB(style.colour));
    if style.bold {
        format = format.set_bold();
    }
    if let Some(fill) = style.fill {
        format = format.set_background_color(Color::RGB(fill));
    }
    let (left, left_colour) = border(style.left);
    let (right, right_colour) = border(style.right);
    let (top, top_colour) = border(style.top);
    let (bottom, bottom_colour) = border(style.bottom);
    format = format
        .set_border_left(left)
        .set_border_right(right)
        .set_border_top(top)
        .set_border_bottom(bottom);
    if let Some(colour) = left_colour {
        format = format.set_border_left_color(colour);
    }
    if let Some(colour) = right_colour {
        format = format.set_border_right_color(colour);
    }
    if let Some(colour) = top_colour {
        format = format.set_border_top_color(colour);
    }
    if let Some(colour) = bottom_colour {
        format = format.set_border_bottom_color(colour);
    }
    format = match style.horizontal {
        Some(Horizontal::Left) => format.set_align(FormatAlign::Left),
        Some(Horizontal::Center) => format.set_align(FormatAlign::Center),
        None => format,
    };
    format = match style.vertical {
        Some(Vertical::Top) => format.set_align(FormatAlign::Top),
        Some(Vertical::Center) => format.set_align(FormatAlign::VerticalCenter),
        None => format,
    };
    if style.wrap {
        format = format.set_text_wrap();
    }
    if style.date {
        format = format.set_num_format_index(14);
    }
    format
}

/// The formats of the sheet, built once.
struct Formats {
    styles: Vec<Format>,
    quoted: Vec<Format>,
}

impl Formats {
    fn new() -> Formats {
        let styles: Vec<Format> = STYLES.iter().map(format_of).collect();
        let quoted = styles
            .iter()
            .map(|f| f.clone().set_quote_prefix())
            .collect();
        Formats { styles, quoted }
    }

    /// The format of data column `column` (the app's own columns take column A's).
    fn data(&self, column: u16) -> (&Format, &Format) {
        let index = DATA_STYLES
            .get(usize::from(column))
            .copied()
            .unwrap_or(DATA_STYLES[0]);
        (&self.styles[index], &self.quoted[index])
    }
}

/// Column widths as rust_xlsxwriter takes them: it adds 5/7 of a character of padding, so the
/// file stores the template's width exactly.
fn user_width(stored: f64) -> f64 {
    stored - 5.0 / 7.0 + 1e-6
}

/// Writes the whole sheet: the template's header and formatted rows (at least its rows 5-67),
/// one row per hazard, the app's own columns, and the sheet's view, filter, print setup,
/// drop-downs and risk colours.
pub fn write(
    sheet: &mut Worksheet,
    project: &Project,
    hazards: &[&Hazard],
) -> Result<(), ExportError> {
    let formats = Formats::new();
    // Unscored rows: the risk formula's cached result is blank, as Excel leaves it.
    sheet.set_formula_result_default("");
    sheet.set_screen_gridlines(false);
    for (column, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(column as u16, user_width(*width))?;
    }
    for (row, height) in HEADER_HEIGHTS.iter().enumerate() {
        sheet.set_row_height(row as u32, *height)?;
    }
    for (first_row, first_col, last_row, last_col) in MERGES {
        let (_, _, style, text) = HEADER_CELLS
            .iter()
            .find(|(r, c, _, _)| *r == first_row && *c == first_col)
            .expect("every merge starts at a header cell");
        sheet.merge_range(
            first_row,
            first_col,
            last_row,
            last_col,
            text,
            &formats.styles[*style],
        )?;
    }
    // Cells inside merges keep their own formats (their borders draw the merged box).
    for (row, column, style, text) in HEADER_CELLS {
        let starts_merge = MERGES.iter().any(|(r, c, _, _)| *r == row && *c == column);
        if starts_merge {
            continue;
        }
        if text.is_empty() {
            sheet.write_blank(row, column, &formats.styles[style])?;
        } else {
            sheet.write_string_with_format(row, column, text, &formats.styles[style])?;
        }
    }

    let extras = extra_columns(hazards);
    write_our_headers(sheet, &formats, &extras)?;

    let last_row = TEMPLATE_LAST_ROW.max(3 + hazards.len() as u32);
    for row in 4..=last_row {
        let hazard = hazards.get((row - 4) as usize).copied();
        write_row(sheet, project, &formats, row, hazard, &extras)?;
    }

    sheet.set_freeze_panes(4, 2)?;
    sheet.autofilter(3, 0, 3, col::STATUS)?;
    sheet.set_landscape();
    sheet.set_paper_size(8);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_area(2, 1, last_row, col::STATUS)?;
    add_validations(sheet, last_row)?;
    add_risk_colours(sheet, last_row)?;
    Ok(())
}

/// The app's own columns after `AB`, headed like `Owner` (merged over rows 1-4).
fn write_our_headers(
    sheet: &mut Worksheet,
    formats: &Formats,
    extras: &[(String, usize)],
) -> Result<(), ExportError> {
    let owner_top = HEADER_CELLS
        .iter()
        .find(|(r, c, _, _)| *r == 0 && *c == col::OWNER)
        .map(|(_, _, style, _)| *style)
        .expect("the template has an Owner header");
    let labels = OUR_HEADERS
        .iter()
        .map(|label| (*label).to_owned())
        .chain(extras.iter().map(|(label, _)| label.clone()));
    for (i, label) in labels.enumerate() {
        let column = col::OURS + i as u16;
        check_length(sheet, 0, column, &label)?;
        let format = &formats.styles[owner_top];
        sheet.merge_range(0, column, 3, column, &label, format)?;
        sheet.set_column_width(column, OUR_WIDTH)?;
    }
    Ok(())
}

fn severity_text(assessment: &Assessment) -> &'static str {
    assessment.severity.map(Severity::label).unwrap_or_default()
}

fn likelihood_text(assessment: &Assessment) -> &'static str {
    assessment
        .likelihood
        .map(Likelihood::label)
        .unwrap_or_default()
}

/// The texts of one hazard's cells, by column.
fn hazard_texts(hazard: &Hazard) -> Vec<(u16, String)> {
    let mut texts = vec![
        (col::NUMBER, hazard.display_id.clone()),
        (col::EFFECT, hazard.effect.clone()),
        (col::HAZARD, hazard.hazard.clone()),
        (col::HARM, hazard.harm.clone()),
        (col::CAUSES, format_list(&hazard.causes)),
        (
            col::INITIAL_SEVERITY,
            severity_text(&hazard.initial).to_owned(),
        ),
        (
            col::INITIAL_LIKELIHOOD,
            likelihood_text(&hazard.initial).to_owned(),
        ),
        (
            col::INITIAL_JUSTIFICATION,
            hazard.initial_justification.clone(),
        ),
        (
            col::RESIDUAL_SEVERITY,
            severity_text(&hazard.residual).to_owned(),
        ),
        (
            col::RESIDUAL_LIKELIHOOD,
            likelihood_text(&hazard.residual).to_owned(),
        ),
        (
            col::RESIDUAL_JUSTIFICATION,
            hazard.residual_justification.clone(),
        ),
        (col::OWNER, hazard.owner.clone()),
        (col::STATUS, hazard.status.label().to_owned()),
    ];
    let mut pair = |column: u16, cells: ControlCells| {
        texts.push((column, cells.description));
        texts.push((column + 1, cells.evidence));
    };
    for (column, kind) in col::EXISTING.into_iter().zip(ExistingControlKind::ALL) {
        pair(column, existing_cells(&hazard.existing_controls, kind));
    }
    for (column, kind) in col::ADDITIONAL.into_iter().zip([
        ControlKind::Design,
        ControlKind::Training,
        ControlKind::BusinessProcessChange,
    ]) {
        pair(column, additional_cells(&hazard.additional_controls, kind));
    }
    let reason = match &hazard.status {
        HazardStatus::Withdrawn { reason } => reason.clone(),
        _ => String::new(),
    };
    for (i, text) in [
        hazard.name.clone(),
        hazard.description.clone(),
        hazard.actions_and_notes.clone(),
        reason,
    ]
    .into_iter()
    .enumerate()
    {
        texts.push((col::OURS + i as u16, text));
    }
    texts
}

fn column_width(column: u16) -> f64 {
    WIDTHS
        .get(usize::from(column))
        .copied()
        .unwrap_or(OUR_WIDTH)
}

/// Points for `lines` lines of Arial 12, at least the template's row height.
fn row_height_for(lines: usize) -> f64 {
    (lines as f64 * 15.0 + 4.0).clamp(DATA_ROW_HEIGHT, 409.0)
}

/// One data row: the template's formats and formulas, and the hazard's cells if there is one.
fn write_row(
    sheet: &mut Worksheet,
    project: &Project,
    formats: &Formats,
    row: u32,
    hazard: Option<&Hazard>,
    extras: &[(String, usize)],
) -> Result<(), ExportError> {
    let texts = hazard.map(hazard_texts).unwrap_or_default();
    // Spreadsheet apps do not grow a row to fit wrapped text written by a program: give each
    // row the height its longest cell needs (Arial 12 fits about 0.8 characters per unit).
    let lines = texts
        .iter()
        .map(|(column, text)| wrapped_lines(text, column_width(*column) * 0.75))
        .max()
        .unwrap_or(1);
    sheet.set_row_height(row, row_height_for(lines))?;
    for column in 0..=col::STATUS {
        if column == col::INITIAL_RISK || column == col::RESIDUAL_RISK {
            continue;
        }
        let (format, quoted) = formats.data(column);
        let text = texts
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, text)| text.as_str());
        if column == col::DATE_ADDED
            && let Some(day) = hazard.and_then(|h| h.date_added)
        {
            let serial = (day - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("a date"))
                .num_days() as f64;
            sheet.write_number_with_format(row, column, serial, format)?;
            continue;
        }
        write_text(sheet, row, column, text, format, quoted)
            .map_err(|e| in_hazard(e, hazard, column))?;
    }
    for (column, assessment, severity_col, likelihood_col) in [
        (
            col::INITIAL_RISK,
            hazard.map(|h| h.initial),
            col::INITIAL_SEVERITY,
            col::INITIAL_LIKELIHOOD,
        ),
        (
            col::RESIDUAL_RISK,
            hazard.map(|h| h.residual),
            col::RESIDUAL_SEVERITY,
            col::RESIDUAL_LIKELIHOOD,
        ),
    ] {
        let formula = Formula::new(risk_formula(row + 1, severity_col, likelihood_col));
        let rating = assessment.and_then(|a| a.rating(&project.matrix));
        let formula = formula.set_result(rating.map(|r| r.value().to_string()).unwrap_or_default());
        sheet.write_formula_with_format(row, column, formula, formats.data(column).0)?;
    }
    let Some(hazard) = hazard else {
        return Ok(());
    };
    let (format, quoted) = formats.data(0);
    for (column, text) in texts.iter().filter(|(c, _)| *c >= col::OURS) {
        write_text(sheet, row, *column, text, format, quoted)
            .map_err(|e| in_hazard(e, Some(hazard), *column))?;
    }
    let mut seen: Vec<&str> = Vec::new();
    for extra in &hazard.extra_fields {
        let occurrence = seen.iter().filter(|l| **l == extra.label).count();
        seen.push(&extra.label);
        let index = extras
            .iter()
            .position(|(label, n)| *label == extra.label && *n == occurrence)
            .expect("every extra field has a column");
        let column = col::OURS + (OUR_HEADERS.len() + index) as u16;
        write_text(sheet, row, column, &extra.value, format, quoted)
            .map_err(|e| in_hazard(e, Some(hazard), column))?;
    }
    Ok(())
}

fn in_hazard(error: ExportError, hazard: Option<&Hazard>, column: u16) -> ExportError {
    match hazard {
        Some(hazard) => error.in_hazard(
            hazard,
            &format!("column {}", column_letter(u32::from(column))),
        ),
        None => error,
    }
}

/// The template's drop-downs (one validation per kind, over both assessments, as it has them),
/// down to the last formatted row.
fn add_validations(sheet: &mut Worksheet, last_row: u32) -> Result<(), ExportError> {
    let range = |columns: [u16; 2]| {
        columns
            .map(|c| {
                let letter = column_letter(u32::from(c));
                format!("{letter}5:{letter}{}", last_row + 1)
            })
            .join(" ")
    };
    let likelihood = DataValidation::new()
        .allow_list_formula(Formula::new(layout::LIKELIHOOD_NAME))
        .set_multi_range(range([col::INITIAL_LIKELIHOOD, col::RESIDUAL_LIKELIHOOD]));
    sheet.add_data_validation(
        4,
        col::INITIAL_LIKELIHOOD,
        last_row,
        col::INITIAL_LIKELIHOOD,
        &likelihood,
    )?;
    let consequence = DataValidation::new()
        .allow_list_formula(Formula::new(layout::CONSEQUENCE_NAME))
        .set_multi_range(range([col::INITIAL_SEVERITY, col::RESIDUAL_SEVERITY]));
    sheet.add_data_validation(
        4,
        col::INITIAL_SEVERITY,
        last_row,
        col::INITIAL_SEVERITY,
        &consequence,
    )?;
    let status = DataValidation::new().allow_list_strings(&STATUS_LIST)?;
    sheet.add_data_validation(4, col::STATUS, last_row, col::STATUS, &status)?;
    Ok(())
}

/// The template's "cell contains 1..5" colours on the two risk columns, with the NHS matrix's
/// fixed colours instead of the template's theme-relative ones.
fn add_risk_colours(sheet: &mut Worksheet, last_row: u32) -> Result<(), ExportError> {
    for column in [col::INITIAL_RISK, col::RESIDUAL_RISK] {
        for rating in RiskRating::ALL {
            let format = Format::new()
                .set_bold()
                .set_background_color(rating_fill(rating));
            let rule = ConditionalFormatText::new()
                .set_rule(ConditionalFormatTextRule::Contains(
                    rating.value().to_string(),
                ))
                .set_format(format);
            sheet.add_conditional_format(4, column, last_row, column, &rule)?;
        }
    }
    Ok(())
}
