//! Importing the v3.6 layout: our own v3.6 export reads back with every cell kept (export ->
//! import -> export compared cell by cell with calamine), and the NHS template itself imports
//! with its grouped header recognised. The report lines are asserted.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use hazard_workshop::domain::*;
use hazard_workshop::interchange::{
    ExportLayout, ExportOptions, ImportResult, export_workbook, import_workbook,
};
use hazard_workshop::storage::project_file;

fn example() -> Project {
    project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap()
}

fn export(project: &Project) -> Vec<u8> {
    export_workbook(
        project,
        &ExportOptions {
            include_withdrawn: true,
            layout: ExportLayout::NhsV36,
        },
    )
    .unwrap()
}

fn import(bytes: Vec<u8>, name: &str, matrix: &RiskMatrix) -> ImportResult {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    import_workbook(&path, matrix).unwrap()
}

/// Every non-empty cell of a sheet, as text, by `(row, col)`.
fn cells(bytes: &[u8], sheet: &str) -> BTreeMap<(u32, u32), String> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut out = BTreeMap::new();
    for (r, row) in range.rows().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let text = match value {
                Data::Empty => continue,
                other => other.to_string(),
            };
            out.insert((top + r as u32, left + c as u32), text);
        }
    }
    out
}

fn differences(first: &[u8], second: &[u8], sheet: &str) -> Vec<String> {
    let a = cells(first, sheet);
    let b = cells(second, sheet);
    let mut out = Vec::new();
    for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(k))) {
        if a.get(key) != b.get(key) {
            out.push(format!(
                "{sheet} R{}C{}: {:?} became {:?}",
                key.0 + 1,
                key.1 + 1,
                a.get(key),
                b.get(key)
            ));
        }
    }
    out
}

#[test]
fn our_v36_export_reads_back_with_every_hazard_log_cell_kept() {
    let project = example();
    let first = export(&project);
    let imported = import(first.clone(), "example-v36.xlsx", &project.matrix);
    let text = imported.report.to_text();
    assert!(
        text.contains("Layout: NHS Digital hazard log template v3.6 (grouped header, rows 1-4)."),
        "{text}"
    );
    assert!(text.contains("header row 4."), "{text}");
    assert!(text.contains("  D   Hazard -> Hazard\n"), "{text}");
    assert!(
        text.contains("  AC  Hazard Name -> Hazard name\n"),
        "{text}"
    );
    assert!(
        text.contains("  Q   Description -> Design controls\n"),
        "{text}"
    );
    assert_eq!(imported.project.hazards.len(), project.hazards.len());
    let second = export(&imported.project);
    let lost = differences(&first, &second, "Hazard Log");
    assert!(lost.is_empty(), "{}\n{text}", lost.join("\n"));
}

#[test]
fn v36_fields_read_back_as_the_hazard_had_them() {
    let mut project = example();
    let hazard = &mut project.hazards[0];
    hazard.additional_controls = vec![
        AdditionalControl {
            kind: ControlKind::Test,
            text: "Regression suite".into(),
            owner: "QA lead".into(),
            evidence: "TR-7".into(),
        },
        AdditionalControl {
            kind: ControlKind::Design,
            text: "Test: a design control that starts like a prefix".into(),
            owner: String::new(),
            evidence: String::new(),
        },
    ];
    hazard.existing_controls = vec![
        ExistingControl {
            kind: ExistingControlKind::UserTraining,
            text: "Induction".into(),
            evidence: "LMS record".into(),
        },
        ExistingControl {
            kind: ExistingControlKind::BusinessProcess,
            text: "Two-person check".into(),
            evidence: String::new(),
        },
    ];
    hazard.initial_justification = "Initial reason".into();
    hazard.residual_justification = "Residual reason".into();
    hazard.effect = "Delayed care".into();
    hazard.hazard = "Wrong patient shown".into();
    hazard.harm = "Missed dose".into();
    hazard.date_added = chrono::NaiveDate::from_ymd_opt(2025, 3, 14);
    hazard.status = HazardStatus::Withdrawn {
        reason: "Duplicate of H-2".into(),
    };
    let expected = hazard.clone();
    let imported = import(export(&project), "fields.xlsx", &project.matrix);
    let back = imported
        .project
        .hazards
        .iter()
        .find(|h| h.display_id == expected.display_id)
        .expect("the hazard reads back");
    assert_eq!(back.additional_controls, expected.additional_controls);
    assert_eq!(back.existing_controls, expected.existing_controls);
    assert_eq!(back.initial_justification, "Initial reason");
    assert_eq!(back.residual_justification, "Residual reason");
    assert_eq!(
        (
            back.effect.as_str(),
            back.hazard.as_str(),
            back.harm.as_str()
        ),
        ("Delayed care", "Wrong patient shown", "Missed dose")
    );
    assert_eq!(back.date_added, expected.date_added);
    assert_eq!(back.status, expected.status);
    assert_eq!(back.name, expected.name);
    assert_eq!(back.description, expected.description);
    assert_eq!(back.actions_and_notes, expected.actions_and_notes);
}

#[test]
fn the_v36_template_imports_with_its_grouped_header_recognised() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nhs-templates/clinical_safety_hazard_log_template.xlsx");
    let bytes = std::fs::read(&path).unwrap();
    let imported = import(bytes, "template.xlsx", &RiskMatrix::default());
    let text = imported.report.to_text();
    assert!(
        text.contains("Layout: NHS Digital hazard log template v3.6"),
        "{text}"
    );
    assert!(text.contains("header row 4."), "{text}");
    assert!(text.contains("  C   Effect -> Effect\n"), "{text}");
    assert!(
        text.contains("  H   Evidence -> Evidence of the controls to its left\n"),
        "{text}"
    );
    assert!(!text.contains("Columns kept as extra fields"), "{text}");
}
