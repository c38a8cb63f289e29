//! What calamine does not tell: which rows and columns of an `.xlsx` sheet are hidden, which
//! cells are merged, which hold a formula with no stored value, and whether an auto-filter was
//! active when the file was saved. Read straight
//! from the sheet's XML part with `zip` and `quick-xml`.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufReader, Read, Seek};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// A merged range, 0-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

#[derive(Clone, Debug, Default)]
pub struct SheetLayout {
    pub hidden_rows: BTreeSet<u32>,
    pub hidden_cols: BTreeSet<u32>,
    pub merges: Vec<Merge>,
    /// The sheet was saved with an auto-filter hiding some rows: hidden rows may be data.
    pub filter_active: bool,
    /// Cells holding a formula but no stored value (a file saved without calculating): they
    /// read as empty, so the import names them.
    pub formulas_without_value: Vec<(u32, u32)>,
}

/// The cell being read: where it is, and whether it has a formula and a stored value.
struct OpenCell {
    at: Option<(u32, u32)>,
    formula: bool,
    value: bool,
}

impl OpenCell {
    /// Records the cell just read when it had a formula but no value.
    fn close(&mut self, layout: &mut SheetLayout, max_row: u32) {
        if let Some((row, col)) = self.at.take()
            && self.formula
            && !self.value
            && row <= max_row
        {
            layout.formulas_without_value.push((row, col));
        }
    }
}

/// The layout of the sheet called `sheet`, or `None` when the workbook is not a zip of XML parts
/// or the part cannot be found. Rows beyond `max_row` are not recorded.
pub fn sheet_layout<R: Read + Seek>(reader: R, sheet: &str, max_row: u32) -> Option<SheetLayout> {
    let mut zip = zip::ZipArchive::new(reader).ok()?;
    let part = sheet_part(&mut zip, sheet)?;
    let file = zip.by_name(&part).ok()?;
    read_layout(BufReader::new(file), max_row)
}

/// Whether the sheet called `sheet` may hold links to outside the workbook: an external link
/// needs a hyperlink relationship in the sheet's own relationships part. `true` when unsure.
pub fn may_have_external_links<R: Read + Seek>(reader: R, sheet: &str) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(reader) else {
        return true;
    };
    let Some(part) = sheet_part(&mut zip, sheet) else {
        return true;
    };
    let rels = match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    };
    let Ok(file) = zip.by_name(&rels) else {
        // No relationships part: the sheet links to nothing outside itself.
        return false;
    };
    let mut hyperlink = false;
    let read = for_each_element(file, |element| {
        if element.local_name().as_ref() == "Relationship"
            && attribute(element, "Type").is_some_and(|t| t.ends_with("/hyperlink"))
        {
            hyperlink = true;
        }
    });
    read.is_none() || hyperlink
}

fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| {
            let key: &str = a.key.as_ref();
            // `r:id` may use another prefix for the relationships namespace.
            key == name || (name == "r:id" && key.ends_with(":id"))
        })
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn is_true(value: Option<String>) -> bool {
    matches!(value.as_deref(), Some("1" | "true"))
}

/// The zip path of the worksheet named `sheet`, via `xl/workbook.xml` and its relationships.
fn sheet_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, sheet: &str) -> Option<String> {
    let mut relationship = None;
    for_each_element(zip.by_name("xl/workbook.xml").ok()?, |element| {
        if element.local_name().as_ref() == "sheet"
            && attribute(element, "name").as_deref() == Some(sheet)
        {
            relationship = attribute(element, "r:id");
        }
    })?;
    let relationship = relationship?;
    let mut targets = HashMap::new();
    for_each_element(zip.by_name("xl/_rels/workbook.xml.rels").ok()?, |element| {
        if element.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) =
                (attribute(element, "Id"), attribute(element, "Target"))
        {
            targets.insert(id, target);
        }
    })?;
    let target = targets.remove(&relationship)?;
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("xl/{target}"),
    })
}

/// Calls `visit` with every start or empty element of an XML part.
fn for_each_element(part: impl Read, mut visit: impl FnMut(&BytesStart)) -> Option<()> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(element) | Event::Empty(element) => visit(&element),
            Event::Eof => return Some(()),
            _ => {}
        }
    }
}

/// A cell element's `r` reference, read without copying it (a sheet has one per cell).
fn cell_reference(element: &BytesStart) -> Option<(u32, u32)> {
    let r = element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == "r")?;
    parse_cell(&r.value)
}

