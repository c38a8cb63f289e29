//! The Risk Matrix sheet: the DCB0129 matrix and the category definitions.

#[allow(unused_imports)]
use super::*;

// Risk Matrix (the NHS sheet, with the project's matrix).

pub(in crate::interchange) fn write_risk_matrix(
    sheet: &mut Worksheet,
    matrix: &RiskMatrix,
    styles: &Styles,
) -> Result<(), ExportError> {
    let widths = [
        2.28, 5.28, 11.05, 12.33, 12.33, 12.33, 12.33, 12.33, 3.55, 13.33, 56.05, 14.16,
    ];
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.merge_range(1, 1, 5, 1, "Likelihood", &styles.matrix_rotated)?;
    for (i, likelihood) in Likelihood::ALL.iter().rev().enumerate() {
        let row = 1 + i as u32;
        sheet.set_row_height(row, 28)?;
        sheet.write_string_with_format(row, 2, likelihood.label(), &styles.matrix_label)?;
        for (j, severity) in Severity::ALL.iter().enumerate() {
            let rating = matrix.rating(*severity, *likelihood);
            sheet.write_number_with_format(
                row,
                3 + j as u16,
                rating.value(),
                &styles.matrix_cells[usize::from(rating.value() - 1)],
            )?;
        }
    }
    for (j, severity) in Severity::ALL.iter().enumerate() {
        sheet.write_string_with_format(6, 3 + j as u16, severity.label(), &styles.matrix_label)?;
    }
    sheet.merge_range(7, 3, 7, 7, "Severity", &styles.matrix_heading)?;

    sheet.write_string_with_format(9, 2, "Likelihood Category", &styles.matrix_heading)?;
    sheet.merge_range(9, 3, 9, 7, "Interpretation", &styles.matrix_heading)?;
    sheet.set_row_height(9, 27)?;
    for (i, likelihood) in Likelihood::ALL.iter().rev().enumerate() {
        let row = 10 + i as u32;
        sheet.write_string_with_format(row, 2, likelihood.label(), &styles.matrix_label)?;
        sheet.merge_range(row, 3, row, 7, likelihood.definition(), &styles.matrix_text)?;
        sheet.set_row_height(row, 27)?;
    }

    sheet.merge_range(16, 3, 16, 7, "Risk Acceptability", &styles.matrix_heading)?;
    for (i, rating) in RiskRating::ALL.iter().rev().enumerate() {
        let row = 17 + i as u32;
        sheet.write_number_with_format(
            row,
            2,
            rating.value(),
            &styles.matrix_cells[usize::from(rating.value() - 1)],
        )?;
        sheet.merge_range(row, 3, row, 7, rating.acceptability(), &styles.matrix_text)?;
        let lines = rating.acceptability().len().div_ceil(70).max(1) as f64;
        sheet.set_row_height(row, 14.0 * lines + 4.0)?;
    }

    for (col, header) in [
        "Severity Classification",
        "Interpretation",
        "No. of Patients Affected",
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string_with_format(1, 9 + col as u16, header, &styles.matrix_heading)?;
    }
    let mut row = 2;
    for severity in Severity::ALL.iter().rev() {
        let first = row;
        for definition in severity.definitions() {
            sheet.write_string_with_format(
                row,
                10,
                definition.interpretation,
                &styles.matrix_text,
            )?;
            sheet.write_string_with_format(row, 11, definition.patients, &styles.matrix_label)?;
            row += 1;
        }
        if row - first > 1 {
            sheet.merge_range(first, 9, row - 1, 9, severity.label(), &styles.matrix_label)?;
        } else {
            sheet.write_string_with_format(first, 9, severity.label(), &styles.matrix_label)?;
        }
    }
    Ok(())
}
