//! The NHS Digital v3.6 template's grouped header (rows 1-4, leaf `Description` / `Evidence`
//! under their control group) read as column roles, and its paired Description / Evidence cells
//! and `Date Added` cells read back as the app writes them.

use std::collections::BTreeMap;

use calamine::Data;
use chrono::NaiveDate;

use super::columns::Role;
use super::headers::{Kind, header_key};
use super::table::Table;
use crate::domain::summary::Stage;
use crate::interchange::cell_text::parse_list;

/// The leaf row (row 4) of columns C-Z, as the template writes it (keys compared normalised).
const LEAVES: [&str; 24] = [
    "effect",
    "hazard",
    "harm",
    "possible causes",
    "description",
    "evidence",
    "description",
    "evidence",
    "description",
    "evidence",
    "severity",
    "likelihood",
    "risk",
    "justification",
    "description",
    "evidence",
    "description",
    "evidence",
    "description",
    "evidence",
    "severity",
    "likelihood",
    "risk",
    "justification",
];

/// The app's own columns after `AB` (see `nhs_v36::hazard_log::OUR_HEADERS`).
const OURS: [(&str, Kind); 4] = [
    ("hazard name", Kind::Name),
    ("hazard description (detail)", Kind::Description),
    ("summary of actions/notes", Kind::Notes),
    ("withdrawal reason", Kind::WithdrawnReason),
];

/// Whether the table's header is the v3.6 grouped header: the leaf row, with the Existing and
/// Additional Controls group captions two rows above it.
pub(super) fn is_v36(table: &Table) -> bool {
    let row = table.header_row;
    if row < 2 {
        return false;
    }
    let leaves_match = LEAVES
        .iter()
        .enumerate()
        .all(|(i, leaf)| header_key(&table.grid.text(row, i as u32 + 2)) == *leaf);
    leaves_match
        && header_key(&table.grid.text(row - 2, 6)) == "existing controls"
        && header_key(&table.grid.text(row - 2, 16)) == "additional controls"
}

/// Columns A-AB, read by position.
pub(super) const FIXED_COLUMNS: u32 = 28;

/// The role of every column of a v3.6 sheet: A-AB by position, the app's four columns by their
/// header, and every other column with a header or a filled cell an extra field.
pub(super) fn v36_roles(headers: &[String], filled: impl Fn(u32) -> bool) -> BTreeMap<u32, Role> {
    use Kind::*;
    let initial = Some(Stage::Initial);
    let residual = Some(Stage::Residual);
    let fixed: [(Kind, Option<Stage>); FIXED_COLUMNS as usize] = [
        (Id, None),
        (DateAdded, None),
        (Effect, None),
        (HazardText, None),
        (Impact, None),
        (Causes, None),
        (ExistingDesign, None),
        (Evidence, None),
        (ExistingTraining, None),
        (Evidence, None),
        (ExistingBpc, None),
        (Evidence, None),
        (Severity, initial),
        (Likelihood, initial),
        (Risk, initial),
        (InitialJustification, None),
        (Design, None),
        (Evidence, None),
        (Training, None),
        (Evidence, None),
        (Bpc, None),
        (Evidence, None),
        (Severity, residual),
        (Likelihood, residual),
        (Risk, residual),
        (Rationale, None),
        (Owner, None),
        (Status, None),
    ];
    let mut roles = BTreeMap::new();
    for (col, (kind, stage)) in fixed.into_iter().enumerate() {
        roles.insert(col as u32, Role::Field(kind, stage));
    }
    let mut taken: Vec<Kind> = Vec::new();
    for (col, header) in headers.iter().enumerate().skip(fixed.len()) {
        let col = col as u32;
        if header.is_empty() && !filled(col) {
            continue;
        }
        let key = header_key(header);
        let ours = OURS
            .iter()
            .find(|(text, kind)| *text == key && !taken.contains(kind));
        let role = match ours {
            Some((_, kind)) => {
                taken.push(*kind);
                Role::Field(*kind, None)
            }
            None if header.is_empty() => Role::Extra(format!(
                "Column {}",
                crate::interchange::layout::column_letter(col)
            )),
            None => Role::Extra(header.clone()),
        };
        roles.insert(col, role);
    }
    roles
}