/// `B7` -> (6, 1).
fn parse_cell(reference: &str) -> Option<(u32, u32)> {
    // Split without a copy: a sheet has a reference per cell.
    let split = reference
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(reference.len());
    let (letters, digits) = reference.split_at(split);
    let row: u32 = digits.parse().ok()?;
    let mut col: u32 = 0;
    for c in letters.bytes() {
        col = col.checked_mul(26)? + (c.to_ascii_uppercase() - b'A') as u32 + 1;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

fn parse_range(reference: &str) -> Option<Merge> {
    let (first, last) = reference.split_once(':').unwrap_or((reference, reference));
    let (first_row, first_col) = parse_cell(first)?;
    let (last_row, last_col) = parse_cell(last)?;
    Some(Merge {
        first_row,
        first_col,
        last_row,
        last_col,
    })
}

fn read_layout(part: impl Read, max_row: u32) -> Option<SheetLayout> {
    let mut layout = SheetLayout::default();
    let mut cell = OpenCell {
        at: None,
        formula: false,
        value: false,
    };
    for_each_element(part, |element| match element.local_name().as_ref() {
        "c" => {
            cell.close(&mut layout, max_row);
            cell = OpenCell {
                at: cell_reference(element),
                formula: false,
                value: false,
            };
        }
        "f" => cell.formula = true,
        "v" | "is" => cell.value = true,
        "row" => {
            cell.close(&mut layout, max_row);
            if is_true(attribute(element, "hidden"))
                && let Some(row) = attribute(element, "r").and_then(|r| r.parse::<u32>().ok())
                && row >= 1
                && row - 1 <= max_row
            {
                layout.hidden_rows.insert(row - 1);
            }
        }
        "col" if is_true(attribute(element, "hidden")) => {
            let number = |name: &str| attribute(element, name)?.parse::<u32>().ok();
            if let (Some(min), Some(max)) = (number("min"), number("max")) {
                // Whole-sheet ranges (to column 16384) are capped: nothing real lives there.
                for col in min.max(1)..=max.min(min.saturating_add(1000)) {
                    layout.hidden_cols.insert(col - 1);
                }
            }
        }
        "mergeCell" => {
            if let Some(merge) = attribute(element, "ref").and_then(|r| parse_range(&r)) {
                layout.merges.push(merge);
            }
        }
        "filterColumn" => layout.filter_active = true,
        _ => {}
    })?;
    cell.close(&mut layout, max_row);
    Some(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_parse() {
        assert_eq!(parse_cell("A1"), Some((0, 0)));
        assert_eq!(parse_cell("I5"), Some((4, 8)));
        assert_eq!(parse_cell("AA10"), Some((9, 26)));
        assert_eq!(parse_cell("A0"), None);
        assert_eq!(
            parse_range("H1:I1"),
            Some(Merge {
                first_row: 0,
                first_col: 7,
                last_row: 0,
                last_col: 8
            })
        );
    }

    #[test]
    fn hidden_rows_columns_and_merges_are_read() {
        let xml = r#"<worksheet><cols><col min="2" max="3" hidden="1"/><col min="4" max="4"/></cols>
            <sheetData><row r="1"><c r="A1"/></row><row r="5" hidden="1"/><row r="9" hidden="true"/></sheetData>
            <autoFilter ref="A1:C9"><filterColumn colId="0"/></autoFilter>
            <mergeCells><mergeCell ref="H1:I1"/></mergeCells></worksheet>"#;
        let layout = read_layout(xml.as_bytes(), 100).unwrap();
        assert_eq!(layout.hidden_rows.into_iter().collect::<Vec<_>>(), [4, 8]);
        assert_eq!(layout.hidden_cols.into_iter().collect::<Vec<_>>(), [1, 2]);
        assert_eq!(layout.merges.len(), 1);
        assert!(layout.filter_active);
    }

    #[test]
    fn formulas_without_a_stored_value_are_found() {
        let xml = r#"<worksheet><sheetData><row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><f>1+1</f><v>2</v></c>
            <c r="C1" t="str"><f>""</f><v/></c></row><row r="2"><c r="D2"><f t="shared" si="0"/></c></row>
            <row r="9"><c r="A9"><f>1</f></c></row></sheetData></worksheet>"#;
        let layout = read_layout(xml.as_bytes(), 5).unwrap();
        assert_eq!(layout.formulas_without_value, [(0, 0), (1, 3)]);
    }
}
