//! Export -> import -> export loses no cell: the example project in both layouts, every sheet
//! (ours included: Actions, Meetings, Minutes) compared cell by cell with calamine.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{DateTime, Utc};
use hazard_workshop::domain::Project;
use hazard_workshop::interchange::xlsx_import::import_workbook_at;
use hazard_workshop::interchange::*;
use hazard_workshop::storage::project_file;

fn example() -> Project {
    project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .expect("the bundled example loads")
}

fn export(project: &Project, layout: ExportLayout, path: &Path) {
    export_to_path(
        project,
        &ExportOptions {
            include_withdrawn: true,
            layout,
        },
        path,
    )
    .unwrap();
}

/// Every sheet's non-empty cells, by sheet name and (row, column).
type Cells = BTreeMap<String, BTreeMap<(u32, u32), Data>>;

fn cells_of(path: &PathBuf) -> Cells {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut sheets = Cells::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let cells = range
            .used_cells()
            .filter(|(_, _, v)| **v != Data::Empty)
            .map(|(r, c, v)| {
                let (r0, c0) = range.start().unwrap();
                ((r0 + r as u32, c0 + c as u32), v.clone())
            })
            .collect();
        sheets.insert(name, cells);
    }
    sheets
}

/// The cells that differ between two workbooks, as `sheet!(row, col): before | after`.
fn differences(before: &Cells, after: &Cells) -> Vec<String> {
    let mut out = Vec::new();
    let names: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for name in names {
        let empty = BTreeMap::new();
        let (a, b) = (
            before.get(name).unwrap_or(&empty),
            after.get(name).unwrap_or(&empty),
        );
        let places: std::collections::BTreeSet<&(u32, u32)> = a.keys().chain(b.keys()).collect();
        for place in places {
            if a.get(place) != b.get(place) {
                out.push(format!(
                    "{name}!{place:?}: {:?} | {:?}",
                    a.get(place),
                    b.get(place)
                ));
            }
        }
    }
    out
}

fn round_trip_loses_no_cell(layout: ExportLayout) {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (
        dir.path().join("first.xlsx"),
        dir.path().join("second.xlsx"),
    );
    let project = example();
    export(&project, layout, &first);
    let imported =
        import_workbook_at(&first, &project.matrix, DateTime::<Utc>::UNIX_EPOCH).unwrap();
    export(&imported.project, layout, &second);

    let before = cells_of(&first);
    for sheet in ["Actions", "Meetings", "Minutes"] {
        assert!(
            before[sheet].len() > 10,
            "the example fills the {sheet} sheet, so the comparison means something"
        );
    }
    let lost = differences(&before, &cells_of(&second));
    assert!(lost.is_empty(), "cells changed:\n{}", lost.join("\n"));

    let report = imported.report.to_text();
    assert!(
        report.contains(
            "Workshop records read from Meetings, Minutes, Actions: 2 meetings, 27 minute \
             entries, 6 actions."
        ),
        "{report}"
    );
    // Effect, hazard, initial justification and date added have columns in both layouts
    // (layout A: U-X, after the acceptance rationale) and read back.
    for (before, after) in project.hazards.iter().zip(&imported.project.hazards) {
        assert_eq!(
            (
                &before.effect,
                &before.hazard,
                &before.initial_justification,
                before.date_added
            ),
            (
                &after.effect,
                &after.hazard,
                &after.initial_justification,
                after.date_added
            ),
            "{}",
            before.display_id
        );
    }
    assert!(
        project.hazards.iter().any(|h| !h.effect.is_empty()),
        "the example fills the effect, so the comparison means something"
    );
    assert_eq!(imported.project.meetings.len(), project.meetings.len());
    assert_eq!(imported.project.actions.len(), project.actions.len());
    assert_eq!(imported.project.people.len(), project.people.len());
    assert!(report.contains("No warnings."), "{report}");
}

#[test]
fn the_v36_export_of_the_example_round_trips_with_no_lost_cell() {
    round_trip_loses_no_cell(ExportLayout::NhsV36);
}

#[test]
fn the_layout_a_export_of_the_example_round_trips_with_no_lost_cell() {
    round_trip_loses_no_cell(ExportLayout::LayoutA);
}

#[test]
fn a_workshop_sheet_edited_by_hand_reports_what_it_could_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.xlsx");
    let project = example();
    export(&project, ExportLayout::LayoutA, &path);
    // Rewrite the Actions sheet with a bad date, an unknown hazard and an extra column, using
    // an independent writer.
    let mut book = rust_xlsxwriter::Workbook::new();
    let source = cells_of(&path);
    for (name, cells) in &source {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for ((row, col), value) in cells {
            let text = match value {
                Data::String(s) => s.clone(),
                other => other.to_string(),
            };
            sheet.write_string(*row, *col as u16, &text).unwrap();
        }
        if name == "Actions" {
            sheet.write_string(1, 2, "next Tuesday").unwrap();
            sheet.write_string(1, 5, "H010, H999").unwrap();
            sheet.write_string(0, 7, "Notes").unwrap();
            sheet.write_string(1, 7, "call back").unwrap();
            sheet.write_string(1, 3, "Finished").unwrap();
        }
    }
    book.save(&path).unwrap();
    let imported = import_workbook_at(&path, &project.matrix, DateTime::<Utc>::UNIX_EPOCH).unwrap();
    let lines: Vec<String> = imported
        .report
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    for expected in [
        "'Actions'!C2: “next Tuesday” is not a date (YYYY-MM-DD); it was left out",
        "'Actions'!F2: no hazard in the hazard log has the id H999; the link was left out",
        "'Actions'!H:H: the column is not one the app writes in 'Actions'; its 2 filled cells \
         were not imported",
        "'Actions'!D2: “Finished” is not one of the values the app knows; read as “Open”",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "{expected}\n{lines:#?}"
        );
    }
    assert!(!imported.report.to_text().contains("No warnings"));
}