/// A Description cell and its Evidence cell as `(item, evidence)` pairs: one item takes the
/// whole evidence cell; several take the evidence lines numbered `N) ` by the item they belong
/// to. Evidence that names no item (or an item that is not there) is returned second, to be
/// reported and kept.
pub(super) fn paired_items(description: &str, evidence: &str) -> (Vec<(String, String)>, String) {
    let items = parse_list(description);
    let evidence = evidence.trim();
    if items.len() <= 1 {
        return match items.into_iter().next() {
            Some(item) => (vec![(item, evidence.to_owned())], String::new()),
            None => (Vec::new(), evidence.to_owned()),
        };
    }
    let mut pairs: Vec<(String, String)> = items.into_iter().map(|i| (i, String::new())).collect();
    let mut unplaced: Vec<String> = Vec::new();
    let mut current: Option<usize> = None;
    for line in evidence.lines() {
        match numbered(line).filter(|(n, _)| (1..=pairs.len()).contains(n)) {
            Some((n, text)) => {
                current = Some(n - 1);
                pairs[n - 1].1 = text.to_owned();
            }
            None => match current {
                Some(i) => {
                    pairs[i].1.push('\n');
                    pairs[i].1.push_str(line);
                }
                None if !line.trim().is_empty() => unplaced.push(line.to_owned()),
                None => {}
            },
        }
    }
    (pairs, unplaced.join("\n"))
}

/// `N) text` as `(N, text)`.
fn numbered(line: &str) -> Option<(usize, &str)> {
    let line = line.trim_start();
    let close = line.find(')')?;
    let n = line[..close].trim().parse().ok()?;
    Some((n, line[close + 1..].trim_start()))
}

/// A `Date Added` cell: an Excel date, a date serial, or an ISO or UK date written as text.
pub(super) fn date_of(data: &Data) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    match data {
        Data::DateTime(date) if date.as_f64() >= 1.0 => {
            epoch.checked_add_days(chrono::Days::new(date.as_f64() as u64))
        }
        Data::Float(serial) if *serial >= 1.0 => {
            epoch.checked_add_days(chrono::Days::new(*serial as u64))
        }
        Data::Int(serial) if *serial >= 1 => {
            epoch.checked_add_days(chrono::Days::new(*serial as u64))
        }
        Data::String(text) | Data::DateTimeIso(text) => {
            let text = text.trim();
            NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
                .ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_lines_go_to_the_item_they_number() {
        let (pairs, unplaced) = paired_items("1) A\n2) B\n3) C", "1) doc A\n3) doc C\nmore C");
        assert_eq!(
            pairs,
            vec![
                ("A".to_owned(), "doc A".to_owned()),
                ("B".to_owned(), String::new()),
                ("C".to_owned(), "doc C\nmore C".to_owned()),
            ]
        );
        assert_eq!(unplaced, "");
        let (pairs, _) = paired_items("Only one", "1) its evidence");
        assert_eq!(
            pairs,
            vec![("Only one".to_owned(), "1) its evidence".to_owned())]
        );
        let (pairs, unplaced) = paired_items("1) A\n2) B", "loose note");
        assert_eq!(pairs.len(), 2);
        assert_eq!(unplaced, "loose note");
    }

    #[test]
    fn dates_are_read_from_serials_and_text() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
        assert_eq!(date_of(&Data::Float(45730.0)), Some(day));
        assert_eq!(date_of(&Data::String("14/03/2025".into())), Some(day));
        assert_eq!(date_of(&Data::String("2025-03-14".into())), Some(day));
        assert_eq!(date_of(&Data::String("soon".into())), None);
    }
}
