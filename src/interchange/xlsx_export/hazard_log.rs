//! The layout A Hazard Log sheet: one row per hazard, its risk formulas and row heights.

#[allow(unused_imports)]
use super::*;

// Hazard Log.

/// `=IF(OR(G2="",H2=""),"",INDEX(...))`: the rating looked up in the Risk Matrix sheet.
pub(in crate::interchange) fn risk_formula(
    excel_row: u32,
    severity_col: u16,
    likelihood_col: u16,
) -> String {
    let s = format!(
        "{}{excel_row}",
        layout::column_letter(u32::from(severity_col))
    );
    let l = format!(
        "{}{excel_row}",
        layout::column_letter(u32::from(likelihood_col))
    );
    format!(
        "=IF(OR({s}=\"\",{l}=\"\"),\"\",INDEX('Risk Matrix'!$D$2:$H$6,MATCH({l},{lik},0),MATCH({s},{con},0)))",
        lik = layout::LIKELIHOOD_NAME,
        con = layout::CONSEQUENCE_NAME
    )
}

/// The columns extra fields go in (after the rationale column in layout A, after the app's own
/// columns in v3.6): one per label, and one more for each repeat of a label within a hazard, in
/// order of first appearance.
pub(in crate::interchange) fn extra_columns(hazards: &[&Hazard]) -> Vec<(String, usize)> {
    let mut columns: Vec<(String, usize)> = Vec::new();
    for hazard in hazards {
        let mut seen: Vec<&str> = Vec::new();
        for extra in &hazard.extra_fields {
            let occurrence = seen.iter().filter(|l| **l == extra.label).count();
            seen.push(&extra.label);
            let key = (extra.label.clone(), occurrence);
            if !columns.contains(&key) {
                columns.push(key);
            }
        }
    }
    columns
}

pub(in crate::interchange) fn write_hazard_log(
    sheet: &mut Worksheet,
    project: &Project,
    hazards: &[&Hazard],
    styles: &Styles,
) -> Result<(), ExportError> {
    // Unscored rows: the risk formula's cached result is blank, not Excel's default 0.
    sheet.set_formula_result_default("");
    header_row(sheet, styles, 0, &HAZARD_COLUMNS)?;
    let extras = extra_columns(hazards);
    let mut last_col = col::FIRST_EXTRA - 1;
    for (i, (header, width)) in layout::OUR_COLUMNS.iter().enumerate() {
        let column = col::RATIONALE + i as u16;
        sheet.write_string_with_format(0, column, *header, &styles.header)?;
        sheet.set_column_width(column, *width)?;
    }
    for (i, (label, _)) in extras.iter().enumerate() {
        let column = col::FIRST_EXTRA + i as u16;
        check_length(sheet, 0, column, label)?;
        sheet.write_string_with_format(0, column, label, &styles.header)?;
        sheet.set_column_width(column, 30)?;
        last_col = column;
    }

    for (i, hazard) in hazards.iter().enumerate() {
        let row = i as u32 + 1;
        write_hazard_row(sheet, project, hazard, row, &extras, styles)?;
    }

    let last_hazard_row = hazards.len() as u32;
    let last_row = last_hazard_row + SPARE_ROWS;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_hazard_row.max(1), last_col)?;

    let consequence = DataValidation::new()
        .allow_list_formula(Formula::new(format!("={}", layout::CONSEQUENCE_NAME)));
    let likelihood = DataValidation::new()
        .allow_list_formula(Formula::new(format!("={}", layout::LIKELIHOOD_NAME)));
    let status = DataValidation::new().allow_list_strings(&layout::STATUS_LIST)?;
    for column in [col::INITIAL_SEVERITY, col::RESIDUAL_SEVERITY] {
        sheet.add_data_validation(1, column, last_row, column, &consequence)?;
    }
    for column in [col::INITIAL_LIKELIHOOD, col::RESIDUAL_LIKELIHOOD] {
        sheet.add_data_validation(1, column, last_row, column, &likelihood)?;
    }
    sheet.add_data_validation(1, col::STATUS, last_row, col::STATUS, &status)?;

    // The fill follows the number if the sheet is edited later.
    for column in [col::INITIAL_RISK, col::RESIDUAL_RISK] {
        for (rating, format) in RiskRating::ALL.iter().zip(&styles.risk) {
            let rule = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(u32::from(
                    rating.value(),
                )))
                .set_format(format);
            sheet.add_conditional_format(1, column, last_row, column, &rule)?;
        }
    }
    Ok(())
}

/// How many lines `text` takes in a column `width` characters wide (Arial 10 fits about one
/// character per unit of width), counting its own line breaks.
pub(in crate::interchange) fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.1).max(4.0) as usize;
    text.split('\n')
        .map(|line| line.chars().count().div_ceil(per_line).max(1))
        .sum()
}

/// Points for `lines` lines of Arial 10, capped at Excel's maximum row height.
pub(in crate::interchange) fn row_height_for(lines: usize) -> f64 {
    (lines as f64 * 12.75 + 3.0).clamp(15.0, 409.0)
}

