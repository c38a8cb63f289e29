//! The Cover Page and Version History sheets, with the sign-off blocks.

#[allow(unused_imports)]
use super::*;

// Cover Page and Version History (NHS cell maps).

pub(in crate::interchange) fn write_cover(
    sheet: &mut Worksheet,
    meta: &ProjectMetadata,
    styles: &Styles,
) -> Result<(), ExportError> {
    for (col, width) in [23.9, 22.0, 22.8, 22.0, 14.5].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let title_quoted = styles.title.clone().set_quote_prefix();
    merged_text(
        sheet,
        7,
        0,
        7,
        3,
        &meta.document_title,
        &styles.title,
        &title_quoted,
    )?;
    // (row, label col, label, value row, value col, value)
    let fields: [(u32, u16, &str, u32, u16, &str); 14] = [
        (8, 0, cover::PROGRAMME, 8, 1, &meta.programme),
        (8, 2, cover::DOCUMENT_ID, 9, 2, &meta.document_id),
        (9, 0, cover::PROJECT, 9, 1, &meta.project),
        (10, 0, cover::DIRECTOR, 10, 1, &meta.programme_director),
        (10, 2, cover::STATUS, 10, 3, meta.document_status.label()),
        (11, 0, cover::OWNER, 11, 1, &meta.owner),
        (11, 2, cover::VERSION, 11, 3, &meta.document_version),
        (12, 0, cover::AUTHOR, 12, 1, &meta.author),
        (12, 2, cover::VERSION_DATE, 12, 3, &meta.version_date),
        (13, 0, cover::SYSTEM, 13, 1, &meta.system_name),
        (13, 2, cover::SYSTEM_VERSION, 13, 3, &meta.system_version),
        (14, 0, cover::ORGANISATION, 14, 1, &meta.organisation),
        (14, 2, cover::CSO, 14, 3, &meta.clinical_safety_officer),
        (16, 0, cover::PURPOSE, 16, 0, ""),
    ];
    // Each row as tall as its longest value needs (values sit in columns about 22 wide).
    for row in 8..=14 {
        let lines = fields
            .iter()
            .filter(|field| field.3 == row)
            .map(|field| wrapped_lines(field.5, 22.0))
            .max()
            .unwrap_or(1);
        sheet.set_row_height(row, row_height_for(lines))?;
    }
    for (row, col, label, value_row, value_col, value) in fields {
        sheet.write_string_with_format(row, col, label, &styles.label)?;
        if !value.is_empty() {
            write_text(
                sheet,
                value_row,
                value_col,
                value,
                &styles.wrap_top,
                &styles.wrap_top_quoted,
            )?;
        }
    }
    if !meta.document_purpose.is_empty() {
        merged_text(
            sheet,
            17,
            0,
            27,
            4,
            &meta.document_purpose,
            &styles.wrap_top,
            &styles.wrap_top_quoted,
        )?;
    }
    Ok(())
}

pub(in crate::interchange) fn write_version_history(
    sheet: &mut Worksheet,
    meta: &ProjectMetadata,
    styles: &Styles,
) -> Result<(), ExportError> {
    for (col, width) in [12.0, 14.0, 31.6, 17.6, 17.6].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let title = styles.title.clone();
    sheet.merge_range(0, 0, 0, 4, "Amendment History", &title)?;
    for (col, header) in ["Version", "Date"].into_iter().enumerate() {
        sheet.write_string_with_format(1, col as u16, header, &styles.header)?;
    }
    sheet.merge_range(1, 2, 1, 4, "Amendment History", &styles.header)?;
    let mut row = 2;
    for line in &meta.version_history {
        if line.version.is_empty() && line.date.is_empty() && line.amendment.is_empty() {
            continue;
        }
        cell(sheet, styles, row, 0, &line.version)?;
        cell(sheet, styles, row, 1, &line.date)?;
        // The amendment spans C:E, about 67 characters wide.
        sheet.set_row_height(row, row_height_for(wrapped_lines(&line.amendment, 66.0)))?;
        merged_text(
            sheet,
            row,
            2,
            row,
            4,
            &line.amendment,
            &styles.text,
            &styles.text_quoted,
        )?;
        row += 1;
    }
    row += 2;
    row = write_sign_offs(
        sheet,
        styles,
        row,
        "Reviewers",
        "This document must be reviewed by the following:",
        &meta.reviewers,
    )?;
    write_sign_offs(
        sheet,
        styles,
        row + 2,
        "Approved",
        "This document must be approved by the following:",
        &meta.approvers,
    )?;
    Ok(())
}

/// A reviewers or approvers block; returns the row after it.
pub(in crate::interchange) fn write_sign_offs(
    sheet: &mut Worksheet,
    styles: &Styles,
    mut row: u32,
    title: &str,
    intro: &str,
    people: &[SignOff],
) -> Result<u32, ExportError> {
    sheet.merge_range(row, 0, row, 4, title, &styles.title)?;
    sheet.merge_range(row + 1, 0, row + 1, 4, intro, &styles.plain)?;
    row += 2;
    sheet.merge_range(row, 0, row, 1, "Name", &styles.header)?;
    for (col, header) in ["Title / Responsibility", "Date", "Version"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string_with_format(row, col as u16 + 2, header, &styles.header)?;
    }
    row += 1;
    for person in people {
        if person.name.is_empty()
            && person.title.is_empty()
            && person.date.is_empty()
            && person.version.is_empty()
        {
            continue;
        }
        merged_text(
            sheet,
            row,
            0,
            row,
            1,
            &person.name,
            &styles.text,
            &styles.text_quoted,
        )?;
        cell(sheet, styles, row, 2, &person.title)?;
        cell(sheet, styles, row, 3, &person.date)?;
        cell(sheet, styles, row, 4, &person.version)?;
        row += 1;
    }
    Ok(row)
}
