//! Hazard Workshop's own hazard log (`docs/safety/hazard-workshop.hazlog`, written by
//! `cargo run --example own_hazard_log`): it opens, every hazard's controls name the tests that
//! verify them, every named test exists, and it exports to the v3.6 workbook and the safety case
//! report (so CI makes them again on every run).

use std::path::Path;

use hazard_workshop::interchange::safety_case::{ReportSource, safety_case_docx};
use hazard_workshop::interchange::{ExportOptions, export_workbook};
use hazard_workshop::storage::project_file;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `path/to/file.rs::test_name` references in a control's evidence.
fn named_tests(evidence: &str) -> Vec<(String, String)> {
    evidence
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter_map(|word| word.split_once("::"))
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(path, name)| (path.to_owned(), name.trim_end_matches('.').to_owned()))
        .collect()
}

#[test]
fn every_control_names_tests_that_exist() {
    let log = project_file::load(&root().join("docs/safety/hazard-workshop.hazlog")).unwrap();
    assert!(
        log.hazards.len() >= 7,
        "the tool's own hazards are recorded"
    );
    let mut checked = 0;
    for hazard in &log.hazards {
        let evidence: Vec<&str> = hazard
            .existing_controls
            .iter()
            .map(|c| c.evidence.as_str())
            .chain(
                hazard
                    .additional_controls
                    .iter()
                    .map(|c| c.evidence.as_str()),
            )
            .collect();
        let tests: Vec<_> = evidence.iter().flat_map(|e| named_tests(e)).collect();
        assert!(!tests.is_empty(), "{} names no test", hazard.display_id);
        for (path, name) in tests {
            let source = std::fs::read_to_string(root().join(&path))
                .unwrap_or_else(|e| panic!("{}: {path} cannot be read: {e}", hazard.display_id));
            assert!(
                source.contains(&format!("fn {name}(")),
                "{}: {path} has no test {name}",
                hazard.display_id
            );
            checked += 1;
        }
    }
    assert!(checked >= log.hazards.len());
}

#[test]
fn the_own_log_exports_to_the_workbook_and_the_safety_case_report() {
    let log = project_file::load(&root().join("docs/safety/hazard-workshop.hazlog")).unwrap();
    let workbook = export_workbook(&log, &ExportOptions::default()).unwrap();
    assert!(workbook.starts_with(b"PK"), "an xlsx is a zip archive");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let source = ReportSource::of(&log, None, today).unwrap();
    let report = safety_case_docx(&source).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(report)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    for hazard in &log.hazards {
        assert!(
            xml.contains(&hazard.display_id),
            "{} in the report",
            hazard.display_id
        );
    }
}

#[test]
fn test_references_are_read_from_evidence_text() {
    assert_eq!(
        named_tests("tests/a.rs::one, src/b.rs::two; not::this"),
        vec![
            ("tests/a.rs".to_owned(), "one".to_owned()),
            ("src/b.rs".to_owned(), "two".to_owned())
        ]
    );
}