pub(in crate::interchange) fn write_hazard_row(
    sheet: &mut Worksheet,
    project: &Project,
    hazard: &Hazard,
    row: u32,
    extras: &[(String, usize)],
    styles: &Styles,
) -> Result<(), ExportError> {
    let label = |s: Option<&'static str>| s.unwrap_or_default();
    let texts: [(u16, String); 20] = [
        (col::ID, hazard.display_id.clone()),
        (col::NAME, hazard.name.clone()),
        (col::DESCRIPTION, hazard.description.clone()),
        (col::IMPACT, hazard.harm.clone()),
        (col::CAUSES, format_list(&hazard.causes)),
        (
            col::EXISTING,
            format_existing_controls(&hazard.existing_controls),
        ),
        (
            col::DESIGN,
            format_controls(&hazard.additional_controls, ControlKind::Design),
        ),
        (
            col::TEST,
            format_controls(&hazard.additional_controls, ControlKind::Test),
        ),
        (
            col::TRAINING,
            format_controls(&hazard.additional_controls, ControlKind::Training),
        ),
        (
            col::BPC,
            format_controls(
                &hazard.additional_controls,
                ControlKind::BusinessProcessChange,
            ),
        ),
        (col::NOTES, hazard.actions_and_notes.clone()),
        (col::OWNER, hazard.owner.clone()),
        (col::RATIONALE, hazard.residual_justification.clone()),
        (col::EFFECT, hazard.effect.clone()),
        (col::HAZARD_TEXT, hazard.hazard.clone()),
        (
            col::INITIAL_JUSTIFICATION,
            hazard.initial_justification.clone(),
        ),
        (
            col::DATE_ADDED,
            hazard
                .date_added
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        ),
        (
            col::INITIAL_SEVERITY,
            label(hazard.initial.severity.map(Severity::label)).to_owned(),
        ),
        (
            col::RESIDUAL_SEVERITY,
            label(hazard.residual.severity.map(Severity::label)).to_owned(),
        ),
        (col::STATUS, format_status(&hazard.status)),
    ];
    // Spreadsheet apps do not grow a row to fit wrapped text written by a program (LibreOffice
    // overlaps it, Excel cuts it off): give each row the height its longest cell needs.
    let lines = texts
        .iter()
        .map(|(column, text)| {
            let width = HAZARD_COLUMNS
                .get(usize::from(*column))
                .map_or(40.0, |(_, width)| *width);
            wrapped_lines(text, width)
        })
        .max()
        .unwrap_or(1);
    sheet.set_row_height(row, row_height_for(lines))?;
    for (column, text) in &texts {
        let centred = matches!(
            *column,
            col::INITIAL_SEVERITY | col::RESIDUAL_SEVERITY | col::STATUS
        );
        let format = if centred {
            &styles.centred
        } else {
            &styles.text
        };
        write_text(sheet, row, *column, text, format, &styles.text_quoted)
            .map_err(|e| e.in_hazard(hazard, column_header(*column)))?;
    }
    for (column, likelihood) in [
        (col::INITIAL_LIKELIHOOD, hazard.initial.likelihood),
        (col::RESIDUAL_LIKELIHOOD, hazard.residual.likelihood),
    ] {
        let text = likelihood.map(Likelihood::label).unwrap_or_default();
        write_text(sheet, row, column, text, &styles.centred, &styles.centred)?;
    }

    let excel_row = row + 1;
    for (column, assessment, severity_col, likelihood_col) in [
        (
            col::INITIAL_RISK,
            &hazard.initial,
            col::INITIAL_SEVERITY,
            col::INITIAL_LIKELIHOOD,
        ),
        (
            col::RESIDUAL_RISK,
            &hazard.residual,
            col::RESIDUAL_SEVERITY,
            col::RESIDUAL_LIKELIHOOD,
        ),
    ] {
        let formula = Formula::new(risk_formula(excel_row, severity_col, likelihood_col));
        let (formula, format) = match assessment.rating(&project.matrix) {
            Some(rating) => (
                formula.set_result(rating.value().to_string()),
                &styles.risk[usize::from(rating.value() - 1)],
            ),
            None => (formula.set_result(""), &styles.risk_blank),
        };
        sheet.write_formula_with_format(row, column, formula, format)?;
    }

    let mut seen: Vec<&str> = Vec::new();
    for extra in &hazard.extra_fields {
        let occurrence = seen.iter().filter(|l| **l == extra.label).count();
        seen.push(&extra.label);
        let index = extras
            .iter()
            .position(|(label, n)| *label == extra.label && *n == occurrence)
            .expect("every extra field has a column");
        let column = col::FIRST_EXTRA + index as u16;
        cell(sheet, styles, row, column, &extra.value)
            .map_err(|e| e.in_hazard(hazard, &extra.label))?;
    }
    Ok(())
}

pub(in crate::interchange) fn column_header(column: u16) -> &'static str {
    HAZARD_COLUMNS
        .get(usize::from(column))
        .or_else(|| layout::OUR_COLUMNS.get(usize::from(column.saturating_sub(col::RATIONALE))))
        .map_or(layout::RATIONALE_HEADER, |(h, _)| *h)
}
