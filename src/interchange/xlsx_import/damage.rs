//! What is wrong with a workbook that cannot be read, said in the user's terms: the spreadsheet
//! reader's errors translated, with the sheet and the last cell read before the damage.

use calamine::XlsxError;

use crate::interchange::layout::column_letter;

/// A sheet that could not be read to its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SheetError {
    pub sheet: String,
    /// The last cell read before the damage, 0-based (row, column).
    pub after: Option<(u32, u32)>,
    pub problem: String,
}

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sheet '{}' cannot be read", self.sheet)?;
        if let Some((row, col)) = self.after {
            write!(f, " past cell {}{}", column_letter(col), row + 1)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// What an error of the `.xlsx` reader means for the user.
pub(super) fn xlsx_problem(err: &XlsxError) -> String {
    match err {
        XlsxError::Unexpected(message) if message.contains("shared strings") => {
            "a cell refers to an entry of the workbook's table of shared text that the table \
             does not have"
                .to_owned()
        }
        XlsxError::Zip(e) => format!("a part of the file is corrupt ({e})"),
        XlsxError::Io(e) => format!("a part of the file is corrupt or cut short ({e})"),
        XlsxError::Xml(_)
        | XlsxError::XmlAttr(_)
        | XlsxError::XmlEof(_)
        | XlsxError::UnexpectedNode(_)
        | XlsxError::Encoding(_) => {
            format!("the XML inside the file is not well formed ({err})")
        }
        XlsxError::FileNotFound(part) => {
            format!("the part “{part}” that the workbook lists is missing from the file")
        }
        XlsxError::RelationshipNotFound => {
            "a link between the parts of the workbook is missing".to_owned()
        }
        XlsxError::Parse(_)
        | XlsxError::ParseFloat(_)
        | XlsxError::ParseInt(_)
        | XlsxError::CellTAttribute(_)
        | XlsxError::CellError(_)
        | XlsxError::Alphanumeric(_)
        | XlsxError::NumericColumn(_)
        | XlsxError::RangeWithoutColumnComponent
        | XlsxError::RangeWithoutRowComponent
        | XlsxError::ColumnNumberOverflow
        | XlsxError::RowNumberOverflow
        | XlsxError::DimensionCount(_) => format!(
            "a cell holds a value or an address that does not follow the Excel format ({err})"
        ),
        other => other.to_string(),
    }
}

/// What an error of the reader of other formats (`.xlsb`, `.ods`) means for the user.
pub(super) fn other_problem(err: &calamine::Error) -> String {
    match err {
        calamine::Error::Xlsx(e) => xlsx_problem(e),
        calamine::Error::Io(e) => format!("a part of the file is corrupt or cut short ({e})"),
        other => format!("its content does not follow the spreadsheet format ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_shared_text_is_named_in_the_users_terms() {
        let err = XlsxError::Unexpected("Cell string index not found in shared strings table");
        let sheet = SheetError {
            sheet: "Hazard Log".into(),
            after: Some((4, 1)),
            problem: xlsx_problem(&err),
        };
        assert_eq!(
            sheet.to_string(),
            "sheet 'Hazard Log' cannot be read past cell B5: a cell refers to an entry of the \
             workbook's table of shared text that the table does not have"
        );
    }
}
